"""The clause reader, twenty-second pass: forms found on batch 53 of prose of our own and on probes in our own
words, one test per form, each with its contrast.

The helpers are those of test_reader_seventeenth.py (the real pipeline: spaCy parse, gazetteer, actor dictionary,
with a report day of 6 December unless a test gives its own).
"""

from __future__ import annotations

import frontlines
from test_reader_eleventh import dated
from test_reader_seventeenth import events_of, statuses
from test_reader_twentieth import MOREK
from test_reader_twentyfirst import ALEPPO, HOMS

DAMASCUS = "gn:170654"
ANJARA = "wp:anjara"
URUM = "wp:urum-al-sughra"


def test_a_day_closed_by_a_stop_that_opens_a_paragraph_dates_it() -> None:
    """"29 November. At first light, A took X.": a chronology's day that heads its paragraph on the paragraph's own line
    is one sentence, whatever line stands above it (a title), and dates what the paragraph tells."""
    text = ("Ten days that broke the front\n\n29 November. At first light, rebels overran Saraqib.\n\n"
            "1 December. The army abandoned Khan Shaykhun.\n")
    assert dated(text, published="2024-12-09") == {"Saraqib": "2024-11-29", "Khan Shaykhun": "2024-12-01"}
    # (a paragraph that opens with prose keeps the report's day)
    assert dated("Ten days that broke the front\n\nAt first light, rebels overran Saraqib.\n",
                 published="2024-12-09") == {"Saraqib": "2024-12-09"}


def test_a_name_that_leads_a_list_of_known_places_is_a_place() -> None:
    """"By dusk Hawr, A and B were under rebel control": a name before a comma that opens a list of places the
    gazetteer knows is a place it lacks, and takes the list's status; a day or a function word before it is no part
    of the name."""
    found = statuses("By dusk Hawr, Anjara and Urum al-Sughra were under rebel control.")
    assert found == {"name:hawr": ("opposition", "2024-12-06"), ANJARA: ("opposition", "2024-12-06"),
                     URUM: ("opposition", "2024-12-06")}
    assert set(statuses("On Tuesday, Anjara and Urum al-Sughra were under rebel control.")) == {ANJARA, URUM}
    # (a name before one known place alone leads no list)
    assert set(statuses("Nearby Hawr, Anjara was under rebel control.")) == {ANJARA}


def test_a_weekday_of_a_named_week_is_that_week_s_day() -> None:
    """"the Wednesday of last week", "Wednesday last week": the weekday of the week before the report's (and the
    days the story counts on from it); "the Wednesday meeting" names no day."""
    text = ("On the Wednesday of last week, rebels crossed the front. By that evening they had overrun Anjara. "
            "The next day Saraqib was taken.")
    assert dated(text) == {"Anjara": "2024-11-27", "Saraqib": "2024-11-28"}
    assert dated("Rebels overran Anjara on Wednesday last week.") == {"Anjara": "2024-11-27"}
    assert dated("Rebels overran Anjara after the Wednesday meeting.") == {"Anjara": "2024-12-06"}


def test_a_day_that_opens_the_next_coordinated_clause_is_that_clause_s() -> None:
    """"On Monday A took X, and yesterday, after a night of fighting, B said it had left Y": the day that opens the
    second clause dates its deed, however far before its predicate, and the first keeps its own."""
    text = ("On Monday the rebels seized Morek, and yesterday, after a night of street battles, the army announced that "
            "its units had withdrawn from Hama.")
    assert dated(text) == {"Morek": "2024-12-02", "Hama": "2024-12-05"}
    assert dated("On Monday the rebels seized Morek after a night of street battles, and the army withdrew from Hama.") \
        == {"Morek": "2024-12-02", "Hama": "2024-12-02"}


def test_the_city_after_its_districts_is_the_city_they_are_of() -> None:
    """"... into the western districts of X; by Saturday the city had slipped from A's grip": the districts are parts of
    X, so X is the city referred to, not a city named before it; "the town of X" still calls X a town."""
    text = ("Rebels cut the road that links Aleppo to Damascus. On Friday they fought their way into the western "
            "districts of Aleppo; by Saturday the city had slipped from the government's grip.")
    assert statuses(text)[ALEPPO] == ("opposition", "2024-11-30")
    assert DAMASCUS not in statuses(text)


def test_an_unsided_attack_told_by_a_party_is_that_party_s() -> None:
    """"The Syrian defence ministry said a counter-attack had retaken X": an attack that names no side, told by a
    party's voice, is that party's own (a retaking by the government); told by no party it has no side."""
    claimed = frontlines.extract("On Tuesday the Syrian defence ministry said that a counter-attack had retaken Morek.",
                                 published="2024-12-06")
    assert [(e.sub_event_type, e.actor1_side, e.certainty) for e in claimed.events] == [
        ("Government regains territory", "government", "claimed")]
    assert statuses("On Tuesday the Syrian defence ministry said that a counter-attack had retaken Morek.") == {
        MOREK: ("government", "2024-12-03")}
    # (a party named on the attack itself is its side, whoever tells of it)
    assert events_of("On Tuesday the Syrian defence ministry said that a rebel assault had taken Morek.") == [
        ("Non-state actor overtakes territory", "opposition", "Morek")]


def test_a_time_of_day_after_a_preposition_is_no_word_of_the_name_after_it() -> None:
    """"By dusk Hawr, A and B were held": the parser reads "dusk" as the first word of the name, or the name as the
    preposition's object; the time is the object of "by" and the name the subject of the verb. A name that is the
    preposition's own object stays so ("by Hawr")."""
    from frontlines.read.nlp import load_nlp
    doc = load_nlp()("By dusk Hawr, Anjara and Urum al-Sughra were under rebel control.")
    dusk, hawr = doc[1], doc[2]
    assert (dusk.dep_, dusk.head.text) == ("pobj", "By")
    assert (hawr.dep_, hawr.head.text) == ("nsubj", "were")
    plain = load_nlp()("The convoy was stopped by Hawr residents at dawn.")
    assert next(t for t in plain if t.text == "dawn").dep_ == "pobj"


def test_a_pronoun_that_opens_a_report_speaks_for_the_subject_before_it() -> None:
    """"The ministry has not commented on the loss. It says X remains in government hands": the pronoun that tells the
    report is the party the sentence before had as its subject, so the status is that party's claim; a pronoun with
    no party before it is nobody's."""
    text = "The Syrian defence ministry has not commented on the loss. It says Homs remains firmly in government hands."
    found = frontlines.extract(text, published="2024-12-07").assertions
    assert [(a.place_id, a.status, a.level) for a in found] == [(HOMS, "government", "claimed")]
    plain = frontlines.extract("The weather turned cold. It says Homs remains firmly in government hands.",
                               published="2024-12-07").assertions
    assert [(a.status, a.level) for a in plain] == [("government", "assessed")]


def test_the_ministry_of_defence_unqualified_is_the_theater_s_own() -> None:
    """"The defence ministry said ...": in the theater's reports an unqualified ministry of defence is the state's own,
    so its claims are the government's; a ministry named with another country is not."""
    claimed = frontlines.extract("The defence ministry said that a counter-attack had retaken Morek on Tuesday.",
                                 published="2024-12-06").events
    assert [(e.sub_event_type, e.actor1_side, e.certainty) for e in claimed] == [
        ("Government regains territory", "government", "claimed")]
    actors = frontlines.extract("The Russian defence ministry said its jets struck Idlib.", published="2024-12-06").actors
    assert [a.actor_id for a in actors if "ministry" in a.mention] == ["russian_mod"]
    ours = frontlines.extract("The defence ministry said its jets struck Idlib.", published="2024-12-06").actors
    assert [a.actor_id for a in ours if "ministry" in a.mention] == ["mod"]


def test_a_party_named_only_as_the_teller_is_not_the_fighters_after_it() -> None:
    """"The ministry claimed a counter-attack had retaken X. ... The fighters seized Y": the party that only tells is no
    antecedent of a later "the fighters"; the party named in the story is ("... and driven the rebels back")."""
    text = ("On Tuesday the Syrian defence ministry claimed that a counter-attack had retaken Halfaya and driven the rebels "
            "back. The reprieve did not last. On Wednesday the fighters seized Morek.")
    assert ("Non-state actor overtakes territory", "opposition", "Morek") in events_of(text)


def test_the_other_side_of_a_taking_is_not_a_party_of_another_clause() -> None:
    """"Local factions seized X, and in the east the SDF moved into Y": the SDF does its own deed in its own clause, so
    it is not who lost X (the holder of X is); a party named in the taking's own clause still is ("A overran the
    B-held town of X")."""
    text = ("In the south, local factions seized Daraa, and in the east the SDF moved into Raqqa.")
    taken = [e for e in frontlines.extract(text, published="2024-12-06").events if e.location == "Daraa"]
    assert [(e.actor1_side, e.actor2_side) for e in taken] == [("opposition", "government")]
    own = frontlines.extract("Rebels overran the SDF-held town of Tell Rifaat.", published="2024-12-06").events
    assert [(e.actor1_side, e.actor2_side) for e in own] == [("opposition", "sdf")]


def test_a_subordinator_read_as_a_preposition_keeps_its_clause_s_subject() -> None:
    """"A moved into X after army units and allied militias withdrew": the parser reads "after" as a preposition with
    the units its object; the verb right after them is the clause's, with the units its subject, so the entry is
    into a place the other side left (a hand-over); "after the fall of Y" is a preposition still."""
    from frontlines.read.nlp import load_nlp
    doc = load_nlp()("The SDF moved into Raqqa after army units and allied militias withdrew.")
    units = next(t for t in doc if t.text == "units")
    assert (units.dep_, units.head.text) == ("nsubj", "withdrew")
    assert statuses("The SDF moved into Raqqa after army units and allied militias withdrew.") == {
        "gn:172955": ("sdf", "2024-12-06")}
    plain = load_nlp()("The SDF moved into Raqqa after the fall of Tabqa.")
    assert next(t for t in plain if t.text == "fall").dep_ == "pobj"


def test_a_later_bare_fighters_carries_on_the_deed_told_as_fact() -> None:
    """"A entered X, although B said it was still fighting there. ... Hours later fighters entered Y": the deed the
    report tells as fact is the one a bare "fighters" carries on, not the one a party only claims of itself."""
    text = ("On Saturday opposition fighters entered Homs, although the army said it was still fighting in the city. "
            "Hours later fighters entered Damascus without meeting resistance.")
    assert ("Non-violent transfer of territory", "opposition", "Damascus") in events_of(text)
    assert statuses(text)["gn:170654"] == ("opposition", "2024-11-30")


def test_taking_charge_of_a_place_is_a_taking_by_armed_men_only() -> None:
    """"Local factions took charge of X": the light verb of taking over; "the new mayor took charge of X" takes no
    place."""
    assert statuses("Druze factions took charge of Suwayda city without resistance.") == {
        "gn:172408": ("opposition", "2024-12-06")}
    assert statuses("The new mayor took charge of Suwayda city on Monday.") == {}


def test_a_heading_that_names_a_day_and_a_place_opens_that_day_s_entry() -> None:
    """"Friday 6 December, A and B" on a line of its own: a diary's heading names the day of the entry below it (and
    where it was written), so the entry's undated news is of that day; a line of prose that opens with a day and
    ends with a stop is no heading."""
    text = ("Thursday 5 December, late, Hama\n\nWe drove into Hama after dark.\n\n"
            "Friday 6 December, Rastan and Talbiseh\n\nWe left at first light.\n\n"
            "By mid-morning al-Rastan was in opposition hands.\n")
    assert statuses(text, published="2024-12-08")["gn:172946"] == ("opposition", "2024-12-06")
    prose = ("Thursday 5 December, late, we drove into Hama.\n\nBy mid-morning al-Rastan was in opposition hands.\n")
    assert statuses(prose, published="2024-12-08")["gn:172946"] == ("opposition", "2024-12-08")


def test_a_day_told_back_from_a_heading_s_day_does_not_move_the_entry_back() -> None:
    """Under "Friday 6 December" of a diary of several days, "the bridge had been hit the evening before" is of the
    5th, but the entry's next undated news is still of the 6th."""
    text = ("Thursday 5 December\n\nWe drove into Hama after dark.\n\nFriday 6 December\n\n"
            "The bridge at al-Rastan had been hit by aircraft the evening before.\n\n"
            "Al-Rastan itself needed no fight. By mid-morning the rebels held Talbiseh.\n\n"
            "Saturday 7 December\n\nWe waited in a village.\n")
    found = statuses(text, published="2024-12-08")
    assert found["gn:163779"] == ("opposition", "2024-12-06")
    assert dated(text, published="2024-12-08")["Al-Rastan"] == "2024-12-05"
