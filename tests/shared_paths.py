"""Where the real public datasets are: ``shared/data`` and ``shared/news``, never copied here.

Looked for, in order: ``$SECBRIEF_SHARED_DATA`` / ``$SECBRIEF_SHARED_NEWS``; ``../shared``
beside the project root; ``../shared`` beside the repository this one was cloned from
(a clone in a temporary folder, as CI makes, still finds the data of the working copy it
came from). Used by the test fixtures and the benchmarks.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _origin() -> Path | None:
    """The local repository this one was cloned from, if any."""
    try:
        url = subprocess.run(
            ["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return None
    url = url.removeprefix("file://")
    if not url or "://" in url or ":" in url.split("/")[0]:  # a remote (https://, git@host:) has no folder here
        return None
    p = Path(url)
    return p.resolve() if p.is_dir() else None


def _shared(sub: str, marker: str) -> Path:
    candidates = [ROOT.parent / "shared" / sub]
    origin = _origin()
    if origin is not None:
        candidates.append(origin.parent / "shared" / sub)
    return next((c for c in candidates if (c / marker).is_file()), candidates[0])


def shared_data_dir() -> Path:
    """Folder holding the real datasets (UCDP GED, press lists, census, boundaries)."""
    env = os.environ.get("SECBRIEF_SHARED_DATA")
    return Path(env) if env else _shared("data", "ucdp-ged-pakistan.csv")


def shared_news_dir() -> Path:
    """Folder holding the hand-coded news reports."""
    env = os.environ.get("SECBRIEF_SHARED_NEWS")
    return Path(env) if env else _shared("news", "expected.csv")
