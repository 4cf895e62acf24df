"""Place names: Pakistan's provinces and territories with the spellings real files use.

Matching ignores case, spacing, punctuation and the words province, territory,
district and agency. Historical FATA (merged into Khyber Pakhtunkhwa in 2018) is
recognised as its own unit and by default reported as part of Khyber Pakhtunkhwa.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol, TypeVar

from analysis._assets import data_file

_NOISE = re.compile(r"\b(province|provinces|territory|territories|district|districts|agency|agencies)\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_name(name: str) -> str:
    """Key used for matching: lower case, '&' as 'and', noise words and punctuation removed."""
    s = name.lower().replace("&", " and ")
    s = _NOISE.sub(" ", s)
    return _NON_ALNUM.sub("", s)


def _table(name: str) -> list[dict[str, str]]:
    """Rows of ``data/gazetteer/<name>``, each a dict by column name."""
    with open(data_file("gazetteer", name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _aliases(row: dict[str, str]) -> tuple[str, ...]:
    """A row's other spellings (the ``aliases`` column, ``|``-separated)."""
    return tuple(a for a in row["aliases"].split("|") if a)


_T = TypeVar("_T")


def _look_up(index: dict[str, _T], name: str | None) -> _T | None:
    """The entry of ``index`` for ``name`` once normalised; ``None`` for a blank or unknown name."""
    if name is None:
        return None
    key = normalise_name(str(name))
    return index.get(key) if key else None


@dataclass(frozen=True)
class Province:
    """A province or territory (or a historical unit) of Pakistan."""

    name: str
    code: str
    kind: str
    reported_as: str
    aliases: tuple[str, ...]


@cache
def provinces() -> tuple[Province, ...]:
    """All units in ``data/gazetteer/provinces.csv``."""
    return tuple(
        Province(name=r["name"], code=r["code"], kind=r["kind"], reported_as=r["reported_as"], aliases=_aliases(r))
        for r in _table("provinces.csv")
    )


@cache
def _province_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in provinces():
        for alias in (p.name, p.code, *p.aliases):
            index[normalise_name(alias)] = p
    return index


def find_province(name: str | None) -> Province | None:
    """The province a name refers to, or ``None`` when it is not in the gazetteer."""
    return _look_up(_province_index(), name)


def resolve_province(name: str | None, *, merge_fata: bool = True) -> str | None:
    """Canonical province name for ``name`` (FATA reported as Khyber Pakhtunkhwa by default).

    Returns ``None`` when the name is blank or unknown.

    Examples
    --------
    >>> resolve_province("KPK")
    'Khyber Pakhtunkhwa'
    >>> resolve_province("Federally Administered Tribal Areas")
    'Khyber Pakhtunkhwa'
    >>> resolve_province("Fata", merge_fata=False)
    'Federally Administered Tribal Areas'
    >>> resolve_province("Islamabad Capital territory")
    'Islamabad Capital Territory'
    """
    p = find_province(name)
    if p is None:
        return None
    return p.reported_as if merge_fata else p.name


def reporting_provinces() -> tuple[str, ...]:
    """Provinces and territories a brief reports on, in the gazetteer's order."""
    return tuple(p.name for p in provinces() if p.kind != "historical")


@dataclass(frozen=True)
class District:
    """A district (or former agency) with its province and approximate centre."""

    name: str
    province: str
    latitude: float
    longitude: float
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Locality:
    """A well-known town, valley or area that news reports name instead of its district."""

    name: str
    district: str
    province: str
    aliases: tuple[str, ...]


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


_Place = TypeVar("_Place", bound=_Named)


@cache
def districts() -> tuple[District, ...]:
    """All districts in ``data/gazetteer/districts.csv``."""
    return tuple(
        District(
            name=r["district"],
            province=r["province"],
            latitude=float(r["latitude"]),
            longitude=float(r["longitude"]),
            aliases=_aliases(r),
        )
        for r in _table("districts.csv")
    )


@cache
def localities() -> tuple[Locality, ...]:
    """All localities in ``data/gazetteer/localities.csv``, each tied to a district."""
    return tuple(
        Locality(name=r["locality"], district=r["district"], province=r["province"], aliases=_aliases(r))
        for r in _table("localities.csv")
    )


def _first_by_name(places: tuple[_Place, ...]) -> dict[str, _Place]:
    """Each normalised name or alias to the first place listed under it."""
    index: dict[str, _Place] = {}
    for place in places:
        for alias in (place.name, *place.aliases):
            index.setdefault(normalise_name(alias), place)
    return index


@cache
def _district_index() -> dict[str, District]:
    return _first_by_name(districts())


@cache
def _locality_index() -> dict[str, Locality]:
    return _first_by_name(localities())


def find_district(name: str | None) -> District | None:
    """The district a name refers to (any listed spelling), or ``None``.

    Examples
    --------
    >>> find_district("D.I. Khan").name
    'Dera Ismail Khan'
    >>> find_district("Noshki district").province
    'Balochistan'
    """
    return _look_up(_district_index(), name)


def find_locality(name: str | None) -> Locality | None:
    """The well-known locality a name refers to, or ``None``.

    Examples
    --------
    >>> find_locality("Mangocher").district
    'Kalat'
    >>> find_locality("Tirah Valley").district
    'Khyber'
    """
    return _look_up(_locality_index(), name)
