"""A measured candidate screen: how likely an extracted candidate is a coded incident.

The rules of :mod:`analysis.extract.pipeline` decide what becomes a candidate, and say why in
each candidate's ``review`` notes. This module asks a second, statistical question of what a
candidate already carries (its review flags, where its date and place came from, whether it has
figures, cue words in its source sentences, its position in the report): *is it an incident the
coding rules keep, or an extra* (a place only mentioned, a background event, a lead total, a
sentence without casualties)? The answer is a logistic regression (ridge-penalised, fitted by
Newton's method with numpy) trained on the project's own coded reports, the labels coming free
from the scorer (:func:`analysis.extract.evaluate.matched`).

It is a measuring instrument, not part of the pipeline: ``bench/bench_screen.py`` cross-validates
it leave one set out and prints precision and recall with and without it. Measured, it did not
raise precision enough on unseen reports to be adopted (docs/extract.md, "Round 7 (clf):
candidate screen"); what it learns is mostly the place flags (no district, several districts),
which the rules of later rounds already act on.

Features are read from the rows of :func:`analysis.extract.pipeline.candidates_frame` (not from
the pipeline's internals), so the same code reads candidates of any revision of the extractor.

>>> import pandas as pd
>>> row = pd.DataFrame(
...     [
...         {
...             "incident_id": "a-1",
...             "source": "a.txt",
...             "killed_total": 3,
...             "injured_total": None,
...             "district": "Quetta",
...             "date_basis": "explicit",
...             "event_type": "attack",
...             "confidence": 0.9,
...             "review": "",
...             "source_sentences": "Three soldiers were killed in Quetta on Monday.",
...         }
...     ]
... )
>>> f = features(row)
>>> int(f.at[0, "has_figure"]), int(f.at[0, "cue_earlier"]), int(f.at[0, "no_district"])
(1, 0, 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Cue words for an earlier or recalled event in a candidate's sentences.
_EARLIER = re.compile(
    r"\b(?:earlier|last\s+(?:week|month|year)|previously|recalled?|ago|since|in\s+(?:19|20)\d{2}|"
    r"similar|comes?\s+(?:\w+\s+){0,3}after|years?|months?)\b",
    re.IGNORECASE,
)
#: A total or a period: "so far this year", "in the past week", "a total of".
_TOTAL = re.compile(
    r"\b(?:total|overall|so\s+far|this\s+year|in\s+(?:the\s+)?(?:past|last)\s+\w+|separate|respectively|"
    r"operations|attacks|incidents|combined|altogether)\b",
    re.IGNORECASE,
)
#: Reported speech: the figure is somebody's statement ("police said", "according to").
_REPORTED = re.compile(r"\b(?:said|told|according\s+to|stated|confirmed|statement)\b", re.IGNORECASE)
#: An event word of its own in the sentence ("killed in an attack", "a blast", "an operation").
_EVENT = re.compile(
    r"\b(?:attack\w*|blast|bomb\w*|explosion|ambush\w*|operation|raid|encounter|clash\w*|firing|fired|"
    r"opened\s+fire|shot|gunmen|militants?|terrorists?)\b",
    re.IGNORECASE,
)

#: Review notes read as binary features: (feature name, text the note starts with or contains).
_NOTES: tuple[tuple[str, str], ...] = (
    ("background", "background: an earlier event retold"),
    ("no_date", "no date in the text"),
    ("statement_date", "no event date: date of the statement"),
    ("lead_date", "date from the lead"),
    ("date_vague", "date known only as"),
    ("earlier_undated", "date not given for the earlier event"),
    ("no_district_note", "district not named in the text"),
    ("not_in_gazetteer", "place not in the gazetteer"),
    ("dateline", "from the dateline"),
    ("place_before", "place of the incident told just before"),
    ("place_lead", "from the lead"),
    ("fuzzy_place", "place matched by spelling"),
    ("several_districts", "one figure for several districts"),
    ("several_ops", "one figure covers several operations"),
    ("merged", "merged with a retelling"),
    ("assumed_killed", "taken as killed"),
    ("vague", "vague quantity not coded"),
    ("no_figures_note", "no casualty figures in the text"),
)

#: The features, in the order of the model's coefficients (the intercept comes first).
FEATURES: tuple[str, ...] = (
    "has_figure",
    "log_killed",
    "log_injured",
    "has_injured_only",
    "no_district",
    "date_publication",
    "date_unknown",
    "rule_confidence",
    "n_sentences",
    "position",
    "is_first",
    "is_last",
    "log_candidates",
    "same_place_other",
    "largest_in_report",
    "sum_of_others",
    "cue_earlier",
    "cue_total",
    "cue_reported",
    "no_event_word",
    "event_attack",
    "event_operation",
    "event_clash",
    *(name for name, _ in _NOTES),
)


def _count(v: object) -> float:
    """A count column's value as a number (0 when blank)."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return 0.0
    return float(v)  # type: ignore[arg-type]


def features(frame: pd.DataFrame) -> pd.DataFrame:
    """The screen's features of each candidate row of ``frame`` (same index, columns :data:`FEATURES`).

    ``frame`` holds rows of :func:`~analysis.extract.pipeline.candidates_frame`: the candidates of
    one or more reports (``source`` names the report; rows of a report in their order).
    """
    rows = []
    reports = frame.groupby(frame["source"].astype(str), sort=False).indices
    for idx in reports.values():
        sub = frame.iloc[idx]
        n = len(sub)
        places = [str(d) if isinstance(d, str) else "" for d in sub["district"]]
        killed = [_count(v) for v in sub["killed_total"]]
        injured = [_count(v) for v in sub["injured_total"]]
        for k, (_, r) in enumerate(sub.iterrows()):
            review = str(r.get("review") or "")
            text = str(r.get("source_sentences") or "")
            sents = [s for s in text.split(" | ") if s]
            others = [killed[j] for j in range(n) if j != k and killed[j]]
            event = str(r.get("event_type") or "")
            f = {
                "has_figure": float(bool(killed[k] or injured[k])),
                "log_killed": float(np.log1p(killed[k])),
                "log_injured": float(np.log1p(injured[k])),
                "has_injured_only": float(bool(injured[k]) and not killed[k]),
                "no_district": float(not places[k]),
                "date_publication": float(r.get("date_basis") == "publication"),
                "date_unknown": float(r.get("date_basis") == "unknown"),
                "rule_confidence": _count(r.get("confidence")),
                "n_sentences": float(np.log1p(len(sents))),
                "position": k / (n - 1) if n > 1 else 0.0,
                "is_first": float(k == 0),
                "is_last": float(k == n - 1 and n > 1),
                "log_candidates": float(np.log(n)),
                "same_place_other": float(bool(places[k]) and places.count(places[k]) > 1),
                "largest_in_report": float(n > 1 and killed[k] > 0 and killed[k] >= max(killed)),
                "sum_of_others": float(len(others) > 1 and killed[k] == sum(others)),
                "cue_earlier": float(bool(_EARLIER.search(text))),
                "cue_total": float(bool(_TOTAL.search(text))),
                "cue_reported": float(bool(_REPORTED.search(text))),
                "no_event_word": float(not _EVENT.search(text)),
                "event_attack": float(event == "attack"),
                "event_operation": float(event == "operation"),
                "event_clash": float(event == "clash"),
            }
            for name, note in _NOTES:
                f[name] = float(note in review)
            rows.append((sub.index[k], f))
    out = pd.DataFrame([f for _, f in rows], index=[i for i, _ in rows], columns=list(FEATURES), dtype=float)
    return out.reindex(frame.index)


@dataclass(frozen=True)
class Screen:
    """A fitted screen: standardisation, coefficients and the threshold below which a candidate is withheld."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    """Intercept first, then one coefficient per feature (on standardised features)."""
    threshold: float

    def score(self, x: pd.DataFrame) -> np.ndarray:
        """Probability that each candidate (rows of :func:`features`) is a coded incident."""
        z = (x[list(FEATURES)].to_numpy(float) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(self.coef[0] + z @ self.coef[1:])))

    def why(self, row: pd.Series, top: int = 3) -> list[str]:
        """The features that pull one candidate's score down most: ``"background -1.20"``."""
        z = (row[list(FEATURES)].to_numpy(float) - self.mean) / self.scale
        parts = sorted(zip(FEATURES, z * self.coef[1:], strict=True), key=lambda t: t[1])
        return [f"{name} {v:+.2f}" for name, v in parts[:top] if v < 0]


def fit(x: pd.DataFrame, y: np.ndarray, *, penalty: float = 1.0, threshold: float = 0.0) -> Screen:
    """Ridge-penalised logistic regression of ``y`` (1 matched, 0 extra) on the features ``x``.

    Newton-Raphson on the penalised log-likelihood (the intercept is not penalised); features are
    standardised first, so ``penalty`` weighs every coefficient alike. The penalty keeps the fit
    finite when a feature separates the classes (few extras, many flags).

    >>> x = pd.DataFrame(0.0, index=range(40), columns=list(FEATURES))
    >>> x["background"] = [1.0] * 10 + [0.0] * 30
    >>> y = np.array([0] * 8 + [1] * 32)
    >>> s = fit(x, y)
    >>> bool(s.score(x)[0] < s.score(x)[-1])
    True
    """
    a = x[list(FEATURES)].to_numpy(float)
    mean = a.mean(axis=0)
    scale = a.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.column_stack([np.ones(len(a)), (a - mean) / scale])
    pen = np.full(z.shape[1], penalty)
    pen[0] = 0.0
    beta = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        grad = z.T @ (y - p) - pen * beta
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(pen) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Screen(mean, scale, beta, threshold)


def choose_threshold(p: np.ndarray, y: np.ndarray, coded: int, *, max_recall_loss: float = 0.01) -> float:
    """The threshold that removes the most extras net of matches lost, losing at most ``max_recall_loss``.

    ``p`` are out-of-sample scores, ``y`` the labels (1 matched, 0 extra) and ``coded`` the number
    of coded incidents (the denominator of recall). A candidate is withheld when its score is
    below the threshold. Net gain is extras withheld minus matched candidates withheld; among
    thresholds of equal gain the lowest is taken. Returns 0.0 (withhold nothing) when no
    threshold gains within the allowed loss of recall.

    >>> round(choose_threshold(np.array([0.1, 0.2, 0.9, 0.95]), np.array([0, 0, 1, 1]), coded=2), 3)
    0.2
    >>> choose_threshold(np.array([0.1, 0.2]), np.array([1, 0]), coded=2)  # the extra scores above the match
    0.0
    """
    best, best_gain = 0.0, 0
    for t in np.unique(p):
        cut = t + 1e-7
        withheld = p < cut
        lost = int((withheld & (y == 1)).sum())
        gain = int((withheld & (y == 0)).sum()) - lost
        if coded and lost / coded <= max_recall_loss and gain > best_gain:
            best, best_gain = float(cut), gain
    return best
