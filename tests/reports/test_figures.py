"""Charts: the plotted data equal the numbers computed independently with plain pandas."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.incidents import from_frame
from analysis.periods import parse_period
from reports.figures import annual, groups, provinces, trend, ytd
from reports.figures._axes import bounded
from reports.figures.export import figure_bytes
from tests.analysis.helpers import placeable_range


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def demo():
    from analysis.demo import demo_path
    from analysis.io import load_incidents

    return load_incidents(demo_path()).frame


def _lines(fig) -> dict[str, object]:
    return {ln.get_gid(): ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid()}


def _bars(axes) -> dict[str, object]:
    """Bar containers by the gid of their bars."""
    from matplotlib.container import BarContainer

    return {c.patches[0].get_gid(): c for a in axes for c in a.containers if isinstance(c, BarContainer)}


def _has_whiskers(ax) -> bool:
    from matplotlib.container import ErrorbarContainer

    return any(isinstance(c, ErrorbarContainer) for c in ax.containers)


def _in(frame: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """Incidents counted in the days ``first..last``: their possible dates lie wholly inside."""
    a, b = placeable_range(frame)
    return frame.loc[(a >= first) & (b <= last)]


def _one(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Incidents whose possible dates lie in one calendar month (``M``) or year (``Y``)."""
    a, b = placeable_range(frame)
    return frame.loc[a.dt.to_period(freq) == b.dt.to_period(freq)]


def _monthly(frame: pd.DataFrame, col: str, first: str, last: str) -> pd.Series:
    """Independent monthly sums: blank counts skipped, every month present, imprecise dates only in their month."""
    months = pd.period_range(first, last, freq="M")
    frame = _one(frame, "M")
    m = frame["date"].dt.to_period("M")
    f = frame.loc[(m >= months[0]) & (m <= months[-1])]
    s = f.groupby(f["date"].dt.to_period("M"))[col].sum(min_count=0)
    return s.reindex(months, fill_value=0).astype("int64")


# --- monthly trend ------------------------------------------------------------------------------


def test_trend_lines_equal_monthly_sums(demo):
    p = parse_period("2025-06")
    data = trend.monthly_trend_data(demo, p)
    fig = trend.plot_monthly_trend(data)
    lines = _lines(fig)
    for col in trend.CATEGORIES:
        expected = _monthly(demo, col, "2022-07", "2025-06")
        np.testing.assert_array_equal(lines[col].get_ydata(), expected.to_numpy())
    total = _monthly(demo, "killed_total", "2021-08", "2025-06")
    mean = total.rolling(12).mean().iloc[11:]
    np.testing.assert_allclose(lines["killed_total_mean_12m"].get_ydata(), mean.to_numpy())
    ax = fig.axes[0]
    assert ax.get_ylabel() == "people killed per month"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:3] == ["Security forces", "Civilians", "Militants"]
    assert "All killed, 12-month mean" in labels


def test_trend_legend_is_outside_the_plotting_area(demo):
    fig = trend.plot_monthly_trend(trend.monthly_trend_data(demo, parse_period("2025-06")))
    fig.canvas.draw()
    ax = fig.axes[0]
    legend_box = ax.get_legend().get_window_extent()
    assert legend_box.y0 >= ax.get_window_extent().y1 - 1


def test_trend_band_is_the_mean_of_the_bounded_range(demo):
    data = trend.monthly_trend_data(demo, parse_period("2025-06"))
    fig = trend.plot_monthly_trend(data)
    band = [c for c in fig.axes[0].collections if c.get_gid() == "killed_range_mean_12m"]
    assert len(band) == 1
    f = bounded(demo)
    lo = _monthly(f, "killed_low", "2021-08", "2025-06").rolling(12).mean().iloc[11:]
    got = data.loc[data["measure"] == "killed_low", "mean_12m"].to_numpy()
    np.testing.assert_allclose(got, lo.to_numpy())


def test_bounded_range_contains_the_total_even_when_published_values_are_inverted():
    f = pd.DataFrame(
        {
            "killed_total": pd.array([5, 7, 4, None], dtype="Int64"),
            "killed_low": pd.array([3, None, 6, None], dtype="Int64"),
            "killed_high": pd.array([9, 6, 2, None], dtype="Int64"),
        }
    )
    b = bounded(f)
    assert b["killed_low"].tolist()[:3] == [3, 6, 2]  # row 3 (UCDP-like: high < low) sorted out
    assert b["killed_high"].tolist()[:3] == [9, 7, 6]  # row 2: best 7 above high 6
    assert b["killed_low"].isna().iloc[3] and b["killed_high"].isna().iloc[3]


# --- year to date --------------------------------------------------------------------------------


def test_ytd_cumulative_counts(demo):
    p = parse_period("2025-06")
    data = ytd.ytd_data(demo, p)
    fig = ytd.plot_ytd(data)
    lines = _lines(fig)
    cur = _in(demo, "2025-01-01", "2025-06-30")  # imprecise dates enter on their last possible day
    last_same = _in(demo, "2024-01-01", "2024-06-30")
    last_all = _in(demo, "2024-01-01", "2024-12-31")
    assert lines["incidents_2025"].get_ydata()[-1] == len(cur)
    assert lines["incidents_2024"].get_ydata()[-1] == len(last_all)
    assert lines["incidents_2024_same_day"].get_ydata()[0] == len(last_same)
    assert lines["killed_total_2025"].get_ydata()[-1] == int(cur["killed_total"].sum())
    assert lines["killed_total_2024_same_day"].get_ydata()[0] == int(last_same["killed_total"].sum())
    assert len(lines["incidents_2025"].get_ydata()) == 181  # 1 January to 30 June 2025
    assert len(lines["incidents_2024"].get_ydata()) == 366  # 2024 is a leap year
    assert [a.get_ylabel() for a in fig.axes] == ["cumulative count", "cumulative people killed"]
    texts = [t.get_text() for a in fig.axes for t in a.texts]
    assert f"2025: {len(cur):,}" in texts and f"2024: {len(last_same):,}" in texts


# --- small multiples -----------------------------------------------------------------------------


def test_province_panels_equal_groupby_and_share_one_scale(demo):
    p = parse_period("2025-06")
    data = provinces.province_months_data(demo, p)
    fig = provinces.plot_province_months(data)
    lines = _lines(fig)
    for prov in demo["province"].dropna().unique():
        expected = _monthly(demo.loc[demo["province"] == prov], "killed_total", "2022-07", "2025-06")
        np.testing.assert_array_equal(lines[f"province:{prov}"].get_ydata(), expected.to_numpy())
    visible = [a for a in fig.axes if a.get_visible()]
    assert len(visible) == 7
    assert len({a.get_ylim() for a in visible}) == 1  # shared vertical scale
    titles = [a.get_title(loc="left") for a in visible]
    window = _one(_in(demo, "2022-07-01", "2025-06-30"), "M")
    order = window.groupby("province")["killed_total"].sum().sort_values(ascending=False)
    assert titles[0] == order.index[0]  # most affected first
    assert f"total {int(order.iloc[0]):,}" in [t.get_text() for t in visible[0].texts]


def test_regional_frame_gives_district_panels_with_the_rest_summed(demo):
    kp = demo.loc[demo["province"] == "Khyber Pakhtunkhwa"]
    data = provinces.province_months_data(kp, parse_period("2025-06"))
    assert data.columns[0] == "district"
    areas = list(dict.fromkeys(data["district"]))
    assert len(areas) == 8 and areas[-1] == provinces.OTHERS
    window = _one(_in(kp, "2022-07-01", "2025-06-30"), "M")
    assert data["killed_total"].sum() == int(window["killed_total"].sum())  # nothing lost in "Other"


# --- perpetrators and methods --------------------------------------------------------------------


def test_group_bars_equal_killed_by_group(demo):
    p = parse_period("2025-06")
    data = groups.groups_data(demo, p)
    fig = groups.plot_groups(data)
    f = _in(demo, "2025-06-01", "2025-06-30")
    by_method = f.groupby("method")["killed_total"].sum().sort_values(ascending=False)
    bars = _bars(fig.axes)
    method_widths = [r.get_width() for r in bars["bars:method"]]
    assert sum(method_widths) == int(f["killed_total"].sum())
    assert method_widths[0] == by_method.iloc[0]
    named = f.loc[f["perpetrator"].notna()].groupby("perpetrator")["killed_total"].sum()
    perp = data.loc[data["panel"] == "perpetrator"].set_index("group")["killed_total"]
    for g, v in named.items():
        if g in perp.index:
            assert perp[g] == v
    assert perp.get("unknown") == int(f.loc[f["perpetrator"].isna(), "killed_total"].sum())
    labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert labels[0] == "Armed assault"
    assert fig.axes[0].get_xlabel() == "people killed (incidents)"


# --- ten years -----------------------------------------------------------------------------------


def test_ten_year_stacks_add_up_to_yearly_totals(demo):
    data = annual.ten_year_data(demo, parse_period("2024"))
    fig = annual.plot_ten_years(data)
    placed = _one(demo, "Y")
    yearly = placed.loc[placed["date"].dt.year.between(2015, 2024)].groupby(placed["date"].dt.year)
    assert data["year"].tolist() == list(range(2015, 2025))
    np.testing.assert_array_equal(data["killed_total"], yearly["killed_total"].sum().to_numpy())
    np.testing.assert_array_equal(data["incidents"], yearly.size().to_numpy())
    top = fig.axes[0]
    bars = _bars([top])
    heights = sum(np.array([r.get_height() for r in bars[f"bars:{col}"]]) for col, _, _ in annual.SEGMENTS)
    np.testing.assert_array_equal(heights, data["killed_total"].to_numpy())
    sec = [r.get_height() for r in bars["bars:killed_security"]]
    np.testing.assert_array_equal(sec, yearly["killed_security"].sum().to_numpy())
    assert _has_whiskers(top)  # the demo data gives low/high estimates
    assert top.get_ylabel() == "people killed per year" and fig.axes[1].get_ylabel() == "incidents"


def test_ten_year_without_ranges_draws_no_whiskers():
    inc = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a", "b"],
                "date": pd.to_datetime(["2020-03-01", "2024-05-01"]),
                "province": ["Sindh", "Punjab"],
                "event_type": ["attack", "attack"],
                "killed_civilians": [2, 3],
            }
        )
    )
    data = annual.ten_year_data(inc.frame, parse_period("2024"))
    assert "killed_low" not in data
    assert data.set_index("year").loc[[2020, 2024], "killed_civilians"].tolist() == [2, 3]
    fig = annual.plot_ten_years(data)
    assert not _has_whiskers(fig.axes[0])


# --- output --------------------------------------------------------------------------------------


def test_svg_and_pdf_bytes_are_identical_across_two_draws(demo):
    p = parse_period("2025-06")
    out = []
    for _ in range(2):
        fig = groups.plot_groups(groups.groups_data(demo, p))
        out.append((figure_bytes(fig, "svg"), figure_bytes(fig, "pdf")))
        plt.close(fig)
    assert out[0] == out[1]
    svg, pdf = out[0]
    assert b"<text" in svg and b"font-family: 'Noto Sans'" in svg  # text stays text
    assert b"CreationDate" not in pdf


def test_pdf_embeds_truetype_fonts(demo):
    import io

    from pypdf import PdfReader

    fig = trend.plot_monthly_trend(trend.monthly_trend_data(demo, parse_period("2025-06")), style="paper")
    reader = PdfReader(io.BytesIO(figure_bytes(fig, "pdf")))
    fonts = []
    for f in reader.pages[0]["/Resources"]["/Font"].values():
        font = f.get_object()
        desc = (
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if "/DescendantFonts" in font
            else font["/FontDescriptor"]
        )
        fonts.append((str(font["/BaseFont"]), "/FontFile2" in desc.get_object()))
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("NotoSans" in name for name, _ in fonts)


def test_brief_figures_by_edition(demo):
    from reports.figures import brief_figures

    monthly = [d.name for d in brief_figures(demo, parse_period("2025-06"), kind="monthly")]
    assert monthly == ["monthly-trend", "year-to-date", "by-province", "groups-methods"]
    d = brief_figures(demo, parse_period("2024"), kind="annual")
    assert [x.name for x in d] == ["monthly-trend", "by-province", "groups-methods", "ten-years"]
    ten = d[-1]
    assert ten.svg.startswith("<?xml") and ten.alt.startswith("Stacked bar chart")
    assert "2015–2024" in ten.caption


def test_style_file_agrees_with_the_paper_style():
    import matplotlib as mpl

    from reports.figures.style import STYLE_FILE, rc_params

    from_file = mpl.rc_params_from_file(STYLE_FILE, use_default_template=False)
    expected = mpl.RcParams(rc_params("paper"))  # validated the same way as the file's values
    assert set(from_file) == set(expected)
    for k in expected:
        assert from_file[k] == expected[k], k


def test_regional_frame_gets_district_titles(demo):
    from reports.figures import brief_figures

    kp = demo.loc[demo["province"] == "Khyber Pakhtunkhwa"]
    d = {x.name: x for x in brief_figures(kp, parse_period("2025-06"), kind="monthly")}
    assert d["by-province"].title == "Deaths by district, last 36 months"
    assert "each district" in d["by-province"].caption


@pytest.mark.parametrize("period", ["2025-01", "2025", "2030-01"])
def test_every_chart_draws_for_sparse_or_empty_data(period, shared_data):
    """One province, few incidents, or none at all: every chart draws without a warning."""
    from reports.figures import draw, registry

    inc = from_frame(
        pd.DataFrame(
            {
                "incident_id": [f"a{i}" for i in range(3)],
                "date": pd.to_datetime(["2025-01-02", "2025-01-09", "2024-12-30"]),
                "province": ["Punjab"] * 3,
                "event_type": ["attack"] * 3,
                "killed_security": [1, 0, 2],
            }
        )
    )
    boundaries = shared_data / "boundaries" / "pakistan-provinces.geojson"
    for frame, region in ((inc.frame, "Punjab"), (inc.frame, None), (inc.frame.iloc[0:0], None)):
        for spec in registry(boundaries=boundaries, region=region).values():
            drawn = draw(spec, frame, parse_period(period))
            assert drawn.svg.startswith("<?xml") and drawn.caption and drawn.alt
