"""Test-side helper: two revisions of the real UCDP GED file in the native schema.

Written with the csv module only (no secbrief code), so that tests can check
secbrief's diff against an independent calculation. The UCDP reader (analysis.sources.ucdp)
is not used here on purpose: these files are plain native CSVs derived from UCDP rows.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

#: UCDP adm_1 spellings -> canonical province (FATA reported as Khyber Pakhtunkhwa). A new
#: spelling fails the test loudly (KeyError) instead of being guessed.
PROVINCES = {
    "Federally Administered Tribal Areas": "Khyber Pakhtunkhwa",
    "Khyber Pakhtunkwa province": "Khyber Pakhtunkhwa",
    "Balochistan province": "Balochistan",
    "Sindh province": "Sindh",
    "Azad Jammu & Kashmir": "Azad Jammu and Kashmir",
    "Punjab province": "Punjab",
    "Gilgit-Baltistan": "Gilgit-Baltistan",
    "Islamabad Capital territory": "Islamabad Capital Territory",
    "": "",
}
COLUMNS = [
    "incident_id",
    "date",
    "date_end",
    "province",
    "event_type",
    "killed_security",
    "killed_civilians",
    "killed_militants",
    "killed_unknown",
    "killed_total",
    "killed_low",
    "killed_high",
    "injured_total",
    "dataset",
]
#: Measures and the column each sums ("incidents" counts rows).
MEASURE_COLUMNS = {
    "incidents": None,
    "killed_total": "killed_total",
    "killed_security": "killed_security",
    "killed_civilians": "killed_civilians",
    "killed_militants": "killed_militants",
    "injured_total": "injured_total",
}


def ucdp_native_rows(ucdp_csv: Path) -> list[dict[str, str]]:
    """UCDP GED rows as native-schema rows (text values), in file order."""
    out = []
    with open(ucdp_csv, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["year"].startswith("#"):  # the HXL hashtag row
                continue
            gov = r["side_a"] == "Government of Pakistan"
            a, b, unk = int(r["deaths_a"]), int(r["deaths_b"]), int(r["deaths_unknown"])
            start, end = r["date_start"][:10], r["date_end"][:10]
            out.append(
                {
                    "incident_id": r["id"],
                    "date": start,
                    "date_end": end if end != start else "",
                    "province": PROVINCES[r["adm_1"]],
                    "event_type": {"1": "clash", "2": "other", "3": "attack"}[r["type_of_violence"]],
                    "killed_security": str(a) if gov else "",
                    "killed_civilians": r["deaths_civilians"],
                    "killed_militants": str(b) if gov else "",
                    "killed_unknown": str(unk) if gov else str(a + b + unk),
                    "killed_total": r["best"],
                    "killed_low": r["low"],
                    "killed_high": r["high"],
                    "injured_total": "",
                    "dataset": "UCDP GED (test revision)",
                }
            )
    return out


def write_rows(rows: list[dict[str, str]], path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {r["incident_id"]: r for r in csv.DictReader(fh)}


def _bump(row: dict[str, str], column: str, by: int) -> None:
    row[column] = str(int(row[column] or 0) + by)
    row["killed_total"] = str(int(row["killed_total"]) + by)


def derive_versions(ucdp_csv: Path, folder: Path) -> tuple[Path, Path, dict[str, object]]:
    """Write ``old.csv`` and ``new.csv``: two revisions of the UCDP events.

    old: every event except those of December 2021 (not yet reported).
    new: December 2021 added; May 2008 dropped (a retracted month); five 2012 events
    deleted; tolls raised for 40 events of 2013 (+2 civilians each) and for the first
    Balochistan event of 2019 with a security toll (+3 security forces); injured given
    for ten 2016 events; a province filled in; one event moved from January to
    February 2017; three late-reported events added in June 2020.

    Returns the two paths and the facts the tests check by hand.
    """
    base = ucdp_native_rows(ucdp_csv)
    old = [dict(r) for r in base if not r["date"].startswith("2021-12")]
    new = [dict(r) for r in base if not r["date"].startswith("2008-05")]
    ordered = sorted(new, key=lambda r: (r["date"], int(r["incident_id"])))
    deleted = [r["incident_id"] for r in ordered if r["date"].startswith("2012")][:5]
    for r in [r for r in ordered if r["date"].startswith("2013")][:40]:
        _bump(r, "killed_civilians", 2)
    baloch = next(
        r
        for r in ordered
        if r["date"].startswith("2019") and r["province"] == "Balochistan" and r["killed_security"] != ""
    )
    _bump(baloch, "killed_security", 3)
    for r in [r for r in ordered if r["date"].startswith("2016")][:10]:
        r["injured_total"] = "4"
    blank = next(r for r in ordered if r["province"] == "")
    blank["province"] = "Punjab"
    moved = next(r for r in ordered if r["date"].startswith("2017-01") and r["date_end"] == "")
    moved["date"] = "2017-02-03"
    new = [r for r in new if r["incident_id"] not in set(deleted)]
    for i in range(3):
        new.append(
            {c: "" for c in COLUMNS}
            | {
                "incident_id": f"late-{i + 1}",
                "date": f"2020-06-{10 + i}",
                "province": "Khyber Pakhtunkhwa",
                "event_type": "attack",
                "killed_security": str(i + 1),
                "killed_total": str(i + 2),
                "injured_total": str(5 * i),
                "dataset": "UCDP GED (test revision)",
            }
        )
    facts = {
        "deleted": deleted,
        "balochistan_event": baloch["incident_id"],
        "balochistan_month": baloch["date"][:7],
        "moved": moved["incident_id"],
        "filled_province": blank["incident_id"],
    }
    return write_rows(old, folder / "old.csv"), write_rows(new, folder / "new.csv"), facts


def monthly_numbers(rows: dict[str, dict[str, str]], *, national: bool = False) -> dict[tuple, int]:
    """{(month, province, measure): value} by plain loops; blank counts add nothing."""
    out: dict[tuple, int] = defaultdict(int)
    for r in rows.values():
        provs = [r["province"] or "unknown"] + ([None] if national else [])
        for prov in provs:
            for measure, col in MEASURE_COLUMNS.items():
                out[(r["date"][:7], prov, measure)] += 1 if col is None else int(r[col] or 0)
    return out


def changed_numbers(
    old: dict[str, dict[str, str]], new: dict[str, dict[str, str]], *, national: bool = False
) -> dict[tuple, tuple[int, int]]:
    """{(month, province, measure): (old, new)} for every value that differs."""
    a, b = monthly_numbers(old, national=national), monthly_numbers(new, national=national)
    return {k: (a.get(k, 0), b.get(k, 0)) for k in set(a) | set(b) if a.get(k, 0) != b.get(k, 0)}


def derive_ucdp_files(ucdp_csv: Path, folder: Path) -> tuple[Path, Path]:
    """Two revisions of the GED file in its own format (HXL row and every column kept).

    old: all events but those of December 2021. new: May 2008 dropped, the first 30
    events of 2013 placeable in one month with +2 civilian deaths (``deaths_civilians`` and ``best``), the
    first 3 events of 2012 deleted, December 2021 present.
    """
    with open(ucdp_csv, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        hxl = next(reader)
        rows = list(reader)
    col = {name: i for i, name in enumerate(header)}

    def start(r: list[str]) -> str:
        return r[col["date_start"]][:10]

    old = [r for r in rows if not start(r).startswith("2021-12")]
    new = [r[:] for r in rows if not start(r).startswith("2008-05")]
    ordered = sorted(new, key=lambda r: (start(r), int(r[col["id"]])))

    def one_month(r: list[str]) -> bool:  # placeable in one month (the date-precision rule)
        return r[col["date_start"]][:7] == r[col["date_end"]][:7]

    for r in [r for r in ordered if start(r).startswith("2013") and one_month(r)][:30]:
        for c in ("deaths_civilians", "best"):
            r[col[c]] = str(int(r[col[c]]) + 2)
    deleted = {r[col["id"]] for r in [r for r in ordered if start(r).startswith("2012")][:3]}
    new = [r for r in new if r[col["id"]] not in deleted]
    paths = []
    for name, body in (("old-ged.csv", old), ("new-ged.csv", new)):
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerow(hxl)
            w.writerows(body)
        paths.append(folder / name)
    return paths[0], paths[1]


def ged_monthly(path: Path) -> dict[tuple, int]:
    """{(month, province, measure): value} for incidents and killed_total (``best``) of a GED file."""
    out: dict[tuple, int] = defaultdict(int)
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["year"].startswith("#"):
                continue
            if r["date_start"][:7] != r["date_end"][:7]:
                continue  # not placeable in one month: counted in no month (date-precision rule)
            key = (r["date_start"][:7], PROVINCES[r["adm_1"]] or "unknown")
            out[(*key, "incidents")] += 1
            out[(*key, "killed_total")] += int(r["best"])
    return out
