"""Untrusted data and templates: nothing is fetched from data values, warnings fail the build."""

from __future__ import annotations

import http.server
import threading

import pandas as pd
import pytest

from analysis.errors import RenderError
from analysis.incidents import from_frame
from analysis.periods import parse_period
from reports.brief import build_brief
from reports.config import Config

pytestmark = pytest.mark.slow


@pytest.fixture()
def http_spy():
    """A local HTTP server that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *a):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def _no_pdf(html, **kw):
    """Stands in for WeasyPrint where the test reads only the HTML (the PDF step is tested above)."""
    return b"%PDF-1.7 not rendered"


def _incidents(description: str):
    return from_frame(
        pd.DataFrame(
            {
                "incident_id": ["x1", "x2"],
                "date": pd.to_datetime(["2025-01-05", "2024-12-05"]),
                "province": ["Punjab", "Sindh"],
                "event_type": ["attack", "attack"],
                "killed_security": [3, 1],
                "killed_civilians": [1, 0],
                "description": [description, "plain"],
                "perpetrator": ["<b>TTP</b>", None],
            }
        )
    )


def test_hostile_description_is_text_and_fetches_nothing(tmp_path, http_spy):
    port, hits = http_spy
    evil = (
        f'<img src="http://127.0.0.1:{port}/steal.png"> <link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
        '<img src="file:///etc/passwd"> <script>alert(1)</script> {{ ctx.title }}'
    )
    res = build_brief(_incidents(evil), parse_period("2025-01"), out_dir=tmp_path)
    assert hits == []
    html = res.html.read_text()
    assert "&lt;img src=&#34;http://127.0.0.1" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "&lt;b&gt;TTP&lt;/b&gt;" in html
    assert "{{ ctx.title }}" in html  # data is never evaluated as a template
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(res.pdf).pages)
    assert "file:///etc/passwd" in text


def test_template_cannot_fetch_outside_allowed_folders(tmp_path, http_spy):
    port, hits = http_spy
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "monthly.html").write_text(
        '{% extends "base.html" %}{% block content %}'
        f'<img src="http://127.0.0.1:{port}/a.png"><img src="file:///etc/hostname">{{% endblock %}}'
    )
    with pytest.raises(RenderError, match="WeasyPrint warned"):
        build_brief(_incidents("ok"), parse_period("2025-01"), out_dir=tmp_path / "o", template_dirs=(tdir,))
    assert hits == []
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("*.pdf"))


def test_undefined_value_in_template_fails(tmp_path):
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "monthly.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ ctx.no_such_thing }}{% endblock %}'
    )
    with pytest.raises(RenderError, match="no_such_thing"):
        build_brief(_incidents("ok"), parse_period("2025-01"), out_dir=tmp_path / "o", template_dirs=(tdir,))


def test_user_template_overrides_a_block(tmp_path):
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "monthly.html").write_text(
        '{% extends "secbrief/monthly.html" %}{% block summary %}<p>Our own words: {{ ctx.summary }}</p>{% endblock %}'
    )
    res = build_brief(
        _incidents("ok"), parse_period("2025-01"), out_dir=tmp_path / "o", template_dirs=(tdir,), pdf_renderer=_no_pdf
    )
    html = res.html.read_text()
    assert "Our own words: In January 2025" in html
    assert "Headline numbers" in html  # the rest of the shipped template is kept


def test_user_css_overrides_the_shipped_css(tmp_path):
    tdir = tmp_path / "tpl"
    (tdir / "css").mkdir(parents=True)
    (tdir / "css" / "brief.css").write_text("html { font-family: 'DejaVu Sans'; } h2 { color: #123456; }")
    res = build_brief(_incidents("ok"), parse_period("2025-01"), out_dir=tmp_path / "o", template_dirs=(tdir,))
    assert (tdir / "css" / "brief.css").resolve().as_uri() in res.html.read_text()


def test_sections_can_be_switched_off(tmp_path):
    cfg = Config(sections={**Config().sections, "deadliest": False, "trends": False})
    res = build_brief(_incidents("ok"), parse_period("2025-01"), out_dir=tmp_path, cfg=cfg, pdf_renderer=_no_pdf)
    html = res.html.read_text()
    assert "Deadliest incidents" not in html and 'id="fig-monthly-trend"' not in html
    assert 'id="fig-groups-methods"' in html  # its own section is still on
    assert "Headline numbers" in html
