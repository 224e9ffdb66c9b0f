"""Each function's DataFrame equals the CLI's CSV for the same input; a panel given as a DataFrame
and as a path give the same result; errors carry the CLI's messages; personal data never outlives
the call and is readable by its owner only."""
import json
import os
import stat

import pandas as pd
import pytest

import mizan
from conftest import ESCO, ROOT, SHORTAGES, SMALL_PANEL


def test_forecast_equals_the_cli_csv_and_a_dataframe_panel_gives_the_same(cli, tmp_path):
    out = tmp_path / "f.csv"
    cli("forecast", "--panel", SMALL_PANEL, "--horizon", 3, "--paths", 50, "--out", out)
    from_path = mizan.forecast(SMALL_PANEL, horizon=3, paths=50)
    pd.testing.assert_frame_equal(pd.DataFrame(from_path), mizan.read_table(out))
    panel = pd.read_csv(SMALL_PANEL, dtype={"isco": str})
    from_frame = mizan.forecast(panel, horizon=3, paths=50)
    pd.testing.assert_frame_equal(pd.DataFrame(from_frame), pd.DataFrame(from_path))
    assert from_path["year"].dtype == "int64" and from_path["isco"].map(type).eq(str).all()
    assert {"TOTAL", "MA-01"} <= set(from_path["region"])


def test_to_statsforecast_is_the_long_format(cli):
    fc = mizan.forecast(SMALL_PANEL, horizon=2, paths=50, levels=(80, 95))
    sf = fc.to_statsforecast()
    assert list(sf.columns) == ["unique_id", "ds", "Mizan", "Mizan-lo-80", "Mizan-hi-80", "Mizan-lo-95", "Mizan-hi-95"]
    assert len(sf) == len(fc) and sf["unique_id"].iloc[0] == f"{fc['region'].iloc[0]}/{fc['isco'].iloc[0]}"
    assert (sf["Mizan-lo-80"] <= sf["Mizan"]).all() and (sf["Mizan"] <= sf["Mizan-hi-95"]).all()


def test_codes_keep_their_leading_zero(tmp_path):
    panel = pd.DataFrame({"year": list(range(2010, 2022)) * 2, "region": ["MA-04"] * 24,
                          "isco": ["0110"] * 12 + ["7212"] * 12, "employment": [100 + i for i in range(12)] + [50 + 2 * i for i in range(12)]})
    fc = mizan.forecast(panel, horizon=2, paths=20)
    assert "0110" in set(fc["isco"])


def test_backtest_and_shortages_equal_the_cli(cli, tmp_path):
    cli("backtest", "--panel", SMALL_PANEL, "--horizon", 2, "--origins", 2, "--out", tmp_path / "b.csv")
    pd.testing.assert_frame_equal(mizan.backtest(SMALL_PANEL, horizon=2, origins=2), mizan.read_table(tmp_path / "b.csv"))
    cli("shortages", "--panel", SMALL_PANEL, "--horizon", 2, "--paths", 50, "--lang", "en", "--out", tmp_path / "s.csv")
    got = mizan.shortages(SMALL_PANEL, horizon=2, paths=50)
    pd.testing.assert_frame_equal(got, mizan.read_table(tmp_path / "s.csv"))
    assert got["rank"].dtype == "int64"


@pytest.mark.skipif(not ESCO.exists(), reason="ESCO (../shared/datasets/esco) is not beside the checkout")
def test_transitions_and_recommend_equal_the_cli(cli, tmp_path):
    r = cli("transitions", "--from", "welder", "--top", 5, "--format", "csv", "--esco", ESCO)
    (tmp_path / "t.csv").write_text(r.stdout)
    pd.testing.assert_frame_equal(mizan.transitions("welder", top=5, esco=ESCO), mizan.read_table(tmp_path / "t.csv"))
    profiles = ROOT / "Datasets" / "profiles" / "sample.jsonl"
    catalogue = ROOT / "Datasets" / "training" / "catalogue.csv"
    cli("recommend", "--profiles", profiles, "--shortages", SHORTAGES, "--esco", ESCO, "--catalogue", catalogue,
        "--lang", "en", "--out", tmp_path / "r.csv")
    expected = mizan.read_table(tmp_path / "r.csv")
    from_path = mizan.recommend(profiles, SHORTAGES, esco=ESCO, catalogue=catalogue)
    pd.testing.assert_frame_equal(from_path, expected)
    # Profiles as dicts give the same rows.
    dicts = [json.loads(line) for line in open(profiles, encoding="utf-8") if line.strip()]
    pd.testing.assert_frame_equal(mizan.recommend(dicts, SHORTAGES, esco=ESCO, catalogue=catalogue), expected)


def test_profile_risk_equals_the_cli(cli, tmp_path):
    registry = ROOT / "Datasets" / "morocco" / "registry.csv"
    cli("profile-risk", "--registry", registry, "--train-until", 2021, "--out", tmp_path / "p.csv")
    got = mizan.profile_risk(registry, train_until=2021)
    pd.testing.assert_frame_equal(got, mizan.read_table(tmp_path / "p.csv"))
    assert got["id"].map(type).eq(str).all()


def test_errors_carry_the_cli_messages(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("year,region,isco,employment\n2020,MA-04,7212,x\n")
    with pytest.raises(mizan.InputError) as e:
        mizan.forecast(bad)
    assert e.value.exit_code == 65
    assert e.value.problems == [(str(bad), 2, 17, "employment 'x' is not a number")]
    with pytest.raises(mizan.MissingFileError) as e:
        mizan.forecast(tmp_path / "nowhere.csv")
    assert "nowhere.csv" in str(e.value)
    with pytest.raises(mizan.UsageError):
        mizan.forecast(SMALL_PANEL, model="no-such-model")


def test_personal_data_is_owner_only_and_gone_after_the_call(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setenv("MIZAN_TMPDIR", str(tmp_path))
    import mizan._run as run_module
    real = run_module.run

    def spy(args, progress=None):
        for folder in os.listdir(tmp_path):
            full = tmp_path / folder
            seen.append((stat.S_IMODE(os.stat(full).st_mode), {f: stat.S_IMODE(os.stat(full / f).st_mode) for f in os.listdir(full)}))
        return real(args, progress)
    monkeypatch.setattr(mizan, "run", spy)
    registry = pd.read_csv(ROOT / "Datasets" / "morocco" / "registry.csv", dtype=str)
    mizan.profile_risk(registry, train_until=2021)
    assert seen and seen[0][0] == 0o700 and seen[0][1]["registry.csv"] == 0o600
    assert os.listdir(tmp_path) == []


def test_outlook_and_scenario_bundles(tmp_path):
    config = tmp_path / "outlook.toml"
    config.write_text(f'[inputs]\npanel = "{SMALL_PANEL}"\n[forecast]\nhorizon = 3\npaths = 40\n')
    o = mizan.outlook(config, out=tmp_path / "outlook", progress=False)
    assert {"forecasts", "shortages", "shortages_now"} <= set(o.tables) and o.report.endswith("report.html")
    assert o.manifest["horizon"] == 3
    sc = tmp_path / "s.toml"
    sc.write_text('[[shock]]\nkind = "occupation_jobs"\nisco = "1120"\nregion = "MA-02"\njobs = { 2026 = 500 }\n')
    s = mizan.scenario(config, sc, baseline=o, out=tmp_path / "scenario")
    cmp = s.scenario_vs_baseline
    row = cmp[(cmp.region == "MA-02") & (cmp.isco == "1120") & (cmp.year == 2027) & (cmp.measure == "employment")]
    assert row["difference"].iloc[0] == 500
    with pytest.raises(AttributeError, match="no table nothing.csv"):
        _ = s.nothing


def test_missing_system_libraries_are_named_as_apt_packages(monkeypatch):
    import subprocess
    import mizan._binary as b
    ldd = ("\tlibsqlite3.so.0 => /lib/x86_64-linux-gnu/libsqlite3.so.0 (0x1)\n\tliblapacke.so.3 => not found\n"
           "\tlibopenblas.so.0 => not found\n\tlibdeflate.so.0 => not found\n")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=ldd, stderr=""))
    assert b.missing_packages("/x/mizan") == ["liblapacke", "libopenblas0", "libdeflate0"]


def test_no_binary_says_where_it_looked(monkeypatch, tmp_path):
    import mizan._binary as b
    monkeypatch.setenv("MIZAN_BIN", str(tmp_path / "absent"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(b.pathlib.Path, "is_file", lambda self: False)
    with pytest.raises(mizan.MizanNotFoundError, match="MIZAN_BIN .*the binary inside this wheel.*the checkout's release build.*PATH"):
        b.find_binary()
