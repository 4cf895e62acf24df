"""UCDP Georeferenced Event Dataset (GED) event files, as UCDP publishes them or as HDX exports them.

Mapping (see ``docs/sources.md`` for the reasons)
-------------------------------------------------
=====================  ==============================================================
canonical              GED
=====================  ==============================================================
incident_id            ``id``
date / date_end        ``date_start`` / ``date_end`` (blank when the same day)
date_precision         ``date_prec``: 1 day, 2-3 week, 4 month, 5 year
province / district    ``adm_1`` / ``adm_2`` through the gazetteer
locality               ``where_coordinates``
killed_total           ``best``; ``killed_low`` / ``killed_high``: ``low`` / ``high``
killed_security        deaths of a side that is the Government of Pakistan
killed_militants       deaths of a non-state side; in non-state conflicts (type 2) both sides
killed_civilians       ``deaths_civilians``
killed_unknown         ``deaths_unknown`` and the deaths of a foreign government's forces
event_type             type 3 (one-sided) attack; type 1 (state-based) and type 2
                       (non-state) clash; fighting between two governments other
perpetrator            type 3: side A; type 1: the non-state side; type 2: the dyad
target                 type 3: side B (civilians); type 1: side A (a government); type 2: blank
source / description   ``source_article`` / ``source_headline`` (else ``source_article``)
=====================  ==============================================================

An HDX export has an HXL hashtag row under the header; it is excluded with a
message, not counted as an incident.

References
----------
Sundberg, R. and Melander, E. (2013). Introducing the UCDP Georeferenced Event
Dataset. Journal of Peace Research 50(4), 523-532.
Högbladh, S. (2021). UCDP GED Codebook version 21.1. Department of Peace and
Conflict Research, Uppsala University.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.capabilities import UCDP_VIOLENCE, Capabilities
from analysis.sources._mapping import checked_numbers, header_names, mapped_rows, row_problems, split_non_incidents
from analysis.sources._tabular import read_records
from analysis.validate import MappedRows, Problem

NAME = "ucdp"
#: Columns a GED file must have.
REQUIRED = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "low",
    "high",
)
#: The side whose deaths are security-force deaths.
GOVERNMENT_OF_PAKISTAN = "Government of Pakistan"
#: GED ``date_prec`` codes (codebook 21.1): 1 exact day, 2 a 2-6 day range, 3 the week,
#: 4 an 8-30 day range or the month, 5 up to a year or only the year.
DATE_PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
VIOLENCE_TYPES = ("1", "2", "3")
DATASET = "UCDP GED"
#: What GED records: not who initiated an event (its typology is the type of violence),
#: the method, the injured or a description (``source_headline`` is a news headline).
RECORDS = Capabilities(initiator=False, method=False, injured=False, description=False, typology=UCDP_VIOLENCE)


def violence_type(frame: pd.DataFrame) -> pd.Series:
    """GED type of violence of each canonical incident: ``state-based``, ``non-state`` or ``one-sided``.

    Read from ``target`` as :func:`read` writes it: civilians (type 3) → one-sided, a
    government (type 1) → state-based, blank (type 2) → non-state.
    """
    t = frame["target"].astype("string").str.strip().fillna("")
    out = pd.Series("non-state", index=frame.index, dtype="string")
    out = out.mask(t.str.lower().str.startswith("government of"), "state-based")
    return out.mask(t.str.lower() == "civilians", "one-sided")


def matches(header: list[str]) -> bool:
    """True when the header has the GED columns that identify it."""
    return set(REQUIRED) <= header_names(header)


def _side_kind(side: pd.Series) -> pd.Series:
    """Which killed category a GED side's deaths belong to."""
    s = side.astype("string").str.strip()
    low = s.str.lower()
    kind = pd.Series("killed_militants", index=s.index, dtype="string")
    kind = kind.mask(low.str.startswith("government of").fillna(False), "killed_unknown")
    kind = kind.mask((low == GOVERNMENT_OF_PAKISTAN.lower()).fillna(False), "killed_security")
    return kind.mask((low == "civilians").fillna(False), "killed_civilians")


def read(path: str | Path, **options: object) -> MappedRows:
    """Read a GED event file (CSV, Parquet or Excel) into canonical columns.

    Raises
    ------
    SourceFormatError
        The file cannot be read or lacks a GED column (named in the message).
    """
    table = read_records(path)
    table.require(REQUIRED, what="in a UCDP GED file")
    keep, excluded = split_non_incidents(table, ("id", "date_start"))
    c = {name: table.column(name) for name in REQUIRED}
    problems: list[Problem] = []

    vtype = c["type_of_violence"].astype("string").str.strip()
    bad_type = ~vtype.isin(VIOLENCE_TYPES).fillna(False).to_numpy(dtype=bool) & keep
    problems += row_problems(
        table,
        bad_type,
        "error",
        "bad_violence_type",
        lambda i: f"type_of_violence '{vtype.iloc[i]}' is not 1 (state-based), 2 (non-state) or 3 (one-sided)",
        column="event_type",
        value=lambda i: str(vtype.iloc[i]),
    )
    side_a, side_b = c["side_a"].astype("string").str.strip(), c["side_b"].astype("string").str.strip()
    kind_a, kind_b = _side_kind(side_a), _side_kind(side_b)
    non_state = (vtype == "2").fillna(False)
    kind_a = kind_a.mask(non_state, "killed_militants")
    kind_b = kind_b.mask(non_state, "killed_militants")

    deaths = {
        col: checked_numbers(table, col, target="killed_total", problems=problems, keep=keep).fillna(0)
        for col in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    }
    categories = {}
    for cat in ("killed_security", "killed_civilians", "killed_militants", "killed_unknown"):
        v = deaths["deaths_a"].where(kind_a == cat, 0) + deaths["deaths_b"].where(kind_b == cat, 0)
        if cat == "killed_civilians":
            v = v + deaths["deaths_civilians"]
        if cat == "killed_unknown":
            v = v + deaths["deaths_unknown"]
        categories[cat] = v.astype("Int64")

    gov_a = side_a.str.lower().str.startswith("government of").fillna(False)
    gov_b = side_b.str.lower().str.startswith("government of").fillna(False)
    event_type = pd.Series("clash", index=vtype.index, dtype="string")
    event_type = event_type.mask((vtype == "3").fillna(False), "attack")
    event_type = event_type.mask(((vtype == "3") & gov_a).fillna(False), "other")
    event_type = event_type.mask(((vtype == "1") & gov_a & gov_b).fillna(False), "other")
    event_type = event_type.mask(~vtype.isin(VIOLENCE_TYPES).fillna(False), "")

    dyad = table.get("dyad_name")
    dyad = dyad.astype("string") if dyad is not None else side_a + " - " + side_b
    perpetrator = pd.Series(pd.NA, index=vtype.index, dtype="string")
    perpetrator = perpetrator.mask((vtype == "3").fillna(False), side_a)
    perpetrator = perpetrator.mask(((vtype == "1") & gov_a & ~gov_b).fillna(False), side_b)
    perpetrator = perpetrator.mask(((vtype == "1") & ~gov_a).fillna(False), side_a)
    perpetrator = perpetrator.mask((vtype == "2").fillna(False), dyad)
    # type 3: the civilians attacked; type 1: the government side (GED's side A), so that the
    # type of violence can be told from the canonical columns (see ``violence_type``)
    target = side_b.where((vtype == "3").fillna(False), side_a.where((vtype == "1").fillna(False), ""))

    start = c["date_start"].astype("string").str.strip()
    end = c["date_end"].astype("string").str.strip()
    end = end.where(end.str.slice(0, 10) != start.str.slice(0, 10), "")
    prec = table.get("date_prec")
    precision = prec.astype("string").str.strip().map(DATE_PRECISION).fillna("") if prec is not None else None
    article = table.get("source_article")
    headline = table.get("source_headline")
    description = None
    if article is not None:
        description = article if headline is None else headline.where(headline.str.strip() != "", article)

    columns = {
        "incident_id": c["id"],
        "date": start,
        "date_end": end,
        "date_precision": precision,
        "country": table.get("country"),
        "province": table.get("adm_1"),
        "district": table.get("adm_2"),
        "locality": table.get("where_coordinates"),
        "latitude": table.get("latitude"),
        "longitude": table.get("longitude"),
        "event_type": event_type,
        "perpetrator": perpetrator,
        "target": target,
        **categories,
        "killed_total": c["best"],
        "killed_low": c["low"],
        "killed_high": c["high"],
        "source": article,
        "description": description,
        "dataset": DATASET,
    }
    notes = [
        "GED sides mapped: Government of Pakistan → security forces, non-state sides → militants, "
        "foreign governments → unknown category; type 3 attack, types 1-2 clash"
    ]
    return mapped_rows(table, keep, columns, excluded=excluded, problems=problems, notes=notes)
