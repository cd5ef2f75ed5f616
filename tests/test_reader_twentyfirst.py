"""The clause reader, twenty-first pass: forms found on batches 50-52 of prose of our own and on probes in our own
words, one test per form, each with its contrast.

The helpers are those of test_reader_seventeenth.py (the real pipeline: spaCy parse, gazetteer, actor dictionary,
with a report day of 6 December unless a test gives its own).
"""

from __future__ import annotations

import frontlines
from test_reader_eleventh import dated
from test_reader_seventeenth import events_of, statuses
from test_reader_sixteenth import TELL_RIFAAT
from test_reader_twentieth import HAMA_CITY as HAMA
from test_reader_twentieth import MOREK, SARAQIB

KHAN_SHAYKHUN = "gn:168325"
MAARAT = "gn:167611"
HOMS = "gn:169577"
IDLIB = "gn:169389"


def test_the_parties_of_a_fight_hung_on_its_place_are_the_fights() -> None:
    """"Clashes broke out in X between A and B": the parser hangs "between A and B" on the place, not on the fight;
    the two named are still the fight's sides (as when the phrase follows the noun)."""
    assert events_of("Clashes broke out in Homs between rebels and the army on Thursday.") == [
        ("Armed clash", "opposition", "Homs")]
    assert events_of("Clashes between rebels and the army broke out in Homs on Thursday.") == [
        ("Armed clash", "opposition", "Homs")]


def test_a_fight_with_no_party_of_its_own_is_fought_by_the_party_its_sentence_names() -> None:
    """"Fighting raged near X as A closed in": a fight that names no party is fought by the armed party of another
    clause of its sentence, against that party's adversary; a fight told alone keeps no sides."""
    events = frontlines.extract("Heavy fighting was reported around Homs on Thursday as rebel columns closed in on the "
                                "city.", published="2024-12-06").events
    assert [(e.sub_event_type, e.actor1_side, e.actor2_side) for e in events] == [("Armed clash", "opposition", "government")]
    alone = frontlines.extract("Heavy fighting was reported around Homs on Thursday.", published="2024-12-06").events
    assert [(e.sub_event_type, e.actor1_side, e.actor2_side) for e in alone] == [("Armed clash", "unknown", "")]
    # (a fight the subject's own deed is said to be fought in is that deed's: no second event for it)
    said_of = ("Insurgents stormed government-held territory west of Aleppo on Wednesday, seizing a string of villages "
               "in the heaviest fighting in north-west Syria in more than four years, a war monitor said.")
    assert [e.location for e in frontlines.extract(said_of, published="2024-11-27").events] == ["Aleppo"]


def test_one_fight_told_with_its_sides_in_either_order_is_one_event() -> None:
    """"A attacked B in X" and, in the next sentence of the same day, "fighting between B and A went on in X": one
    battle, whichever side a sentence names first (two battles with different sides stay two)."""
    from frontlines.events.merging import merge_events
    from frontlines.models import Event

    def clash(side1: str, side2: str, start: int) -> Event:
        return Event(id=f"e{start}", doc="d", date=None, time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                     actor1=side1, actor1_side=side1, actor2=side2, actor2_side=side2, place_id=HOMS, location="Homs",
                     lat=None, lon=None, geo_precision=1, fatalities=0, fatalities_text="", certainty="reported",
                     claimed_by="", text="", start=start, end=start + 5)
    assert len(merge_events([clash("opposition", "government", 0), clash("government", "opposition", 10)])) == 1
    assert len(merge_events([clash("opposition", "government", 0), clash("sdf", "opposition", 10)])) == 2


def test_a_place_left_to_an_armed_party_of_no_named_side_goes_to_the_default_attacker() -> None:
    """"The garrison withdrew, leaving X to the advancing fighters": a side that leaves a place to an armed party hands
    it over, also when that party is a generic noun ("fighters") with no side of its own: it goes to the theater's
    default attacker, as a capture by "fighters" does. Left to no one, the place is only left."""
    text = "Government troops pulled out of Khan Shaykhun on Thursday, leaving the town to the advancing fighters."
    assert events_of(text) == [("Non-violent transfer of territory", "opposition", "Khan Shaykhun")]
    assert statuses(text)[KHAN_SHAYKHUN][0] == "opposition"
    bare = "Government troops pulled out of Khan Shaykhun on Thursday, leaving the town empty."
    assert statuses(bare)[KHAN_SHAYKHUN][0] == "unknown"


def test_a_side_routed_or_defeated_at_a_place_loses_it_in_a_battle() -> None:
    """"The army was routed at X", "A defeated B's units in X": a battle (ACLED: armed clash) the named side lost where
    it stood, and the place goes to the winner (to the loser's adversary when no winner is named). A game won in a town
    is no battle, and "routed from X" stays an expulsion."""
    assert events_of("Army units were routed at Maarat al-Numan on Thursday.") == [
        ("Armed clash", "opposition", "Ma'arrat al-Nu'man")]
    assert statuses("Army units were routed at Maarat al-Numan on Thursday.")[MAARAT][0] == "opposition"
    assert events_of("The insurgents defeated the government garrison in Morek.") == [("Armed clash", "opposition", "Morek")]
    assert events_of("The home side defeated the visitors in Saraqib on Thursday.") == []
    assert events_of("Army units were routed from Saraqib on Thursday.") == [
        ("Non-state actor overtakes territory", "opposition", "Saraqib")]


def test_last_weekday_in_a_text_that_looks_back_is_counted_from_the_day_of_writing() -> None:
    """A weekend long read (written a week after the last day it names) counts its bare weekdays in the story's weeks;
    "last Saturday" is counted back from the day of writing all the same (a Saturday report: the Saturday before)."""
    text = ("The offensive began on Wednesday, 27 November.\n\nSaraqib was taken last Saturday.\n\n"
            "The first families set out for home on Saturday, 30 November.")
    assert dated(text, published="2024-12-07") == {"Saraqib": "2024-11-30"}


def test_a_describing_participle_of_another_year_leaves_the_sentence_in_the_story() -> None:
    """"X and Y, both taken by the army in 2020, were recaptured on Friday": the year is the participle's deed, not the
    sentence's (the parser may make the participle the root, with the true verb after its auxiliary a conjunct). A year
    that governs the predicate still makes it history."""
    text = "Maarat al-Numan and Saraqib, both captured by government forces in 2020, were retaken on Friday."
    assert dated(text) == {"Ma'arrat al-Nu'man": "2024-12-06", "Saraqib": "2024-12-06"}
    assert dated("Maarat al-Numan and Saraqib were recaptured by the army in 2020.") == {}


ALEPPO = "gn:170063"


def test_most_of_a_places_parts_is_most_of_the_place() -> None:
    """"Rebels are in most districts of X", "hold all neighbourhoods of X": a part noun counted as most or all of the
    place is the place held (as "most of X"); "some districts of X" is a part, contested."""
    assert statuses("Rebel fighters are in most districts of Aleppo.")[ALEPPO][0] == "opposition"
    assert statuses("The rebels hold all neighbourhoods of Aleppo.")[ALEPPO][0] == "opposition"
    assert statuses("Rebel fighters are in some districts of Aleppo.")[ALEPPO][0] == "contested"


def test_a_partisan_word_for_a_party_is_a_force_present_where_it_is() -> None:
    """"The terrorists are present in X" (a government outlet's word for the rebels), "the mercenaries are in Y" (a
    Kurdish outlet's for the Turkish-backed factions): the party the word stands for is there; "investors are present in
    X" is no force."""
    assert statuses("The terrorists have been present in Aleppo since Saturday.", published="2024-12-02")[ALEPPO] == (
        "opposition", "2024-11-30")
    assert statuses("The mercenaries are in Tell Rifaat.")[TELL_RIFAAT][0] == "opposition"
    assert statuses("Foreign investors are present in Aleppo.") == {}


def test_a_redeployment_out_of_a_place_is_a_withdrawal() -> None:
    """"Announced a redeployment of its forces out of X": the noun of a redeployment tells a force leaving X (the
    place's holder unknown after it); a redeployment to Y keeps Y with the force that moved there."""
    text = "On Saturday the army command announced a redeployment of its forces out of Aleppo."
    assert events_of(text, published="2024-12-02") == [("Change to group/activity", "government", "Aleppo")]
    assert statuses(text, published="2024-12-02")[ALEPPO][0] == "unknown"
    assert statuses("On Saturday the army command announced a redeployment of its forces to Hama.",
                    published="2024-12-02")[HAMA][0] == "government"


def test_a_short_battle_named_by_a_noun_of_several_words_is_slight_resistance() -> None:
    """"Entered X after a brief exchange of fire", "after a short gun battle": a battle noun of several words is a
    battle by its head word, and told as short it could not hold the place (as "after brief clashes"); a long one did
    not settle it."""
    assert statuses("Rebels entered Saraqib on Thursday after a brief exchange of fire.")[SARAQIB][0] == "opposition"
    assert statuses("Rebels entered Saraqib on Thursday after a short gun battle.")[SARAQIB][0] == "opposition"
    assert statuses("Rebels entered Saraqib on Thursday after a long exchange of fire.")[SARAQIB][0] == "contested"


def test_the_city_is_the_topic_of_the_sentence_before_not_a_place_named_in_passing() -> None:
    """"X fell sooner than anyone in Y had feared. By Saturday the rebels held most of the city": a singular reference
    after a sentence whose last place lies in a clause below its main verb is that sentence's subject, X; when the last
    place is in the main clause, it is the one."""
    passing = "Aleppo fell sooner than anyone in Idlib had feared. By Saturday the rebels held most of the city."
    assert statuses(passing, published="2024-12-02")[ALEPPO][0] == "opposition"
    assert IDLIB not in statuses(passing, published="2024-12-02")
    main = "Aleppo was quiet on Friday, and the rebels attacked Idlib. By Saturday the rebels held most of the city."
    assert statuses(main, published="2024-12-02")[IDLIB][0] == "opposition"


def test_a_source_in_a_clause_joined_after_the_happening_does_not_make_it_a_claim() -> None:
    """"A held X, and the army command said in a statement that ...": the saying opens a report of its own joined by
    "and"; the holding before it is told in the text's own voice. A source tagged after it ("A held X, the army said")
    still claims it."""
    joined = "By Friday the rebels held most of Aleppo, and the army command said in a statement that its units had left."
    assert [a.level for a in frontlines.extract(joined, published="2024-12-02").assertions if a.place_id == ALEPPO] == [
        "assessed"]
    tagged = "By Friday the rebels held most of Aleppo, the army command said."
    assert [a.level for a in frontlines.extract(tagged, published="2024-12-02").assertions if a.place_id == ALEPPO] == [
        "claimed"]


JASIM = "gn:165997"
INKHIL = "gn:169375"
KISWAH = "gn:173598"


def test_a_force_named_as_the_owner_of_the_hands_is_the_holder() -> None:
    """"Rebels took X. By noon the town was in the fighters' hands": the force's noun as the owner stands for the party
    it refers back to, as it would as a subject; "in the soldiers' hands" names the army (the theater's word)."""
    text = "Rebels attacked Jasim at dawn. By noon the town was in the fighters' hands."
    assert statuses(text)[JASIM][0] == "opposition"
    assert statuses("By noon Jasim was in the soldiers' hands.")[JASIM][0] == "government"


def test_posts_lying_around_a_place_are_near_it() -> None:
    """"Overran the checkpoints ringing X and Y", "the villages surrounding X": a participle of lying around a place
    puts the posts near each place of its list, a fight for them (contested), not their capture."""
    found = events_of("Rebels overran the checkpoints ringing Jasim and Inkhil on Thursday.")
    assert found == [("Armed clash", "opposition", "Jasim"), ("Armed clash", "opposition", "Inkhil")]
    assert statuses("Rebels overran the checkpoints ringing Jasim and Inkhil on Thursday.")[INKHIL][0] == "contested"
    assert events_of("Rebels overran the checkpoints in Jasim on Thursday.") == [
        ("Non-state actor overtakes territory", "opposition", "Jasim")]


def test_an_entry_that_found_the_place_deserted_met_no_defence() -> None:
    """"Reached X and found the army's positions deserted": a verb of finding with its object's state left empty
    tells the holder had gone; the entry takes X without a fight. Found defended, it is a fight for X."""
    assert statuses("Rebels entered Kiswah on Saturday and found the army's positions deserted.")[KISWAH][0] == "opposition"
    assert statuses("Rebels entered Kiswah on Saturday and found the town defended.")[KISWAH][0] == "contested"


def test_the_evening_before_a_named_day_is_the_day_before_it() -> None:
    """"X fell on Saturday morning; Y had been abandoned the evening before": a part of the day before, as "the night
    before" and "the day before"."""
    text = "Rebels took Sanamayn on Saturday morning; the army had abandoned Izraa the evening before."
    assert dated(text, published="2024-12-10") == {"Al-Sanamayn": "2024-12-07", "Izra": "2024-12-06"}


LATAMNEH = "wp:al-lataminah"


def test_a_status_line_names_the_holder_of_its_label_places() -> None:
    """A status list's line "X city: A since Thursday", a thread's "A and B: still opp, now rear area": places before the
    colon and a party first after it, with no verb, are held by that party (from the day of "since"). A line whose
    party opens a happening ("X: rebel offensive expected") or whose label is no place alone holds nothing."""
    text = ("ROAD STATUS\n\n"
            "b) Hama city: opposition since Thursday; the army said that day that its units had left.\n"
            "- Morek and Latamneh: still opp, now rear area.\n"
            "- Homs: government checkpoints only.\n"
            "- Salamiyah: rebel offensive expected.\n"
            "- Convoy to Saraqib: rebels.\n")
    found = statuses(text, published="2024-12-07")
    assert found[HAMA] == ("opposition", "2024-12-05")
    assert found[MOREK][0] == found[LATAMNEH][0] == "opposition"
    assert found[HOMS][0] == "government"
    assert "gn:164947" not in found and SARAQIB not in found  # (Salamiyah; a convoy's label)
    assert [a.level for a in frontlines.extract(text, published="2024-12-07").assertions if a.place_id == HAMA] == ["assessed"]


SHEIKH_MAQSOUD = "cur:sheikh-maqsoud"


def test_most_of_it_is_most_of_the_place_just_named() -> None:
    """"Entered X on Friday and, by the following day, held most of it": "it" after a share ("most of", "parts of")
    stands for the place named before, and a day set off by commas after "and" is the second predicate's own."""
    text = "Rebel factions entered Aleppo city on Friday and, by the following day, held most of it."
    found = [(a.place_id, a.status, str(a.valid_from)) for a in frontlines.extract(text, published="2024-12-03").assertions]
    assert (ALEPPO, "opposition", "2024-11-30") in found
    assert dated("Rebels entered Morek on Friday and, on Sunday, took Saraqib.", published="2024-12-03") == {
        "Morek": "2024-11-29", "Saraqib": "2024-12-01"}


def test_a_relative_after_a_named_neighbourhood_of_a_city_tells_of_the_neighbourhood() -> None:
    """"The A neighbourhood of X, which B still held": the parser hangs the relative on X, but it tells of A (a
    neighbourhood the gazetteer knows), and of X only in part; "X, which B held" is X."""
    text = "Families in the Sheikh Maqsoud neighbourhood of Aleppo, which the SDF still held, could not leave."
    found = statuses(text, published="2024-12-03")
    assert found[SHEIKH_MAQSOUD][0] == "sdf" and found[ALEPPO][0] == "contested"
    assert statuses("Families in Aleppo, which the rebels held, could not leave.", published="2024-12-03")[ALEPPO][0] == "opposition"


AZAZ = "gn:172082"
MAREA = "gn:167245"


def test_a_deed_done_over_years_is_history() -> None:
    """"For eight years the militia had used X to shell Y": a deed told over a span of years (or months) is a habit
    of the past, no event of the story; "for two days rebels shelled Y" is the story's."""
    assert events_of("For eight years the militia had used Tal Rifaat to shell Azaz and Marea.", published="2024-12-09") == []
    assert events_of("Government forces have held Morek for years.") == []
    assert events_of("For two days the rebels shelled Azaz.", published="2024-12-09") == [
        ("Shelling/artillery/missile attack", "opposition", "Azaz")]


def test_the_town_is_the_main_verbs_object_not_a_place_of_its_purpose_clause() -> None:
    """"The militia used X to shell A and B. The town fell": the place a singular reference stands for is the main
    verb's object, not the last place of the clause of purpose below it."""
    text = "The militia used Tal Rifaat to shell Azaz and Marea. The town fell to the SNA on Sunday."
    found = statuses(text, published="2024-12-03")
    assert found[TELL_RIFAAT][0] == "opposition" and MAREA not in found


def test_a_name_whose_first_word_is_a_verb_inside_a_sentence_is_a_name() -> None:
    """"Had used Tell Rifaat to shell A": the parser reads "Tell" as a verb with "Rifaat" its object; after a word in
    lower case the capitalised word is part of the name, which stands where the verb stood."""
    from frontlines.read.nlp import load_nlp
    doc = load_nlp()("For years the militia had used Tell Rifaat to shell Azaz.")
    tell = next(t for t in doc if t.text == "Tell")
    assert (tell.dep_, tell.head.text) == ("compound", "Rifaat")
    assert (tell.head.dep_, tell.head.head.text) == ("dobj", "used")
    headline = load_nlp()("Rebels Tell Reporters They Hold Saraqib")
    assert next(t for t in headline if t.text == "Tell").tag_.startswith("VB")


RASTAN = "gn:172946"
TALBISEH = "gn:163779"
DEIR_EZ_ZOR = "gn:170794"


def test_the_two_towns_are_the_places_the_text_called_towns() -> None:
    """"The towns of A and B were taken, a day after the fall of C. ... the two towns were entered": a counted plural
    reference stands for the places the text called by its noun, not the last two named."""
    text = ("The towns of Rastan and Talbiseh were taken this morning by rebels, after the fall of Hama. Witnesses say "
            "the two towns were entered with little resistance.")
    entered = {a.place_id for a in frontlines.extract(text, published="2024-12-06").assertions if a.basis.startswith("enter")}
    assert entered == {RASTAN, TALBISEH}


def test_a_fall_counted_a_day_before_the_sentences_deed_is_of_that_day() -> None:
    """"A and B were taken this morning, a day after the fall of C": a nominal in a clause opened by "N days after"
    is dated by the count from the sentence's day (C fell the day before), an event of its own; "after the fall of C"
    with no count dates nothing (C had fallen by then)."""
    counted = "Rebels took Rastan this morning, a day after the fall of Hama."
    assert dated(counted) == {"Al-Rastan": "2024-12-06", "Hama": "2024-12-05"}
    assert dated("Rebels took Rastan this morning, after the fall of Hama.") == {"Al-Rastan": "2024-12-06"}


def test_the_other_side_of_a_deed_is_not_a_party_of_another_part_of_a_semicolon_list() -> None:
    """A bulletin's opening list "A say they are at X; the army handed over Y; B moved into Z": each part is a deed of
    its own; the side B moved in against is the place's holder, not the party of another part."""
    text = ("Rebel fighters say they are at the gates of Homs; the army has handed over Daraa city under a local deal; "
            "and in the east, Kurdish-led forces have moved into Deir ez-Zor.")
    sides = {e.place_id: (e.actor1_side, e.actor2_side) for e in frontlines.extract(text, published="2024-12-06").events}
    assert sides[DEIR_EZ_ZOR] == ("sdf", "government")


def test_a_clause_of_time_whose_subject_is_a_list_with_a_participle_is_one_clause() -> None:
    """"B moved into X after government troops and allied militias withdrew": the parser reads "after" as a
    preposition and "allied" as a verb; the list is the subject of the withdrawal, a clause of time under the entry,
    which then takes X without a fight (as with "after government troops withdrew")."""
    text = ("The SDF moved into Deir ez-Zor on Friday after government troops and allied Iranian-backed militias withdrew "
            "from the city.")
    assert statuses(text, published="2024-12-08")[DEIR_EZ_ZOR][0] == "sdf"
    assert events_of(text, published="2024-12-08") == [("Non-violent transfer of territory", "sdf", "Deir ez-Zor")]


HATLA = "cur:hatla"
MARRAT = "cur:marrat"


def test_all_three_stands_for_the_last_three_places_named() -> None:
    """"Moved against A, B and C. By evening all three were under D's control" (or "the centre assessed all three as
    under D's control", "as" hung on the number): a counted pronoun stands for that many places named last."""
    before = "On Tuesday the SDF moved against the villages of Hatla, Marrat and Salhiyah. "
    for after in ("By evening all three were under SDF control.", "By evening the monitor assessed all three as under SDF control."):
        found = statuses(before + after, published="2024-12-04")
        assert found[HATLA][0] == found[MARRAT][0] == "sdf"
    assert HATLA not in statuses("By evening all three were under SDF control.", published="2024-12-04")


DAYR_HAFIR = "gn:170785"


def test_a_place_under_a_partys_protection_is_held_by_it() -> None:
    """"X has been under the protection of the SDF since Sunday": a party's protection, as its control, holds the place
    (from the day "since" names); a place under no party's protection ("under UN protection") holds nothing."""
    assert statuses("Deir Hafer has been under the protection of the SDF since Sunday.", published="2024-12-03")[
        DAYR_HAFIR] == ("sdf", "2024-12-01")
    assert statuses("Deir Hafer is under UN protection.", published="2024-12-03") == {}


def test_a_group_the_theater_knows_on_a_side_leaves_for_that_side() -> None:
    """"The last units of the Afrin Liberation Forces pulled out of A, and the Turkish-backed factions entered A the
    following morning": a named group of a side (theater data) leaving before the other side enters hands A over."""
    text = ("The last units of the Afrin Liberation Forces pulled out of Ahras on Sunday night, and the Turkish-backed "
            "factions entered the village the following morning.")
    assert [(e.sub_event_type, e.actor1_side, e.actor2_side) for e in frontlines.extract(text, published="2024-12-03").events] \
        == [("Non-violent transfer of territory", "opposition", "sdf")]


def test_a_fronted_direction_with_the_same_preposition_is_no_party() -> None:
    """"Far to the east, government forces handed X to the SDF": of the two "to" phrases on the verb, the fronted
    direction is no recipient; the party after the place is."""
    text = "Far to the east on Friday, government forces handed Deir ez-Zor to the Kurdish-led SDF and withdrew."
    assert statuses(text, published="2024-12-08")[DEIR_EZ_ZOR] == ("sdf", "2024-12-06")


def test_a_headlines_place_with_a_participle_and_no_object_is_what_was_taken() -> None:
    """A post's "BREAKING: X liberated!", a headline's "X shelled overnight": a place cannot do the deed to nothing; with
    the auxiliary left out, the place is what the deed was done to. A place with an object ("Aleppo captured the
    title") is no doer of war, and "declared X secured" stays the declaring side's state."""
    assert events_of("BREAKING: Saraqib liberated!", published="2024-12-01") == [
        ("Non-state actor overtakes territory", "opposition", "Saraqib")]
    assert events_of("Aleppo captured the title on Friday.") == []
    assert statuses("The army declared Saraqib secured on Sunday.", published="2024-12-03")[SARAQIB][0] == "government"


def test_a_partisan_channels_own_taking_ends_the_fight_it_tells_that_day() -> None:
    """A rebel channel's "our fighters took X this evening ... more than 100 soldiers were killed in the fighting for
    X": the channel's own word of the taking is its telling, so the fight told after it with no day of its own is the
    taking's fight (as in a report's own voice), not a contest of X."""
    text = ("The mujahideen of the revolution liberated Dadikh east of Saraqib this evening. More than 100 regime "
            "soldiers were killed in the fighting for Dadikh.")
    found = [(a.status, a.level) for a in frontlines.extract(text, published="2024-11-28",
                                                             source="a pro-opposition Telegram channel").assertions]
    assert found == [("opposition", "claimed")]
