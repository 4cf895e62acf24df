"""Deterministic generator of the synthetic demo dataset shipped in ``data/demo/``.

The demo data imitate the shape of real incident data for Pakistan (2015-01 to
2025-06): about 1,000-3,000 incidents a year, most deaths in Khyber Pakhtunkhwa and
Balochistan, a fall to 2020 and a rise from 2021, attacks and operations, several
perpetrators, some unknown counts and some multi-day events. Nothing in them is
real; every row carries ``dataset = "synthetic demo"``.

Regenerate with ``python -m analysis.demo`` (or ``make demo-data``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import schema
from analysis._assets import data_file

SEED = 20250601
START, END = "2015-01-01", "2025-06-30"
DATASET = "synthetic demo"

# Year tables stay one row per line of years, easier to read and edit than one entry a line.
# fmt: off
#: Incidents per year the generator aims at (2025 is a full-year rate; only H1 is generated).
YEARLY_INCIDENTS = {2015: 2650, 2016: 2050, 2017: 1650, 2018: 1300, 2019: 1150, 2020: 1020,
                    2021: 1350, 2022: 1700, 2023: 2150, 2024: 2700, 2025: 2950}
#: Lethality multiplier for security forces by year (2024 the deadliest in a decade).
SECURITY_SEVERITY = {2015: 0.95, 2016: 0.85, 2017: 0.8, 2018: 0.75, 2019: 0.7, 2020: 0.7,
                     2021: 0.9, 2022: 1.0, 2023: 1.1, 2024: 1.25, 2025: 1.2}
# fmt: on
PROVINCE_SHARES = {
    "Khyber Pakhtunkhwa": 0.55,
    "Balochistan": 0.27,
    "Sindh": 0.08,
    "Punjab": 0.06,
    "Islamabad Capital Territory": 0.01,
    "Gilgit-Baltistan": 0.015,
    "Azad Jammu and Kashmir": 0.015,
}
# fmt: off
#: Districts the demo data use (names and coordinates come from the gazetteer).
DEMO_DISTRICTS = (
    "Peshawar", "Bannu", "Lakki Marwat", "Dera Ismail Khan", "Tank", "North Waziristan", "South Waziristan",
    "Khyber", "Bajaur", "Mohmand", "Kurram", "Orakzai", "Swat", "Kohat", "Charsadda", "Mardan", "Dir Lower",
    "Chitral", "Quetta", "Kech", "Gwadar", "Panjgur", "Kalat", "Mastung", "Nushki", "Kachhi", "Dera Bugti",
    "Kohlu", "Harnai", "Zhob", "Awaran", "Khuzdar", "Lasbela", "Musakhel", "Chagai", "Karachi", "Hyderabad",
    "Sukkur", "Larkana", "Shikarpur", "Lahore", "Rawalpindi", "Dera Ghazi Khan", "Mianwali", "Rajanpur",
    "Faisalabad", "Multan", "Islamabad", "Gilgit", "Diamer", "Muzaffarabad", "Kotli", "Poonch",
)
# fmt: on
PERPETRATORS = {
    "Khyber Pakhtunkhwa": {
        "TTP": 0.58,
        "Hafiz Gul Bahadur group": 0.1,
        "Islamic State Khorasan": 0.08,
        "Lashkar-e-Islam": 0.05,
        "": 0.19,
    },
    "Balochistan": {"BLA": 0.42, "BLF": 0.2, "TTP": 0.1, "Islamic State Khorasan": 0.06, "": 0.22},
    "Sindh": {"Sindhudesh Revolutionary Army": 0.25, "BLA": 0.15, "TTP": 0.2, "": 0.4},
    "Punjab": {"TTP": 0.45, "Islamic State Khorasan": 0.1, "": 0.45},
    "Islamabad Capital Territory": {"TTP": 0.6, "": 0.4},
    "Gilgit-Baltistan": {"TTP": 0.4, "": 0.6},
    "Azad Jammu and Kashmir": {"": 1.0},
}
ATTACK_METHODS = {
    "armed_assault": 0.42,
    "bombing": 0.25,
    "targeted_killing": 0.15,
    "suicide_bombing": 0.035,
    "rocket_mortar": 0.05,
    "kidnapping": 0.04,
    "other": 0.035,
    "unknown": 0.02,
}
OPERATION_METHODS = {"armed_assault": 0.86, "drone_strike": 0.04, "other": 0.07, "unknown": 0.03}
TARGETS = {
    "attack": [
        "security forces",
        "police",
        "Levies",
        "FC post",
        "civilians",
        "workers",
        "polio team",
        "political gathering",
        "gas pipeline",
        "mobile tower",
    ],
    "operation": ["militant hideout", "militant compound", "infiltrators"],
    "clash": ["security forces"],
    "other": ["border post"],
}


def _choice(rng: np.random.Generator, table: dict[str, float], n: int) -> np.ndarray:
    keys = list(table)
    p = np.array([table[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def _negbin(rng: np.random.Generator, mean: np.ndarray, shape: float) -> np.ndarray:
    """Negative-binomial draws with the given means and dispersion shape (gamma-Poisson)."""
    lam = rng.gamma(shape, np.asarray(mean, dtype=float) / shape)
    return rng.poisson(lam)


def generate(seed: int = SEED) -> pd.DataFrame:
    """Generate the demo incidents as a canonical frame (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    districts = pd.read_csv(data_file("gazetteer", "districts.csv"), keep_default_na=False)
    # A fixed list, so that adding districts to the gazetteer does not change the demo data.
    districts = districts.loc[districts["district"].isin(DEMO_DISTRICTS)].drop_duplicates("district")
    months = pd.period_range(START, END, freq="M")
    per_month = []
    for m in months:
        base = YEARLY_INCIDENTS[m.year] / 12.0
        season = 1.0 + 0.08 * np.sin(2 * np.pi * (m.month - 4) / 12)
        per_month.append(max(0, int(_negbin(rng, np.array([base * season]), 40.0)[0])))
    n = int(sum(per_month))
    month_of = np.repeat(np.arange(len(months)), per_month)
    starts = np.array([months[i].start_time for i in month_of], dtype="datetime64[ns]")
    days_in = np.array([months[i].days_in_month for i in month_of])
    dates = starts + (rng.integers(0, days_in) * np.timedelta64(1, "D"))
    years = pd.DatetimeIndex(dates).year.to_numpy()

    # Khyber Pakhtunkhwa's share grows after 2021, as in the real series.
    prov = np.empty(n, dtype=object)
    for y in np.unique(years):
        idx = np.flatnonzero(years == y)
        shares = dict(PROVINCE_SHARES)
        if y >= 2021:
            shares["Khyber Pakhtunkhwa"] += 0.04 * min(y - 2020, 4)
            shares["Sindh"] -= 0.01 * min(y - 2020, 4)
        prov[idx] = _choice(rng, shares, len(idx))

    district = np.empty(n, dtype=object)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    for p in PROVINCE_SHARES:
        idx = np.flatnonzero(prov == p)
        d = districts.loc[districts["province"] == p].reset_index(drop=True)
        weights = np.linspace(2.0, 1.0, len(d)) ** 2
        pick = rng.choice(len(d), size=len(idx), p=weights / weights.sum())
        district[idx] = d["district"].to_numpy()[pick]
        lat[idx] = d["latitude"].to_numpy(dtype=float)[pick] + rng.normal(0, 0.08, len(idx))
        lon[idx] = d["longitude"].to_numpy(dtype=float)[pick] + rng.normal(0, 0.08, len(idx))

    event_type = _choice(rng, {"attack": 0.6, "operation": 0.35, "clash": 0.04, "other": 0.01}, n)
    method = np.where(event_type == "operation", _choice(rng, OPERATION_METHODS, n), _choice(rng, ATTACK_METHODS, n))
    perp = np.empty(n, dtype=object)
    for p, table in PERPETRATORS.items():
        idx = np.flatnonzero(prov == p)
        perp[idx] = _choice(rng, table, len(idx))
    target = np.array(
        [TARGETS[e][k % len(TARGETS[e])] for e, k in zip(event_type, rng.integers(0, 1000, n), strict=True)],
        dtype=object,
    )

    attack = event_type != "operation"
    sev = np.array([SECURITY_SEVERITY[y] for y in years])
    big = np.isin(method, ["suicide_bombing"])
    bomb = np.isin(method, ["bombing"])
    mean_sec = np.where(attack, 0.75 * sev, 0.25 * sev) * np.where(big, 3.0, 1.0)
    mean_civ = np.where(attack, 0.55, 0.05) * np.where(big, 14.0, np.where(bomb, 1.8, 1.0))
    mean_mil = np.where(attack, 0.35, 2.2) * np.where(event_type == "clash", 2.0, 1.0)
    k_sec = _negbin(rng, mean_sec, 0.6)
    k_civ = _negbin(rng, mean_civ, 0.5)
    k_mil = _negbin(rng, mean_mil, 0.8)
    k_unk = np.where(rng.random(n) < 0.06, _negbin(rng, np.full(n, 1.5), 0.7), 0)
    injured = _negbin(rng, 1.2 * (k_sec + k_civ) + 0.4 + np.where(big, 25.0, 0.0), 0.7)

    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(dates),
            "province": prov,
            "district": district,
            "latitude": np.round(lat, 4),
            "longitude": np.round(lon, 4),
            "event_type": event_type,
            "method": method,
            "perpetrator": perp,
            "target": target,
            "killed_security": k_sec,
            "killed_civilians": k_civ,
            "killed_militants": k_mil,
            "killed_unknown": k_unk,
            "injured_total": injured,
        }
    )
    for col in ("killed_security", "killed_civilians", "killed_militants", "injured_total"):
        frame[col] = frame[col].astype("Int64")
    # Unknown counts: some reports give no figure for a category, or for the injured.
    # The total is known; some reports do not split it fully ("12 killed, including 5 soldiers").
    frame["killed_total"] = frame[list(schema.KILLED_CATEGORIES)].sum(axis=1).astype("Int64")
    frame.loc[rng.random(n) < 0.03, "killed_civilians"] = pd.NA
    frame.loc[rng.random(n) < 0.015, "killed_security"] = pd.NA
    frame.loc[rng.random(n) < 0.08, "injured_total"] = pd.NA
    # A few reports give no death toll at all.
    no_toll = rng.random(n) < 0.01
    for col in (*schema.KILLED_CATEGORIES, "killed_total"):
        frame.loc[no_toll, col] = pd.NA
    has_range = (rng.random(n) < 0.12) & ~no_toll
    tot = frame["killed_total"].fillna(0).to_numpy(dtype=float)
    low = np.clip(tot - rng.integers(0, 2, n), 0, None)
    high = tot + rng.integers(1, 6, n)
    frame["killed_low"] = pd.Series(np.where(has_range, low, np.nan)).astype("Int64")
    frame["killed_high"] = pd.Series(np.where(has_range, high, np.nan)).astype("Int64")
    multi = (event_type == "operation") & (rng.random(n) < 0.05)
    frame["date_end"] = pd.NaT
    frame.loc[multi, "date_end"] = frame.loc[multi, "date"] + pd.to_timedelta(rng.integers(1, 7, multi.sum()), unit="D")
    frame["date_precision"] = _choice(rng, {"day": 0.97, "week": 0.02, "month": 0.01}, n)
    frame["country"] = "Pakistan"
    frame["locality"] = ""
    frame = frame.sort_values(["date", "province", "district"], kind="mergesort").reset_index(drop=True)
    frame["incident_id"] = [f"DEMO-{d:%Y}-{i:06d}" for i, d in enumerate(frame["date"], start=1)]
    frame["description"] = [_describe(r) for r in frame.itertuples()]
    frame["source"] = "secbrief demo generator"
    frame["source_url"] = ""
    frame["dataset"] = DATASET
    return schema.conform(frame.replace({"": pd.NA}))


_VERBS = {
    "armed_assault": "attacked",
    "bombing": "detonated an improvised explosive device near",
    "targeted_killing": "shot at",
    "suicide_bombing": "carried out a suicide bombing on",
    "rocket_mortar": "fired rockets at",
    "kidnapping": "abducted members of",
    "other": "struck",
    "unknown": "struck",
    "drone_strike": "struck",
}


def _describe(r: Any) -> str:
    """One-sentence description of a generated incident (``r`` is a row from ``itertuples``)."""
    group = r.perpetrator or "Unidentified militants"
    place = f"{r.district}, {r.province}"
    if r.event_type == "operation":
        how = "a drone strike on" if r.method == "drone_strike" else "an intelligence-based operation against"
        return f"Security forces conducted {how} a {group} {r.target} in {place} (synthetic)."
    if r.event_type == "clash":
        return f"Exchange of fire between security forces and {group} in {place} (synthetic)."
    return f"{group} {_VERBS[r.method]} {r.target} in {place} (synthetic)."


def write_csv_gz(frame: pd.DataFrame, path: Path) -> None:
    """Write a canonical frame as gzip CSV with a fixed header time (byte-reproducible)."""
    out = frame[list(schema.columns())].copy()
    for c in ("date", "date_end"):
        out[c] = out[c].dt.strftime("%Y-%m-%d")
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    tmp.replace(path)


def demo_path() -> Path:
    """Location of the shipped demo dataset."""
    return data_file("demo", "incidents.csv.gz")


def main(argv: list[str] | None = None) -> int:
    """Command line of ``python -m analysis.demo``: write the demo dataset; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=demo_path())
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    frame = generate(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_csv_gz(frame, args.out)
    print(f"wrote {len(frame)} synthetic incidents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
