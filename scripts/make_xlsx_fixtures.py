#!/usr/bin/env python3
"""Workbooks as planners' tools write them (openpyxl, from PyPI), for the .xlsx reader's tests:
a good panel (shared strings, French headers, region names, a title row style), and the hostile
set — a second sheet only, merged header cells, formulas without computed values, dates in the
year column, an error value, a truncated file, a zip bomb. Deterministic; run from the checkout:

    .venv-notebooks/bin/python scripts/make_xlsx_fixtures.py
"""
import datetime, io, os, zipfile
import openpyxl

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "LabourDataTests", "Fixtures", "xlsx")
os.makedirs(OUT, exist_ok=True)
HEADER = ["Année", "Région", "Code ISCO", "Emploi", "Demandeurs d'emploi", "Offres"]
ROWS = [(2022, "Casablanca-Settat", "7212 - Soudeurs et oxycoupeurs", 1200, 300, 45),
        (2023, "Casablanca-Settat", "7212 - Soudeurs et oxycoupeurs", 1250, 280, 50),
        (2024, "Casablanca-Settat", "7212 - Soudeurs et oxycoupeurs", 1290.5, 260, 52),
        (2022, "Région de l'Oriental", "2221", 800, 40, 12),
        (2023, "Région de l'Oriental", "2221", 820, 35, 15),
        (2024, "Région de l'Oriental", "2221", 845, 33, 16)]


def fixed(wb):
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
    return wb


def save(wb, name):
    buf = io.BytesIO()
    fixed(wb).save(buf)
    # Rewrite with fixed timestamps so the fixture bytes repeat.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            info.date_time = (2024, 1, 1, 0, 0, 0)
            z.writestr(info, src.read(info.filename))


def panel(title="Panel", header=HEADER, rows=ROWS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(list(r))
    return wb, ws


wb, ws = panel()
ws["A1"].font = openpyxl.styles.Font(bold=True)
notes = wb.create_sheet("Notes")
notes.append(["Source", "ANAPEC, calcul interne"])
save(wb, "panel_fr.xlsx")

wb, ws = panel()
ws.merge_cells("E1:F1")
save(wb, "merged_header.xlsx")

wb, ws = panel()
ws["D3"] = "=D2*1.04"
save(wb, "formula.xlsx")

wb, ws = panel()
for r in range(2, 2 + len(ROWS)):
    ws.cell(row=r, column=1).value = datetime.date(ws.cell(row=r, column=1).value, 1, 1)
    ws.cell(row=r, column=1).number_format = "yyyy-mm-dd"
save(wb, "date_years.xlsx")

wb, ws = panel()
ws["D4"].value = "#N/A"
ws["D4"].data_type = "e"
save(wb, "error_value.xlsx")

data = open(os.path.join(OUT, "panel_fr.xlsx"), "rb").read()
open(os.path.join(OUT, "truncated.xlsx"), "wb").write(data[: len(data) // 2])

# A zip bomb: a worksheet part of 300 MB of blanks, about 300 kB packed.
src = zipfile.ZipFile(os.path.join(OUT, "panel_fr.xlsx"))
with zipfile.ZipFile(os.path.join(OUT, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for info in src.infolist():
        info.date_time = (2024, 1, 1, 0, 0, 0)
        if info.filename == "xl/worksheets/sheet1.xml":
            z.writestr(info, b" " * (300 << 20))
        else:
            z.writestr(info, src.read(info.filename))
print("fixtures in", OUT, sorted(os.listdir(OUT)))
