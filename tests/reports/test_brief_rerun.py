"""Reruns: an unchanged brief is reused, a changed toll is never served stale, revisions are listed."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.demo import demo_path
from reports.cli import main

pytestmark = pytest.mark.slow


def _demo_copy(tmp_path, name="data.csv", change=None):
    f = pd.read_csv(demo_path(), dtype=str, keep_default_na=False)
    if change:
        change(f)
    p = tmp_path / name
    f.to_csv(p, index=False)
    return p


def test_unchanged_rebuild_is_reused_and_a_changed_toll_is_not(tmp_path, capsys):
    data = _demo_copy(tmp_path)
    out = tmp_path / "out"
    argv = ["brief", "--period", "2025-06", "--data", str(data), "--out", str(out), "--emit-json"]
    assert main(argv) == 0
    first = json.loads((out / "monthly-2025-06.json").read_text())
    pdf = (out / "monthly-2025-06.pdf").read_bytes()
    capsys.readouterr()
    assert main(argv) == 0
    assert "reused from the cache" in capsys.readouterr().err
    assert (out / "monthly-2025-06.pdf").read_bytes() == pdf

    def raise_one_toll(f):
        i = f.index[(f["date"].str.startswith("2025-06")) & (f["killed_total"] != "")][0]
        f.loc[i, "killed_militants"] = str(int(f.loc[i, "killed_militants"] or 0) + 5)
        f.loc[i, "killed_total"] = str(int(f.loc[i, "killed_total"]) + 5)

    _demo_copy(tmp_path, change=raise_one_toll)  # same file name, new content
    assert main(argv) == 0
    assert "reused from the cache" not in capsys.readouterr().err
    second = json.loads((out / "monthly-2025-06.json").read_text())
    assert second["headline"]["killed_total"]["value"] == first["headline"]["killed_total"]["value"] + 5
    assert (out / "monthly-2025-06.pdf").read_bytes() != pdf


def test_options_change_the_key(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["brief", "--period", "2025-06", "--out", str(out), "-q"]) == 0
    (tmp_path / "secbrief.toml").write_text('[brief]\ntitle = "Other Title"\n')
    assert main(["brief", "--period", "2025-06", "--out", str(out), "--config", str(tmp_path / "secbrief.toml")]) == 0
    assert "reused" not in capsys.readouterr().err
    assert "Other Title" in (out / "monthly-2025-06.html").read_text()


def test_revisions_since_the_last_brief(tmp_path, monkeypatch):
    monkeypatch.setenv("SECBRIEF_STORE", str(tmp_path / "store"))
    v1 = _demo_copy(tmp_path, "v1.csv")
    assert main(["ingest", str(v1), "-q"]) == 0
    out = tmp_path / "out"
    assert main(["brief", "--period", "2025-05", "--data", "latest", "--out", str(out), "-q"]) == 0

    may_kp = {}

    def revise_may(f):
        rows = f.index[
            (f["date"].str.startswith("2025-05")) & (f["province"] == "Balochistan") & (f["killed_security"] != "")
        ]
        i = rows[0]
        may_kp["old"] = sum(
            int(x)
            for x in f.loc[(f["date"].str.startswith("2025-05")) & (f["province"] == "Balochistan"), "killed_total"]
            if x
        )
        f.loc[i, "killed_security"] = str(int(f.loc[i, "killed_security"]) + 3)
        f.loc[i, "killed_total"] = str(int(f.loc[i, "killed_total"]) + 3)

    v2 = _demo_copy(tmp_path, "v2.csv", change=revise_may)
    assert main(["ingest", str(v2), "-q"]) == 0
    assert main(["brief", "--period", "2025-06", "--data", "latest", "--out", str(out), "-q", "--emit-json"]) == 0
    numbers = json.loads((out / "monthly-2025-06.json").read_text())
    lines = numbers["revisions"]["lines"]
    assert numbers["revisions"]["previous_brief"] == "2025-05"
    want = f"May 2025: killed in Balochistan revised from {may_kp['old']} to {may_kp['old'] + 3}"
    assert any(line.startswith(want) for line in lines), lines
    html = (out / "monthly-2025-06.html").read_text()
    assert "Revisions since the last brief" in html and "revised from" in html
