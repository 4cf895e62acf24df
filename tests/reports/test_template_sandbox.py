"""User templates (``--templates``) cannot run code or read files outside their folders."""

from __future__ import annotations

import pytest

from analysis.errors import ConfigError, RenderError
from reports.cli import main
from reports.render import render_html

PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ self._TemplateReference__context }}",
    "{% set x = [] %}{{ x.append(1) }}",
    "{{ ctx.__class__ }}",
    "{{ 'a' * 10**10 }}",
    "{{ [0] * 10**9 }}",
    "{{ 2 ** 100000000 }}",
    "{{ range(10**9) | list }}",
    "{{ 1 / 0 }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_template_payloads_are_refused(tmp_path, monkeypatch, payload):
    monkeypatch.chdir(tmp_path)
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "monthly.html").write_text(payload)
    with pytest.raises(RenderError) as e:
        render_html("monthly.html", {"ctx": object()}, template_dirs=(tdir,))
    assert any(
        w in e.value.one_line() for w in ("unsafe", "undefined", "larger than", "longer than", "template failed")
    )
    assert not (tmp_path / "PWNED").exists()


def test_shipped_values_still_render(tmp_path):
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "x.html").write_text("{{ items | join(', ') }} {{ name | upper }} {{ '%d' % n }}")
    assert render_html("x.html", {"items": ["a", "b"], "name": "ok", "n": 3}, template_dirs=(tdir,)) == "a, b OK 3"


def test_symlink_out_of_the_template_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "part.html").symlink_to(secret)
    (tdir / "monthly.html").write_text('{% include "part.html" %}')
    with pytest.raises(RenderError, match="outside the template folders"):
        render_html("monthly.html", {}, template_dirs=(tdir,))
    (tdir / "direct.html").symlink_to(secret)
    with pytest.raises(RenderError, match="outside the template folders"):
        render_html("direct.html", {}, template_dirs=(tdir,))


def test_asset_symlink_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "evil.css").write_text("body{}")
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "brief.css").symlink_to(tmp_path / "evil.css")
    (tdir / "x.html").write_text("{{ asset('brief.css') }}")
    with pytest.raises(RenderError, match="asset 'brief.css' not found"):
        render_html("x.html", {}, template_dirs=(tdir,))


def test_missing_template_folder_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="--templates folder not found"):
        render_html("monthly.html", {}, template_dirs=(tmp_path / "nope",))


@pytest.mark.parametrize("verb", [["batch", "--periods", "2025-06"], ["brief", "--period", "2025-06"]])
def test_cli_templates_nope_fails_instead_of_falling_back(tmp_path, capsys, verb):
    out = tmp_path / "out"
    code = main(
        [*verb, "--out", str(out), "--templates", str(tmp_path / "nope"), "--no-cache"][
            : None if verb[0] == "brief" else -1
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert (
        "--templates folder not found" in err and str(tmp_path / "nope") in err and len(err.strip().splitlines()) == 1
    )
    assert not out.exists() or not any(out.iterdir())


def test_fifo_and_huge_templates_are_not_read(tmp_path):
    import os

    tdir = tmp_path / "tpl"
    tdir.mkdir()
    os.mkfifo(tdir / "pipe.html")
    with pytest.raises(RenderError, match="not found"):  # a pipe is not a template: no wait on it
        render_html("pipe.html", {}, template_dirs=(tdir,))
    (tdir / "huge.html").write_bytes(b" " * 2_000_001)
    with pytest.raises(RenderError, match="larger than 2,000,000 bytes"):
        render_html("huge.html", {}, template_dirs=(tdir,))
