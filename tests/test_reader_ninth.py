"""The clause reader, ninth pass: forms found on a twelfth batch of prose of our own (a humanitarian flash
update, a UN news story, an encyclopedia timeline, a defence briefing, an analyst's update, a wire story, an NGO
situation report, a newspaper explainer), one test per form, each with its contrast.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import frontlines
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse
from test_reader import says_nothing, status


def events_of(text: str, published: str = "2024-12-06") -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.actor1_side, e.location) for e in frontlines.extract(text, published=published).events]


def test_bare_fighters_carry_on_the_last_attacker() -> None:
    """"A took X. Fighters also seized Y": a bare plural armed noun with no article or modifier goes on with the
    doer of the last attack or taking; not with the doer of a retreat, and not when its own clause names that side."""
    taken = "Rebel factions took control of Daraa on Friday. "
    assert events_of(taken + "Fighters also seized Jasim.")[-1] == ("Non-state actor overtakes territory", "opposition",
                                                                    "Jasim")
    assert events_of("The army said it would withdraw from Daraa. Fighters also seized Jasim.")[-1][1] != "government"
    assert events_of(taken + "Troops drove the rebels out of Jasim.")[-1][1] != "opposition"


def test_a_withdrawal_and_an_entry_of_the_same_place_are_one_change_of_hands() -> None:
    """"B pulled out of X, and A entered the town": one taking by A from B (a transfer with no fight told, a capture
    after one), not a withdrawal beside an entry; people who do not fight take nothing."""
    quiet = "Army units pulled out of Saraqib overnight, and rebels entered the town on Friday."
    assert events_of(quiet) == [("Non-violent transfer of territory", "opposition", "Saraqib")]
    assert status(quiet, "Saraqib", day="2024-12-06", published="2024-12-06") == "opposition"
    fought = "After a fresh assault, rebels entered Saraqib as government troops pulled back from the town."
    assert events_of(fought) == [("Non-state actor overtakes territory", "opposition", "Saraqib")]
    aid = "Army units pulled out of Saraqib overnight, and aid convoys entered the town on Friday."
    assert [e[0] for e in events_of(aid)] == ["Change to group/activity"]


def test_an_attributive_participle_is_no_battle() -> None:
    """"the surrounding villages": a participle describing a noun tells no fight, so an entry as the other side
    left is still unopposed; a told siege is a fight."""
    moved = "The SDF moved into Deir Hafer and the surrounding villages after regime forces abandoned their positions there."
    assert events_of(moved)[0][:2] == ("Non-violent transfer of territory", "sdf")
    besieged = "The SDF surrounded and then moved into Deir Hafer after regime forces abandoned their positions there."
    assert events_of(besieged)[0][0] != "Non-violent transfer of territory"


def test_a_clause_that_asks_who_did_it_tells_no_deed() -> None:
    """"it is not known which group has entered X", "unclear who holds X": an embedded question asserts nothing;
    the same verb with a named subject does."""
    asked = "Government forces withdrew from Khanaser; it is not known which armed group has since entered the town."
    assert [e[0] for e in events_of(asked)] == ["Change to group/activity"]
    assert status(asked, "Khanaser", day="2024-12-06", published="2024-12-06") == "unknown"
    told = "Government forces withdrew from Khanaser; it is known that rebel fighters have since entered the town."
    assert status(told, "Khanaser", day="2024-12-06", published="2024-12-06") == "opposition"


def test_the_greater_part_of_a_place_is_most_of_it() -> None:
    """"the greater part of X fell to A" is a taking of X, as "most of X"; "part of X" leaves X contested."""
    assert status("The greater part of Saraqib fell to the rebels on Friday.", "Saraqib", published="2024-11-30") \
        == "opposition"
    assert status("Part of Saraqib fell to the rebels on Friday.", "Saraqib", published="2024-11-30") == "contested"


def test_a_subject_hung_on_a_fronted_day_is_the_subject() -> None:
    """"By Saturday, 30 November, the greater part of X had fallen under A control": the parser makes the subject
    an apposition of the day; it is still what fell."""
    text = ("By Saturday, 30 November, the greater part of Saraqib city, including the market and the town hall, had "
            "fallen under rebel control.")
    assert ("Non-state actor overtakes territory", "opposition", "Saraqib") in events_of(text)


def test_a_state_under_a_raising_verb_belongs_to_its_subject() -> None:
    """"X appears to be in A's hands", "X is reported to be under the control of A": the raising verb's subject is
    the place held; a wish for the state asserts nothing."""
    assert status("Saraqib appears to be in rebel hands.", "Saraqib") == "opposition"
    assert status("Saraqib is reported to be under the control of rebel forces.", "Saraqib") == "opposition"
    assert says_nothing("The rebels want Saraqib to be in their hands.")


def test_targets_listed_after_a_named_place_are_struck_too() -> None:
    """"strikes hit areas of A city, a market in B and the outskirts of C": the parser hangs the later targets on A
    as its apposition; each names a place struck. One apposition alone says what A is ("A, a hub near B")."""
    text = "In Idleb governorate, air strikes hit homes in Idleb city, a market in Sarmada and the outskirts of Binnish."
    assert {e[2] for e in events_of(text)} >= {"Idlib", "Sarmada", "Binnish"}
    assert [e[2] for e in events_of("Jets struck Saraqib city, a busy hub near Idlib.")] == ["Saraqib"]


def test_a_question_asserts_nothing() -> None:
    """"How did the rebels take X?", "are they still holding X?": a clause in the order of a question tells no deed
    and no state; a told clause before a question still does."""
    assert says_nothing("How did the rebels take Saraqib so fast?")
    assert says_nothing("Did aircraft support that advance, and are the rebels still holding Saraqib?")
    asked_after = "Jets struck Saraqib on Sunday, so was anyone warned in advance?"
    assert [e[2] for e in events_of(asked_after)] == ["Saraqib"]


def test_an_incident_lines_label_names_its_scene() -> None:
    """An incident digest's line "D, X: Town fell to A" or "D, X: gunmen shot a man near his home": the bare class
    noun after the label, and a violent act with no place of its own, are at the labelled place, on the labelled
    day. A label does not make news of a sentence with no war in it."""
    digest = ("04 Dec, Souran: Town fell to opposition fighters after an overnight assault.\n"
              "SOUTH\n"
              "02 Dec, Nawa: Unknown gunmen shot dead a local mukhtar near his home.\n"
              "03 Dec, Sarmin: Prices fell sharply at the market.")
    events = frontlines.extract(digest, published="2024-12-09").events
    assert {(e.sub_event_type, e.location, str(e.date)) for e in events} == {
        ("Non-state actor overtakes territory", "Suran", "2024-12-04"), ("Attack", "Nawa", "2024-12-02")}


def test_overnight_in_a_sentence_that_names_its_day_is_that_days_night() -> None:
    """"On D, the town fell after an overnight assault": the night is of the day the sentence names; told alone,
    "overnight" is the night before the report."""
    dated = "On 4 December, rebels captured Souran after an overnight assault."
    assert [str(e.date) for e in frontlines.extract(dated, published="2024-12-09").events] == ["2024-12-04"]
    alone = "Rebels shelled Hama overnight."
    assert [str(e.date) for e in frontlines.extract(alone, published="2024-12-09").events] == ["2024-12-09"]


def test_people_of_civilian_standing_killed_are_an_attack_on_civilians() -> None:
    """A village headman, an elder, an activist shot dead: violence against a civilian; a commander is a fighter."""
    assert [e[0] for e in events_of("Gunmen shot dead a local mukhtar in Nawa.")] == ["Attack"]
    assert [e[0] for e in events_of("Gunmen shot dead an activist in Nawa.")] == ["Attack"]
    assert [e[0] for e in events_of("Gunmen killed a rebel commander in Nawa.")] != ["Attack"]


def test_each_dated_entry_of_a_timeline_is_read_on_its_own() -> None:
    """A timeline of headline lines with no closing stops ("Nov. 27 - Rebels ... seize A and B"): each line that
    opens with a dated label is a sentence of its own for the parser too (not the wrapped rest of the line above),
    dated by its label."""
    timeline = ("Here is how the offensive unfolded:\n"
                "Nov. 27 - Rebels launch surprise offensive west of Aleppo, seize Anjara and Hish\n"
                "Nov. 28 - Rebels cut Aleppo-Damascus highway, capture Khan al-Asal\n"
                "Nov. 29 - Insurgents storm Hamdaniyah district as reinforcements fail to arrive\n"
                "Nov. 30 - Rebels seize Saraqib; army says it is redeploying")
    analysis = next(analyse([from_text(timeline, published="2024-12-08")]))
    starts = {t.idx for t in analysis.spacy_doc if t.is_sent_start}
    assert all(timeline.index(label) in starts for label in ("Nov. 27", "Nov. 28", "Nov. 29", "Nov. 30"))
    days = {e.location: str(e.date) for e in frontlines.extract(timeline, published="2024-12-08").events}
    assert days["Saraqib"] == "2024-11-30" and days["Khan al-Asal"] == "2024-11-28"
    wrapped = "The rebels said that on Friday they had taken\n12 villages - a claim the army denied."
    second = wrapped.index("12 villages")
    assert second not in {t.idx for t in next(analyse([from_text(wrapped, published="2024-12-08")])).spacy_doc
                          if t.is_sent_start}


def test_a_gerund_the_parser_made_an_auxiliary_still_names_a_happening() -> None:
    """"government shelling damaged a hospital in X": the tagger makes "shelling" an auxiliary of "damaged"; it is
    the shelling, the government's, at X. Another noun there names no happening."""
    text = "Earlier, on 28 November, government shelling damaged the dialysis unit of a hospital in Al-Atarib."
    assert events_of(text) == [("Shelling/artillery/missile attack", "government", "Atarib")]
    assert events_of("Earlier, on 28 November, government spending damaged the economy of Al-Atarib.") == []


def test_the_doer_of_a_passive_is_a_happening_there() -> None:
    """"In X, a clinic was put out of service by a drone strike": the strike is the passive's doer, at X; a doer
    that is no happening ("by the organisers") makes nothing."""
    assert events_of("In Sarmin, a mobile clinic was put out of service by a drone strike on Tuesday.") \
        == [("Air/drone strike", "unknown", "Sarmin")]
    assert events_of("In Sarmin, the festival was put on hold by the organisers on Tuesday.") == []


def test_a_time_of_day_gives_way_to_the_day_it_names() -> None:
    """"fell before dawn on December 8" is of December 8 (not the report's day); "overnight on November 27-28" is
    one night, told of the morning it ended."""
    fell = "By the time Damascus fell to the rebels before dawn on December 8, the state had ceased to exist."
    assert [str(e.date) for e in frontlines.extract(fell, published="2024-12-20").events] == ["2024-12-08"]
    night = "Russian aircraft struck Idlib overnight on November 27-28."
    assert [str(e.date) for e in frontlines.extract(night, published="2024-12-09").events] == ["2024-11-28"]


def test_the_neighbourhoods_of_a_list_are_its_members() -> None:
    """"the neighbourhoods of A and B remain under C's control": the list names the neighbourhoods themselves, as
    "the town of A" names A; "the neighbourhoods of X" alone are parts of X (contested when taken)."""
    named = "The Kurdish neighbourhoods of Sheikh Maqsoud and Ashrafieh remain under SDF control."
    assert status(named, "Sheikh Maqsoud") == "sdf" and status(named, "Ashrafieh") == "sdf"
    assert status("Rebels captured the neighbourhoods of Saraqib on Friday.", "Saraqib", published="2024-11-30") \
        == "contested"


def test_a_presence_where_the_other_side_left_holds_the_place() -> None:
    """"footage showed A fighters inside X after B abandoned it": B's leaving is part of A's holding X, not news that
    nobody holds it; with nobody else there, the place B left has no known holder."""
    seen = "Footage showed rebel fighters inside Kuweires airbase after regime forces abandoned it."
    assert status(seen, "Kuweires airbase", day="2024-12-06", published="2024-12-06") == "opposition"
    left = "Regime forces abandoned Kuweires airbase on Friday."
    assert status(left, "Kuweires airbase", day="2024-12-06", published="2024-12-06") == "unknown"


def test_a_crowd_named_by_its_protest_gathering_is_a_protest() -> None:
    """"hundreds of protesters gathered in X", "residents staged rallies in X": a protest; the same verbs with an
    armed subject ("rebels gathered near X") are none."""
    assert [e[0] for e in events_of("Hundreds of protesters gathered in Karama Square in Sweida on Friday.")] \
        == ["Peaceful protest"]
    assert [e[0] for e in events_of("Residents staged rallies in Raqqa on Tuesday.")] == ["Peaceful protest"]
    assert events_of("Rebels gathered near Sweida on Friday.") == []


def test_both_stands_for_the_two_places_just_named() -> None:
    """"as B abandoned X and Y, A moved into both": both places change hands; "both sides" is no place."""
    text = ("On 6 December, as government troops abandoned Deir ez-Zor and Albu Kamal, SDF fighters moved into both "
            "without firing a shot.")
    assert {e[2] for e in events_of(text) if e[1] == "sdf"} == {"Deir ez-Zor", "Abu Kamal"}
    assert says_nothing("Both sides claimed victory in Saraqib.")


def test_a_place_left_told_in_the_passive_names_its_doer() -> None:
    """"X and Y were abandoned by government troops": a withdrawal from both; a passive that names no doer ("growers
    who were left with unsold produce") leaves nothing."""
    text = "Towns along the highway, including Saraqib and Binnish, were abandoned by government troops on Friday."
    assert events_of(text) == [("Change to group/activity", "government", p) for p in ("Saraqib", "Binnish")]
    assert events_of("The closure hurt fruit growers in Daraa, who were left with tonnes of unsold produce.") == []


def test_a_perfect_the_parser_split_is_still_the_verb() -> None:
    """"the fighters had overrun most of X": the parser reads "had" as the verb and "overrun" as its object noun; the
    auxiliary stands for the verb. The same noun after "had" with no frame verb ("had overrun its budget") is none."""
    assert events_of("By 30 November, the rebels had overrun most of Aleppo.") \
        == [("Non-state actor overtakes territory", "opposition", "Aleppo")]
    assert events_of("The council had overrun its budget in Anjara.") == []


def test_an_axis_of_an_offensive_is_an_armed_force() -> None:
    """"a second axis pushed east, capturing X": the axis (prong, spearhead) is a force that takes X; "attacks from
    several axes" still names the attackers elsewhere."""
    assert [e[0] for e in events_of("A second axis pushed east towards Saraqib, capturing Dadikh.")] \
        == ["Non-state actor overtakes territory"]
