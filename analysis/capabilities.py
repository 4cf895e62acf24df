"""What a source records, so a brief never prints a count the source cannot give.

Each source module declares a :class:`Capabilities` (``RECORDS``); for the data in
hand a capability also needs at least one non-blank value: a column that is blank
in every row counts as not recorded (a native file or a profile that leaves the
injured out). What is not recorded is said once, plainly ("UCDP GED does not record
the injured"), never printed as 0.

Where a source has its own typology of events and ours (who initiated it) cannot
be derived from it, the brief uses the source's categories: UCDP GED's type of
violence (state-based, non-state, one-sided; Sundberg & Melander 2013).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

#: Capability → the canonical columns that carry it (any non-blank value counts).
COLUMNS: dict[str, tuple[str, ...]] = {
    "initiator": ("event_type",),
    "method": ("method",),
    "perpetrator": ("perpetrator",),
    "victims": ("killed_security", "killed_civilians", "killed_militants"),
    "injured": ("injured_total",),
    "description": ("description",),
    "date_precision": ("date_precision",),
    "ranges": ("killed_low", "killed_high"),
}
#: Capability → what is missing, in a sentence ("does not record …").
WHAT: dict[str, str] = {
    "initiator": "who initiated an event (attack, security operation or clash)",
    "method": "the method of attack",
    "perpetrator": "the perpetrator",
    "victims": "who was killed (security forces, civilians, militants)",
    "injured": "the injured",
    "description": "a description of each event",
    "date_precision": "how precisely events are dated",
    "ranges": "low and high estimates of deaths",
}


@dataclass(frozen=True)
class Typology:
    """A source's own categories of events, used where ours cannot be derived."""

    name: str
    column: str
    labels: dict[str, str]
    definitions: dict[str, str]
    reference: str


#: UCDP GED type of violence (codebook 21.1, section 2): the reader keeps it in ``target``.
UCDP_VIOLENCE = Typology(
    name="UCDP type of violence",
    column="violence_type",
    labels={"state-based": "State-based", "non-state": "Non-state", "one-sided": "One-sided"},
    definitions={
        "state-based": "armed force between two organised parties, at least one of them a government",
        "non-state": "armed force between two organised groups, neither of them a government",
        "one-sided": "armed force by a government or an organised group against civilians",
    },
    reference="Sundberg & Melander (2013), Journal of Peace Research 50(4); UCDP GED Codebook 21.1",
)


@dataclass(frozen=True)
class Capabilities:
    """What a source records (True) and does not (False)."""

    initiator: bool = True
    method: bool = True
    perpetrator: bool = True
    victims: bool = True
    injured: bool = True
    description: bool = True
    date_precision: bool = True
    ranges: bool = True
    typology: Typology | None = None

    def records(self, what: str | None) -> bool:
        """Whether the capability ``what`` is recorded (``None``: always)."""
        return True if what is None else bool(getattr(self, what))

    def measure_recorded(self, key: str) -> bool:
        """Whether measure ``key`` (:mod:`analysis.measures`) can be shown."""
        from analysis.measures import MEASURES

        m = MEASURES.get(key)
        return self.records(m.needs if m else None)

    @property
    def missing(self) -> tuple[str, ...]:
        """Capabilities not recorded, in the order of :data:`WHAT`."""
        return tuple(k for k in WHAT if not getattr(self, k))

    def not_recorded(self, dataset: str, only: tuple[str, ...] | None = None) -> str:
        """One plain sentence: ``'UCDP GED does not record the injured or the method of attack.'``."""
        keys = [k for k in self.missing if only is None or k in only]
        if not keys:
            return ""
        parts = [WHAT[k] for k in keys]
        text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
        return f"{dataset} does not record {text}."


def declared(source: str) -> Capabilities:
    """What source ``source`` (``native``, ``ucdp``, ``acled``, ``gtd``, ``profile:…``) can record.

    Built-in sources declare it as ``RECORDS`` in their module; a mapping profile in a
    ``[records]`` table (``injured = false``); anything else records what it fills.
    """
    from analysis.sources import SOURCES

    mod = SOURCES.get(source)
    if mod is not None:
        return getattr(mod, "RECORDS", Capabilities())
    if source.startswith("profile:") or source.endswith(".toml"):
        from analysis.sources.profile import load_profile

        try:
            return Capabilities(**load_profile(source).records)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - a profile that no longer loads declares nothing; blank columns still count
            return Capabilities()
    return Capabilities()


def present(frame: pd.DataFrame) -> dict[str, bool]:
    """Capability → whether any row of ``frame`` has a non-blank value in its columns."""
    out = {}
    for k, cols in COLUMNS.items():
        have = False
        for c in cols:
            if c in frame.columns:
                s = frame[c]
                if s.dtype == object or str(s.dtype) == "string":
                    s = s.astype("string").str.strip().replace("", pd.NA)
                if s.notna().any():
                    have = True
                    break
        out[k] = have
    return out


def capabilities(frame: pd.DataFrame, source: str = "native") -> Capabilities:
    """What the data in ``frame`` from ``source`` record: declared and not blank in every row.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"event_type": ["attack"], "injured_total": pd.array([pd.NA], dtype="Int64")})
    >>> capabilities(f).injured, capabilities(f).initiator
    (False, True)
    """
    d = declared(source)
    have = present(frame)
    return replace(d, **{k: bool(getattr(d, k)) and have[k] for k in COLUMNS})  # type: ignore[arg-type]


def typology_values(frame: pd.DataFrame, typology: Typology) -> pd.Series:
    """The source category of each incident (``state-based``, ...), from the canonical frame."""
    if typology is UCDP_VIOLENCE:
        from analysis.sources.ucdp import violence_type

        return violence_type(frame)
    raise ValueError(f"no rule for typology {typology.name!r}")
