"""The ledger: assertions in, statuses as of a day out, with the reconciliation rules."""

from __future__ import annotations

from datetime import date

from frontlines.control.ledger import Ledger, assertions_from_statements, reconcile
from frontlines.control.statements import Statement
from frontlines.models import ControlAssertion

D1, D2, D3 = date(2024, 11, 28), date(2024, 11, 29), date(2024, 11, 30)
SIDES = {"government", "opposition", "sdf"}


def _a(place: str, status: str, day: date, source: str = "Monitor", conf: float = 0.8, level: str = "assessed",
       scope: str = "place", n: int = 0) -> ControlAssertion:
    return ControlAssertion(
        id=f"{place}-{status}-{day}-{source}-{scope}-{n}", place_id=place, status=status, level=level, valid_from=day,
        time_precision=1, doc="d1", start=0, end=10, confidence=conf, source=source, basis=f"capture:e{n:012d}", scope=scope,
        text="...",
    )


def test_recency_and_since(mini) -> None:
    ledger = Ledger([_a("gn:163270", "government", D1), _a("gn:163270", "opposition", D2, n=1),
                     _a("gn:163270", "opposition", D3, n=2)], mini.gazetteer, SIDES)
    assert ledger.status("gn:163270", D1).status == "government"
    later = ledger.status("gn:163270", D3)
    assert later.status == "opposition" and later.since == D2
    assert ledger.status("gn:163270", date(2024, 11, 1)) is None
    assert set(later.basis) == {"e000000000002"}


def test_contradiction_within_a_day_is_contested() -> None:
    status, level, *_ = reconcile([_a("p", "government", D1, "A"), _a("p", "opposition", D1, "B")], SIDES)
    assert status == "contested" and level == "assessed"


def test_weak_clash_does_not_beat_capture() -> None:
    status, *_ = reconcile([_a("p", "opposition", D1, "A", 0.8), _a("p", "contested", D1, "A", 0.35)], SIDES)
    assert status == "opposition"


def test_corroboration_promotes_claims() -> None:
    one = reconcile([_a("p", "opposition", D1, "Channel A", 0.5, "claimed")], SIDES)
    two = reconcile([_a("p", "opposition", D1, "Channel A", 0.5, "claimed"),
                     _a("p", "opposition", D1, "Wire B", 0.5, "claimed")], SIDES)
    assert one[1] == "claimed" and two[1] == "assessed" and two[2] > one[2]


def test_same_source_repeating_is_not_corroboration() -> None:
    twice = reconcile([_a("p", "opposition", D1, "Channel A", 0.5, "claimed", n=1),
                       _a("p", "opposition", D1, "Channel A", 0.5, "claimed", n=2)], SIDES)
    assert twice[1] == "claimed" and twice[2] == 0.5


def test_region_never_overrides_direct_same_day(mini) -> None:
    statement = Statement(doc="d1", place_id="adm1:idlib", status="opposition", date=D2, time_precision=1, start=0,
                          end=10, text="All of Idlib governorate is under opposition control.", certainty="reported",
                          claimed_by="", scope="region", admin1="Idlib")
    region = assertions_from_statements([statement], mini, {})
    places = {a.place_id for a in region}
    assert "gn:169577" in places and "gn:170063" not in places  # Idlib places only, not Aleppo
    assert all(a.confidence < 0.8 for a in region)
    direct = _a("gn:167357", "government", D2)  # Mhardeh is in Hama: unaffected either way
    direct_idlib = _a("gn:169577", "government", D2)
    ledger = Ledger([*region, direct, direct_idlib], mini.gazetteer, SIDES)
    assert ledger.status("gn:169577", D2).status == "government"
    assert ledger.status("gn:163270", D2).status == "opposition"


def test_changes_between_days(mini) -> None:
    ledger = Ledger([_a("gn:163270", "government", D1), _a("gn:163270", "opposition", D3, n=1),
                     _a("gn:170017", "government", D1, n=2)], mini.gazetteer, SIDES)
    changed = ledger.changes(D1, D3)
    assert [(b.status, a.status, a.name) for b, a in changed] == [("government", "opposition", "Saraqib")]


def test_a_report_dated_before_the_baseline_still_overrides_it(mini) -> None:
    baseline = ControlAssertion(id="b", place_id="gn:163270", status="government", level="assessed",
                                valid_from=date(2024, 11, 26), time_precision=1, doc="", start=0, end=0, confidence=0.5,
                                source="baseline", basis="baseline", scope="baseline")
    report = _a("gn:163270", "opposition", date(2024, 11, 21))  # "taken last week", in a later report
    ledger = Ledger([baseline, report], mini.gazetteer, SIDES)
    assert ledger.status("gn:163270", D1).status == "opposition"


def test_a_place_without_assertions_takes_the_status_of_its_area(mini) -> None:
    """Every place has a status every day: the one of the nearest place with a known status, marked inferred."""
    known = [p for p in mini.gazetteer.places if p.kind == "settlement"]
    anchor, other = known[0], min(known[1:], key=lambda p: (p.lat - known[0].lat) ** 2 + (p.lon - known[0].lon) ** 2)
    ledger = Ledger([_a(anchor.id, "opposition", D1)], mini.gazetteer, SIDES)
    assert ledger.status(other.id, D2) is None
    got = ledger.status_or_inferred(other.id, D2)
    assert got is not None and got.status == "opposition" and got.level == "inferred"
    assert got.confidence < ledger.status(anchor.id, D2).confidence and got.reason.startswith("inferred")
    assert ledger.status_or_inferred(other.id, date(2024, 11, 1)) is None  # nothing known yet that day


def test_a_governorate_is_held_by_the_side_holding_most_of_its_places(syria) -> None:
    """A governorate's status is inferred from its places with a status of their own that day, weighted by
    population (a governorate is named for its towns): one side must hold REGION_MAJORITY of it."""
    gaz = syria.gazetteer
    towns = sorted((p for p in gaz.in_admin1("Hama") if p.kind == "settlement"), key=lambda p: -p.population)
    city, villages = towns[0], [p for p in towns if p.population == 0][:3]
    one_side = Ledger([_a(p.id, "opposition", D1, n=i) for i, p in enumerate([city, *villages])], gaz, SIDES)
    got = one_side.status_or_inferred("adm1:hama", D2)
    assert got is not None and got.status == "opposition" and got.level == "inferred" and "4 of the 4" in got.reason
    # the city outweighs three hamlets; three hamlets against one do not make a majority by population
    weighted = Ledger([_a(city.id, "opposition", D1)] + [_a(p.id, "government", D1, n=i + 1) for i, p in enumerate(villages)],
                      gaz, SIDES)
    assert weighted.status_or_inferred("adm1:hama", D2).status == "opposition"
    hamlets = Ledger([_a(villages[0].id, "opposition", D1)] + [_a(p.id, "government", D1, n=i + 1)
                                                              for i, p in enumerate(villages[1:])], gaz, SIDES)
    assert hamlets.status_or_inferred("adm1:hama", D2).status == "government"  # 2 of 3: 67 %
    assert Ledger([], gaz, SIDES).status_or_inferred("adm1:hama", D2) is None
