"""``pip install .`` (not editable) works: templates and data ship inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )
    (whl,) = dist.glob("secbrief-*.whl")
    return whl


def test_wheel_contains_templates_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for must in (
        "analysis/_data/schema.json",
        "analysis/_data/gazetteer/provinces.csv",
        "analysis/_data/population.csv",
        "analysis/_data/demo/incidents.csv.gz",
        "reports/_templates/base.html",
        "reports/_templates/monthly.html",
        "reports/_templates/css/brief.css",
        "reports/_templates/macros/components.html",
        "analysis/py.typed",
        "reports/py.typed",
        "analysis/_data/profiles/pakistan-suicide-attacks.toml",
        "analysis/_data/boundaries/pakistan-provinces.geojson",  # the map of every national brief
        "analysis/_data/demo/notes/2025-06.md",  # the demo's sample commentary
    ):
        assert must in names, must


def test_installed_wheel_builds_a_brief_from_any_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    # Reuse this environment's third-party packages instead of downloading them again; the
    # installed wheel's own packages come first on sys.path, ahead of the .pth entry.
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "zz_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(py), "-c", "import analysis, reports; print(analysis.__file__); print(reports.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert str(venv) in where.splitlines()[0] and str(venv) in where.splitlines()[1]
    r = subprocess.run(
        [str(venv / "bin" / "secbrief"), "brief", "--period", "2025-06", "--out", "o", "-q"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert (work / "o" / "monthly-2025-06.pdf").stat().st_size > 10_000
