"""Mizan from Python: labour-market shortage forecasts and training paths for migrants.

Every function takes pandas DataFrames (or paths) and returns DataFrames, with the command
line's defaults; the work is done by the `mizan` binary (found through MIZAN_BIN, the wheel's
own binary, the checkout's release build, then PATH). Errors are exceptions: InputError (bad
data, with `problems` as (file, line, column, message)), UsageError, MissingFileError.

    import mizan
    fc = mizan.forecast("Datasets/morocco/panel.csv", horizon=5)
    fc.to_statsforecast()            # unique_id, ds, Mizan, Mizan-lo-80, …
    sh = mizan.shortages(panel_df, horizon=5)
    o = mizan.outlook("Datasets/morocco/outlook.toml")
    o.shortages, o.report
"""
import json
import os
import tempfile

import pandas as pd

from ._binary import MizanNotFoundError, check_on_import, find_binary, missing_packages
from ._run import InputError, MissingFileError, MizanError, UsageError, private_file, run, workspace
from ._tables import read_table

__all__ = ["forecast", "backtest", "shortages", "transitions", "recommend", "profile_risk", "scenario", "outlook",
           "ForecastFrame", "Bundle", "read_table", "find_binary", "MizanError", "InputError", "UsageError",
           "MissingFileError", "MizanNotFoundError"]
__version__ = "0.1.0"

check_on_import()


class ForecastFrame(pd.DataFrame):
    """The forecast CSV's columns (region, isco, year, measure, model, mean, lo80, hi80, …)."""

    @property
    def _constructor(self):
        return ForecastFrame

    def to_statsforecast(self, model="Mizan"):
        """statsforecast's long format: unique_id ("region/isco"), ds (the year), the mean as
        `model` and each interval as `model-lo-80`, `model-hi-80`, …"""
        out = pd.DataFrame({"unique_id": self["region"].astype(str) + "/" + self["isco"].astype(str),
                            "ds": self["year"].astype("int64"), model: self["mean"]})
        for c in self.columns:
            if c[:2] in ("lo", "hi") and c[2:].isdigit():
                out[f"{model}-{c[:2]}-{c[2:]}"] = self[c]
        return out.reset_index(drop=True)


class Bundle:
    """A folder the binary wrote (outlook, scenario): each CSV as a DataFrame, by name
    (`b.shortages`, `b["skills_gap"]`), the manifest as a dict, the report's path."""

    def __init__(self, folder):
        self.folder = os.path.abspath(folder)
        self.tables = {}
        for name in sorted(os.listdir(self.folder)):
            if name.endswith(".csv"):
                self.tables[name[:-4]] = read_table(os.path.join(self.folder, name))
        path = os.path.join(self.folder, "manifest.json")
        self.manifest = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
        report = os.path.join(self.folder, "report.html")
        self.report = report if os.path.exists(report) else None

    def __getitem__(self, name):
        return self.tables[name]

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table {name}.csv in {self.__dict__.get('folder')} (tables: {', '.join(tables)})")

    def __repr__(self):
        return f"Bundle({self.folder!r}: {', '.join(self.tables)})"


def _panel(panel, folder, name="panel.csv"):
    """A panel given as a DataFrame is written to the call's folder; a path is passed as it is."""
    if isinstance(panel, pd.DataFrame):
        path = os.path.join(folder, name)
        panel.to_csv(path, index=False)
        return path
    return os.fspath(panel)


def _personal(data, folder, name):
    """Profiles or registry rows (personal data) written owner-only; a path is passed as it is."""
    if isinstance(data, (str, os.PathLike)):
        return os.fspath(data)
    if isinstance(data, dict):
        data = [data]
    if isinstance(data, pd.DataFrame):
        path = private_file(folder, name + ".csv")
        data.to_csv(path, index=False)
        return path
    path = private_file(folder, name + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for item in data:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


def _shared_default(option, value, env_path):
    if value is not None:
        return [option, os.fspath(value)]
    if env_path and os.path.exists(env_path):
        return [option, env_path]
    return []


def _esco(esco):
    shared = os.environ.get("MIZAN_SHARED")
    return _shared_default("--esco", esco, os.path.join(shared, "datasets", "esco") if shared else None)


def _catalogue(catalogue):
    root = os.environ.get("MIZAN_ROOT")
    return _shared_default("--catalogue", catalogue, os.path.join(root, "Datasets", "training", "catalogue.csv") if root else None)


def forecast(panel, horizon=5, model="auto", reconcile="mint-shrink", levels=(80, 95), paths=400, seed=None,
             nonnegative=False, breaks=(), measure="employment"):
    """Reconciled forecasts of every region × occupation and aggregate (`mizan forecast`)."""
    with workspace() as w:
        out = os.path.join(w, "forecasts.csv")
        args = ["forecast", "--panel", _panel(panel, w), "--horizon", horizon, "--model", model, "--reconcile", reconcile,
                "--levels", ",".join(str(x) for x in levels), "--paths", paths, "--measure", measure, "--out", out]
        if seed is not None:
            args += ["--seed", seed]
        if nonnegative:
            args.append("--nonnegative")
        for b in breaks:
            args += ["--break", b]
        run(args)
        return ForecastFrame(read_table(out))


def backtest(panel, horizon=5, origins=5, models=None, levels=(80, 95)):
    """Rolling-origin accuracy, one row per series and model (`mizan backtest`)."""
    with workspace() as w:
        out = os.path.join(w, "backtest.csv")
        args = ["backtest", "--panel", _panel(panel, w), "--horizon", horizon, "--origins", origins,
                "--levels", ",".join(str(x) for x in levels), "--out", out]
        if models:
            args += ["--models", ",".join(models)]
        run(args)
        return read_table(out)


def shortages(panel, horizon=5, year=None, lang="en", paths=200, weights=None, sex=None):
    """The ranked shortage lists of every region and the country, with p_shortage and reasons (`mizan shortages`)."""
    with workspace() as w:
        out = os.path.join(w, "shortages.csv")
        args = ["shortages", "--panel", _panel(panel, w), "--horizon", horizon, "--lang", lang, "--paths", paths, "--out", out]
        if year is not None:
            args += ["--year", year]
        if weights is not None:
            args += ["--weights", os.fspath(weights)]
        if sex is not None:
            args += ["--sex", sex]
        run(args)
        return read_table(out)


def transitions(occupation, top=10, lang="en", esco=None, shortages=None, region=None, catalogue=None, panel=None):
    """Where someone in `occupation` (ESCO URI, ISCO code or label) can move, and what to learn (`mizan transitions`)."""
    with workspace() as w:
        args = ["transitions", "--from", occupation, "--top", top, "--lang", lang, "--format", "csv", *_esco(esco)]
        if shortages is not None:
            args += ["--shortages", _panel(shortages, w, "shortages.csv")]
        if region is not None:
            args += ["--region", region]
        if catalogue is not None:
            args += ["--catalogue", os.fspath(catalogue)]
        if panel is not None:
            args += ["--panel", _panel(panel, w)]
        text = run(args)
        path = os.path.join(w, "transitions.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return read_table(path)


def recommend(profiles, shortages, top=5, lang="en", esco=None, catalogue=None):
    """Own trade first, then reachable shortage occupations with training paths, for every profile
    (dicts, a DataFrame with one person a row, or a path); `shortages` a DataFrame or path (`mizan recommend`)."""
    with workspace() as w:
        out = private_file(w, "recommendations.csv")
        args = ["recommend", "--profiles", _personal(profiles, w, "profiles"), "--shortages", _panel(shortages, w, "shortages.csv"),
                "--top", top, "--lang", lang, "--out", out, *_esco(esco), *_catalogue(catalogue)]
        run(args)
        return read_table(out)


def profile_risk(registry, train_until, shortages=None):
    """Risk of long-term unemployment of every spell registered after `train_until`: id, p_ltu, tier, reasons (`mizan profile-risk`)."""
    with workspace() as w:
        out = private_file(w, "scores.csv")
        args = ["profile-risk", "--registry", _personal(registry, w, "registry"), "--train-until", train_until, "--out", out]
        if shortages is not None:
            args += ["--shortages", _panel(shortages, w, "shortages.csv")]
        run(args)
        return read_table(out)


def _progress_bar(total, desc):
    """A notebook-friendly progress bar (tqdm.auto) when tqdm is installed; else nothing."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, desc=desc)


def _stages(bar):
    def on_line(line):
        # "outlook: [3/6] shortages done in 2.1 s": one step of the bar per finished stage.
        if bar is not None and "] " in line and line.split(": ", 1)[-1].startswith("["):
            bar.update(1)
            bar.set_postfix_str(line.split("] ", 1)[1][:40])
    return on_line


def outlook(config, out=None, progress=True):
    """The yearly outlook as the configuration says (`mizan outlook`); returns its Bundle: every
    table as a DataFrame, the manifest, the report's path. Without `out`, a new folder in the
    temporary directory (kept: the report is read after the call)."""
    out = os.fspath(out) if out is not None else tempfile.mkdtemp(prefix="mizan-outlook-")
    target = out
    bar = _progress_bar(6, "outlook") if progress else None
    try:
        run(["outlook", "--config", os.fspath(config), "--out", target, "--no-record"], progress=_stages(bar))
    finally:
        if bar is not None:
            bar.close()
    return Bundle(target)


def scenario(config, scenario, baseline=None, out=None):
    """A scenario beside the outlook's baseline (`mizan scenario`); returns its Bundle:
    scenario_vs_baseline, drivers, shortage_list_changes, forecasts, shortages, … and the report."""
    out = os.fspath(out) if out is not None else tempfile.mkdtemp(prefix="mizan-scenario-")
    args = ["scenario", "--config", os.fspath(config), "--scenario", os.fspath(scenario), "--out", out, "--no-record"]
    if baseline is not None:
        args += ["--baseline", baseline.folder if isinstance(baseline, Bundle) else os.fspath(baseline)]
    run(args)
    return Bundle(out)
