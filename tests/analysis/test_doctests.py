"""The examples in the analysis docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "analysis.periods",
    "analysis.counts",
    "analysis.changes",
    "analysis.rates",
    "analysis.trends",
    "analysis.records",
    "analysis.key_findings",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
