"""Changes of a count between two periods, with an exact test for the ratio of rates.

The verdict ("rose", "fell", "little changed") is decided by the test, not by the
sign of the difference; the percent change is not quoted when the base is small.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["rose", "fell", "little changed", "none in either period"]

#: Below this base a percent change is not printed ("from 2 to 19" instead).
MIN_BASE = 10


@dataclass(frozen=True)
class PeriodChange:
    """Change of a count between two periods, with an exact test for the ratio of Poisson rates.

    ``ratio`` compares rates per day, so periods of unequal length (February vs
    January) are compared fairly. ``percent`` is ``None`` when the previous count is
    below ``min_base``.
    """

    current: int
    previous: int
    current_days: int
    previous_days: int
    difference: int
    percent: float | None
    ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    verdict: Verdict
    alpha: float
    method: str


def compare_counts(
    current: int,
    previous: int,
    *,
    current_days: float = 1.0,
    previous_days: float = 1.0,
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
) -> PeriodChange:
    """Compare two counts with the exact conditional test for two Poisson rates.

    Conditional on the total ``n = current + previous``, the current count is
    binomial with probability ``t1 / (t1 + t0)`` under equal rates (``t`` the
    exposures, here days). The two-sided p-value is the binomial test's (minimum
    likelihood); the interval for the rate ratio transforms the Clopper–Pearson
    interval of the binomial proportion.

    Parameters
    ----------
    current, previous
        Counts in the current and comparison periods.
    current_days, previous_days
        Lengths of the periods (exposures).
    alpha
        Test level; the interval has coverage ``1 - alpha``.
    min_base
        Percent change is ``None`` when ``previous < min_base``.

    References
    ----------
    Przyborowski, J. and Wilenski, H. (1940). Homogeneity of results in testing samples
    from Poisson series. *Biometrika* 31, 313-323.
    Gu, K., Ng, H. K. T., Tang, M. L. and Schucany, W. R. (2008). Testing the ratio of two
    Poisson rates. *Biometrical Journal* 50(2), 283-298 (the "exact-cond" method of
    ``statsmodels.stats.rates.test_poisson_2indep``).

    Examples
    --------
    >>> c = compare_counts(30, 10)
    >>> c.verdict, round(c.ratio, 2), c.percent
    ('rose', 3.0, 200.0)
    >>> compare_counts(19, 2).percent is None
    True
    """
    from scipy import stats

    if current < 0 or previous < 0:
        raise ValueError("counts must be non-negative")
    if not (0 < alpha < 1):
        raise ValueError("alpha must be between 0 and 1")
    n = current + previous
    share0 = current_days / (current_days + previous_days)
    odds_to_ratio = previous_days / current_days
    if n == 0:
        return PeriodChange(current, previous, int(current_days), int(previous_days), 0, None,
                            math.nan, math.nan, math.nan, 1.0, "none in either period", alpha,
                            "exact conditional binomial test (no events)")
    test = stats.binomtest(current, n, share0, alternative="two-sided")
    ci = test.proportion_ci(confidence_level=1 - alpha, method="exact")

    def to_ratio(p: float) -> float:
        if p >= 1.0:
            return math.inf
        return p / (1.0 - p) * odds_to_ratio

    ratio = (current / current_days) / (previous / previous_days) if previous > 0 else math.inf
    p_value = float(test.pvalue)
    if p_value < alpha:
        verdict: Verdict = "rose" if ratio > 1 else "fell"
    else:
        verdict = "little changed"
    percent = (current - previous) / previous * 100.0 if previous >= min_base else None
    return PeriodChange(
        current=int(current),
        previous=int(previous),
        current_days=int(current_days),
        previous_days=int(previous_days),
        difference=int(current - previous),
        percent=percent,
        ratio=ratio,
        ci_low=to_ratio(ci.low),
        ci_high=to_ratio(ci.high),
        p_value=p_value,
        verdict=verdict,
        alpha=alpha,
        method="exact conditional binomial test for two Poisson rates (per day)",
    )
