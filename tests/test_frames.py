"""DataFrames, the geo interface, ACLED columns from theater data, and exports over a range of days."""

from __future__ import annotations

import json
import re
import runpy
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import frontlines
from frontlines.events.acled import acled_context, acled_row, acled_rows, event_number, interaction, unlocated
from frontlines.models import ControlStatus, Document, Event
from frontlines.views.dataframes import geopandas_available
from frontlines.views.exports import ACLED_COLUMNS
from frontlines.views.series import status_runs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DAYS = ("2024-11-27", "2024-12-08")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from frontlines.pipeline import Pipeline
    from frontlines.read.ingest import read_paths
    from frontlines.store.storage import open_store
    from frontlines.theater import load_theater

    db = tmp_path_factory.mktemp("frames") / "demo.db"
    theater = load_theater("syria")
    store = open_store(str(db))
    store.write(Pipeline(theater).run(read_paths([EXAMPLES / "reports"])), theater.id)
    store.close()
    return db


def test_frames_from_a_stored_database(demo_db: Path) -> None:
    with frontlines.open(str(demo_db)) as db:
        places, events, control = db.to_dataframes(since=DAYS[0], until=DAYS[1])
    assert list(events.columns[: len(ACLED_COLUMNS)]) == list(ACLED_COLUMNS)
    assert pd.api.types.is_datetime64_dtype(events["event_date"])
    assert events["event_date"].dropna().between(pd.Timestamp(DAYS[0]), pd.Timestamp(DAYS[1])).all()
    assert str(events["fatalities"].dtype) == "Int64" and str(events["geo_precision"].dtype) == "Int64"
    assert pd.api.types.is_float_dtype(events["latitude"])
    assert events["event_id_cnty"].str.fullmatch(r"SYR\d+").all() and events["event_id_cnty"].is_unique
    # One control row per place and day, every day of the range.
    assert pd.api.types.is_datetime64_dtype(control["date"]) and pd.api.types.is_datetime64_dtype(control["since"])
    assert control["date"].nunique() == 12
    assert not control.duplicated(["date", "place_id"]).any()
    aleppo = control[control["name"] == "Aleppo"].set_index("date")["status"]
    assert aleppo[pd.Timestamp("2024-11-27")] == "government" and aleppo[pd.Timestamp("2024-12-05")] == "opposition"
    assert len(places) > 100 and {"doc", "start", "end", "place_id"} <= set(places.columns)
    if geopandas_available():
        import geopandas as gpd

        for frame in (places, events, control):
            assert isinstance(frame, gpd.GeoDataFrame) and frame.crs.to_epsg() == 4326
        located = events[events["latitude"].notna()]
        assert (located.geometry.x.round(4) == located["longitude"].round(4)).all()
        assert (located.geometry.y.round(4) == located["latitude"].round(4)).all()
        assert events[events["latitude"].isna()].geometry.isna().all()


def test_plain_frames_and_a_single_day(demo_db: Path) -> None:
    with frontlines.open(str(demo_db)) as db:
        _, events, control = db.to_dataframes(as_of="2024-11-30", geo=False)
        latest = db.control()
        collection = db.__geo_interface__
    assert type(events) is pd.DataFrame and type(control) is pd.DataFrame
    assert set(control["date"].dt.date) == {date(2024, 11, 30)}
    assert events["event_date"].max() <= pd.Timestamp("2024-11-30")
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) >= len(latest)


def test_open_refuses_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(frontlines.FrontlinesError, match="does not exist"):
        frontlines.open(str(tmp_path / "nothing.db"))


def test_extraction_frames_and_geo_interface() -> None:
    result = frontlines.extract("HTS fighters captured Saraqib on Saturday after clashes with regime forces.",
                                published="2024-12-01", source="Test Monitor")
    _, events, control = result.to_dataframes(geo=False)
    assert len(events) == len(result.events) >= 1 and len(control) == len(result.control)
    assert events.loc[0, "inter1"] == "Rebel group" and events.loc[0, "interaction"] == "State forces-Rebel group"
    assert events.loc[0, "event_date"] == pd.Timestamp("2024-11-30")
    feature = result.events[0].__geo_interface__
    assert feature["geometry"]["type"] == "Point" and feature["properties"]["location"] == "Saraqib"
    assert feature["geometry"]["coordinates"] == [result.events[0].lon, result.events[0].lat]
    assert result.__geo_interface__["type"] == "FeatureCollection"
    assert not hasattr(result.documents[0], "__geo_interface__")  # a document has no point
    for name in ("extract", "open", "extract_documents"):
        assert name in dir(frontlines)


def _event(**changes) -> Event:
    base = dict(
        id="e1", doc="d1", date=date(2024, 11, 29), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Hay'at Tahrir al-Sham", actor1_side="opposition",
        actor2="Government forces", actor2_side="government", place_id="gn:170063", location="Aleppo",
        lat=36.20, lon=37.16, geo_precision=1, fatalities=0, fatalities_text="", certainty="reported",
        claimed_by="", text="Clashes in Aleppo.", start=0, end=18, admin1="Aleppo",
        sources=("OCHA Syria", "Some Blog"),
    )
    return Event(**(base | changes))


def test_interaction_text() -> None:
    assert interaction("Rebel group", "State forces") == "State forces-Rebel group"
    assert interaction("Civilians", "") == "Civilians only"
    assert interaction("External/Other forces", "Rebel group") == "Rebel group-External/Other forces"
    assert interaction("", "") == ""


def test_acled_row_from_theater_data(syria) -> None:
    docs = [Document(id="d1", text="x", published=date(2024, 11, 30))]
    ctx = acled_context(syria, docs)
    row = acled_row(_event(), ctx)
    assert row["inter1"] == "Rebel group" and row["inter2"] == "State forces"
    assert row["interaction"] == "State forces-Rebel group"
    assert row["admin2"] == "Mount Simeon" and row["geo_precision"] == 1
    assert row["event_id_cnty"] == f"SYR{event_number('e1')}" and acled_row(_event(), ctx)["event_id_cnty"] == row["event_id_cnty"]
    assert row["source"] == "OCHA Syria; Some Blog" and row["source_scale"] == "International-Other"
    assert row["timestamp"] == 1732924800  # 2024-11-30T00:00:00Z, the source's publication day
    protest = acled_row(_event(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters",
                               actor1_side="civilians", actor2="", actor2_side=""), ctx)
    assert protest["tags"] == "crowd size=no report" and protest["inter1"] == "Protesters"
    assert protest["interaction"] == "Protesters only"


def test_events_without_a_point(syria) -> None:
    ctx = acled_context(syria)
    in_idlib = acled_row(_event(lat=None, lon=None, admin1="Idlib", place_id="name:somewhere"), ctx)
    assert in_idlib["geo_precision"] == 3 and in_idlib["latitude"] and in_idlib["admin2"] == ""
    nowhere = _event(id="e2", lat=None, lon=None, admin1="", place_id="name:elsewhere")
    row = acled_row(nowhere, ctx)
    assert row["geo_precision"] == "" and row["latitude"] == "" and row["longitude"] == ""
    assert unlocated([_event(), nowhere], ctx) == [nowhere]
    rows = acled_rows([_event(), _event()], ctx)
    assert rows[0]["event_id_cnty"] != rows[1]["event_id_cnty"]


def test_demo_events_fill_the_acled_columns(demo_db: Path) -> None:
    with frontlines.open(str(demo_db)) as db:
        _, events, _ = db.to_dataframes(geo=False)
    # Blank in every row on purpose (see the README): no associated actors, no subdistrict data.
    blank_by_design = {"assoc_actor_1", "assoc_actor_2", "admin3"}
    empty = {c for c in ACLED_COLUMNS if events[c].replace("", None).isna().all()}
    assert empty == blank_by_design
    assert not ((events["geo_precision"] == 1) & events["latitude"].isna()).any()


def _status(pid: str, status: str, level: str = "assessed") -> ControlStatus:
    return ControlStatus(place_id=pid, name=pid, lat=36.0, lon=37.0, status=status, level=level,
                         since=date(2024, 11, 27), confidence=0.8)


def test_status_runs() -> None:
    d = [date(2024, 11, 27 + n) for n in range(4)]
    days = [
        (d[0], [_status("a", "government")]),
        (d[1], [_status("a", "government"), _status("b", "sdf")]),
        (d[2], [_status("a", "opposition"), _status("b", "sdf")]),
        (d[3], [_status("a", "opposition", "claimed"), _status("b", "sdf")]),
    ]
    runs = [(r.status.place_id, r.status.status, r.status.level, r.valid_from, r.valid_to) for r in status_runs(days)]
    assert runs == [
        ("a", "government", "assessed", d[0], d[1]),
        ("a", "opposition", "assessed", d[2], d[2]),
        ("a", "opposition", "claimed", d[3], d[3]),
        ("b", "sdf", "assessed", d[1], d[3]),
    ]


def test_time_aware_exports(demo_db: Path, tmp_path: Path) -> None:
    import pyogrio
    from typer.testing import CliRunner

    from frontlines.cli import app

    runner = CliRunner()
    outputs = {suffix: tmp_path / f"days.{suffix}" for suffix in ("gpkg", "kml", "geojson")}
    for path in outputs.values():
        result = runner.invoke(app, ["map", "--db", str(demo_db), "-o", str(path), "--from", DAYS[0], "--to", DAYS[1]])
        assert result.exit_code == 0, result.output
    gpkg = outputs["gpkg"]
    for layer in ("places", "areas", "front_lines", "events"):
        info = pyogrio.read_info(gpkg, layer=layer)
        types = dict(zip(info["fields"], info["dtypes"], strict=True))
        assert types["valid_from"] == types["valid_to"] == "datetime64[D]", layer
    areas = pyogrio.read_dataframe(gpkg, layer="areas", read_geometry=False)
    assert areas["date"].nunique() == 12 and (areas["valid_from"] == areas["date"]).all()
    assert not areas.duplicated(["date", "status"]).any()
    places = pyogrio.read_dataframe(gpkg, layer="places", read_geometry=False)
    assert (places["valid_from"] <= places["valid_to"]).all()
    assert places["valid_to"].max() == pd.Timestamp(DAYS[1])

    kml = ET.parse(outputs["kml"]).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    spans = kml.findall(".//k:Placemark/k:TimeSpan", ns)
    assert len(spans) == len(kml.findall(".//k:Placemark", ns)) and spans
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", s.findtext("k:begin", namespaces=ns) or "") for s in spans)

    fc = json.loads(outputs["geojson"].read_text())
    assert (fc["from"], fc["to"]) == DAYS
    area_days = {f["properties"]["date"] for f in fc["features"] if f["properties"]["layer"] == "area"}
    assert len(area_days) == 12

    bad = runner.invoke(app, ["map", "--db", str(demo_db), "-o", str(tmp_path / "x.png"), "--from", DAYS[0], "--to", DAYS[1]])
    assert bad.exit_code == 2 and ".png" in bad.output


def test_single_day_exports_name_their_day(demo_db: Path, tmp_path: Path) -> None:
    import pyogrio
    from typer.testing import CliRunner

    from frontlines.cli import app

    runner = CliRunner()
    for suffix in ("gpkg", "kml", "geojson"):
        path = tmp_path / f"one.{suffix}"
        assert runner.invoke(app, ["map", "--db", str(demo_db), "-o", str(path), "--as-of", "2024-12-01"]).exit_code == 0
        if suffix == "gpkg":
            places = pyogrio.read_dataframe(path, layer="places", read_geometry=False)
            assert set(places["as_of"]) == {pd.Timestamp("2024-12-01")}
        elif suffix == "kml":
            assert "2024-12-01" in ET.parse(path).getroot().findtext(".//{http://www.opengis.net/kml/2.2}name", "")
        else:
            assert json.loads(path.read_text())["as_of"] == "2024-12-01"
    for fmt in ("geojson", "json"):
        latest = runner.invoke(app, ["control", "--db", str(demo_db), "--format", fmt])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", json.loads(latest.stdout)["as_of"]), fmt


def test_notebook_example_runs(demo_db: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    png = tmp_path / "weekly.png"
    monkeypatch.setattr(sys, "argv", ["weekly_events.py", str(demo_db), str(png)])
    namespace = runpy.run_path(str(ROOT / "docs" / "examples" / "weekly_events.py"), run_name="__main__")
    weekly = namespace["weekly"]
    assert weekly.to_numpy().sum() == namespace["events"]["event_date"].notna().sum()
    assert {"opposition", "government"} <= set(weekly.columns)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "wrote" in capsys.readouterr().out
