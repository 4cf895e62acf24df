"""ACLED (Armed Conflict Location & Event Data) export files.

Columns per ACLED's public codebook: ``event_id_cnty, event_date, year, event_type,
sub_event_type, actor1, actor2, admin1, admin2, location, latitude, longitude,
fatalities, notes, source, timestamp`` (and optionally ``time_precision``,
``country``).

ACLED gives one fatality count and no victim split: it goes to ``killed_total``
and ``killed_unknown``. Event types are mapped by who acted, as far as ACLED's
categories say it (``docs/sources.md`` has the table):

===========================================  ===============================================
ACLED                                        canonical event_type
===========================================  ===============================================
Battles: Armed clash                         clash
Battles: Government regains territory        operation
Battles: Non-state actor overtakes territory attack
Explosions/Remote violence                   operation when actor1 is a state force, else attack
Violence against civilians                   other when actor1 is a state force, else attack
Protests, Riots, Strategic developments      other
===========================================  ===============================================

References
----------
Raleigh, C., Linke, A., Hegre, H. and Karlsen, J. (2010). Introducing ACLED: An
Armed Conflict Location and Event Dataset. Journal of Peace Research 47(5), 651-660.
ACLED (2023). Armed Conflict Location & Event Data Project (ACLED) Codebook.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.capabilities import Capabilities
from analysis.sources._mapping import header_names, mapped_rows, numbers, parse_dates, row_problems, split_non_incidents
from analysis.sources._tabular import read_records
from analysis.validate import MappedRows, Problem

NAME = "acled"
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "fatalities")
#: Date spellings ACLED exports have used: ISO, and "12 January 2021".
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y")
#: ``time_precision``: 1 the day, 2 the week, 3 the month.
DATE_PRECISION = {"1": "day", "2": "week", "3": "month"}
EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
#: Actor names that mean state forces (ACLED: "Military Forces of Pakistan (2018-)").
STATE_ACTOR_PREFIXES = ("military forces of", "police forces of")
METHODS = {
    "suicide bomb": "suicide_bombing",
    "remote explosive/landmine/ied": "bombing",
    "grenade": "bombing",
    "shelling/artillery/missile attack": "rocket_mortar",
    "air/drone strike": "other",
    "armed clash": "armed_assault",
    "attack": "armed_assault",
    "abduction/forced disappearance": "kidnapping",
}
DATASET = "ACLED"
#: What ACLED records: fatalities without the victims' category, no injured.
RECORDS = Capabilities(victims=False, injured=False)


def matches(header: list[str]) -> bool:
    """True when the header has ACLED's identifying columns."""
    return {"event_id_cnty", "event_date", "event_type", "fatalities"} <= header_names(header)


def _is_state(actor: pd.Series) -> pd.Series:
    low = actor.astype("string").str.strip().str.lower()
    return low.str.startswith(STATE_ACTOR_PREFIXES).fillna(False)


def read(path: str | Path, **options: object) -> MappedRows:
    """Read an ACLED export (CSV, Parquet or Excel) into canonical columns."""
    table = read_records(path)
    table.require(REQUIRED, what="in an ACLED export")
    keep, excluded = split_non_incidents(table, ("event_id_cnty", "event_date"))
    file = str(table.path)
    problems: list[Problem] = []

    etype = table.column("event_type").astype("string").str.strip()
    sub = table.column("sub_event_type").astype("string").str.strip()
    actor1 = table.column("actor1").astype("string").str.strip()
    actor2 = table.get("actor2")
    actor2 = (
        actor2.astype("string").str.strip() if actor2 is not None else pd.Series("", index=etype.index, dtype="string")
    )
    state1 = _is_state(actor1)
    sub_low = sub.str.lower()

    event_type = pd.Series("other", index=etype.index, dtype="string")
    battles = etype == "Battles"
    event_type = event_type.mask(battles, "clash")
    event_type = event_type.mask(battles & (sub_low == "government regains territory"), "operation")
    event_type = event_type.mask(battles & (sub_low == "non-state actor overtakes territory"), "attack")
    remote = etype == "Explosions/Remote violence"
    event_type = event_type.mask(remote, "attack").mask(remote & state1, "operation")
    vac = etype == "Violence against civilians"
    event_type = event_type.mask(vac & ~state1, "attack")
    unknown_type = ~etype.isin(EVENT_TYPES).fillna(False).to_numpy(dtype=bool) & keep
    problems += row_problems(
        table,
        unknown_type,
        "warning",
        "unknown_event_type",
        lambda i: f"event_type '{etype.iloc[i]}' is not an ACLED event type; read as other",
        column="event_type",
        value=lambda i: str(etype.iloc[i]),
    )

    method = sub_low.map(METHODS).fillna("other").astype("string")
    method = method.where(etype.isin(EVENT_TYPES[:3]).fillna(False), pd.NA)
    perpetrator = pd.Series(pd.NA, index=etype.index, dtype="string")
    perpetrator = perpetrator.mask(event_type == "attack", actor1)
    perpetrator = perpetrator.mask(event_type == "operation", actor2)
    perpetrator = perpetrator.mask(event_type == "clash", actor1.where(~state1, actor2))
    target = actor2.where(event_type == "attack", "")

    prec = table.get("time_precision")
    fatalities = table.column("fatalities")
    columns = {
        "incident_id": table.column("event_id_cnty"),
        "date": parse_dates(
            table.column("event_date"), DATE_FORMATS, rows=table.rows, column="date", file=file, problems=problems
        ),
        "date_precision": prec.astype("string").str.strip().map(DATE_PRECISION).fillna("")
        if prec is not None
        else None,
        "country": table.get("country"),
        "province": table.get("admin1"),
        "district": table.get("admin2"),
        "locality": table.get("location"),
        "latitude": table.get("latitude"),
        "longitude": table.get("longitude"),
        "event_type": event_type,
        "method": method,
        "perpetrator": perpetrator,
        "target": target,
        # The same count in both columns; a bad value is reported once, under killed_total.
        "killed_total": fatalities,
        "killed_unknown": fatalities.where((numbers(fatalities) >= 0).fillna(False), ""),
        "source": table.get("source"),
        "description": table.get("notes"),
        "dataset": DATASET,
    }
    return mapped_rows(
        table,
        keep,
        columns,
        excluded=excluded,
        problems=problems,
        date_hint="YYYY-MM-DD or a date like '12 January 2021'",
        notes=["ACLED fatalities read as killed_total, category unknown (ACLED has no victim split)"],
    )
