"""One vocabulary: every label of a measure is defined in analysis/measures.py only (issue 13).

A second definition drifts ("unidentified" in the victim shares, "not stated" in the brief).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.incidents import from_frame
from analysis.measures import MEASURES, NOT_STATED, VICTIM_CATEGORIES, category, column
from analysis.rates import VICTIM_LABELS, shares

ROOT = Path(__file__).resolve().parents[2]


def test_victim_shares_use_the_measure_words():
    inc = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a", "b"],
                "date": pd.to_datetime(["2025-01-03", "2025-01-04"]),
                "province": ["Sindh", "Punjab"],
                "event_type": ["attack", "attack"],
                "killed_security": [1, 0],
                "killed_civilians": [2, 0],
                "killed_militants": [0, 3],
                "killed_unknown": [0, 4],
            }
        )
    )
    got = shares(inc.frame, by="victim").set_index("category")["count"].to_dict()
    assert got == {category(c): n for c, n in zip(VICTIM_CATEGORIES, (1, 2, 3, 4), strict=True)}
    assert got["not stated"] == 4  # was "unidentified"
    assert VICTIM_LABELS == {c: MEASURES[c].label.lower() for c in schema.KILLED_CATEGORIES}


def _literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, except parts of f-strings (sentences) and ``__all__``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets)
        ):
            skip |= {id(n) for n in ast.walk(node)}
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]


def test_no_measure_label_is_written_outside_measures():
    # "Not stated" is also the label of a blank group (NOT_STATED), a separate constant.
    vocab = {s for m in MEASURES.values() for s in (m.label, m.heading, column(m.key))} - {NOT_STATED}
    found = []
    for pkg in ("analysis", "reports"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            if path.name == "measures.py" or path == ROOT / "analysis" / "__init__.py":  # exports: class names
                continue
            found += [f"{path.relative_to(ROOT)}:{ln} {v!r}" for ln, v in _literals(path) if v in vocab]
    assert found == []
