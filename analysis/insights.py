"""Findings that add to the headline table instead of restating it.

"Deaths rose from 459 to 911" repeats a cell of the headline table. These findings tell the
reader something the table does not:

- :func:`concentration` — where the deaths were: the share of the top province and of the
  three districts with most deaths;
- :func:`newly_affected` — districts with deaths in the period and none in the 12 months before;
- :func:`change_decomposition` — which provinces made a change of deaths against the previous
  period (an additive decomposition: the provinces' differences sum to the total difference);
- :func:`suicide_share` — the share of all deaths caused by the few suicide attacks.

Each returns an :class:`analysis.key_findings.Finding` (or ``None`` when it has nothing to say) whose
``numbers`` hold every figure of its sentence.
"""

from __future__ import annotations

import pandas as pd

from analysis.counts import count_table, in_period
from analysis.key_findings import Finding
from analysis.periods import Period, date_range, previous_period


def _n(v: int) -> str:
    return f"{int(v):,}"


def _pct(part: float, whole: float) -> int:
    return int(round(100 * part / whole)) if whole else 0


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _districts(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    f = in_period(frame, period)
    d = f.assign(district=f["district"].astype("string").str.strip()).dropna(subset=["district"])
    d = d.loc[d["district"] != ""]
    return d.groupby("district", sort=False)["killed_total"].sum().astype("int64").reset_index()


def concentration(frame: pd.DataFrame, period: Period, *, region: str | None = None) -> Finding | None:
    """Share of deaths in the top province (national briefs) and in the three districts with most deaths.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": list("abcd"),
    ...             "date": pd.to_datetime(["2025-06-01"] * 4),
    ...             "province": ["Sindh", "Sindh", "Punjab", "Sindh"],
    ...             "district": ["Karachi", "Karachi", "Lahore", "Hyderabad"],
    ...             "event_type": ["attack"] * 4,
    ...             "killed_total": [6, 4, 2, 0],
    ...         }
    ...     )
    ... )
    >>> concentration(inc.frame, parse_period("2025-06")).sentence
    'Sindh accounted for 83% of deaths (10 of 12); Karachi and Lahore for 100%.'
    """
    f = in_period(frame, period)
    total = int(f["killed_total"].sum(skipna=True))
    if total < 10:
        return None
    nums: dict[str, object] = {"killed": total, "period": period.label}
    parts = []
    if region is None:
        by = f.groupby(f["province"].astype("string"))["killed_total"].sum().sort_values(ascending=False)
        if len(by):
            top, k = str(by.index[0]), int(by.iloc[0])
            parts.append(f"{top} accounted for {_pct(k, total)}% of deaths ({_n(k)} of {_n(total)})")
            nums |= {"province": top, "province_killed": k, "province_share_percent": _pct(k, total)}
    d = _districts(frame, period)
    d = d.loc[d["killed_total"] > 0].sort_values(["killed_total", "district"], ascending=[False, True]).head(3)
    if len(d) >= 2:
        share = _pct(int(d["killed_total"].sum()), total)
        names = _join(d["district"].tolist())
        parts.append(f"{names} for {share}%" if parts else f"{names} accounted for {share}% of deaths")
        nums |= {
            "districts": d["district"].tolist(),
            "districts_killed": int(d["killed_total"].sum()),
            "districts_share_percent": share,
        }
    if not parts:
        return None
    return Finding(f"concentration:{region or 'all'}", "share", "; ".join(parts) + ".", nums, 0.7, "shares of deaths")


def newly_affected(frame: pd.DataFrame, period: Period, *, months: int = 12) -> Finding | None:
    """Districts with deaths in ``period`` and none in the ``months`` months before it."""
    before = date_range(period.start - pd.DateOffset(months=months), period.start - pd.Timedelta(days=1))
    now = _districts(frame, period)
    now = now.loc[now["killed_total"] > 0]
    earlier = _districts(frame, before)
    had = set(earlier.loc[earlier["killed_total"] > 0, "district"])
    new = now.loc[~now["district"].isin(had)].sort_values(["killed_total", "district"], ascending=[False, True])
    if new.empty:
        return None
    shown = [f"{r.district} ({_n(r.killed_total)})" for r in new.head(4).itertuples()]
    more = f" and {len(new) - 4} more" if len(new) > 4 else ""
    what = "district" if len(new) == 1 else "districts"
    sentence = (
        f"Deaths were recorded in {len(new)} {what} with none in the previous {months} months: "
        f"{_join(shown) if not more else ', '.join(shown)}{more}."
    )
    nums: dict[str, object] = {
        "newly_affected": len(new),
        "districts": new["district"].tolist(),
        "killed": new["killed_total"].tolist(),
        "months": months,
    }
    if more:
        nums["not_named"] = len(new) - 4
    return Finding("newly-affected:districts", "share", sentence, nums, 0.6, "districts with deaths, previous months")


def change_decomposition(
    frame: pd.DataFrame, period: Period, *, verdict: str, min_base: int = 10, by: str = "province"
) -> Finding | None:
    """Which provinces (or districts) made the change of deaths against the previous period.

    Only for a change the brief's test calls a rise or a fall (``verdict``). The differences of
    the units sum exactly to the total difference (an additive decomposition).
    """
    if verdict not in ("rose", "fell"):
        return None
    prev = previous_period(period)
    cur = count_table(frame, by=[by], measures=["killed_total"], period=period, with_unknown=False)
    old = count_table(frame, by=[by], measures=["killed_total"], period=prev, with_unknown=False)
    t = cur.merge(old, on=by, how="outer", suffixes=("", "_prev")).fillna(0)
    t["diff"] = (t["killed_total"] - t["killed_total_prev"]).astype("int64")
    total = int(t["diff"].sum())
    if abs(total) < min_base:
        return None
    sign = 1 if total > 0 else -1
    t = t.loc[t["diff"] * sign > 0].sort_values("diff", ascending=sign < 0).head(2)
    now, before = int(cur["killed_total"].sum()), int(old["killed_total"].sum())
    word = "rise" if sign > 0 else "fall"
    share = _pct(int(t["diff"].sum()), total)
    parts = [f"{getattr(r, by)} ({'+' if r.diff > 0 else '−'}{_n(abs(r.diff))})" for r in t.itertuples()]
    sentence = (
        f"Deaths {'rose' if sign > 0 else 'fell'} by {_n(abs(total))} from {prev.label}; "
        f"{_join(parts)} {'accounts' if len(parts) == 1 else 'account'} for {share}% of the {word}."
    )
    nums = {
        "previous_period": prev.label,
        "previous": before,
        "current": now,
        "difference": total,
        by: t[by].astype(str).tolist(),
        "differences": t["diff"].tolist(),
        "share_percent": share,
    }
    return Finding(f"decomposition:killed_total:{by}", "change", sentence, nums, 0.8, "additive decomposition")


def suicide_share(frame: pd.DataFrame, period: Period) -> Finding | None:
    """Share of incidents and of deaths of the suicide attacks (needs the method column)."""
    if "method" not in frame or frame["method"].isna().all():
        return None
    f = in_period(frame, period)
    s = f.loc[f["method"].astype("string") == "suicide_bombing"]
    total = int(f["killed_total"].sum(skipna=True))
    if s.empty or not total or len(f) == 0:
        return None
    k = int(s["killed_total"].sum(skipna=True))
    sentence = (
        # Opens on a word: a ranked finding is printed in a numbered list ("3. 3 suicide ..." misreads).
        f"Suicide attacks, {_n(len(s))} of {_n(len(f))} incidents ({_pct(len(s), len(f))}%), "
        f"caused {_pct(k, total)}% of deaths ({_n(k)} of {_n(total)})."
    )
    nums: dict[str, object] = {
        "suicide_attacks": len(s),
        "incidents": len(f),
        "incidents_share_percent": _pct(len(s), len(f)),
        "killed": k,
        "killed_total": total,
        "killed_share_percent": _pct(k, total),
    }
    return Finding("suicide:share", "share", sentence, nums, 0.5, "shares")
