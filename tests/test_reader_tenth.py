"""The clause reader, tenth pass: forms found on a fifteenth batch of prose of our own, one test per form, each with
its contrast.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import frontlines
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse


def events_of(text: str, published: str = "2024-12-06") -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.actor1_side, e.location) for e in frontlines.extract(text, published=published).events]


def _tokens(text: str) -> dict[str, tuple[str, str]]:
    doc = next(analyse([from_text(text, published="2024-12-06")])).spacy_doc
    return {t.lower_: (t.dep_, t.head.lower_) for t in doc}


def test_the_parse_is_repaired_once_a_gerund_subject_the_parser_made_an_auxiliary() -> None:
    """"government shelling damaged X": the parser makes "shelling" an auxiliary of "damaged" and "government" its
    subject; after the parse the gerund is the subject and "government" modifies it. A true auxiliary in -ing form
    governs a participle ("having seized") and is left as it is."""
    repaired = _tokens("Government shelling damaged a school in Atarib.")
    assert repaired["shelling"] == ("nsubj", "damaged")
    assert repaired["government"] == ("compound", "shelling")
    assert _tokens("The rebels, having seized Atarib, moved on.")["having"] == ("aux", "seized")
    assert events_of("Government shelling damaged a school in Atarib.") == [
        ("Shelling/artillery/missile attack", "government", "Atarib")]
