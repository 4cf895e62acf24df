"""The helpers every command shares (reports/commands/_common.py)."""

from __future__ import annotations

import pytest

from analysis.errors import ConfigError
from reports.commands._common import region_argument


def test_region_argument_resolves_any_gazetteer_spelling() -> None:
    assert region_argument("KP") == "Khyber Pakhtunkhwa"
    assert region_argument("balochistan") == "Balochistan"


@pytest.mark.parametrize("text", [None, ""])
def test_region_argument_without_a_region_is_national(text: str | None) -> None:
    assert region_argument(text) is None


def test_region_argument_names_the_unknown_region() -> None:
    with pytest.raises(ConfigError, match=r"--region 'Atlantis' is not a known province or territory"):
        region_argument("Atlantis")
