"""Many tests in one table: the Benjamini–Hochberg false discovery rate.

A province or district table tests each row's change; with ten rows at the 5%
level about one "significant" change in two tables is expected by chance alone.
The marks of such a table are therefore decided on Benjamini–Hochberg adjusted
p-values (q-values), which keep the expected share of false marks at ``alpha``.

The step-up procedure is a few lines of numpy: it is written here rather than
imported from ``statsmodels.stats.multitest`` because the monthly brief does not
otherwise import statsmodels (seconds on a cold start); the tests compare it with
statsmodels' ``multipletests(method="fdr_bh")``.

References
----------
Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a
practical and powerful approach to multiple testing. Journal of the Royal
Statistical Society B 57(1), 289-300.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def bh_adjust(p_values: Sequence[float]) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given.

    ``q_(i) = min_{j >= i} min(1, m p_(j) / j)`` over the p-values sorted ascending;
    NaN p-values are left out of ``m`` and stay NaN.

    Examples
    --------
    >>> bh_adjust([0.01, 0.04, 0.03, 0.2]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.2]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    m = len(ok)
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="mergesort")]
    ranked = p[order] * m / np.arange(1, m + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out[order] = np.minimum(q, 1.0)
    return out
