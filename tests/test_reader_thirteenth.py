"""The clause reader, thirteenth pass: forms found on batches 26 and later of prose of our own, one test per form,
each with its contrast.

The helpers are those of test_reader.py and test_reader_eleventh.py (the real pipeline: spaCy parse, gazetteer,
actor dictionary), here with a report day of 15 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import frontlines
import test_reader_eleventh
from test_reader import status

events_of = partial(test_reader_eleventh.events_of, published="2024-12-15")
dated = partial(test_reader_eleventh.dated, published="2024-12-15")


def test_a_line_that_is_a_day_alone_heads_the_section_below_it() -> None:
    """A timeline's heading "6 December" on a line of its own is one sentence (not "6" and "December"), and what the
    section under it tells is of that day, with or without a blank line after the heading, even when the paragraph
    before named another day."""
    story = ("After the fall of Hama on 5 December the lines broke.\n\n6 December\nLocal fighters attacked army "
             "checkpoints across the south, and by the evening the factions had seized the city of Daraa.")
    assert dated(story) == {"Hama": "2024-12-05", "Daraa": "2024-12-06"}
    headed = "6 December\n\nRebels took Sanamayn.\n\n7 December\n\nFighters from the south took Nawa."
    assert dated(headed) == {"Al-Sanamayn": "2024-12-06", "Nawa": "2024-12-07"}
    # a paragraph under no heading starts afresh: the report's day
    assert dated("Rebels took Hama on 5 December.\n\nRebels took Sanamayn.") == {
        "Hama": "2024-12-05", "Al-Sanamayn": "2024-12-15"}


def test_fighters_placed_by_where_they_are_from_carry_on_the_last_attacker() -> None:
    """"southern fighters", "local fighters": a word of where a force is from or stands names no party of its own, so
    the bare plural carries on the story's last attacker, also when the parser hangs the fronted day on the subject
    ("On 8 December southern fighters ..."). A word that does describe a party of its own still stops it."""
    told = "On 7 December HTS took Rastan. On 8 December southern fighters entered Nawa."
    assert events_of(told)[-1] == ("Armed clash", "opposition", "Nawa")
    assert status(told, "Nawa", day="2024-12-08", published="2024-12-15") == "contested"
    assert events_of("On 7 December HTS took Rastan. Local fighters entered Nawa on 8 December.")[-1] == (
        "Armed clash", "opposition", "Nawa")
    # "foreign fighters" are set apart from the theater's sides: no entry of the attacker
    assert [e for e in events_of("On 7 December HTS took Rastan. Foreign fighters entered Nawa on 8 December.")
            if e[2] == "Nawa" and e[1] == "opposition"] == []


def test_an_entry_that_met_only_slight_resistance_took_the_place() -> None:
    """"entered X, meeting little resistance", "against light resistance": the fight was too small to hold X, so the
    entry took it (as one that met none does, without the fight); fierce resistance keeps it a fight."""
    for told in ("On 8 December rebels entered Nawa, meeting little resistance.",
                 "Rebels entered Nawa against light resistance on 8 December."):
        assert events_of(told) == [("Non-state actor overtakes territory", "opposition", "Nawa")], told
        assert status(told, "Nawa", day="2024-12-08", published="2024-12-15") == "opposition", told
    fierce = "On 8 December rebels entered Nawa and met fierce resistance."
    assert events_of(fierce) == [("Armed clash", "opposition", "Nawa")]
    assert status(fierce, "Nawa", day="2024-12-08", published="2024-12-15") == "contested"


def test_the_verb_reading_of_a_strike_names_whom_the_noun_reading_hit() -> None:
    """"A artillery shelled B positions at X": the weapon noun and the verb read one strike; the verb's object names
    whom it hit (the owner of the positions), which the noun's reading alone left open."""
    assert [(e.actor1_side, e.actor2_side) for e in frontlines.extract(
        "On 12 December SNA artillery shelled SDF positions at Abu Qalqal.", published="2024-12-15").events] == [
        ("opposition", "sdf")]
    # no owner named: the target stays open
    assert [(e.actor1_side, e.actor2_side) for e in frontlines.extract(
        "On 12 December SNA artillery shelled Abu Qalqal.", published="2024-12-15").events] == [("opposition", "")]


def test_a_strike_a_monitor_reports_is_by_the_doer_the_noun_names() -> None:
    """"SOHR reported Turkish drone strikes on X": the monitor tells of the strikes and did not strike; the doer is the
    one the strike noun names itself (its modifiers, or the theater's name for such strikes)."""
    told = "The Observatory reported Turkish drone strikes on SDF positions in Abu Qalqal on 16 December."
    assert [(e.actor1_side, e.actor2_side) for e in frontlines.extract(told, published="2024-12-18").events] == [
        ("turkey", "sdf")]
    told = "The Observatory reported Russian strikes on Abu Qalqal on 16 December."
    assert [e.actor1_side for e in frontlines.extract(told, published="2024-12-18").events] == ["russia"]
    # a strike noun that names no doer leaves it open; the monitor is never its doer
    told = "The Observatory reported drone strikes on Abu Qalqal on 16 December."
    assert [e.actor1_side for e in frontlines.extract(told, published="2024-12-18").events] == ["unknown"]


def test_an_entry_after_the_other_side_pulled_out_in_its_sentence_took_the_place() -> None:
    """"after a day of fighting B pulled its fighters out, and A entered X": the side that left is named without the
    place it left, and the entry after it in the same sentence took X from that side (a fight told: a taking, not a
    transfer). A leaving from another named place is not X's."""
    told = "After a day of fighting the SDF pulled its fighters out, and SNA factions entered Tell Rifaat on 1 December."
    assert [(e.sub_event_type, e.actor1_side, e.actor2_side) for e in frontlines.extract(
        told, published="2024-12-15").events] == [("Non-state actor overtakes territory", "opposition", "sdf")]
    assert status(told, "Tell Rifaat", day="2024-12-01", published="2024-12-15") == "opposition"
    elsewhere = "After a day of fighting the SDF pulled its fighters out of Manbij, and SNA factions entered Tell Rifaat on 1 December."
    assert status(elsewhere, "Tell Rifaat", day="2024-12-01", published="2024-12-15") == "contested"


def test_a_force_of_no_side_that_moves_in_unopposed_holds_the_place_for_none() -> None:
    """"Israeli forces moved into X": a named force of no side of the theater, with no fight told, deploys into X (a
    non-violent transfer), and X is held by none of the theater's sides ("unknown", as when such a force takes it).
    With a fight told it is still a fight for X; a side of the theater moving in still fights for it."""
    told = "Israeli forces moved into Quneitra on 8 December."
    assert events_of(told) == [("Non-violent transfer of territory", "israel", "Quneitra")]
    assert status(told, "Quneitra", day="2024-12-08", published="2024-12-15") == "unknown"
    fought = "Israeli forces moved into Quneitra on 8 December after clashes with local gunmen."
    assert events_of(fought) == [("Armed clash", "israel", "Quneitra")]
    assert events_of("Rebels moved into Quneitra on 8 December.") == [("Armed clash", "opposition", "Quneitra")]


def test_a_place_noun_with_a_common_noun_of_complement_is_described_afresh() -> None:
    """"the area of separation": a place noun whose "of" phrase is a common noun names a place of its own, not the
    place named before it; "the area of the dam", "the town of X" still refer or name."""
    told = "Fighting went on in Manbij on 9 December. Israeli forces moved into the area of separation on 8 December."
    assert [e for e in events_of(told) if e[1] == "israel"] == []
    assert status(told, "Manbij", day="2024-12-09", published="2024-12-15") == "contested"


def test_a_party_announcing_an_agreement_told_in_the_passive_is_its_party() -> None:
    """"A announced that a ceasefire in X had been reached": an agreement told in the passive with no doer, under an
    armed party's announcement, is an agreement that party made. An announcer that does not fight names no party, and
    a council's budget is no agreement of war."""
    told = "On 11 December the SDF announced that a ceasefire in Manbij had been reached through US mediation."
    assert events_of(told) == [("Agreement", "sdf", "Manbij")]
    assert events_of("On 11 December the UN announced that a ceasefire in Manbij had been reached.") == []
    assert events_of("On 11 December the SDF announced that a budget for Manbij had been agreed.") == []


def test_the_facility_noun_refers_to_the_facility_whose_name_holds_it() -> None:
    """"X Dam ... the Y bridge ... the dam": a facility noun refers back to the facility named with that noun, not
    to the last facility named."""
    told = ("Clashes erupted at the Tishreen Dam on 10 December, and SNA artillery shelled SDF positions at the Qara "
            "Qozak bridge on 12 December. Turkish drones struck SDF positions at the dam on 16 December.")
    assert [e[2] for e in events_of(told) if e[1] == "turkey"] == ["Tishrin dam"]
    # the earlier events keep their own places
    assert [e[2] for e in events_of(told) if e[1] != "turkey"] == ["Tishrin dam", "Qara Qozak bridge"]
