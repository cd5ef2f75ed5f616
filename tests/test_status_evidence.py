"""A control status says what it rests on in typed fields: ``evidence`` (the text spans of the
assertions that decided it), ``basis`` (ids of the events or statements behind it) and ``reason`` (why, when inferred).
Status runs stored by older versions (a list of strings) still load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.control.ledger import Ledger
from frontlines.control.status_runs import evidence_on, statuses_on
from frontlines.models import ControlAssertion, ControlStatus, Evidence, StatusSupport
from frontlines.store.storage import RUN_OPEN, Store
from frontlines.views.exports import statuses_geojson
from frontlines.views.map_layout import _importance
from frontlines.views.map_style import _marker_size

SIDES = {"government", "opposition"}
DAY1, DAY2, DAY3 = date(2024, 11, 27), date(2024, 11, 29), date(2024, 12, 2)
SARAQIB = "gn:163270"


def _claim(place: str, status: str, day: date, doc: str, start: int, end: int, *, source: str = "Monitor",
           basis: str = "capture:e000000000001", confidence: float = 0.8, key: str = "") -> ControlAssertion:
    return ControlAssertion(
        id=f"as-{place}-{status}-{doc}-{start}{key}", place_id=place, status=status, level="assessed", valid_from=day,
        time_precision=1, doc=doc, start=start, end=end, confidence=confidence, source=source, basis=basis,
        text="(sentence)",
    )


def test_evidence_is_the_spans_of_the_assertions_that_decided_the_status(mini) -> None:
    ledger = Ledger([
        _claim(SARAQIB, "government", DAY1, "old", 3, 44, basis="capture:e000000000009"),  # an earlier day: superseded
        _claim(SARAQIB, "opposition", DAY2, "wire", 120, 187),
        _claim(SARAQIB, "opposition", DAY2, "agency", 0, 61, source="Agency", basis="capture:e000000000002"),
        # the same day, a weak contrary claim that loses: not evidence of the status that won
        _claim(SARAQIB, "government", DAY2, "local", 15, 70, source="Local", basis="capture:e000000000003",
               confidence=0.3),
    ], mini.gazetteer, SIDES)
    got = ledger.status(SARAQIB, DAY3)
    assert got is not None and got.status == "opposition"
    assert all(isinstance(span, Evidence) for span in got.evidence)
    assert got.evidence == (Evidence("agency", 0, 61), Evidence("wire", 120, 187))  # in document order
    assert ledger.status(SARAQIB, DAY1).evidence == (Evidence("old", 3, 44),)


def test_an_extracted_status_points_into_the_sentence_that_decided_it() -> None:
    import frontlines

    text = ("Opposition fighters captured Saraqib on Friday after clashes with government forces. "
            "Government troops still hold Hama, a monitor said.\n")
    result = frontlines.extract(text, published="2024-11-30", source="Syrian Observatory for Human Rights")
    (doc,), (event,) = result.documents, result.events
    by_name = {s.name: s for s in result.control}
    saraqib, hama = by_name["Saraqib"], by_name["Hama"]
    (span,) = saraqib.evidence
    assert span.doc == doc.id and doc.text[span.start:span.end] == "captured"
    assert saraqib.basis == (event.id,)
    (hold,) = hama.evidence
    assert doc.text[hold.start:hold.end] == "hold"
    (statement,) = [a for a in result.assertions if a.place_id == hama.place_id]
    assert hama.basis == (statement.id,) and statement.text.startswith("Government troops still hold Hama")
    assert text.index(statement.text) <= hold.start < hold.end <= text.index(statement.text) + len(statement.text)
    assert by_name["Aleppo"].evidence == ()  # the theater's baseline: no report, no span


def test_basis_holds_the_event_ids_or_the_assertion_when_no_event(mini) -> None:
    by_event = _claim(SARAQIB, "opposition", DAY2, "wire", 10, 50, basis="capture:e00000000abcd")
    same_event = _claim(SARAQIB, "opposition", DAY2, "agency", 10, 50, source="Agency", basis="capture:e00000000abcd")
    no_event = _claim(SARAQIB, "opposition", DAY2, "wire", 60, 90, source="Channel", basis="state:place", key="x")
    got = Ledger([by_event, same_event, no_event], mini.gazetteer, SIDES).status(SARAQIB, DAY2)
    assert got is not None
    assert got.basis == ("e00000000abcd", no_event.id)  # one event told twice is one basis item
    assert got.reason == ""
    assert len(got.evidence) == 3  # but three spans of text


def test_the_baseline_gives_basis_but_no_span(mini) -> None:
    baseline = ControlAssertion(id="base-1", place_id=SARAQIB, status="government", level="assessed",
                                valid_from=DAY1, time_precision=1, doc="", start=0, end=0, confidence=0.5,
                                source="baseline", basis="baseline", scope="baseline")
    got = Ledger([baseline], mini.gazetteer, SIDES).status(SARAQIB, DAY2)
    assert got is not None and got.basis == ("base-1",) and got.evidence == ()


def test_an_inferred_status_has_a_reason_and_the_spans_of_its_area_place(mini) -> None:
    towns = [p for p in mini.gazetteer.places if p.kind == "settlement"]
    anchor = towns[0]
    neighbour = min(towns[1:], key=lambda p: (p.lat - anchor.lat) ** 2 + (p.lon - anchor.lon) ** 2)
    ledger = Ledger([_claim(anchor.id, "opposition", DAY2, "wire", 200, 260, basis="capture:e000000000042")],
                    mini.gazetteer, SIDES)
    assert ledger.status(neighbour.id, DAY3) is None
    got = ledger.status_or_inferred(neighbour.id, DAY3)
    assert got is not None and got.level == "inferred" and got.place_id == neighbour.id
    assert got.reason.startswith(f"inferred: in the area of {anchor.name} (")
    assert got.evidence == (Evidence("wire", 200, 260),)
    assert got.basis == ("e000000000042",)
    assert not any(item.startswith("inferred") for item in got.basis)


def test_a_governorate_holder_gives_its_count_as_the_reason(syria) -> None:
    towns = [p for p in syria.gazetteer.in_admin1("Hama") if p.kind == "settlement"][:3]
    ledger = Ledger([_claim(p.id, "opposition", DAY2, f"r{i}", 0, 40, basis=f"capture:e{i:012d}")
                     for i, p in enumerate(towns)], syria.gazetteer, SIDES)
    got = ledger.status_or_inferred("adm1:hama", DAY3)
    assert got is not None and got.level == "inferred"
    assert "3 of the 3" in got.reason and got.basis == () and got.evidence == ()


def test_support_round_trips_through_its_stored_form() -> None:
    support = StatusSupport((Evidence("doc:with:colons", 4, 9),), ("e1", "a2"), "inferred: near X (3 km)")
    assert StatusSupport.from_json(support.to_json()) == support
    assert "reason" not in StatusSupport((), ("e1",)).to_json()
    assert StatusSupport.from_json(None) == StatusSupport()
    with pytest.raises(ValueError, match="not a status's support"):
        StatusSupport.from_json("e1")


def test_a_list_of_strings_stored_by_an_older_version_loads_into_basis_and_reason() -> None:
    old = ["e000000000001", "inferred: in the area of Saraqib (4 km), opposition since 2024-11-29", "a1b2c3"]
    got = StatusSupport.from_json(old)
    assert got.basis == ("e000000000001", "a1b2c3")
    assert got.reason == "inferred: in the area of Saraqib (4 km), opposition since 2024-11-29"
    assert got.evidence == ()


def _run_row(place_id: str, evidence: object) -> dict:
    return {"place_id": place_id, "valid_from": DAY1, "valid_to": RUN_OPEN, "status": "opposition",
            "level": "assessed", "since": DAY1, "confidence": 0.8, "evidence": evidence, "name": place_id.upper(),
            "admin1": "Idlib", "kind": "settlement", "lat": 35.8, "lon": 36.7}


def test_stored_runs_of_both_forms_load(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "runs.db"))
    new = StatusSupport((Evidence("d7", 11, 80),), ("e000000000007",))
    rows = [_run_row("p-old", ["e000000000005", "inferred: in the area of X (2 km)"]),
            _run_row("p-new", new.to_json()), _run_row("p-none", None)]
    store.update_status_runs(lambda conn: ({r["place_id"] for r in rows}, rows), theater="mini")
    got = {s.place_id: s for s in statuses_on(store, DAY2)}
    assert got["p-old"].basis == ("e000000000005",) and got["p-old"].reason == "inferred: in the area of X (2 km)"
    assert got["p-old"].evidence == ()
    assert got["p-new"].support == new
    assert got["p-none"].support == StatusSupport()
    assert evidence_on(store, DAY2, ["p-old", "p-new"]) == {"p-old": got["p-old"].support, "p-new": new}


def test_exports_write_spans_as_text_and_maps_count_the_basis() -> None:
    spans = (Evidence("d1", 0, 40), Evidence("d2", 5, 66), Evidence("d3", 1, 2), Evidence("d4", 8, 9))
    many_spans = ControlStatus("a", "A", 35.0, 36.0, "opposition", "assessed", DAY2, 0.8, spans, basis=("e1",))
    many_ids = ControlStatus("b", "B", 35.0, 36.0, "opposition", "assessed", DAY2, 0.8, spans[:1],
                             basis=("e1", "e2", "e3", "e4"))
    props = statuses_geojson([many_spans])["features"][0]["properties"]
    assert props["evidence"] == ["d1:0:40", "d2:5:66", "d3:1:2", "d4:8:9"]
    assert tuple(Evidence.parse(text) for text in props["evidence"]) == spans
    assert props["basis"] == ["e1"] and props["reason"] == ""
    # a dot grows with the events behind a status, not with how many spans of text tell them
    assert _marker_size(many_spans, 10.0) == 10.0 < _marker_size(many_ids, 10.0)
    assert _importance(many_spans, {}, None) < _importance(many_ids, {}, None)
