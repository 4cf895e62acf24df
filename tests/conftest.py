"""Shared fixtures.

Real public datasets are read from ``../shared/data`` beside the project root, or
from ``$SECBRIEF_SHARED_DATA`` when set; they are never copied into the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """Folder holding the real datasets (UCDP GED, press lists, census, boundaries)."""
    env = os.environ.get("SECBRIEF_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def shared_news_dir() -> Path:
    """Folder holding the hand-coded news reports."""
    env = os.environ.get("SECBRIEF_SHARED_NEWS")
    return Path(env) if env else shared_data_dir().parent / "news"


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
