"""The desk's hand-written GeoJSON of a day's places is byte for byte the export's JSON."""

from __future__ import annotations

import json
import math
import shutil
from datetime import date
from pathlib import Path

import pytest

from frontlines.models import ControlStatus, Evidence
from frontlines.views.exports import statuses_geojson
from frontlines.web import create_app
from frontlines.web.encode import control_bytes
from test_web import build_db


def _reference(statuses: list[ControlStatus], day: date | None) -> bytes:
    fc = statuses_geojson(statuses, None, (), day)
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _status(**changes) -> ControlStatus:
    base = {"place_id": "gn:1", "name": "Tall Abyad", "lat": 36.6973412, "lon": 38.9567891, "status": "sdf",
            "level": "assessed", "since": date(2024, 12, 1), "confidence": 0.75,
            "evidence": (Evidence("d1", 4, 60), Evidence("d2", 0, 9)), "admin1": "Raqqa", "kind": "settlement",
            "basis": ("a1", "b2")}
    return ControlStatus(**(base | changes))


ODD = [
    _status(),
    _status(name='Qal\'at "al-Madiq"\\ \n\t\u0001', admin1="حلب", evidence=(), basis=()),  # quotes, escapes, control, Arabic
    _status(level="inferred", reason='inferred: in the area of "Tell" (3 km)\n', basis=("e1",)),
    _status(lat=None, lon=None, since=None, confidence=1),  # no point, no day, an int confidence
    _status(lat=math.nan, lon=36.0, confidence=0.0),  # not a finite point: null geometry
    _status(lat=35.000004, lon=-0.000001, name="\u2028 emoji \U0001f5fa", kind="name"),
    _status(lat=1e-7, lon=179.999999, confidence=0.1 + 0.2),
]


@pytest.mark.parametrize("day", [date(2024, 12, 2), None])
def test_odd_statuses_encode_as_the_export_does(day: date | None) -> None:
    assert control_bytes(ODD, day) == _reference(ODD, day)
    assert control_bytes([], day) == _reference([], day)


def test_odd_types_and_non_json_as_json_dumps_has_them() -> None:
    odd = [_status(name=3, admin1=None, confidence=True, evidence=["x", 2], basis=["y", 3], reason=None),
           _status(confidence=None, evidence="a1", basis="b1"), _status(evidence=[Evidence("d", 1, 2), "z"])]
    assert control_bytes(odd, None) == _reference(odd, None)
    for bad in (math.inf, math.nan):
        with pytest.raises(ValueError):
            control_bytes([_status(confidence=bad)], None)
    with pytest.raises(TypeError):
        control_bytes([_status(name=object())], None)


def test_every_day_of_a_desk_encodes_as_the_export_does(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(build_db(tmp_path / "template.db"), db)
    desk = create_app(str(db), secret="s", read_only=True).state.desk.desk
    first, last = desk.days()
    assert first and last
    for n in range((last - first).days + 1):
        day = date.fromordinal(first.toordinal() + n)
        statuses = desk.statuses(day)
        assert statuses
        assert desk.day_view("control", day).body == control_bytes(statuses, day) == _reference(statuses, day)
