"""What a source records: declared by the source, and not blank in every row."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import measures
from analysis.capabilities import UCDP_VIOLENCE, capabilities, typology_values
from analysis.incidents import from_frame
from analysis.measures import CLUSTERED, MEASURES


def _frame(**cols) -> pd.DataFrame:
    base = {
        "incident_id": ["a", "b"],
        "date": pd.to_datetime(["2025-01-01", "2025-01-02"]),
        "province": ["Sindh", "Sindh"],
        "event_type": ["attack", "clash"],
        "killed_total": [3, 1],
    }
    return from_frame(pd.DataFrame(base | cols)).frame


def test_a_column_blank_in_every_row_is_not_recorded():
    caps = capabilities(_frame(killed_civilians=[2, 0]), "native")
    assert not caps.injured and not caps.method and not caps.description
    assert caps.initiator and caps.victims
    assert "the injured" in caps.not_recorded("My data")
    assert capabilities(_frame(injured_total=[pd.NA, 4]), "native").injured


def test_declared_capabilities_win_over_filled_columns():
    # UCDP fills event_type from its own typology, but does not record who initiated an event
    caps = capabilities(_frame(), "ucdp")
    assert not caps.initiator and caps.typology is UCDP_VIOLENCE
    assert capabilities(_frame(), "gtd").victims is False
    assert capabilities(_frame(), "acled").victims is False


def test_measure_vocabulary_is_one_rule():
    assert measures.test_for("killed_total") == "incident-level" and measures.test_for("incidents") == "poisson"
    assert CLUSTERED == {k for k, m in MEASURES.items() if m.unit == "people"}
    assert capabilities(_frame(), "ucdp").measure_recorded("attacks") is False


@pytest.mark.slow
def test_ucdp_type_of_violence_is_recovered_exactly(shared_data):
    from analysis.io import load_incidents

    path = shared_data / "ucdp-ged-pakistan.csv"
    inc = load_incidents(path, source="ucdp")
    raw = pd.read_csv(path, skiprows=[1], usecols=["id", "type_of_violence"], dtype=str)
    want = raw.set_index("id")["type_of_violence"].map({"1": "state-based", "2": "non-state", "3": "one-sided"})
    got = pd.Series(typology_values(inc.frame, UCDP_VIOLENCE).to_numpy(), index=inc.frame["incident_id"])
    assert (got == want.reindex(got.index)).all()
    assert got.value_counts().to_dict() == want.value_counts().to_dict()


def test_package_exports_are_one_list_and_findings_is_the_function():
    import importlib

    import analysis

    importlib.import_module("analysis.key_findings")
    assert callable(analysis.findings) and analysis.findings.__module__ == "analysis.key_findings"
    assert sorted(analysis._EXPORTS) == analysis.__all__
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None


def test_a_profile_declares_what_it_records(tmp_path):
    prof = tmp_path / "p.toml"
    prof.write_text(
        '[profile]\nname = "p"\n[columns]\nincident_id = "ID"\ndate = "Date"\nkilled_total = "Dead"\n'
        "[records]\ninitiator = false\ninjured = false\n"
    )
    caps = capabilities(_frame(injured_total=[1, 2]), str(prof))
    assert not caps.initiator and not caps.injured and caps.victims is False  # victims: blank in every row
    bad = tmp_path / "bad.toml"
    bad.write_text('[profile]\nname = "b"\n[columns]\nincident_id = "ID"\ndate = "Date"\n[records]\nsmell = false\n')
    from analysis.errors import ConfigError
    from analysis.sources.profile import load_profile

    with pytest.raises(ConfigError, match="smell"):
        load_profile(bad)
