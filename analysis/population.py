"""Census population by province and year, for rates.

Populations from the 2017 and 2023 censuses (Pakistan Bureau of Statistics).
Between census years the population grows geometrically; after the last census it
is extrapolated at the last intercensal growth rate, before the first at the first.
FATA (enumerated separately in 2017) is added to Khyber Pakhtunkhwa, matching the
2023 census and the default reporting of FATA as part of Khyber Pakhtunkhwa.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis._assets import data_file

NATIONAL = "Pakistan"


@cache
def census() -> pd.DataFrame:
    """Census counts: ``census_year, province, population`` (FATA merged into KP)."""
    c = pd.read_csv(data_file("population.csv"))
    c["province"] = c["province"].replace({"Federally Administered Tribal Areas": "Khyber Pakhtunkhwa"})
    return c.groupby(["census_year", "province"], as_index=False)["population"].sum()


@dataclass(frozen=True)
class Denominator:
    """Population used as a rate's denominator, and how it was obtained."""

    province: str
    year: float
    population: float
    method: str


def population(province: str, when: float) -> Denominator:
    """Population of ``province`` (or ``"Pakistan"``) at decimal year ``when``.

    Geometric interpolation between the censuses (taken at mid-year of the census
    year, a simplification: the 2017 count refers to March 2017, the 2023 count to
    March 2023) and extrapolation at the nearest intercensal growth rate.

    Raises
    ------
    KeyError
        The province has no census population (AJK, Gilgit-Baltistan).
    """
    c = census()
    rows = c.loc[c["province"] == province].sort_values("census_year")
    if len(rows) < 2:
        raise KeyError(f"no census population for {province!r}")
    years = rows["census_year"].to_numpy(dtype=float)
    pops = rows["population"].to_numpy(dtype=float)
    i = 0 if when <= years[0] else (len(years) - 2 if when >= years[-1] else int((years <= when).sum()) - 1)
    y0, y1, p0, p1 = years[i], years[i + 1], pops[i], pops[i + 1]
    growth = (p1 / p0) ** (1.0 / (y1 - y0))
    value = p0 * growth ** (when - y0)
    if y0 <= when <= y1:
        how = f"geometric interpolation between the {int(y0)} and {int(y1)} censuses"
    else:
        how = f"extrapolated at the {int(y0)}–{int(y1)} growth rate ({(growth - 1) * 100:.2f}% a year)"
    return Denominator(province, when, value, how)


def provinces_with_population() -> tuple[str, ...]:
    """Units for which a census population exists."""
    return tuple(sorted(set(census()["province"]) - {NATIONAL}))
