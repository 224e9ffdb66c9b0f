#!/usr/bin/env python3
"""Side-by-side benchmarks: Mizan and its peer on the same input files, in one run.

For each case the Mizan command and the peer command run alternately (M, P, M, P, …) `--rounds`
times; each invocation reports its own median over `--reps` inner repetitions. The ratio printed
is median(Mizan) / median(peer) over the rounds (below 1: Mizan is faster; for GFLOP/s, above 1).

    python3 Benchmarks/run.py [--rounds 5] [--only gemm,lstsq,read_panel] [--write-results]

Inputs go to Benchmarks/work/ (git-ignored). The peers' Python is ../shared/peers/.venv (made with
../shared/peers/setup.sh when missing) or $PEERS_PY.
"""
import argparse, json, os, platform, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("MIZAN_SHARED", os.path.join(ROOT, "..", "shared"))
PEERS = os.path.join(SHARED, "peers")
WORK = os.path.join(HERE, "work")
BENCH = os.path.join(ROOT, ".build", "release", "mizan-bench")


def peers_python():
    py = os.environ.get("PEERS_PY") or os.path.join(PEERS, ".venv", "bin", "python")
    if not os.path.exists(py):
        print("setting up the peers' environment (../shared/peers/setup.sh)…", file=sys.stderr)
        subprocess.run([os.path.join(PEERS, "setup.sh")], check=True)
    return py


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def make_inputs(py):
    os.makedirs(WORK, exist_ok=True)
    code = f"""
import numpy as np, os
rng = np.random.default_rng(20251123)
W = {WORK!r}
for n in (256, 1024, 2048):
    for s in "ab":
        p = f"{{W}}/gemm_{{n}}_{{s}}.bin"
        if not os.path.exists(p): rng.standard_normal(n * n).tofile(p)
for m, n in ((100000, 50), (20000, 200)):
    px, py = f"{{W}}/lstsq_{{m}}x{{n}}_x.bin", f"{{W}}/lstsq_{{m}}x{{n}}_y.bin"
    if not os.path.exists(px):
        X = rng.standard_normal((m, n)); X[:, 0] = 1.0
        y = X @ rng.standard_normal(n) + rng.standard_normal(m)
        X.T.ravel().tofile(px); y.tofile(py)   # column-major
"""
    subprocess.run([py, "-c", code], check=True)
    large = os.path.join(WORK, "large", "panel.csv")
    if not os.path.exists(large):
        subprocess.run([py, os.path.join(PEERS, "gen_panel.py"), "--size", "large", "--only", "panel",
                        "--out", os.path.join(WORK, "large")], check=True, capture_output=True)
    # A ~100 MB panel: the large panel three times over, as three countries' provinces.
    xl = os.path.join(WORK, "xl", "panel.csv")
    if not os.path.exists(xl):
        os.makedirs(os.path.dirname(xl), exist_ok=True)
        with open(large, encoding="utf-8") as f:
            header = f.readline()
            body = f.read()
        with open(xl + ".tmp", "w", encoding="utf-8") as f:
            f.write(header)
            for prefix in ("MA-", "MB-", "MC-"):
                f.write(body.replace("MA-", prefix))
        os.replace(xl + ".tmp", xl)
    return large, xl


def serve_case():
    """`mizan serve` on the bundled outlook: time to the first list page, then wrk at 64
    connections on the list page and on the counsellor form's recommendation."""
    import re, socket, urllib.request
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    bundle = os.path.join(ROOT, "out", "outlook")
    if not os.path.exists(os.path.join(bundle, "shortages.csv")):
        sys.exit("serve benchmark: run `make outlook` first (it needs out/outlook)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    server = subprocess.Popen([mizan, "serve", "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/fr/shortages?region=MA-06").read(); break
            except Exception:
                time.sleep(0.01)
        start = time.perf_counter() - t0
        # The counsellor engine loads after start; wait for it before loading the form.
        while True:
            try:
                urllib.request.urlopen(url + "/api/skills?q=souder&lang=fr").read(); break
            except Exception:
                time.sleep(0.1)
        ready = time.perf_counter() - t0
        script = os.path.join(WORK, "post.lua")
        os.makedirs(WORK, exist_ok=True)
        with open(script, "w") as f:
            f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                    'wrk.body = "occupation=soudeur&years=6&abroad=on&skills=souder+%C3%A0+l%27arc&region=MA-06&willing=MA-04"\n')

        def wrk(path, extra=()):
            # 3 s of warm-up (first touches of the indexes and caches), then the measured 10 s.
            subprocess.run(["wrk", "-t2", "-c64", "-d3s", *extra, url + path], check=True, capture_output=True)
            out = subprocess.run(["wrk", "-t2", "-c64", "-d10s", "--latency", *extra, url + path], check=True, capture_output=True, text=True).stdout
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            def ms(label):
                m = re.search(label + r"%\s+([\d.]+)(us|ms|s)", out)
                v = float(m.group(1))
                return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            sock = re.search(r"Socket errors: (.*)", out)
            return rps, ms("50"), ms("99"), (int(errors.group(1)) if errors else 0), (sock.group(1) if sock else "none")
        rows = [("start to the first list page, s (goal < 2)", f"{start:.2f} (counsellor engine ready after {ready:.2f})")]
        rps, p50, p99, bad, sock = wrk("/fr/shortages?region=MA-06")
        rows.append(("list page (Casablanca-Settat, French), 64 connections",
                     f"{rps:,.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, non-2xx {bad}, socket errors {sock}; goal "
                     f"{'met' if rps >= 2000 and p99 < 50 and bad == 0 else 'NOT met'}"))
        rps, p50, p99, bad, sock = wrk("/fr/counsellor", ("-s", script))
        rows.append(("counsellor form posted: a returnee welder's recommendations, 64 connections",
                     f"{rps:,.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, non-2xx {bad}, socket errors {sock}; goal "
                     f"{'met' if p99 < 100 and bad == 0 else 'NOT met'}"))
        for r in rows:
            print(r, flush=True)
        return rows
    finally:
        server.terminate()
        server.wait()


def profiling_case(py, rounds):
    """`mizan profile-risk` on a million spells against statsmodels Logit and scikit-learn
    LogisticRegression on the same file and features (scripts/peer_profile_logit.py --bench)."""
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    folder = os.path.join(WORK, "registry_1m")
    reg = os.path.join(folder, "registry.csv")
    if not os.path.exists(reg):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_registry.py"), "--per-year", "111112", "--out", folder], check=True)
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    mc = [mizan, "profile-risk", "--registry", reg, "--train-until", "2021", "--out", os.path.join(scratch, "scores_1m.csv")]
    pc = [py, os.path.join(ROOT, "scripts", "peer_profile_logit.py"), "--bench", reg, "--train-until", "2021"]
    mt, sm, sk, rss = [], [], [], []
    for _ in range(rounds):
        w, r, _ = timed(mc); mt.append(w); rss.append(r)
        out = subprocess.run(pc, check=True, capture_output=True, text=True).stdout.strip().splitlines()
        sm.append(json.loads(out[-2])["total_s"]); sk.append(json.loads(out[-1])["total_s"])
    m, s1, s2 = statistics.median(mt), statistics.median(sm), statistics.median(sk)
    rows = [("1,000,008 spells: fit on 666,672, score 333,336 (Mizan: + reasons, audit, report data; peak RSS "
             f"{max(rss):.0f} MB) vs statsmodels Logit", m, s1, m / s1, (f"Mizan {s1 / m:.1f}× faster" if m < s1 else f"statsmodels {m / s1:.1f}× faster (it does not write reasons or an audit)")
             + f"; goal < 10 s: {'met' if m < 10 else 'NOT met'}"),
            ("same vs scikit-learn LogisticRegression (lbfgs, unpenalised)", m, s2, m / s2, f"Mizan {s2 / m:.1f}× faster")]
    for row in rows:
        print(row, flush=True)
    return rows


def timed(cmd, cwd=None):
    """Wall seconds and peak RSS (MB) of a whole command, measured the same way for both sides."""
    t = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, check=True, capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - t
    rss_kb = int(out.stderr.strip().splitlines()[-1])
    return wall, rss_kb / 1024, out.stdout


def forecast_cases(py, rounds, only):
    """Whole-pipeline cases: Mizan's forecast (load, fit on every node, MinT-shrink, intervals,
    write) against statsforecast + hierarchicalforecast (peer c) and the rolling backtest
    (peer f). Returns table rows."""
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    default = os.path.join(WORK, "default")
    if not os.path.exists(os.path.join(default, "panel.csv")):
        subprocess.run([py, os.path.join(PEERS, "gen_panel.py"), "--only", "panel", "--out", default], check=True, capture_output=True)
    large = os.path.join(WORK, "large")
    rows = []
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    if "forecast" in only:
        mc = [mizan, "forecast", "--panel", os.path.join(default, "panel.csv"), "--horizon", "5", "--model", "auto",
              "--reconcile", "mint-shrink", "--levels", "80,95", "--out", os.path.join(scratch, "mizan_forecast.csv")]
        pc = [py, os.path.join(PEERS, "peer_reconcile_hierarchicalforecast.py"), "--data", default, "--out",
              os.path.join(scratch, "peer_c"), "--timings", "", "--methods", "MinTrace_mint_shrink", "--level", "80,95"]
        mt, pt, mr, pr = [], [], [], []
        for _ in range(rounds):
            w, r, _ = timed(mc); mt.append(w); mr.append(r)
            w, r, _ = timed(pc, cwd=PEERS); pt.append(w); pr.append(r)
        m, p = statistics.median(mt), statistics.median(pt)
        rows.append(("forecast --model auto --reconcile mint-shrink, 80/95 intervals, default panel (7,475 series), s",
                     m, p, m / p, f"Mizan {p / m:.0f}× faster; peak RSS Mizan {max(mr):.0f} MB, peer {max(pr):.0f} MB"))
        print(rows[-1], flush=True)
        # The peer without intervals (point forecasts only) against Mizan with them.
        w, r, _ = timed(pc[:-2], cwd=PEERS)
        rows.append(("same, peer without intervals (point forecasts only), Mizan still with them, s", m, w, m / w,
                     f"Mizan {w / m:.0f}× faster; peer peak RSS {r:.0f} MB"))
        print(rows[-1], flush=True)
        w, r, _ = timed([mizan, "forecast", "--panel", os.path.join(large, "panel.csv"), "--out", os.path.join(scratch, "mizan_large.csv")])
        rows.append(("same on the large panel (75 × 433 × 30 years, 46,360 series), s", w, float("nan"), float("nan"),
                     f"peer's dense S does not fit; Mizan peak RSS {r:.0f} MB"))
        print(rows[-1], flush=True)
    if "backtest" in only:
        mc = [mizan, "backtest", "--panel", os.path.join(default, "panel.csv"), "--horizon", "5", "--origins", "5",
              "--models", "ets,damped,theta", "--out", os.path.join(scratch, "mizan_backtest.csv")]
        pc = [py, os.path.join(PEERS, "peer_rolling_backtest.py"), "--data", default, "--out", os.path.join(scratch, "peer_f"), "--timings", ""]
        w1, r1, mout = timed(mc)
        w2, r2, _ = timed(pc, cwd=PEERS)
        rows.append(("rolling backtest, 5 origins × h 5, 5 models (Mizan: all 7,475 nodes; peer: 4,800 bottoms), s",
                     w1, w2, w1 / w2, f"Mizan {w2 / w1:.0f}× faster"))
        print(rows[-1], flush=True)
        # Accuracy against the peer is asserted by BacktestPeerTests (small panel), not recorded here.
    return rows


def esco_workload(py):
    """The peer kit's ESCO matching workload (100,000 profiles × 3,039 occupations), made once."""
    data = os.path.join(WORK, "default_esco")
    if not os.path.exists(os.path.join(data, "profiles.csv")):
        subprocess.run([py, os.path.join(PEERS, "gen_panel.py"), "--skills-source", "esco", "--only", "skills,profiles",
                        "--out", data], check=True, capture_output=True)
    return data


def match_case(py, rounds):
    """mizan match against peer (e), scipy sparse path, on the ESCO workload (100,000 profiles ×
    3,039 occupations, real ESCO skills): end to end, same files, alternating rounds; then the
    agreement of the two top-10 files (scores per rank; sets differ only at ties)."""
    data = esco_workload(py)
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    mc = [mizan, "match", "--occupations", os.path.join(data, "occupation_skills.csv"), "--profiles",
          os.path.join(data, "profiles.csv"), "--top", "10", "--out", os.path.join(scratch, "mizan_top10.csv")]
    pc = [py, os.path.join(PEERS, "peer_recommend_numpy.py"), "--data", data, "--out", os.path.join(scratch, "peer_e"),
          "--timings", "", "--sparse-only"]
    mt, pt, mr, pr = [], [], [], []
    for _ in range(rounds):
        w, r, _ = timed(mc); mt.append(w); mr.append(r)
        w, r, _ = timed(pc, cwd=PEERS); pt.append(w); pr.append(r)
    m, p = statistics.median(mt), statistics.median(pt)
    import csv as _csv
    a = list(_csv.reader(open(os.path.join(scratch, "peer_e", "top10.csv"))))[1:]
    b = list(_csv.reader(open(os.path.join(scratch, "mizan_top10.csv"))))[1:]
    # The agreement the note states is checked here: the run fails if a rank's scores differ.
    maxdiff = max(abs(float(x[3]) - float(y[3])) for x, y in zip(a, b))
    if len(a) != len(b) or maxdiff > 1.5e-6:
        raise SystemExit(f"match: top-10 scores disagree with the peer's (largest difference {maxdiff:.2e})")
    row = (f"| match: top-10 of 100,000 profiles × 3,039 ESCO occupations, end to end, s | {m:.3g} | {p:.3g} | {m / p:.3f} | "
           f"Mizan {p / m:.1f}× faster ({100000 / m:,.0f} profiles/s); peak RSS Mizan {max(mr):.0f} MB, peer {max(pr):.0f} MB |")
    note = (f"Top-10 agreement, checked by the benchmark (it fails otherwise): at every rank of all {len(a):,} rows the "
            f"two scores agree to the 6 printed decimals, so where the occupation differs the peer broke a tie its own way.")
    print(row, note, sep="\n", flush=True)
    return row, note


def performance_case(py, rounds):
    """Issue 30's four workloads side by side, alternating Mizan and peer in every round: the
    default forecast, the rolling backtest (on the same 4,800 bottom series as the peer, and on
    all 7,475 nodes), top-10 matching, and the large panel (Mizan alone: time per series and
    peak RSS). Ratios are peer time ÷ Mizan time per round; the table gives the median and the
    worst round. Returns table rows."""
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    default = os.path.join(WORK, "default")
    if not os.path.exists(os.path.join(default, "panel.csv")):
        subprocess.run([py, os.path.join(PEERS, "gen_panel.py"), "--only", "panel", "--out", default], check=True, capture_output=True)
    esco = esco_workload(py)
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    panel = os.path.join(default, "panel.csv")
    bt = [mizan, "backtest", "--panel", panel, "--horizon", "5", "--origins", "5", "--models", "ets,damped,theta"]
    cases = [
        ("default forecast (median of four models, MinT-shrink, calibrated 80/95 %), default panel, 7,475 series, s",
         [mizan, "forecast", "--panel", panel, "--out", os.path.join(scratch, "mizan_forecast.csv")],
         [py, os.path.join(PEERS, "peer_reconcile_hierarchicalforecast.py"), "--data", default, "--out",
          os.path.join(scratch, "peer_c"), "--timings", "", "--methods", "MinTrace_mint_shrink", "--level", "80,95"], 50),
        ("rolling backtest, 5 origins × h 5, AutoETS, damped, Theta (+ naive, drift), the same 4,800 bottom series, s",
         bt + ["--series", "bottom", "--out", os.path.join(scratch, "mizan_backtest_bottom.csv")],
         [py, os.path.join(PEERS, "peer_rolling_backtest.py"), "--data", default, "--out", os.path.join(scratch, "peer_f"),
          "--timings", ""], 20),
        ("same, Mizan on all 7,475 nodes (aggregates too), peer on its 4,800 bottoms, s",
         bt + ["--out", os.path.join(scratch, "mizan_backtest.csv")], None, None),
        ("match top 10, 100,000 profiles × 3,039 ESCO occupations, end to end, s",
         [mizan, "match", "--occupations", os.path.join(esco, "occupation_skills.csv"), "--profiles",
          os.path.join(esco, "profiles.csv"), "--top", "10", "--out", os.path.join(scratch, "mizan_top10.csv")],
         [py, os.path.join(PEERS, "peer_recommend_numpy.py"), "--data", esco, "--out", os.path.join(scratch, "peer_e"),
          "--timings", "", "--sparse-only"], 10),
    ]
    times = {c[0]: ([], [], [], []) for c in cases}  # Mizan s, peer s, Mizan MB, peer MB
    for _ in range(rounds):
        last_peer = None
        for title, mc, pc, _goal in cases:
            w, r, _ = timed(mc, cwd=ROOT)
            times[title][0].append(w); times[title][2].append(r)
            if pc is None:  # compared with the previous case's peer run of this round
                times[title][1].append(last_peer[0]); times[title][3].append(last_peer[1])
                continue
            w, r, _ = timed(pc, cwd=PEERS)
            times[title][1].append(w); times[title][3].append(r)
            last_peer = (w, r)
        print({t: [round(x, 3) for x in v[0]] + [round(x, 3) for x in v[1]] for t, v in times.items()}, flush=True)
    # The top-10 files must agree (scores per rank; sets differ only at ties).
    import csv as _csv
    a = list(_csv.reader(open(os.path.join(scratch, "peer_e", "top10.csv"))))[1:]
    b = list(_csv.reader(open(os.path.join(scratch, "mizan_top10.csv"))))[1:]
    maxdiff = max(abs(float(x[3]) - float(y[3])) for x, y in zip(a, b))
    if len(a) != len(b) or maxdiff > 1.5e-6:
        raise SystemExit(f"match: top-10 scores disagree with the peer's (largest difference {maxdiff:.2e})")
    rows = []
    for title, _mc, _pc, goal in cases:
        m, p, mr, pr = times[title]
        ratios = [y / x for x, y in zip(m, p)]
        mm, pm = statistics.median(m), statistics.median(p)
        goal_text = f"; goal ≥ {goal}×" if goal else ""
        rows.append((title, mm, pm, mm / pm,
                     f"Mizan {statistics.median(ratios):.1f}× faster (worst round {min(ratios):.1f}×{goal_text}); "
                     f"peak RSS Mizan {max(mr):.0f} MB, peer {max(pr):.0f} MB"))
    # The large panel: Mizan alone (the peer's dense S would need ~12 GB).
    large = os.path.join(WORK, "large", "panel.csv")
    lw, lr = [], []
    for _ in range(rounds):
        w, r, _ = timed([mizan, "forecast", "--panel", large, "--out", os.path.join(scratch, "mizan_large.csv")], cwd=ROOT)
        lw.append(w); lr.append(r)
    per_large = statistics.median(lw) / 46360 * 1e3
    per_default = statistics.median(times[cases[0][0]][0]) / 7475 * 1e3
    rows.append(("default forecast, large panel (75 provinces × 433 × 30 years, 46,360 series), s", statistics.median(lw),
                 float("nan"), float("nan"),
                 f"peak RSS {max(lr):.0f} MB (goal ≤ 1,024 MB); {per_large:.3f} ms a series against {per_default:.3f} ms on "
                 f"the default panel"))
    for row in rows:
        print(row, flush=True)
    return rows


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip(); break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def calibration_case(py, rounds):
    """Issue 12: what calibrated intervals and the new default cost. On the peer kit's default
    panel, alternating in one run: mizan forecast with the default (calibrated intervals), the same
    with the models' own intervals, the former default (AutoETS, model intervals), and the peer
    (statsforecast AutoETS + hierarchicalforecast MinT-shrink with 80/95 intervals)."""
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    default = os.path.join(WORK, "default")
    if not os.path.exists(os.path.join(default, "panel.csv")):
        subprocess.run([py, os.path.join(PEERS, "gen_panel.py"), "--only", "panel", "--out", default], check=True, capture_output=True)
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    base = [mizan, "forecast", "--panel", os.path.join(default, "panel.csv"), "--horizon", "5", "--reconcile", "mint-shrink",
            "--levels", "80,95"]
    cmds = {
        "calibrated": base + ["--model", "auto", "--out", os.path.join(scratch, "cal.csv")],
        "model": base + ["--model", "auto", "--intervals", "model", "--out", os.path.join(scratch, "model.csv")],
        "ets": base + ["--model", "ets", "--intervals", "model", "--out", os.path.join(scratch, "ets.csv")],
    }
    peer = [py, os.path.join(PEERS, "peer_reconcile_hierarchicalforecast.py"), "--data", default, "--out",
            os.path.join(scratch, "peer_c"), "--timings", "", "--methods", "MinTrace_mint_shrink", "--level", "80,95"]
    times = {k: [] for k in list(cmds) + ["peer"]}
    for _ in range(rounds):
        for k, c in cmds.items():
            times[k].append(timed(c)[0])
        times["peer"].append(timed(peer, cwd=PEERS)[0])
    med = {k: statistics.median(v) for k, v in times.items()}
    rows = [
        ("forecast --model auto --reconcile mint-shrink, calibrated intervals (the default) vs the same with --intervals model, s",
         med["calibrated"], med["model"], med["calibrated"] / med["model"], f"calibration adds {100 * (med['calibrated'] / med['model'] - 1):.0f} %"),
        ("same, the default vs the former default (--model ets --intervals model), s",
         med["calibrated"], med["ets"], med["calibrated"] / med["ets"], f"{100 * (med['calibrated'] / med['ets'] - 1):+.0f} %"),
        ("same, the default vs statsforecast AutoETS + hierarchicalforecast MinT-shrink with 80/95 intervals, s",
         med["calibrated"], med["peer"], med["calibrated"] / med["peer"], f"Mizan {med['peer'] / med['calibrated']:.0f}× faster"),
    ]
    for r in rows:
        print(r, flush=True)
    return rows


def shortages_case(rounds, baseline):
    """Issue 10: the whole `mizan shortages` run (forecast, stock-flow balance with its draws,
    ranking, CSV) on the peer kit's default panel, against a baseline binary built from an
    earlier commit (`--baseline PATH`), alternating in one run."""
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    panel = os.path.join(WORK, "default", "panel.csv")
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    now, before = [], []
    for _ in range(rounds):
        now.append(timed([mizan, "shortages", "--panel", panel, "--out", os.path.join(scratch, "short_new.csv")])[0])
        before.append(timed([baseline, "shortages", "--panel", panel, "--out", os.path.join(scratch, "short_old.csv")])[0])
    m, b = statistics.median(now), statistics.median(before)
    return (f"mizan shortages, default panel (7,475 series, horizon 5, 200 paths), this build vs the baseline, s",
            m, b, m / b, f"{100 * (m / b - 1):+.0f} % (limit +50 %)")


def recommend_case(rounds):
    """Issue 11: `mizan recommend --profiles` throughput with full recommendations (own trade,
    top 10 moves, training paths, reasons), on 5,000 profiles cycled from the bundled sample, the
    Morocco shortage list as outlook. Loading (ESCO, catalogue) is measured with one profile and
    taken off."""
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    shortages = os.path.join(scratch, "morocco_shortages.csv")
    if not os.path.exists(shortages):
        subprocess.run([mizan, "shortages", "--panel", os.path.join(ROOT, "Datasets", "morocco", "panel.csv"), "--out", shortages],
                       check=True, capture_output=True)
    sample = [json.loads(l) for l in open(os.path.join(ROOT, "Datasets", "profiles", "sample.jsonl")) if l.strip()]
    many, one = os.path.join(scratch, "profiles_5000.jsonl"), os.path.join(scratch, "profiles_1.jsonl")
    with open(many, "w") as f:
        for k in range(5000):
            p = dict(sample[k % len(sample)]); p["id"] = f"bench-{k}"; f.write(json.dumps(p) + "\n")
    with open(one, "w") as f:
        f.write(json.dumps(dict(sample[0], id="bench-0")) + "\n")
    base = [mizan, "recommend", "--catalogue", os.path.join(ROOT, "Datasets", "training", "catalogue.csv"),
            "--shortages", shortages, "--top", "10"]
    full, load = [], []
    for _ in range(rounds):
        full.append(timed(base + ["--profiles", many, "--out", os.path.join(scratch, "rec_5000.csv")])[0])
        load.append(timed(base + ["--profiles", one, "--out", os.path.join(scratch, "rec_1.csv")])[0])
    f, l = statistics.median(full), statistics.median(load)
    rate = 4999 / (f - l)
    return (f"mizan recommend --profiles, 5,000 profiles (own trade + top 10 with training paths), s; loading (1 profile) beside",
            f, l, rate, f"{rate:,.0f} profiles/s after loading (goal ≥ 800)")


def scenario_case(rounds):
    """Issue 25: one scenario (Datasets/morocco/scenarios/kenitra_plant.toml, two shocks: four
    shortage lists, the recommendations twice) against the yearly outlook it is a variant of,
    alternating in one run; the scenario reuses the outlook's forecast and paths (--baseline)."""
    mizan = os.path.join(ROOT, ".build", "release", "mizan")
    scratch = os.path.join(WORK, "out")
    os.makedirs(scratch, exist_ok=True)
    config = os.path.join(ROOT, "Datasets", "morocco", "outlook.toml")
    outlook = os.path.join(scratch, "scenario_baseline_outlook")
    scen, full = [], []
    for _ in range(rounds):
        full.append(timed([mizan, "outlook", "--config", config, "--out", outlook, "--no-record"])[0])
        scen.append(timed([mizan, "scenario", "--config", config, "--baseline", outlook, "--no-record",
                           "--scenario", os.path.join(ROOT, "Datasets", "morocco", "scenarios", "kenitra_plant.toml"),
                           "--out", os.path.join(scratch, "scenario_kenitra")])[0])
    s_, o = statistics.median(scen), statistics.median(full)
    return ("mizan scenario (2 shocks, --baseline the outlook) vs mizan outlook, bundled Morocco data, s", s_, o, s_ / o,
            f"{s_ / o:.2f} of the outlook's time (goal < 1/3)")


def write_block(marker, heading, body):
    """Replaces the block between <!-- marker --> and <!-- /marker --> in RESULTS.md (or adds it
    under `heading`), leaving every other section as it is."""
    path = os.path.join(HERE, "RESULTS.md")
    text = open(path).read()
    block = f"<!-- {marker} -->\n{body}\n<!-- /{marker} -->"
    if f"<!-- {marker} -->" in text:
        pre, rest = text.split(f"<!-- {marker} -->", 1)
        text = pre + block + rest.split(f"<!-- /{marker} -->", 1)[1]
    else:
        text += f"\n## {heading}\n\n" + block + "\n"
    open(path, "w").write(text)


def xlsx_case(py, rounds, large):
    """Issue 16: reading a panel from an Excel workbook against the same panel as CSV (the peer
    kit's large panel), alternating in one run."""
    xlsx = os.path.join(WORK, "large.xlsx")
    if not os.path.exists(xlsx):
        subprocess.run([BENCH, "write-xlsx", "--file", large, "--out", xlsx], check=True, capture_output=True)
    c, x = [], []
    for _ in range(rounds):
        c.append(run_json([BENCH, "read-panel", "--file", large, "--reps", "3"])["median_s"])
        x.append(run_json([BENCH, "read-panel", "--file", xlsx, "--reps", "3"])["median_s"])
    mc, mx = statistics.median(c), statistics.median(x)
    return (f"read the large panel ({os.path.getsize(large) / 1e6:.0f} MB CSV, {os.path.getsize(xlsx) / 1e6:.0f} MB .xlsx), "
            f".xlsx vs CSV, s", mx, mc, mx / mc, f".xlsx takes {mx / mc:.1f}× the CSV time")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--only", default="performance,gemm,lstsq,read_panel")
    ap.add_argument("--forecast-rounds", type=int, default=2)
    ap.add_argument("--write-results", action="store_true", help="rewrite the table in Benchmarks/RESULTS.md")
    ap.add_argument("--baseline", help="an earlier mizan binary, for --only shortages")
    ap.add_argument("--baseline-label", default="", help="what the baseline is (e.g. a commit)")
    a = ap.parse_args()
    if set(a.only.split(",")) == {"scenario"}:
        # Mizan against itself: no peer environment needed.
        a.only = "scenario-only"
    py = peers_python() if a.only != "scenario-only" else sys.executable
    if a.only == "scenario-only":
        t, m, o, r, v = scenario_case(max(3, a.forecast_rounds))
        print((t, m, o, r, v), flush=True)
        if a.write_results:
            write_block("scenario-table", "Scenarios (issue 25)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {max(3, a.forecast_rounds)} alternating rounds, "
                        f"medians of whole processes; release build.\n\n| case | scenario | outlook | ratio | |\n"
                        f"|---|---|---|---|---|\n| {t} | {m:.4g} | {o:.4g} | {r:.3f} | {v} |")
        return
    large, xl = make_inputs(py)
    only = set(a.only.split(","))
    if "performance" in only:
        prow = performance_case(py, max(3, a.forecast_rounds))
        if a.write_results:
            fmt = lambda v: "–" if v != v else f"{v:.4g}"
            body = "\n".join(f"| {t} | {fmt(m)} | {fmt(p)} | {fmt(r)} | {v} |" for t, m, p, r, v in prow)
            write_block("performance-table", "Performance against the peers (issue 30)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {max(3, a.forecast_rounds)} rounds, Mizan and "
                        f"peer alternating within each; whole processes (wall time and peak RSS by /usr/bin/time); release "
                        f"build; medians, and the worst round's ratio.\n\n| case | Mizan | peer | ratio Mizan/peer | |\n"
                        f"|---|---|---|---|---|\n{body}")
        if only == {"performance"}:
            return
    reps = str(a.reps)
    cases = []
    if "gemm" in only:
        for n in (256, 1024, 2048):
            cases.append((f"dgemm n={n}, GFLOP/s", "gflops_median", True,
                          [BENCH, "gemm", "--n", str(n), "--dir", WORK, "--reps", reps],
                          [py, os.path.join(HERE, "peer_linalg.py"), "gemm", "--n", str(n), "--dir", WORK, "--reps", reps]))
    if "lstsq" in only:
        for m, n in ((100000, 50), (20000, 200)):
            cases.append((f"least squares {m}×{n}, s (Mizan QR+refinement+SEs vs numpy lstsq)", "median_s", False,
                          [BENCH, "lstsq", "--m", str(m), "--n", str(n), "--dir", WORK, "--reps", reps],
                          [py, os.path.join(HERE, "peer_linalg.py"), "lstsq", "--m", str(m), "--n", str(n), "--dir", WORK, "--reps", reps]))
    if "read_panel" in only:
        for path in (large, xl):
            cases.append((f"read panel {os.path.getsize(path) / 1e6:.0f} MB, s (vs pandas read_csv)", "median_s", False,
                          [BENCH, "read-panel", "--file", path, "--reps", "3"],
                          [py, os.path.join(PEERS, "peer_read_csv.py"), "--file", path, "--repeat", "3"]))
    rows = []
    for title, key, higher_better, mcmd, pcmd in cases:
        mv, pv = [], []
        extra = {}
        for _ in range(a.rounds):
            m = run_json(mcmd); mv.append(m[key]); extra["mizan"] = m
            p = run_json(pcmd)
            pv.append(p[key] if key in p else p["pandas_s"]); extra["peer"] = p
        if "peak_rss_mb" in extra["mizan"]:
            title += f"; Mizan peak RSS {extra['mizan']['peak_rss_mb']:.0f} MB"
        mm, pm = statistics.median(mv), statistics.median(pv)
        ratio = mm / pm
        verdict = ("Mizan faster" if ratio > 1 else "peer faster") if higher_better else ("Mizan faster" if ratio < 1 else "peer faster")
        rows.append((title, mm, pm, ratio, verdict, extra))
        print(f"{title}: Mizan {mm:.4g}  peer {pm:.4g}  ratio {ratio:.3f} ({verdict})", flush=True)
    frows = forecast_cases(py, a.forecast_rounds, only) if only & {"forecast", "backtest"} else []
    if "xlsx" in only:
        t, mx, mc, r, v = xlsx_case(py, a.rounds, large)
        print((t, mx, mc, r, v), flush=True)
        if a.write_results:
            write_block("xlsx-table", "Excel workbooks (issue 16)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {a.rounds} alternating rounds, "
                        f"medians of 3 reads each; release build.\n\n| case | .xlsx | CSV | ratio | |\n|---|---|---|---|---|\n"
                        f"| {t} | {mx:.4g} | {mc:.4g} | {r:.3f} | {v} |")
        if only == {"xlsx"}:
            return
    if "shortages" in only:
        t, m, b, r, v = shortages_case(max(3, a.forecast_rounds), a.baseline)
        print((t, m, b, r, v), flush=True)
        if a.write_results:
            write_block("shortages-table", "Shortage lists (issue 10)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {max(3, a.forecast_rounds)} alternating rounds, "
                        f"medians; release builds; baseline: {a.baseline_label or a.baseline}.\n\n| case | now | baseline | ratio | |\n"
                        f"|---|---|---|---|---|\n| {t} | {m:.4g} | {b:.4g} | {r:.3f} | {v} |")
        if only == {"shortages"}:
            return
    if "skills_search" in only:
        r = run_json([BENCH, "skills-search", "--esco", os.path.join(SHARED, "datasets", "esco"), "--reps", "10"])
        print(r, flush=True)
        if a.write_results:
            write_block("skills-search-table", "Skills typed in words (issue 11)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; release build. `mizan skills search` over "
                        f"{r['labels']:,} ESCO skill labels (English and French), 20 queries as counsellors type them × 10.\n\n"
                        f"| case | median | 95th percentile | goal |\n|---|---|---|---|\n"
                        f"| one type-ahead query, ms | {r['median_ms']:.2f} | {r['p95_ms']:.2f} | ≤ 5 ms |\n"
                        f"| building the label index once, s | {r['index_build_s']:.2f} | | |")
        if only == {"skills_search"}:
            return
    if "recommend" in only:
        t, f, l, rate, v = recommend_case(max(3, a.forecast_rounds))
        print((t, f, l, rate, v), flush=True)
        if a.write_results:
            write_block("recommend-table", "Recommendations in batch (issue 11)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {max(3, a.forecast_rounds)} rounds, medians; "
                        f"release build.\n\n| case | 5,000 profiles | 1 profile | profiles/s | |\n|---|---|---|---|---|\n"
                        f"| {t} | {f:.3g} | {l:.3g} | {rate:,.0f} | {v} |")
        if only == {"recommend"}:
            return
    if "calibration" in only:
        crow = calibration_case(py, max(3, a.forecast_rounds))
        if a.write_results:
            body = "\n".join(f"| {t} | {m:.4g} | {p:.4g} | {r:.3f} | {v} |" for t, m, p, r, v in crow)
            write_block("calibration-table", "Calibrated intervals and the default model (issue 12)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {max(3, a.forecast_rounds)} alternating "
                        f"rounds, medians; release build; the peer kit's default panel (7,475 series).\n\n"
                        f"| case | Mizan | other | ratio | |\n|---|---|---|---|---|\n{body}")
        if only == {"calibration"}:
            return
    if "serve" in only:
        rows_s = serve_case()
        if a.write_results:
            body = "\n".join(f"| {t} | {v} |" for t, v in rows_s)
            write_block("serve-table", "Web workspace under load (issue 14)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; release build; `mizan serve` on the bundled "
                        f"Morocco outlook (out/outlook from `make outlook`), wrk from Debian on loopback, 2 threads, 64 "
                        f"connections, 10 s per case after 3 s of warm-up, server and load generator sharing the 2 cores. Goals: list page "
                        f"≥ 2,000 requests/s with p99 < 50 ms; a recommendation < 100 ms p99; start < 2 s.\n\n"
                        f"| case | result |\n|---|---|\n{body}")
        if only == {"serve"}:
            return
    if "profiling" in only:
        rows_p = profiling_case(py, max(3, a.forecast_rounds))
        if a.write_results:
            body = "\n".join(f"| {t} | {m:.4g} | {p:.4g} | {r:.3f} | {v} |" for t, m, p, r, v in rows_p)
            write_block("profiling-table", "Job-seeker profiling (issue 15)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {max(3, a.forecast_rounds)} alternating rounds, "
                        f"medians; release build. A synthetic registry of 1,000,008 spells (scripts/make_registry.py "
                        f"--per-year 111112), fitted on 2016–2021 (666,672 labelled spells), 333,336 later spells scored. "
                        f"Mizan: the whole command as a user runs it (read, fit, score with reasons, evaluation, audit, "
                        f"drift, write). Peers: reading with pandas, the same features, the fit and the scores, timed inside "
                        f"Python (imports and writing not counted).\n\n| case | Mizan, s | peer, s | ratio | |\n|---|---|---|---|---|\n{body}")
        if only == {"profiling"}:
            return
    if "match" in only:
        row, note = match_case(py, a.forecast_rounds)
        if a.write_results:
            write_block("match-table", "Batch matching (issue 6)",
                        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {a.forecast_rounds} alternating "
                        f"rounds, medians; release build.\n\n| case | Mizan | peer | ratio Mizan/peer | |\n|---|---|---|---|---|\n"
                        f"{row}\n\n{note}")
        if only == {"match"}:
            return
    if a.write_results:
        table = ["| case | Mizan | peer | ratio Mizan/peer | |", "|---|---|---|---|---|"]
        for title, mm, pm, ratio, verdict, _ in rows:
            table.append(f"| {title} | {mm:.4g} | {pm:.4g} | {ratio:.3f} | {verdict} |")
        for r in frows:
            title, mm, pm, ratio, verdict = r
            fmt = lambda v: "–" if v != v else f"{v:.4g}"
            table.append(f"| {title} | {fmt(mm)} | {fmt(pm)} | {fmt(ratio)} | {verdict} |")
        stamp = time.strftime("%Y-%m-%d")
        block = (f"<!-- linalg-table -->\nMeasured {stamp} on {machine()}; {a.rounds} alternating rounds, "
                 f"medians; release build.\n\n" + "\n".join(table) + "\n<!-- /linalg-table -->")
        path = os.path.join(HERE, "RESULTS.md")
        text = open(path).read() if os.path.exists(path) else ""
        if "<!-- linalg-table -->" in text:
            pre, rest = text.split("<!-- linalg-table -->", 1)
            post = rest.split("<!-- /linalg-table -->", 1)[1]
            text = pre + block + post
        else:
            text += "\n" + block + "\n"
        open(path, "w").write(text)


if __name__ == "__main__":
    main()
