"""The clause reader: one test per linguistic form, in our own words, on the Syria and Ukraine theaters.

Each test reads a sentence with the real pipeline (spaCy parse, gazetteer, actor dictionary) and checks
the frame's roles, or the events and control statuses that come out of it.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

import frontlines
from frontlines.control.ledger import Ledger, baseline_areas, baseline_assertions
from frontlines.events.lexicon import load_language
from frontlines.events.reader import Frame, Reader
from frontlines.mentions.geoparse import UNMAPPED_REASON, Geoparser, unmapped_place
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse
from frontlines.theater import load_theater


@cache
def _stages(theater: str) -> tuple[object, Geoparser, Reader]:
    th = load_theater(theater)
    return th, Geoparser(th), Reader(load_language(th.language), th.gazetteer.by_id.get(th.capital))


def frames(text: str, theater: str = "syria") -> list[Frame]:
    th, geoparse, read = _stages(theater)
    doc = from_text(text, published="2024-12-01")
    (an,) = list(analyse([doc]))
    actors = th.actors.find(doc.text, doc.id)  # type: ignore[attr-defined]
    geo = geoparse(doc, an.sentences, an.entities, actors)
    places = sorted([*geo.places, *(unmapped_place(u) for u in geo.unresolved if u.reason.startswith(UNMAPPED_REASON))],
                    key=lambda p: p.start)
    return read(doc.id, an.spacy_doc, an.sentences, places, actors)


def only(found: list[Frame], kind: str) -> Frame:
    matching = [f for f in found if f.kind == kind]
    assert len(matching) == 1, [(f.spec.name, [p.name for p in f.places]) for f in found]
    return matching[0]


def names(places: object) -> list[str]:
    return [p.name for p in places]  # type: ignore[attr-defined]


def status(text: str, place: str, day: str = "2024-12-01", theater: str = "syria", published: str = "2024-12-01") -> str:
    result = frontlines.extract(text, published=published, theater=theater)
    th = load_theater(theater)
    pid = th.gazetteer.lookup(place)[0].place.id
    ledger = Ledger([*baseline_assertions(th), *result.assertions], th.gazetteer, th.actors.sides)
    st = ledger.status(pid, date.fromisoformat(day))
    return st.status if st else "none"


def says_nothing(text: str, published: str = "2024-12-01") -> bool:
    """The text yields no event and no control assertion."""
    result = frontlines.extract(text, published=published)
    return not result.events and not result.assertions


# --------------------------------------------------------------------- active, passive, nominal


def test_active_capture_names_agent_and_place() -> None:
    f = only(frames("Opposition fighters seized Sarmin on Friday."), "capture")
    assert names(f.places) == ["Sarmin"] and f.agent_side == "opposition" and f.asserts


def test_passive_capture_takes_the_by_agent() -> None:
    f = only(frames("Sarmin was taken by HTS units after a short fight."), "capture")
    assert names(f.places) == ["Sarmin"] and f.agent_side == "opposition"


def test_nominal_capture_of_place() -> None:
    f = only(frames("The seizure of Kafranbel by rebel groups surprised the army."), "capture")
    assert names(f.places) == ["Kafr Nabl"] and f.agent_side == "opposition"


def test_declared_liberation_of_a_province_is_a_region_statement() -> None:
    f = next(f for f in frames("The rebels declared the complete liberation of Hama province.") if f.kind == "capture")
    assert [p.kind for p in f.places] == ["region"] and f.region == "full"


def test_fall_to_names_the_winner() -> None:
    f = only(frames("Maarat al-Numan fell to the opposition overnight."), "capture")
    assert names(f.places) == ["Ma'arrat al-Nu'man"] and f.agent_side == "opposition"



def test_an_entry_told_after_a_fall_the_same_day_is_part_of_it() -> None:
    """In one report, fighters reaching a town just after its fall is the fall seen closer, not a new fight."""
    assert status("The fall of Saraqib came at dawn on 1 December, only hours before rebel columns reached the town.",
                  "Saraqib") == "opposition"
    # an entry with no fall before it is still a fight for the place
    assert status("Rebel columns reached Saraqib on 1 December.", "Saraqib") == "contested"


# --------------------------------------------------------------------- coordination and chains


def test_coordinated_objects_are_all_captured() -> None:
    f = only(frames("The SDF occupied Deir ez-Zor, Mayadin and Abu Kamal."), "capture")
    assert names(f.places) == ["Deir ez-Zor", "Mayadin", "Abu Kamal"] and f.agent_side == "sdf"


def test_reference_marks_do_not_break_a_list() -> None:
    """Copied encyclopedia text keeps its reference marks glued to names ("A[3], B[4]"); the parser
    reads them as blanks, so the coordination holds (offsets are the text's own)."""
    text = "Rebel units overran Kafr Nabl[3], Sarmin[note 4] and Maarat al-Numan[b] that night."
    f = only(frames(text), "capture")
    assert names(f.places) == ["Kafr Nabl", "Sarmin", "Ma'arrat al-Nu'man"]
    assert [text[p.start:p.end] for p in f.places] == ["Kafr Nabl", "Sarmin", "Maarat al-Numan"]


def test_a_reference_mark_that_opens_a_line_is_blank_too() -> None:
    """Sentence extracts keep their note numbers at the start of the line ("[37] By the evening, ...")."""
    f = only(frames("[37] By the evening, army units had left Sarmin."), "withdraw")
    assert names(f.source) == ["Sarmin"] and f.agent_side == "government"


@pytest.mark.parametrize("dateline", ["SARMIN, Dec 1 (Wire) - ", "SARMIN, Syria — ", "(Wire) - "])
def test_a_wire_dateline_is_no_subject(dateline: str) -> None:
    """A wire story opens with its dateline ("CITY, Mon D (Agency) - "); the parser would take the city for the
    subject of the first verb, so it reads the dateline as blanks (offsets are the text's own)."""
    f = only(frames(dateline + "Rebel units seized the town of Binnish."), "capture")
    assert f.agent_side == "opposition" and names(f.places) == ["Binnish"]


def test_a_line_joined_to_the_one_above_keeps_its_own_subject() -> None:
    """Infobox lines ("Result\nOngoing\nTerritorial\nchanges") run into the next line for the parser; the
    party that line names before its verb is still the verb's subject, and its participle's."""
    text = "Outcome Ongoing\nTerritorial\nchanges\nIsrael pushed past the ceasefire line, capturing Quneitra and Khan Arnabah."
    found = [f for f in frames(text) if f.kind == "capture"]
    assert found and {f.agent.actor_id for f in found if f.agent} == {"israel"}
    assert names(found[0].places) == ["Quneitra", "Khan Arnabah"]


def test_a_heading_above_a_paragraph_does_not_take_its_subject() -> None:
    """The parser runs a heading line into the paragraph below it ("Situation report, 2 December\n\nSyrian
    opposition forces captured ..."); the party phrase that opens the paragraph is still the subject, even when the
    actor's name is only the modifier of its head noun ("opposition" in "Syrian opposition forces")."""
    text = "Situation report, 2 December 2024\n\nSyrian opposition forces captured Kafr Nabl on 30 November."
    f = only(frames(text), "capture")
    assert f.agent_side == "opposition" and names(f.places) == ["Kafr Nabl"]


def test_a_paragraph_is_parsed_apart_from_the_next_one() -> None:
    """The parser would run a paragraph, or a Markdown heading, into the line below it; a blank line or a heading's
    line is a sentence boundary it keeps."""
    text = ("Rebels kept up the pressure, a monitor said.\n\n### M5 corridor and southern Idlib\n\n"
            "- Kafr Nabl and Maarat Misrin fell to the opposition on 29 November.")
    assert "Maarrat Misrin" in names(only(frames(text), "capture").places)


def test_settlements_the_parser_made_a_modifier_are_still_the_object() -> None:
    """"seized several villages west of X, including A": the parser can make "west" the object and "villages" its
    modifier; the villages, and the places the list names, are what was seized."""
    text = ("Geolocated footage shows opposition fighters in the city center. The regime Ministry of Defense announced "
            "that regime forces redeployed outside Hama city. Opposition forces also seized several villages west of "
            "Hama, including Kafr Zita.\n\nRussian and regime airstrikes targeted the Rastan bridge on December 5, "
            "likely to slow the opposition advance. Regime forces reportedly destroyed the bridge.")
    assert "Kafr Zita" in names(only(frames(text), "capture").places)


def test_participial_chain_inherits_the_agent() -> None:
    found = [f for f in frames("HTS stormed Saraqib, taking Sarmin hours later.") if f.kind == "capture"]
    assert [names(f.places) for f in found] == [["Saraqib"], ["Sarmin"]]
    assert {f.agent_side for f in found} == {"opposition"}


def test_agent_carried_into_the_next_sentence() -> None:
    found = [f for f in frames("Government troops pushed north from Hama. They recaptured Souran the next morning.")
             if f.kind == "capture"]
    assert names(found[-1].places) == ["Suran"] and found[-1].agent_side == "government"


def test_the_town_refers_back_to_the_place_named_before() -> None:
    found = frames("Fighting broke out near Morek at dawn. By noon the town had been captured by the rebels.")
    f = only(found, "capture")
    assert names(f.places) == ["Morek"]


def test_them_refers_back_to_a_list() -> None:
    f = only(frames("The rebels reached Latakia and Tartus and captured them without a fight."), "capture")
    assert names(f.places) == ["Latakia", "Tartus"]


def test_them_after_a_party_is_the_party_not_the_places_before() -> None:
    """"withdrew from X after fighters attacked them": them are the ones who withdrew; the places named in the
    sentences before are not what was attacked."""
    text = ("Rebels seized Sarmin and Binnish on Friday. Jets struck the Ariha bridge. "
            "SDF units withdrew from Tabqa on Saturday after tribal fighters attacked them.")
    clash = [f for f in frames(text) if f.kind == "clash"]
    assert not {"Sarmin", "Binnish", "Ariha bridge"} & {p.name for f in clash for p in f.places}
    # a list of places before it is still what "them" stands for
    retook = [f for f in frames("Rebels took Sarmin and Binnish on Friday. Government forces retook them on Saturday.")
              if f.kind == "capture" and f.agent_side == "government"]
    assert [names(f.places) for f in retook] == [["Sarmin", "Binnish"]]


def test_parts_of_a_list_are_parts_of_each_member() -> None:
    """"captured parts of A, B and the C districts": each is a part (contested), even where the parser splits the
    last member off the list."""
    f = only(frames("By dawn, rebel units had captured parts of Al-Hamdaniyah, Al-Furqan, and Salah al-Din districts."),
             "capture")
    assert names(f.places) == ["Hamdaniyah", "Furqan", "Salah al-Din"]
    assert {p.place_id for p in f.places} <= f.partial


# --------------------------------------------------------------------- control without a capture verb


def test_presence_of_a_unit_in_a_place() -> None:
    f = only(frames("Rebel units in Hama tried to push south."), "presence")
    assert names(f.places) == ["Hama"] and f.agent_side == "opposition"


def test_remains_in_army_hands() -> None:
    f = only(frames("Khan Shaykhun remains in army hands."), "hold")
    assert names(f.places) == ["Khan Shaykhun"] and f.agent_side == "government"


def test_a_place_where_a_party_is_in_control_is_held_by_it() -> None:
    """A relative clause of place ("X, where A are in control") says who holds its antecedent."""
    f = only(frames("Bakeries reopened in Idlib city, where rebel factions have been in control for years."), "hold")
    assert names(f.places) == ["Idlib"] and f.agent_side == "opposition"
    assert not [x for x in frames("Shops reopened in Idlib city, where prices are now under control.") if x.kind == "hold"]


def test_a_state_held_since_a_change_told_with_it_is_the_state_after_it() -> None:
    """'A have held X since D, when B abandoned it': the perfect over a period is the state now, not before."""
    assert status("Rebel units have held Kafr Nabudah since 2 December, when the army abandoned the town.",
                  "Kafr Nabudah", day="2024-12-03", published="2024-12-03") == "opposition"
    # told in the past, the state is the one the change ended
    assert status("Rebel units held Kafr Nabudah until 2 December, when the army retook the town.",
                  "Kafr Nabudah", day="2024-12-03", published="2024-12-03") == "government"


def test_a_force_shown_in_a_place_the_parser_hung_on_the_verb() -> None:
    """"a video showed rebel fighters in the town of X": the place is where the fighters are, though the parser
    attached it to "showed"; a participle's place ("abandoned by retreating troops in X") stays with the participle."""
    f = only(frames("A video on Friday showed rebel fighters in the villages of Anadan and Kafr Hamra."), "presence")
    assert names(f.places) == ["Anadan", "Kafr Hamrah"] and f.agent_side == "opposition"


def test_back_under_government_control() -> None:
    assert status("After two days of fighting, Saraqib is back under government control.", "Saraqib") == "government"


@pytest.mark.parametrize(("text", "theater", "region"), [
    ("Insurgents overran a dozen hamlets across Hama province on Friday.", "syria", "Hama Governorate"),
    ("Rebel columns seized several villages in the eastern Idlib countryside.", "syria", "Idlib Governorate"),
    ("Ukrainian brigades liberated three villages in Donetsk Oblast this week.", "ukraine-2023", "Donetsk Oblast"),
])
def test_settlements_counted_inside_an_area_are_parts_of_it(text: str, theater: str, region: str) -> None:
    """"took several villages in X": the capture happened in X, and names none of X's places."""
    f = only(frames(text, theater=theater), "capture")
    assert names(f.places) == [region] and f.places[0].place_id in f.partial
    result = frontlines.extract(text, published="2024-12-01", theater=theater)
    # located at the region's seat with the region's precision (ACLED geo-precision 3), as a region-wide event
    assert [(e.admin1, e.geo_precision) for e in result.events] == [(f.places[0].admin1, 3)]
    assert result.events[0].sub_event_type in ("Non-state actor overtakes territory", "Government regains territory")
    assert not result.assertions


def test_parts_of_a_governorate_assert_no_place_in_it() -> None:
    """"parts of X province" says which province, not which of its places: nothing is filled in."""
    th = load_theater("syria")
    areas = baseline_areas(th)
    unheld = next(p for p in th.gazetteer.places if p.kind == "settlement" and p.admin1 == "Hama" and p.country == "SY"
                  and p.id not in areas and len(th.gazetteer.lookup(p.name)) == 1)
    text = "By evening the rebels had taken parts of Hama province."
    assert frontlines.extract(text, published="2024-12-01").assertions == []
    assert status(text, unheld.name) == "none"


def test_a_party_described_as_holding_a_governorate_states_nothing_of_it() -> None:
    """"HTS, which controls X governorate, launched ..." says who HTS is, at no day of its own: it must not paint the
    governorate's places (government towns in it included) on the day of the launch. Told as news, it does."""
    described = "On 27 November HTS, which controls Idlib governorate, opened a new front."
    assert not [a for a in frontlines.extract(described, published="2024-11-28").assertions if a.scope == "region"]
    assert status(described, "Saraqib", day="2024-11-28", published="2024-11-28") == "government"
    told = "By 7 December HTS held Idlib governorate."
    assert status(told, "Saraqib", day="2024-12-07", published="2024-12-08") == "opposition"


def test_hedged_state_of_a_region_changes_nothing() -> None:
    assert status("HTS, which controls much of Idlib province, issued a statement.", "Saraqib") == "government"


def test_side_held_modifier() -> None:
    f = only(frames("Jets bombed rebel-held Ariha at night."), "hold")
    assert names(f.places) == ["Ariha"] and f.agent_side == "opposition"


def test_state_before_a_change_in_the_same_sentence_is_not_asserted() -> None:
    assert status("The rebels entered the army-held town of Morek.", "Morek") == "contested"


def test_control_passing_to_a_side() -> None:
    """"control of X passed to Y": Y holds X; control of anything else, or passing to no armed party, says nothing."""
    assert status("Control of Morek passed to the rebels on 1 December.", "Morek") == "opposition"
    assert not frontlines.extract("Control of the budget passed to the ministry.", published="2024-12-01").assertions
    assert not frontlines.extract("Control of Atarib passed to the new mayor.", published="2024-12-01").assertions


def test_a_state_told_as_now_is_the_state_after_the_change() -> None:
    """In a sentence that tells a change of a place, a state of the same place is the state before it ("entered
    the army-held town of X"), unless the clause says "now" ("withdrew from X, which is now under Y's control")."""
    after = "On 6 December the army withdrew from Mayadin, which is now under SDF control."
    assert status(after, "Mayadin", day="2024-12-06", published="2024-12-06") == "sdf"
    before = "On 6 December the army withdrew from Mayadin, which was under its control."
    assert status(before, "Mayadin", day="2024-12-06", published="2024-12-06") != "government"


def test_an_advance_that_arrives_fights_for_the_place() -> None:
    """"advanced to the outskirts of X", "pushed to X": contested like an entry; "moved to X" is a redeployment
    and "pushed back to X" a retreat, neither a fight for X."""
    assert status("Rebel columns advanced to the outskirts of Morek on 1 December.", "Morek") == "contested"
    assert status("Rebel columns pushed to Morek on 1 December.", "Morek") == "contested"
    assert [f.kind for f in frames("Army units moved to Morek on 1 December.") if f.kind == "enter"] == []
    assert [f.kind for f in frames("Rebel columns pushed back to Morek on 1 December.") if f.kind == "enter"] == []


# --------------------------------------------------------------------- movements and losses


def test_a_place_that_only_locates_another_is_not_taken() -> None:
    """"seized A, 20 km north of B": B says where A lies; it was not seized."""
    for text in ("Rebels seized Talbiseh, 10 km north of Homs, on Saturday.", "Rebels seize the town of Talbiseh north of Homs."):
        f = only(frames(text), "capture")
        assert names(f.places) == ["Talbiseh"]
    # alone, the place a direction is told from still locates the happening
    assert names(only(frames("Clashes broke out north of Homs."), "clash").places) == ["Homs"]


def test_the_country_that_owns_a_place_is_not_that_place() -> None:
    assert not frontlines.extract("Insurgents captured Syria's fourth-largest city.", published="2024-12-01").assertions
    f = only(frames("Insurgents captured Syria's city of Salamiyah."), "capture")
    assert names(f.places) == ["Salamiyah"]


def test_pull_back_leaves_the_source_and_keeps_the_goal() -> None:
    f = only(frames("The army pulled back from Hama to Homs."), "withdraw")
    assert names(f.source) == ["Hama"] and names(f.goal) == ["Homs"] and f.agent_side == "government"
    assert status("The army pulled back from Hama to Homs.", "Hama") == "unknown"
    assert status("The army pulled back from Hama to Homs.", "Homs") == "government"


def test_pulling_back_to_a_governorate_says_nothing_of_its_places() -> None:
    """The goal of a movement that is a whole governorate ("redeployed to northern Hama") is where the force went,
    not a claim that the side holds every place in it."""
    text = "Rebels took Kafr Nabl on Friday. The army's 30th Division redeployed from Sarmin to northern Idlib province."
    result = frontlines.extract(text, published="2024-12-01")
    assert not [a for a in result.assertions if a.scope == "region"]
    assert status(text, "Kafr Nabl") == "opposition"


def test_moving_people_who_do_not_fight_is_no_withdrawal() -> None:
    assert not frontlines.extract("The SDF evacuated civilians to Tabqa on Friday.", published="2024-12-01").assertions
    # fighters moved with them: the force left
    assert status("The SDF evacuated its fighters and families from Tabqa.", "Tabqa") == "unknown"


def test_a_place_entered_in_the_passive_by_an_armed_party() -> None:
    assert status("Kafr Nabl was entered by HTS units on Saturday.", "Kafr Nabl", day="2024-11-30") == "contested"
    assert not frontlines.extract("Kafr Nabl was entered by journalists on Saturday.", published="2024-12-01").events


def test_a_goal_after_a_comma_does_not_join_the_source_list() -> None:
    # ", to B" ends a movement at B; it does not add B to the places left ("from A, B and C" would)
    f = only(frames("Army units pulled back from Anadan, to Hreitan."), "withdraw")
    assert names(f.source) == ["Anadan"] and names(f.goal) == ["Huraytan"]
    f = only(frames("Army units pulled back from Anadan, Tadef and Sarmin."), "withdraw")
    assert names(f.source) == ["Anadan", "Tedef", "Sarmin"]


def test_lost_to_the_rebels() -> None:
    f = only(frames("The army lost Saraqib to the rebels on Friday."), "loss")
    assert f.loser_side == "government" and f.agent_side == "opposition"
    assert status("The army lost Saraqib to the rebels.", "Saraqib") == "opposition"


def test_driven_out_of_a_place() -> None:
    f = only(frames("Government troops were driven out of Maarat al-Numan."), "expel")
    assert f.loser_side == "government" and names(f.places) == ["Ma'arrat al-Nu'man"]
    assert status("Government troops were driven out of Maarat al-Numan.", "Maarat al-Numan") == "opposition"


@pytest.mark.parametrize("text", ["Rebels captured several quarters of Binnish on Friday.",
                                  "Rebels captured two sections of Binnish on Friday."])
def test_plural_parts_of_a_town_contest_it(text: str) -> None:
    """"captured several quarters of X": parts, read by the word as written (the part list holds plural forms the
    lemmatizer does not give back)."""
    assert status(text, "Binnish", day="2024-11-29") == "contested"


def test_entering_part_of_a_city_contests_it() -> None:
    f = only(frames("HTS fighters entered parts of Aleppo city."), "enter")
    assert f.partial and names(f.places) == ["Aleppo"]
    assert status("HTS fighters entered parts of Aleppo city.", "Aleppo") == "contested"


def test_a_verb_of_control_passes_its_doer_to_the_infinitive() -> None:
    """"X were forced to withdraw": the passive subject withdrew; "forced the army to withdraw": its armed
    object did, not the subject that forced it."""
    passive = only(frames("The rebels were forced to withdraw from Ariha."), "withdraw")
    assert passive.agent_side == "opposition" and names(passive.source) == ["Ariha"]
    active = only(frames("The rebels forced the army to withdraw from Ariha."), "withdraw")
    assert active.agent_side == "government"


def test_a_phrasal_verb_is_its_own_predicate() -> None:
    """"took up positions in X" is a deployment (a presence and a change of activity), not a capture of X;
    "fell back to X" is a withdrawal, not a fall."""
    found = frames("Army units took up positions in Souran.")
    assert [f.kind for f in found if f.kind == "capture"] == []
    deploy = only(found, "deploy")
    assert deploy.agent_side == "government" and names(deploy.places) == ["Suran"]
    assert [e.sub_event_type for e in frontlines.extract("Army units took up positions in Souran.", published="2024-12-01").events] \
        == ["Change to group/activity"]
    assert [f.kind for f in frames("The army fell back to Souran.")] == ["withdraw"]


def test_a_second_verb_shares_the_first_verbs_passive_subject_when_it_is_armed() -> None:
    """"Army units were rushed to X and took up positions in Y": the units took them up; "the base was
    besieged and captured" does not make the base a captor."""
    found = frames("Army units were rushed to Hama and took up positions in Souran.")
    (deploy,) = [f for f in found if f.spec.name == "take-positions"]
    assert deploy.agent_side == "government" and names(deploy.places) == ["Suran"]
    capture = only(frames("The Kuweires airbase was besieged by HTS and captured hours later."), "capture")
    assert capture.agent is None and names(capture.places) == ["Kuweires airbase"]


def test_more_forms_of_entering_and_holding() -> None:
    """"swept through X" is an entry (a fight for X); "consolidated its control over X" a hold of X."""
    sweep = only(frames("Rebel columns swept through Kafr Nabl."), "enter")
    assert names(sweep.places) == ["Kafr Nabl"] and sweep.agent_side == "opposition"
    assert status("HTS consolidated its control over Atarib.", "Atarib") == "opposition"


@pytest.mark.parametrize(("text", "place", "side"), [
    ("Government troops tightened their grip on Atarib.", "Atarib", "government"),
    ("By noon HTS patrols were combing the streets of Sarmin and rebels patrolled the streets of Binnish.", "Binnish",
     "opposition"),
    ("SDF units were deployed throughout Tabqa.", "Tabqa", "sdf"),
    ("Rebel fighters planted their banner over Maarat Misrin.", "Maarat Misrin", "opposition"),
])
def test_signs_of_a_force_holding_a_place(text: str, place: str, side: str) -> None:
    """A grip tightened on X, patrols in X's streets, units deployed throughout X, a flag raised over X: X is held
    by that force, without any verb of capture."""
    assert status(text, place) == side


@pytest.mark.parametrize("text", [
    "Football supporters waved flags over Atarib's stadium.",
    "Traffic wardens patrolled the streets of Binnish.",
    "The bakery chain tightened its grip on Tabqa's bread market.",
])
def test_the_same_signs_without_an_armed_force_say_nothing(text: str) -> None:
    assert says_nothing(text)


def test_a_landmark_of_a_town_is_part_of_it() -> None:
    """The main square or the centre of X is a part of X: a flag or a capture there contests X, it does not take it."""
    assert status("Rebels hoisted their flag in the central square of Sarmin.", "Sarmin") == "contested"
    assert status("Rebels took control of the centre of Binnish.", "Binnish") == "contested"


def test_a_party_acronym_misparsed_as_an_adverbial_is_still_the_subject() -> None:
    """The small model reads a sentence-opening acronym ("HTS controlled X") as an adverbial noun of the verb."""
    f = only(frames("HTS controlled Idlib governorate on 7 December."), "hold")
    assert f.agent_side == "opposition" and names(f.places) == ["Idlib Governorate"]


def test_an_intransitive_verb_misparsed_as_a_participle_keeps_its_doer() -> None:
    """The small model reads "Rebel units clashed near X" as "units [who were] clashed"; a verb with no passive
    reading still has the noun as its doer. A transitive participle ("soldiers killed in X") stays passive."""
    clash = only(frames("Turkish-backed rebels clashed with enemy units near Sarmin on 1 December."), "clash")
    assert clash.agent_side == "opposition" and names(clash.places) == ["Sarmin"]
    result = frontlines.extract("Three soldiers killed in an ambush near Sarmin on 1 December.", published="2024-12-02")
    assert [e.actor1_side for e in result.events] == ["unknown"]


def test_a_gerund_after_a_preposition_has_the_main_verbs_subject() -> None:
    """"The army regrouped in X after losing Y": the army lost Y (to its adversary)."""
    assert status("The army regrouped in Hama after losing Morek on 1 December.", "Morek") == "opposition"
    loss = only(frames("The army regrouped in Hama after losing Morek on 1 December."), "loss")
    assert loss.loser_side == "government"


def test_a_subject_the_parser_folds_into_the_date_is_still_the_subject() -> None:
    """"On 3 December US forces captured X" (no comma after the date): the parser reads "December ...
    forces" as one phrase of the date; the noun after the date is the verb's subject."""
    f = only(frames("On 3 December US forces captured Morek."), "capture")
    assert f.agent is not None and f.agent.state == "united states" and names(f.places) == ["Morek"]


def test_a_unit_noun_named_by_its_members() -> None:
    """"Several formations, including the 4th Division, took up positions in X": the formations are the named
    party's (the party after "including")."""
    found = [f for f in frames("Several formations, including the Fourth Division, took up positions in Souran.")
             if f.spec.name == "take-positions"]
    assert [(f.agent_side, names(f.places)) for f in found] == [("government", ["Suran"])]


# --------------------------------------------------------------------- qualifiers


def test_unclear_then_contested_ends_contested() -> None:
    text = "The status of Mhardeh is unclear, but it looks contested."
    assert [f.kind for f in frames(text)] == ["unclear", "contest"]
    assert status(text, "Mhardeh") == "contested"


@pytest.mark.parametrize("text", ["Insurgents tried to overrun Kafr Nabl at dawn.",
                                  "HTS units attempted to seize Kafr Nabl but were beaten back."])
def test_an_attempt_that_happened_is_a_fight_not_a_capture(text: str) -> None:
    (event,) = frontlines.extract(text, published="2024-12-01").events
    assert (event.sub_event_type, event.location, event.actor1_side) == ("Armed clash", "Kafr Nabl", "opposition")
    assert status(text, "Kafr Nabl") != "opposition"


@pytest.mark.parametrize("text", ["Insurgents will try to overrun Kafr Nabl.", "Insurgents plan to try to overrun Kafr Nabl.",
                                  "Insurgents never tried to overrun Kafr Nabl."])
def test_an_attempt_still_to_come_or_denied_is_nothing(text: str) -> None:
    assert says_nothing(text)


def test_a_place_handed_to_a_side_is_a_handover() -> None:
    text = "Kurdish-led units handed Tabqa to government troops under a Russian-brokered deal."
    (event,) = frontlines.extract(text, published="2024-12-01").events
    assert event.sub_event_type == "Non-violent transfer of territory" and status(text, "Tabqa") == "government"
    assert not frontlines.extract("The mayor handed the keys of Tabqa to the governor.", published="2024-12-01").assertions


def test_a_verb_of_belief_used_as_a_deed_does_not_make_its_adverbial_clause_a_belief() -> None:
    """"assumed control of X after the army withdrew": "assume" is a deed here (it has an object), so the
    withdrawal told in its adverbial clause happened; "the rebels assumed that the army had withdrawn" is a belief."""
    deed = frames("Kurdish-led units assumed control of Tabqa after government troops withdrew from the town to Raqqa.")
    assert only(deed, "withdraw").asserts
    belief = frames("The rebels assumed that government troops had withdrawn from Tabqa.")
    assert not [f for f in belief if f.kind == "withdraw" and f.asserts]


@pytest.mark.parametrize("text", ["Regime jets struck the Talbiseh bridge on Friday, likely to slow the rebel advance.",
                                  "Government units left Morek on Friday, probably due to heavy losses."])
def test_a_hedge_on_the_aim_or_the_cause_leaves_the_happening_sure(text: str) -> None:
    (event,) = frontlines.extract(text, published="2024-12-01").events
    assert event.certainty == "reported"
    # the same hedge on the happening itself still hedges it
    (hedged,) = frontlines.extract("Regime jets likely struck the Talbiseh bridge on Friday.", published="2024-12-01").events
    assert hedged.certainty == "uncertain"


def test_an_armed_doer_named_without_a_side_is_no_default_attacker_in_events_either() -> None:
    """"Foreign troops seized X" in a report of no side's voice: the control statement reads no side of the theater,
    and the event agrees with it instead of naming the theater's usual attacker."""
    text = "Unidentified foreign troops seized the town of Morek at dawn."
    (event,) = frontlines.extract(text, published="2024-12-01").events
    assert event.actor1_side in ("", "unknown") and status(text, "Morek") == "unknown"


@pytest.mark.parametrize("text", [
    "The rebels plan to take Hama.",
    "Rebel commanders hope to capture Homs within a week.",
    "The opposition could seize Salamiyah soon.",
    "The army did not lose Hama.",
    "Rebel units are likely to storm Salamiyah within days.",
    "The rebels appear poised to enter Homs.",
])
def test_plans_possibilities_and_negations_assert_nothing(text: str) -> None:
    assert says_nothing(text)


def test_a_claim_keeps_its_claimant() -> None:
    result = frontlines.extract("State television said that the army had recaptured Morek.", published="2024-12-01")
    (event,) = result.events
    assert event.certainty == "claimed" and event.actor1_side == "government"


def test_hedged_region_statement_asserts_less() -> None:
    """'almost all of X' fills places nobody was known to hold, and flips no holder (SDF towns stay SDF)."""
    th = load_theater("syria")
    areas = baseline_areas(th)
    unheld = next(p for p in th.gazetteer.places if p.kind == "settlement" and p.admin1 and p.country == "SY"
                  and p.id not in areas and len(th.gazetteer.lookup(p.name)) == 1)
    text = f"By evening the rebels had taken almost all of {unheld.admin1} governorate."
    assert status(text, unheld.name) == "opposition"
    aleppo = "By evening the rebels had taken almost all of Aleppo governorate."
    assert status(aleppo, "Manbij") == "sdf"
    assert status("By evening the rebels had taken all of Aleppo governorate.", "Al-Safira") == "opposition"
    assert status("By evening the rebels had taken all of Aleppo governorate.", "Manbij") == "sdf"


# --------------------------------------------------------------------- strikes never move control


def test_drone_hit_a_gathering_is_a_strike_at_the_place() -> None:
    result = frontlines.extract("Drones hit a gathering in Sarmada, killing four.", published="2024-12-01")
    (event,) = result.events
    assert event.sub_event_type == "Air/drone strike" and event.location == "Sarmada" and event.fatalities == 4
    assert not result.assertions


@pytest.mark.parametrize("text", [
    "Our researchers documented airstrikes on Maarat Misrin that killed six people.",
    "The rights group condemned the bombardment of Ariha, which left two children dead.",
])
def test_who_witnessed_a_strike_is_not_its_doer(text: str) -> None:
    """A verb of witnessing or telling with the strike as its object: its subject saw the strike, did not strike."""
    (event,) = frontlines.extract(text, published="2024-12-01").events
    assert event.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack") and event.fatalities >= 2
    assert event.actor1_side != "civilians"
    # with no weapon and no harm, a witnessed "strike" stays a word of labour or sport
    assert not frontlines.extract("Our researchers documented strikes at the Ariha bakery.", published="2024-12-01").events


def test_rockets_fired_at_positions_are_shelling() -> None:
    result = frontlines.extract("Government artillery fired rockets at rebel positions around Taftanaz.", published="2024-12-01")
    assert [e.sub_event_type for e in result.events] == ["Shelling/artillery/missile attack"]
    assert all(a.status != "government" for a in result.assertions)


# --------------------------------------------------------------------- dates


def test_the_day_comes_from_the_clause() -> None:
    result = frontlines.extract("On 29 November the rebels seized Anadan. The next day they took Hreitan.",
                                published="2024-12-02")
    days = {e.location: e.date for e in result.events}
    assert days["Anadan"] == date(2024, 11, 29) and days["Huraytan"] == date(2024, 11, 30)


def test_a_day_named_right_after_the_predicate_is_its_own() -> None:
    """A weekday elsewhere in the sentence does not outrank the day named in the predicate's own clause."""
    text = "The rebels, who stormed Sarmin on Thursday, said they had entered Binnish overnight."
    days = {e.location: str(e.date) for e in frontlines.extract(text, published="2024-12-01").events}
    assert days == {"Sarmin": "2024-11-28", "Binnish": "2024-12-01"}


def test_since_opens_a_period_and_dates_no_capture() -> None:
    result = frontlines.extract("Since 27 November the rebels have captured Atarib.", published="2024-12-02")
    assert [e.date for e in result.events] == [date(2024, 12, 2)]


def test_a_day_in_a_since_clause_dates_nothing() -> None:
    """"... since the offensive began on 27 November": the day opens the period; it is not the day of the
    happening the main clause tells. A day of the main clause still dates it."""
    ongoing = frontlines.extract("Air raids are still being reported in Atarib since the offensive began on 27 November.",
                                 published="2024-12-03")
    assert [e.date for e in ongoing.events] == [date(2024, 12, 3)]
    own = frontlines.extract("On 2 December air raids hit Atarib, since the front had moved on 27 November.",
                             published="2024-12-03")
    assert [e.date for e in own.events] == [date(2024, 12, 2)]


def test_a_present_tense_is_not_dated_by_another_clauses_day() -> None:
    """"On 27 November X, which controls Y, launched ...": the relative clause tells the state when the text was
    written; "claim to control Y after launching their push on Wednesday": the day is the push's."""
    def days(text: str) -> set[str]:
        return {str(a.valid_from) for a in frontlines.extract(text, published="2024-12-06").assertions}

    assert days("On 27 November the SDF, which controls Manbij, launched a raid.") == {"2024-12-06"}
    assert days("The rebels claim to control Morek after launching their push on Wednesday.") == {"2024-12-06"}
    assert days("On 27 November rebels captured Anadan, which lies west of Aleppo.") == {"2024-11-27"}


def test_a_present_tense_clause_is_dated_by_the_report() -> None:
    """What a report tells in the present ("continue to be reported", "have been reported") goes on
    when it was written, not on the day its paragraph named earlier; the past keeps that day."""
    text = ("On 3 December the rebels seized Anadan. Air raids continue to be reported in Atarib, "
            "and clashes have been reported near Hreitan. Later they stormed Tadef.")
    days = {e.location: (e.date, e.time_precision) for e in frontlines.extract(text, published="2024-12-06").events}
    assert days["Anadan"] == (date(2024, 12, 3), 1)
    assert days["Atarib"][0] == date(2024, 12, 6) and days["Huraytan"][0] == date(2024, 12, 6)
    assert days["Tedef"][0] == date(2024, 12, 3)  # past tense: the paragraph's day goes on


def test_amid_and_during_tell_a_happening_of_their_own_time() -> None:
    """"After the fall of X" is over by the time of writing (no event of its own); "amid heavy fighting in X"
    and "during clashes in X" go on at the time of their clause, so they are events of that day."""
    text = ("The appeal was issued amid heavy fighting in Atarib. Families fled during clashes near Sarmin. "
            "Shops reopened after the capture of Anadan.")
    days = {e.location: e.date for e in frontlines.extract(text, published="2024-12-04").events}
    assert days.get("Atarib") == date(2024, 12, 4) and days.get("Sarmin") == date(2024, 12, 4)
    assert "Anadan" not in days


def test_a_happening_named_as_a_cause_is_background() -> None:
    """"in retaliation for the shelling of X", "in response to strikes on X": the cause had happened before the
    main clause; it is no event of the report's day."""
    text = "On 2 December rebels shelled Nubl in retaliation for the shelling of Atarib."
    assert [e.location for e in frontlines.extract(text, published="2024-12-03").events] == ["Nubl"]


def test_history_before_the_period_makes_nothing() -> None:
    result = frontlines.extract("Ottoman troops seized Hama in 1516.", published="2024-12-02")
    assert not result.events and not result.assertions


# --------------------------------------------------------------------- fighting as a noun, weapons as subjects


def test_an_aspect_verb_keeps_the_places_of_its_infinitive() -> None:
    # "continue to be reported in X": the infinitive is the same happening, its place is the strike's
    found = frames("Air raids continue to be reported in Sarmin and Binnish.")
    assert names(only(found, "strike").places) == ["Sarmin", "Binnish"]
    # a verb that is not one of aspect keeps its clause apart: the refusal places nothing
    assert not [f for f in frames("The clashes forced the council to be moved to Sarmin.") if f.kind == "clash" and f.places]


def test_a_gerund_subject_is_located_by_its_verb() -> None:
    # "Shelling was reported across X": the gerund is the subject of the clause, the place is its verb's
    found = frames("Shelling was reported across Idlib governorate on Sunday.")
    assert names(only(found, "shelling").places) == ["Idlib Governorate"]


def test_fighting_as_subject_is_located_by_its_verb() -> None:
    f = only(frames("Fierce fighting went on around Morek through the night."), "clash")
    assert names(f.places) == ["Morek"]


def test_fighting_as_a_verb_with_an_object_is_no_battle() -> None:
    assert not frames("Farmers around Morek are fighting a long drought this year.")


def test_ground_attack_without_a_weapon_is_a_clash_not_a_strike() -> None:
    (event,) = frontlines.extract("Rebel fighters attacked an army post in Sarmin on 30 November.", published="2024-12-01").events
    assert event.sub_event_type == "Armed clash"


@pytest.mark.parametrize("text", ["Fighting spread to Binnish on Saturday.", "By Saturday the clashes had extended into Binnish."])
def test_fighting_that_spreads_to_a_place_is_a_fight_there(text: str) -> None:
    (event,) = frontlines.extract(text, published="2024-12-01").events
    assert (event.sub_event_type, event.location, str(event.date)) == ("Armed clash", "Binnish", "2024-11-30")
    assert status(text, "Binnish", day="2024-11-30") == "contested"


@pytest.mark.parametrize("text", ["The rumour spread to Binnish on Saturday.", "Bread prices spread to Binnish on Saturday.",
                                  "The festival moved to Binnish on Saturday."])
def test_things_that_spread_without_fighting_are_nothing(text: str) -> None:
    assert says_nothing(text)


def test_an_assassination_by_an_armed_doer_is_an_attack() -> None:
    (event,) = frontlines.extract("Masked gunmen assassinated a council member in Nawa on Friday.", published="2024-12-01").events
    assert event.sub_event_type == "Attack" and event.location == "Nawa" and str(event.date) == "2024-11-29"
    assert not frontlines.extract("A play about the assassination of a king opened in Nawa's theatre.",
                                  published="2024-12-01").events


def test_drone_attacks_on_a_place_are_strikes() -> None:
    (event,) = frontlines.extract("Drone attacks on Taftanaz airbase went on all night.", published="2024-12-01").events
    assert event.sub_event_type == "Air/drone strike" and not frontlines.extract(
        "Drone attacks on Taftanaz airbase went on all night.", published="2024-12-01").assertions


@pytest.mark.parametrize(("text", "sub_event", "side"), [
    ("Rebel gunners shot down a regime helicopter over Kafr Nabl.", "Disrupted weapons use", "opposition"),
    ("Regime soldiers detained scores of young men in Binnish.", "Arrests", "government"),
    ("Pro-government militiamen looted shops in Atarib.", "Looting/property destruction", "government"),
    ("Rebels executed captured prisoners in Sarmin.", "Attack", "opposition"),
])
def test_who_did_it_is_kept_for_downings_arrests_looting_and_executions(text: str, sub_event: str, side: str) -> None:
    (event,) = frontlines.extract(text, published="2024-12-01").events
    assert (event.sub_event_type, event.actor1_side) == (sub_event, side)


def test_projectile_as_subject_is_shelling() -> None:
    (event,) = frontlines.extract("Two mortar rounds landed in Sarmin at dawn.", published="2024-12-01").events
    assert event.sub_event_type == "Shelling/artillery/missile attack" and event.location == "Sarmin"


def test_siege_verb_is_a_clash_that_moves_no_line() -> None:
    text = "Government troops besieged Sarmin for a week."
    assert names(only(frames(text), "clash").places) == ["Sarmin"]
    assert not [a for a in frontlines.extract(text, published="2024-12-01").assertions if a.status == "government"]


def test_offensive_aimed_at_a_place_is_a_clash() -> None:
    f = only(frames("The SDF launched an offensive against army units near Morek."), "clash")
    assert names(f.places) == ["Morek"]


def test_offensive_as_a_topic_locates_nothing() -> None:
    assert not frontlines.extract("The Morek offensive was a reply to months of shelling elsewhere.",
                                  published="2024-12-01").events


def test_withdrawal_from_positions_in_a_place_leaves_it() -> None:
    f = only(frames("Army units abandoned their positions in Sarmin overnight."), "withdraw")
    assert names(f.source) == ["Sarmin"]


def test_reaching_the_outskirts_contests_the_town() -> None:
    assert status("HTS units reached the outskirts of Sarmin on 1 December.", "Sarmin") == "contested"


def test_claiming_control_is_the_claimants_claim() -> None:
    f = only(frames("The rebels announced control of Sarmin in a video."), "capture")
    assert names(f.places) == ["Sarmin"] and f.claimant is not None and f.claimant.side == "opposition"


def test_a_verbless_heading_asserts_nothing() -> None:
    text = "Battle for Sarmin\n\nThe town saw little change on Monday, residents said."
    assert not frontlines.extract(text, published="2024-12-01").events
    assert frontlines.extract("Heavy clashes in Sarmin", published="2024-12-01").events  # a one-line post is read


def test_the_groups_refers_back_to_the_last_armed_party() -> None:
    text = "HTS fighters pushed into Sarmin on 30 November. The groups captured Binnish the next day."
    assert status(text, "Binnish", day="2024-12-01") == "opposition"


def test_groups_alone_are_no_armed_party() -> None:
    assert not frames("Aid groups entered Binnish with food parcels.")


def test_the_other_party_named_in_the_sentence_is_actor2() -> None:
    (event,) = frontlines.extract("SNA factions surrounded the SDF-held town of Tell Rifaat on 1 December.",
                                  published="2024-12-02").events
    assert event.actor1_side == "opposition" and event.actor2_side == "sdf"


def test_fighting_in_a_town_contests_it_until_a_capture_ends_it() -> None:
    assert status("Heavy clashes broke out in Binnish on 30 November.", "Binnish", day="2024-11-30") == "contested"
    text = "Heavy clashes broke out in Binnish on 30 November. HTS fighters captured Binnish on 30 November."
    assert status(text, "Binnish", day="2024-11-30") == "opposition"


def test_fighting_near_a_town_or_across_a_province_contests_nothing() -> None:
    assert status("Clashes were reported near Binnish on 30 November.", "Binnish", day="2024-11-30") != "contested"
    assert status("Clashes were reported across Idlib province on 30 November.", "Binnish", day="2024-11-30") != "contested"
    assert status("Heavy fighting raged around Binnish on 30 November.", "Binnish", day="2024-11-30") == "contested"


def test_a_plural_place_noun_stands_for_the_list_that_follows() -> None:
    f = only(frames("Army units left the villages west of Idlib, including Binnish and Sarmin, overnight."), "withdraw")
    assert names(f.source) == ["Binnish", "Sarmin"]


def test_a_foreign_state_taking_a_place_leaves_it_with_no_side() -> None:
    text = "On 10 December, Israel pushed past the buffer zone, capturing Khan Arnabah."
    assert status(text, "Khan Arnabah", day="2024-12-10", published="2024-12-10") == "unknown"


def test_fighting_in_a_name_shared_by_a_governorate_and_its_capital_contests_neither() -> None:
    text = "Hostilities were reported in Idleb on 30 November."
    assert status(text, "Idlib", day="2024-11-30") == "opposition"  # the baseline holder stays
    assert status("Clashes erupted in Hama city on 30 November.", "Hama", day="2024-11-30") == "contested"


def test_a_place_merely_in_the_clause_of_a_fight_is_not_contested() -> None:
    text = "The army began counter attacks on 30 November, including a transfer of troops to the town of Binnish."
    assert status(text, "Binnish", day="2024-11-30") != "contested"


def test_the_aim_of_an_attack_is_a_fight_not_a_capture() -> None:
    result = frontlines.extract("On 4 December the army launched a counteroffensive to retake Binnish.", published="2024-12-05")
    assert [(e.sub_event_type, e.location) for e in result.events] == [("Armed clash", "Binnish")]
    assert not [a for a in result.assertions if a.status == "government"]


def test_an_opportunity_used_to_take_a_place_tells_that_it_was_taken() -> None:
    text = "On 4 December HTS units used the confusion to seize Binnish."
    assert status(text, "Binnish", day="2024-12-04", published="2024-12-05") == "opposition"


def test_a_perfect_infinitive_is_told_as_done() -> None:
    f = only(frames("HTS fighters seem to have captured Binnish."), "capture")
    assert f.asserts and f.hedged


def test_repelling_an_attack_on_a_place_keeps_it_with_the_defender() -> None:
    text = "On 30 November the army beat back a rebel assault on Binnish."
    assert status(text, "Binnish", day="2024-11-30") == "government"
    assert [e.sub_event_type for e in frontlines.extract(text, published="2024-12-01").events] == ["Armed clash"]


def test_a_declared_small_clause_is_the_declarers_claim() -> None:
    f = only(frames("HTS commanders declared Binnish liberated."), "capture")
    assert names(f.places) == ["Binnish"] and f.claimant is not None and f.claimant.side == "opposition"


def test_an_irregular_past_the_model_does_not_lemmatize_is_still_read() -> None:
    assert names(only(frames("Army units retook Binnish at dawn."), "capture").places) == ["Binnish"]


def test_unclear_who_holds_a_place_makes_it_unknown() -> None:
    assert status("On 30 November it was unclear who held Binnish.", "Binnish", day="2024-11-30") == "unknown"
    assert status("On 30 November it was unclear who won the chess final in Binnish.", "Binnish", day="2024-11-30") == "opposition"


def test_a_claim_another_party_denies_is_disputed() -> None:
    result = frontlines.extract("HTS said it had stormed Binnish; the army denied it.", published="2024-12-01")
    (event,) = result.events
    assert event.certainty == "disputed" and event.actor1_side == "opposition"
    assert [a.level for a in result.assertions] == ["claimed"]


def test_a_denial_with_no_claimant_negates() -> None:
    assert not frontlines.extract("The army denied that Binnish had fallen.", published="2024-12-01").events


def test_a_toll_caused_by_fighting_locates_the_fight() -> None:
    result = frontlines.extract("Nine fighters were killed in clashes near Morek on 1 December.", published="2024-12-02")
    assert [(e.sub_event_type, e.location, e.fatalities) for e in result.events] == [("Armed clash", "Morek", 9)]


def test_a_car_bomb_is_an_explosive_not_shelling() -> None:
    result = frontlines.extract("A car bomb went off in Sarmada on 1 December.", published="2024-12-02")
    assert [e.sub_event_type for e in result.events] == ["Remote explosive/landmine/IED"]


def test_taking_a_neighbourhood_in_a_town_is_a_battle_for_it() -> None:
    text = "On 30 November HTS fighters took control of a neighbourhood in Binnish."
    assert status(text, "Binnish", day="2024-11-30") == "contested"
    assert [e.sub_event_type for e in frontlines.extract(text, published="2024-12-01").events] == ["Armed clash"]


def test_a_neighbourhood_listed_with_villages_is_a_battle_for_its_town() -> None:
    """A part noun joined to a list of names ("the villages of A and B as well as a neighbourhood in C"),
    with "in C" hung on the verb by the parser: C is only partly taken, the villages wholly."""
    text = "On 2 December the rebels captured the villages of Anadan and Hreitan as well as a neighbourhood in the city of Sarmin."
    assert status(text, "Sarmin", day="2024-12-02") == "contested"
    assert status(text, "Anadan", day="2024-12-02") == "opposition"
    # a whole town in the same list is taken whole
    whole = "On 2 December the rebels captured the villages of Anadan and Hreitan as well as the town of Sarmin."
    assert status(whole, "Sarmin", day="2024-12-02") == "opposition"


# --------------------------------------------------------------------- the second theater


def test_ukraine_recapture_is_a_government_regain() -> None:
    result = frontlines.extract("Ukrainian troops recaptured Robotyne on 28 August.", published="2023-08-29",
                                theater="ukraine-2023")
    (event,) = result.events
    assert event.sub_event_type == "Government regains territory" and event.actor1_side == "ukraine"


def test_ukraine_loss_frame() -> None:
    text = "Russian forces lost Staromaiorske to the Ukrainian army."
    assert status(text, "Staromaiorske", day="2023-08-01", theater="ukraine-2023", published="2023-07-28") == "ukraine"


def test_ukraine_presence_and_contrast() -> None:
    found = frames("Ukrainian units in Orikhiv prepared to advance.", theater="ukraine-2023")
    assert names(only(found, "presence").places) == ["Orikhiv"]
    assert not frames("Grain prices fell in Orikhiv.", theater="ukraine-2023")


def test_the_capital_is_the_theaters_capital_not_the_town_named_last() -> None:
    found = frames("Hama fell on Thursday; two days later rebel columns pushed into the capital from the south.")
    assert names(only(found, "enter").places) == ["Damascus"]
    found = frames("Rebel fighters stormed Homs and then marched into the Syrian capital.")
    assert "Damascus" in [p.name for f in found for p in f.places]


def test_a_qualified_capital_refers_back() -> None:
    # "the provincial capital", "its capital": a reference to a place already named, never the country's capital
    for text in ("The rebels encircled Idlib, and the provincial capital fell to them two days later.",
                 "The rebels encircled Idlib city, and its capital status did not save it."):
        assert "Damascus" not in [p.name for f in frames(text) for p in f.places], text


def test_a_theater_without_a_capital_reads_the_capital_as_a_reference_back() -> None:
    text = "Russian forces shelled Orikhiv on Monday, and a day later drones struck the capital again."
    assert load_theater("ukraine-2023").capital == ""  # its theater.toml names none
    assert names(only(frames(text, theater="ukraine-2023"), "strike").places) == ["Orikhiv"]
    assert names(only(frames(text), "strike").places) == ["Damascus"]  # the same words where a capital is named


# --------------------------------------------------------------------- sixth pass: forms from new text


def test_a_present_participle_before_a_noun_is_no_predicate() -> None:
    """"the surrounding villages", "the advancing column": the participle describes its noun, nothing happens."""
    found = frames("Rebel gunners shelled Sarmin on Monday, and families fled to the surrounding Jabal Zawiya area.")
    assert [f.kind for f in found] == ["shelling"]
    assert says_nothing("Aid reached the surrounding hamlets of Sarmin.")


def test_members_of_a_family_are_civilians_not_combatants() -> None:
    found = [f.spec.name for f in frames("Government shelling of Binnish killed six members of a single family on Monday.")]
    assert "kill-combatants" not in found
    assert "kill-combatants" in [f.spec.name for f in frames("Rebels killed six members of the Republican Guard in Binnish.")]


@pytest.mark.parametrize("text", ["Rebel units have so far refrained from storming Kafr Nabl.",
                                  "The assault that was supposed to recapture Kafr Nabl never came.",
                                  "The army avoided attacking Kafr Nabl directly."])
def test_refraining_and_what_was_supposed_to_happen_assert_nothing(text: str) -> None:
    assert says_nothing(text)


def test_a_town_named_after_its_governorate_is_the_town_not_the_governorate() -> None:
    """"the A town of B": B is the place; A (a governorate or a city) only locates it, for every role."""
    f = only(frames("Insurgents overran the Idlib town of Binnish on Monday."), "capture")
    assert names(f.places) == ["Binnish"]
    strike = frontlines.extract("Jets bombed the Hama town of Kafr Zita on Monday, killing three farmers.", published="2024-12-03")
    assert {e.location for e in strike.events} == {"Kafr Zita"}
    # "the A district of B": B is a part of A
    f = only(frames("Insurgents entered the Aleppo district of Salaheddine."), "enter")
    assert names(f.places)[0] == "Salah al-Din" and "gn:170063" in f.partial


def test_a_counted_happening_takes_the_verbs_subject_as_its_doer() -> None:
    f = only(frames("Israeli warplanes conducted a series of raids on depots near Masyaf on Monday."), "strike")
    assert f.agent_side == "unknown" and f.agent is not None and f.agent.name == "Israel Defense Forces"


def test_a_place_damaged_by_shelling_is_where_the_shelling_fell() -> None:
    """"X in A was damaged by shelling": the parser reads the gerund as a verb of its own; its place is the harmed one's."""
    result = frontlines.extract("The main clinic in Binnish was damaged by shelling on Monday.", published="2024-12-03")
    assert [(e.sub_event_type, e.location) for e in result.events] == [("Shelling/artillery/missile attack", "Binnish")]


def test_a_planted_bomb_that_struck_is_an_explosive_not_a_strike() -> None:
    result = frontlines.extract("A roadside bomb hit an army truck near Masyaf on Monday.", published="2024-12-03")
    assert [e.sub_event_type for e in result.events] == ["Remote explosive/landmine/IED"]


def test_a_place_named_as_a_label_before_a_colon_is_no_subject() -> None:
    """A post that opens with its place ("X: fighters entered X city") names the place, not who entered it."""
    text = ("LIES. The regime aircraft hit a civilian car near Talbiseh today, a mother and her three kids martyred, pure "
            "criminals.\n\nNawa: the revolutionaries of the Southern Operations Room entered Nawa city yesterday and raised the "
            "flag of the revolution over the town hall.")
    found = only(frames(text), "enter")
    assert names(found.places) == ["Nawa"] and found.agent_side == "opposition"


def test_them_after_people_is_the_people_not_the_places_before() -> None:
    """"entered A and B to protect the people after the army abandoned them": them are the people."""
    found = frames("SDF media: Our forces entered Mayadin and Hajin yesterday evening to protect the people after the regime "
                   "abandoned them.")
    assert not [f for f in found if f.kind == "withdraw"]
    # a plural place noun before the pronoun still stands for places
    found = frames("Rebels took Morek and Kafr Zita on Monday, but the army retook them a day later.")
    assert names(found[-1].places) == ["Morek", "Kafr Zita"] and found[-1].agent_side == "government"


@pytest.mark.parametrize(("text", "side"), [("Jisr al-Shughur in the hands of the rebels tonight.", "opposition"),
                                            ("Jisr al-Shughur firmly under army control.", "government")])
def test_a_headline_with_no_verb_tells_who_holds_the_place(text: str, side: str) -> None:
    f = only(frames(text), "hold")
    assert names(f.places) == ["Jisr ash-Shughur"] and f.agent_side == side


@pytest.mark.parametrize("text", ["Jisr al-Shughur liberated!", "Jisr al-Shughur also free since this morning."])
def test_a_headline_participle_or_free_is_the_place_taken(text: str) -> None:
    f = only(frames(text), "capture")
    assert names(f.places) == ["Jisr ash-Shughur"] and f.agent is None


def test_free_of_something_is_no_liberation() -> None:
    assert says_nothing("Jisr al-Shughur is free of mines after a month of clearance work.")
    assert says_nothing("Jisr al-Shughur stays free from power cuts this winter.")


def test_handing_a_place_to_a_party_with_the_parser_s_dative() -> None:
    f = only(frames("Army units quit Mayadin on Friday, handing the town to Kurdish-led fighters."), "handover")
    assert names(f.places) == ["Mayadin"] and f.agent_side == "sdf" and f.loser_side == "government"


def test_a_counted_reference_takes_that_many_places() -> None:
    """"the two towns" after a longer run of places: the last two named."""
    text = ("Rebels seized Khan Tuman and Zirbah on Friday. Army units left Hadher and Tell Hadiya on Saturday, "
            "and SDF units moved into the two towns hours later.")
    entry = only(frames(text), "enter")
    assert [p.name for p in entry.places] == [p.name for p in only(frames(text), "withdraw").source]
    assert len(entry.places) == 2


def test_a_place_named_only_as_a_locator_is_not_referred_back_to() -> None:
    f = only(frames("Rebels held Khan Tuman, 12 km south-west of Aleppo, but the army tried to dislodge them from the town."), "expel")
    assert names(f.places) == ["Khan Tuman"]


def test_an_attempted_attack_is_an_attack_but_a_planned_one_is_not() -> None:
    tried = only(frames("Army units attempted an assault on Khan Tuman at dawn but were driven back."), "clash")
    assert not tried.irrealis and names(tried.places) == ["Khan Tuman"]
    assert only(frames("Army units will attempt an assault on Khan Tuman."), "clash").irrealis


def test_a_strike_on_positions_near_a_town_is_placed_near_it_not_in_its_governorate() -> None:
    result = frontlines.extract("Drones hit Kurdish-led positions near Ayn Issa, in northern Raqqa province, on Monday.",
                                published="2024-12-03")
    assert [(e.location, e.relation) for e in result.events] == [("Ayn Issa", "near")]


def test_the_countrys_nth_city_is_the_place_its_sentence_named() -> None:
    found = frames("Insurgents poured into Homs on Saturday, taking the country's third-largest city within hours.")
    assert names(only(found, "capture").places) == ["Homs"]
    # with no place named before it in its sentence, it names none
    assert not frames("Insurgents reached Saraqib. On Sunday they took the country's third-largest city.")[1:]


def test_a_force_led_by_a_party_is_that_party() -> None:
    f = only(frames("Fighters led by the Syrian National Army took Tell Rifaat at dawn."), "capture")
    assert f.agent_side == "opposition"


def test_them_is_the_party_named_before_it_in_its_sentence() -> None:
    f = only(frames("By Friday the SDF had reached the edge of Mayadin, and the town fell to them hours later."), "capture")
    assert f.agent_side == "sdf"


def test_its_fighters_under_a_speaker_are_the_speakers() -> None:
    f = only(frames("The SDF said its fighters had moved into Hajin on Friday."), "enter")
    assert f.agent_side == "sdf" and names(f.places) == ["Hajin"]


def test_a_town_that_a_party_has_held_is_the_place_it_describes() -> None:
    found = frames("Drones struck Manbij, a largely Arab town that the SDF has held since 2016, on Monday.")
    f = only(found, "hold")
    assert names(f.places) == ["Manbij"] and f.agent_side == "sdf"


def test_a_locator_with_no_place_just_before_it_is_still_referred_to() -> None:
    """"the countryside west of B ... the city": B, though it was named by a direction."""
    text = "Jets struck a market in Sarmada on Friday. The push began in the countryside west of Aleppo, and rebels took the city two days later."
    assert names(only(frames(text), "capture").places) == ["Aleppo"]


def test_a_place_that_remained_contested_with_the_parser_s_auxiliary() -> None:
    """"X and Y remained contested": the parser may make "remained" an auxiliary of a verb "contested"."""
    f = only(frames("As of Wednesday, Suran and Kafr Zita remained contested, with lines shifting by the hour."), "contest")
    assert names(f.places) == ["Suran", "Kafr Zita"]


@pytest.mark.parametrize("text", ["Rebels entered Kafr Nabl on Monday, with no reports of clashes.",
                                  "Rebels entered Kafr Nabl on Monday without any reports of fighting."])
def test_a_fight_the_sentence_says_did_not_happen_is_none(text: str) -> None:
    clashes = [f for f in frames(text) if f.kind == "clash"]
    assert clashes and all(f.negated for f in clashes)
    assert not [e for e in frontlines.extract(text, published="2024-12-04").events if e.sub_event_type == "Armed clash"]


@pytest.mark.parametrize("text", ["Rebels entered Kafr Nabl on Monday following the withdrawal of government forces.",
                                  "Rebels entered Kafr Nabl on Monday after the army's withdrawal, without reports of fighting."])
def test_an_entry_after_the_other_sides_withdrawal_told_as_a_noun_takes_the_place(text: str) -> None:
    result = frontlines.extract(text, published="2024-12-04")
    assert [e.sub_event_type for e in result.events] == ["Non-violent transfer of territory"]
    assert status(text, "Kafr Nabl", day="2024-12-04", published="2024-12-04") == "opposition"


def test_an_attack_on_civilians_counted_as_a_group_is_violence_against_civilians() -> None:
    """"attacked a group of herders east of X" in a region: an attack on civilians, placed at X (a region does not
    make X a mere locator)."""
    result = frontlines.extract("In the desert, ISIS gunmen attacked a group of herders east of Salamiyah on Monday.",
                                published="2024-12-04")
    assert [(e.sub_event_type, e.actor2_side, e.location) for e in result.events] == [("Attack", "civilians", "Salamiyah")]


def test_the_seat_of_power_taken_in_a_town_is_the_town_taken() -> None:
    f = only(frames("Local gunmen of the Southern Operations Room took over the governorate building and the police branch "
                    "in Nawa city overnight."), "capture")
    assert names(f.places) == ["Nawa"]


def test_both_and_a_number_limit_a_reference_to_that_many_places() -> None:
    text = "Rebels shelled Hama and Homs. Locals in Yabroud and Nabk said army units had left both towns on Saturday."
    assert names(only(frames(text), "withdraw").source) == ["Yabrud", "Al-Nabek"]


def test_a_strike_on_a_depot_near_a_facility_is_placed_near_it() -> None:
    text = ("Israeli jets struck a depot near Mezzeh airbase on the western edge of Damascus on Saturday. The strike "
            "changed nothing on the ground, and the airbase remained in government hands.")
    assert names(only(frames(text), "strike").places)[0] == "Mezzeh airbase"
    f = only(frames(text), "hold")  # and "the airbase" refers back to it
    assert names(f.places) == ["Mezzeh airbase"] and f.agent_side == "government"


@pytest.mark.parametrize("text", ["The army agreed to hand over Busra al-Sham to local factions.",
                                  "Commanders decided to withdraw from Busra al-Sham."])
def test_an_agreement_or_a_decision_to_act_changes_no_hands(text: str) -> None:
    """Agreed or decided, the deed has not happened: no control changes (an agreement is an event of its own)."""
    result = frontlines.extract(text, published="2024-12-03")
    assert not result.assertions
    assert all(e.sub_event_type == "Agreement" for e in result.events)


def test_a_failed_attempt_is_a_fight_and_leaves_the_place_with_its_holder() -> None:
    text = "Army units failed to retake Morek on Tuesday."
    assert status(text, "Morek", day="2024-12-03", published="2024-12-04") == "opposition"
    assert [e.sub_event_type for e in frontlines.extract(text, published="2024-12-04").events] == ["Armed clash"]
    text = "Army units launched an assault on Morek on Tuesday but failed to dislodge the rebels from the town."
    assert status(text, "Morek", day="2024-12-03", published="2024-12-04") == "opposition"


@pytest.mark.parametrize("text", ["Army units may have failed to retake Morek.", "Army units never failed to retake Morek."])
def test_a_failure_that_is_only_possible_or_denied_says_nothing(text: str) -> None:
    assert not frontlines.extract(text, published="2024-12-04").assertions


def test_driving_a_party_from_a_place_the_parser_hung_on_the_party() -> None:
    f = only(frames("Army units dislodged the rebels from Kafr Nabudah on Tuesday."), "expel")
    assert names(f.places) == ["Kafr Nabudah"] and f.agent_side == "government" and f.loser_side == "opposition"


def test_a_pronoun_skips_a_party_inside_another_nouns_modifier() -> None:
    """"A attacked X, the last B-held town, and they took it": they are A, not B."""
    f = only(frames("Turkish-backed factions shelled Manbij, the last SDF-held town west of the river, and they took it on Monday."),
             "capture")
    assert f.agent_side == "opposition" and names(f.places) == ["Manbij"]


def test_keeping_hold_of_a_place_is_holding_it() -> None:
    f = only(frames("Kurdish-led forces kept hold of the Ashrafiyeh district on Tuesday."), "hold")
    assert f.agent_side == "sdf" and names(f.places) == ["Ashrafiyah"]


def test_moving_into_a_place_the_other_side_left_is_no_battle() -> None:
    text = "The army pulled its troops out of Mayadin on Friday and the SDF moved into the town hours later."
    result = frontlines.extract(text, published="2024-12-07")
    assert "Non-violent transfer of territory" in [e.sub_event_type for e in result.events]
    assert status(text, "Mayadin", day="2024-12-06", published="2024-12-07") == "sdf"


def test_a_place_named_near_something_is_referred_back_to_as_itself() -> None:
    """"fighters were on the outskirts of X, and the army abandoned the city": the city is X itself."""
    text = "By Saturday evening rebels were on the outskirts of Homs, and early on Sunday the army abandoned the city."
    assert status(text, "Homs", day="2024-12-08", published="2024-12-09") == "unknown"


def test_a_day_named_in_the_predicate_s_own_clause_before_it() -> None:
    result = frontlines.extract("By Saturday 7 December rebels were near Homs, and on Sunday the army abandoned Homs.",
                                published="2024-12-09")
    assert [str(e.date) for e in result.events] == ["2024-12-08"]


def test_a_day_after_and_belongs_to_the_next_clause() -> None:
    result = frontlines.extract("On 5 December rebels captured Hama and on 6 December they took Rastan.", published="2024-12-09")
    assert {e.location: str(e.date) for e in result.events} == {"Hama": "2024-12-05", "Al-Rastan": "2024-12-06"}
    both = frontlines.extract("Rebels captured Hama and Rastan on 6 December.", published="2024-12-09")
    assert {str(e.date) for e in both.events} == {"2024-12-06"}


def test_a_place_where_a_party_took_control_is_taken() -> None:
    f = only(frames("Schools stayed shut in Idlib city, where an armed group assumed control on Friday."), "capture")
    assert names(f.places) == ["Idlib"] and f.agent_side == "opposition"


def test_there_refers_back_to_the_places_just_named() -> None:
    found = frames("Families fled Tell Rifaat and Ahras after Turkish-backed factions took control there on Monday.")
    f = next(f for f in found if f.kind == "capture")
    assert names(f.places) == ["Tell Rifaat", "Ahras"] and f.agent_side == "opposition"
    assert not [f for f in frames("There, prices took a turn for the worse.") if f.kind == "capture"]


def test_a_garrison_in_a_place_that_surrendered_gives_up_the_place() -> None:
    text = "The army garrison in Nawa surrendered to local fighters on Friday without a shot being fired."
    assert status(text, "Nawa", day="2024-12-06", published="2024-12-07") == "opposition"


def test_generic_gunmen_named_by_a_party_are_that_party() -> None:
    f = only(frames("Islamic State gunmen attacked an army post near Sukhnah on Friday."), "clash")
    assert f.agent_side == "isis" and names(f.places) == ["Al-Sukhnah"]


def test_the_party_accused_of_a_deed_did_it() -> None:
    f = only(frames("Kurdish media accused the SNA of having abducted two farmers near al-Bab on Monday."), "abduction")
    assert f.agent_side == "opposition"


def test_a_deed_the_parties_agreed_to_is_an_agreement_not_the_deed() -> None:
    text = "The SDF said on Monday that they had agreed, through Russian mediation, to evacuate their fighters from Tell Rifaat."
    result = frontlines.extract(text, published="2024-12-03")
    assert [e.sub_event_type for e in result.events] == ["Agreement"] and not result.assertions
    assert says_nothing("The SDF did not agree to evacuate its fighters from Tell Rifaat.")


def test_its_fighters_skip_a_party_that_only_owns_another_noun() -> None:
    """"ISIS is exploiting the regime's collapse, and its fighters attacked ...": its fighters are ISIS's."""
    f = only(frames("ISIS is exploiting the regime's collapse, and its fighters attacked army posts near Sukhnah on Friday."),
             "clash")
    assert f.agent_side == "isis"


def test_the_capture_of_a_and_of_b() -> None:
    f = only(frames("The SNA's capture of Tell Rifaat on 1 December and of the army-held Kuweires airbase on 2 December "
                    "cut the road."), "capture")
    assert names(f.places) == ["Tell Rifaat", "Kuweires airbase"]


def test_walking_into_a_place_is_an_entry() -> None:
    f = only(frames("The war ended with rebels walking into an almost undefended Damascus on Sunday."), "enter")
    assert names(f.places) == ["Damascus"] and f.agent_side == "opposition"
    assert says_nothing("Families walked into Saraqib after the storm.")


def test_places_that_changed_hands_again_and_again_are_contested() -> None:
    """A subject joined to others by the parser keeps them all ("A, a hill ..., and the towns of B and C changed
    hands"); changing hands "more than once" leaves no holder."""
    text = ("By Tuesday the front had stalled north of Hama, where the army fought to hold Jabal Zayn al-Abidin, a hill "
            "overlooking the city, and the small towns of Suran and Kafr Zita changed hands more than once.")
    f = only(frames(text), "capture")
    assert names(f.places) == ["Jabal Zayn al-Abidin", "Suran", "Kafr Zita"]
    assert status(text, "Suran", day="2024-12-03", published="2024-12-04") == "contested"
    assert {e.sub_event_type for e in frontlines.extract(text, published="2024-12-04").events if e.location == "Suran"} \
        == {"Armed clash"}
    assert status("Suran changed hands on Tuesday.", "Suran", day="2024-12-03", published="2024-12-04") == "opposition"


def test_the_city_a_force_handed_over_is_the_one_it_left_not_where_it_went() -> None:
    f = only(frames("Army units pulled back from Mayadin to Palmyra on Friday, handing the city to Kurdish-led fighters."),
             "handover")
    assert names(f.places) == ["Mayadin"]


def test_a_withdrawal_that_left_the_towns_in_others_hands() -> None:
    """"the withdrawal left the two X towns in the hands of A": the state after it, whatever names the towns."""
    text = "The SDF's withdrawal from Nubl and Zahraa on Monday left the two Shia towns in the hands of the SNA."
    assert status(text, "Nubl", day="2024-12-02", published="2024-12-04") == "opposition"


@pytest.mark.parametrize(("text", "side"), [("Rebel fighters are now inside Jisr al-Shughur.", "opposition"),
                                            ("Army troops remained in Jisr al-Shughur on Tuesday.", "government")])
def test_a_force_that_is_or_remains_in_a_place_is_present_there(text: str, side: str) -> None:
    f = only(frames(text), "presence")
    assert names(f.places) == ["Jisr ash-Shughur"] and f.agent_side == side
    assert says_nothing("Aid workers remained in Jisr al-Shughur on Tuesday.")


def test_a_noun_of_the_pack_the_parser_tagged_a_verb_is_still_read() -> None:
    """"In X, airstrikes on 2 December impacted ...": the small model may tag "airstrikes" a verb."""
    f = only(frames("In Ariha city, airstrikes on 2 December impacted a residential neighbourhood."), "strike")
    assert names(f.places) == ["Ariha"]


def test_violence_against_civilians_is_placed_where_they_were_and_contests_nothing() -> None:
    result = frontlines.extract("In the desert, ISIS gunmen attacked a group of herders east of Salamiyah on Monday.",
                                published="2024-12-04")
    assert [e.location for e in result.events] == ["Salamiyah"]  # the scene-setting region is no second location
    market = frontlines.extract("Gunmen attacked a market in Sarmin on Monday.", published="2024-12-04")
    assert [e.location for e in market.events] == ["Sarmin"] and not market.assertions
