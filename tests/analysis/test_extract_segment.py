"""Incident segmentation on short reports written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import SourceFormatError
from analysis.extract import extract_text


def _rows(text, **kw):
    ex = extract_text(text, name="t.txt", **kw)
    return [
        (
            c.date.isoformat(),
            c.province,
            c.district,
            c.killed_security,
            c.killed_militants,
            c.killed_civilians,
            c.injured_total,
        )
        for c in ex.candidates
    ], ex


def test_headline_sum_is_not_a_third_incident():
    rows, ex = _rows("""date 2024-03-04
Nine terrorists were killed in two separate operations in Balochistan, the ISPR said.
In the first operation, in the Hoshab area of Kech, troops killed five terrorists.
In another operation in Awaran district, four terrorists were sent to hell.
""")
    assert rows == [
        ("2024-03-04", "Balochistan", "Kech", None, 5, None, None),
        ("2024-03-04", "Balochistan", "Awaran", None, 4, None, None),
    ]
    assert len(ex.sums) == 1 and "9 = 5 + 4" in ex.sums[0].explanation


def test_figure_no_incident_accounts_for_becomes_its_own_row_without_district():
    rows, _ = _rows("""date 2025-02-01
At least six soldiers and eleven militants were killed in clashes in Balochistan in the last 24 hours.
In an operation in Kalat district on Saturday, troops killed eleven militants.
""")
    assert ("2025-01-31", "Balochistan", None, 6, None, None, None) in rows
    assert ("2025-02-01", "Balochistan", "Kalat", None, 11, None, None) in rows
    assert len(rows) == 2


def test_partly_accounted_total_is_not_invented():
    rows, ex = _rows("""date 2024-09-21
Attacks in various parts of Khyber Pakhtunkhwa left five policemen martyred.
Militants attacked a police post in Tank, martyring three policemen.
""")
    assert rows == [("2024-09-21", "Khyber Pakhtunkhwa", "Tank", 3, None, None, None)]
    assert "partly" in ex.sums[0].explanation


def test_statistics_are_context_not_incidents():
    rows, ex = _rows("""date 2024-12-30
At least 500 security personnel lost their lives in 2024, a think-tank said.
So far this year, 900 terrorists have been sent to hell, the military said.
""")
    assert rows == []
    assert {f.figures[0][0] for f in ex.context} == {500, 900}


def test_separate_incidents_with_the_same_figures_stay_separate():
    rows, _ = _rows("""date 2024-11-11
Troops killed two khwarij in an operation in the Mir Ali area on Sunday.
In a separate incident in the Mir Ali area, two khwarij were killed and one was injured.
""")
    assert len(rows) == 2


def test_lead_retold_in_the_body_is_one_incident():
    rows, _ = _rows("""date 2024-04-13
Gunmen shot dead six passengers near Turbat on Saturday, officials said.
The gunmen stopped a coach on the highway near Turbat and took six passengers off it.
The passengers were later shot dead.
""")
    assert rows == [("2024-04-13", "Balochistan", "Kech", None, None, 6, None)]


def test_event_without_figures_is_kept_with_its_place():
    rows, ex = _rows("""date 2025-02-17
Two Levies men were martyred in an attack on a post in Kalat on Sunday.
A police station in Mastung was also attacked in a second incident.
""")
    assert [r[2] for r in rows] == ["Kalat", "Mastung"]
    assert "no casualty figures in the text" in ex.candidates[1].review


def test_unknown_place_is_blank_and_listed():
    rows, ex = _rows("""date 2025-02-17
Three FC soldiers were martyred when militants attacked a post in the Zangi Nawar area on Sunday.
""")
    assert rows[0][2] is None
    assert any("Zangi Nawar" in r for r in ex.review)


def test_categories_and_rest_of_a_total():
    rows, ex = _rows("""date 2023-07-30
A suicide blast at a rally in Bajaur earlier today killed at least 20 persons and injured 60.
Among those killed were PTI leader Imran Ali and Sajid.
""")
    c = ex.candidates[0]
    assert (c.killed_civilians, c.killed_unknown, c.killed_total, c.injured_total) == (1, 19, 20, 60)
    assert (c.event_type, c.method, c.date) == ("attack", "suicide_bombing", date(2023, 7, 30))


def test_publication_date_is_needed():
    with pytest.raises(SourceFormatError, match="publication date"):
        extract_text("Two soldiers were martyred in Kech on Sunday.", name="x.txt")
    rows, _ = _rows("Two soldiers were martyred in Kech on Sunday.", published=date(2025, 2, 17))
    assert rows == [("2025-02-16", "Balochistan", "Kech", 2, None, None, None)]


def test_html_report():
    html = (
        "<html><body><p>date 2025-02-17</p><h1>Two soldiers martyred</h1>"
        "<p>Two soldiers were martyred in an attack in Kech on Sunday.</p>"
        "<script>var x = 'ten soldiers killed';</script></body></html>"
    )
    rows, _ = _rows(html)
    assert rows == [("2025-02-16", "Balochistan", "Kech", 2, None, None, None)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            list("abcdeKLMNOPQRST .,;:'-\n0123456789")
            + [
                " killed ",
                " martyred ",
                " injured ",
                " soldiers ",
                " terrorists ",
                " Kalat ",
                " Kech ",
                " in the ",
                " area ",
                " on Friday ",
                " from ",
                " separate operation ",
                " total of ",
                " so far ",
                " 2024 ",
                " twenty-one ",
                " others ",
                " of them ",
                " were ",
                " a policeman ",
                " Among those killed were ",
                " in three operations ",
                " a day earlier ",
                " the passengers were later shot dead ",
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_any_text_gives_candidates_or_a_clear_error(body):
    """Arbitrary text never crashes the extractor, and what it writes always validates."""
    try:
        ex = extract_text("date 2025-01-01\n" + body, name="fuzz.txt")
    except SourceFormatError as exc:
        assert "no text" in str(exc) and not body.strip()
        return
    for c in ex.candidates:
        assert c.date is not None and 0.1 <= c.confidence <= 1
        counts = [c.killed_security, c.killed_civilians, c.killed_militants, c.killed_unknown]
        assert all(v is None or v >= 0 for v in [*counts, c.injured_total])
        assert c.killed_total is None or c.killed_total == sum(v or 0 for v in counts)


def test_long_run_of_capitalised_words_is_fast():
    import time

    text = "date 2025-01-01\nThey came from " + " ".join(["Abc"] * 60) + " to Kalat, where two soldiers were martyred."
    t0 = time.process_time()
    extract_text(text, name="t.txt")
    assert time.process_time() - t0 < 0.5


def test_figures_on_another_named_day_are_another_event():
    rows, ex = _rows("""date 2024-05-08
On 3 May, troops killed two militants in an operation in Kech.
On 5 May, three militants were killed in a second raid.
""")
    assert rows == [
        ("2024-05-03", "Balochistan", "Kech", None, 2, None, None),
        ("2024-05-05", "Balochistan", "Kech", None, 3, None, None),
    ]
    assert any("place of the incident told just before" in r for r in ex.candidates[1].review)


def test_background_reference_with_figures_is_coded_and_flagged():
    rows, ex = _rows("""date 2024-05-20
Three soldiers were martyred in an attack on a post in Zhob on Sunday.
The attack comes a week after six labourers were shot dead in Kech.
""")
    assert [r[2] for r in rows] == ["Zhob", "Kech"]
    assert not any(r.startswith("background") for r in ex.candidates[0].review)
    assert ex.candidates[1].review[0].startswith("background:")
