"""GeoJSON, GeoPackage, KML and ACLED-style CSV exports."""

from __future__ import annotations

import csv
import io
import itertools
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pyogrio
import pyogrio.raw
import pytest
import shapely
from shapely.geometry import box

from frontlines.control.areas import AreaSet, control_areas
from frontlines.errors import ExportError, FrontlinesError
from frontlines.models import ControlStatus, Event, Evidence
from frontlines.theater import load_theater
from frontlines.views.exports import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    KML_NS,
    disorder_type,
    kml_color,
    statuses_geojson,
    write_events_csv,
    write_geojson,
    write_gpkg,
    write_kml,
)

BOUNDARY = box(35.95, 33.95, 36.95, 34.95)
AS_OF = date(2024, 11, 30)


def statuses() -> list[ControlStatus]:
    out = []
    for i in range(10):
        for j in range(10):
            side = "government" if i < 5 else "opposition"
            if (i, j) == (2, 5):
                side = "contested"
            out.append(
                ControlStatus(
                    f"p{i}_{j}",
                    f"Place {i}-{j}",
                    34.0 + 0.1 * j,
                    36.0 + 0.1 * i,
                    side,
                    "assessed",
                    date(2024, 11, 28),
                    0.7,
                    (Evidence("doc1", 10, 52), Evidence("doc2", 0, 31)),
                    "Aleppo",
                    basis=("SYR1", "a2"),
                )
            )
    return out


def event(eid: str = "SYR1", **kw: Any) -> Event:
    fields: dict[str, Any] = {
        "doc": "doc1",
        "date": date(2024, 11, 29),
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Hayat Tahrir al-Sham",
        "actor1_side": "opposition",
        "actor2": "Military Forces of Syria",
        "actor2_side": "government",
        "place_id": "p5_5",
        "location": "Saraqib",
        "lat": 34.512345678,
        "lon": 36.412345678,
        "geo_precision": 1,
        "fatalities": 12,
        "fatalities_text": "12 killed",
        "certainty": "reported",
        "claimed_by": "",
        "text": 'Clashes, "heavy",\nnear Saraqib.',
        "start": 10,
        "end": 40,
        "admin1": "Idlib",
        "wounded": 3,
        "captured": None,
        "source": "SOHR",
        "plover_event": "ASSAULT",
        "plover_mode": "firearms",
        "cameo_root": "19",
    }
    fields.update(kw)
    return Event(id=eid, **fields)


@pytest.fixture(scope="module")
def areas() -> AreaSet:
    return control_areas(statuses(), BOUNDARY)


def _signed_area(ring: list[list[float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def _positions(coords: Any) -> list[list[float]]:
    if isinstance(coords[0], int | float):
        return [coords]
    return [p for c in coords for p in _positions(c)]


def _polygons(geom: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def test_geojson_layers_and_properties(areas: AreaSet) -> None:
    events = [event(), event("SYR2", lat=None, lon=None)]
    fc = statuses_geojson(statuses(), areas, events, as_of=AS_OF)
    assert fc["type"] == "FeatureCollection" and fc["as_of"] == "2024-11-30"
    assert "crs" not in fc
    by_layer: dict[str, list[dict[str, Any]]] = {}
    for f in fc["features"]:
        assert f["type"] == "Feature"
        by_layer.setdefault(f["properties"]["layer"], []).append(f)
    assert len(by_layer["place"]) == 100
    assert {f["properties"]["status"] for f in by_layer["area"]} == {
        "government",
        "opposition",
        "contested",
    }
    assert {(f["properties"]["side_a"], f["properties"]["side_b"], f["properties"]["kind"]) for f in by_layer["front_line"]} == {
        ("government", "opposition", "front"),
        ("government", "contested", "contested-edge"),
    }
    assert all(f["geometry"]["type"] == "MultiLineString" for f in by_layer["front_line"])
    place = by_layer["place"][0]["properties"]
    assert place == {
        "place_id": "p0_0",
        "name": "Place 0-0",
        "status": "government",
        "level": "assessed",
        "since": "2024-11-28",
        "confidence": 0.7,
        "evidence": ["doc1:10:52", "doc2:0:31"],
        "admin1": "Aleppo",
        "kind": "settlement",
        "basis": ["SYR1", "a2"],
        "reason": "",
        "layer": "place",
    }
    ev = by_layer["event"][0]
    assert ev["properties"]["actor1_side"] == "opposition" and ev["properties"]["fatalities"] == 12
    assert ev["properties"]["date"] == "2024-11-29"
    assert by_layer["event"][1]["geometry"] is None  # kept, without a location
    json.dumps(fc)  # serialisable as is


def test_geojson_follows_rfc7946(areas: AreaSet) -> None:
    fc = statuses_geojson(statuses(), areas, [event()])
    # lon, lat order, 5 decimals
    ev = next(f for f in fc["features"] if f["properties"]["layer"] == "event")
    assert ev["geometry"]["coordinates"] == [36.41235, 34.51235]
    place = next(f for f in fc["features"] if f["properties"]["layer"] == "place")
    assert place["geometry"]["coordinates"] == pytest.approx([36.0, 34.0])
    holes = 0
    for f in fc["features"]:
        geom = f["geometry"]
        for pos in _positions(geom["coordinates"]):
            assert len(pos) == 2
            assert -180 <= pos[0] <= 180 and -90 <= pos[1] <= 90
            assert all(round(v, 5) == v for v in pos)
        if geom["type"] in ("Polygon", "MultiPolygon"):
            for poly in _polygons(geom):
                exterior, *interiors = poly
                for ring in poly:
                    assert len(ring) >= 4 and ring[0] == ring[-1]
                assert _signed_area(exterior) > 0  # counter-clockwise
                for ring in interiors:
                    holes += 1
                    assert _signed_area(ring) < 0  # clockwise
    assert holes == 1  # the contested cell inside the government area


def test_geojson_without_areas() -> None:
    fc = statuses_geojson(statuses()[:3])
    assert [f["properties"]["layer"] for f in fc["features"]] == ["place"] * 3
    assert "as_of" not in fc


def test_write_geojson(tmp_path: Path, areas: AreaSet) -> None:
    fc = statuses_geojson(statuses(), areas, [event()], AS_OF)
    path = tmp_path / "out.geojson"
    write_geojson(path, fc)
    assert json.loads(path.read_text(encoding="utf-8")) == fc
    with pytest.raises(ExportError):
        write_geojson(tmp_path / "missing" / "out.geojson", fc)


def test_gpkg_round_trip(tmp_path: Path, areas: AreaSet) -> None:
    path = tmp_path / "out.gpkg"
    events = [event(), event("SYR2", lat=None, lon=None, date=None)]
    for _ in range(2):  # the second write replaces the file instead of appending
        write_gpkg(path, statuses(), areas, events)
    layers = {name: gtype for name, gtype in pyogrio.list_layers(path)}
    assert layers == {
        "places": "Point",
        "areas": "MultiPolygon",
        "front_lines": "MultiLineString",
        "events": "Point",
    }
    counts = {"places": 100, "areas": 3, "front_lines": 2, "events": 2}
    for layer, n in counts.items():
        meta, _, geoms, fields = pyogrio.raw.read(path, layer=layer)
        assert len(geoms) == n, layer
        assert meta["crs"] == "EPSG:4326"
    meta, _, geoms, fields = pyogrio.raw.read(path, layer="places")
    cols = dict(zip(meta["fields"], fields, strict=True))
    assert cols["place_id"][0] == "p0_0" and cols["evidence"][0] == "doc1:10:52;doc2:0:31"
    assert cols["basis"][0] == "SYR1;a2" and cols["reason"][0] == ""
    assert shapely.from_wkb(geoms[0]).equals(shapely.Point(36.0, 34.0))
    meta, _, geoms, fields = pyogrio.raw.read(path, layer="areas")
    cols = dict(zip(meta["fields"], fields, strict=True))
    gov = shapely.from_wkb(geoms[list(cols["status"]).index("government")])
    assert gov.area == pytest.approx(areas.areas["government"].area)
    meta, _, geoms, fields = pyogrio.raw.read(path, layer="events")
    cols = dict(zip(meta["fields"], fields, strict=True))
    assert list(cols["fatalities"]) == [12, 12]
    assert geoms[1] is None


def test_gpkg_with_nothing_but_places(tmp_path: Path) -> None:
    path = tmp_path / "p.gpkg"
    write_gpkg(path, statuses()[:2])
    assert len(pyogrio.list_layers(path)) == 4
    assert len(pyogrio.raw.read(path, layer="events")[2]) == 0


def test_gpkg_unwritable(tmp_path: Path) -> None:
    with pytest.raises(FrontlinesError):
        write_gpkg(tmp_path / "no" / "such" / "dir.gpkg", statuses()[:2])


def test_kml_parses_and_styles(tmp_path: Path, areas: AreaSet) -> None:
    path = tmp_path / "out.kml"
    write_kml(
        path,
        statuses(),
        areas,
        [event(), event("SYR2", lat=None, lon=None)],
        side_colors={"government": "#ff0000"},
    )
    root = ET.parse(path).getroot()
    ns = {"k": KML_NS}
    assert root.tag == f"{{{KML_NS}}}kml"
    placemarks = root.findall(".//k:Placemark", ns)
    assert len(placemarks) == 3 + 2 + 100 + 1  # areas, fronts, places, located events
    styles = {s.get("id"): s for s in root.findall(".//k:Style", ns)}
    gov = styles["status-government"]
    assert gov.findtext("k:PolyStyle/k:color", namespaces=ns) == "590000ff"  # aabbggrr, 35% alpha
    assert gov.findtext("k:IconStyle/k:color", namespaces=ns) == "ff0000ff"
    assert "status-contested" in styles and "front" in styles
    first_place = next(p for p in placemarks if p.findtext("k:name", namespaces=ns) == "Place 0-0")
    assert first_place.findtext("k:Point/k:coordinates", namespaces=ns) == "36.00000,34.00000"
    assert first_place.findtext("k:styleUrl", namespaces=ns) == "#status-government"
    gov_area = next(p for p in placemarks if p.findtext("k:name", namespaces=ns) == "government")
    assert len(gov_area.findall(".//k:innerBoundaryIs", ns)) == 1
    ev = next(p for p in placemarks if p.findtext("k:TimeStamp/k:when", namespaces=ns))
    assert ev.findtext("k:TimeStamp/k:when", namespaces=ns) == "2024-11-29"


def test_kml_color() -> None:
    assert kml_color("#d62728") == "ff2827d6"
    assert kml_color("#abc", 0.0) == "00ccbbaa"
    assert kml_color("red", 0.5) == "800000ff"
    with pytest.raises(ExportError):
        kml_color("not-a-colour")


EXPECTED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp,actor1_side,actor2_side,certainty,claimed_by,wounded,captured,"
    "plover_event,plover_mode,cameo_root,doc,start,end"
)


# The country columns come from the theater (the first theater's, in these tests).
_THEATER = load_theater("syria")
_SYRIA = (_THEATER.country_name, _THEATER.iso, _THEATER.region)


def test_csv_header_order() -> None:
    buf = io.StringIO(newline="")
    write_events_csv(buf, [], *_SYRIA)
    assert buf.getvalue().strip() == EXPECTED_HEADER
    assert CSV_COLUMNS[: len(ACLED_COLUMNS) + 1] == (*ACLED_COLUMNS, "actor1_side")


def test_csv_row_round_trip() -> None:
    buf = io.StringIO(newline="")
    write_events_csv(
        buf,
        [
            event(),
            event(
                "SYR2",
                lat=None,
                lon=None,
                date=None,
                actor2_side="civilians",
                event_type="Violence against civilians",
            ),
        ],
        *_SYRIA,
    )
    rows = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert len(rows) == 2
    row = rows[0]
    assert row["event_id_cnty"] == "SYR1" and row["event_date"] == "2024-11-29" and row["year"] == "2024"
    assert row["disorder_type"] == "Political violence"
    assert row["latitude"] == "34.5123" and row["longitude"] == "36.4123"
    assert row["notes"] == 'Clashes, "heavy",\nnear Saraqib.'
    assert row["iso"] == "760" and row["country"] == "Syria" and row["region"] == "Middle East"
    assert row["fatalities"] == "12" and row["wounded"] == "3" and row["captured"] == ""
    assert row["inter1"] == "" and row["inter2"] == "" and row["civilian_targeting"] == ""
    assert row["actor1_side"] == "opposition" and row["start"] == "10" and row["end"] == "40"
    other = rows[1]
    assert other["latitude"] == "" and other["year"] == "" and other["event_date"] == ""
    assert other["civilian_targeting"] == "Civilians targeted"


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Headquarters or base established", "Strategic developments"),
        ("Something else", "", ""),
    ],
)
def test_disorder_type(event_type: str, sub: str, expected: str) -> None:
    assert disorder_type(event_type, sub) == expected
