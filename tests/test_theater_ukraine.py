"""The second theater, Ukraine 2023: it loads as data, and the reader uses its sides, not Syria's."""

from __future__ import annotations

import csv
from datetime import date

import pytest

import frontlines
from frontlines.theater import Theater, load_theater

THEATER = "ukraine-2023"
SIDES = {"ukraine", "russia", "civilians", "unknown"}


@pytest.fixture(scope="module")
def ukraine() -> Theater:
    return load_theater(THEATER)


def test_theater_loads_with_its_own_sides(ukraine: Theater) -> None:
    assert ukraine.id == THEATER
    assert ukraine.country == "UA"
    assert (ukraine.start, ukraine.end) == (date(2023, 6, 4), date(2023, 11, 30))
    assert set(ukraine.actors.sides) == SIDES
    assert {a.side for a in ukraine.actors.actors.values()} == SIDES
    # No Syrian party leaks in.
    assert not {"government", "opposition", "sdf", "isis"} & set(ukraine.actors.sides)


def test_rules_name_declared_sides(ukraine: Theater) -> None:
    rules = ukraine.rules
    assert rules["default_attacker"] == "ukraine"
    assert rules["air_force"] == "russia"
    assert rules["adversary"] == {"ukraine": "russia", "russia": "ukraine"}


def test_gazetteer_rows_are_ukrainian_and_inside_the_box(ukraine: Theater) -> None:
    places = ukraine.gazetteer.places
    assert 30 <= len(places) <= 60
    ids = [p.id for p in places]
    assert len(set(ids)) == len(ids)
    west, south, east, north = ukraine.bbox or (0.0, 0.0, 0.0, 0.0)
    for place in places:
        assert place.country == "UA", place
        if place.kind != "country":
            assert west <= place.lon <= east and south <= place.lat <= north, place
            assert place.admin1 in {"Zaporizhzhia", "Donetsk"}, place
    kinds = {p.kind for p in places}
    assert {"settlement", "region", "country", "facility", "terrain", "route"} <= kinds


def test_every_baseline_place_is_in_the_gazetteer(ukraine: Theater) -> None:
    path = ukraine.folder / "baseline.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    assert len(rows) == len(ukraine.baseline) >= 30
    by_id = ukraine.gazetteer.by_id
    for row, (place_id, status, _note) in zip(rows, ukraine.baseline, strict=True):
        place = by_id[place_id]
        assert place.name == row["place"], (row, place)
        assert place.admin1 == row["admin1"], (row, place)
        assert status in SIDES | {"contested"}
    statuses = {status for _, status, _ in ukraine.baseline}
    assert {"ukraine", "russia"} <= statuses


def test_baseline_holds_the_known_lines(ukraine: Theater) -> None:
    held = {ukraine.gazetteer.by_id[pid].name: status for pid, status, _ in ukraine.baseline}
    assert held["Robotyne"] == held["Bakhmut"] == held["Tokmak"] == held["Donetsk"] == "russia"
    assert held["Orikhiv"] == held["Zaporizhzhia"] == held["Velyka Novosilka"] == held["Chasiv Yar"] == "ukraine"


@pytest.mark.parametrize(
    ("variant", "name"),
    [
        ("Rabotino", "Robotyne"),
        ("Работино", "Robotyne"),
        ("Artemovsk", "Bakhmut"),
        ("Kleshcheevka", "Klishchiivka"),
        ("Ugledar", "Vuhledar"),
        ("Staromayorskoye", "Staromaiorske"),
    ],
)
def test_transliterations_resolve_to_one_place(ukraine: Theater, variant: str, name: str) -> None:
    (canonical,) = [c.place for c in ukraine.gazetteer.lookup(name) if c.place.kind == "settlement"]
    found = ukraine.gazetteer.lookup(variant)
    assert found, variant
    assert found[0].place.id == canonical.id


def test_rabotino_and_robotyne_are_the_same_place(ukraine: Theater) -> None:
    rabotino = ukraine.gazetteer.lookup("Rabotino")
    robotyne = ukraine.gazetteer.lookup("Robotyne")
    assert rabotino and robotyne
    assert rabotino[0].place.id == robotyne[0].place.id
    assert robotyne[0].place.admin1 == "Zaporizhzhia"


RECAPTURE = "Ukrainian troops recaptured Robotyne on 28 August."


def _robotyne(ukraine: Theater) -> str:
    (place,) = [c.place for c in ukraine.gazetteer.lookup("Robotyne")]
    return place.id


def test_recapture_of_robotyne_is_ukraines_and_moves_the_ledger(ukraine: Theater) -> None:
    result = frontlines.extract(RECAPTURE, published="2023-08-29", theater=THEATER)
    robotyne = _robotyne(ukraine)
    events = [e for e in result.events if e.place_id == robotyne]
    assert events, result.to_dict()["events"]
    assert events[0].actor1_side == "ukraine"
    assert events[0].date == date(2023, 8, 28)
    (status,) = [c for c in result.control if c.place_id == robotyne]
    assert status.status == "ukraine"


def test_recapture_by_state_forces_is_coded_as_a_government_regain(ukraine: Theater) -> None:
    """ACLED: a state's own forces retaking a place is 'Government regains territory'."""
    result = frontlines.extract(RECAPTURE, published="2023-08-29", theater=THEATER)
    robotyne = _robotyne(ukraine)
    (event,) = [e for e in result.events if e.place_id == robotyne]
    assert event.event_type == "Battles"
    assert event.sub_event_type == "Government regains territory"


def test_unattributed_air_strike_is_the_theaters_air_force(ukraine: Theater) -> None:
    result = frontlines.extract(
        "An air strike hit the hospital in Orikhiv on 3 August, wounding five people.",
        published="2023-08-04", theater=THEATER,
    )
    strikes = [e for e in result.events if e.event_type == "Explosions/Remote violence"]
    assert strikes, result.to_dict()["events"]
    assert strikes[0].actor1_side == "russia"
    assert strikes[0].location == "Orikhiv"
    # A strike moves no line: Orikhiv keeps its baseline holder.
    assert not [a for a in result.assertions if a.place_id == strikes[0].place_id]


def test_a_report_from_two_fronts_keeps_the_far_front(ukraine: Theater) -> None:
    """Zaporizhzhia and Bakhmut are 200 km apart; a daily summary names both, and each place is unique here."""
    text = ("Ukrainian troops recaptured Robotyne on 28 August. Russian forces shelled Orikhiv the same day. "
            "The 3rd Assault Brigade took Andriivka on 15 September.")
    result = frontlines.extract(text, published="2023-09-16", theater=THEATER)
    (andriivka,) = [c.place for c in ukraine.gazetteer.lookup("Andriivka")]
    assert andriivka.id in {p.place_id for p in result.places}, [u.to_dict() for u in result.unresolved]
    captures = [e for e in result.events if e.place_id == andriivka.id]
    assert captures and captures[0].actor1_side == "ukraine"
