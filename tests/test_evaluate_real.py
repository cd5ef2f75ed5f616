"""The real-report scorer on a tiny synthetic gold and report (own words) in tmp_path.

The scorer's functions get hand-made system output, so these tests check the scoring, not the
extractor; one test runs the whole of ``score_real`` on the tiny report for the glue.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.errors import EvalError
from frontlines.evaluate_real import (
    Alignment,
    load_real_gold,
    score_control,
    score_events,
    score_places,
    score_real,
)
from frontlines.models import ControlAssertion, DocumentResult, Event, PlaceMention, Unresolved
from frontlines.read.ingest import read_file, read_paths

NAME = "2024-11-30_test-desk.txt"
RAW = ("SOURCE: test desk\nDATE: 2024-11-30\n\n"
       "Rebel units took Saraqib on 30 November. Shelling hit Hama the same day, and Kafr Testa was emptied.\n")
SARAQIB = ("gn:164816", 35.8623, 36.8006)
HAMA = "gn:170017"
HOMS = ("gn:169577", 34.72682, 36.72339)


@pytest.fixture(scope="module")
def theater(syria):  # type: ignore[no-untyped-def]
    return syria  # the bundled theater, loaded once per session (conftest.py)


def _span(word: str) -> dict[str, int]:
    start = RAW.index(word)
    return {"start": start, "end": start + len(word)}


def _gold(fatalities: int = 3) -> dict[str, object]:
    return {
        "file": NAME, "published": "2024-11-30", "kind": "report",
        "places": [
            {**_span("Saraqib"), "place_id": SARAQIB[0], "kind": "settlement", "admin1": "Idlib"},
            {**_span("Hama"), "place_id": HAMA, "kind": "settlement", "admin1": "Hama"},
            {**_span("Kafr Testa"), "place_id": None, "missing": True, "name": "Kafr Testa", "kind": "settlement",
             "admin1": "Idlib"},
        ],
        "control": [
            {"place_id": SARAQIB[0], "name": "Saraqib", "status": "opposition", "date": "2024-11-30", "level": "assessed",
             "claimant": "", "scope": "place", **_span("Rebel units took Saraqib on 30 November.")},
            {"place_id": HAMA, "name": "Hama", "status": "opposition", "date": "2024-11-30", "level": "assessed",
             "claimant": "", "scope": "place", **_span("Shelling hit Hama")},
            {"place_id": None, "name": "Kafr Testa", "status": "unknown", "date": "2024-11-30", "level": "assessed",
             "claimant": "", "scope": "place", **_span("Kafr Testa")},
            {"place_id": "adm1:idlib", "name": "Idlib Governorate", "status": "opposition", "date": "2024-11-30",
             "level": "assessed", "claimant": "", "scope": "region", **_span("Rebel units")},
        ],
        "events": [
            {**_span("Rebel units took Saraqib on 30 November."), "event_type": "Battles",
             "sub_event_type": "Non-state actor overtakes territory", "actor1": "Rebel units", "actor1_side": "opposition",
             "actor2": "", "actor2_side": "", "place_id": SARAQIB[0], "name": "Saraqib", "date": "2024-11-30",
             "date_precision": 1, "fatalities": fatalities, "certainty": "reported", "claimed_by": ""},
            {**_span("Shelling hit Hama the same day"), "event_type": "Explosions/Remote violence",
             "sub_event_type": "Shelling/artillery/missile attack", "actor1": "", "actor1_side": "", "actor2": "",
             "actor2_side": "civilians", "place_id": HAMA, "name": "Hama", "date": "2024-11-30", "date_precision": 1,
             "fatalities": 0, "certainty": "reported", "claimed_by": ""},
        ],
    }


def _write(tmp_path: Path, gold: dict[str, object], split: str = "development") -> tuple[Path, Path]:
    texts, gold_dir = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir(exist_ok=True)
    gold_dir.mkdir(exist_ok=True)
    (texts / NAME).write_text(RAW, encoding="utf-8")
    (gold_dir / f"{NAME}.json").write_text(json.dumps(gold), encoding="utf-8")
    (gold_dir / "split.toml").write_text(f'{split} = ["{NAME}"]\n', encoding="utf-8")
    return texts, gold_dir


def _loaded(tmp_path: Path, gold: dict[str, object]):  # type: ignore[no-untyped-def]
    texts, gold_dir = _write(tmp_path, gold)
    docs = {Path(d.path).name: d for d in read_paths([texts / NAME])}
    return docs[NAME], load_real_gold(gold_dir, texts, docs)


def _event(doc_id: str, text: str, word: str, sub: str, place: tuple[str, float, float], fatalities: int,
           actor1_side: str = "opposition") -> Event:
    start = text.index(word)
    return Event(
        id=f"e-{word}", doc=doc_id, date=date(2024, 11, 30), time_precision=1, event_type="", sub_event_type=sub,
        actor1="", actor1_side=actor1_side, actor2="", actor2_side="", place_id=place[0], location=word, lat=place[1],
        lon=place[2], geo_precision=1, fatalities=fatalities, fatalities_text="", certainty="reported", claimed_by="",
        text=text[start : start + 40], start=start, end=start + len(word),
    )


def _mention(doc_id: str, text: str, word: str, place: tuple[str, float, float]) -> PlaceMention:
    start = text.index(word)
    return PlaceMention(mention=word, start=start, end=start + len(word), doc=doc_id, place_id=place[0], name=word,
                        lat=place[1], lon=place[2], kind="settlement", admin1="", score=1.0)


def _result(doc, events=(), assertions=()) -> DocumentResult:  # type: ignore[no-untyped-def]
    text = doc.text
    # The system resolves Saraqib right, puts Hama on Homs (wrong) and reports Kafr Testa unresolved.
    places = (_mention(doc.id, text, "Saraqib", SARAQIB), _mention(doc.id, text, "Hama", HOMS))
    start = text.index("Kafr Testa")
    unresolved = (Unresolved(mention="Kafr Testa", start=start, end=start + 10, doc=doc.id, reason="not in gazetteer"),)
    return DocumentResult(doc, places, unresolved, (), tuple(events), tuple(assertions))


def test_alignment_across_a_removed_header_and_wiki_markup(tmp_path: Path) -> None:
    raw = "SOURCE: wiki\nDATE: 2024-12-01\n\nFighters of [[HTS|Tahrir al-Sham]] reached {{lang|ar|x}} Saraqib|Sarakeb town.\n"
    path = tmp_path / "2024-12-01_wiki.txt"
    path.write_text(raw, encoding="utf-8")
    text = read_file(path)[0].text
    assert text != raw[raw.index("Fighters"):] and "{{" not in text  # the markup was cleaned
    align = Alignment(raw, text)
    for word in ("Fighters", "Tahrir al-Sham", "Saraqib"):
        start = raw.index(word)
        span = align.span(start, start + len(word))
        assert span is not None and text[span[0]:span[1]] == word
    assert align.span(0, raw.index("\n")) is None  # the header line is gone from the text


def test_places_wrong_place_counted_wrong(tmp_path: Path, theater) -> None:  # type: ignore[no-untyped-def]
    doc, golds = _loaded(tmp_path, _gold())
    assert golds[0].part == "development" and golds[0].unaligned == 0
    # Gold offsets (into the raw file) and system offsets (into the text) differ by the header.
    assert golds[0].places[0]["start"] != doc.text.index("Saraqib")
    s = score_places(golds, {NAME: _result(doc)}, theater.gazetteer)
    assert (s["right"], s["wrong"], s["spurious"], s["system_resolved"]) == (1, 1, 0, 2)
    assert s["precision"] == 0.5 and s["recall"] == 0.5  # Saraqib right, Hama put on Homs 40 km away
    assert s["found"] == 3 and s["gold_mentions"] == 3
    assert s["missing_reported_unresolved"] == 1 and s["missing_forced_onto_namesake"] == 0


def test_events_matched_with_a_wrong_field(tmp_path: Path, theater) -> None:  # type: ignore[no-untyped-def]
    doc, golds = _loaded(tmp_path, _gold(fatalities=3))
    events = [_event(doc.id, doc.text, "Saraqib", "Non-state actor overtakes territory", SARAQIB, 0),
              _event(doc.id, doc.text, "Hama", "Shelling/artillery/missile attack", HOMS, 0, actor1_side="")]
    s = score_events(golds, {NAME: _result(doc, events)}, theater)
    # Saraqib matches (same family, place, day); the shelling put on Homs does not.
    assert (s["matched"], s["system_events"], s["gold_events"]) == (1, 2, 2)
    assert s["precision"] == 0.5 and s["recall"] == 0.5
    assert s["accuracy"]["fatalities"] == 0.0 and s["accuracy"]["sub_event_type"] == 1.0
    assert s["accuracy"]["actor1_side"] == 1.0 and s["accuracy"]["actor2_side"] == 1.0  # blank = blank
    assert s["all_fields_right"] == 0.0
    # The same system output against a gold with the right count: every field right.
    doc, golds = _loaded(tmp_path, _gold(fatalities=0))
    s = score_events(golds, {NAME: _result(doc, events)}, theater)
    assert s["accuracy"]["fatalities"] == 1.0 and s["all_fields_right"] == 1.0


def test_control_per_document(tmp_path: Path, theater) -> None:  # type: ignore[no-untyped-def]
    doc, golds = _loaded(tmp_path, _gold())
    start = doc.text.index("Rebel")
    took = ControlAssertion(id="a1", place_id=SARAQIB[0], status="opposition", level="assessed",
                            valid_from=date(2024, 11, 30), time_precision=1, doc=doc.id, start=start, end=start + 40,
                            confidence=0.8)
    s = score_control(golds, {NAME: _result(doc, assertions=[took])}, theater)
    # Saraqib right; Hama stays with the baseline's government (wrong); the name-only row is skipped.
    assert (s["rows"], s["right"], s["skipped_no_place_id"], s["region_rows"]) == (2, 1, 1, 1)
    assert s["accuracy"] == 0.5
    s = score_control(golds, {NAME: _result(doc)}, theater)
    assert s["right"] == 0  # without the capture Saraqib has no opposition status of its own on that day


def test_split_and_part_are_checked(tmp_path: Path) -> None:
    texts, gold_dir = _write(tmp_path, _gold())
    (gold_dir / "split.toml").write_text('heldout = []\ndevelopment = []\n', encoding="utf-8")
    docs = {Path(d.path).name: d for d in read_paths([texts / NAME])}
    with pytest.raises(EvalError, match="no part"):
        load_real_gold(gold_dir, texts, docs)
    with pytest.raises(EvalError, match="part must be"):
        score_real(texts, gold_dir, part="train")


def test_score_real_end_to_end(tmp_path: Path, theater) -> None:  # type: ignore[no-untyped-def]
    texts, gold_dir = _write(tmp_path, _gold(), split="heldout")
    with (gold_dir / "split.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[table]\nplaces = ["Saraqib", "Aleppo"]\ndays = [2024-11-28, 2024-12-01, 2024-12-05, 2024-12-08]\n')
    (texts / "control_claims.csv").write_text(
        "event_date,place,governorate,controller_after,controller_before,claim_type,source_file,evidence_quote\n"
        "2024-11-30,Saraqib,Idlib,opposition,government,captured,x.txt,own words\n", encoding="utf-8")
    report = score_real(texts, gold_dir, part="heldout", theater=theater)
    part = report["parts"]["heldout"]
    assert list(report["parts"]) == ["heldout"] and part["documents"] == 1 and report["texts"] == 1
    assert part["places"]["gold_mentions"] == 3
    assert part["control"]["region_rows"] == 1
    assert report["combined"]["claims"]["rows"] == 1
    table = report["combined"]["table"]
    assert [r["place"] for r in table] == ["Saraqib", "Aleppo"] and all(len(r["cells"]) == 4 for r in table)
    saraqib = next(r for r in table if r["place"] == "Saraqib")
    # The claim of 30 November shows from that day on, not before.
    assert [c["claim"] for c in saraqib["cells"]] == ["", "opposition", "opposition", "opposition"]


def test_cli_eval_real(tmp_path: Path) -> None:
    texts, gold_dir = _write(tmp_path, _gold(), split="heldout")
    runner = CliRunner()
    bad = runner.invoke(app, ["eval-real", str(gold_dir), "--texts", str(texts), "--part", "train"])
    assert bad.exit_code == 2 and "part must be" in bad.output
    ok = runner.invoke(app, ["eval-real", str(gold_dir), "--texts", str(texts), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    report = json.loads(ok.output)
    assert report["parts"]["heldout"]["places"]["gold_mentions"] == 3 and report["combined"]["table"] == []  # no [table] in its split


def test_a_claims_place_is_read_as_a_phrase_when_its_name_is_no_entry(theater) -> None:  # type: ignore[no-untyped-def]
    """A claim's place that is a phrase ("Hama's military airport", "Idlib province") is the place the geoparser
    reads in it when the phrase is that place and at most a word of its class; anything more stays unmapped."""
    from frontlines.evaluate_real import _claim_place_id
    from frontlines.mentions.geoparse import Geoparser

    gp = Geoparser(theater)
    gaz = theater.gazetteer
    airport, mapped = _claim_place_id({"place": "Hama's military airport", "governorate": "Hama"}, gaz, gp)
    assert mapped and gaz.by_id[airport].kind == "facility"
    assert _claim_place_id({"place": "Idlib province", "governorate": ""}, gaz, gp) == ("adm1:idlib", True)
    assert not _claim_place_id({"place": "Thawra oil field", "governorate": ""}, gaz, gp)[1]  # not the city of that name
    assert not _claim_place_id({"place": "Hama's military airport", "governorate": "Hama"}, gaz)[1]  # by name alone


def test_a_gold_place_without_id_matches_a_place_added_since_by_any_of_its_names(tmp_path: Path, theater) -> None:  # type: ignore[no-untyped-def]
    """A gold row written when the gazetteer lacked the place (no id, its name) is the system's place of the same name,
    in any of the gazetteer's spellings, as well as the unmapped place of that name; another name is another place."""
    gold = _gold(fatalities=0)
    gold["events"][0] = {**gold["events"][0], "place_id": None, "name": "Saraqeb"}  # type: ignore[index]
    gold["control"][0] = {**gold["control"][0], "place_id": None, "name": "Saraqeb"}  # type: ignore[index]
    doc, golds = _loaded(tmp_path, gold)
    events = [_event(doc.id, doc.text, "Saraqib", "Non-state actor overtakes territory", SARAQIB, 0)]
    assert score_events(golds, {NAME: _result(doc, events)}, theater)["matched"] == 1
    start = doc.text.index("Rebel")
    took = ControlAssertion(id="a1", place_id=SARAQIB[0], status="opposition", level="assessed",
                            valid_from=date(2024, 11, 30), time_precision=1, doc=doc.id, start=start, end=start + 40,
                            confidence=0.8)
    s = score_control(golds, {NAME: _result(doc, assertions=[took])}, theater)
    assert s["right"] == 1 and s["skipped_no_place_id"] == 1  # Saraqeb scored at Saraqib; Kafr Testa still skipped
    gold["events"][0] = {**gold["events"][0], "name": "Sarmin"}  # type: ignore[index]
    doc, golds = _loaded(tmp_path, gold)
    assert score_events(golds, {NAME: _result(doc, events)}, theater)["matched"] == 0
    # a place mention the gold marked missing, resolved to a place of that name: right, not forced onto a namesake
    gold["places"][0] = {**gold["places"][0], "place_id": None, "missing": True, "name": "Saraqeb"}  # type: ignore[index]
    doc, golds = _loaded(tmp_path, gold)
    s = score_places(golds, {NAME: _result(doc)}, theater.gazetteer)
    assert (s["right"], s["missing_forced_onto_namesake"]) == (1, 0)
