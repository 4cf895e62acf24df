"""Global Terrorism Database (GTD) exports, per the START codebook.

Columns used: ``eventid, iyear, imonth, iday, provstate, city, latitude, longitude,
attacktype1_txt, targtype1_txt, gname, suicide, nkill, nkillter, nwound`` (and,
when present, ``country_txt``, ``summary``, ``scite1``, ``extended``, ``resolution``).

- Dates: a day or month of 0 means unknown. The date is then the first of the
  month (``date_precision`` month) or of the year (``year``).
- Killed: ``nkill`` (all deaths, perpetrators included) → ``killed_total``;
  ``nkillter`` (perpetrators) → ``killed_militants``; the rest → ``killed_unknown``.
  ``nwound`` → ``injured_total``. ``-99`` (the codebook's "unknown") is read as blank.
- Every GTD event is an ``attack``; ``attacktype1_txt`` gives the method
  (bombings with ``suicide = 1`` are suicide bombings); ``gname`` the perpetrator
  ("Unknown" is left blank).

References
----------
LaFree, G. and Dugan, L. (2007). Introducing the Global Terrorism Database.
Terrorism and Political Violence 19(2), 181-204.
START (2021). Global Terrorism Database Codebook: Methodology, Inclusion Criteria,
and Variables. University of Maryland.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.capabilities import Capabilities
from analysis.sources._mapping import (
    checked_numbers,
    header_names,
    mapped_rows,
    numbers,
    parse_dates,
    split_non_incidents,
)
from analysis.sources._tabular import read_records
from analysis.validate import MappedRows, Problem

NAME = "gtd"
REQUIRED = ("eventid", "iyear", "imonth", "iday", "nkill")
METHODS = {
    "assassination": "targeted_killing",
    "armed assault": "armed_assault",
    "bombing/explosion": "bombing",
    "hostage taking (kidnapping)": "kidnapping",
    "hostage taking (barricade incident)": "kidnapping",
    "hijacking": "other",
    "facility/infrastructure attack": "other",
    "unarmed assault": "other",
    "unknown": "unknown",
}
#: The codebook's code for "unknown" in numeric fields.
UNKNOWN_CODE = -99
DATASET = "GTD"
#: What GTD records: terrorist attacks only (no security operations or clashes), deaths
#: without the victims' category (only the perpetrators' own deaths).
RECORDS = Capabilities(initiator=False, victims=False)


def matches(header: list[str]) -> bool:
    """True when the header has GTD's identifying columns."""
    return {"eventid", "iyear", "imonth", "iday"} <= header_names(header)


def _count(text: pd.Series) -> pd.Series:
    """Count cells as text, with the codebook's -99 (unknown) blanked."""
    t = text.astype("string").str.strip()
    return t.mask(numbers(t) == UNKNOWN_CODE, "").fillna("")


def read(path: str | Path, **options: object) -> MappedRows:
    """Read a GTD export (CSV, Parquet or Excel) into canonical columns."""
    table = read_records(path)
    table.require(REQUIRED, what="in a GTD export")
    keep, excluded = split_non_incidents(table, ("eventid", "iyear"))
    file = str(table.path)
    problems: list[Problem] = []

    parts = {
        col: checked_numbers(table, col, target="date", problems=problems, keep=keep, check="bad_date")
        for col in ("iyear", "imonth", "iday")
    }
    year, month, day = parts["iyear"], parts["imonth"].fillna(0), parts["iday"].fillna(0)
    precision = pd.Series("day", index=year.index, dtype="string")
    precision = precision.mask(day == 0, "month").mask(month == 0, "year")
    y = year.astype("Int64").astype("string")
    m = month.where(month != 0, 1).astype("Int64").astype("string").str.zfill(2)
    d = day.where(day != 0, 1).astype("Int64").astype("string").str.zfill(2)
    date = (y + "-" + m + "-" + d).fillna("")

    nkill, nkillter = _count(table.column("nkill")), None
    killed_unknown = nkill
    if table.find("nkillter"):
        nkillter = _count(table.column("nkillter"))
        rest = numbers(nkill) - numbers(nkillter).fillna(0)
        killed_unknown = rest.where(rest >= 0).astype("Int64").astype("string").fillna("")

    attack = table.get("attacktype1_txt")
    method = None
    if attack is not None:
        method = attack.astype("string").str.strip().str.lower().map(METHODS).fillna("other").astype("string")
        suicide = table.get("suicide")
        if suicide is not None:
            method = method.mask(
                (suicide.astype("string").str.strip() == "1") & (method == "bombing"), "suicide_bombing"
            )
    gname = table.get("gname")
    perpetrator = (
        gname.where(gname.astype("string").str.strip().str.lower() != "unknown", "") if gname is not None else None
    )
    date_end = None
    resolution, extended = table.get("resolution"), table.get("extended")
    if resolution is not None:
        multi = extended.astype("string").str.strip() == "1" if extended is not None else resolution != ""
        date_end = parse_dates(
            resolution.where(multi, ""),
            ("%Y-%m-%d", "%m/%d/%Y"),
            rows=table.rows,
            column="date_end",
            file=file,
            problems=problems,
        )
    nwound = table.get("nwound")
    columns = {
        "incident_id": table.column("eventid"),
        "date": date,
        "date_end": date_end,
        "date_precision": precision,
        "country": table.get("country_txt"),
        "province": table.get("provstate"),
        "locality": table.get("city"),
        "latitude": table.get("latitude"),
        "longitude": table.get("longitude"),
        "event_type": "attack",
        "method": method,
        "perpetrator": perpetrator,
        "target": table.get("targtype1_txt"),
        "killed_total": nkill,
        "killed_militants": nkillter,
        "killed_unknown": killed_unknown,
        "injured_total": _count(nwound) if nwound is not None else None,
        "source": table.get("scite1"),
        "description": table.get("summary"),
        "dataset": DATASET,
    }
    return mapped_rows(
        table,
        keep,
        columns,
        excluded=excluded,
        problems=problems,
        date_hint="iyear, imonth and iday forming a calendar date",
        notes=["GTD nkill → killed_total, nkillter → killed_militants, the rest → killed_unknown"],
    )
