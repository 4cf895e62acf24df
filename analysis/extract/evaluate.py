"""Compare extracted incidents with hand-coded ones, incident by incident.

Matching is done within each article: a candidate and a coded incident can match when
they have the same province and the same district (or both name none; a coded list
such as ``Musakhel; Kalat; Lasbela`` must match as a whole). Among possible pairs the
closest (same date, same counts) are paired first, each used once.

Measures: precision (matched / extracted), recall (matched / coded), and over
matched pairs the share with exact counts (killed by category and injured), the
share with the exact date, and the share with the same event type.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

COUNT_FIELDS: tuple[str, ...] = (
    "killed_security",
    "killed_civilians",
    "killed_militants",
    "killed_unknown",
    "injured_total",
)


@dataclass(frozen=True)
class Evaluation:
    """Agreement between extracted and coded incidents."""

    extracted: int
    expected: int
    matched: int
    exact_counts: int
    exact_date: int
    same_event_type: int
    mismatches: tuple[str, ...]

    @property
    def precision(self) -> float:
        """Share of extracted incidents that match a coded incident (1.0 when none were extracted)."""
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        """Share of coded incidents that were extracted (1.0 when none were expected)."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def count_accuracy(self) -> float:
        """Share of matched incidents whose casualty counts agree exactly (1.0 when none matched)."""
        return self.exact_counts / self.matched if self.matched else 1.0

    @property
    def date_accuracy(self) -> float:
        """Share of matched incidents with the same date (1.0 when none matched)."""
        return self.exact_date / self.matched if self.matched else 1.0


def _norm(v: object) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    s = str(v).strip()
    return s[:-2] if s.endswith(".0") else s


def _place_key(row: pd.Series) -> tuple[str, frozenset[str]]:
    d = _norm(row.get("district"))
    return _norm(row.get("province")), frozenset(x.strip() for x in d.split(";") if x.strip())


def _pairs(e_rows: list[pd.Series], x_rows: list[pd.Series]) -> list[tuple[int, int]]:
    """Coded and extracted rows of one article paired: same place, the closest (counts, date) first, each once."""
    pairs = []
    for i, e in enumerate(e_rows):
        for j, x in enumerate(x_rows):
            if _place_key(e) != _place_key(x):
                continue
            score = sum(_norm(e[c]) == _norm(x[c]) for c in COUNT_FIELDS) + (_norm(e["date"]) == _norm(x["date"]))
            pairs.append((score, i, j))
    used_e: set[int] = set()
    used_x: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, key=lambda t: -t[0]):
        if i in used_e or j in used_x:
            continue
        used_e.add(i)
        used_x.add(j)
        out.append((i, j))
    return out


def _by_article(extracted: pd.DataFrame, expected: pd.DataFrame):
    """Per article: its name, the coded rows (``incident != 0``) and the extracted rows."""
    exp = expected[expected["incident"].astype(str) != "0"]
    for article in sorted(set(exp["article"].astype(str)) | set(extracted["article"].astype(str))):
        e_rows = [r for _, r in exp[exp["article"].astype(str) == article].iterrows()]
        x_rows = [r for _, r in extracted[extracted["article"].astype(str) == article].iterrows()]
        yield article, e_rows, x_rows


def matched(extracted: pd.DataFrame, expected: pd.DataFrame) -> pd.Series:
    """For each extracted row (same index), whether :func:`evaluate` pairs it with a coded incident.

    The label of a candidate as the scorer sees it: ``True`` matched, ``False`` an extra candidate.

    >>> x = pd.DataFrame(
    ...     {
    ...         "article": ["a", "a"],
    ...         "province": ["Punjab"] * 2,
    ...         "district": ["Lahore", "Multan"],
    ...         "date": ["2024-01-02"] * 2,
    ...         **{c: [1, 1] for c in COUNT_FIELDS},
    ...     }
    ... )
    >>> e = x.iloc[:1].assign(incident="1")
    >>> matched(x, e).tolist()
    [True, False]
    """
    out = pd.Series(False, index=extracted.index, dtype=bool)
    for _, e_rows, x_rows in _by_article(extracted, expected):
        for _, j in _pairs(e_rows, x_rows):
            out.at[x_rows[j].name] = True
    return out


def evaluate(extracted: pd.DataFrame, expected: pd.DataFrame) -> Evaluation:
    """Score ``extracted`` candidates (column ``article``) against ``expected`` rows.

    Both frames need ``article``, ``date``, ``province``, ``district``, ``event_type`` and
    the count fields; coded rows with ``incident == 0`` (no incident) are ignored.
    """
    exp = expected[expected["incident"].astype(str) != "0"]
    matched = exact_counts = exact_date = same_type = 0
    mismatches: list[str] = []
    for article, e_rows, x_rows in _by_article(extracted, expected):
        pairs = _pairs(e_rows, x_rows)
        used_e, used_x = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, j in pairs:
            e, x = e_rows[i], x_rows[j]
            matched += 1
            diffs = [
                f"{c} {_norm(x[c]) or '-'} (coded {_norm(e[c]) or '-'})"
                for c in COUNT_FIELDS
                if _norm(e[c]) != _norm(x[c])
            ]
            exact_counts += not diffs
            # A date known only to the week or month is written for validation but coded blank.
            x_date = "" if _norm(x.get("date_basis")) == "unknown" else _norm(x["date"])
            if _norm(e["date"]) == x_date:
                exact_date += 1
            else:
                diffs.append(f"date {x_date or '-'} (coded {_norm(e['date']) or '-'})")
            same_type += _norm(e["event_type"]) == _norm(x["event_type"])
            if diffs:
                mismatches.append(f"{article}/{_norm(e['incident'])}: " + ", ".join(diffs))
        for i, e in enumerate(e_rows):
            if i not in used_e:
                mismatches.append(
                    f"{article}/{_norm(e['incident'])}: missed ({_norm(e['province'])}, "
                    f"{_norm(e['district']) or 'no district'}, {_norm(e['date'])})"
                )
        for j, x in enumerate(x_rows):
            if j not in used_x:
                mismatches.append(
                    f"{article}: extra candidate {_norm(x['incident_id'])} ({_norm(x['province'])}, "
                    f"{_norm(x['district']) or 'no district'}, {_norm(x['date'])})"
                )
    return Evaluation(len(extracted), len(exp), matched, exact_counts, exact_date, same_type, tuple(mismatches))


def article_of(source: str) -> str:
    """Article number used in ``expected.csv`` for a report file name ("00-seed.txt" → "00")."""
    return source.split(".")[0].split("-")[0]
