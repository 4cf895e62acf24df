"""Forecasts of monthly counts and their backtest, checked against plain-Python calculations."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import forecast as fc
from analysis.errors import DataValidationError
from analysis.forecast import QUANTILES, SeriesError, backtest_counts, forecast_counts

COLS = ["mean", "q0.025", "q0.05", "q0.1", "q0.25", "q0.5", "q0.75", "q0.9", "q0.95", "q0.975"]


def _series(values, start="2010-01"):
    return pd.Series(values, index=pd.period_range(start, periods=len(values), freq="M"))


def _nb(n=120, seed=1, mean=40.0, size=2.0):
    rng = np.random.default_rng(seed)
    level = mean * np.exp(np.cumsum(rng.normal(0, 0.08, n)))
    return _series(rng.negative_binomial(size, size / (size + level)))


# --------------------------------------------------------------------------- shapes and contract


def test_model_forecast_shape_index_columns():
    s = _nb()
    f = forecast_counts(s)
    assert list(f.columns) == COLS
    assert isinstance(f.index, pd.PeriodIndex) and f.index.freqstr == "M"
    assert f.index.astype(str).tolist() == ["2020-01", "2020-02", "2020-03"]
    assert f.attrs["fallback"] is False and f.attrs["note"] == ""
    assert "conformal" in f.attrs["method"]
    assert (f.to_numpy() >= 0).all()


@pytest.mark.parametrize("seed", range(8))
def test_quantiles_non_decreasing(seed):
    s = _nb(n=60 + 13 * seed, seed=seed, mean=2 + 30 * seed)
    f = forecast_counts(s, horizon=6)
    q = f.drop(columns="mean").to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()


def test_month_end_datetime_index_gives_the_same_forecast():
    s = _nb()
    d = pd.Series(s.to_numpy(), index=s.index.to_timestamp(how="end").normalize())
    pd.testing.assert_frame_equal(forecast_counts(d), forecast_counts(s))


def test_deterministic_and_pure():
    s = _nb(seed=5)
    before = s.copy()
    a, b = forecast_counts(s, horizon=4), forecast_counts(s, horizon=4)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_series_equal(s, before)


def test_custom_quantiles_name_columns():
    f = forecast_counts(_nb(), horizon=1, quantiles=[0.2, 0.5, 0.8])
    assert list(f.columns) == ["mean", "q0.2", "q0.5", "q0.8"]


def test_model_quantiles_equal_an_independent_calculation():
    """SES on log(y+5) with the weight of least one-step squared error, conformal order statistics."""
    s = _nb(n=90, seed=11)
    y = [float(v) for v in s]
    z = [math.log(v + 5) for v in y]
    best = None
    for a in [round(0.05 * k, 2) for k in range(1, 20)]:
        lv, levels = sum(z[:3]) / 3, []
        for v in z:
            lv = lv + a * (v - lv)
            levels.append(lv)
        sse = sum((z[t + 1] - levels[t]) ** 2 for t in range(12, len(z) - 1)) / (len(z) - 13)
        if best is None or sse < best[0] - 1e-12:
            best = (sse, a, levels)
    _, alpha, levels = best
    errors = sorted(z[t + 1] - levels[t] for t in range(12, len(z) - 1))
    errors = sorted([z[t + 1] - levels[t] for t in range(12, len(z) - 1)][-36:])
    n = len(errors)
    f = forecast_counts(s, horizon=1)
    assert f.attrs["alpha"] == pytest.approx(alpha)
    for q in QUANTILES:
        if q == 0.5:
            vals = sorted(max(math.exp(levels[-1] + e) - 5, 0) for e in errors)
            expect = (vals[17] + vals[18]) / 2
        else:
            rank = math.ceil((n + 1) * q - 1e-9) if q > 0.5 else math.floor((n + 1) * q + 1e-9)
            rank = min(max(rank, 1), n)
            expect = max(math.exp(levels[-1] + errors[rank - 1]) - 5, 0)
        assert f[f"q{q:g}"].iloc[0] == pytest.approx(expect, rel=1e-9)
    mean = sum(max(math.exp(levels[-1] + e) - 5, 0) for e in errors) / n
    assert f["mean"].iloc[0] == pytest.approx(mean, rel=1e-9)


# --------------------------------------------------------------------------- fallback


def test_short_series_falls_back_and_says_so():
    f = forecast_counts(_series([4, 6, 5, 7]), horizon=2)
    assert f.attrs["fallback"] is True
    assert "fewer than the 48" in f.attrs["note"]
    assert "Jeffreys" in f.attrs["method"]
    # gamma-Poisson predictive: NB(size 22.5, p 4/5), mean 22.5/4
    assert f["mean"].tolist() == pytest.approx([5.625, 5.625])


def test_all_zero_series_falls_back_with_a_positive_upper_quantile():
    f = forecast_counts(_series([0] * 60))
    assert f.attrs["fallback"] is True and f.attrs["note"] == "no events in the series"
    # NB(size 0.5, p 12/13): P(X=0) = (12/13)**0.5 = 0.961 < 0.975, so the upper quantile is 1
    assert f["q0.5"].iloc[0] == 0 and f["q0.975"].iloc[0] == 1
    assert f["mean"].iloc[0] == pytest.approx(0.5 / 12)


def test_negbin_and_poisson_quantiles_match_plain_cdfs():
    def quant(pmf, q):
        k, c = 0, pmf(0)
        while c < q - 1e-12:
            k += 1
            c += pmf(k)
        return k

    r, p = 7.5, 0.8
    nb = lambda k: math.exp(math.lgamma(k + r) - math.lgamma(r) - math.lgamma(k + 1)) * p**r * (1 - p) ** k  # noqa: E731
    assert fc.negbin_quantiles(r, p, QUANTILES).tolist() == [quant(nb, q) for q in QUANTILES]
    mu = 3.4
    po = lambda k: math.exp(-mu) * mu**k / math.factorial(k)  # noqa: E731
    assert fc.poisson_quantiles(mu, QUANTILES).tolist() == [quant(po, q) for q in QUANTILES]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("series", "words"),
    [
        (pd.Series([1, 2, 3, 4], index=pd.PeriodIndex(["2020-01", "2020-02", "2020-04", "2020-05"], freq="M")), "gaps"),
        (_series([1, -2, 3, 4]), "negative"),
        (_series([1.0, 2.5, 3.0, 4.0]), "not whole"),
        (_series([1, 2]), "too short"),
        (_series(pd.array([1, None, 3, 4], dtype="Int64")), "no value"),
        (pd.Series([1, 2, 3], index=[0, 1, 2]), "PeriodIndex"),
        (pd.Series([1, 2, 3], index=pd.period_range("2020-01-01", periods=3, freq="D")), "monthly"),
        (pd.Series([1, 2, 3], index=pd.to_datetime(["2020-01-15", "2020-02-15", "2020-03-15"])), "month-end"),
        ([1, 2, 3], "pandas.Series"),
    ],
)
def test_bad_series_raise_clear_errors(series, words):
    with pytest.raises(SeriesError, match=words) as info:
        forecast_counts(series)
    assert isinstance(info.value, DataValidationError) and isinstance(info.value, ValueError)


def test_gap_error_names_the_first_missing_month():
    s = pd.Series([1, 2, 3, 4], index=pd.PeriodIndex(["2020-01", "2020-02", "2020-05", "2020-06"], freq="M"))
    with pytest.raises(SeriesError, match="2 month.*first 2020-03"):
        forecast_counts(s)


@pytest.mark.parametrize(
    ("kw", "words"),
    [
        ({"horizon": 0}, "horizon"),
        ({"horizon": 2.0}, "horizon"),
        ({"quantiles": [0.5, 0.1]}, "increasing"),
        ({"quantiles": [0, 0.5]}, "between"),
    ],
)
def test_bad_options(kw, words):
    with pytest.raises(SeriesError, match=words):
        forecast_counts(_nb(), **kw)


# --------------------------------------------------------------------------- backtest


def _poisson_quantile(mu, q):
    k, term = 0, math.exp(-mu)
    c = term
    while c < q - 1e-12:
        k += 1
        term *= mu / k
        c += term
    return k


def _pinball(y, xs):
    return sum(max(q * (y - x), (q - 1) * (y - x)) for q, x in zip(QUANTILES, xs, strict=True)) / len(QUANTILES)


def test_backtest_agrees_with_hand_computed_pinball_and_coverage():
    # 24 months of 3, then 8, 3, 2: the last three months are the targets
    s = _series([3] * 24 + [8, 3, 2], start="2020-01")
    bt = backtest_counts(s, start="2022-01")
    f = bt.forecasts
    assert len(f) == 9 and bt.summary.months == 3
    rm = f.loc[f["model"] == "recent_mean"].reset_index(drop=True)
    # month 1: mean of twelve 3s; Poisson(3) quantiles by hand: 0 1 1 2 3 4 5 6 7
    assert rm.loc[0, COLS[1:]].tolist() == [0, 1, 1, 2, 3, 4, 5, 6, 7]
    # outcome 8 is above every quantile: loss = sum(q * (8 - x)) / 9 = 13.825 / 9
    assert rm.loc[0, "pinball"] == pytest.approx(13.825 / 9)
    assert not rm.loc[0, ["in_50", "in_80", "in_95"]].any()
    # months 2 and 3: mean (11 * 3 + 8) / 12, outcome 3 then 2, each inside all three intervals
    mu = 41 / 12
    expect = [_poisson_quantile(mu, q) for q in QUANTILES]
    assert rm.loc[1, COLS[1:]].tolist() == expect == rm.loc[2, COLS[1:]].tolist()
    assert rm.loc[1, "pinball"] == pytest.approx(_pinball(3, expect))
    assert rm.loc[2, "pinball"] == pytest.approx(_pinball(2, expect))
    r = bt.summary.recent_mean
    assert (r.hits_50, r.hits_80, r.hits_95) == (2, 2, 2)
    assert r.coverage_80 == pytest.approx(2 / 3)
    assert r.pinball == pytest.approx((13.825 / 9 + _pinball(3, expect) + _pinball(2, expect)) / 3)
    # seasonal naive, month 1: a year ago 3, all year-on-year changes 0: every quantile 3
    sn = f.loc[f["model"] == "seasonal_naive"].reset_index(drop=True)
    assert sn.loc[0, COLS[1:]].tolist() == [3.0] * 9
    assert sn.loc[0, "pinball"] == pytest.approx(5 * sum(QUANTILES) / 9)
    # month 2: changes are twelve 0s and one 5 (np.quantile, linear): a year ago 3
    diffs = [0.0] * 12 + [5.0]
    expect_sn = [3 + float(np.quantile(diffs, q)) for q in QUANTILES]
    assert sn.loc[1, COLS[1:]].tolist() == pytest.approx(expect_sn)
    # the summary names the better baseline and the skill against it
    losses = {m: f.loc[f["model"] == m, "pinball"].mean() for m in ("seasonal_naive", "recent_mean")}
    better = min(losses, key=losses.get)
    assert bt.summary.baseline == better
    fl = f.loc[f["model"] == "forecast", "pinball"].mean()
    assert bt.summary.skill == pytest.approx(1 - fl / losses[better])


def test_backtest_uses_only_months_before_each_origin():
    s = _nb(n=120, seed=3)
    bt = backtest_counts(s, start="2016-01", horizon=2)
    f = bt.forecasts.loc[bt.forecasts["model"] == "forecast"]
    for _, row in f.iloc[[0, 7, -1]].iterrows():
        assert row["origin"] == row["month"] - 2
        alone = forecast_counts(s.loc[: row["origin"]], horizon=2).iloc[-1]
        assert row[COLS].tolist() == pytest.approx(alone[COLS].tolist())
        assert row["outcome"] == s[row["month"]]
    # changing a month after the origin does not change that forecast
    s2 = s.copy()
    s2.loc["2019-01":] = 10_000
    f2 = backtest_counts(s2, start="2016-01", end="2018-12", horizon=2).forecasts
    pd.testing.assert_frame_equal(
        f2.drop(columns=["outcome", "pinball", "in_50", "in_80", "in_95"]).reset_index(drop=True),
        bt.forecasts.loc[bt.forecasts["month"] <= pd.Period("2018-12", "M")]
        .drop(columns=["outcome", "pinball", "in_50", "in_80", "in_95"])
        .reset_index(drop=True),
    )


def test_backtest_shape_monotone_and_deterministic():
    s = _nb(n=110, seed=8)
    a = backtest_counts(s, start="2015-01")
    b = backtest_counts(s, start="2015-01")
    pd.testing.assert_frame_equal(a.forecasts, b.forecasts)
    assert a.summary == b.summary
    assert len(a.forecasts) == 3 * 50  # 2015-01..2019-02
    assert set(a.forecasts["model"]) == {"forecast", "seasonal_naive", "recent_mean"}
    q = a.forecasts[COLS[1:]].to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    assert a.summary.score("forecast") is a.summary.forecast


@pytest.mark.parametrize(
    ("kw", "words"),
    [
        ({"start": "2011-06"}, "at least 24 months"),
        ({"start": "2030-01"}, "not within"),
        ({"start": "2015-01", "horizon": 13}, "horizon"),
        ({"start": "garbage"}, "months such as"),
    ],
)
def test_backtest_bad_options(kw, words):
    with pytest.raises(SeriesError, match=words):
        backtest_counts(_nb(), **kw)


def test_exported_from_the_package_and_doctests_run():
    assert analysis.forecast_counts is forecast_counts and analysis.backtest_counts is backtest_counts
    result = doctest.testmod(fc, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 4


# --------------------------------------------------------------------------- the brief's outlook


def _placeable(frame):
    """Plain-pandas restatement of the date-precision rule: the incident's possible days lie in one month."""
    prec = frame["date_precision"].astype(object).where(frame["date_precision"].notna(), "day")
    date, end = frame["date"], frame["date_end"]
    imprecise = prec.isin(["week", "month", "year"])
    implied_first = date.where(prec != "week", date - pd.Timedelta(days=3))
    implied_first = implied_first.where(prec != "month", date.dt.to_period("M").dt.start_time)
    implied_first = implied_first.where(prec != "year", date.dt.to_period("Y").dt.start_time)
    implied_last = date.where(prec != "week", date + pd.Timedelta(days=6))
    implied_last = implied_last.where(prec != "month", date.dt.to_period("M").dt.end_time.dt.normalize())
    implied_last = implied_last.where(prec != "year", date.dt.to_period("Y").dt.end_time.dt.normalize())
    first = implied_first.where(imprecise & end.isna(), date)
    last = end.where(end.notna() & (end >= date), date).where(end.notna(), implied_last).where(imprecise, date)
    return first.dt.to_period("M") == last.dt.to_period("M")


def _independent_monthly(frame, last, province=None, measure="killed_total"):
    """Monthly sums in plain pandas: placeable incidents only, from the first month of the data."""
    f = frame.loc[_placeable(frame) & (frame["date"] <= pd.Period(last, "M").end_time)]
    months = pd.period_range(frame["date"].min().to_period("M"), last, freq="M")
    if province is not None:
        f = f.loc[f["province"].astype(object) == province]
    m = f["date"].dt.to_period("M")
    counts = f.groupby(m).size() if measure == "incidents" else f[measure].astype("float64").fillna(0).groupby(m).sum()
    return counts.reindex(months, fill_value=0).astype("int64")


def _top_provinces(frame, last, n=2):
    f = frame.loc[_placeable(frame)]
    lo, hi = (pd.Period(last, "M") - 11).start_time, pd.Period(last, "M").end_time
    w = f.loc[(f["date"] >= lo) & (f["date"] <= hi) & f["province"].notna()]
    s = w.groupby(w["province"].astype(object))["killed_total"].sum()
    s = s[s > 0]
    return sorted(s.index, key=lambda p: (-s[p], p))[:n]


@pytest.mark.parametrize("which", ["demo", "ucdp"])
def test_outlook_series_match_plain_pandas(which, demo_incidents, shared_data):
    from analysis.io import load_incidents
    from analysis.periods import parse_period

    if which == "demo":
        inc, last = demo_incidents, "2025-06"
    else:
        inc, last = load_incidents(shared_data / "ucdp-ged-pakistan.csv", source="ucdp"), "2021-06"
    frame = inc.frame
    o = fc.outlook(frame, parse_period(last))
    assert o.last_month == last and o.horizon == 3
    regions = [s.region for s in o.series]
    assert regions == [None, *_top_provinces(frame, last)]
    for s in o.series:
        expect = _independent_monthly(frame, last, s.region)
        assert s.history.index.astype(str).tolist() == expect.index.astype(str).tolist()
        assert s.history.tolist() == expect.tolist()
        pd.testing.assert_frame_equal(s.forecast, forecast_counts(s.history))
        assert s.track is not None and s.track.months == 36 and s.track.end == last
        assert s.track == backtest_counts(s.history, start=pd.Period(last, "M") - 35).summary
        assert (s.baseline is None) == (s.track.skill >= 0)
    # left-out incidents counted in plain pandas
    out = ~_placeable(frame) & (frame["date"] <= pd.Period(last, "M").end_time)
    assert o.left_out_incidents == int(out.sum())
    assert o.left_out_measure == int(frame.loc[out, "killed_total"].astype("float64").fillna(0).sum())


def test_outlook_ignores_data_after_the_period(demo_incidents):
    from analysis.periods import parse_period

    frame = demo_incidents.frame
    cut = frame.loc[frame["date"] <= pd.Timestamp("2024-12-31")]
    a = fc.outlook(frame, parse_period("2024-Q4"), region="Balochistan")
    b = fc.outlook(cut, parse_period("2024-12"), region="Balochistan")
    assert a.last_month == "2024-12" and [s.region for s in a.series] == ["Balochistan"]
    pd.testing.assert_frame_equal(a.series[0].forecast, b.series[0].forecast)
    assert a.series[0].track == b.series[0].track


def test_outlook_short_history_has_no_track_record_and_falls_back(demo_incidents):
    from analysis.periods import parse_period

    frame = demo_incidents.frame
    first = frame["date"].min().to_period("M")
    o = fc.outlook(frame, parse_period(str(first + 20)))
    s = o.series[0]
    assert s.track is None and "too few for a track record" in s.track_note
    assert s.forecast.attrs["fallback"] and "fewer than the 48" in s.forecast.attrs["note"]


def test_outlook_without_track_record_has_the_same_forecasts(demo_incidents):
    from analysis.periods import parse_period

    a = fc.outlook(demo_incidents.frame, parse_period("2025-06"))
    b = fc.outlook(demo_incidents.frame, parse_period("2025-06"), track_months=0)
    assert all(s.track is None and s.track_note.startswith("not computed") for s in b.series)
    for x, y in zip(a.series, b.series, strict=True):
        pd.testing.assert_frame_equal(x.forecast, y.forecast)


def test_baseline_forecast_by_hand():
    s = _series([3] * 12 + [5] * 12, start="2020-01")
    sn = fc.baseline_forecast(s, "seasonal_naive", horizon=2)
    # a year before 2022-01 and 2022-02: 5 and 5; the twelve year-on-year changes are all 2
    assert sn.index.astype(str).tolist() == ["2022-01", "2022-02"]
    assert sn.drop(columns="mean").to_numpy().tolist() == [[7.0] * 9] * 2
    assert sn["mean"].tolist() == [5.0, 5.0]  # the seasonal naive point forecast
    rm = fc.baseline_forecast(s, "recent_mean", horizon=1)
    assert rm["mean"].iloc[0] == 5.0
    assert rm.drop(columns="mean").iloc[0].tolist() == [_poisson_quantile(5.0, q) for q in QUANTILES]
    with pytest.raises(SeriesError, match="unknown baseline"):
        fc.baseline_forecast(s, "oracle")


def test_backtest_forecasts_equal_forecasts_of_each_prefix_exactly():
    """The backtest reuses the smoothing levels of the whole series: bit for bit the same numbers."""
    s = _nb(n=90, seed=21)
    bt = backtest_counts(s, start="2015-01", horizon=3)
    f = bt.forecasts.loc[bt.forecasts["model"] == "forecast"]
    for _, row in f.iterrows():
        alone = forecast_counts(s.loc[: row["origin"]], horizon=3).iloc[-1]
        assert row[COLS].tolist() == alone[COLS].tolist()


def test_any_valid_series_gives_monotone_non_negative_quantiles():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.integers(min_value=0, max_value=5_000), min_size=3, max_size=90), st.integers(1, 4))
    def check(values, horizon):
        f = forecast_counts(_series(values), horizon=horizon)
        q = f.drop(columns="mean").to_numpy()
        assert q.shape == (horizon, 9) and np.isfinite(q).all() and (q >= 0).all()
        assert (np.diff(q, axis=1) >= 0).all()
        assert np.isfinite(f["mean"]).all() and (f["mean"] >= 0).all()

    check()
