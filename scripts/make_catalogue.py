#!/usr/bin/env python3
"""Build Mizan's default training catalogue: ILLUSTRATIVE modules modelled on OFPPT's sectors.

This is not OFPPT's real catalogue (which is not published as data). For each sector below, the
ISCO unit groups it trains for are taken; the essential ESCO skills shared by most of their ESCO
occupations are grouped, in order of how common they are, into modules of three to four skills,
each with plausible hours (24 h per skill, 40 h for knowledge), the sector's first module as the
prerequisite of the others, and the regions where the sector's institutes are.

Each sector also gets a recognition route for people who already practise its trades (returnees
above all): an assessment (validation des acquis de l'expérience: positionnement and portfolio,
16 h) and a certification exam (8 h) after it, both covering the sector's ISCO unit groups.
Hours and costs are illustrative, like the rest.

Writes Datasets/training/catalogue.csv:
  module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills,type,isco
skills are ESCO skill URIs separated by '|'; regions '*' (all) or '|'-separated codes.
Usage: python3 scripts/make_catalogue.py [--shared ../shared]   (deterministic)
"""
import argparse, csv, io, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# sector id, French / English names, ISCO unit groups, regions, minimum ISCED level
SECTORS = [
    ("DIG", "Digital et offshoring", "Digital and offshoring", ["2511", "2512", "2513", "2514", "2522", "2523", "3512", "3513", "4222"], "*", 3),
    ("SAN", "Santé et action sociale", "Health and social care", ["2221", "3221", "5321", "5322", "3256"], "*", 3),
    ("BTP", "Bâtiment et travaux publics", "Construction and public works", ["7112", "7114", "7115", "7121", "7122", "7123", "7126", "9312", "9313"], "*", 1),
    ("MET", "Métallurgie, soudage et mécanique", "Metalworking, welding and mechanics", ["7212", "7213", "7214", "7222", "7223", "7231", "7233"], "MA-01|MA-02|MA-03|MA-04|MA-06|MA-07|MA-09", 2),
    ("ELE", "Génie électrique", "Electrical engineering", ["7411", "7412", "7413", "7421", "3113"], "*", 2),
    ("TRA", "Transport et logistique", "Transport and logistics", ["8322", "8331", "8332", "4321", "9333"], "*", 1),
    ("TOU", "Tourisme et hôtellerie", "Tourism and hospitality", ["5120", "5131", "5132", "9412", "4224", "5113"], "MA-01|MA-04|MA-06|MA-07|MA-09", 1),
    ("AGR", "Agriculture et agro-industrie", "Agriculture and agri-food", ["6111", "6112", "6121", "9211", "7511", "8160"], "MA-02|MA-03|MA-05|MA-07|MA-08|MA-09|MA-10", 1),
    ("TEX", "Textile et habillement", "Textile and clothing", ["7531", "7533", "8153", "8152"], "MA-01|MA-04|MA-06", 1),
    ("ADM", "Gestion et commerce", "Business and administration", ["4110", "4311", "3313", "5223", "3322"], "*", 3),
]
SKILLS_PER_MODULE = 4
MODULES_PER_SECTOR = 8


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    esco = os.path.join(a.shared, "datasets", "esco")
    with open(os.path.join(esco, "occupations_bilingual_DERIVED.csv"), newline="", encoding="utf-8") as f:
        occ = {r["conceptUri"]: r["iscoGroup"] for r in csv.DictReader(f)}
    with open(os.path.join(esco, "skills_bilingual_DERIVED.csv"), newline="", encoding="utf-8") as f:
        skills = {r["skillUri"]: r for r in csv.DictReader(f)}
    essential = {}
    with open(os.path.join(esco, "occupation_skill_relations_DERIVED.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["relationType"] == "essential" and r["skillUri"] in skills:
                essential.setdefault(r["occupationUri"], set()).add(r["skillUri"])
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["module_id", "title_fr", "title_en", "provider", "regions", "hours", "cost", "min_isced", "prerequisites", "skills", "type", "isco"])
    for sid, fr, en, groups, regions, isced in SECTORS:
        counts = {}
        for uri, g in occ.items():
            if g in groups:
                for s in essential.get(uri, ()):
                    counts[s] = counts.get(s, 0) + 1
        ranked = sorted(counts, key=lambda s: (-counts[s], s))
        # Transversal skills are taught elsewhere; keep sector-relevant ones.
        ranked = [s for s in ranked if skills[s]["reuseLevel_v1_0"] != "transversal"][: SKILLS_PER_MODULE * MODULES_PER_SECTOR]
        for k in range(0, len(ranked), SKILLS_PER_MODULE):
            chunk = ranked[k:k + SKILLS_PER_MODULE]
            n = k // SKILLS_PER_MODULE + 1
            mid = f"{sid}-{n:02d}"
            lead_fr = skills[chunk[0]]["preferredLabel_fr_v1_0"] or skills[chunk[0]]["preferredLabel_en_v1_2"]
            lead_en = skills[chunk[0]]["preferredLabel_en_v1_2"]
            hours = sum(40 if skills[s]["skillType_v1_0"] == "knowledge" else 24 for s in chunk)
            w.writerow([mid, f"{fr} {n} : {lead_fr}", f"{en} {n}: {lead_en}", "OFPPT (illustratif)", regions, hours,
                        hours * 25, isced if n > 1 else max(0, isced - 1), "" if n == 1 else f"{sid}-01", "|".join(chunk), "training", ""])
        trades = "|".join(groups)
        w.writerow([f"{sid}-VAE", f"Validation des acquis de l'expérience : {fr.lower()} (positionnement et dossier)",
                    f"Recognition of prior learning: {en.lower()} (assessment and portfolio)", "OFPPT (illustratif)", regions, 16, 800, 0, "", "",
                    "assessment", trades])
        w.writerow([f"{sid}-CQP", f"Certification de qualification professionnelle : {fr.lower()}",
                    f"Vocational qualification certificate: {en.lower()}", "OFPPT (illustratif)", regions, 8, 1200, 0, f"{sid}-VAE", "",
                    "certification", trades])
    path = os.path.join(ROOT, "Datasets", "training", "catalogue.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


if __name__ == "__main__":
    main()
