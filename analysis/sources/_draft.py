"""Draft a mapping profile from a file's header and a sample of its values.

The draft is a starting point for the user to check and edit: columns are matched
by name, min/max pairs become ranges, the date format is the one that reads every
sampled date, and province spellings the gazetteer does not know are listed as
commented-out value-map lines.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from analysis.gazetteer import find_province
from analysis.sources._tabular import Table, read_records

#: Canonical column ← patterns a header name may match (after lower-casing and
#: turning punctuation into single spaces). First match wins; each file column is used once.
NAME_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "incident_id",
        r"^(incident id|event id|eventid|event id cnty|id|ref|ref no|case|case no"
        r"|s|s no|sno|serial|serial no|no|sr|sr no)$",
    ),
    ("date", r"^(date|when|event date|date start|start date|incident date|day)$"),
    ("date_end", r"^(date end|end date)$"),
    ("province", r"^(province|state|provstate|admin1|adm 1|adm1|region|province territory)$"),
    ("district", r"^(district|admin2|adm 2|adm2|agency|district agency)$"),
    ("locality", r"^(city|town|village|location|place|locality)$"),
    ("latitude", r"^(lat|latitude|y)$"),
    ("longitude", r"^(lon|lng|long|longitude|x)$"),
    ("perpetrator", r"^(perpetrator|group|gname|actor1|claimed by|responsible)$"),
    ("target", r"^(target|target type|targtype1 txt|victims?)$"),
    ("method", r"^(method|weapon|attack type|attacktype1 txt|type of attack)$"),
    ("event_type", r"^(event type|type)$"),
    ("killed_total", r"^(killed|deaths|dead|died|fatalities|total killed|nkill|killed total)$"),
    ("injured_total", r"^(injured|wounded|hurt|injuries|nwound|injured total)$"),
    ("description", r"^(description|notes|summary|details|comments|remarks)$"),
    ("source", r"^(source|sources|reference|references)$"),
    ("source_url", r"^(url|link|source url)$"),
)
#: Stems of min/max column pairs and the count they give.
RANGE_STEMS: tuple[tuple[str, str], ...] = (
    ("killed_total", r"^(killed|deaths|dead|died|total died|total killed|fatalities)$"),
    ("injured_total", r"^(injured|wounded|injuries)$"),
)
_MIN = re.compile(r"^(.*?)\s*(min|minimum|low)$")
_MAX = re.compile(r"^(.*?)\s*(max|maximum|mix|high)$")
#: Date formats tried on the sampled dates, most common first.
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%A, %B %d, %Y",
    "%A-%B %d-%Y",
    "%A, %d %B %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d/%m/%y",
    "%m/%d/%y",
)


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def _date_formats(values: pd.Series) -> tuple[str | None, list[str], list[str]]:
    """The format reading most sampled dates: (format, sample, sampled values it does not read)."""
    sample = [v for v in values.astype(str).str.strip() if v][:300]
    best: tuple[str | None, list[str]] = (None, sample)
    for fmt in DATE_FORMATS:
        misses = []
        for v in sample:
            try:
                datetime.strptime(v, fmt)
            except ValueError:
                misses.append(v)
        if len(misses) < len(best[1]):
            best = (fmt, misses)
    return best[0], sample, best[1]


_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


def _encoding(path: Path) -> str:
    """UTF-8 when the text decodes as UTF-8, else Latin-1 (which reads any byte)."""
    if path.suffix.lower() not in _TEXT_SUFFIXES:
        return "utf-8"
    try:
        path.read_bytes().decode("utf-8-sig")
        return "utf-8"
    except UnicodeDecodeError:
        return "latin-1"


def _header_row(path: Path, encoding: str) -> int:
    """The first of the top rows with the most filled cells: the header, below any title rows."""
    if path.suffix.lower() in _TEXT_SUFFIXES:
        import csv
        import io

        text = path.read_bytes()[:65536].decode(encoding, errors="replace")
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t", "|"), key=first.count)
        rows = [r for _, r in zip(range(10), csv.reader(io.StringIO(text), delimiter=delimiter), strict=False)]
    else:
        top = read_records(path, encoding=encoding, header_row=1)
        rows = [top.header] + [list(top.frame.iloc[i].astype(str)) for i in range(min(len(top.frame), 9))]
    counts = [sum(1 for c in r if str(c).strip() and not str(c).startswith("column ")) for r in rows]
    return counts.index(max(counts)) + 1 if counts else 1


def _read_any(path: Path) -> tuple[Table, str, int]:
    encoding = _encoding(path)
    row = _header_row(path, encoding)
    return read_records(path, encoding=encoding, header_row=row), encoding, row


def draft_profile(path: str | Path) -> str:
    """TOML text of a mapping profile drafted from ``path`` (see the module docstring)."""
    p = Path(path)
    table, encoding, header_row = _read_any(p)
    used: set[str] = set()
    columns: dict[str, str] = {}
    ranges: dict[str, tuple[str, str]] = {}
    mins = {m.group(1): h for h in table.header if (m := _MIN.match(_norm(h)))}
    maxs = {m.group(1): h for h in table.header if (m := _MAX.match(_norm(h)))}
    for canonical, stem_pattern in RANGE_STEMS:
        for stem in mins:
            if stem in maxs and re.match(stem_pattern, stem) and canonical not in ranges:
                ranges[canonical] = (mins[stem], maxs[stem])
                used |= {mins[stem], maxs[stem]}
    for canonical, pattern in NAME_PATTERNS:
        if canonical in ranges:
            continue
        for h in table.header:
            if h not in used and re.match(pattern, _norm(h)):
                columns[canonical] = h
                used.add(h)
                break

    doc = _Draft()
    doc.comment(f"Mapping profile drafted by 'secbrief profile init' from {p.name}.")
    doc.comment("Check every line, then: secbrief validate FILE --source THIS.toml")
    doc.comment("Keys are documented in docs/sources.md.")
    name = re.sub(r"[^a-z0-9]+", "-", p.stem.lower()).strip("-") or "my-data"
    doc.table(("profile",), {"name": name, "description": "incidents from " + p.name, "dataset": p.stem})
    read: dict[str, object] = {"encoding": encoding, "header_row": header_row}
    notes = []
    for note in table.notes:
        sheet = re.fullmatch(r"sheet '(.*)' read", note)
        if sheet:
            read["sheet"] = sheet.group(1)
        else:
            notes.append(note)
    doc.table(("read",), read)
    if encoding != "utf-8":
        doc.comment("the file is not valid UTF-8; latin-1 reads any byte: check accents")
    for note in notes:
        doc.comment(note)
    doc.table(("columns",), dict(columns))
    for needed in ("incident_id", "date"):
        if needed not in columns:
            doc.commented_key(
                needed, "...", f"REQUIRED: no column looks like it; write the name of the {needed} column"
            )
    doc.table(("set",), {})
    doc.commented_key("event_type", "attack", "attack, operation, clash or other, when the same for every row")
    doc.commented_key("method", "suicide_bombing", "when the same for every row")
    if "date" in columns:
        fmt, sample, misses = _date_formats(table.column(columns["date"]))
        doc.table(("dates",), {"formats": [fmt or "%Y-%m-%d"]})
        if fmt:
            doc.comment(f"e.g. {sample[0]}")
            if misses:
                doc.comment(
                    f"{len(misses)} of {len(sample)} sampled dates do not fit it, e.g. "
                    + ", ".join(json.dumps(m, ensure_ascii=False) for m in misses[:3])
                    + ": add formats or skip those rows"
                )
            if fmt in ("%d/%m/%Y", "%m/%d/%Y", "%d/%m/%y", "%m/%d/%y"):
                doc.comment("day/month or month/day? check a date after the 12th of a month")
        else:
            doc.comment(
                "no common format reads these dates"
                + (f" (e.g. {sample[0]}): write its strptime format" if sample else "")
            )
    if "province" in columns:
        unknown = sorted(
            {v for v in table.column(columns["province"]).astype(str).str.strip() if v and find_province(v) is None}
        )
        if unknown:
            doc.table(("values", "province"), {})
            doc.comment("spellings the gazetteer does not know: give the province")
            for v in unknown[:50]:
                doc.commented_key(v, "")
    for canonical, (lo, hi) in ranges.items():
        doc.table(("ranges", canonical), {"min": lo, "max": hi, "total": "max"})
    rest = [h for h in table.header if h not in used]
    if rest:
        doc.comment("columns not read: " + ", ".join(json.dumps(h, ensure_ascii=False) for h in rest))
    return doc.text()


#: Characters that would end or break a TOML comment line (controls, line and paragraph separators).
_UNSAFE_IN_COMMENT = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


class _Draft:
    r"""A TOML document built with a TOML writer (``tomli-w``): values are never pasted into text.

    Tables are written by :func:`tomli_w.dumps`; comments (and commented-out
    suggestions) have every control character and line break escaped, so a header
    or cell value holding TOML syntax (``"x"\n[evil]``) stays inside its string or
    comment and cannot add a key or a table.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []

    def table(self, path: tuple[str, ...], values: dict[str, object]) -> None:
        import tomli_w

        doc: dict[str, object] = dict(values)
        for key in reversed(path):
            doc = {key: doc}
        if self.parts:
            self.parts.append("")
        self.parts.append(tomli_w.dumps(doc).rstrip("\n"))

    def comment(self, text: str) -> None:
        safe = _UNSAFE_IN_COMMENT.sub(lambda m: json.dumps(m.group())[1:-1], text)
        self.parts.append(f"# {safe}")

    def commented_key(self, key: str, value: str, note: str = "") -> None:
        import tomli_w

        line = tomli_w.dumps({key: value}).rstrip("\n")  # one line: key and value quoted as TOML needs
        self.comment(line + (f"   # {note}" if note else ""))

    def text(self) -> str:
        return "\n".join(self.parts).rstrip() + "\n"
