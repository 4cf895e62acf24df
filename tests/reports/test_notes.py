"""The analyst's commentary: named numbers, sections, the literal-number check, untrusted Markdown."""

from __future__ import annotations

import html
import json

import pandas as pd
import pytest

from reports.notes import NOTE_SECTIONS, NotesError, lookup, render_notes, suggest

# A slice of a real numbers file (monthly-2025-06 of the demo data), written out by hand.
NUMBERS = {
    "period": "2025-06",
    "headline": {
        "incidents": {
            "value": 356,
            "at_least": False,
            "text": "356",
            "comparisons": {
                "vs May 2025": {
                    "previous": 195,
                    "percent": 82.6,
                    "percent_text": "+83%",
                    "phrase": "rose 83% (from 195 to 356)",
                    "rate_ratio": 1.886496,
                    "p_value": 0.0,
                    "verdict": "rose",
                },
                "vs June 2024": {
                    "previous": 253,
                    "percent": 40.7,
                    "percent_text": "+41%",
                    "phrase": "rose 41% (from 253 to 356)",
                    "verdict": "rose",
                },
                "Year to date vs 2024": {"previous": 1345, "phrase": "rose 8.3% (from 1,345 to 1,457)"},
            },
        },
        "killed_total": {
            "value": 1915,
            "at_least": True,
            "text": "at least 1,915",
            "comparisons": {
                "vs May 2025": {
                    "previous": 459,
                    "previous_at_least": False,
                    "percent": 317.2,
                    "phrase": "rose 317% (from 459 to 1,915)",
                    "verdict": "rose",
                },
            },
        },
        "killed_security": {"value": 54, "at_least": False, "text": "54", "comparisons": {}},
        "killed_range": {"low": 103, "high": 232},
    },
    "regions": {
        "Khyber Pakhtunkhwa": {
            "incidents": 200,
            "killed_total": 558,
            "killed_security": 173,
            "unknown_incidents": {"killed_total": 0, "killed_security": 2},
            "killed_per_million_per_year": 165.3,
            "killed_vs_previous": {"phrase": "rose, from 90 to 558", "previous": 90},
        },
        "Gilgit-Baltistan": {
            "incidents": 4,
            "killed_total": 35,
            "unknown_incidents": {},
            "killed_per_million_per_year": None,
        },
    },
    "perpetrators": {"TTP": {"incidents": 162, "killed_total": 374}},
    "methods_of_attack": {"suicide_bombing": {"incidents": 7, "killed_total": 80}},
    "suicide_attacks": {"incidents": 7, "killed_total": 80, "killed_at_least": False},
    "deadliest": [{"incident_id": "X-1", "killed_total": 28, "date": "2025-06-18"}],
    "findings": [{"sentence": "June 2025 was the deadliest month on record (in data from January 2015)."}],
}


def _render(text: str, **kw):
    return render_notes(text, NUMBERS, **kw)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("incidents", "356"),
        ("killed", "at least 1,915"),
        ("killed.total", "at least 1,915"),
        ("killed.security", "54"),
        ("killed.total.vs_previous", "rose 317% (from 459 to 1,915)"),
        ("killed.total.vs_previous.previous", "459"),
        ("incidents.vs_last_year", "rose 41% (from 253 to 356)"),
        ("incidents.ytd", "rose 8.3% (from 1,345 to 1,457)"),
        ("incidents.vs_previous.percent", "+83%"),
        ("incidents.vs_previous.rate_ratio", "1.89"),
        ("incidents.vs_previous.p_value", "p < 0.001"),
        ("killed.range.high", "232"),
        ("provinces.Khyber Pakhtunkhwa.killed", "558"),
        ("provinces.KP.killed", "558"),  # any gazetteer spelling
        ("provinces.kpk.killed.security", "at least 173"),  # some incidents do not state it
        ("provinces.KP.rate", "165.3"),
        ("provinces.KP.vs_previous", "rose, from 90 to 558"),
        ("districts.Gilgit-Baltistan.incidents", "4"),
        ("perpetrators.TTP.killed", "374"),
        ("methods.suicide_bombing.killed", "80"),
        ("methods.suicide bombing.incidents", "7"),
        ("suicide.killed", "80"),
        ("deadliest.1.killed", "28"),
        ("deadliest.1.date", "2025-06-18"),
        ("findings.1", "June 2025 was the deadliest month on record (in data from January 2015)."),
        ("headline.killed_total.value", "at least 1,915"),  # a plain path of the numbers file
    ],
)
def test_named_numbers_are_formatted_as_the_brief_formats_them(name, shown):
    c = _render(f"Value: {{{name}}}.")
    assert c.analysis == f"<p>Value: {html.escape(shown, quote=False)}.</p>\n"
    assert not c.warnings  # a substituted value is never checked as a typed number


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Fine.\n\nDeaths: {killed.totl}", 3, ["killed.totl", "did you mean 'killed.total'"]),
        ("{provinces.Narnia.killed}", 1, ["Narnia", "regions"]),
        ("ok\n{provinces.KP.kiled}", 2, ["kiled", "killed"]),
        ("{headline}", 1, ["group of numbers"]),
        ("{}", 1, ["not a name"]),
        ("{deadliest.9.killed}", 1, ["deadliest"]),
    ],
)
def test_unknown_name_is_one_line_with_file_and_line(text, line, words):
    with pytest.raises(NotesError) as err:
        _render(text, file="notes.md")
    msg = err.value.one_line()
    assert msg.startswith(f"notes.md line {line}: ")
    assert "\n" not in msg
    for w in words:
        assert w in msg


def test_literal_braces():
    assert _render("a {{b}} c").analysis == "<p>a {b} c</p>\n"


def test_sections_by_heading_and_first_paragraph():
    text = (
        "First paragraph, {incidents} incidents.\n\nSecond paragraph.\n\n"
        "## Provinces\nKP: {provinces.KP.killed}.\n\n"
        "### A sub-heading stays inside\n\nMore.\n\n"
        "# Perpetrators and methods\nTTP: {perpetrators.TTP.killed}.\n\n"
        "## provinces\nAnd more on provinces.\n"
    )
    c = _render(text)
    assert set(c.sections) == set(NOTE_SECTIONS)
    assert c.analysis == "<p>First paragraph, 356 incidents.</p>\n<p>Second paragraph.</p>\n"
    assert c.first_paragraph == "<p>First paragraph, 356 incidents.</p>\n"
    assert "KP: 558." in c.sections["provinces"] and "And more on provinces" in c.sections["provinces"]
    assert "<h3>A sub-heading stays inside</h3>" in c.sections["provinces"]
    assert c.sections["perpetrators"] == "<p>TTP: 374.</p>\n"
    assert c.sections["trends"] == ""


def test_unknown_section_heading_is_an_error_with_line():
    with pytest.raises(NotesError, match=r"^notes.md line 3: heading 'Outlook for 2026' names no section"):
        _render("Intro.\n\n## Outlook for 2026\n", file="notes.md")


def test_typed_number_not_in_the_brief_is_a_warning_with_a_suggestion():
    text = "Intro line.\n\nSecurity forces lost\n45 killed in June.\n"
    c = _render(text, file="notes.md")
    (w,) = c.warnings
    assert w.one_line() == "notes.md line 4: '45 killed' — no such number in this brief; did you mean 54?"
    with pytest.raises(NotesError) as err:
        _render(text, file="notes.md", strict=True)
    assert err.value.exit_code == 2
    assert err.value.one_line().startswith("notes.md line 4: '45 killed'")


def test_typed_numbers_the_brief_shows_pass():
    # 356 (a value), 1,915 (thousands separator), 83% (a percent as shown), 1.89 (ratio as shown),
    # 1,457 (only inside a phrase), years and days of dates, list markers are not figures.
    text = (
        "356 incidents, 1,915 killed, up 83% on May (ratio 1.89); 1,457 this year.\n\n"
        "On 18 June 2025 and June 3 nothing happened.\n\n1. first\n2. second\n"
    )
    assert _render(text).warnings == ()


def test_code_spans_are_not_checked():
    assert _render("Run `secbrief table --period 2015..2024` for 9999 rows").warnings[0].text == "9999 rows"


def test_named_number_without_a_value_warns():
    c = _render("GB: {provinces.Gilgit-Baltistan.rate}.")
    assert "not recorded" in c.analysis
    assert c.warnings[0].one_line().endswith("has no value in this brief (written as 'not recorded')")


@pytest.mark.parametrize(
    ("typed", "shown", "want"),
    [(45, {54, 44, 900}, 54), (915, {951, 9150}, 951), (100, {356, 1915}, None), (350, {356, 500}, 356)],
)
def test_suggestion(typed, shown, want):
    assert suggest(typed, {float(s) for s in shown}) == want


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src="http://evil.example/x.png">',
        "![tracking pixel](http://evil.example/x.png)",
        '<iframe src="file:///etc/passwd"></iframe>',
        "[click](javascript:alert(1))",
        "<style>body{{display:none}}</style>",
    ],
)
def test_untrusted_markdown_makes_no_markup_and_no_fetch(evil):
    out = str(_render(f"Text {evil} end.\n\n{evil}\n").analysis).lower()
    for tag in ("<script", "<img", "<iframe", "<style", 'href="javascript'):
        assert tag not in out  # shown as text (escaped), never as markup


def test_untrusted_markdown_fetches_nothing_when_rendered(tmp_path):
    """The notes through WeasyPrint: a server on loopback receives no request."""
    import http.server
    import threading

    from reports.render import html_to_pdf

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        notes = f"![x]({url}/md.png) <img src='{url}/html.png'> [ref][r]\n\n[r]: {url}/ref\n"
        html = '<html lang="en"><body>' + str(_render(notes).analysis) + "</body></html>"
        assert "<img" not in html
        assert html_to_pdf(html, base_dir=tmp_path, allowed=[tmp_path], identifier="t").startswith(b"%PDF")
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


@pytest.mark.slow
def test_cli_notes_end_to_end(tmp_path, monkeypatch):
    """``--notes``: the number in the HTML is the independent pandas sum; a typo warns; strict fails
    with nothing written; ``[brief] notes`` with ``{period}`` finds the file."""
    from analysis.demo import demo_path
    from reports.cli import main
    from tests.analysis.helpers import placeable_range

    raw = pd.read_csv(demo_path(), parse_dates=["date", "date_end"])
    raw["first"], raw["last"] = placeable_range(raw)  # the date-precision rule, in plain pandas
    june = raw[(raw["first"] >= "2025-06-01") & (raw["last"] <= "2025-06-30")]
    want = f"{int(june['killed_total'].sum()):,}"
    prefix = "at least " if june["killed_total"].isna().any() else ""
    notes = tmp_path / "notes.md"
    notes.write_text("Deaths: {killed.total}.\n\nWe count 98,765 killed.\n\n## Provinces\n<b>bold</b>\n")
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    assert main(["brief", "--period", "2025-06", "--out", str(out), "--notes", "notes.md", "-q", "--no-cache"]) == 0
    html = (out / "monthly-2025-06.html").read_text()
    assert f"Deaths: {prefix}{want}." in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold" not in html
    strict_out = tmp_path / "strict"
    code = main(
        [
            "brief",
            "--period",
            "2025-06",
            "--out",
            str(strict_out),
            "--notes",
            "notes.md",
            "--strict-notes",
            "-q",
            "--no-cache",
        ]
    )
    assert code == 2
    assert not strict_out.exists() or not list(strict_out.iterdir())
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "2025-06.md").write_text("From config: {incidents}.\n")
    (tmp_path / "secbrief.toml").write_text('[brief]\nnotes = "n/{period}.md"\n')
    assert main(["brief", "--period", "2025-06", "--out", str(out), "-q", "--no-cache", "--emit-json"]) == 0
    numbers = json.loads((out / "monthly-2025-06.json").read_text())
    assert f"From config: {numbers['headline']['incidents']['text']}." in (out / "monthly-2025-06.html").read_text()
    assert len(june) == numbers["headline"]["incidents"]["value"]
    # a month without a notes file builds without commentary
    assert main(["brief", "--period", "2025-05", "--out", str(out), "-q", "--no-cache"]) == 0
    assert "From config" not in (out / "monthly-2025-05.html").read_text()


def test_lookup_reports_the_record():
    value, key, parent = lookup("provinces.KP.killed.security", NUMBERS)
    assert (value, key) == (173, "killed_security") and parent is NUMBERS["regions"]["Khyber Pakhtunkhwa"]


def test_comments_are_removed_and_lines_kept():
    c = _render("<!-- to self: check {nothing} 999 -->\n\nA 45 killed\n")
    assert "to self" not in c.analysis
    assert [w.line for w in c.warnings] == [3]


def test_a_name_starting_a_sentence_is_capitalised():
    c = _render("Bad month.\n{killed.total} people died. Then {killed.total} again.\n\n{killed} - {killed.total}\n")
    assert c.analysis == (
        "<p>Bad month.\nAt least 1,915 people died. Then at least 1,915 again.</p>\n"
        "<p>At least 1,915 - at least 1,915</p>\n"
    )


@pytest.mark.slow
def test_docs_examples_print_what_the_demo_brief_prints(tmp_path):
    """Every example of the names table in docs/notes.md, rendered against the June 2025 demo brief."""
    import re
    from pathlib import Path

    from reports.cli import main

    assert main(["brief", "--period", "2025-06", "--out", str(tmp_path), "--emit-json", "-q", "--no-cache"]) == 0
    numbers = json.loads((tmp_path / "monthly-2025-06.json").read_text())
    doc = (Path(__file__).resolve().parents[2] / "docs" / "notes.md").read_text(encoding="utf-8")
    checked = 0
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("| `{") else []
        if len(cells) != 2 or not cells[1].startswith("`"):
            continue
        name = re.match(r"`\{([^}]+)\}`", cells[0]).group(1)
        want = re.match(r"`([^`]+)`", cells[1]).group(1)
        got = re.sub(r"</?p>|\n", "", str(render_notes(f"x {{{name}}}", numbers).analysis))
        assert got == "x " + html.escape(want, quote=False), (name, got, want)
        checked += 1
    assert checked >= 15
