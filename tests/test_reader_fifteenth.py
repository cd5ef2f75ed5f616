"""The clause reader, fifteenth pass: forms found on batches 32 and 33 of prose of our own, one test per form, each
with its contrast.

The helpers are those of test_reader_eleventh.py (the real pipeline: spaCy parse, gazetteer, actor dictionary), here
with a report day of 15 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import frontlines
import test_reader_eleventh

events_of = partial(test_reader_eleventh.events_of, published="2024-12-15")
dated = partial(test_reader_eleventh.dated, published="2024-12-15")


def statuses(text: str, published: str = "2024-12-15") -> dict[str, str]:
    """The status each place mention is given by the report alone, by the place's id."""
    return {a.place_id: a.status for a in frontlines.extract(text, published=published).assertions if a.scope == "place"}


HAMA = "gn:170017"
ALEPPO = "gn:170063"


def test_the_owner_of_a_part_is_the_whole_it_lies_in() -> None:
    """"X's eastern districts" names parts of X, as "the eastern districts of X" does: an entry or a storming of them is
    fighting inside X, not X taken; a named district owned by X ("X's A district") is entered itself."""
    assert statuses("Rebels stormed Hama's eastern districts on Friday.") == {HAMA: "contested"}
    assert statuses("Rebels stormed the eastern districts of Hama on Friday.") == {HAMA: "contested"}
    # the owner of no part: the place itself
    assert statuses("Rebels stormed Hama on Friday.") == {HAMA: "opposition"}


def test_the_city_as_owner_of_a_part_refers_back() -> None:
    """"the city's northern quarters", "the town's outskirts": the noun that owns the part refers back to the place
    named before, as "the city centre" does."""
    text = "Rebels shelled Hama on Thursday. The rebels stormed the city's northern districts on Friday."
    assert statuses(text) == {HAMA: "contested"}
    assert ("Armed clash", "opposition", "Hama") in events_of(text)
    # a part owned by a name is not a reference back: the earlier place is not entered
    assert statuses("Rebels shelled Hama on Thursday. The rebels stormed Aleppo's northern districts on Friday.") \
        == {ALEPPO: "contested"}


def test_a_class_noun_owned_by_the_country_with_its_name_beside_it_is_that_place() -> None:
    """"the country's fourth-largest city, X": the name set beside the noun is the city; without a name the noun is the
    city its own sentence named (an earlier rule, kept)."""
    assert statuses("Rebels seized Syria's fourth-largest city, Hama, on Thursday.") == {HAMA: "opposition"}
    assert statuses("Rebels swept into Hama, seizing the country's fourth-largest city.") == {HAMA: "opposition"}
    # the name beside another noun does not make the country's city a place
    assert statuses("Rebels seized Syria's fourth-largest city on Thursday.") == {}


def test_the_doer_of_an_attack_told_as_a_noun_is_the_attacker_bare_fighters_carry_on() -> None:
    """"A launched an offensive ... Fighters entered X": the party that launched, began or opened an attack told as a
    noun is the attacker a later bare plural ("fighters", "gunmen") stands for, as a doer of a taking is."""
    text = "Rebels launched an offensive on Wednesday. Fighters pushed into the eastern districts of Hama on Friday."
    assert events_of(text) == [("Armed clash", "opposition", "Hama")]
    # an offensive not launched, or a launch of no attack, makes no attacker: the bare plural has no side
    assert events_of("Rebels did not launch an offensive. Fighters pushed into the eastern districts of Hama.") == []
    assert events_of("Rebels launched a website on Wednesday. Fighters pushed into the eastern districts of Hama.") == []


def test_a_short_title_line_over_its_paragraph_is_a_sentence_of_its_own() -> None:
    """A short line with no closing stop over a paragraph at least twice its length ("The fall of the city" over its
    story) is a title: it is no part of the paragraph's first sentence, and the paragraph reads as it would alone (the
    tagger's reading a plural after it as a name does not lose the plural's party)."""
    story = "Rebels took Anjara on Wednesday.\n\nThe road to Hama\nFighters pushed into the eastern districts of Hama on Friday."
    assert ("Armed clash", "opposition", "Hama") in events_of(story)
    # a line of wrapped prose (the line after it no longer than twice its length) joins the line after it: the
    # party's name runs on across the break
    prose = "Rebels took Anjara on Wednesday.\n\nOn Friday fighters of Hayat\nTahrir al-Sham pushed into Hama's eastern districts."
    assert frontlines.extract(prose, published="2024-12-15").events[-1].actor1 == "Hay'at Tahrir al-Sham"


def test_a_participle_with_a_past_verb_joined_to_it_is_the_finite_verb() -> None:
    """The parser reads "armed groups infiltrated X and clashed with Y" as one noun phrase ("groups" described by
    "infiltrated"), also under a conjunction it takes for a preposition ("as armed groups infiltrated ..."): a past verb
    joined by "and" shows the first is finite, so the groups are its doer."""
    assert events_of("The shelling came as rebel groups infiltrated on Friday into a number of the eastern districts "
                     "of Hama and clashed with army units there.") == [("Armed clash", "opposition", "Hama")]
    # a participle describing a noun, with no past verb joined to it, stays a description: no entry
    assert events_of("Convoys of displaced families infiltrated by informers reached Hama on Friday.") == []


def test_the_city_after_a_quarter_refers_to_a_whole_place() -> None:
    """"the city" after a mention the text itself called a neighbourhood or district refers to the city named before,
    not to the quarter: a quarter is a part of a city, not a city."""
    text = ("Shells fell on Aleppo on Thursday. Two civilians were killed when a shell hit the Hamdaniyah neighbourhood."
            " Rebels stormed the city's western districts on Friday.")
    assert statuses(text) == {ALEPPO: "contested"}
    # "the neighbourhood" is the quarter the text called so
    quarter = ("Shells fell on Aleppo on Thursday. Two civilians were killed when a shell hit the Hamdaniyah "
               "neighbourhood. Rebels stormed the neighbourhood on Friday.")
    assert ALEPPO not in statuses(quarter) and statuses(quarter)


def test_an_owners_fighters_are_the_owners_not_the_last_party_named_with_that_noun() -> None:
    """"A said its fighters had entered X": "its" is the owner, the party that speaks; that an earlier party's name
    ends in the same noun ("HTS fighters") does not make the owned fighters that party's, as it does for the noun
    with an article ("the fighters")."""
    text = ("HTS fighters took Anjara on 30 November. The SDF said its fighters had entered Deir ez-Zor city on "
            "6 December.")
    sides = {e.location: e.actor1_side for e in frontlines.extract(text, published="2024-12-15").events}
    assert sides["Deir ez-Zor"] == "sdf"
    # with the article the noun still refers back to the party whose name it ends
    text = "HTS fighters took Anjara on 30 November. The fighters entered Deir ez-Zor city on 6 December."
    sides = {e.location: e.actor1_side for e in frontlines.extract(text, published="2024-12-15").events}
    assert sides["Deir ez-Zor"] == "opposition"


def test_its_after_a_sentence_with_a_relative_is_the_main_doer() -> None:
    """"A took X, which the army had abandoned. Its fighters then ...": the party "its" refers to is the doer of the
    sentence's main clause, not the doer told inside a relative clause about a place."""
    text = ("Fighters of the Southern Operations Room took Kisweh, which the army had abandoned. Its fighters then "
            "clashed with Republican Guard units on the edge of Sahnaya.")
    sides = {e.location: (e.actor1_side, e.actor2_side) for e in frontlines.extract(text, published="2024-12-15").events}
    assert sides["Sahnaya"] == ("opposition", "government")
    # with no relative, the last doer is the one named last
    text = ("Fighters of the Southern Operations Room took Kisweh. The army then withdrew from Tall Kurdi. Its soldiers "
            "then clashed with rebels on the edge of Sahnaya.")
    sides = {e.location: (e.actor1_side, e.actor2_side) for e in frontlines.extract(text, published="2024-12-15").events}
    assert sides["Sahnaya"][0] == "government"


def test_a_count_of_days_after_a_weekday_counts_from_that_weekday() -> None:
    """"took A on Friday, a day after they seized B": B's day is the Thursday, counted from the weekday as from a
    date; with no day named in the sentence the count runs from the day the text is at (the sixteenth pass: "the
    collapse came a week after A took X")."""
    assert dated("Rebels captured Rastan on Friday, a day after they seized Hama.", published="2024-12-07") \
        == {"Al-Rastan": "2024-12-06", "Hama": "2024-12-05"}
    assert dated("Rebels captured Rastan on Friday, two days after they seized Hama.", published="2024-12-07") \
        == {"Al-Rastan": "2024-12-06", "Hama": "2024-12-04"}
    assert dated("Rebels captured Rastan, a day after they seized Hama.", published="2024-12-07")["Hama"] == "2024-12-06"


def test_the_provincial_capital_is_the_seat_of_the_province_named_before() -> None:
    """"In B province, fighters took the provincial capital": the seat of B (the gazetteer's settlement that bears the
    division's name), not the country's capital nor the town named last."""
    text = ("Shells fell on Damascus on Thursday. In Daraa province, rebels took the provincial "
            "capital on Friday.")
    assert statuses(text, published="2024-12-07") == {"gn:170905": "opposition"}
    # "the capital" alone is the country's
    assert statuses("In Daraa province, rebels advanced. Troops shelled the capital on Friday.", published="2024-12-07") \
        == {}
    assert events_of("In Daraa province, rebels advanced. Troops shelled the capital on Friday.")[-1][2] == "Damascus"
    # with no province named before, the provincial capital is nowhere
    assert statuses("Rebels took the provincial capital on Friday.", published="2024-12-07") == {}


def test_a_taking_after_reaching_a_deal_is_a_transfer() -> None:
    """"took X after reaching a deal with the army", "following an agreement with its notables": a taking done under a
    deal, however the deal is introduced, is a non-violent transfer; a deal that failed is none."""
    assert events_of("Rebels took control of Daraa on Friday after reaching a deal with the army.")[0][0] \
        == "Non-violent transfer of territory"
    assert events_of("Rebels took control of Daraa on Friday following an agreement with local notables.")[0][0] \
        == "Non-violent transfer of territory"
    assert events_of("Rebels took control of Daraa on Friday after failing to reach a deal with the army.")[0][0] \
        == "Non-state actor overtakes territory"


def test_security_forces_with_no_owner_are_the_states() -> None:
    """The theater's cue "security forces" names the government side where no party owns them ("after security
    forces pulled out": the other side left, the taking was unopposed); owned by a named party they are that party's."""
    evs = frontlines.extract("Local fighters took control of Daraa on Friday after security forces withdrew.",
                             published="2024-12-07").events
    assert [(e.sub_event_type, e.actor2_side) for e in evs] == [("Non-violent transfer of territory", "government")]
    evs = frontlines.extract("Kurdish security forces withdrew from Daraa on Friday.", published="2024-12-07").events
    assert [e.actor1_side for e in evs] == ["sdf"]


def test_the_taker_seen_in_part_of_what_it_took_holds_it() -> None:
    """"A seized X ... footage shows A's fighters in the town's square": a presence of the side the report told taking X
    that day, in a part of X, confirms the taking rather than contesting it; the same presence in a place another side
    held is still fighting inside it."""
    seen = " Geolocated footage posted on December 1 shows opposition fighters in the town's central square."
    assert statuses("Opposition forces seized Halfaya on the morning of December 1." + seen) == {"gn:170044": "opposition"}
    assert statuses("The army held Halfaya on December 1." + seen)["gn:170044"] == "contested"
