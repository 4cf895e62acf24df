"""Reconcile two incident sources: what each counts, which incidents both record, why totals differ.

Three results, all computed from two loaded :class:`~analysis.incidents.Incidents`:

1. **Definitions side by side** (:func:`define_source`, :func:`definitions_frame`): what each
   source records (initiator, victim categories, injured, method, date precision) and what it
   includes by definition, so the scope difference is seen before the numbers.
2. **Matched incidents** (:func:`match_incidents`): record linkage in the Fellegi–Sunter model
   (Fellegi and Sunter 1969), computed with Splink (Linacre et al. 2022) on DuckDB. Candidate
   pairs are the incidents whose dates are within each side's date precision plus one day of
   reporting lag, in the same province (or one side's province not recorded). Each pair gets
   a match weight, the sum of readable parts: a prior (log2 of the chance that two random
   incidents are the same event) plus one log2 Bayes factor per comparison (date, place,
   method, toll). The m probabilities (how often true matches agree at each level) are set by
   judgement and written below; the u probabilities (how often non-matches agree by chance)
   are estimated from random pairs of the two files (seeded, so reruns give the same
   weights). Pairs are then assigned one-to-one by maximum total weight
   (``scipy.optimize.linear_sum_assignment``, the Hungarian method); a second pass attaches
   a leftover incident to the counterpart it scores best with when that counterpart is
   already matched (one UCDP event reported as several press items, or the reverse), flagged
   ``link = "extra"``.
3. **The difference decomposed** (:func:`decompose`): for each year × area and measure,
   ``gap = total A - total B = from_only_a + from_only_b + from_matched + from_scope``
   exactly, with ``matched_a + only_a = total_a`` and ``matched_b + only_b = total_b``.
   ``only_a`` counts every unmatched A incident; the part of it that B's definitions exclude
   (``scope_a``) goes to ``from_scope``, the rest to ``from_only_a``.

What a source does not record is not recorded, never 0: a measure that is blank in every row
of a side gives NA totals for that side (and an NA gap); blanks in some rows are skipped in
sums and counted in ``blank_a`` / ``blank_b`` so a reader can say "at least".

References
----------
Fellegi, I. P. and Sunter, A. B. (1969). A theory for record linkage. Journal of the
American Statistical Association 64(328), 1183-1210.
Christen, P. (2012). Data Matching: Concepts and Techniques for Record Linkage, Entity
Resolution, and Duplicate Detection. Springer. (Ch. 4 indexing/blocking, ch. 6 classification.)
Linacre, R., Lindsay, S., Manassis, T., Slade, Z., Hepworth, T., Kennedy, R. and Bond, A.
(2022). Splink: free software for probabilistic record linkage at scale. International
Journal of Population Data Science 7(3).
Kuhn, H. W. (1955). The Hungarian method for the assignment problem. Naval Research
Logistics Quarterly 2, 83-97.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.errors import ConfigError
from analysis.gazetteer import find_district, find_locality, resolve_province
from analysis.incidents import Incidents
from analysis.measures import heading
from analysis.periods import Period

#: Days a date may be off, by its precision, when it has no end date (a GED week-precision
#: event with a start and end date already spans its uncertainty).
PRECISION_SLACK_DAYS: dict[str, int] = {"day": 0, "week": 6, "month": 30, "year": 365}
#: Days allowed between two day-precision dates of the same event: press lists often date an
#: attack by the day it was reported, and a night attack falls on two dates.
REPORTING_LAG_DAYS = 1
#: Words in a description that name a method, used only where a source does not record the
#: method (UCDP): to score the method comparison and to decide scope.
METHOD_WORDS: dict[str, re.Pattern[str]] = {
    "suicide_bombing": re.compile(r"\bsuicide\b", re.IGNORECASE),
    "drone_strike": re.compile(r"\bdrones?\b|\bmissiles?\b|\bunmanned\b|\bUAVs?\b|\bpredator\b", re.IGNORECASE),
}
#: Measures decomposed.
MEASURES: tuple[str, ...] = ("incidents", "killed_total", "injured_total")
#: Match weight (log2 odds) a pair needs to be proposed: 0 is a match probability of one half.
MIN_MATCH_WEIGHT = 0.0
#: Extra weight (log2) a second link to an incident already matched needs: a leftover item
#: joins a matched incident only when the evidence is 16 times stronger than for a first
#: link (e.g. same day, district and toll): the day and district of a busy conflict hold many
#: unrelated events, and same day, same district and a close toll alone linked unrelated ones.
EXTRA_MARGIN = 4.0
#: Seed of the random pairs that estimate the u probabilities.
U_SEED = 18
#: Pairs sampled to estimate the u probabilities.
U_MAX_PAIRS = 1_000_000

Side = Literal["a", "b"]

# --- definitions ------------------------------------------------------------------------------

#: What secbrief knows of the built-in sources' definitions (their codebooks).
_BUILT_IN: dict[str, dict[str, object]] = {
    "ucdp": {
        "inclusion": "Organised violence (state-based, non-state and one-sided) with at least one death, "
        "in a conflict, dyad or actor that reached 25 battle-related deaths in a calendar year "
        "(UCDP GED codebook 21.1)",
        "initiator": "not recorded as such: type of violence and the two sides (secbrief maps one-sided "
        "to attack, state-based and non-state to clash)",
        "min_killed": 1,
    },
    "acled": {
        "inclusion": "Political violence, demonstrations and strategic developments, events without "
        "deaths included (ACLED codebook 2023)",
        "initiator": "actor 1 and actor 2 with their types",
        "min_killed": 0,
    },
    "gtd": {
        "inclusion": "Intentional violence or threat by non-state actors meeting two of three criteria: "
        "political aim, intent to coerce a wider audience, outside legitimate warfare (GTD codebook 2021)",
        "initiator": "non-state perpetrators only (attacks)",
        "min_killed": 0,
    },
    "native": {
        "inclusion": "As the dataset's compiler defines it (secbrief's own schema)",
        "initiator": "event type: attack, operation, clash, other",
        "min_killed": 0,
    },
}


@dataclass(frozen=True)
class SourceDefinition:
    """What one source records and includes, for the definitions table.

    Attributes
    ----------
    source
        Source name as read (``ucdp``, ``profile:pakistan-suicide-attacks``).
    dataset
        Dataset name(s) in the data.
    description
        One line about the source (a profile's own description, else the dataset).
    inclusion
        What the source includes by definition (codebook, or the profile's declarations).
    initiator, victims, injured, method, date_precision, ranges
        What the source records, in words: its declared capabilities
        (:func:`analysis.capabilities.capabilities`) less what is blank in every row read.
    scope_methods
        Methods the source is limited to by definition (a profile's fixed ``method``), or
        ``None`` when it covers every method.
    min_killed
        Fewest deaths an incident must have to be included (1 for UCDP: fatal events only).
    records
        For each measure or capability (``killed_total``, ``injured_total``, ``method``,
        ``initiator``, ``victims``, ``ranges``, ``date_precision``): whether the source records
        it. A measure not recorded is "not recorded", never 0.
    described_by
        Where the description comes from.
    """

    source: str
    dataset: str
    description: str
    inclusion: str
    initiator: str
    victims: str
    injured: str
    method: str
    date_precision: str
    ranges: str
    scope_methods: tuple[str, ...] | None
    min_killed: int
    records: dict[str, bool]
    described_by: str


def _profile_constants(source: str) -> tuple[str, dict[str, str]] | None:
    from analysis.sources.profile import is_profile_spec, load_profile

    if not (is_profile_spec(source) or source.endswith(".toml")):
        return None
    prof = load_profile(source)
    return prof.description, dict(prof.constants)


def _share_text(s: pd.Series) -> str:
    vc = s.dropna().value_counts()
    if vc.empty:
        return "not recorded"
    n = int(vc.sum())
    parts = [
        (f"{k} {100 * v / n:.0f}%" if 100 * v / n >= 0.5 else f"{k} <1%") if len(vc) > 1 else f"{k} (every row)"
        for k, v in vc.head(4).items()
    ]
    blank = int(s.isna().sum())
    return ", ".join(parts) + (f"; {blank} rows blank" if blank else "")


def define_source(inc: Incidents) -> SourceDefinition:
    """Describe what ``inc``'s source records and includes.

    Built-in sources are described from their codebooks (a small table in this module);
    a mapping profile from its own description and the values it fixes for every row
    (``[set] method = "suicide_bombing"`` makes the source a suicide-bombing list). What each
    measure records comes from the rows read: a column blank in every row is "not recorded".
    """
    from analysis.capabilities import capabilities

    f = inc.frame
    # what the source declares it records (analysis.capabilities), less what is blank in every row
    caps = capabilities(f, inc.source)
    records = {
        "killed_total": bool(f["killed_total"].notna().any()),
        "injured_total": caps.injured,
        "method": caps.method,
        "initiator": caps.initiator,
        "victims": caps.victims,
        "ranges": caps.ranges,
        "date_precision": caps.date_precision,
    }
    cats = [
        c.removeprefix("killed_")
        for c in ("killed_security", "killed_civilians", "killed_militants")
        if f[c].notna().any()
    ]
    victims = ("killed by category: " + ", ".join(cats) + " (and unknown)") if caps.victims else "total killed only"
    if not records["killed_total"]:
        victims = "deaths not recorded"
    prof = _profile_constants(inc.source)
    scope_methods: tuple[str, ...] | None = None
    if prof is not None:
        description, constants = prof
        fixed = [f"{k} = {v}" for k, v in constants.items() if k in ("event_type", "method")]
        inclusion = description or inc.dataset
        if fixed:
            inclusion += "; every row is set to " + " and ".join(fixed) + " by the profile"
        if "method" in constants:
            scope_methods = (constants["method"],)
        initiator = (
            f"{constants['event_type']} (every row, set by the profile)"
            if "event_type" in constants
            else _share_text(f["event_type"])
        )
        min_killed = 0
        described_by = f"the mapping profile ({inc.source.removeprefix('profile:')}) and the rows read"
    else:
        known = _BUILT_IN.get(inc.source, _BUILT_IN["native"])
        description = inc.dataset
        inclusion = str(known["inclusion"])
        initiator = str(known["initiator"])
        min_killed = int(known["min_killed"])  # type: ignore[call-overload]
        described_by = "secbrief's summary of the source's codebook, its declared capabilities and the rows read"
    method = _share_text(f["method"]) if caps.method else "not recorded"
    if scope_methods:
        method = f"{scope_methods[0]} (every row, by definition)"
    if not caps.initiator and caps.typology is not None:
        initiator = f"{initiator}; its own typology: {', '.join(caps.typology.labels.values()).lower()}"
    return SourceDefinition(
        source=inc.source,
        dataset=inc.dataset,
        description=description,
        inclusion=inclusion,
        initiator=initiator,
        victims=victims,
        injured="recorded" if records["injured_total"] else "not recorded",
        ranges="recorded" if caps.ranges else "not recorded",
        method=method,
        date_precision=_share_text(f["date_precision"]),
        scope_methods=scope_methods,
        min_killed=min_killed,
        records=records,
        described_by=described_by,
    )


#: Rows of the definitions table: (attribute, heading).
DEFINITION_ROWS: tuple[tuple[str, str], ...] = (
    ("dataset", "Dataset"),
    ("inclusion", "Includes"),
    ("initiator", "Initiator"),
    ("victims", "Victims"),
    ("injured", heading("injured_total")),
    ("method", "Method"),
    ("date_precision", "Date precision"),
    ("ranges", "Low–high deaths"),
    ("described_by", "Described from"),
)


def definitions_frame(a: SourceDefinition, b: SourceDefinition) -> pd.DataFrame:
    """The two definitions side by side: one row per aspect, columns ``aspect``, ``a``, ``b``."""
    return pd.DataFrame(
        [(heading, str(getattr(a, attr)), str(getattr(b, attr))) for attr, heading in DEFINITION_ROWS],
        columns=["aspect", "a", "b"],
    )


# --- preparing the two sides ------------------------------------------------------------------


_PARTS = re.compile(r"\s*[,;/]\s*|\s+-\s*|-")


def district_key(district: object, locality: object) -> str | None:
    """Gazetteer district of a row: its district, else the district of its locality; ``None`` when unknown.

    A name that is not in the gazetteer as a whole is tried part by part
    ("Tangi, Charsadda District", "Shabqadar-Charsadda").

    Examples
    --------
    >>> district_key(None, "Tangi, Charsadda District")
    'Charsadda'
    >>> district_key(None, "Kuram Agency")
    'Kurram'
    """
    for name in (district, locality):
        if not (isinstance(name, str) and name.strip()):
            continue
        for part in (name, *_PARTS.split(name)):
            d = find_district(part)
            if d is not None:
                return d.name
            loc = find_locality(part)
            if loc is not None:
                return loc.district
    return None


def described_method(text: object) -> str | None:
    """The method a description names (suicide bombing, drone strike), or ``None``."""
    if not isinstance(text, str):
        return None
    return next((m for m, rx in METHOD_WORDS.items() if rx.search(text)), None)


def _epoch_days(s: pd.Series) -> np.ndarray:
    return ((s - pd.Timestamp("1970-01-01")) // pd.Timedelta(days=1)).to_numpy(dtype="int64")


def linkage_table(frame: pd.DataFrame, side: Side) -> pd.DataFrame:
    """The columns the linkage compares, one row per incident of ``frame`` (in its order).

    ``d0``/``d1`` first and last day (days since 1970), ``slack`` days of date precision,
    ``dkey`` gazetteer district, ``method`` as recorded or else named by the description
    (``method_basis`` says which), ``killed`` the total (NaN when blank) and ``killed_lo`` /
    ``killed_hi`` its low-high range where the source gives one (UCDP's best can be 0 with a
    high of 9: such a toll agrees with 8).
    """
    f = frame.reset_index(drop=True)
    start = f["date"]
    end = f["date_end"].fillna(start)
    slack = f["date_precision"].astype("object").map(PRECISION_SLACK_DAYS).fillna(0).astype("int64")
    slack = slack.where(f["date_end"].isna().to_numpy(), 0)
    recorded = f["method"].astype("object").where(~f["method"].isin(["unknown", "other"]).fillna(False))
    recorded = recorded.where(recorded.notna(), None)
    named = [described_method(t) for t in f["description"].astype("object")]
    method = [r if r is not None else n for r, n in zip(recorded, named, strict=True)]
    basis = [
        "recorded" if r is not None else ("description" if n is not None else "not recorded")
        for r, n in zip(recorded, named, strict=True)
    ]
    prov = f["province"].astype("object")
    killed = f["killed_total"].astype("Float64").astype("float64").to_numpy()
    return pd.DataFrame(
        {
            "unique_id": [f"{side}{i}" for i in range(len(f))],
            "d0": _epoch_days(start),
            "d1": _epoch_days(end),
            "slack": slack.to_numpy(dtype="int64"),
            "province": prov.where(prov.notna(), None),
            "dkey": [district_key(d, loc) for d, loc in zip(f["district"], f["locality"], strict=True)],
            "lat": f["latitude"].astype("float64").to_numpy(),
            "lon": f["longitude"].astype("float64").to_numpy(),
            "method": method,
            "method_basis": basis,
            "killed": killed,
            "killed_lo": np.fmin(killed, f["killed_low"].astype("Float64").astype("float64").to_numpy()),
            "killed_hi": np.fmax(killed, f["killed_high"].astype("Float64").astype("float64").to_numpy()),
        }
    )


# --- matching ---------------------------------------------------------------------------------

_GAP = "greatest(0, d0_l - d1_r, d0_r - d1_l)"
_KM = (
    "6371 * 2 * asin(sqrt(pow(sin(radians(lat_r - lat_l) / 2), 2) + "
    "cos(radians(lat_l)) * cos(radians(lat_r)) * pow(sin(radians(lon_r - lon_l) / 2), 2)))"
)


def _level(sql: str, label: str, m: float | None) -> dict[str, object]:
    d: dict[str, object] = {"sql_condition": sql, "label_for_charts": label}
    if m is None:
        d["is_null_level"] = True
    else:
        d["m_probability"] = m
    return d


#: The comparisons: (name, levels as (SQL condition, label, m probability or None for "no
#: evidence")). The m probabilities are judgement: how often the same event, reported by two
#: sources, agrees at that level. Levels are tried in order; the first that holds applies.
COMPARISONS: tuple[tuple[str, tuple[tuple[str, str, float | None], ...]], ...] = (
    (
        "date",
        (
            (f"{_GAP} = 0", "same day (or overlapping dates)", 0.72),
            (f"{_GAP} <= 1", "one day apart", 0.2),
            (f"{_GAP} <= slack_l + slack_r + {REPORTING_LAG_DAYS}", "apart, within the dates' precision", 0.0799),
            # never among candidates (the blocking excludes it), but among the random pairs that
            # estimate the u probabilities: without it "within precision" would mean "any distance"
            ("ELSE", "further apart", 0.0001),
        ),
    ),
    (
        "place",
        (
            (
                "dkey_l IS NULL AND dkey_r IS NULL AND (lat_l IS NULL OR lat_r IS NULL)",
                "place not comparable",
                None,
            ),
            (f"dkey_l = dkey_r OR ((dkey_l IS NULL OR dkey_r IS NULL) AND {_KM} <= 15)", "same district", 0.8),
            (f"{_KM} <= 50", "within 50 km", 0.08),
            ("province_l = province_r", "same province, further apart", 0.08),
            ("ELSE", "different places", 0.04),
        ),
    ),
    (
        "method",
        (
            ("method_l IS NULL OR method_r IS NULL", "method not known on one side", None),
            ("method_l = method_r", "same method", 0.95),
            ("ELSE", "different methods", 0.05),
        ),
    ),
    (
        "toll",
        (
            ("killed_l IS NULL OR killed_r IS NULL", "toll not recorded on one side", None),
            ("killed_l = killed_r", "same toll", 0.3),
            (
                "abs(killed_l - killed_r) <= greatest(2, 0.25 * greatest(killed_l, killed_r)) "
                "OR (killed_lo_l <= killed_hi_r AND killed_lo_r <= killed_hi_l)",
                "tolls close (or low-high ranges overlap)",
                0.3,
            ),
            ("least(killed_l, killed_r) * 3 >= greatest(killed_l, killed_r)", "tolls within a factor 3", 0.22),
            ("ELSE", "tolls far apart", 0.18),
        ),
    ),
)


def candidate_window_sql() -> str:
    """Blocking condition on dates: intervals widened by both precisions and the reporting lag overlap."""
    w = f"l.slack + r.slack + {REPORTING_LAG_DAYS}"
    return f"r.d0 <= l.d1 + {w} AND l.d0 <= r.d1 + {w}"


def score_pairs(a: pd.DataFrame, b: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Every candidate pair of two linkage tables with its match weight and parts (Splink).

    Returns the pairs (``a``, ``b`` row positions, ``match_weight``, ``w_<comparison>``,
    ``level_<comparison>``) and the prior weight (log2 of the prior odds) included in every
    ``match_weight``.
    """
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator
    from splink.blocking_rule_library import CustomRule

    window = candidate_window_sql()
    comparisons: list[Any] = [
        cl.CustomComparison([_level(*lv) for lv in levels], output_column_name=name) for name, levels in COMPARISONS
    ]
    # Prior: each incident of the smaller side has at most one counterpart.
    prior = min(len(a), len(b)) / (len(a) * len(b))
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            CustomRule(f"l.province = r.province AND {window}"),
            CustomRule(f"(l.province IS NULL OR r.province IS NULL) AND {window}"),
        ],
        probability_two_random_records_match=min(prior, 0.5),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
    )
    splink_log = logging.getLogger("splink")
    old_level = splink_log.level
    splink_log.setLevel(logging.ERROR)  # its advice on sample sizes is for millions of records
    try:
        db = DuckDBAPI()
        cols = ["unique_id", "d0", "d1", "slack", "province", "dkey", "lat", "lon", "method"]
        cols += ["killed", "killed_lo", "killed_hi"]
        linker = Linker(
            [
                db.register(a[cols], dataset_display_name="side_a"),
                db.register(b[cols], dataset_display_name="side_b"),
            ],
            settings,
            log_level=None,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=U_SEED)
        p = linker.inference.predict(warning_mode="never").as_pandas_dataframe()
    finally:
        splink_log.setLevel(old_level)
    if p.empty:
        return _empty_scores(), float(np.log2(prior / (1 - prior)))
    # Splink puts the first registered table on the left; make sure of it.
    left_is_a = p["unique_id_l"].astype(str).str.startswith("a")
    out = pd.DataFrame(
        {
            "a": np.where(left_is_a, p["unique_id_l"], p["unique_id_r"]),
            "b": np.where(left_is_a, p["unique_id_r"], p["unique_id_l"]),
        }
    )
    out["a"] = out["a"].str.slice(1).astype("int64")
    out["b"] = out["b"].str.slice(1).astype("int64")
    out["match_weight"] = p["match_weight"].astype("float64").to_numpy()
    out["match_probability"] = p["match_probability"].astype("float64").to_numpy()
    for name, levels in COMPARISONS:
        # Splink numbers the levels from the last (0) up; a null level is -1
        has_null = levels[0][2] is None
        graded = levels[1:] if has_null else levels
        labels = {len(graded) - 1 - i: lv[1] for i, lv in enumerate(graded)}
        if has_null:
            labels[-1] = levels[0][1]
        out[f"w_{name}"] = _monotone(p[f"gamma_{name}"].to_numpy(), p[f"mw_{name}"].astype("float64").to_numpy())
        out[f"level_{name}"] = p[f"gamma_{name}"].map(labels).to_numpy()
    prior_weight = float(np.log2(min(prior, 0.5) / (1 - min(prior, 0.5))))
    out["match_weight"] = prior_weight + out[[f"w_{name}" for name, _ in COMPARISONS]].sum(axis=1)
    out["match_probability"] = 1 / (1 + 2.0 ** (-out["match_weight"]))
    return out.sort_values(["a", "b"], kind="mergesort").reset_index(drop=True), prior_weight


def _monotone(gamma: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Level weights made non-increasing from the most to the least similar level.

    With u estimated from random pairs, a less similar level can get a larger weight than a
    more similar one (tolls 2 and 6 "within a factor 3" outweighed "same toll" on the demo
    data, and swapped the links of two same-day incidents). A level's weight is therefore
    capped by the weight of every more similar level: the order restriction of the
    likelihood ratio that the levels' order asserts (Christen 2012, sec. 6.3). The null level
    (no evidence, 0) is left alone.
    """
    levels = {int(g): float(w) for g, w in zip(gamma, weight, strict=True) if g >= 0}
    capped: dict[int, float] = {}
    best = np.inf
    for g in sorted(levels, reverse=True):
        best = min(best, levels[g])
        capped[g] = best
    return np.array([capped.get(int(g), 0.0) if g >= 0 else w for g, w in zip(gamma, weight, strict=True)])


def _empty_scores() -> pd.DataFrame:
    cols: dict[str, pd.Series] = {
        "a": pd.Series(dtype="int64"),
        "b": pd.Series(dtype="int64"),
        "match_weight": pd.Series(dtype="float64"),
        "match_probability": pd.Series(dtype="float64"),
    }
    for name, _ in COMPARISONS:
        cols[f"w_{name}"] = pd.Series(dtype="float64")
        cols[f"level_{name}"] = pd.Series(dtype="object")
    return pd.DataFrame(cols)


def assign_pairs(scores: pd.DataFrame, *, min_weight: float = MIN_MATCH_WEIGHT) -> pd.DataFrame:
    """Choose links among scored pairs: one-to-one first, then extra items (many-to-one).

    One-to-one: the set of pairs, each incident in at most one, with the largest total of
    ``match_weight - min_weight`` over pairs at or above ``min_weight`` (Hungarian method,
    ``scipy.optimize.linear_sum_assignment``). Extra: an incident left over whose best pair
    at or above ``min_weight + EXTRA_MARGIN`` is with an incident already matched joins that
    incident (``link = "extra"``): one event recorded as several items by the other source.

    Returns the chosen rows of ``scores`` with a ``link`` column (``one-to-one`` or ``extra``).
    """
    from scipy.optimize import linear_sum_assignment

    ok = scores.loc[scores["match_weight"] >= min_weight]
    if ok.empty:
        return ok.assign(link=pd.Series(dtype="object"), group=pd.Series(dtype="int64"))
    ai, a_codes = np.unique(ok["a"].to_numpy(), return_inverse=True)
    bi, b_codes = np.unique(ok["b"].to_numpy(), return_inverse=True)
    gain = np.zeros((len(ai), len(bi)))
    # the small offset keeps a pair exactly at the threshold preferable to no pair
    gain[a_codes, b_codes] = ok["match_weight"].to_numpy() - min_weight + 1e-9
    rows, cols = linear_sum_assignment(gain, maximize=True)
    keep = gain[rows, cols] > 0
    chosen = set(zip(ai[rows[keep]].tolist(), bi[cols[keep]].tolist(), strict=True))
    is_one = np.array([(x, y) in chosen for x, y in zip(ok["a"], ok["b"], strict=True)], dtype=bool)
    one = ok.loc[is_one].assign(link="one-to-one")
    matched_a, matched_b = set(one["a"]), set(one["b"])
    rest = ok.loc[~is_one].sort_values(["match_weight", "a", "b"], ascending=[False, True, True], kind="mergesort")
    rest = rest.loc[rest["match_weight"] >= min_weight + EXTRA_MARGIN]
    extra_b = rest.loc[~rest["b"].isin(matched_b)].drop_duplicates("b")
    extra_b = extra_b.loc[extra_b["a"].isin(matched_a)]
    extra_a = rest.loc[~rest["a"].isin(matched_a)].drop_duplicates("a")
    extra_a = extra_a.loc[extra_a["b"].isin(matched_b)]
    extra = pd.concat([extra_b, extra_a]).drop_duplicates(["a", "b"]).assign(link="extra")
    links = pd.concat([one, extra]).sort_values(["a", "b"], kind="mergesort").reset_index(drop=True)
    return links.assign(group=_groups(links))


def _groups(links: pd.DataFrame) -> np.ndarray:
    """Number of each link's group: links that share an incident (one event and its extra items)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in zip(links["a"], links["b"], strict=True):
        ra, rb = root(("a", int(a))), root(("b", int(b)))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = [root(("a", int(a))) for a in links["a"]]
    numbers: dict[tuple[str, int], int] = {}
    return np.array([numbers.setdefault(r, len(numbers) + 1) for r in roots], dtype="int64")


@dataclass(frozen=True)
class Matching:
    """Links between two incident frames, with everything a reviewer needs to check them.

    Attributes
    ----------
    links
        Chosen pairs: ``a``, ``b`` (row positions in the two frames), ``link``, ``group`` (links
        sharing an incident), ``match_weight``,
        ``match_probability``, ``w_date`` ... ``w_toll`` and ``level_date`` ... ``level_toll``.
    candidates
        Every scored candidate pair (the links are among them).
    prior_weight
        log2 prior odds in every match weight: ``match_weight = prior_weight + sum of w_*``.
    a_table, b_table
        The compared columns of each side (:func:`linkage_table`).
    """

    links: pd.DataFrame
    candidates: pd.DataFrame
    prior_weight: float
    a_table: pd.DataFrame
    b_table: pd.DataFrame


def match_incidents(a: pd.DataFrame, b: pd.DataFrame, *, min_weight: float = MIN_MATCH_WEIGHT) -> Matching:
    """Pair the incidents of two canonical frames that are the same event (see the module docstring)."""
    ta, tb = linkage_table(a, "a"), linkage_table(b, "b")
    if ta.empty or tb.empty:
        scores, prior = _empty_scores(), 0.0
    else:
        scores, prior = score_pairs(ta, tb)
    links = assign_pairs(scores, min_weight=min_weight)
    return Matching(links=links, candidates=scores, prior_weight=prior, a_table=ta, b_table=tb)


# --- scope and the decomposition ----------------------------------------------------------------


def scope_reasons(frame: pd.DataFrame, table: pd.DataFrame, other: SourceDefinition) -> pd.Series:
    """Why each row falls outside ``other``'s definitions, or NA when it is within them (or unknown).

    - ``other`` is limited to some methods (a suicide-bombing list): a row whose method
      (recorded, else named by its description) is another method, or is not known, is out of
      scope: the row does not show that it is an incident of that kind.
    - ``other`` includes fatal events only (UCDP): a row with 0 killed is out of scope; a
      blank toll is not 0 and stays in scope.
    """
    f = frame.reset_index(drop=True)
    out = pd.Series(pd.NA, index=f.index, dtype="object")
    if other.min_killed > 0:
        killed = f["killed_total"]
        low = (killed < other.min_killed).fillna(False).to_numpy(dtype=bool)
        out[low] = f"fewer than {other.min_killed} killed: {other.source} includes fatal events only"
    if other.scope_methods:
        wanted = set(other.scope_methods)
        kinds = " or ".join(sorted(wanted))
        method = table["method"]
        basis = table["method_basis"]
        for i in range(len(f)):
            if method.iat[i] in wanted:
                continue
            if basis.iat[i] == "not recorded":
                why = f"not shown to be a {kinds}: method not recorded, description does not say"
            else:
                why = f"method {method.iat[i]} ({basis.iat[i]}); {other.source} lists {kinds} only"
            out.iat[i] = why if pd.isna(out.iat[i]) else f"{out.iat[i]}; {why}"
    return out


def _labelled(frame: pd.DataFrame, matched: set[int], scope: pd.Series, area: str) -> pd.DataFrame:
    f = frame.reset_index(drop=True)
    status = np.where(
        np.isin(np.arange(len(f)), sorted(matched)),
        "matched",
        np.where(scope.notna().to_numpy(), "scope", "only"),
    )
    out = pd.DataFrame(
        {
            "year": f["date"].dt.year.to_numpy(),
            "area": f[area].astype("object").fillna("not recorded").to_numpy(),
            "status": status,
            "incidents": 1,
            "killed_total": f["killed_total"].astype("Float64").to_numpy(),
            "injured_total": f["injured_total"].astype("Float64").to_numpy(),
        }
    )
    return out


#: Columns of the decomposition that add up over cells.
SUMMED: tuple[str, ...] = (
    "total_a",
    "total_b",
    "gap",
    "matched_a",
    "matched_b",
    "only_a",
    "only_b",
    "scope_a",
    "scope_b",
    "blank_a",
    "blank_b",
    "from_only_a",
    "from_only_b",
    "from_matched",
    "from_scope",
)


def decompose(
    a_rows: pd.DataFrame,
    b_rows: pd.DataFrame,
    *,
    a_records: dict[str, bool] | None = None,
    b_records: dict[str, bool] | None = None,
) -> pd.DataFrame:
    """The gap between two sources per year × area and measure, split into its parts.

    Parameters
    ----------
    a_rows, b_rows
        One row per incident: ``year``, ``area``, ``status`` (``matched``, ``only``, ``scope``:
        unmatched and outside the other source's definitions) and the measures.
    a_records, b_records
        Whether each source records ``killed_total`` / ``injured_total`` at all; a measure
        not recorded gives NA for that side, never 0.

    Returns
    -------
    DataFrame
        ``year, area, measure, total_a, total_b, gap, matched_a, matched_b, only_a, only_b,
        scope_a, scope_b, blank_a, blank_b, from_only_a, from_only_b, from_matched,
        from_scope``, where ``only_*`` counts every unmatched incident (``scope_*`` is part
        of it), ``matched + only = total`` on each side and
        ``gap = from_only_a + from_only_b + from_matched + from_scope`` with
        ``from_only_a = only_a - scope_a``, ``from_only_b = -(only_b - scope_b)``,
        ``from_matched = matched_a - matched_b``, ``from_scope = scope_a - scope_b``.
    """
    keys = ["year", "area"]
    cells = pd.concat([a_rows[keys], b_rows[keys]]).drop_duplicates().sort_values(keys).reset_index(drop=True)
    parts = []
    for measure in MEASURES:
        side_cols = {}
        for side, rows, records in (("a", a_rows, a_records), ("b", b_rows, b_records)):
            recorded = True if measure == "incidents" or records is None else records.get(measure, True)
            vals = rows[measure].astype("Float64")
            g = rows.assign(v=vals, blank=vals.isna().astype("int64"))
            sums = {}
            for status in ("matched", "only", "scope"):
                s = g.loc[g["status"] == status].groupby(keys)["v"].sum(min_count=0)
                sums[status] = s
            blank = g.groupby(keys)["blank"].sum()
            t = cells.set_index(keys)
            for status in ("matched", "only", "scope"):
                t[status] = sums[status].reindex(t.index).fillna(0)
            t["only"] = t["only"] + t["scope"]
            t["total"] = t["matched"] + t["only"]
            t["blank"] = blank.reindex(t.index).fillna(0).astype("int64")
            t = t.astype({"matched": "Float64", "only": "Float64", "scope": "Float64", "total": "Float64"})
            if not recorded:
                for c in ("matched", "only", "scope", "total"):
                    t[c] = pd.NA
            side_cols[side] = t
        ta, tb = side_cols["a"], side_cols["b"]
        d = pd.DataFrame(index=ta.index)
        d["measure"] = measure
        for side, t in (("a", ta), ("b", tb)):
            for c in ("total", "matched", "only", "scope", "blank"):
                d[f"{c}_{side}"] = t[c]
        d["gap"] = d["total_a"] - d["total_b"]
        d["from_only_a"] = d["only_a"] - d["scope_a"]
        d["from_only_b"] = -(d["only_b"] - d["scope_b"])
        d["from_matched"] = d["matched_a"] - d["matched_b"]
        d["from_scope"] = d["scope_a"] - d["scope_b"]
        parts.append(d.reset_index())
    out = pd.concat(parts, ignore_index=True)
    order = ["year", "area", "measure", *SUMMED]
    out = out[order]
    out["year"] = out["year"].astype("int64")
    return out


# --- the whole reconciliation -----------------------------------------------------------------


@dataclass(frozen=True)
class Reconciliation:
    """Two sources reconciled over one period (and region).

    Attributes
    ----------
    period
        Period asked for; ``start``/``end`` the dates compared (the part both sources cover).
    region
        Province or district(s) compared, or ``None`` for the whole country.
    area
        What the decomposition's ``area`` is: ``province`` or ``district``.
    a, b
        The two sources' definitions.
    a_frame, b_frame
        The incidents compared (period, region and common coverage applied), in the order
        the row positions of :attr:`matching` refer to.
    matching
        Links and scores.
    a_scope, b_scope
        For each row: why it is outside the other source's definitions, or NA.
    decomposition
        :func:`decompose`'s table.
    notes
        What was done that a reader must know (dates clipped to the common coverage, ...).
    """

    period: Period
    start: pd.Timestamp
    end: pd.Timestamp
    region: str | None
    area: str
    a: SourceDefinition
    b: SourceDefinition
    a_frame: pd.DataFrame
    b_frame: pd.DataFrame
    matching: Matching
    a_scope: pd.Series
    b_scope: pd.Series
    decomposition: pd.DataFrame
    notes: tuple[str, ...]

    def pairs(self) -> pd.DataFrame:
        """The links with both incidents' dates, places, tolls and descriptions (for review and CSV)."""
        links = self.matching.links
        fa = self.a_frame.iloc[links["a"].to_numpy()].reset_index(drop=True)
        fb = self.b_frame.iloc[links["b"].to_numpy()].reset_index(drop=True)
        ta = self.matching.a_table.iloc[links["a"].to_numpy()].reset_index(drop=True)
        tb = self.matching.b_table.iloc[links["b"].to_numpy()].reset_index(drop=True)
        out = pd.DataFrame(
            {
                "a_id": fa["incident_id"].astype("string"),
                "b_id": fb["incident_id"].astype("string"),
                "a_row": fa["_row"].to_numpy(),
                "b_row": fb["_row"].to_numpy(),
                "link": links["link"].to_numpy(),
                "group": links["group"].to_numpy(),
                "match_weight": links["match_weight"].round(2).to_numpy(),
                "match_probability": links["match_probability"].round(4).to_numpy(),
                "w_prior": round(self.matching.prior_weight, 2),
            }
        )
        for name, _ in COMPARISONS:
            out[f"w_{name}"] = links[f"w_{name}"].round(2).to_numpy()
            out[f"level_{name}"] = links[f"level_{name}"].to_numpy()
        out["a_date"] = fa["date"].dt.strftime("%Y-%m-%d").to_numpy()
        out["b_date"] = fb["date"].dt.strftime("%Y-%m-%d").to_numpy()
        out["a_place"] = _place(fa, ta)
        out["b_place"] = _place(fb, tb)
        out["a_killed"] = fa["killed_total"].to_numpy()
        out["b_killed"] = fb["killed_total"].to_numpy()
        for side, f in (("a", fa), ("b", fb)):
            out[f"{side}_killed_low"] = f["killed_low"].to_numpy()
            out[f"{side}_killed_high"] = f["killed_high"].to_numpy()
        out["killed_difference"] = (fa["killed_total"] - fb["killed_total"]).to_numpy()
        # a group's tolls: each incident once, however many links it has
        ka = self.a_frame["killed_total"].astype("Float64")
        kb = self.b_frame["killed_total"].astype("Float64")
        ga = links.drop_duplicates("a").assign(k=ka.iloc[links.drop_duplicates("a")["a"]].to_numpy())
        gb = links.drop_duplicates("b").assign(k=kb.iloc[links.drop_duplicates("b")["b"]].to_numpy())
        out["group_a_killed"] = out["group"].map(ga.groupby("group")["k"].sum(min_count=1)).to_numpy()
        out["group_b_killed"] = out["group"].map(gb.groupby("group")["k"].sum(min_count=1)).to_numpy()
        out["a_description"] = fa["description"].to_numpy()
        out["b_description"] = fb["description"].to_numpy()
        return out

    def unmatched(self, side: Side) -> pd.DataFrame:
        """The incidents of one side with no link, with their scope reason (NA: within the other's scope)."""
        frame, table = (self.a_frame, self.matching.a_table) if side == "a" else (self.b_frame, self.matching.b_table)
        scope = self.a_scope if side == "a" else self.b_scope
        linked = set(self.matching.links[side])
        keep = np.array([i not in linked for i in range(len(frame))], dtype=bool)
        f = frame.reset_index(drop=True).loc[keep]
        t = table.loc[keep]
        return pd.DataFrame(
            {
                "side": side,
                "incident_id": f["incident_id"].astype("string").to_numpy(),
                "row": f["_row"].to_numpy(),
                "date": f["date"].dt.strftime("%Y-%m-%d").to_numpy(),
                "date_precision": f["date_precision"].to_numpy(),
                "place": _place(f, t),
                "method": t["method"].to_numpy(),
                "method_basis": t["method_basis"].to_numpy(),
                "killed_total": f["killed_total"].to_numpy(),
                "injured_total": f["injured_total"].to_numpy(),
                "out_of_scope": scope.loc[keep].to_numpy(),
                "description": f["description"].to_numpy(),
            }
        )


def _place(f: pd.DataFrame, t: pd.DataFrame) -> list[str]:
    out = []
    for prov, dkey, loc in zip(f["province"], t["dkey"], f["locality"], strict=True):
        bits = [str(x) for x in (loc, dkey, prov) if isinstance(x, str) and x]
        out.append(", ".join(dict.fromkeys(bits)) or "not recorded")
    return out


def _region_filter(region: str | None) -> tuple[str | None, str, set[str] | None, str | None]:
    """(label, area, districts, province) for ``--region``: a province, or districts (comma-separated)."""
    if region is None or not region.strip():
        return None, "province", None, None
    prov = resolve_province(region)
    if prov is not None:
        return prov, "district", None, prov
    names = [n.strip() for n in region.split(",") if n.strip()]
    found = []
    for n in names:
        d = find_district(n)
        if d is None:
            raise ConfigError(f"--region '{n}' is not a known province, territory or district")
        found.append(d.name)
    return ", ".join(found), "district", set(found), None


def _restrict(
    frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, prov: str | None, districts: set[str] | None
) -> pd.DataFrame:
    f = frame.loc[(frame["date"] >= start) & (frame["date"] <= end)]
    if prov is not None:
        f = f.loc[(f["province"] == prov).fillna(False)]
    if districts is not None:
        keys = [district_key(d, loc) for d, loc in zip(f["district"], f["locality"], strict=True)]
        f = f.loc[[k in districts for k in keys]]
    f = f.sort_values(["date", "incident_id"], kind="mergesort").reset_index(drop=True)
    # the area of a row for the decomposition: its gazetteer district when districts are compared
    return f


def reconcile(
    a: Incidents,
    b: Incidents,
    period: Period,
    region: str | None = None,
    *,
    min_weight: float = MIN_MATCH_WEIGHT,
) -> Reconciliation:
    """Reconcile ``a`` with ``b`` over ``period`` (and ``region``): definitions, links, decomposition.

    The dates compared are the part of ``period`` that both sources cover (first to last
    incident date of each); a note says so when that is shorter than the period.

    Raises
    ------
    ConfigError
        A side has no incidents, the sources' coverages do not overlap the period (or each
        other), or the region is unknown.
    """
    for inc, side in ((a, "A"), (b, "B")):
        if inc.frame.empty:
            raise ConfigError(f"source {side} ({inc.path or inc.source}) has no incidents", file=inc.path)
    label, area, districts, prov = _region_filter(region)
    (a0, a1), (b0, b1) = a.coverage, b.coverage  # type: ignore[misc]
    start = max(period.start, a0, b0)
    end = min(period.end, a1, b1)
    if start > end:
        raise ConfigError(
            f"no dates in common: period {period.label}, A covers {a0:%Y-%m-%d} to {a1:%Y-%m-%d}, "
            f"B covers {b0:%Y-%m-%d} to {b1:%Y-%m-%d}"
        )
    notes = []
    if (start, end) != (period.start, period.end):
        notes.append(
            f"Compared from {start:%Y-%m-%d} to {end:%Y-%m-%d}, the part of {period.label} that both sources cover "
            f"(A: {a0:%Y-%m-%d} to {a1:%Y-%m-%d}; B: {b0:%Y-%m-%d} to {b1:%Y-%m-%d})."
        )
    fa = _restrict(a.frame, start, end, prov, districts)
    fb = _restrict(b.frame, start, end, prov, districts)
    where = f" in {label}" if label else ""
    for f, inc, side in ((fa, a, "A"), (fb, b, "B")):
        if f.empty:
            raise ConfigError(
                f"source {side} ({inc.path or inc.source}) has no incidents "
                f"from {start:%Y-%m-%d} to {end:%Y-%m-%d}{where}",
                file=inc.path,
            )
    da, db = define_source(a), define_source(b)
    matching = match_incidents(fa, fb, min_weight=min_weight)
    a_scope = scope_reasons(fa, matching.a_table, db)
    b_scope = scope_reasons(fb, matching.b_table, da)
    # a matched incident is within both scopes: both sources recorded it
    a_scope = a_scope.where(~a_scope.index.isin(matching.links["a"]), pd.NA)
    b_scope = b_scope.where(~b_scope.index.isin(matching.links["b"]), pd.NA)
    if area == "district":
        fa = fa.assign(_area=matching.a_table["dkey"].to_numpy())
        fb = fb.assign(_area=matching.b_table["dkey"].to_numpy())
    else:
        fa = fa.assign(_area=fa["province"].to_numpy())
        fb = fb.assign(_area=fb["province"].to_numpy())
    rows_a = _labelled(fa, set(matching.links["a"]), a_scope, "_area")
    rows_b = _labelled(fb, set(matching.links["b"]), b_scope, "_area")
    table = decompose(rows_a, rows_b, a_records=da.records, b_records=db.records)
    n_extra = int((matching.links["link"] == "extra").sum())
    if n_extra:
        notes.append(
            f"{n_extra} link{'s' if n_extra != 1 else ''} join an extra item to an incident already matched "
            "(one event recorded as several items by the other source)."
        )
    return Reconciliation(
        period=period,
        start=start,
        end=end,
        region=label,
        area=area,
        a=da,
        b=db,
        a_frame=fa.drop(columns="_area"),
        b_frame=fb.drop(columns="_area"),
        matching=matching,
        a_scope=a_scope,
        b_scope=b_scope,
        decomposition=table,
        notes=tuple(notes),
    )


def decomposition_by(table: pd.DataFrame, key: str | None) -> pd.DataFrame:
    """The decomposition summed over the other key: by ``year``, by ``area`` or (``None``) in total.

    A side's measure that is not recorded stays NA (``min_count=1``), never 0.
    """
    keys = ["measure"] + ([key] if key else [])
    out = table.groupby(keys, sort=True)[list(SUMMED)].sum(min_count=1).reset_index()
    for c in ("blank_a", "blank_b"):
        out[c] = out[c].fillna(0).astype("int64")
    return out


@dataclass(frozen=True)
class LinkageQuality:
    """Links judged against hand-checked verdicts.

    Attributes
    ----------
    true_positive
        Links that a reviewer judged the same event.
    false_positive
        Links judged different events, or linking an incident judged to have no counterpart.
    false_negative
        Pairs judged the same event that are not linked.
    unlabelled
        Links no verdict covers (not counted either way).
    precision, recall
        ``tp / (tp + fp)`` and ``tp / (tp + fn)`` (NaN without a denominator).
    """

    true_positive: int
    false_positive: int
    false_negative: int
    unlabelled: int
    precision: float
    recall: float


def linkage_quality(links: pd.DataFrame, verdicts: pd.DataFrame) -> LinkageQuality:
    """Precision and recall of ``links`` (``a_id``, ``b_id``) on hand-checked ``verdicts``.

    ``verdicts`` has ``a_id``, ``b_id`` (blank for an incident judged to have no counterpart)
    and ``verdict``: ``same``, ``different`` or ``no counterpart``.
    """

    def key(x: object) -> str:
        return "" if x is None or (isinstance(x, float) and np.isnan(x)) or pd.isna(x) else str(x).strip()

    rows = [
        (key(a), key(b), str(v))
        for a, b, v in zip(verdicts["a_id"], verdicts["b_id"], verdicts["verdict"], strict=True)
    ]
    same = {(a, b) for a, b, v in rows if v == "same"}
    different = {(a, b) for a, b, v in rows if v == "different"}
    alone_a = {a for a, _, v in rows if v == "no counterpart" and a}
    alone_b = {b for _, b, v in rows if v == "no counterpart" and b}
    linked = {(key(a), key(b)) for a, b in zip(links["a_id"], links["b_id"], strict=True)}
    tp = len(linked & same)
    fp = sum(1 for p in linked - same if p in different or p[0] in alone_a or p[1] in alone_b)
    fn = len(same - linked)
    unlabelled = len(linked) - tp - fp
    return LinkageQuality(
        true_positive=tp,
        false_positive=fp,
        false_negative=fn,
        unlabelled=unlabelled,
        precision=tp / (tp + fp) if tp + fp else float("nan"),
        recall=tp / (tp + fn) if tp + fn else float("nan"),
    )
