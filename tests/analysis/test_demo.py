"""The shipped demo data are exactly what the generator makes, and look like the real thing."""

from __future__ import annotations

import gzip

import pandas as pd

from analysis import demo
from analysis.incidents import fingerprint
from analysis.io import load_incidents


def test_shipped_demo_data_is_reproduced_by_the_generator(tmp_path):
    out = tmp_path / "demo.csv.gz"
    demo.write_csv_gz(demo.generate(), out)
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(demo.demo_path().read_bytes())


def test_demo_data_shape(demo_incidents):
    f = demo_incidents.frame
    assert demo_incidents.report.rejected == 0
    assert f["date"].min() >= pd.Timestamp("2015-01-01")
    assert f["date"].max() <= pd.Timestamp("2025-06-30")
    assert (f["dataset"] == "synthetic demo").all()
    per_year = f.loc[f["date"] < "2025-01-01"].groupby(f["date"].dt.year).size()
    assert per_year.between(1000, 3000).all()
    killed = f.groupby(f["date"].dt.year)["killed_total"].sum()
    assert killed[2020] < killed[2015] and killed[2024] > killed[2020]
    by_prov = f.groupby("province")["killed_total"].sum()
    assert by_prov[["Khyber Pakhtunkhwa", "Balochistan"]].sum() > 0.6 * by_prov.sum()
    assert set(f["event_type"]) >= {"attack", "operation"}
    assert f["perpetrator"].nunique() >= 4
    assert f["killed_civilians"].isna().any() and f["injured_total"].isna().any()
    assert f["date_end"].notna().any()


def test_fingerprint_ignores_row_order(demo_incidents):
    f = demo_incidents.frame
    assert fingerprint(f.sample(frac=1.0, random_state=1)) == demo_incidents.fingerprint


def test_fingerprint_same_for_reread(demo_incidents):
    assert load_incidents(demo.demo_path()).fingerprint == demo_incidents.fingerprint
