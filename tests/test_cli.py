"""The command line end to end: output shapes, idempotent ingest, and clear refusals that change nothing."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.views.exports import ACLED_COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

runner = CliRunner()
GOOD = "SOURCE: Test Monitor\nDATE: 2024-11-30\n\nHTS fighters captured Saraqib today after clashes with regime forces.\n"


def _run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    f = tmp_path / "good.txt"
    f.write_text(GOOD, encoding="utf-8")
    return f


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = _run("ingest", EXAMPLES / "reports", "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_help_for_every_command() -> None:
    for cmd in ("extract", "ingest", "control", "events", "map", "history", "changes", "eval", "gazetteer"):
        result = _run(cmd, "--help")
        assert result.exit_code == 0 and "Usage" in result.output, cmd


def test_extract_json_shape(good: Path) -> None:
    result = _run("extract", good, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"documents", "places", "unresolved", "events", "control"} <= set(data)
    assert set(data["documents"][0]) >= {"id", "source", "published", "title"}
    place_keys = {"mention", "start", "end", "doc", "place_id", "name", "lat", "lon", "kind", "admin1", "score"}
    assert place_keys <= set(data["places"][0])
    event_keys = {"id", "doc", "date", "time_precision", "event_type", "sub_event_type", "actor1", "actor1_side", "actor2",
                  "actor2_side", "place_id", "location", "lat", "lon", "geo_precision", "fatalities", "fatalities_text",
                  "certainty", "claimed_by", "text", "start", "end"}
    (event,) = data["events"]
    assert event_keys <= set(event)
    assert (event["sub_event_type"], event["location"], event["actor1_side"]) == (
        "Non-state actor overtakes territory", "Saraqib", "opposition")
    control_keys = {"place_id", "name", "lat", "lon", "status", "level", "since", "confidence", "evidence", "basis",
                    "reason"}
    saraqib = next(c for c in data["control"] if c["name"] == "Saraqib")
    assert control_keys <= set(saraqib) and saraqib["status"] == "opposition" and event["id"] in saraqib["basis"]
    # the status's evidence: spans of the report's text, as {"doc", "start", "end"}
    assert saraqib["evidence"] and all(set(span) == {"doc", "start", "end"} and span["doc"] == event["doc"]
                                       and span["start"] < span["end"] for span in saraqib["evidence"])


def test_extract_jsonl_is_one_object_per_document(tmp_path: Path, good: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(GOOD.replace("Saraqib", "Maarat al-Numan"), encoding="utf-8")
    result = _run("extract", good, second, "--format", "jsonl")
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2 and all(len(obj["documents"]) == 1 for obj in lines)


def test_ingest_twice_changes_nothing(tmp_path: Path, good: Path) -> None:
    db = tmp_path / "f.db"
    assert _run("ingest", good, "--db", db).exit_code == 0
    first = json.loads(_run("control", "--db", db, "--format", "json").stdout)
    again = _run("ingest", good, "--db", db)
    assert again.exit_code == 0 and "0 new document" in again.output
    assert json.loads(_run("control", "--db", db, "--format", "json").stdout) == first


def test_events_csv_follows_acled_header(demo_db: Path) -> None:
    result = _run("events", "--db", demo_db, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert len(rows) > 50
    since = _run("events", "--db", demo_db, "--since", "2024-12-03", "--format", "json")
    assert all(e["date"] >= "2024-12-03" for e in json.loads(since.stdout))


def test_control_as_of_and_history(demo_db: Path) -> None:
    before = {c["name"]: c["status"] for c in json.loads(_run("control", "--db", demo_db, "--as-of", "2024-11-27",
                                                               "--format", "json").stdout)["control"]}
    after = {c["name"]: c["status"] for c in json.loads(_run("control", "--db", demo_db, "--as-of", "2024-12-05",
                                                              "--format", "json").stdout)["control"]}
    assert before["Aleppo"] == "government" and after["Aleppo"] == "opposition"
    history = _run("history", "Khan Sheikhoun", "--db", demo_db)
    assert history.exit_code == 0 and "Khan Shaykhun" in history.output and "opposition" in history.output
    changes = _run("changes", "--from", "2024-11-27", "--to", "2024-12-05", "--db", demo_db)
    assert changes.exit_code == 0 and "Saraqib" in changes.output


def test_map_outputs(demo_db: Path, tmp_path: Path) -> None:
    png, geojson = tmp_path / "m.png", tmp_path / "m.geojson"
    assert _run("map", "--db", demo_db, "--as-of", "2024-11-30", "-o", png).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _run("map", "--db", demo_db, "-o", geojson).exit_code == 0
    fc = json.loads(geojson.read_text())
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert fc["type"] == "FeatureCollection" and {"place", "area", "front_line", "event"} <= layers


def _snapshot(db: Path) -> bytes:
    return db.read_bytes() if db.exists() else b""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Alep est tomb\xe9e".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_fail_cleanly_and_change_nothing(tmp_path: Path, good: Path, name: str, content: bytes,
                                                   message: str) -> None:
    db = tmp_path / "f.db"
    assert _run("ingest", good, "--db", db).exit_code == 0
    counts = json.loads(_run("control", "--db", db, "--format", "json").stdout)
    bad = tmp_path / name
    bad.write_bytes(content)
    other = tmp_path / "other.txt"
    other.write_text(GOOD.replace("Saraqib", "Kafr Nabl"), encoding="utf-8")
    result = _run("ingest", other, bad, "--db", db)  # one good file and one bad: all or nothing
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert json.loads(_run("control", "--db", db, "--format", "json").stdout) == counts


def test_fifty_megabyte_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    block = (GOOD * (1_000_000 // len(GOOD) + 1)).encode()[:1_000_000]
    with big.open("wb") as fh:
        for _ in range(50):
            fh.write(block)
    assert big.stat().st_size == 50_000_000
    result = _run("extract", big)
    assert result.exit_code == 2 and "MB limit" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("extract", "{empty}"), "no reports"),
        (("extract", "{good}", "--theater", "narnia"), "unknown theater"),
        (("extract", "{good}", "--published", "2024-02-30"), "impossible"),
        (("control", "--db", "{good}.db", "--as-of", "2024-13-01"), "impossible"),
        (("control", "--db", "{missing}"), "does not exist"),
        (("extract", "{missing}"), "no such file"),
    ],
)
def test_bad_arguments(tmp_path: Path, good: Path, args: tuple[str, ...], message: str) -> None:
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    if "{good}.db" in args:
        shutil.copy(good, tmp_path / "x")
    values = {"empty": empty, "good": good, "missing": tmp_path / "missing.db"}
    result = _run(*(a.format(**values) for a in args))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_eval_reports_figures(tmp_path: Path) -> None:
    result = _run("eval", EXAMPLES / "gold", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["places"]["gold_mentions"] >= 300 and report["events"]["gold_events"] >= 150


def test_gazetteer_add_then_resolve(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINES_HOME", str(tmp_path / "home"))
    report = tmp_path / "r.txt"
    report.write_text("SOURCE: t\nDATE: 2024-11-28\n\nFighters cleared the hamlet of Mazraat al-Qarmeh at dawn.\n",
                      encoding="utf-8")
    before = json.loads(_run("extract", report).stdout)
    assert [u["mention"] for u in before["unresolved"]] == ["Mazraat al-Qarmeh"] and not before["places"]
    added = _run("gazetteer", "add", "Mazraat al-Qarmeh", "--lat", "36.13", "--lon", "36.98", "--alias", "Mazraat al-Qarma")
    assert added.exit_code == 0, added.output
    after = json.loads(_run("extract", report).stdout)
    assert [p["name"] for p in after["places"]] == ["Mazraat al-Qarmeh"] and after["places"][0]["admin1"] == "Aleppo"
    assert "Mazraat al-Qarmeh" in _run("gazetteer", "search", "Mazraat al Qarma").output
    bad = _run("gazetteer", "add", "Nowhere", "--lat", "95", "--lon", "36")
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    from frontlines.theater import load_theater

    load_theater.cache_clear()  # leave no user place behind for other tests


def test_known_by_hides_later_reports(demo_db: Path) -> None:
    def status(*extra: str) -> dict[str, str]:
        out = _run("control", "--db", demo_db, "--as-of", "2024-11-30", "--format", "json", *extra)
        return {c["name"]: c["status"] for c in json.loads(out.stdout)["control"]}

    hindsight, then = status(), status("--known-by", "2024-11-30")
    # The entry into Morek on 30 November (a fight for it: contested) is first reported on 1 December.
    assert hindsight["Morek"] == "contested" and then["Morek"] == "government"


def _strict(text: str):
    def refuse(constant: str):
        raise AssertionError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


def test_outputs_are_strict_json_even_with_places_known_only_by_name(demo_db: Path) -> None:
    extracted = _strict(_run("extract", EXAMPLES / "reports", "--format", "json").stdout)
    assert any(e["lat"] is None for e in extracted["events"])  # events at places the gazetteer lacks
    assert all(c["lat"] == c["lat"] for c in extracted["control"])  # no NaN on the map layers
    _strict(_run("control", "--db", demo_db, "--format", "geojson").stdout)
    _strict(_run("events", "--db", demo_db, "--format", "json").stdout)


def test_version_and_plain_help() -> None:
    from frontlines import __version__

    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"frontlines {__version__}"
    assert "<bool>" not in _run("map", "--help").output


def test_changes_and_history_as_json(demo_db: Path) -> None:
    changes = _run("changes", "--from", "2024-11-27", "--to", "2024-12-05", "--db", demo_db, "--format", "json")
    assert changes.exit_code == 0, changes.output
    payload = json.loads(changes.stdout)
    saraqib = [c for c in payload["changes"] if c["name"] == "Saraqib"]
    assert payload["from"] == "2024-11-27" and saraqib and saraqib[0]["after"] == "opposition"
    history = _run("history", "Aleppo", "--db", demo_db, "--format", "json")
    timeline = json.loads(history.stdout)[0]["timeline"]
    assert timeline and all(t["evidence"] for t in timeline) and timeline[-1]["status"] == "opposition"


def test_extract_table_shows_places_events_and_control(good: Path) -> None:
    result = _run("extract", good, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "places named" in result.stdout and "events from 1 documents" in result.stdout
    assert "Control after these reports" in result.stdout and "Saraqib" in result.stdout


def test_ingest_warns_on_undated_reports_and_names_the_database(tmp_path: Path) -> None:
    report = tmp_path / "undated.txt"
    report.write_text("HTS fighters captured Saraqib after clashes with regime forces.\n", encoding="utf-8")
    db = tmp_path / "u.db"
    result = _run("ingest", report, "--db", db)
    assert result.exit_code == 0 and "no date" in result.output and str(db) in result.output


def test_eval_without_gold_fails(tmp_path: Path) -> None:
    result = _run("eval", tmp_path)
    assert result.exit_code == 2 and "no gold" in result.output


def test_missing_database_says_what_to_type(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "demo.db").write_bytes(b"")
    result = _run("control", "--as-of", "2024-11-30")
    assert result.exit_code == 2 and "--db out/demo.db" in result.output


@pytest.mark.parametrize(
    ("name", "lat", "lon", "message"),
    [
        ("London", "51.5", "-0.12", "outside the syria theater"),
        ("Swapped", "36.98", "36.13", "did you mean --lat 36.13 --lon 36.98"),
        ("Saraqib", "35.862", "36.80", "already in the gazetteer"),
    ],
)
def test_gazetteer_add_refuses_bad_points(tmp_path: Path, monkeypatch, name: str, lat: str, lon: str, message: str) -> None:
    monkeypatch.setenv("FRONTLINES_HOME", str(tmp_path / "home"))
    result = _run("gazetteer", "add", name, "--lat", lat, "--lon", lon)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "home" / "theaters" / "syria" / "places.csv").exists()


def test_gazetteer_add_keeps_readable_ids(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINES_HOME", str(tmp_path / "home"))
    result = _run("gazetteer", "add", "Swapped Hill", "--lat", "36.13", "--lon", "36.98", "--kind", "terrain")
    assert result.exit_code == 0, result.output
    assert "user:swapped-hill" in result.output
    forced = _run("gazetteer", "add", "Nowhere Near", "--lat", "51.5", "--lon", "-0.12", "--force")
    assert forced.exit_code == 0 and "user:nowhere-near" in forced.output
    from frontlines.theater import load_theater

    load_theater.cache_clear()
