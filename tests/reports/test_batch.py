"""secbrief batch: planning, parallel builds, unique outputs, failures isolated."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import ConfigError, RenderError
from analysis.incidents import from_frame
from reports.batch import Job, periods_for, plan, regions_for, run_batch
from reports.cli import main
from reports.config import Config


@pytest.fixture(scope="module")
def small():
    days = pd.date_range("2023-01-01", "2024-12-31", freq="5D")
    provs = ["Punjab", "Sindh", "Khyber Pakhtunkhwa", "Balochistan"]
    return from_frame(
        pd.DataFrame(
            {
                "incident_id": [f"s{i}" for i in range(len(days))],
                "date": days,
                "province": [provs[i % 4] for i in range(len(days))],
                "district": [None] * len(days),
                "event_type": ["attack" if i % 3 else "operation" for i in range(len(days))],
                "killed_security": [i % 5 for i in range(len(days))],
                "killed_militants": [i % 7 for i in range(len(days))],
            }
        )
    )


def test_periods_for_each_kind():
    assert [p.slug for p in periods_for("2024-01..2024-03", "monthly")] == ["2024-01", "2024-02", "2024-03"]
    assert [p.slug for p in periods_for("2024-02..2024-07", "quarterly")] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert [p.slug for p in periods_for("2023..2024", "annual")] == ["2023", "2024"]
    assert len(periods_for("2024", "monthly")) == 12
    with pytest.raises(ConfigError, match="unknown kind"):
        periods_for("2024", "weekly")


def test_regions(small):
    assert regions_for("all", small) == [None, "Punjab", "Sindh", "Khyber Pakhtunkhwa", "Balochistan"]
    assert regions_for("national,KPK,Khyber Pakhtunkhwa", small) == [None, "Khyber Pakhtunkhwa"]
    with pytest.raises(ConfigError, match="'Narnia' is not a known"):
        regions_for("Narnia", small)


def test_plan_is_every_combination(small):
    jobs = plan("2024-01..2024-06", "national,Sindh", ["monthly", "quarterly"], small)
    assert len(jobs) == 6 * 2 + 2 * 2
    assert len(set(jobs)) == len(jobs)


def test_spawn_workers_need_a_file(small, tmp_path, monkeypatch):
    # Without fork, each worker reloads the file; incidents built in memory have none, and a
    # failing pool initializer would be restarted forever, so run_batch refuses up front.
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    jobs = plan("2024-01..2024-02", "national", ["monthly"], small)
    with pytest.raises(ConfigError, match="need workers=1"):
        run_batch(small, jobs, out_dir=tmp_path, cfg=Config(), workers=2)
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_parallel_batch_unique_outputs_and_isolated_failure(small, tmp_path, monkeypatch):
    import reports.brief as brief

    real = brief.build_brief

    def flaky(inc, period, *, region=None, **kw):
        if region == "Sindh" and period.slug == "2024-02":
            raise RenderError("simulated failure")
        return real(inc, period, region=region, **kw)

    monkeypatch.setattr(brief, "build_brief", flaky)  # inherited by the forked workers
    jobs = plan("2024-01..2024-02", "national,Sindh", ["monthly"], small)
    results = run_batch(small, jobs, out_dir=tmp_path, cfg=Config(), workers=2)
    assert [r.job for r in results] == jobs
    failed = [r for r in results if not r.ok]
    assert len(failed) == 1 and failed[0].job == Job("monthly", jobs[3].period, "Sindh")
    assert "simulated failure" in failed[0].error
    names = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert names == ["monthly-2024-01-sindh.pdf", "monthly-2024-01.pdf", "monthly-2024-02.pdf"]


@pytest.mark.slow
def test_batch_command_exit_code_and_summary(tmp_path, capsys):
    code = main(
        [
            "batch",
            "--periods",
            "2025-06",
            "--regions",
            "national,Balochistan",
            "--out",
            str(tmp_path),
            "--workers",
            "2",
        ]
    )  # two jobs for two workers: every combination is planned (test_plan_is_every_combination)
    out = capsys.readouterr().out
    assert code == 0
    assert "2 briefs, 0 failed" in out
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["monthly-2025-06-balochistan.pdf", "monthly-2025-06.pdf"]
    assert main(["batch", "--periods", "2025-05", "--kinds", "weekly", "--out", str(tmp_path)]) == 2


BATCH_TOML = (
    '[[batch]]\nperiods = "2025-06"\nregions = "national"\n'
    '[[batch]]\nperiods = "2025-Q2"\nkinds = ["quarterly"]\nregions = "Sindh"\n'
)


def test_batch_entries_from_config(tmp_path, capsys):
    from reports.config import BatchSpec, load_config

    cfg = tmp_path / "secbrief.toml"
    cfg.write_text(BATCH_TOML)
    assert load_config(cfg).batch == (
        BatchSpec("2025-06", "national", ("monthly",)),
        BatchSpec("2025-Q2", "Sindh", ("quarterly",)),
    )
    bad = tmp_path / "bad.toml"
    bad.write_text('[[batch]]\nregions = "all"\n')
    assert main(["batch", "--config", str(bad)]) == 2
    assert "needs 'periods'" in capsys.readouterr().err


@pytest.mark.slow
def test_batch_builds_the_entries_of_the_config(tmp_path):
    cfg = tmp_path / "secbrief.toml"
    cfg.write_text(BATCH_TOML)
    assert main(["batch", "--config", str(cfg), "--out", str(tmp_path / "o"), "--workers", "1", "-q"]) == 0
    assert sorted(p.name for p in (tmp_path / "o").glob("*.pdf")) == [
        "monthly-2025-06.pdf",
        "quarterly-2025-Q2-sindh.pdf",
    ]


def test_no_fork_outside_linux(small, tmp_path, monkeypatch):
    """On macOS fork after numpy is loaded can crash a worker: batch spawns there (here: the file check)."""
    import sys

    monkeypatch.setattr(sys, "platform", "darwin")
    jobs = plan("2024-01..2024-02", "national", ["monthly"], small)
    with pytest.raises(ConfigError, match="need workers=1"):
        run_batch(small, jobs, out_dir=tmp_path, cfg=Config(), workers=2)
