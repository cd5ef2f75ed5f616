"""The clause reader, tenth pass: forms found on a fifteenth batch of prose of our own, one test per form, each with
its contrast.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import frontlines
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse
from test_reader import says_nothing, status


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


def test_a_participle_tagged_a_name_before_a_list_still_names_the_taking() -> None:
    """"the fighters had overrun A, B and C": the tagger reads "overrun" as a name in front of A, under "had" as the
    verb; the auxiliary stands for the verb, and every place of the list is taken. A noun there that is no verb of a
    frame takes nothing."""
    taken = events_of("Rebels attacked Daraa. Within hours the fighters had overrun Nawa, Jasim and Tafas.")
    assert [e[2] for e in taken if e[0] == "Non-state actor overtakes territory"] == ["Nawa", "Jasim", "Tafas"]
    assert all(e[1] == "opposition" for e in taken)
    assert events_of("Rebels attacked Daraa. Within hours the fighters had overtime pay in Nawa, Jasim and Tafas.") \
        == [("Armed clash", "opposition", "Daraa")]


def test_troops_in_a_partisan_outlets_claim_are_its_sides() -> None:
    """"state TV claimed that troops had retaken X": bare troops in the claim of an outlet of one side are that side's;
    in a neutral outlet's report they have no side."""
    claimed = frontlines.extract("State television claimed on Saturday that troops had recaptured Izra.",
                                 published="2024-12-08").events
    assert [(e.sub_event_type, e.actor1_side, e.certainty) for e in claimed] == [
        ("Government regains territory", "government", "claimed")]
    assert not any(e.actor1_side == "government"
                   for e in frontlines.extract("A reporter said on Saturday that troops had recaptured Izra.",
                                               published="2024-12-08").events)


def test_a_role_of_no_armed_side_joined_to_a_party_is_that_partys() -> None:
    """"armed residents and former rebels took X": the residents name no armed side, the rebels one, and the taking is
    theirs; residents alone take nothing."""
    assert events_of("That evening, armed residents and former rebels took control of Jaramana without a fight.") == [
        ("Non-violent transfer of territory", "opposition", "Jaramana")]
    assert events_of("That evening, residents and shopkeepers took control of Jaramana's market committee.") == []


def test_where_after_a_distance_refers_to_the_place_measured() -> None:
    """"reached A, 15 km from B, where they clashed with C": the parser hangs the relative on B, the point the distance
    is measured from; the clash is at A. A relative on a place with no distance stays on it."""
    measured = events_of("Rebels reached Al-Kiswah, barely 15 km from central Damascus, where they clashed with the army.")
    assert [e[2] for e in measured if e[0] == "Armed clash"] == ["Al-Kiswah"]
    plain = events_of("Rebels reached the outskirts of Damascus, where they clashed with the army.")
    assert [e[2] for e in plain if e[0] == "Armed clash"] == ["Damascus"]


def test_an_entry_with_no_place_of_its_own_is_into_the_place_just_left() -> None:
    """"after B abandoned its positions in X, A moved in and took over", "as B withdrew from X, A entered from the
    west": the entry and the taking name no place; they are of the place B left in the same sentence. A sentence
    with no leaving gives them no place, an advance that aims elsewhere ("to within 20 km of the capital") is not into
    the place left, and people of no armed side moving in take nothing."""
    assert events_of("After regime forces abandoned their positions in Saraqib, the rebels moved in without a fight.") \
        == [("Non-violent transfer of territory", "opposition", "Saraqib")]
    assert events_of("Rebels said they were ready. Later the rebels moved in without a fight.") == []
    entered = events_of("The army withdrew from Saraqib on Friday as rebel factions entered from the west.")
    assert [e[1] for e in entered if e[2] == "Saraqib" and e[0] != "Change to group/activity"] == ["opposition"]
    aimed = events_of("The army withdrew from Saraqib on Friday; rebels advanced to within 20 km of the capital.")
    assert all(e[1] != "opposition" or e[2] != "Saraqib" for e in aimed)
    left = events_of("After regime forces abandoned their positions in Saraqib, aid workers moved in.")
    assert [e[0] for e in left] == ["Change to group/activity"]


def test_a_party_after_in_is_the_one_its_members_belong_to() -> None:
    """"our partners in A moved into X": the partners are A's; a place after "in" names no party."""
    assert events_of("Our partners in the Syrian Democratic Forces moved into Raqqa on Friday.")[0][1] == "sdf"
    assert all(e[1] != "sdf" for e in events_of("Our partners in Raqqa moved into Tabqa on Friday."))


def test_our_forces_in_an_announcement_by_a_party_are_that_partys() -> None:
    """"it was announced by A that our forces would leave X": "our" is A, the announcer named as the passive's doer,
    not the party named last."""
    text = ("Group B encircled Tell Rifaat. It was announced by the SDF General Command that our forces had left "
            "Tell Rifaat.")
    left = [e for e in frontlines.extract(text, published="2024-12-03").events if e.sub_event_type == "Change to group/activity"]
    assert [e.actor1_side for e in left] == ["sdf"]


def test_the_subject_of_a_passive_verb_of_saying_does_the_infinitives_deed() -> None:
    """"A were reported to have pulled out of X, with B moving in": the reported forces are the ones that left, so B's
    entry is a change of hands; residents reported to have fled X are no force leaving it."""
    text = "Government forces were reported on Friday to have pulled out of Raqqa, with SDF units moving in."
    assert events_of(text) == [("Non-violent transfer of territory", "sdf", "Raqqa")]
    assert events_of("Residents were reported on Friday to have fled Raqqa.") == []


def test_a_retreat_towards_a_place_is_no_arrival_there() -> None:
    """"fell back towards X" gives a direction, not a place reached: X is not held by the side that moved, and there is
    no event at X; "fell back to X" still ends at X."""
    assert events_of("Army units fell back towards Hama on Friday.") == []
    assert status("Army units fell back towards Sarmada on Friday.", "Sarmada", "2024-12-07", published="2024-12-07") \
        == "opposition"
    assert [e[2] for e in events_of("Army units fell back to Hama on Friday.")] == ["Hama"]


def test_the_places_a_leaving_force_went_towards_are_not_what_the_town_refers_to() -> None:
    """"families fled X towards A and B after the rebels took the town": the town is X, not B (a goal of the flight,
    joined to A, on a preposition the parser hangs on X)."""
    text = ("Hundreds of families fled Tell Rifaat towards Tabqa and Raqqa after rebel factions took over the town "
            "on Sunday.")
    assert [e[2] for e in events_of(text) if e[0] == "Non-state actor overtakes territory"] == ["Tell Rifaat"]


def test_a_sentence_opening_with_a_place_phrase_is_rooted_at_its_verb() -> None:
    """"In A and B, remaining units handed over their compounds to C": the parser may make "In" the root and the verb a
    clause on "units" (or make "units" the root); after the repair the verb is the root, "units" its subject and the
    phrase its own. A passive participle on a noun ("weapons seized by the army") and a sentence the parser reads right
    keep their parse."""
    for text in ("In Raqqa and Tabqa, the last government units handed over their bases to the SDF on Friday.",
                 "In Tabqa and Raqqa, remaining army units handed over their posts to the SDF on Friday."):
        repaired = _tokens(text)  # (the parser roots the first at "In", the second at "units")
        assert repaired["handed"] == ("ROOT", "handed") and repaired["units"] == ("nsubj", "handed")
        assert repaired["in"] == ("prep", "handed")
        assert sorted(e[2] for e in events_of(text)) == ["Raqqa", "Tabqa"]
    assert _tokens("In Raqqa, weapons seized by the army were displayed.")["seized"] == ("acl", "weapons")
    assert _tokens("In Tabqa, the army withdrew on Friday.")["withdrew"] == ("ROOT", "withdrew")


def test_positions_handed_over_after_a_withdrawal_are_the_place_left() -> None:
    """"B withdrew from X and handed its positions to A": the positions are X's, and X changes hands to A; positions
    handed over with no place left in the sentence name none."""
    assert events_of("Government forces withdrew from Raqqa on Friday and handed their positions to the SDF.") == [
        ("Non-violent transfer of territory", "sdf", "Raqqa")]
    assert events_of("On Friday, government forces handed their positions to the SDF.") == []


def test_bare_strikes_after_a_strike_go_on_with_it() -> None:
    """"Air strikes hit X. Strikes were also reported on Y": the bare noun is more of the same; after a sentence of a
    labour strike, or with no strike before, it is none."""
    assert events_of("Air strikes hit Idlib on Monday. Strikes were also reported on Sarmada and Ariha.") == [
        ("Air/drone strike", "unknown", "Idlib"), ("Air/drone strike", "unknown", "Sarmada"),
        ("Air/drone strike", "unknown", "Ariha")]
    assert events_of("Teachers in Idlib went on strike on Monday. Strikes were also reported in Sarmada and Ariha.") == []


def test_bare_troops_carry_on_a_foreign_states_forces_and_a_date_folded_subject() -> None:
    """"Israeli forces entered X. On 9 December troops moved unopposed into Y": a foreign state's forces, of no side
    of the theater, are the last attacker too, and "troops" that the parser folds into the fronted date ("December
    troops") are still a bare plural subject. With no attack before, the troops have no side."""
    text = "Israeli forces entered Quneitra on 8 December. On 9 December troops moved unopposed into Khan Arnabah."
    moved = [e for e in frontlines.extract(text, published="2024-12-10").events if e.location == "Khan Arnabah"]
    assert [(e.sub_event_type, e.actor1) for e in moved] == [("Non-violent transfer of territory", "Israel Defense Forces")]
    assert events_of("Residents gathered on 8 December. On 9 December troops moved unopposed into Khan Arnabah.") == []


def test_a_string_of_villages_among_them_names_its_members() -> None:
    """"overran a string of villages west of X, among them A and B": the counted villages are the members listed after
    "among them"; a string of lights in A names no taking."""
    taken = events_of("Within hours, rebel columns had overrun a string of villages west of Aleppo, among them Anjara "
                      "and Kafr Naha.")
    assert [(e[0], e[2]) for e in taken] == [("Non-state actor overtakes territory", "Anjara"),
                                             ("Non-state actor overtakes territory", "Kafr Naha")]
    assert events_of("Within hours, volunteers had hung a string of lights in Anjara and Kafr Naha.") == []


def test_a_party_after_a_preposition_keeps_its_describing_participle() -> None:
    """"abandoned X to advancing A units": the parser reads "advancing" as a verb with the units its object; the units
    are the party X went to. A gerund with a place as its object ("to shelling X") names no party."""
    assert events_of("The SDF abandoned Maskanah to advancing SNA units on Sunday.") == [
        ("Non-violent transfer of territory", "opposition", "Maskanah")]
    assert all(e[0] != "Non-violent transfer of territory"
               for e in events_of("The SDF abandoned Maskanah to avoid shelling villages nearby on Sunday."))


def test_a_relative_hung_on_a_year_or_a_coordination_refers_to_its_places() -> None:
    """"X, held by A since 2016, which B captured": the parser hangs the relative on the year; it is X that B took.
    "A and B, which C occupied": both. A relative on a place stands for that place alone."""
    text = "The bigger prize was Tell Rifaat, held by the SDF since 2016, which the SNA captured on Sunday."
    assert [(e[0], e[2]) for e in events_of(text)] == [("Non-state actor overtakes territory", "Tell Rifaat")]
    both = events_of("The SDF pulled out of Ahras and Deir Jamal, which SNA fighters occupied without resistance.")
    assert sorted(e[2] for e in both if e[1] == "opposition") == ["Ahras", "Deir Jamal"]
    one = events_of("Rebels shelled Saraqib on Friday and reached Sarmin, which the army abandoned on Sunday.")
    assert [(e[0], e[2]) for e in one if e[0] != "Shelling/artillery/missile attack"] == [
        ("Non-violent transfer of territory", "Sarmin")]


def test_what_a_raising_verb_says_was_taken_is_its_subject() -> None:
    """"X appears to have been taken by A": the passive infinitive's patient is the raising verb's subject (hedged, so
    a claim); "X appears to have taken a decision" is no taking."""
    taken = frontlines.extract("Saraqib appears to have been taken by the rebels on Sunday.", published="2024-12-05")
    assert [(e.sub_event_type, e.location) for e in taken.events] == [("Non-state actor overtakes territory", "Saraqib")]
    assert events_of("The council of Saraqib appears to have taken a decision on Sunday.") == []


def test_the_blast_of_a_weapon_named_before_it_is_the_weapons_happening() -> None:
    """"a landmine explosion killed two shepherds near X": the landmine modifies the blast that is the subject; a gas
    explosion names no weapon."""
    assert events_of("On 2 January, a landmine explosion killed two shepherds near Manbij.", "2025-01-15") == [
        ("Remote explosive/landmine/IED", "unknown", "Manbij")]
    assert events_of("On 2 January, a gas explosion killed two workers near Manbij.", "2025-01-15") == []


def test_the_loss_of_a_place_is_its_taking() -> None:
    """"the army's loss of X": X was taken from the army by its adversary; "the loss of X" with no holder told is a
    taking by the theater's default attacker, as "the fall of X" is. A loss of something that is no place is none."""
    assert events_of("The army's loss of Hama shocked its supporters.") == [
        ("Non-state actor overtakes territory", "opposition", "Hama")]
    assert events_of("Pedersen said the loss of Hama was a major development.") == [
        ("Non-state actor overtakes territory", "opposition", "Hama")]
    assert status("Pedersen said the loss of Hama was a major development.", "Hama", "2024-12-06",
                  published="2024-12-06") == "opposition"
    assert says_nothing("The loss of life in Hama was terrible, and the team's loss of the final upset fans.")


def test_each_place_of_a_list_keeps_the_day_written_after_it() -> None:
    """"captured A on 5 December and B on 7 December": B's taking, and B's status, are of 7 December; a list with one
    day after its last member is all of that day."""
    text = "From Aleppo the offensive rolled south, and rebels captured Hama on 5 December and Homs on 7 December."
    result = frontlines.extract(text, published="2024-12-20")
    assert sorted((e.location, str(e.date)) for e in result.events) == [("Hama", "2024-12-05"), ("Homs", "2024-12-07")]
    assert sorted(str(a.valid_from) for a in result.assertions) == ["2024-12-05", "2024-12-07"]
    together = frontlines.extract("Rebels captured Hama and Homs on 7 December.", published="2024-12-20")
    assert sorted(str(e.date) for e in together.events) == ["2024-12-07", "2024-12-07"]


def test_a_singular_reference_back_is_one_place_not_its_list() -> None:
    """"seized the airport and the hill on D. The loss of the airport ...": "the airport" is the airport alone, not the
    list it was named in; "both villages" stands for the whole list."""
    text = ("Rebels seized the Hama Military Airport and Jabal Zayn al-Abidin on 5 December. "
            "The regime's loss of the airport deprived it of its main air base.")
    said = frontlines.extract(text, published="2024-12-07").assertions
    assert [a.place_id for a in said if a.start > text.index("The")] == ["cur:hama-military-airport"]
    both = events_of("Rebels attacked Anjara and Kafr Naha on 27 November. Both villages fell within hours.")
    assert sorted(e[2] for e in both if e[0] == "Non-state actor overtakes territory") == ["Anjara", "Kafr Naha"]


def test_a_title_before_a_name_is_no_place() -> None:
    """"Asked about X airport, Mr. Y said ...": "Mr" after a place and a comma is no place the gazetteer lacks."""
    result = frontlines.extract("Asked about Aleppo International Airport, Mr. Dufresne said it had been taken over "
                                "by opposition fighters on Sunday.", published="2024-12-03")
    assert [u.mention for u in result.unresolved] == []
    assert [e.location for e in result.events] == ["Aleppo International Airport"]


def test_a_quarter_of_a_town_is_a_part_of_it() -> None:
    """"pushed into the old quarter of X city": the quarter is a part of X, a fight for X (contested), not a taking of
    it; "a quarter of the residents of X" names no part of the town."""
    assert events_of("Opposition fighters pushed into the old quarter of Daraa city on Friday.") == [
        ("Armed clash", "opposition", "Daraa")]
    assert says_nothing("A quarter of the residents of Daraa city voted on Friday.")
