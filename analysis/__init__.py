"""secbrief analysis: honest statistics on security-incident data.

From a file to key findings in three lines::

    import analysis as an

    inc = an.load_incidents("incidents.csv")
    for f in an.findings(inc.frame, an.parse_period("2025-01")):
        print(f.sentence)

Names are imported on first use, so ``import analysis`` stays light (statsmodels is
imported only by the trend functions, when they run).
"""

from __future__ import annotations

import importlib
from typing import Any

#: The public names, by the module that defines them (the one list: ``__all__`` and the lazy
#: ``__getattr__`` both come from it).
_MODULES: dict[str, tuple[str, ...]] = {
    "analysis.io": ("load_incidents", "detect_source"),
    "analysis.incidents": ("Incidents", "from_frame", "fingerprint"),
    "analysis.periods": (
        "Period",
        "parse_period",
        "month",
        "quarter",
        "year",
        "date_range",
        "rolling_days",
        "previous_period",
        "same_period_last_year",
        "year_to_date",
        "months_ending",
        "months_in",
    ),
    "analysis.counts": (
        "MEASURES",
        "Totals",
        "count_table",
        "totals",
        "in_period",
        "spread_counts",
        "ImpreciseDates",
        "imprecise_dates",
        "date_spans",
    ),
    "analysis.population": ("Denominators", "denominator", "denominators", "mid_period", "period_years"),
    "analysis.changes": (
        "PeriodChange",
        "compare_counts",
        "compare_deaths",
        "compare_periods",
        "change_table",
        "changes_from_table",
        "incident_values",
        "benjamini_hochberg",
    ),
    "analysis.rates": (
        "rate",
        "rate_per_million",
        "poisson_interval",
        "clustered_poisson_interval",
        "lethality",
        "shares",
    ),
    "analysis.trends": (
        "monthly_series",
        "rolling_means",
        "seasonal_decomposition",
        "growth_trend",
        "break_test",
        "estimate_break",
        "TrendFit",
        "BreakTest",
        "BreakEstimate",
        "level_shift",
        "LevelShift",
        "break_table",
    ),
    "analysis.records": ("Record", "records_for", "history"),
    "analysis.key_findings": ("Finding", "findings", "unsupported_numbers"),
    "analysis.capabilities": ("Capabilities", "capabilities"),
    "analysis.measures": ("Measure", "test_for"),
    "analysis.reconcile": ("Reconciliation", "reconcile", "match_incidents", "decompose", "linkage_quality"),
    "analysis.errors": (
        "SecbriefError",
        "SecbriefWarning",
        "DataValidationError",
        "SourceFormatError",
        "PeriodError",
    ),
}
_EXPORTS: dict[str, str] = {name: module for module, names in _MODULES.items() for name in names}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
