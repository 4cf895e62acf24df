"""secbrief.toml: defaults, overrides, and clear errors for mistakes."""

from __future__ import annotations

import pytest

from analysis.errors import ConfigError
from reports.config import Config, load_config

#: The first bytes of a PNG file (its signature and the start of the header chunk).
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == Config()


def test_values_and_sections(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    p = tmp_path / "secbrief.toml"
    p.write_text(
        '[brief]\ntitle = "Monthly Security Assessment"\norganisation = "Institute"\n'
        'logo = "logo.png"\nmin_base = 20\nalpha = 0.01\n[sections]\nmap = false\n'
    )
    cfg = load_config(p)
    assert cfg.title == "Monthly Security Assessment" and cfg.min_base == 20 and cfg.alpha == 0.01
    assert cfg.logo == (tmp_path / "logo.png").resolve()
    assert not cfg.shows("map") and cfg.shows("headline")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[brief]\ntitel = "x"\n', "unknown option 'titel'"),
        ("[sections]\nmapp = false\n", "unknown section 'mapp'"),
        ("[brief]\nalpha = 2\n", "alpha must be between 0 and 1"),
        ("[brief\n", "not valid TOML"),
    ],
)
def test_mistakes_are_named(tmp_path, text, message):
    p = tmp_path / "secbrief.toml"
    p.write_text(text)
    with pytest.raises(ConfigError, match=message) as e:
        load_config(p)
    assert "secbrief.toml" in e.value.one_line()


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("line", "key", "message"),
    [
        ('[brief]\nalpha = "x"\n', "brief.alpha", "must be a number, not 'x'"),
        ('[sections]\nmap = "false"\n', "sections.map", "must be true or false, not 'false'"),
        ("[brief]\nmin_base = 1.5\n", "brief.min_base", "must be a whole number"),
        ("[brief]\ndeadliest = true\n", "brief.deadliest", "must be a whole number"),
        ("[brief]\ntitle = 3\n", "brief.title", "must be a string"),
        ("brief = 3\n", "brief", "must be a table"),
        ("[[batch]]\nperiods = 2024\n", "batch.periods", "must be a string"),
        ("[store]\ndir = 3\n", "store.dir", "dir"),
    ],
)
def test_values_of_the_wrong_type_name_file_and_key(tmp_path, line, key, message):
    p = tmp_path / "secbrief.toml"
    p.write_text(line)
    with pytest.raises(ConfigError, match=message) as e:
        load_config(p)
    assert str(p) in e.value.one_line() and f"'{key}'" in e.value.one_line()


def test_store_table_is_part_of_the_one_config(tmp_path):
    p = tmp_path / "secbrief.toml"
    p.write_text('[brief]\ntitle = "T"\n[store]\ndir = "versions"\n')
    cfg = load_config(p)
    assert cfg.store == tmp_path / "versions" and cfg.title == "T" and cfg.file == p


def test_the_store_reads_the_same_table(tmp_path):
    from analysis.store import store_dir

    (tmp_path / "secbrief.toml").write_text('[store]\ndir = "versions"\n')
    assert store_dir(cwd=tmp_path) == load_config(tmp_path / "secbrief.toml").store


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("/etc/passwd", "outside the configuration's folder"),
        ("../x.png", "outside the configuration's folder"),
        ("https://example.org/logo.png", "not a URL"),
        ("file:///etc/passwd", "not a URL"),
        ("missing.png", "is not a file"),
        ("fake.png", "not a PNG, JPEG or SVG image"),
        ("escape.png", "outside the configuration's folder"),
    ],
)
def test_logo_must_be_an_image_inside_the_folder(tmp_path, logo, message):
    conf = tmp_path / "conf"
    conf.mkdir()
    (tmp_path / "x.png").write_bytes(PNG)
    (conf / "fake.png").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (conf / "escape.png").symlink_to(tmp_path / "x.png")  # a symlink out of the folder
    p = conf / "secbrief.toml"
    p.write_text(f'[brief]\nlogo = "{logo}"\n')
    with pytest.raises(ConfigError, match=message) as e:
        load_config(p)
    assert str(p) in e.value.one_line() and "'brief.logo'" in e.value.one_line()


@pytest.mark.parametrize(
    "content",
    [PNG, b"\xff\xd8\xff\xe0\x00\x10JFIF", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'],
)
def test_png_jpeg_and_svg_logos_are_accepted(tmp_path, content):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo").write_bytes(content)
    p = tmp_path / "secbrief.toml"
    p.write_text('[brief]\nlogo = "img/logo"\n')
    assert load_config(p).logo == (tmp_path / "img" / "logo").resolve()


def test_brief_reads_the_store_named_in_its_config(tmp_path, monkeypatch, capsys):
    """A [store] table no longer stops `secbrief brief`, and --config's store is the one used."""
    from reports.cli import main

    monkeypatch.delenv("SECBRIEF_STORE", raising=False)
    conf = tmp_path / "project"
    conf.mkdir()
    (conf / "secbrief.toml").write_text('[brief]\ntitle = "T"\n[store]\ndir = "versions"\n')
    monkeypatch.chdir(tmp_path)  # the config is not in the working folder: only --config names it
    argv = ["brief", "--period", "2025-01", "--data", "latest", "--config", str(conf / "secbrief.toml"), "--no-cache"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"no versions in the store {conf / 'versions'}" in err  # the configured store, not another one


def test_config_that_is_a_device_pipe_or_huge_is_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.toml")
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(tmp_path / "pipe.toml")
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config("/dev/zero")
    (tmp_path / "huge.toml").write_text("# " + "x" * 1_000_000)
    with pytest.raises(ConfigError, match="larger than 1,000,000 bytes"):
        load_config(tmp_path / "huge.toml")
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)
