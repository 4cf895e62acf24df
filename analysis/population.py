"""Census population by province and date, for rates: the one place denominators come from.

Populations from the 1998, 2017 and 2023 censuses of the Pakistan Bureau of Statistics
(``data/population.csv``; the 1998 provincial totals are the 1998 column of the 2017
census Table 1 summed over districts, ``tools/census_1998.py``). Each census is dated at
its reference date (:data:`CENSUS_DATES`), not at 1 January or mid-year. Between two
censuses the population grows geometrically; before the first and after the last it
is extrapolated at the growth rate of the nearest intercensal interval. FATA
(enumerated separately in 1998 and 2017) is added to Khyber Pakhtunkhwa, matching the
2023 census and the reporting of FATA as part of Khyber Pakhtunkhwa.

A period's denominator is the population at its midpoint (:func:`mid_period`); a
yearly rate divides by the period's length in years (:func:`period_years`). Azad
Jammu and Kashmir and Gilgit-Baltistan are not enumerated by the census
(:data:`NOT_ENUMERATED`): they have no denominator, and national rates leave their
incidents out of the numerator.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis._assets import data_file

if TYPE_CHECKING:
    from analysis.periods import Period

NATIONAL = "Pakistan"

#: Regions the census does not enumerate: no denominator, left out of national rates.
NOT_ENUMERATED: tuple[str, ...] = ("Azad Jammu and Kashmir", "Gilgit-Baltistan")

#: Reference date of each census: the first day of enumeration.
#: 1998: enumeration 2-18 March 1998 (PBS, *Population Census 1998*; PIDE, "1998 Census:
#: the results and implications"). 2017: first phase from 15 March 2017 (PBS, 6th
#: Population and Housing Census; announced 12 March 2017). 2023: field operations of the
#: 7th (digital) census from 1 March 2023 (PBS press releases of March-April 2023).
CENSUS_DATES: dict[int, pd.Timestamp] = {
    1998: pd.Timestamp("1998-03-02"),
    2017: pd.Timestamp("2017-03-15"),
    2023: pd.Timestamp("2023-03-01"),
}

#: Days in a mean Gregorian year: used only to state a growth rate "per year".
YEAR_DAYS = 365.2425


@cache
def census() -> pd.DataFrame:
    """Census counts: ``census_year, province, population`` (FATA merged into KP)."""
    c = pd.read_csv(data_file("population.csv"))
    c["province"] = c["province"].replace({"Federally Administered Tribal Areas": "Khyber Pakhtunkhwa"})
    return c.groupby(["census_year", "province"], as_index=False)["population"].sum()


@dataclass(frozen=True)
class Denominator:
    """Population used as a rate's denominator, and exactly how it was obtained.

    Attributes
    ----------
    province
        The unit (a province, or ``"Pakistan"``).
    when
        The date the population refers to (a period's midpoint).
    population
        Persons at ``when``.
    census_from, census_to
        The two censuses whose interval gave the growth rate.
    growth
        Annual geometric growth rate of that interval, e.g. ``0.0255`` for 2.55 % a year
        (per mean Gregorian year of 365.2425 days).
    extrapolated
        ``True`` when ``when`` lies outside the interval (before the first census or
        after the last).
    method
        The same in words, as Methods prints it.
    """

    province: str
    when: pd.Timestamp
    population: float
    census_from: int
    census_to: int
    growth: float
    extrapolated: bool
    method: str

    @property
    def year(self) -> float:
        """``when`` as a decimal year (for plots and old callers)."""
        start = pd.Timestamp(year=self.when.year, month=1, day=1)
        length = pd.Timestamp(year=self.when.year + 1, month=1, day=1) - start
        return self.when.year + (self.when - start) / length


def _as_timestamp(when: pd.Timestamp | str | float) -> pd.Timestamp:
    """A date; a number is a decimal year (2023.5 is halfway through 2023 in days)."""
    if isinstance(when, int | float):
        y = int(when // 1)
        start = pd.Timestamp(year=y, month=1, day=1)
        return start + (pd.Timestamp(year=y + 1, month=1, day=1) - start) * (float(when) - y)
    return pd.Timestamp(when)


def population(province: str, when: pd.Timestamp | str | float) -> Denominator:
    """Population of ``province`` (or ``"Pakistan"``) at ``when``.

    Geometric interpolation between the two censuses around ``when``, each dated at its
    reference date: ``P(t) = P0 * (P1 / P0) ** ((t - t0) / (t1 - t0))`` with ``t`` in
    days. Outside the censuses, the same formula on the nearest interval (extrapolation
    at its growth rate).

    Parameters
    ----------
    province
        A province with a census population, or ``"Pakistan"``.
    when
        A date (``Timestamp`` or ISO string) or a decimal year.

    Raises
    ------
    KeyError
        The province has no census population (AJK, Gilgit-Baltistan).

    Examples
    --------
    >>> round(population("Pakistan", "2017-03-15").population)
    207684626
    >>> d = population("Pakistan", "2020-03-07 12:00")  # halfway: the geometric mean of the two counts
    >>> round(d.population), d.census_from, d.census_to, round(d.growth * 100, 2)
    (223954725, 2017, 2023, 2.56)
    >>> population("Sindh", "2010-07-02").method
    'geometric interpolation between the 1998 and 2017 censuses (2.40% a year)'
    """
    t = _as_timestamp(when)
    c = census()
    rows = c.loc[c["province"] == province].sort_values("census_year")
    if len(rows) < 2:
        raise KeyError(f"no census population for {province!r}")
    years = [int(y) for y in rows["census_year"]]
    pops = [float(p) for p in rows["population"]]
    dates = [CENSUS_DATES[y] for y in years]
    i = 0
    while i < len(dates) - 2 and t >= dates[i + 1]:
        i += 1
    t0, t1, p0, p1 = dates[i], dates[i + 1], pops[i], pops[i + 1]
    ratio = p1 / p0
    value = p0 * ratio ** ((t - t0) / (t1 - t0))
    growth = ratio ** (YEAR_DAYS / ((t1 - t0) / pd.Timedelta(days=1))) - 1
    outside = t < t0 or t > t1
    y0, y1 = years[i], years[i + 1]
    if outside:
        how = f"extrapolated at the {y0}–{y1} growth rate ({growth * 100:.2f}% a year)"
    else:
        how = f"geometric interpolation between the {y0} and {y1} censuses ({growth * 100:.2f}% a year)"
    return Denominator(province, t, value, y0, y1, growth, outside, how)


def mid_period(period: Period) -> pd.Timestamp:
    """The midpoint of a period: halfway from its first day's start to its last day's end.

    The one definition used for every denominator (rates, findings, Methods).

    Examples
    --------
    >>> from analysis.periods import parse_period
    >>> mid_period(parse_period("2023")), mid_period(parse_period("2025-06"))
    (Timestamp('2023-07-02 12:00:00'), Timestamp('2025-06-16 00:00:00'))
    """
    return period.start + (period.end + pd.Timedelta(days=1) - period.start) / 2


def period_years(period: Period) -> float:
    """Length of a period in years, counting each day as 1/365 or 1/366 of its own year.

    A calendar year is exactly 1, June is 30/365, a leap-year February 29/366: a yearly
    rate for a whole year equals the count divided by the population.

    Examples
    --------
    >>> from analysis.periods import parse_period
    >>> period_years(parse_period("2024")), round(period_years(parse_period("2025-06")), 6)
    (1.0, 0.082192)
    """
    total = 0.0
    for y in range(period.start.year, period.end.year + 1):
        first = max(period.start, pd.Timestamp(year=y, month=1, day=1))
        last = min(period.end, pd.Timestamp(year=y, month=12, day=31))
        total += ((last - first).days + 1) / (366 if pd.Timestamp(year=y, month=1, day=1).is_leap_year else 365)
    return total


def denominator(province: str, period: Period) -> Denominator:
    """The population a rate for ``period`` divides by: :func:`population` at :func:`mid_period`."""
    return population(province, mid_period(period))


def provinces_with_population() -> tuple[str, ...]:
    """Units for which a census population exists."""
    return tuple(sorted(set(census()["province"]) - {NATIONAL}))


@dataclass(frozen=True)
class CensusCount:
    """One census count as used: unit, census year, reference date, persons."""

    province: str
    census_year: int
    reference_date: pd.Timestamp
    population: int


@dataclass(frozen=True)
class Denominators:
    """Exactly the denominators and growth rates a brief's rates use, for Methods and the numbers JSON.

    Attributes
    ----------
    period
        Label of the period.
    when
        Its midpoint, the date every denominator refers to.
    years
        The period's length in years (:func:`period_years`), by which yearly rates divide.
    rows
        One :class:`Denominator` per unit, provinces first, then ``Pakistan``.
    censuses
        The census counts behind them (FATA merged into Khyber Pakhtunkhwa).
    not_enumerated
        Regions without a denominator, left out of the national numerator.
    """

    period: str
    when: pd.Timestamp
    years: float
    rows: tuple[Denominator, ...]
    censuses: tuple[CensusCount, ...]
    not_enumerated: tuple[str, ...] = NOT_ENUMERATED

    def to_numbers(self) -> dict[str, Any]:
        """Plain values for the numbers JSON (populations as whole persons, growth in % a year to 2 d.p.)."""
        return {
            "period": self.period,
            "reference_date": f"{self.when:%Y-%m-%d %H:%M}",
            "period_years": round(self.years, 6),
            "units": {
                d.province: {
                    "population": round(d.population),
                    "census_from": d.census_from,
                    "census_to": d.census_to,
                    "growth_percent_per_year": round(d.growth * 100, 2),
                    "extrapolated": d.extrapolated,
                    "method": d.method,
                }
                for d in self.rows
            },
            "censuses": [
                {
                    "unit": c.province,
                    "census_year": c.census_year,
                    "reference_date": f"{c.reference_date:%Y-%m-%d}",
                    "population": c.population,
                }
                for c in self.censuses
            ],
            "not_enumerated": list(self.not_enumerated),
        }


def denominators(period: Period, units: tuple[str, ...] | None = None) -> Denominators:
    """The denominators of every unit with a census population (or of ``units``) for ``period``.

    Units without a census population among ``units`` are skipped (they have none).

    Examples
    --------
    >>> from analysis.periods import parse_period
    >>> d = denominators(parse_period("2025-06"))
    >>> [r.province for r in d.rows][-1], round(d.rows[-1].population)
    ('Pakistan', 255937414)
    """
    wanted = units if units is not None else (*provinces_with_population(), NATIONAL)
    rows = []
    for u in wanted:
        try:
            rows.append(denominator(u, period))
        except KeyError:
            continue
    used = {r.province for r in rows}
    c = census()
    counts = tuple(
        CensusCount(str(r.province), int(r.census_year), CENSUS_DATES[int(r.census_year)], int(r.population))
        for r in c.loc[c["province"].isin(used)].sort_values(["province", "census_year"]).itertuples()
    )
    return Denominators(period.label, mid_period(period), period_years(period), tuple(rows), counts)
