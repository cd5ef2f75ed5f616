"""The clause reader, nineteenth pass: forms found on batch 44 of prose of our own, one test per form, each with its
contrast.

The helpers are those of test_reader_seventeenth.py (the real pipeline: spaCy parse, gazetteer, actor dictionary,
with a report day of 6 December unless a test gives its own), and test_reader_eleventh.dated.
"""

from __future__ import annotations

from datetime import date

import frontlines
import test_reader_eleventh
from test_reader_seventeenth import events_of, statuses

MAYADIN = "gn:173480"
JASIM = "gn:165997"
SANAMAYN = "gn:172469"
DARAA = "gn:170905"
ALEPPO = "gn:170063"
HAMA = "gn:170017"

#: a channel the Syria theater knows as the opposition's own voice
OUR_CHANNEL = "Northern Front Monitor (pro-opposition Telegram channel)"


def test_a_subject_described_on_others_word_is_the_doer_of_the_verb_after_it() -> None:
    """"gunmen believed to belong to A attacked X": the parser makes "believed" the sentence's verb and the attack a
    clause under it; the attack is the verb, and the gunmen are A's. Without the description they are nobody's."""
    assert events_of("On Tuesday, gunmen believed to belong to the Islamic State attacked an army checkpoint near "
                     "Mayadin.") == [("Armed clash", "isis", "Mayadin")]
    assert events_of("On Tuesday, gunmen attacked an army checkpoint near Mayadin.") == [
        ("Armed clash", "unknown", "Mayadin")]


def test_a_verb_of_saying_raised_onto_its_subject_hedges_and_names_no_speaker() -> None:
    """"fighters said to be from A entered X": what others say of the fighters, a hedge; the fighters are no speaker.
    "A said it entered X" is A's claim."""
    def certainty(text: str) -> list[tuple[str, str]]:
        return [(e.certainty, e.claimed_by) for e in frontlines.extract(text, published="2024-12-06").events]

    assert certainty("On Thursday fighters said to be from Hayat Tahrir al-Sham entered Hama.") == [("uncertain", "")]
    assert [c for c, _ in certainty("On Thursday Hayat Tahrir al-Sham said its fighters entered Hama.")] == ["claimed"]


def test_a_posts_stamp_with_no_year_dates_the_post() -> None:
    """A digest's stamps ("[29.11 | 08:10]", "30.11, 19:05") are the days of the posts under them; a number with a
    point anywhere else is no date ("a 3.5 km stretch", "rose 12.5 percent")."""
    from frontlines.mentions.dates import find_dates

    def days(text: str) -> list[date | None]:
        return [d.date for d in find_dates(text, date(2024, 12, 1)) if d.kind == "explicit"]

    assert days("[29.11 | 08:10]") == [date(2024, 11, 29)]
    assert days("30.11, 19:05 Update from the front") == [date(2024, 11, 30)]
    assert days("A 3.5 km stretch of road was cut, and prices rose 12.5 percent.") == []
    digest = ("[29.11 | 17:35]\nRebel fighters captured Saraqib after a night of clashes.\n\n"
              "[30.11 | 09:10]\nRebel fighters captured Maarat al-Numan.")
    assert test_reader_eleventh.dated(digest, published="2024-12-01") == {
        "Saraqib": "2024-11-29", "Ma'arrat al-Nu'man": "2024-11-30"}


def test_a_place_that_is_ours_or_theirs_is_held() -> None:
    """"X is ours", "X is in our hands": held by the side a partisan post speaks for (its claim); from a source of no
    side the first person holds nothing. "the city was theirs by nightfall": the party named before."""

    def said(text: str, source: str) -> dict[str, str]:
        x = frontlines.extract(text, published="2024-12-01", source=source)
        return {a.place_id: a.status for a in x.assertions}

    assert said("Aleppo is ours.", OUR_CHANNEL) == {ALEPPO: "opposition"}
    assert said("Hama is in our hands tonight.", OUR_CHANNEL) == {HAMA: "opposition"}
    assert said("Aleppo is ours.", "Reuters") == {}
    assert statuses("Rebel fighters reached Daraa on Thursday. By nightfall the city was theirs.") == {
        DARAA: ("opposition", "2024-12-05")}


def test_a_state_its_object_is_left_in_is_no_departure() -> None:
    """"the fighting left X divided": a state the verb leaves its object in (a contest), not a departure from X; a
    party that leaves X departs. A town divided over a vote is split in opinion, no contest."""
    assert statuses("The fighting on Friday left Jasim divided.") == {JASIM: ("contested", "2024-12-06")}
    assert events_of("The fighting on Friday left Jasim divided.") == []
    assert events_of("The army left Jasim on Friday.") == [("Change to group/activity", "government", "Jasim")]
    assert statuses("The vote on Friday left Jasim divided.") == {}
    assert statuses("Jasim is divided over the vote.") == {}
    assert statuses("Jasim is divided between army units and local fighters.") == {JASIM: ("contested", "2024-12-06")}


def test_a_place_abandoned_with_nobody_named_and_then_entered_is_handed_over() -> None:
    """"X was abandoned on Thursday morning, and local fighters walked in by noon": the holder left it to those who
    entered, a transfer with no fight; an abandonment alone names nobody and moves no line; an attack after it is
    still a fight."""
    text = "Sanamayn was abandoned on Thursday morning, and local fighters walked in by noon."
    assert events_of(text) == [("Non-violent transfer of territory", "opposition", "Al-Sanamayn")]
    assert statuses(text) == {SANAMAYN: ("opposition", "2024-12-05")}
    assert events_of("Sanamayn was abandoned on Thursday morning.") == []
    assert statuses("Sanamayn was abandoned on Thursday morning.") == {}
    assert statuses("Sanamayn was abandoned on Thursday morning, and local fighters attacked it by noon.") == {
        SANAMAYN: ("contested", "2024-12-05")}
