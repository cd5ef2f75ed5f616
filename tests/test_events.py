"""Event extraction on single sentences written in the style of real reports (tiny theater + spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

import frontlines
from frontlines.models import Evidence
from frontlines.pipeline import Pipeline
from frontlines.read.ingest import from_text

PUBLISHED = date(2024, 11, 30)


@pytest.fixture(scope="module")
def run(mini):
    pipeline = Pipeline(mini)

    def _run(text: str, source: str = "Test Monitor", published: date | None = PUBLISHED):
        (result,) = pipeline.run([from_text(text, source=source, published=published)])
        return result

    return _run


def _one(result):
    assert len(result.events) == 1, [(e.sub_event_type, e.location) for e in result.events]
    return result.events[0]


def test_capture_active_voice(run) -> None:
    e = _one(run("HTS fighters captured Saraqib on Friday after heavy clashes with regime forces."))
    assert (e.event_type, e.sub_event_type) == ("Battles", "Non-state actor overtakes territory")
    assert (e.actor1_side, e.actor2_side, e.location) == ("opposition", "government", "Saraqib")
    assert e.date == date(2024, 11, 29) and e.time_precision == 1


def test_capture_passive_voice_gives_taker_as_actor1(run) -> None:
    e = _one(run("Khan Sheikhoun fell to HTS yesterday."))
    assert e.actor1_side == "opposition" and e.location == "Khan Shaykhun" and e.date == date(2024, 11, 29)


def test_government_regains(run) -> None:
    e = _one(run("The Syrian army recaptured Mhardeh at dawn, SANA said."))
    assert e.sub_event_type == "Government regains territory" and e.actor1_side == "government"


def test_one_event_per_place(run) -> None:
    result = run("Rebels took Saraqib, Kafr Nabl and Khan Sheikhoun today.")
    assert sorted(e.location for e in result.events) == ["Kafr Nabl", "Khan Shaykhun", "Saraqib"]


def test_remote_violence_with_fatalities(run) -> None:
    e = _one(run("Russian warplanes struck Idlib city, killing dozens of civilians, the monitor said."))
    assert e.sub_event_type == "Air/drone strike" and e.actor1_side == "government" and e.actor2_side == "civilians"
    assert e.fatalities == 12 and "dozens" in e.fatalities_text


def test_a_strike_that_killed_civilians_has_them_as_its_target(run) -> None:
    # remote violence names its victims by their toll: civilians killed make the civilians actor2 (ACLED)
    e = _one(run("Air raids hit Idlib city, killing 12 people."))
    assert e.sub_event_type == "Air/drone strike" and e.actor2_side == "civilians" and e.fatalities == 12
    e = _one(run("Shelling on Saraqib killed two women."))
    assert e.actor2_side == "civilians" and e.fatalities == 2
    e = _one(run("Artillery shelling on Saraqib killed three fighters."))
    assert e.actor2_side != "civilians" and e.fatalities == 3


def test_negated_and_hypothetical_are_not_events(run) -> None:
    assert not run("Saraqib did not fall to the rebels.").events
    assert not run("Rebels could push toward Hama in the coming days.").events


def test_claims_keep_the_claimant(run) -> None:
    e = _one(run("State media claimed the army repelled an attack on Mhardeh."))
    assert e.certainty == "claimed" and "state media" in e.claimed_by.lower()


def test_hedge_is_uncertain(run) -> None:
    e = _one(run("Opposition fighters appear to have entered Kafr Nabl."))
    assert e.certainty == "uncertain"


def test_partisan_source_makes_a_claim(mini) -> None:
    (result,) = Pipeline(mini).run([from_text("The army repelled an attack on Mhardeh.", source="SANA", published=PUBLISHED)])
    assert result.events[0].certainty == "claimed"


def test_no_published_date_warns(run) -> None:
    e = _one(run("Rebels captured Saraqib on 29 November.", published=None))
    assert e.date is None and e.time_precision == 3 and e.warnings


def test_offsets_and_evidence(run) -> None:
    text = "Calm in Hama. HTS captured Saraqib."
    result = run(text)
    e = _one(result)
    assert text[e.start : e.end] == "captured" and e.evidence == (Evidence(e.doc, e.start, e.end),)


def test_withdrawal_without_capture(run) -> None:
    e = _one(run("Regime forces withdrew from Mhardeh overnight."))
    assert e.sub_event_type == "Change to group/activity" and e.actor1_side == "government"
    # The side that left no longer holds the place, and nobody is known to hold it yet (docs/reader.md).
    assert any(a.status == "unknown" and a.place_id == "gn:167357" for a in run("Regime forces withdrew from Mhardeh overnight.").assertions)


def test_concurrent_tactics_merge(run) -> None:
    e = _one(run("After shelling and clashes, HTS captured Saraqib."))
    assert e.sub_event_type == "Non-state actor overtakes territory"


def test_places_the_gazetteer_lacks_keep_their_events_by_name(run, mini) -> None:
    from frontlines.control.ledger import Ledger

    result = run("Rebels took Saraqib, Tell Ayyubi and Kherbet Joz today.")
    by_place = {e.place_id: e for e in result.events}
    assert set(by_place) == {"gn:163270", "name:tal-ayubi", "name:khirbat-joz"}  # ids fold spellings
    unmapped = by_place["name:tal-ayubi"]
    assert unmapped.lat is None and unmapped.lon is None and unmapped.location == "Tell Ayyubi"
    ledger = Ledger(result.assertions, mini.gazetteer, mini.actors.sides)
    assert ledger.status("name:tal-ayubi", PUBLISHED).status == "opposition"
    assert all(s.place_id in mini.gazetteer.by_id for s in ledger.as_of(PUBLISHED))  # not drawn on maps
    assert len(ledger.as_of(PUBLISHED, unmapped=True)) == 3


def test_two_named_days_are_one_event_per_day_with_the_toll_split() -> None:
    result = frontlines.extract("On 30 November and 1 December, clashes killed 7 fighters in Morek.", published="2024-12-02")
    days = sorted((e.date.isoformat(), e.fatalities) for e in result.events)
    assert days == [("2024-11-30", 4), ("2024-12-01", 3)]


def test_a_week_long_period_stays_one_event() -> None:
    result = frontlines.extract("Between 1 and 6 December, shelling hit Morek repeatedly.", published="2024-12-07")
    assert len(result.events) == 1 and result.events[0].time_precision == 2


def test_a_foreign_states_forces_are_named_as_the_events_party() -> None:
    """An event by a foreign state's forces names the state as its party (the actor dictionary's
    `state`), while the control map still counts the side it fights for."""
    (e,) = frontlines.extract("Russian jets struck Sarmada on Monday.", published="2024-12-03").events
    assert e.actor1_side == "russia"
    (e,) = frontlines.extract("Syrian and Russian warplanes struck Sarmada on Monday.", published="2024-12-03").events
    assert e.actor1_side == "government"  # a joint force is the side's
    result = frontlines.extract("Israeli troops captured Quneitra on Sunday.", published="2024-12-09")
    assert [e.actor1_side for e in result.events] == ["israel"]
    assert [a.status for a in result.assertions] == ["unknown"]  # no side of the theater holds it


def test_a_place_taken_as_its_holders_leave_changes_hands_without_a_fight() -> None:
    """ACLED: territory acquired without a violent interaction is a non-violent transfer. Read from the
    sentence: another side's forces leave and no battle is told; a battle or unarmed leavers keep it a capture."""
    def sub(text: str) -> list[str]:
        return [e.sub_event_type for e in frontlines.extract(text, published="2024-12-07").events if e.location != ""]

    assert sub("On 6 December the SDF occupied Mayadin as government forces retreated.") == ["Non-violent transfer of territory"]
    assert sub("After heavy clashes the army withdrew and rebels took Hama.") == ["Non-state actor overtakes territory"]
    assert sub("Rebels took Hama as civilians fled.") == ["Non-state actor overtakes territory"]


def test_an_entry_that_meets_no_fight_takes_the_place() -> None:
    """An entry is a fight for a place, unless the sentence says nobody resisted or the holders left: then
    the place changes hands (a non-violent transfer; the entering side holds it)."""
    quiet = frontlines.extract("On 6 December SDF units moved into Mayadin without resistance.", published="2024-12-07")
    assert [e.sub_event_type for e in quiet.events] == ["Non-violent transfer of territory"]
    assert [(a.status, a.level) for a in quiet.assertions] == [("sdf", "assessed")]
    fought = frontlines.extract("On 6 December SDF units moved into Mayadin.", published="2024-12-07")
    assert [e.sub_event_type for e in fought.events] == ["Armed clash"]
    assert [a.status for a in fought.assertions] == ["contested"]


def test_the_other_party_unnamed_is_who_held_the_area() -> None:
    """With no other party named, a side fought whoever held the place (or the area around it) on the
    theater's baseline day; when that is the side itself (a place it lost and now retakes), its usual adversary."""
    def sides(text: str) -> list[tuple[str, str]]:
        return [(e.actor1_side, e.actor2_side) for e in frontlines.extract(text, published="2024-12-07").events]

    assert sides("On 1 December rebels captured Manbij.") == [("opposition", "sdf")]  # a baseline row
    assert sides("On 1 December rebels captured Saraqib.") == [("opposition", "government")]
    assert sides("On 1 December rebels captured Tal Yasti near Manbij.")[0] == ("opposition", "sdf")  # no row: the area's
    assert sides("On 3 December the army recaptured Saraqib.") == [("government", "opposition")]  # its own: the adversary
    assert sides("On 6 December the SDF took Deir ez-Zor.") == [("sdf", "government")]


def test_more_forms_of_fighting_and_striking() -> None:
    """"fierce battles raged in X" (an intensity word makes a figurative noun a fight), "traded fire near X",
    "killed dozens of soldiers near X" (armed parties killing each other: a clash, no control), "dropped barrel
    bombs on X" (from aircraft: an air strike)."""
    def first(text: str) -> tuple[str, str, int]:
        (e,) = frontlines.extract(text, published="2024-12-04").events
        return e.sub_event_type, e.location, e.fatalities

    assert first("Fierce battles raged in Morek on 3 December.")[:2] == ("Armed clash", "Morek")
    assert first("Rebel and army units traded fire near Morek on 3 December.")[:2] == ("Armed clash", "Morek")
    assert first("Rebels killed dozens of soldiers near Morek on 3 December.") == ("Armed clash", "Morek", 12)
    assert not frontlines.extract("Rebels killed dozens of soldiers near Morek on 3 December.",
                                  published="2024-12-04").assertions
    assert first("Army helicopters dropped barrel bombs on Kafr Nabl on 3 December.")[:2] == ("Air/drone strike", "Kafr Nabl")


def test_an_operation_aimed_at_a_place() -> None:
    """"launched a military operation against X", "an operation on X": a fight for X (an armed clash); an
    operation merely located in X ("an aid operation in X", "a rescue operation in X") is none."""
    def subs(text: str) -> list[tuple[str, str]]:
        return [(e.sub_event_type, e.location) for e in frontlines.extract(text, published="2024-12-01").events]

    assert subs("On 30 November the SNA began a military operation against Tal Rifaat.") == [("Armed clash", "Tell Rifaat")]
    assert subs("On 30 November the SNA launched an operation on Tal Rifaat.") == [("Armed clash", "Tell Rifaat")]
    # the parser hangs "on X" on the date before it: the place is still the operation's
    assert subs("The SNA launched an operation on 30 November on Tal Rifaat, a pocket north of the city.") \
        == [("Armed clash", "Tell Rifaat")]
    assert subs("On 30 November the army launched a rescue operation in Tal Rifaat after the floods.") == []


def test_a_happening_between_two_places_is_one_event() -> None:
    """"on the road between A and B" locates one happening: one event, at the first place, geo precision 2."""
    result = frontlines.extract("On 2 December a drone hit a car on the road between Sarmin and Binnish, killing two.",
                                published="2024-12-03")
    assert [(e.location, e.geo_precision, e.fatalities) for e in result.events] == [("Sarmin", 2, 2)]


def test_a_governorate_that_situates_a_place_is_no_second_location() -> None:
    """"on the outskirts of X in the northern Y countryside": one event at X; a governorate alone is located there."""
    def where(text: str) -> list[str]:
        return [e.location for e in frontlines.extract(text, published="2024-12-03").events]

    assert where("On 2 December heavy fighting raged near Morek in the northern Hama countryside.") == ["Morek"]
    assert where("On 2 December heavy fighting raged in the northern Hama countryside.") == ["Hama"]  # at the capital, precision 3


def test_a_generic_word_beside_a_specific_kind_is_no_second_event() -> None:
    """"Air raids and other hostilities were reported in X": one air strike; "hostilities" alone is a clash."""
    both = frontlines.extract("Air raids and other hostilities continue to be reported in Atarib.", published="2024-12-10")
    assert [e.sub_event_type for e in both.events] == ["Air/drone strike"]
    alone = frontlines.extract("Hostilities continue to be reported in Atarib.", published="2024-12-10")
    assert [e.sub_event_type for e in alone.events] == ["Armed clash"]


def test_more_names_of_the_parties() -> None:
    """UN wording names the opposition "non-State armed groups (NSAGs)"; a party inside a hyphenated modifier
    ("HTS-affiliated groups") is the group's party; the authority installed on 8 December is the opposition's."""
    def side(text: str) -> list[str]:
        return [e.actor1_side for e in frontlines.extract(text, published="2024-12-10").events]

    assert side("On 5 December NSAGs took control of Morek.") == ["opposition"]
    assert side("On 5 December HTS-affiliated groups took control of Morek.") == ["opposition"]
    assert side("On 9 December the caretaker government took control of Morek.") == ["opposition"]
    assert side("On 3 December the government took control of Morek.") == ["government"]
    assert side("On 5 December the Southern Front took control of Morek.") == ["opposition"]
    assert side("On 5 December Palestinian militias took control of Morek.") == ["government"]


def test_a_partisan_post_in_its_first_person_names_its_side_for_events_and_control() -> None:
    """A post that speaks for a side ("our heroes", "the regime gangs") tells its own side's captures: the event
    and the control statement are that side's claim (not a force of no side, not the default attacker)."""
    post = "Our heroes liberated Morek at dawn. The regime gangs fled in panic."
    result = frontlines.extract(post, published="2024-12-02")
    assert [(e.actor1_side, e.certainty) for e in result.events] == [("opposition", "claimed")]
    assert [(a.status, a.level) for a in result.assertions] == [("opposition", "claimed")]


def test_a_declared_victory_is_the_partys_claim_to_the_place() -> None:
    """"declared victory in X" (and "X, where rebels declared victory"): the party claims X; a team or a party in
    an election declaring victory claims nothing."""
    def read(text: str) -> list[tuple[str, str, str]]:
        r = frontlines.extract(text, published="2024-12-09")
        return [(e.location, e.actor1_side, e.certainty) for e in r.events]

    assert read("On 8 December rebel commanders declared victory in Homs.") == [("Homs", "opposition", "claimed")]
    assert read("Crowds gathered in Homs, where rebel commanders declared victory on 8 December.") \
        == [("Homs", "opposition", "claimed")]
    assert read("On 8 December the home team declared victory in Homs after the final.") == []


def test_violence_in_a_relative_clause_of_place_happens_at_its_antecedent() -> None:
    """"Families fled X, where heavy fighting raged": the fighting is at X."""
    result = frontlines.extract("Families fled Morek, where heavy fighting raged on 3 December.", published="2024-12-04")
    assert [(e.sub_event_type, e.location) for e in result.events] == [("Armed clash", "Morek")]


def test_clashes_between_two_parties_name_both() -> None:
    """"clashes between A and B": A is actor1, B actor2 (in the order told, as the gold codes it)."""
    (e,) = frontlines.extract("On 6 December, clashes between the SDF and the SNA broke out in Manbij.",
                              published="2024-12-07").events
    assert (e.sub_event_type, e.actor1_side, e.actor2_side) == ("Armed clash", "sdf", "opposition")
    # with no comma after the date the parser folds the noun into the date's phrase: still the event
    (e,) = frontlines.extract("On 6 December clashes between the SDF and the SNA broke out in Manbij.",
                              published="2024-12-07").events
    assert (e.sub_event_type, e.location) == ("Armed clash", "Manbij")


def test_a_withdrawal_in_a_relative_clause_of_place_leaves_its_antecedent() -> None:
    result = frontlines.extract("On 3 December rebels approached Morek, where the army garrison retreated without a fight.",
                                published="2024-12-04")
    assert ("Change to group/activity", "Morek", "government") in [(e.sub_event_type, e.location, e.actor1_side)
                                                                   for e in result.events]
