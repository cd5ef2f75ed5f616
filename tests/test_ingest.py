"""Ingest: formats, metadata and clear refusals."""

from __future__ import annotations

import json
from datetime import date

import pytest

from frontlines.errors import InputError
from frontlines.read.ingest import document_id, from_text, parse_date, read_file, read_paths

REPORT = "SOURCE: Test Monitor\nDATE: 2024-11-29\nTITLE: Day three\n\nRebels entered Aleppo.\n"


def test_text_header(tmp_path) -> None:
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    (doc,) = read_file(f)
    assert (doc.source, doc.published, doc.title) == ("Test Monitor", date(2024, 11, 29), "Day three")
    assert doc.text == "Rebels entered Aleppo."


def test_markdown_front_matter(tmp_path) -> None:
    f = tmp_path / "r.md"
    f.write_text("---\nsource: Analyst\ndate: 2024-12-01\n---\n# Update\n\n- HTS took Hama.\n", encoding="utf-8")
    (doc,) = read_file(f)
    assert doc.source == "Analyst" and doc.published == date(2024, 12, 1) and doc.format == "markdown"
    assert doc.text.startswith("# Update")


def test_cli_values_fill_gaps_only(tmp_path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text("Fighting near Saraqib.", encoding="utf-8")
    (doc,) = read_file(f, source="Wire", published=date(2024, 11, 30))
    assert doc.source == "Wire" and doc.published == date(2024, 11, 30)


def test_html(tmp_path) -> None:
    f = tmp_path / "p.html"
    f.write_text(
        '<html><head><title>Aleppo falls</title><meta name="source" content="Dispatch">'
        '<meta property="article:published_time" content="2024-11-30T09:00:00Z"></head>'
        "<body><nav>Menu</nav><article><p>Rebels took the citadel.</p><p>Jets struck Idlib.</p></article></body></html>",
        encoding="utf-8",
    )
    (doc,) = read_file(f)
    assert doc.title == "Aleppo falls" and doc.source == "Dispatch" and doc.published == date(2024, 11, 30)
    assert doc.text == "Rebels took the citadel.\n\nJets struck Idlib."


def test_jsonl_and_telegram(tmp_path) -> None:
    f = tmp_path / "posts.jsonl"
    f.write_text("\n".join(json.dumps({"id": f"ch-{i}", "source": "Channel", "published": "2024-12-02T21:00:00+03:00",
                                       "text": f"Post {i} about Hama"}) for i in range(3)), encoding="utf-8")
    docs = read_file(f)
    assert [d.url for d in docs] == ["ch-0", "ch-1", "ch-2"] and docs[0].published == date(2024, 12, 2)
    t = tmp_path / "result.json"
    t.write_text(json.dumps({"name": "Front Channel", "messages": [
        {"id": 1, "type": "message", "date": "2024-12-03T10:00:00", "text": ["Breaking: ", {"type": "bold", "text": "Hama"}]},
        {"id": 2, "type": "service", "date": "2024-12-03T10:01:00", "text": ""},
    ]}), encoding="utf-8")
    (msg,) = read_file(t)
    assert msg.text == "Breaking: Hama" and msg.source == "Front Channel"


def test_rss(tmp_path) -> None:
    f = tmp_path / "feed.rss"
    f.write_text(
        "<?xml version='1.0'?><rss><channel><title>Wire</title>"
        "<item><title>A</title><pubDate>Sat, 30 Nov 2024 10:00:00 +0000</pubDate><description>&lt;p&gt;HTS took Saraqib.&lt;/p&gt;</description></item>"
        "</channel></rss>", encoding="utf-8")
    (doc,) = read_file(f)
    assert doc.text == "HTS took Saraqib." and doc.published == date(2024, 11, 30) and doc.source == "Wire"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary", "binary"), ("Alep\xe9".encode("latin-1"), "not UTF-8")],
)
def test_bad_files(tmp_path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_file(f)


def test_too_big(tmp_path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="limit"):
        read_file(f, max_bytes=1024)


def test_empty_directory_and_missing_path(tmp_path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="no reports"):
        read_paths([tmp_path])
    with pytest.raises(InputError, match="no such file"):
        read_paths([tmp_path / "nope.txt"])


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-01", "yesterday", ""])
def test_impossible_dates(value: str) -> None:
    with pytest.raises(InputError, match="impossible"):
        parse_date(value)


def test_ids_are_stable_and_content_based() -> None:
    assert document_id("a", "text") == document_id("a", "text") != document_id("a", "text2")
    assert from_text("Rebels took Hama.", published="2024-12-05").published == date(2024, 12, 5)


def test_wiki_markup_is_cleaned(tmp_path) -> None:
    f = tmp_path / "wiki.txt"
    f.write_text("SOURCE: Wikipedia\nDATE: 2024-12-08\n\nHTS captured Urum al-Kubra|Urm al-Kubra, Anjara and "
                 "Bara, Syria|Bara within {{convert|20|km}} of '''Aleppo'''.{{refn|group=note|x}}\n", encoding="utf-8")
    (doc,) = read_file(f)
    assert doc.text == "HTS captured Urum al-Kubra, Urm al-Kubra, Anjara and Bara, Syria, Bara within 20 km of Aleppo."
    plain = tmp_path / "plain.txt"
    plain.write_text("BREAKING | Rebels entered Saraqib.\n", encoding="utf-8")
    assert read_file(plain)[0].text == "BREAKING | Rebels entered Saraqib."
