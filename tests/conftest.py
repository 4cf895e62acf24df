"""Shared fixtures.

Real public datasets are read from ``../shared/data`` (see :mod:`tests.shared_paths` for
where it is looked for, ``$SECBRIEF_SHARED_DATA`` first); they are never copied into the
repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.shared_paths import shared_data_dir, shared_news_dir


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the tests' cache entries out of the user's cache folder."""
    os.environ.setdefault("SECBRIEF_CACHE", str(tmp_path_factory.mktemp("secbrief-cache")))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    d = shared_data_dir()
    if not (d / "ucdp-ged-pakistan.csv").is_file():
        pytest.fail(f"real datasets not found in {d}; set SECBRIEF_SHARED_DATA to the shared/data folder")
    return d


@pytest.fixture(scope="session")
def shared_news() -> Path:
    d = shared_news_dir()
    if not (d / "expected.csv").is_file():
        pytest.fail(f"news reports not found in {d}; set SECBRIEF_SHARED_NEWS to the shared/news folder")
    return d


@pytest.fixture(scope="session")
def demo_incidents():
    from analysis.demo import demo_path
    from analysis.io import load_incidents

    return load_incidents(demo_path())
