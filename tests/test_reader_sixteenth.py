"""The clause reader, sixteenth pass: forms found on batches 34 and 35 of prose of our own and on the development
reports, one test per form, each with its contrast.

The helpers are those of test_reader_eleventh.py (the real pipeline: spaCy parse, gazetteer, actor dictionary), here
with a report day of 7 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import frontlines
import test_reader_eleventh

events_of = partial(test_reader_eleventh.events_of, published="2024-12-07")
dated = partial(test_reader_eleventh.dated, published="2024-12-07")


def statuses(text: str, published: str = "2024-12-07") -> dict[str, tuple[str, str]]:
    """The status each place is given by the report alone, and its day, by the place's id (the last statement)."""
    return {a.place_id: (a.status, str(a.valid_from)) for a in frontlines.extract(text, published=published).assertions
            if a.scope == "place"}


TELL_RIFAAT = "gn:163476"
DARAA = "gn:170905"


def test_the_party_before_the_weapon_of_a_strike_noun_is_its_doer() -> None:
    """"a rebel drone strike", "an army artillery barrage": the party that names the weapon of the deed's noun did it,
    as in "a rebel strike"; a weapon with no party leaves the doer unnamed."""
    assert events_of("On Tuesday, an opposition drone strike hit an army post near Suran.") == [
        ("Air/drone strike", "opposition", "Suran")]
    assert events_of("On Tuesday, an army artillery barrage hit Sarmin.") == [
        ("Shelling/artillery/missile attack", "government", "Sarmin")]
    assert events_of("On Tuesday, a drone strike hit Sarmin.")[0][1] == "unknown"


def test_a_relative_clause_on_an_attack_noun_is_done_by_who_launched_it() -> None:
    """"the army launched a counteroffensive that regained X": the relative pronoun stands for the attack, and the
    attack's doer is the subject of the verb that launched it."""
    assert events_of("On Tuesday, the army launched a counteroffensive that regained Suran.") == [
        ("Government regains territory", "government", "Suran")]
    assert events_of("On Tuesday, the rebels launched an assault that captured Suran.") == [
        ("Non-state actor overtakes territory", "opposition", "Suran")]
    # an attack the subject did not launch, or one that names its own doer, is done by its own party
    assert events_of("On Tuesday, the army tried to blunt an insurgent offensive that has already driven its forces "
                     "out of Suran.") == [("Non-state actor overtakes territory", "opposition", "Suran")]


def test_a_fight_told_after_a_dated_taking_had_happened_by_its_day() -> None:
    """"took X on 2 December after heavy clashes with B on the town's outskirts": the clashes had happened by the day
    of the taking, so they do not make the town contested on the report's day, after the taking."""
    text = "SNA factions took control of Tell Rifaat on December 2 after heavy clashes with the SDF on the town's outskirts."
    assert statuses(text, published="2024-12-03") == {TELL_RIFAAT: ("opposition", "2024-12-02")}
    # the same fight told as news of its own, after the taking, still contests the town
    later = "SNA factions took control of Tell Rifaat on December 2. Heavy clashes with the SDF broke out in the town on December 3."
    assert statuses(later, published="2024-12-03")[TELL_RIFAAT][0] == "contested"


def test_a_state_told_in_the_past_perfect_is_the_one_before_the_change() -> None:
    """"A took X ... B had held the town since 2016": the past perfect tells how things stood before the change the
    report tells, not who holds the town now; the present perfect still tells the state now."""
    taken = "SNA factions took control of Tell Rifaat on December 2."
    assert statuses(taken + " The SDF had held the town since 2016.", published="2024-12-03") == {
        TELL_RIFAAT: ("opposition", "2024-12-02")}
    assert statuses("The SDF has held Tell Rifaat since 2016.", published="2024-12-03")[TELL_RIFAAT][0] == "sdf"


def test_a_noun_named_by_a_naming_participle_is_the_party_named() -> None:
    """"a coalition calling itself A", "fighters from a group known as A": the participle gives the noun its name, so
    the noun is party A; a person called by a name is no party."""
    assert events_of("Fighters from a coalition calling itself the Southern Operations Room entered Daraa city "
                     "on Friday after the garrison withdrew.")[0][1] == "opposition"
    assert statuses("A group known as the Southern Operations Room took Daraa on Friday.") == {
        DARAA: ("opposition", "2024-12-06")}
    assert events_of("A man called Hassan walked into Daraa on Friday.") == []


def test_weeks_count_like_days_from_the_day_the_text_is_at() -> None:
    """"the collapse came a week after A captured X, and two days after they seized Y": with no day named in the
    sentence the count runs from the day the text is at; weeks count seven days."""
    text = ("The collapse in the south came a week after insurgents captured Aleppo, and two days after they seized "
            "Hama.")
    assert dated(text) == {"Aleppo": "2024-11-30", "Hama": "2024-12-05"}
    # with a day named in the sentence, the count runs from it
    assert dated("Rebels entered Homs on Saturday, a week after they captured Aleppo.", published="2024-12-08") == {
        "Homs": "2024-12-07", "Aleppo": "2024-11-30"}


HAMA = "gn:170017"
MANBIJ = "gn:167357"


def test_a_state_told_in_a_clause_of_its_own_after_the_change_is_the_state_it_left() -> None:
    """"A entered X, and by nightfall X was in A's hands": a finite clause joined after the entry tells the state the
    entry left; the same state told as a description of the place ("X, still under army control", "which was in army
    hands") is the one the entry met."""
    assert statuses("Rebels entered Hama from the north on Thursday, and by nightfall the city was in rebel hands.",
                    published="2024-12-06") == {HAMA: ("opposition", "2024-12-05")}
    assert statuses("Rebels entered Hama, still under army control, on Thursday.", published="2024-12-06") == {
        HAMA: ("contested", "2024-12-05")}
    assert statuses("Rebels entered Hama, which was in army hands, on Thursday.", published="2024-12-06") == {
        HAMA: ("contested", "2024-12-05")}


def test_the_noun_after_a_fronted_gerund_phrase_is_the_subject_of_the_verb() -> None:
    """"after four days of fighting the city was in A's hands" (no comma after the phrase): the parser makes the
    clause's subject the gerund's object; the noun right before a verb with no subject is its subject."""
    text = "The SNA assault on Manbij began on Friday, and after days of fighting the city was in SNA hands."
    assert statuses(text, published="2024-12-10")[MANBIJ][0] == "opposition"
    # a gerund with its own object and a subject after it is left alone
    assert statuses("After capturing Suran the rebels advanced on Monday.", published="2024-12-10") == {
        "gn:163915": ("opposition", "2024-12-09")}


def test_a_year_before_a_comma_is_no_toll() -> None:
    """"the massacre of 1982, ..." names a year, not 1982 dead; a count before a comma is still a count."""
    assert [e.fatalities for e in frontlines.extract(
        "Rebels entered Hama on Thursday, a city still bound to the massacre of 1982, after heavy clashes.",
        published="2024-12-06").events] == [0]
    assert [e.fatalities for e in frontlines.extract(
        "Shelling of Sarmin on Thursday killed 12, medics said.", published="2024-12-06").events] == [12]


def test_its_troops_in_what_a_sayer_announced_are_the_sayers() -> None:
    """"B announced that its troops were redeploying": "its" is the sayer's, even when the dictionary does not know
    the sayer, never the party named before in the sentence."""
    text = ("Rebels shelled Hama on Thursday, and the ministry announced that its troops were redeploying outside "
            "the city.")
    moved = [e for e in frontlines.extract(text, published="2024-12-06").events if e.sub_event_type == "Change to group/activity"]
    assert [e.actor1_side for e in moved] == ["unknown"]
    assert events_of("On Thursday, HTS said its fighters had taken Suran.")[0][1] == "opposition"
    # the party named inside the sayer's phrase is the sayer's: "a spokesman for A said its fighters ..."
    assert statuses("A spokesman for the SDF said its fighters had moved into Aleppo International Airport after "
                    "government troops abandoned it on Saturday.", published="2024-11-30") == {
        "cur:aleppo-international-airport": ("sdf", "2024-11-30")}


def test_a_past_fight_with_no_day_for_a_place_taken_that_day_is_the_fight_of_the_taking() -> None:
    """"A seized X at dawn on Tuesday. A said it killed dozens in the battle for the town.": the battle told after the
    taking, in the past and with no day of its own, is the battle of the taking; a fight the text dates later is news."""
    taken = "Rebels seized Suran shortly after dawn on Tuesday."
    assert statuses(taken + " The rebels said they killed dozens of soldiers in the battle for the town.",
                    published="2024-12-04") == {"gn:163915": ("opposition", "2024-12-03")}
    assert statuses(taken + " On Wednesday, heavy clashes broke out in the town.",
                    published="2024-12-04")["gn:163915"] == ("contested", "2024-12-04")


ALEPPO = "gn:170063"


def test_a_way_made_into_a_place_is_an_entry() -> None:
    """"fought their way into X", "forced their way into X": the object "way" makes the verb one of entering, a fight
    for X; with another object ("forced the army into X") or none ("fought in X") it is no entry."""
    assert statuses("On Friday rebels fought their way into Aleppo.", published="2024-12-01") == {
        ALEPPO: ("contested", "2024-11-29")}
    assert statuses("On Friday rebels forced their way into Aleppo.", published="2024-12-01") == {
        ALEPPO: ("contested", "2024-11-29")}
    assert statuses("On Friday the rebels forced the army into Aleppo.", published="2024-12-01") == {}


def test_its_parts_are_parts_of_the_settlement_named_before() -> None:
    """"stormed its outskirts", "fought their way into its western districts": "its" before a part noun is the
    settlement named last; a part noun of no place ("its positions") names nothing."""
    assert statuses("Rebels shelled Hama on Monday. On Tuesday they stormed its outskirts.", published="2024-12-04") \
        == {HAMA: ("contested", "2024-12-03")}
    assert statuses("Rebels shelled Hama on Monday. On Tuesday the army reinforced its positions.",
                    published="2024-12-04") == {}


def test_an_army_that_vanished_from_a_place_left_it() -> None:
    """"the army vanished from X", "troops disappeared from X": a force that vanished left the place; a person who
    vanished is no withdrawal."""
    assert events_of("On Saturday the army vanished from Aleppo.") == [("Change to group/activity", "government", "Aleppo")]
    assert events_of("On Saturday a journalist vanished from Aleppo.") == []


def test_a_holder_hyphenated_to_a_participle_after_a_copula_holds_the_subject() -> None:
    """"X is rebel-held", "by Friday X was opposition-held": the holder joined to the participle holds the copula's
    subject, as in "the rebel-held town of X"."""
    assert statuses("By Friday, Zarbah was rebel-held.", published="2024-11-29") == {
        "gn:172045": ("opposition", "2024-11-29")}
    assert statuses("Zarbah is government-controlled.", published="2024-11-29") == {
        "gn:172045": ("government", "2024-11-29")}
    # a participle with no holder joined to it says nothing of who holds the place
    assert statuses("Zarbah is held.", published="2024-11-29") == {}


SARAQIB = "gn:164816"


def test_a_day_earlier_is_the_day_before_the_one_told() -> None:
    """"fighters that had seized X a day earlier": the day before the day the text is telling, as "the day before"."""
    text = "Rebels entered Damascus on Sunday. Fighters that had seized Deraa city a day earlier reached Jaramana."
    assert dated(text, published="2024-12-08")["Daraa"] == "2024-12-07"


def test_a_clause_of_later_time_does_not_take_the_main_clauses_day() -> None:
    """"Hours before the capital fell, A walked into X ... late on Saturday": the day named belongs to the main clause,
    which came first; the fall told in the "before" clause is not of that day."""
    text = "Hours before the capital fell, rebels walked into Homs after government forces withdrew late on Saturday."
    assert dated(text, published="2024-12-08") == {"Homs": "2024-12-07", "Damascus": "2024-12-08"}
    # a day inside the "before" clause is its own
    assert dated("Rebels shelled Homs, two days before they took Hama on 5 December.", published="2024-12-08")["Hama"] \
        == "2024-12-05"


def test_the_authors_own_judgement_is_an_assessment_not_a_belief() -> None:
    """"We consider X to be under A's control", "we believe A took X": a verb of judging with the text's own voice as
    subject tells the author's assessment; a party's belief, or a quoted "we believe", asserts nothing."""
    assert statuses("We consider Saraqib to be under opposition control.", published="2024-12-01") == {
        SARAQIB: ("opposition", "2024-12-01")}
    assert statuses("The rebels believed Saraqib was already theirs.", published="2024-12-01") == {}
    assert statuses('"We believe Saraqib is ours," a rebel commander said.', published="2024-12-01") == {}


def test_a_partys_claim_after_the_authors_assessment_of_the_same_day_does_not_overrule_it() -> None:
    """"X itself is contested ... an outlet of A claimed A had restored control of the town": within one report the
    author's assessment stands over a party's claim told after it on the same day; an assessment told after a claim
    is the report's last word, as before."""
    text = ("The town of Saraqib itself is contested. A pro-government outlet claimed that the army had restored "
            "control of the town.")
    assert statuses(text, published="2024-12-01") == {SARAQIB: ("contested", "2024-12-01")}
    text = "A pro-government outlet claimed that the army had restored control of Saraqib. The town is contested."
    assert statuses(text, published="2024-12-01") == {SARAQIB: ("contested", "2024-12-01")}
    # a change the author told can be followed by a later one a party tells
    text = ("The SDF moved into Aleppo International Airport on Saturday after government troops abandoned it. By "
            "evening, however, the SDF had handed the airport over to opposition fighters, a spokesman for the "
            "operations room said.")
    assert statuses(text, published="2024-11-30") == {"cur:aleppo-international-airport": ("opposition", "2024-11-30")}


def test_the_force_at_a_place_that_left_left_the_place() -> None:
    """"the soldiers at X left": the place the leaving force stood at is the place left (as "the troops in X
    withdrew"), not one it is present in."""
    assert statuses("The soldiers at the Nassib border crossing left on Friday.") == {
        "cur:nasib-crossing": ("unknown", "2024-12-06")}
    assert events_of("The soldiers at the Nassib border crossing left on Friday.") == [
        ("Change to group/activity", "government", "Nasib crossing")]


def test_a_place_fought_over_is_contested() -> None:
    """"X is still being fought over", "A and B fought over X": a place fought over is contested; the particle makes
    the frame, and a quarrel of no armed party over a thing in a place is nothing."""
    assert statuses("Sanamayn is still being fought over.", published="2024-12-06") == {
        "gn:172469": ("contested", "2024-12-06")}
    assert statuses("Rebels and troops fought over Sanamayn on Friday.") == {"gn:172469": ("contested", "2024-12-06")}
    assert events_of("Two families fought over land in Sanamayn on Friday.") == []


def test_a_side_word_before_another_sides_word_names_whose_they_are() -> None:
    """"rebel soldiers", "opposition troops": the first word of a side names whose the soldiers are, though
    "soldiers" alone is a word of the government side."""
    assert events_of("Rebel soldiers entered Hama on Thursday.")[0][1] == "opposition"
    assert events_of("Soldiers entered Hama on Thursday.")[0][1] == "government"


SAFIRA = "gn:172503"


def test_a_holder_label_after_a_change_is_the_state_the_change_met() -> None:
    """"A stormed X ... the advance stunned many in the B-held city": a holder told as a label of the place, after the
    report told the place changing, is the state the change met; told with nothing changing, it still says who holds
    the place."""
    assert statuses("Insurgents stormed Aleppo on Saturday. The speed of the advance stunned many in the "
                    "government-held city.", published="2024-11-30") == {ALEPPO: ("opposition", "2024-11-30")}
    assert statuses("Jets struck the government-held city of Aleppo on Saturday.", published="2024-11-30") == {
        ALEPPO: ("government", "2024-11-30")}


def test_a_force_that_moved_in_went_into_the_place_left_in_the_sentence_before() -> None:
    """"B abandoned X on Monday. A moved in hours later.": an entry with no place of its own goes into the place the
    sentence before told left (the particle before a time, "moved in the same day", is still a particle); with no
    place left before, it is nowhere."""
    left = "Government troops abandoned al-Safira on Monday."
    assert statuses(left + " Opposition fighters moved in hours later.", published="2024-12-04") == {
        SAFIRA: ("opposition", "2024-12-02")}
    assert statuses(left + " Opposition fighters moved in the same day.", published="2024-12-04") == {
        SAFIRA: ("opposition", "2024-12-02")}
    assert statuses("Government troops shelled al-Safira on Monday. Opposition fighters moved in hours later.",
                    published="2024-12-04") == {}


def test_a_quiet_place_is_held_by_no_one_in_particular() -> None:
    """"X is quiet", "the town was calm": a state of no fighting says nothing of who holds the place; "with X secure"
    after a party's deed still says that party holds it."""
    assert statuses("Government forces are fighting near Hama. Aleppo is quiet on the ground.", published="2024-12-04") \
        == {}
    assert statuses("Rebels took Hama on Thursday, and with Hama secure they pushed south.", published="2024-12-06")[
        HAMA][0] == "opposition"


def test_the_battle_for_a_place_taken_that_day_is_the_battle_of_the_taking() -> None:
    """"... when the town fell. Monitors counted 14 killed in the battle for X": a battle noun told after the taking,
    with no day of its own, is the battle the taking ended; after a taking a party only claims, a fight still
    contests the place."""
    text = ("Rebels entered Talbiseh on Friday. Rastan proved harder: fighting lasted until the early afternoon, when "
            "the town fell. Monitors counted 14 fighters killed in the battle for Rastan.")
    assert statuses(text)["gn:172946"] == ("opposition", "2024-12-06")
    claimed = "On Friday state media claimed that rebels had taken Rastan. Monitors said the town was being fought over."
    assert statuses(claimed)["gn:172946"] == ("contested", "2024-12-06")


def test_a_spaced_hyphen_between_words_is_a_dash() -> None:
    """"background for new followers - SDF entered X": a hyphen with a space on each side parts a lead-in from its
    clause (the parser would join the words around it into one name); a hyphen inside a name stays one."""
    text = "Quick background for new followers - SDF entered Deir ez-Zor city on Friday."
    assert statuses(text, published="2024-12-08") == {"gn:170794": ("contested", "2024-12-06")}
    assert [p.name for p in frontlines.extract(text, published="2024-12-08").places] == ["Deir ez-Zor"]


def test_a_state_adjective_on_a_joined_verb_shares_the_first_verbs_subject() -> None:
    """"X changed hands twice on Monday and remains contested": the joined verb's adjective tells of the first verb's
    subject, so the place is contested, not held by whoever took it last."""
    assert statuses("Suran changed hands twice on Monday and remains contested.", published="2024-12-03") == {
        "gn:163915": ("contested", "2024-12-02")}
    assert statuses("Suran fell to the rebels on Monday and remains in their hands.", published="2024-12-03") == {
        "gn:163915": ("opposition", "2024-12-02")}


def test_a_secure_place_is_held_by_the_party_its_sentence_names_nearest() -> None:
    """"the attack was repelled, and the town is secure, with army units in their positions": the party the sentence
    names nearest the state holds the place, not the attacker named in the sentence before."""
    text = ("A rebel group attacked the town of Suran on Friday. The source said that the attack was repelled, and "
            "that the town is completely secure, with army units remaining in their positions.")
    assert statuses(text)["gn:163915"][0] == "government"
    assert statuses("Rebels took Hama on Thursday, and with Hama secure they pushed south.")[HAMA][0] == "opposition"
