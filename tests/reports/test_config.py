"""secbrief.toml: defaults, overrides, and clear errors for mistakes."""

from __future__ import annotations

import pytest

from analysis.errors import ConfigError
from reports.config import Config, load_config


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == Config()


def test_values_and_sections(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"")
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
