"""The clause reader, seventeenth pass: forms found on batch 37 of prose of our own, one test per form, each with its
contrast.

The helpers are those of test_reader_eleventh.py and test_reader_sixteenth.py (the real pipeline: spaCy parse,
gazetteer, actor dictionary), here with a report day of 6 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import frontlines
import test_reader_eleventh
import test_reader_sixteenth

events_of = partial(test_reader_eleventh.events_of, published="2024-12-06")
# the status each place is given by the report alone, and its day, by the place's id
statuses = partial(test_reader_sixteenth.statuses, published="2024-12-06")


PALMYRA = "gn:163808"
MOREK = "gn:166640"
KAFR_ZITA = "gn:168620"
SARMIN = "gn:164782"


def test_a_partys_own_men_are_its_fighters() -> None:
    """"group A says its men entered X": "men" owned by a party are its fighters, as "its troops" are; "men" alone
    are no armed party."""
    # (an entry alone makes the town contested; with the army gone before it, the town is taken)
    assert statuses("The Syrian Free Army says its men have entered Palmyra.") == {PALMYRA: ("contested", "2024-12-06")}
    assert statuses("The army left Palmyra on Friday. The Syrian Free Army says its men have since entered the town.") == {
        PALMYRA: ("opposition", "2024-12-06")}
    assert statuses("Men entered Palmyra on Friday to look for work.") == {}


def test_a_state_told_since_a_day_holds_from_that_day() -> None:
    """"X has been held by A since 30 November": a standing state holds from the day its period opens, not only on the
    day of the report; "since" a vaguer time, or a day before the story, leaves it on the report's day."""
    assert statuses("Morek and Kafr Zita have been held by opposition fighters since 30 November.") == {
        MOREK: ("opposition", "2024-11-30"), KAFR_ZITA: ("opposition", "2024-11-30")}
    assert statuses("Sarmin has been in rebel hands since Tuesday.") == {SARMIN: ("opposition", "2024-12-03")}
    assert statuses("Sarmin has been in rebel hands since last week.") == {SARMIN: ("opposition", "2024-12-06")}
    assert statuses("Sarmin has been in rebel hands since 2016.") == {SARMIN: ("opposition", "2024-12-06")}


def test_the_day_a_state_began_is_not_the_day_the_story_has_reached() -> None:
    """"X has been held since 30 November. ... that night": the night is of the day the story told last (the report's
    own), not of the day the state began."""
    text = ("Morek has been held by opposition fighters since 30 November. "
            "Government jets struck Sarmin that night, killing four civilians.")
    dates = {e.location: str(e.date) for e in frontlines.extract(text, published="2024-12-06").events}
    assert dates == {"Sarmin": "2024-12-06"}


def test_a_place_inside_an_area_a_holder_label_describes_is_held_by_it() -> None:
    """"X and Y now lie deep inside rebel-held territory", "X, in army-controlled areas, ...": the place in an area that
    a holder label describes is held by the label's holder; an area with no place in the clause says nothing."""
    assert statuses("Morek and Kafr Zita now lie deep inside rebel-held territory.") == {
        MOREK: ("opposition", "2024-12-06"), KAFR_ZITA: ("opposition", "2024-12-06")}
    assert statuses("Sarmin, in army-controlled areas, was quiet on Friday.") == {SARMIN: ("government", "2024-12-06")}
    assert statuses("Families from Sarmin fled to camps in rebel-held areas.") == {}


def test_a_verb_reached_through_its_preposition_is_no_denial() -> None:
    """"X lies in rebel-held territory": "lie" is where X is, not a word that calls a report false (as in "reports
    that the rebels took X are lies", which still denies the taking)."""
    assert statuses("Sarmin lies in rebel-held territory.") == {SARMIN: ("opposition", "2024-12-06")}
    assert statuses("Reports that the rebels took Sarmin on Friday are lies.") == {}


def test_the_same_day_opening_a_paragraph_is_the_day_told_last() -> None:
    """"... late on Friday.\\n\\nThe rebels took X the same day": with no day in its own paragraph, "the same day" is
    the day the text named last, not the day it was written; with none named at all, it stays the report's day."""
    text = "The army left Sarmin late on Tuesday.\n\nRebel fighters captured Morek the same day."
    assert statuses(text)[MOREK] == ("opposition", "2024-12-03")
    assert statuses("Rebel fighters captured Morek the same day.")[MOREK] == ("opposition", "2024-12-06")
    # ("the next day" counts from that day too; with no day named before, it has none)
    nxt = "The army left Sarmin late on Tuesday.\n\nThe next day, rebel fighters captured Morek."
    assert statuses(nxt)[MOREK] == ("opposition", "2024-12-04")


def test_a_clause_hung_on_the_day_a_period_opens_is_of_that_day() -> None:
    """"Strikes have hit X since Tuesday, when the rebels captured the town": the capture told in the "when" clause of
    the period's first day happened that day; a clause after a comma of its own takes the report's day."""
    text = "Strikes have hit Sarmin since Tuesday, when the rebels captured the town."
    assert statuses(text)[SARMIN] == ("opposition", "2024-12-03")
    other = "Strikes have hit Sarmin since Tuesday, and the rebels captured Morek."
    assert statuses(other)[MOREK] == ("opposition", "2024-12-06")


def test_a_comparison_that_repeats_a_state_with_an_auxiliary_says_it_of_its_subject() -> None:
    """"X remains in A's hands, as does Y", "X is contested, as is Y": Y is in the same state; "as it has since ..."
    adds no place, nor does a comparison about something else."""
    assert statuses("Sarmin remains firmly in rebel hands, as does Morek.") == {
        SARMIN: ("opposition", "2024-12-06"), MOREK: ("opposition", "2024-12-06")}
    assert statuses("Sarmin is contested, as is Kafr Zita.") == {
        SARMIN: ("contested", "2024-12-06"), KAFR_ZITA: ("contested", "2024-12-06")}
    assert statuses("Sarmin remains in rebel hands, as farmers near Morek do every winter.") == {
        SARMIN: ("opposition", "2024-12-06")}


def test_a_hedge_on_the_manner_of_a_taking_does_not_hedge_the_taking() -> None:
    """"A took X, apparently without a fight": the hedge is on how it went, not on whether it happened (the author's
    word still stands); "A apparently took X" is still hedged."""
    text = "On Tuesday rebel factions took Sarmin, apparently without a fight."
    assert [a.level for a in frontlines.extract(text, published="2024-12-06").assertions] == ["assessed"]
    hedged = "On Tuesday rebel factions apparently took Sarmin without a fight."
    assert [a.level for a in frontlines.extract(hedged, published="2024-12-06").assertions] == ["claimed"]


HOMS = "gn:169577"


def test_a_fight_in_a_part_of_a_place_the_sentence_says_is_held_leaves_its_holder() -> None:
    """"X is still in A's hands, but its northern edge is contested": the part is fought over, the place stays A's; told
    of the place itself, or with no holder stated, the place is contested."""
    assert statuses("Homs is still in government hands, but its northern edge is contested.") == {
        HOMS: ("government", "2024-12-06")}
    assert statuses("The army shelled Homs on Friday, and its northern edge is contested.") == {
        HOMS: ("contested", "2024-12-06")}
    assert statuses("Homs is still in government hands, but the city is contested.") == {
        HOMS: ("contested", "2024-12-06")}


def test_a_relative_clause_of_attribution_names_the_doer_of_a_deed() -> None:
    """"a strike that residents attributed to Russian aircraft hit X": the relative clause names the deed's doer, as
    the participle does ("a strike attributed to ..."); a relative clause of another verb names none."""
    text = "On Friday a strike that residents attributed to Russian aircraft hit Sarmin, killing four civilians."
    assert events_of(text) == [("Air/drone strike", "russia", "Sarmin")]
    other = "On Friday a strike that residents heard from afar hit Sarmin, killing four civilians."
    assert events_of(other) == [("Air/drone strike", "unknown", "Sarmin")]


def test_a_governorate_that_locates_a_listed_place_is_not_a_member_of_the_list() -> None:
    """"took A, in southern X, and B, in northern Y": the governorates locate the towns, they were not taken whole (no
    statement on the governorate, nor on its other places); a governorate listed as such is still taken."""
    text = "On Friday the rebels took Sarmin, in eastern Idlib, and Morek, in northern Hama."
    assert statuses(text, published="2024-11-30") == {SARMIN: ("opposition", "2024-11-29"), MOREK: ("opposition", "2024-11-29")}
    assert {a.scope for a in frontlines.extract(text, published="2024-11-30").assertions} == {"place"}
    listed = frontlines.extract("On Friday the rebels took Sarmin and the whole of Idlib governorate.",
                                published="2024-11-30").assertions
    assert "region" in {a.scope for a in listed}


def test_a_change_told_as_history_does_not_make_the_state_beside_it_a_former_one() -> None:
    """"the towns of X and Y, which the army had retaken in 2019, were reported by 1 December to be in rebel hands":
    the retaking is history (no day of the story), so the state told with it is news of its own day; a change told
    of the story's own days still makes a state beside it the one before ("entered the army-held town of X")."""
    text = ("The towns of Sarmin and Morek, which the army had retaken in 2019, were reported by 1 December to be in "
            "rebel hands.")
    assert statuses(text) == {SARMIN: ("opposition", "2024-12-01"), MOREK: ("opposition", "2024-12-01")}
    assert statuses("On Friday the rebels entered the army-held town of Sarmin.")[SARMIN][0] == "contested"


TELL_RIFAAT = "gn:163476"
MAARAT = "gn:167611"


def test_a_name_whose_first_word_is_a_verb_is_the_subject_of_the_sentence_it_opens() -> None:
    """"Tell Rifaat fell to A on Sunday": the parser reads "Tell" as an imperative with "Rifaat" its object; the name is
    the subject of the verb after it. A true imperative, whose clause has a subject of its own, is left alone."""
    assert statuses("The army pulled back. Tell Rifaat fell to the rebels on Sunday.", published="2024-12-03") == {
        TELL_RIFAAT: ("opposition", "2024-12-01")}
    from frontlines.read.nlp import load_nlp
    parsed = load_nlp()("Tell Ahmad the army left Sarmin.")
    assert parsed[0].dep_ == "ROOT" and parsed[1].dep_ == "dobj"


def test_the_day_of_a_relative_clause_about_a_place_is_not_the_day_of_the_sentence() -> None:
    """"X, which the army had entered on 28 January 2020, fell back into A's hands": the day (and year) of the
    relative clause are its own; the fall outside it is of the story's day. The clause's own deed stays history."""
    text = "Maarat al-Numan, which the army had entered on 28 January 2020, fell back into rebel hands on Saturday."
    assert statuses(text) == {MAARAT: ("opposition", "2024-11-30")}
    undated = "Maarat al-Numan, which the army had entered on 28 January 2020, fell back into rebel hands."
    assert statuses(undated) == {MAARAT: ("opposition", "2024-12-06")}


RASTAN = "gn:172946"
TALBISEH = "gn:163779"


def test_a_modal_of_ability_on_a_verb_of_confirming_tells_what_it_confirms() -> None:
    """"we can now confirm that X has fallen" tells the fall; "we cannot confirm", "we could confirm it if ..." do not."""
    assert statuses("We can now confirm that Homs has fallen.", published="2024-12-08") == {HOMS: ("opposition", "2024-12-08")}
    assert statuses("We cannot confirm that Homs has fallen.", published="2024-12-08") == {}
    assert statuses("We could confirm that Homs has fallen if we had access.", published="2024-12-08") == {}


def test_a_state_set_off_by_a_comma_after_places_tells_of_them() -> None:
    """"passed through A and B, both now in rebel hands": the phrase of state set off after the places is theirs,
    though the parser hangs it on the verb; a phrase of state that is the verb's own ("remained in army hands") is
    read as before."""
    text = "On Saturday the columns passed through Rastan and Talbiseh, both now in rebel hands."
    assert statuses(text, published="2024-12-08") == {
        RASTAN: ("opposition", "2024-12-07"), TALBISEH: ("opposition", "2024-12-07")}
    assert statuses("Rastan remained in army hands on Saturday.", published="2024-12-08") == {RASTAN: ("government", "2024-12-07")}
    assert statuses("On Saturday the columns passed through Rastan in rebel trucks.", published="2024-12-08") == {}


DARAA = "gn:170905"


def test_a_relative_pronoun_in_a_role_stands_for_the_clauses_antecedent() -> None:
    """"local factions, to whom the army handed over X the day before, say ...": "whom" is the factions, who received
    X; with the recipient a pronoun of no antecedent party, nobody is named."""
    text = "Southern rebel factions, to whom the army handed over Daraa on Friday, say they are moving north."
    assert statuses(text, published="2024-12-07")[DARAA][0] == "opposition"


def test_a_force_told_leaving_is_no_presence_where_it_was() -> None:
    """"the last army units in the city were allowed to leave": units told leaving say nothing of holding the place
    (a taking told before stands); units in the city told doing something else still are a presence."""
    took = "Rebels took Daraa on Friday. The last army units in the city were allowed to leave for Damascus."
    assert statuses(took, published="2024-12-07") == {DARAA: ("opposition", "2024-12-06")}
    stayed = "Army units in Daraa were ordered to stand their ground on Friday."
    assert statuses(stayed, published="2024-12-07") == {DARAA: ("government", "2024-12-06")}


KHAN_SHAYKHUN = "gn:168325"


def test_a_timeline_entry_that_opens_with_its_day_and_a_dash_dates_its_whole_line() -> None:
    """"30 November – The army's lines collapse. X and Y fall with little resistance.": the entry's present tense is of
    the day that opens it, for every sentence of its line; a sentence on a line of its own after it is not."""
    text = ("Timeline\n\n30 November – The army's lines west of the city collapse. Maarat al-Numan and Khan Shaykhun fall "
            "with little resistance.\n\nRebel factions hold Morek.")
    got = statuses(text, published="2024-12-12")
    assert got[MAARAT] == got[KHAN_SHAYKHUN] == ("opposition", "2024-11-30")
    assert got[MOREK] == ("opposition", "2024-12-12")


def test_a_day_after_the_sentence_is_no_day_of_a_listed_place() -> None:
    """"... X and Y fell.\\n\\n6 December – ...": the day that opens the next entry is not Y's, as "took X on 5 December
    and Y on 7 December" gives Y its own day within the sentence."""
    text = "On Saturday the rebels took Maarat al-Numan and Khan Shaykhun.\n\n6 December – Rebels take Rastan."
    got = statuses(text, published="2024-12-12")
    assert got[MAARAT] == got[KHAN_SHAYKHUN] == ("opposition", "2024-12-07")
    within = "The rebels took Maarat al-Numan on 30 November and Khan Shaykhun on 1 December."
    assert statuses(within, published="2024-12-12")[KHAN_SHAYKHUN] == ("opposition", "2024-12-01")


SHEIKH_MAQSOUD = "cur:sheikh-maqsoud"
ALEPPO = "gn:170063"


def test_the_district_of_a_neighbourhood_is_the_neighbourhood_whole() -> None:
    """"the Kurdish-majority district of X" where the gazetteer has X as a neighbourhood names X itself, as "the town of
    X" does, so a holder of it holds it; "the western quarter of a city" is still a part of the city."""
    text = "The Kurdish-majority district of Sheikh Maqsoud remained under the control of Kurdish forces on Tuesday."
    assert statuses(text, published="2024-12-04") == {SHEIKH_MAQSOUD: ("sdf", "2024-12-03")}
    part = "Rebels entered the western quarter of Aleppo on Friday."
    assert statuses(part, published="2024-12-04") == {ALEPPO: ("contested", "2024-11-29")}


JABAL = "cur:jabal-zayn-al-abidin"
QAMHANA = "wp:qamhana"


def test_both_as_the_subject_of_a_change_stands_for_the_two_places_named_last() -> None:
    """"the defence rested on hill A and on the town of B. Both were lost on Thursday": "both" is A and B; "both" of
    parties names no place."""
    text = ("The army's defence rested on Jabal Zayn al-Abidin and on the loyalist town of Qamhana. Both were lost to the "
            "rebels on Thursday.")
    assert statuses(text, published="2024-12-10") == {JABAL: ("opposition", "2024-12-05"), QAMHANA: ("opposition", "2024-12-05")}
    assert statuses("Rebels and soldiers met near Qamhana. Both withdrew on Thursday.", published="2024-12-10") == {}


def test_the_un_abbreviation_of_the_government_names_its_side() -> None:
    """UN texts write "GoS forces" (Government of Syria): the theater's dictionary knows it as the government's, as it
    knows "government forces"; a word that only contains the letters is no party."""
    assert events_of("On Tuesday, GoS forces shelled Sarmin.") == [("Shelling/artillery/missile attack", "government", "Sarmin")]
    assert events_of("On Tuesday, Gospel singers were shelled in Sarmin.")[0][1] == "unknown"
