"""One vocabulary: each measure's label, noun, unit and test, defined once.

Tables, charts, findings, revisions and ``secbrief table`` take their words from
here, so a measure is called the same everywhere, and the rule "which test applies
to which measure" is written once (:func:`test_for`).

Counts of incidents are compared with the exact conditional test for two Poisson
rates; counts of people (deaths, injuries) cluster in incidents (one bombing kills
forty) and are compared at the level of incidents (:mod:`analysis.changes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["incidents", "people"]
Test = Literal["poisson", "incident-level"]
#: What a source must record for a measure to be shown (see :mod:`analysis.capabilities`).
Needs = Literal["initiator", "victims", "injured", "ranges"]


@dataclass(frozen=True)
class Measure:
    """A count the brief reports.

    Attributes
    ----------
    key
        Column of :func:`analysis.counts.count_table`.
    label
        Short label for a table row or column ("Security forces").
    heading
        Stand-alone heading, where the label alone is ambiguous ("Security forces killed").
    noun
        The measure in a sentence ("security force deaths").
    unit
        ``incidents`` or ``people``.
    needs
        What a source must record for the measure to mean anything (``None``: always).
    """

    key: str
    label: str
    heading: str
    noun: str
    unit: Unit
    needs: Needs | None = None

    @property
    def test(self) -> Test:
        """The test that compares this measure between two periods (:func:`test_for`)."""
        return test_for(self.key)


_ALL = (  # key, label, heading, noun, unit, needs
    Measure("incidents", "Incidents", "Incidents", "incidents", "incidents"),
    Measure("attacks", "Militant attacks", "Militant attacks", "attacks", "incidents", "initiator"),
    Measure(
        "operations", "Security operations", "Security operations", "security operations", "incidents", "initiator"
    ),
    Measure("clashes", "Clashes and other", "Clashes and other events", "clashes", "incidents", "initiator"),
    Measure("killed_total", "People killed", "Killed", "deaths", "people"),
    Measure(
        "killed_security", "Security forces", "Security forces killed", "security force deaths", "people", "victims"
    ),
    Measure("killed_civilians", "Civilians", "Civilians killed", "civilian deaths", "people", "victims"),
    Measure("killed_militants", "Militants", "Militants killed", "militant deaths", "people", "victims"),
    Measure(
        "killed_unknown",
        "Not stated",
        "Killed, category not stated",
        "deaths of unstated category",
        "people",
        "victims",
    ),
    Measure("killed_low", "Killed, low", "Killed, low estimate", "deaths (low estimate)", "people", "ranges"),
    Measure("killed_high", "Killed, high", "Killed, high estimate", "deaths (high estimate)", "people", "ranges"),
    Measure("injured_total", "People injured", "Injured", "injuries", "people", "injured"),
)
#: Every measure by key.
MEASURES: dict[str, Measure] = {m.key: m for m in _ALL}
#: Killed categories, in the order tables show them.
VICTIM_CATEGORIES = ("killed_security", "killed_civilians", "killed_militants", "killed_unknown")
#: Measures counted in people: they cluster within incidents.
CLUSTERED = frozenset(m.key for m in _ALL if m.unit == "people")

#: Method codes (schema) → label.
METHOD_LABELS = {
    "armed_assault": "Armed assault",
    "bombing": "Bombing (IED)",
    "suicide_bombing": "Suicide bombing",
    "targeted_killing": "Targeted killing",
    "kidnapping": "Kidnapping",
    "rocket_mortar": "Rocket or mortar",
    "drone_strike": "Drone strike",
    "other": "Other",
    "unknown": "Not stated",
}
#: Event types (schema: who initiated the event) → label.
EVENT_LABELS = {"attack": "Attack", "operation": "Operation", "clash": "Clash", "other": "Other"}
#: Label of a blank group (perpetrator, method, province).
NOT_STATED = "Not stated"


#: Short column headings of tables, where the measure's row label would be too long.
COLUMNS: dict[str, str] = {
    "incidents": "Incidents",
    "attacks": "Attacks",
    "operations": "Operations",
    "killed_total": "Killed",
    "injured_total": "Injured",
}


def column(key: str) -> str:
    """Table column heading of a measure (``'Killed'``, ``'Security forces'``).

    Examples
    --------
    >>> column("killed_total"), column("killed_civilians")
    ('Killed', 'Civilians')
    """
    return COLUMNS.get(key) or label(key)


def category(key: str) -> str:
    """A victim category as a word in a sentence or a ``category`` column (``'security forces'``).

    Examples
    --------
    >>> [category(k) for k in VICTIM_CATEGORIES]
    ['security forces', 'civilians', 'militants', 'not stated']
    """
    return label(key).lower()


def label(key: str) -> str:
    """Short label of a measure (``'Security forces'``); unknown keys are returned as given."""
    m = MEASURES.get(key)
    return m.label if m else key


def heading(key: str) -> str:
    """Stand-alone heading of a measure (``'Security forces killed'``)."""
    m = MEASURES.get(key)
    return m.heading if m else key


def noun(key: str) -> str:
    """The measure in a sentence (``'civilian deaths'``)."""
    m = MEASURES.get(key)
    return m.noun if m else key


def test_for(key: str) -> Test:
    """Which test compares ``key`` between two periods.

    ``'incident-level'`` (exact randomisation test on the incidents' tolls) for counts
    of people, which cluster in incidents; ``'poisson'`` (exact conditional test for
    two Poisson rates) for counts of incidents.

    Examples
    --------
    >>> test_for("killed_civilians"), test_for("attacks")
    ('incident-level', 'poisson')
    """
    return "incident-level" if key in CLUSTERED else "poisson"
