"""The public analysis modules carry docstring examples.

The examples themselves run once, with the suite, through ``--doctest-modules`` (pyproject.toml
``addopts``; ``testpaths`` includes ``analysis``): each is a test item of its own there. This
file only makes sure they are not lost: each module below has examples to run.
"""

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
def test_module_has_docstring_examples(name):
    tests = doctest.DocTestFinder().find(importlib.import_module(name))
    assert sum(len(t.examples) for t in tests) > 0


def test_the_suite_runs_the_doctests(pytestconfig):
    assert pytestconfig.getoption("doctestmodules"), "run with --doctest-modules (pyproject.toml addopts)"
    assert {"analysis", "reports"} <= set(pytestconfig.getini("testpaths"))
