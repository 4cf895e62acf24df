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
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    # reading
    "load_incidents": "analysis.io",
    "detect_source": "analysis.io",
    "Incidents": "analysis.incidents",
    "from_frame": "analysis.incidents",
    "fingerprint": "analysis.incidents",
    # periods
    "Period": "analysis.periods",
    "parse_period": "analysis.periods",
    "month": "analysis.periods",
    "quarter": "analysis.periods",
    "year": "analysis.periods",
    "date_range": "analysis.periods",
    "rolling_days": "analysis.periods",
    "previous_period": "analysis.periods",
    "same_period_last_year": "analysis.periods",
    "year_to_date": "analysis.periods",
    "months_ending": "analysis.periods",
    "months_in": "analysis.periods",
    # counts
    "MEASURES": "analysis.counts",
    "Totals": "analysis.counts",
    "count_table": "analysis.counts",
    "totals": "analysis.counts",
    "in_period": "analysis.counts",
    "spread_counts": "analysis.counts",
    # changes
    "PeriodChange": "analysis.changes",
    "compare_counts": "analysis.changes",
    "compare_deaths": "analysis.changes",
    "compare_periods": "analysis.changes",
    "change_table": "analysis.changes",
    "changes_from_table": "analysis.changes",
    "incident_values": "analysis.changes",
    # rates
    "rate_per_million": "analysis.rates",
    "poisson_interval": "analysis.rates",
    "clustered_poisson_interval": "analysis.rates",
    "lethality": "analysis.rates",
    "shares": "analysis.rates",
    # trends
    "monthly_series": "analysis.trends",
    "rolling_means": "analysis.trends",
    "seasonal_decomposition": "analysis.trends",
    "growth_trend": "analysis.trends",
    "break_test": "analysis.trends",
    "estimate_break": "analysis.trends",
    "TrendFit": "analysis.trends",
    "BreakTest": "analysis.trends",
    "BreakEstimate": "analysis.trends",
    # forecasts
    "forecast_counts": "analysis.forecast",
    "backtest_counts": "analysis.forecast",
    "Backtest": "analysis.forecast",
    "TrackRecord": "analysis.forecast",
    "Outlook": "analysis.forecast",
    "outlook": "analysis.forecast",
    # records and findings
    "Record": "analysis.records",
    "records_for": "analysis.records",
    "history": "analysis.records",
    "Finding": "analysis.findings",
    "findings": "analysis.findings",
    "unsupported_numbers": "analysis.findings",
    # errors
    "SecbriefError": "analysis.errors",
    "SecbriefWarning": "analysis.errors",
    "DataValidationError": "analysis.errors",
    "SourceFormatError": "analysis.errors",
    "PeriodError": "analysis.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    if name != "findings":  # the submodule binds itself there; it is callable (see findings.py)
        globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and IDEs only  # noqa: F401 (re-exports)
    from analysis.changes import (
        PeriodChange,
        change_table,
        changes_from_table,
        compare_counts,
        compare_deaths,
        compare_periods,
        incident_values,
    )
    from analysis.counts import MEASURES, Totals, count_table, in_period, spread_counts, totals
    from analysis.errors import DataValidationError, PeriodError, SecbriefError, SecbriefWarning, SourceFormatError
    from analysis.findings import Finding, findings, unsupported_numbers
    from analysis.forecast import Backtest, Outlook, TrackRecord, backtest_counts, forecast_counts, outlook
    from analysis.incidents import Incidents, fingerprint, from_frame
    from analysis.io import detect_source, load_incidents
    from analysis.periods import (
        Period,
        date_range,
        month,
        months_ending,
        months_in,
        parse_period,
        previous_period,
        quarter,
        rolling_days,
        same_period_last_year,
        year,
        year_to_date,
    )
    from analysis.rates import clustered_poisson_interval, lethality, poisson_interval, rate_per_million, shares
    from analysis.records import Record, history, records_for
    from analysis.trends import (
        BreakEstimate,
        BreakTest,
        TrendFit,
        break_test,
        estimate_break,
        growth_trend,
        monthly_series,
        rolling_means,
        seasonal_decomposition,
    )
