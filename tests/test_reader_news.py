"""The clause reader, eighth pass: forms found on a ninth batch of prose of our own (analysts' updates, wire
stories, a regional feature, a humanitarian update, an encyclopedia narrative, a briefing, a live blog,
channel posts), one test per form, each with its contrast where the same words carry no war.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import frontlines


def events_of(text: str, published: str = "2024-12-06") -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.actor1_side, e.location) for e in frontlines.extract(text, published=published).events]


def test_a_deed_done_with_a_verb_is_its_armed_subjects() -> None:
    """"A responded with strikes on X": the strikes are the subject's; people who do not fight are nobody's doer."""
    assert events_of("Government forces retaliated with heavy shelling of Sarmin on Friday.") \
        == [("Shelling/artillery/missile attack", "government", "Sarmin")]
    assert events_of("Residents woke up with shelling on Sarmin on Friday.") \
        == [("Shelling/artillery/missile attack", "unknown", "Sarmin")]
    assert events_of("Shopkeepers in Sarmin responded with strikes against the new tax.") == []
