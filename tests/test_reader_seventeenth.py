"""The clause reader, seventeenth pass: forms found on batch 37 of prose of our own, one test per form, each with its
contrast.

The helpers are those of test_reader_eleventh.py (the real pipeline: spaCy parse, gazetteer, actor dictionary), here
with a report day of 6 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import frontlines
import test_reader_eleventh

events_of = partial(test_reader_eleventh.events_of, published="2024-12-06")


def statuses(text: str, published: str = "2024-12-06") -> dict[str, tuple[str, str]]:
    """The status each place is given by the report alone, and its day, by the place's id (the last statement)."""
    return {a.place_id: (a.status, str(a.valid_from)) for a in frontlines.extract(text, published=published).assertions
            if a.scope == "place"}


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
