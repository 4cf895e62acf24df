"""The content-addressed cache: keys, hits, misses, and never a stale result."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from analysis import cache as cache_mod
from analysis.cache import CACHE_DIRNAME, Cache, cache_key, cached_load_incidents, environment_stamp
from analysis.counts import totals
from analysis.incidents import from_frame
from analysis.periods import parse_period


@pytest.fixture
def cache(tmp_path):
    return Cache(tmp_path / "cache")


def _small(demo_incidents, n=300):
    return from_frame(demo_incidents.frame.head(n).drop(columns="_row"))


def test_keys_are_stable_and_complete(demo_incidents):
    inc = demo_incidents
    p = parse_period("2024-12")
    k = cache_key(("monthly", inc, p, {"region": None, "measures": ["incidents", "killed_total"]}))
    assert k == cache_key(
        ("monthly", inc, parse_period("2024-12"), {"measures": ["incidents", "killed_total"], "region": None})
    )
    assert len(k) == 64
    others = {
        cache_key(
            ("monthly", inc, parse_period("2024-11"), {"region": None, "measures": ["incidents", "killed_total"]})
        ),
        cache_key(("monthly", inc, p, {"region": "Sindh", "measures": ["incidents", "killed_total"]})),
        cache_key(("monthly", inc, p, {"region": None, "measures": ["incidents"]})),
        cache_key(
            ("monthly", inc.fingerprint[:-1] + "0", p, {"region": None, "measures": ["incidents", "killed_total"]})
        ),
        cache_key(("quarterly", inc, p, {"region": None, "measures": ["incidents", "killed_total"]})),
        cache_key(("monthly", inc, p, {"region": None, "measures": ["incidents", "killed_total"], "alpha": 0.05})),
    }
    assert k not in others and len(others) == 6
    # An Incidents stands for its fingerprint; floats are exact; 1 and True differ.
    small = _small(inc)
    shuffled = from_frame(small.frame.sample(frac=1.0, random_state=3).drop(columns="_row"))
    assert cache_key(("x", small)) == cache_key(("x", shuffled))  # same incidents, same key
    assert cache_key(0.1) != cache_key(0.1000000000000001) and cache_key(1) != cache_key(True)


def test_tables_and_unknown_objects_cannot_be_keys(demo_incidents):
    with pytest.raises(TypeError, match="fingerprint"):
        cache_key(("x", demo_incidents.frame))
    with pytest.raises(TypeError, match="cannot use a object"):
        cache_key(("x", object()))


def test_get_or_compute_hits_after_first_miss(cache, demo_incidents):
    inc = _small(demo_incidents)
    calls = []

    def compute():
        calls.append(1)
        return totals(inc.frame)

    first = cache.get_or_compute(("totals", inc), compute)
    second = cache.get_or_compute(("totals", inc), compute)
    assert first == second and len(calls) == 1
    assert (cache.stats.hits, cache.stats.misses, cache.stats.writes) == (1, 1, 1)
    # A fresh Cache object on the same folder (a later run) hits too.
    again = Cache(cache.directory)
    assert again.get_or_compute(("totals", inc), compute) == first and len(calls) == 1
    assert again.size()[0] == 1


def test_changed_death_toll_is_never_served_stale(cache, demo_incidents):
    inc = _small(demo_incidents)

    def killed(data):
        return cache.get_or_compute(("killed", data), lambda: totals(data.frame).killed_total)

    before = killed(inc)
    assert before == int(inc.frame["killed_total"].sum())  # plain pandas
    f = inc.frame.drop(columns="_row").copy()
    f.loc[f.index[7], "killed_total"] = f.loc[f.index[7], "killed_total"] + 5
    changed = from_frame(f)
    after = killed(changed)
    assert after == before + 5 and cache.stats.misses == 2
    assert killed(inc) == before  # the old data still gets its own result


def test_text_and_bytes_codecs(cache):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Balochistan – 61</text></svg>'
    assert cache.get_or_compute(("figure", "trend", "a" * 64), lambda: svg, codec="text") == svg
    assert cache.get(("figure", "trend", "a" * 64), codec="text") == svg
    assert cache.get(("figure", "trend", "b" * 64), codec="text") is None
    png = bytes(range(256))
    assert cache.get_or_compute(("png",), lambda: png, codec="bytes") == png
    assert cache.get(("png",), codec="bytes") == png
    with pytest.raises(ValueError, match="unknown codec"):
        cache.get(("png",), codec="yaml")


def test_damaged_entry_is_recomputed(cache):
    cache.put(("n",), 41)
    entry = next(p for p in cache.directory.rglob("*.pkl"))
    entry.write_bytes(b"\x80\x05 truncated")
    assert cache.get_or_compute(("n",), lambda: 42) == 42
    assert cache.get(("n",)) == 42


def test_disabled_cache_always_computes(tmp_path):
    c = Cache.disabled()
    calls = []
    for _ in range(2):
        c.get_or_compute(("x",), lambda: calls.append(1))
    assert len(calls) == 2 and not c.enabled and c.size() == (0, 0)
    assert Cache.for_output(tmp_path).directory == tmp_path / CACHE_DIRNAME


def test_code_change_changes_every_key(tmp_path, monkeypatch):
    src = tmp_path / "module.py"
    src.write_text("X = 1\n")
    monkeypatch.setattr(cache_mod, "_package_files", lambda: [src])
    environment_stamp.cache_clear()
    try:
        k1 = cache_key(("x",))
        src.write_text("X = 2\n")
        environment_stamp.cache_clear()
        assert cache_key(("x",)) != k1
    finally:
        environment_stamp.cache_clear()


def test_real_stamp_covers_code_and_data():
    files = {p.name for p in cache_mod._package_files()}
    assert {"cache.py", "counts.py", "cli.py", "schema.json", "provinces.csv"} <= files
    assert "incidents.csv.gz" not in files  # data is keyed by its fingerprint, not here


def test_cached_load_incidents_rereads_an_edited_file(cache, tmp_path):
    path = tmp_path / "inc.csv"
    rows = [["incident_id", "date", "province", "killed_total"], ["a", "2024-12-01", "Sindh", "3"]]
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    first = cached_load_incidents(cache, path)
    second = cached_load_incidents(cache, path)
    pd.testing.assert_frame_equal(first.frame, second.frame)
    assert cache.stats.hits == 1 and second.path == str(path)
    rows[1][3] = "4"
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    third = cached_load_incidents(cache, path)
    assert int(third.frame["killed_total"].iloc[0]) == 4 and third.fingerprint != first.fingerprint


def test_tree_digest_follows_user_files(tmp_path):
    from analysis.cache import tree_digest

    tdir = tmp_path / "templates"
    tdir.mkdir()
    (tdir / "monthly.html").write_text("{{ ctx.title }}")
    logo = tmp_path / "logo.svg"
    d1 = tree_digest(tdir, logo, None)
    assert d1 == tree_digest(tdir, logo)
    logo.write_text("<svg/>")
    d2 = tree_digest(tdir, logo)
    (tdir / "monthly.html").write_text("{{ ctx.title }}!")
    d3 = tree_digest(tdir, logo)
    assert len({d1, d2, d3}) == 3
