"""Reading the CLI's CSV tables with exact types: years as integers, codes as strings (ISCO 0110
keeps its zero, region codes stay codes)."""
import pandas as pd

#: Columns that are codes or identifiers, never numbers.
TEXT_COLUMNS = ("region", "isco", "id", "title", "esco_uri", "sector", "measure", "model", "reasons", "unique_id",
                "shock", "scenario", "change", "p_basis", "tier", "label", "reconciliation", "flags")


def read_table(path):
    """A CSV the binary wrote, as a DataFrame (pyarrow's reader when installed: faster on big tables)."""
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split(",")
    dtype = {c: "string" for c in header if c in TEXT_COLUMNS}
    try:
        import pyarrow  # noqa: F401
        df = pd.read_csv(path, dtype=dtype, engine="pyarrow")
    except (ImportError, ValueError):
        df = pd.read_csv(path, dtype=dtype, keep_default_na=True)
    for c in dtype:
        df[c] = df[c].astype("string").fillna("").astype(object)
    if "year" in df.columns and df["year"].notna().all():
        df["year"] = df["year"].astype("int64")
    return df


def write_panel(panel, path):
    """A DataFrame panel as the CSV the binary reads (codes written as they are)."""
    panel.to_csv(path, index=False)
    return path
