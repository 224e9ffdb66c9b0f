#!/usr/bin/env python3
"""Synthetic migrant profiles for demonstrations and `make outlook` (NOT real people).

40 profiles with pseudonymous ids, each built around an ESCO occupation held abroad or at home
in an ISCO group common among returnees and immigrants in Morocco; a random share of that
occupation's essential skills (certified, declared or left to be inferred), an education level,
languages, a region (mostly Rabat-Salé-Kénitra and Casablanca-Settat, the Amuddu regions), and
sex and nationality for auditing only. Fixed seed: same bytes every run.
Writes Datasets/profiles/sample.jsonl.  Usage: python3 scripts/make_sample_profiles.py [--shared ../shared]
"""
import argparse, csv, json, os, random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUPS = ["7212", "7112", "5120", "8332", "9211", "2221", "5322", "7411", "7531", "4222", "7115", "5131"]
REGIONS = ["MA-04"] * 4 + ["MA-06"] * 4 + ["MA-01", "MA-02", "MA-03", "MA-07", "MA-09"]
NATIONALITIES = ["MA", "MA", "MA", "CI", "SN", "CM", "GN", "ML", "CD", "SY"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    esco = os.path.join(a.shared, "datasets", "esco")
    with open(os.path.join(esco, "occupations_bilingual_DERIVED.csv"), newline="", encoding="utf-8") as f:
        occ = sorted((r["conceptUri"], r["iscoGroup"]) for r in csv.DictReader(f))
    ess = {}
    with open(os.path.join(esco, "occupation_skill_relations_DERIVED.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["relationType"] == "essential":
                ess.setdefault(r["occupationUri"], []).append(r["skillUri"])
    rng = random.Random(20251123)
    out = []
    for i in range(40):
        group = GROUPS[i % len(GROUPS)]
        candidates = [u for u, g in occ if g == group and u in ess]
        uri = rng.choice(candidates)
        skills = sorted(ess[uri])
        held = rng.sample(skills, k=max(1, int(len(skills) * rng.uniform(0.3, 0.8))))
        p = {
            "id": f"demo-{i + 1:03d}",
            "region": rng.choice(REGIONS),
            "occupations": [{"esco": uri, "years": rng.randint(1, 15), "abroad": rng.random() < 0.6}],
            "skills": [{"esco": s, "evidence": rng.choice(["certified", "declared", "declared"])} for s in sorted(held)],
            "education_isced": rng.choice([1, 2, 3, 3, 4, 5, 6]),
            "languages": sorted(rng.sample(["ar", "fr", "en", "es", "zgh"], k=2)),
            "sex": rng.choice(["female", "male"]),
            "nationality": rng.choice(NATIONALITIES),
            "constraints": {"max_training_hours": rng.choice([200, 400, 600]), "regions": rng.sample(["MA-04", "MA-06"], k=1)},
        }
        out.append(json.dumps(p, ensure_ascii=False, sort_keys=True))
    path = os.path.join(ROOT, "Datasets", "profiles", "sample.jsonl")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
