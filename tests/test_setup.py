"""The set-up behind `make brief` / `make test` recovers on a bare machine.

`tools/venv.sh` rebuilds a broken .venv (left behind by a `python3 -m venv` that failed for want
of ensurepip) and removes the half-made one when creation fails; the Makefile runs it whenever
.venv has no working python with pip, whatever the stamp says; `tools/system-deps.sh` asks for
the venv package of Debian's Python and, when not root, prints the command to run as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETPRIV = shutil.which("setpriv")


def _script(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + text)
    path.chmod(0o755)
    return path


def _broken_venv(venv: Path) -> None:
    """What a `python3 -m venv` without ensurepip leaves: bin/python, no pip."""
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)  # a python, but the import of pip fails:
    (venv / "pyvenv.cfg").write_text("include-system-site-packages = false\n")
    (venv / "lib").mkdir()


def test_venv_script_leaves_nothing_behind_when_venv_creation_fails(tmp_path):
    no_ensurepip = _script(
        tmp_path / "python3",
        'mkdir -p "$3/bin" && ln -s /bin/true "$3/bin/python"\n'
        'echo "The virtual environment was not created successfully because ensurepip is not available." >&2\n'
        "exit 1\n",
    )
    venv = tmp_path / ".venv"
    r = subprocess.run(["bash", ROOT / "tools/venv.sh", no_ensurepip, venv], capture_output=True, text=True)
    assert r.returncode == 1
    assert not venv.exists()  # the next run starts afresh instead of failing on "No module named pip"
    assert "run as root: apt-get update && apt-get install -y python3-venv" in r.stderr


def test_makefile_rebuilds_a_broken_venv_whatever_its_stamp_says(tmp_path):
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to("/nonexistent/python3.11")  # e.g. the system Python went away
    (venv / ".installed").touch()  # newer than pyproject.toml: make alone would skip the set-up
    dry = subprocess.run(["make", "-n", "-C", tmp_path, "setup"], capture_output=True, text=True, check=True).stdout
    assert "tools/venv.sh" in dry and "pip install" in dry
    # a healthy venv with a fresh stamp: nothing to do. The suite's own venv stands in for it
    # (it has pip; the system Python of a bare machine does not): its python and its packages.
    real = Path(sys.prefix)
    if real == Path(sys.base_prefix):
        pytest.skip("the suite does not run in a virtual environment")
    (venv / "bin" / "python").unlink()
    (venv / "bin" / "python").symlink_to(real / "bin" / "python")
    (venv / "pyvenv.cfg").write_text((real / "pyvenv.cfg").read_text())
    (venv / "lib").symlink_to(real / "lib")
    dry = subprocess.run(["make", "-n", "-C", tmp_path, "setup"], capture_output=True, text=True, check=True).stdout
    assert "tools/venv.sh" not in dry and "pip install" not in dry


@pytest.mark.slow
def test_venv_script_rebuilds_a_venv_without_pip(tmp_path):
    venv = tmp_path / ".venv"
    _broken_venv(venv)
    r = subprocess.run(["bash", ROOT / "tools/venv.sh", sys.executable, venv], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "is broken" in r.stderr and "rebuilding it" in r.stderr
    subprocess.run([venv / "bin/python", "-m", "pip", "--version"], check=True, capture_output=True)
    # a second run finds it healthy and leaves it alone
    r = subprocess.run(["bash", ROOT / "tools/venv.sh", sys.executable, venv], capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == ""


def _fake_debian(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """PATH with a dpkg-query that finds nothing installed and an apt-get that logs its calls."""
    bin_ = tmp_path / "bin"
    log = tmp_path / "apt.log"
    _script(bin_ / "dpkg-query", "exit 1\n")
    _script(bin_ / "apt-get", f'echo "apt-get $*" >> {log}\n')
    # Debian's python3 without python3.X-venv: `import ensurepip` fails
    (tmp_path / "shadow" / "ensurepip").mkdir(parents=True)
    (tmp_path / "shadow" / "ensurepip" / "__init__.py").write_text("raise ImportError('no ensurepip')\n")
    env = {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}", "PYTHONPATH": str(tmp_path / "shadow")}
    return env, log


@pytest.mark.skipif(not Path("/usr/bin/python3").exists(), reason="needs Debian's /usr/bin/python3")
def test_system_deps_as_root_updates_lists_and_adds_the_venv_package(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("the apt-get branch runs as root only")
    env, log = _fake_debian(tmp_path)
    env["PYTHON"] = "/usr/bin/python3"
    r = subprocess.run(["bash", ROOT / "tools/system-deps.sh"], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("apt-get update")  # a fresh system has empty package lists
    code = "import sys; print('%d.%d' % sys.version_info[:2])"
    ver = subprocess.check_output(["/usr/bin/python3", "-c", code], text=True).strip()
    assert calls[1].startswith("apt-get install -y")
    assert f"python{ver}-venv" in calls[1] and "libpango-1.0-0" in calls[1]


@pytest.mark.skipif(SETPRIV is None or os.geteuid() != 0, reason="needs root and setpriv to run as another user")
def test_system_deps_not_root_prints_the_command_to_run_as_root():
    with tempfile.TemporaryDirectory() as d:  # not under pytest's 0700 folder: user nobody reads it
        tmp = Path(d)
        tmp.chmod(0o755)
        env, log = _fake_debian(tmp)
        env["PYTHON"] = "/usr/bin/python3"  # nobody can run it (a venv under /root may not be)
        env.pop("PYTHONPATH")
        script = shutil.copy(ROOT / "tools/system-deps.sh", tmp / "system-deps.sh")  # a clone under /root is private
        r = subprocess.run(
            [SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups", "bash", script],
            capture_output=True,
            text=True,
            env=env,
        )
    assert r.returncode == 1, r.stderr
    assert "run as root" in r.stderr and "apt-get update && apt-get install -y libpango-1.0-0" in r.stderr
    assert "sudo apt-get" not in r.stderr
    assert not log.exists()
