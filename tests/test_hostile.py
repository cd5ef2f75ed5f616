"""Hostile inputs found by fuzzing (issue 9): each ends in a result or one error line and exit 2,
never a traceback. One test per crash cause; the inputs are written here, not copied from reports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import frontlines
from frontlines.cli import app
from frontlines.errors import InputError
from frontlines.mentions.dates import find_dates
from frontlines.read.ingest import clean_text, parse_date, read_file
from frontlines.settings import max_bytes

runner = CliRunner()


def _cli(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


# -- 1: digits of other scripts ------------------------------------------------------------------

def test_arabic_indic_digits_are_read_as_digits() -> None:
    text = "Shelling on ٣ December hit the town; ١٢ people fled."
    spans = find_dates(text, date(2024, 12, 5))
    assert [(s.text, s.date) for s in spans] == [("٣ December", date(2024, 12, 3))]
    assert text[spans[0].start:spans[0].end] == "٣ December"  # offsets are into the original text


def test_arabic_indic_report_in_a_folder_does_not_stop_the_ingest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("DATE: 2024-12-04\n\nShelling killed ٣ civilians in Saraqib.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("DATE: 2024-12-04\n\nHTS fighters captured Saraqib today.\n", encoding="utf-8")
    result = _cli("ingest", tmp_path, "--db", tmp_path / "x.db", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "ingested 2 new document(s)" in result.output


# -- 2: dates at the calendar's ends -----------------------------------------------------------------

@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 2), date(9999, 12, 31), date(9999, 1, 1)])
@pytest.mark.parametrize("text", ["They struck last Tuesday.", "It fell on 5 December.", "the past 999 weeks",
                                  "two days later", "the last week of December", "since Monday", "on the 30th"])
def test_calendar_ends_give_unknown_dates_not_overflow(published: date, text: str) -> None:
    for span in find_dates(text, published, context=published):
        assert span.date is None or date(1, 1, 1) <= span.date <= date(9999, 12, 31)


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "0000-01-01", "1799-12-31", "2200-01-01"])
def test_published_dates_outside_reason_are_refused(value: str) -> None:
    with pytest.raises(InputError, match=r"outside|impossible"):
        parse_date(value)


def test_calendar_edge_date_in_a_file_is_one_line(tmp_path: Path) -> None:
    f = tmp_path / "edge.txt"
    f.write_text("DATE: 9999-12-31\n\nRebels captured Saraqib on 5 December.\n", encoding="utf-8")
    assert "outside" in _one_line_error(_cli("ingest", f, "--db", tmp_path / "x.db"))


def test_api_refuses_edge_dates_with_its_own_error() -> None:
    with pytest.raises(InputError):
        frontlines.extract("Rebels captured Saraqib last Tuesday.", published=date(1, 1, 1))
    assert frontlines.extract("Rebels captured Saraqib last Tuesday.", published="2024-12-05").events  # (in the period)


def test_case_folded_letters_do_not_break_dates() -> None:
    spans = find_dates("during the ſecond week of December", date(2024, 12, 20))
    assert spans and spans[0].date_start == date(2024, 12, 8)


# -- 3: lone surrogates ------------------------------------------------------------------------------

def test_lone_surrogates_in_json_are_replaced(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl"
    f.write_text('{"text": "Rebels took Saraqib \\ud800 today.", "title": "\\udfff", "date": "2024-12-01"}\n')
    doc = read_file(f)[0]
    assert "\ufffd" in doc.text and doc.title == "\ufffd"
    doc.text.encode("utf-8")
    result = _cli("ingest", f, "--db", tmp_path / "x.db", "--workers", "1")
    assert result.exit_code == 0, result.output


def test_clean_text_keeps_newlines_and_tabs_and_drops_escapes() -> None:
    assert clean_text("a\tb\nc\x1b[31md\x07") == "a\tb\nc [31md "


# -- 4: Telegram parts of any type ---------------------------------------------------------------------

def test_telegram_parts_that_are_not_strings(tmp_path: Path) -> None:
    f = tmp_path / "result.json"
    f.write_text(json.dumps({"name": "chan", "messages": [
        {"id": 1, "type": "message", "date": "2024-12-01T10:00:00", "text": ["Rebels took ", 5, None, ["x"],
                                                                             {"type": "bold", "text": "Saraqib"}, {"text": 7}]},
    ]}))
    docs = read_file(f)
    assert [d.text for d in docs] == ["Rebels took Saraqib"]


# -- 5: deep JSON and huge numbers ---------------------------------------------------------------------

@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, '{"text": "x", "date": ' + "7" * 5000 + "}",
                                     '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"])
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_deep_json_and_huge_numbers_are_one_line(tmp_path: Path, content: str, suffix: str) -> None:
    f = tmp_path / f"deep{suffix}"
    f.write_text(content)
    with pytest.raises(InputError):
        read_file(f)
    line = _one_line_error(_cli("ingest", f, "--db", tmp_path / "x.db"))
    assert len(line) < 400


# -- 6: FRONTLINES_MAX_MB ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["abc", "inf", "-inf", "nan", "0", "-3", "1e400", "", "5000"])
def test_bad_max_mb_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("FRONTLINES_MAX_MB", value)
    with pytest.raises(InputError, match="FRONTLINES_MAX_MB"):
        max_bytes()
    f = tmp_path / "r.txt"
    f.write_text("DATE: 2024-12-01\n\nRebels took Saraqib.\n")
    assert "FRONTLINES_MAX_MB" in _one_line_error(_cli("ingest", f, "--db", tmp_path / "x.db"))


def test_good_max_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_MAX_MB", "0.5")
    assert max_bytes() == 512 * 1024


# -- 7: console markup in report text ------------------------------------------------------------------

MARKUP = "[/bold] [link=http://example.invalid]click[/link] :warning:"


def test_markup_in_reports_is_printed_as_text(tmp_path: Path) -> None:
    f = tmp_path / "m.txt"
    f.write_text(f"SOURCE: Monitor {MARKUP}\nDATE: 2024-11-30\n\nHTS fighters captured Saraqib {MARKUP} today.\n"
                 "On 2 December regime forces recaptured Saraqib.\n", encoding="utf-8")
    db = tmp_path / "x.db"
    assert _cli("ingest", f, "--db", db, "--workers", "1").exit_code == 0
    for args in (("changes", "--from", "2024-11-01", "--to", "2024-12-31"), ("history", "Saraqib"),
                 ("control",), ("changes-table",)):
        result = _cli(*args, "--db", db)
        assert result.exit_code == 0, (args, result.output)
    result = _cli("extract", f, "--format", "table")
    assert result.exit_code == 0, result.output
    history = _cli("history", "Saraqib", "--db", db).output
    assert "[/bold]" in history and "[link=" in history


def test_markup_in_a_place_argument(tmp_path: Path) -> None:
    f = tmp_path / "g.txt"
    f.write_text("DATE: 2024-11-30\n\nHTS fighters captured Saraqib today.\n")
    db = tmp_path / "x.db"
    _cli("ingest", f, "--db", db, "--workers", "1")
    result = _cli("history", "[/bold]", "--db", db)
    assert "Traceback" not in result.output and result.exit_code in (0, 2)


# -- 8: errors stay short and never show SQL -----------------------------------------------------------------

def test_long_bad_date_is_quoted_short(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text(json.dumps({"text": "Rebels took Saraqib.", "date": "x" * 5000}) + "\n")
    line = _one_line_error(_cli("ingest", f, "--db", tmp_path / "x.db"))
    assert len(line) < 300 and "xxxx" in line


def test_database_errors_name_no_sql(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("DATE: 2024-12-01\n\nRebels took Saraqib.\n")
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is no database, " * 400)
    line = _one_line_error(_cli("ingest", f, "--db", bad, "--workers", "1"))
    assert "database" in line and len(line) < 300
    for sql in ("SELECT", "INSERT", "CREATE", "PRAGMA", "[SQL"):
        assert sql not in line


# -- a party named only in a dateline the reader blanks ---------------------------------------------

def test_a_party_named_only_in_a_blanked_dateline_does_not_stop_the_reading() -> None:
    """"A STRIKES, Dec 2 - ...": a party named in a dateline label, which the reader blanks, left a mention with no
    words; a later definite noun ("the offensive") looked back at its last word and crashed. The report is read."""
    text = ("RUSSIAN STRIKES, Dec 2 - Russia's defence ministry said its aircraft, flying with the Syrian air force, had "
            "killed \"at least 50 militants\" in strikes on rebel depots near Saraqib on Sunday. The number could not be "
            "verified.\n\nDAMASCUS, Dec 2 - An Iranian envoy arrived in Damascus on Monday and met the president. He said "
            "Tehran would stand by the Syrian army and accused Israel of backing the offensive.")
    result = frontlines.extract(text, published="2024-12-02")
    assert [(e.sub_event_type, e.location) for e in result.events] == [("Air/drone strike", "Saraqib")]


def test_a_report_the_reader_fails_on_loses_only_its_own_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """A defect in the clause reader on one report (simulated) keeps the other reports' events and control, and the
    failed report's places, and says which report failed and why, instead of ending the whole run."""
    from frontlines.pipeline import Pipeline
    from frontlines.read.ingest import from_text
    from frontlines.theater import load_theater

    pipeline = Pipeline(load_theater("syria"))
    real_read = pipeline.read

    def flaky_read(doc_id, spacy_doc, *args, **kwargs):
        if "Morek" in spacy_doc.text:
            raise RuntimeError("simulated reader defect")
        return real_read(doc_id, spacy_doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read", flaky_read)
    docs = [from_text("Rebels took Sarmin on Friday.", published="2024-11-30"),
            from_text("Rebels took Morek on Friday.", published="2024-11-30")]
    good, bad = pipeline.run(docs)
    assert [e.location for e in good.events] == ["Sarmin"] and good.assertions and not good.warnings
    assert bad.events == () and bad.assertions == () and [p.name for p in bad.places] == ["Morek"]
    assert len(bad.warnings) == 1 and "simulated reader defect" in bad.warnings[0]
