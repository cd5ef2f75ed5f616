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
