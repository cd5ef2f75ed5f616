"""The clause reader, seventh pass: forms found on new prose of our own (wire copy, briefings, analysts' notes,
humanitarian updates), one test per form, each with its contrast where the same words carry no war.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import pytest

import frontlines
from test_reader import frames, names, only, says_nothing, status


def events_of(text: str, published: str = "2024-12-06") -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.actor1_side, e.location) for e in frontlines.extract(text, published=published).events]


def test_a_named_partys_violence_in_a_part_of_the_country_is_coded_there() -> None:
    """ACLED codes a party's own attack whose only scene is "north-west C" at region precision; a doer-less summary
    ("fighting in north-west C intensified") and an operation's name ("the southern C offensive") are no event."""
    assert events_of("On Wednesday the army launched a counteroffensive against rebel forces in northern Syria.") \
        == [("Armed clash", "government", "northern Syria")]
    assert events_of("Fighting in northern Syria intensified on Wednesday.") == []
    assert events_of("Analysts called it the northern Syria offensive.") == []


def test_a_heading_before_a_colon_is_no_subject() -> None:
    """"Key points: group A took X": the parser hangs the heading on the verb as a second subject."""
    f = only(frames("Key Takeaways: HTS-led opposition forces captured Atarib on Thursday."), "capture")
    assert names(f.places) == ["Atarib"] and f.agent_side == "opposition"


def test_a_place_abandoned_to_a_named_party_is_handed_to_it() -> None:
    text = "Regime units abandoned Maskanah to the SDF on Sunday."
    assert events_of(text) == [("Non-violent transfer of territory", "sdf", "Maskanah")]
    assert status(text, "Maskanah", day="2024-12-01", published="2024-12-02") == "sdf"
    # no party named as the receiver: a withdrawal, the place left to nobody known
    assert status("Regime units abandoned Maskanah on Sunday.", "Maskanah", day="2024-12-01",
                  published="2024-12-02") == "unknown"
    assert says_nothing("The family left Maskanah to relatives in Aleppo.")


@pytest.mark.parametrize("text", ["Rebel columns rolled into Salamiyah without meeting any resistance.",
                                  "Rebel columns entered Salamiyah and met no resistance.",
                                  "Rebel columns took Salamiyah without firing a shot."])
def test_a_taking_that_met_no_resistance_is_a_transfer(text: str) -> None:
    assert events_of(text) == [("Non-violent transfer of territory", "opposition", "Salamiyah")]


def test_a_taking_against_resistance_is_a_fight() -> None:
    assert events_of("Rebel columns entered Salamiyah despite stiff resistance.") == [("Armed clash", "opposition", "Salamiyah")]


def test_a_fronted_direction_the_parser_made_the_subject() -> None:
    """"South of X, the villages of A and B fell to ...": the parser makes the direction the subject and the places
    its appositive."""
    f = only(frames("South of Idlib, the villages of Kafr Nabl and Hish fell to HTS on Friday."), "capture")
    assert names(f.places) == ["Kafr Nabl", "Hish"]


@pytest.mark.parametrize("text", ["It was not clear on Monday who controlled Maskanah.",
                                  "The status of Maskanah was not known on Monday."])
def test_not_clear_and_not_known_are_unclear(text: str) -> None:
    assert only(frames(text), "unclear").asserts
    assert status(text, "Maskanah", day="2024-12-02", published="2024-12-02") == "unknown"
    assert says_nothing("It was not clear on Monday whether the talks in Maskanah would resume.")


def test_a_participle_of_holding_before_its_noun_is_no_capture() -> None:
    """"the A-occupied heights" says who holds them, it tells no capture by A."""
    assert not [f for f in frames("Near the Turkish-occupied Afrin, farmers picked olives.") if f.kind == "capture"]
    f = only(frames("Shells hit the rebel-occupied town of Sarmin."), "hold")
    assert names(f.places) == ["Sarmin"] and f.agent_side == "opposition"


@pytest.mark.parametrize("text", ["Iraqi militias who had held Albu Kamal for years withdrew toward the border on Friday.",
                                  "Iraqi militias in Albu Kamal withdrew toward the border on Friday."])
def test_a_withdrawal_leaves_where_the_party_was(text: str) -> None:
    f = only(frames(text), "withdraw")
    assert names(f.source) == ["Abu Kamal"]


def test_a_denial_after_a_semicolon_does_not_deny_the_clause_before() -> None:
    """"A strike on X killed ten; the army denied carrying it out": the strike happened, its author is disputed."""
    found = frames("A strike on Ariha on Tuesday killed eight people; the army denied carrying out the raid.")
    assert [f for f in found if f.kind == "strike" and not f.negated]
    assert only(frames("The army denied that its jets had struck Ariha on Tuesday."), "strike").negated


def test_leaving_a_place_in_a_partys_hands_is_a_change() -> None:
    text = "Regime troops inside Morek were routed on Thursday, leaving the town in rebel hands."
    assert ("Non-state actor overtakes territory", "opposition", "Morek") in events_of(text)
    assert status(text, "Morek", day="2024-12-05", published="2024-12-06") == "opposition"
    assert status("The army kept Morek in its hands on Thursday.", "Morek", day="2024-12-05",
                  published="2024-12-06") == "government"


def test_a_hilltop_of_a_named_mountain_is_that_mountain() -> None:
    f = only(frames("Regime forces abandoned the hilltop of Jabal Zawiya on Friday."), "withdraw")
    assert names(f.source) == ["Jabal Zawiya"]


def test_a_party_the_parser_joined_to_a_day_is_the_next_verbs_subject() -> None:
    """"A left X on Saturday and the group B, moving up from Y, took up positions in X": B does the second verb."""
    text = ("Regime troops pulled out of Tadmur on Saturday and the Syrian Free Army, moving up from its desert "
            "garrison, took up positions in the town.")
    f = only(frames(text), "deploy")
    assert f.agent_side == "opposition"


def test_no_longer_holding_a_place_asserts_no_hold() -> None:
    assert only(frames("The army no longer holds Morek."), "hold").negated
    assert not frontlines.extract("The army no longer holds Morek.", published="2024-12-06").assertions


def test_a_force_contesting_a_place_fights_for_it() -> None:
    text = "Rebel units are contesting Mhardeh on Thursday."
    assert status(text, "Mhardeh", day="2024-12-05", published="2024-12-06") == "contested"
    assert says_nothing("The party will contest the council election in Mhardeh.")


def test_shelling_that_affected_a_place_is_a_shelling_there() -> None:
    """Humanitarian updates say "shelling affected X"."""
    assert events_of("Shelling affected residential areas of Sarmada on Monday, and civilian casualties were reported "
                     "in the town.") == [("Shelling/artillery/missile attack", "unknown", "Sarmada")]
    assert says_nothing("The rise in bread prices affected families in Sarmada.")


def test_a_strike_by_people_who_do_not_fight_is_no_strike_of_war() -> None:
    assert says_nothing("The strike by teachers damaged schools in Sarmada on Monday.")
    assert events_of("Strikes by Russian jets damaged houses in Sarmada on Monday.")


def test_a_list_bullet_is_no_word_of_the_sentence() -> None:
    text = "Situation overview\n• Shelling affected homes in Sarmada and Atarib on Monday, and casualties were reported."
    assert {loc for _, _, loc in events_of(text)} == {"Sarmada", "Atarib"}


def test_where_after_a_list_of_places_refers_to_all_of_them() -> None:
    """(the parser may hang the relative clause on the last place of the list)"""
    text = ("Fighting was reported in northern rural Hama, notably around Souran and Morek, where government "
            "forces and non-state armed groups clashed on Monday.")
    (f,) = [f for f in frames(text) if f.spec.name == "clash" and text[f.start : f.end] == "clashed"]
    assert names(f.places) == ["Suran", "Morek"]


def test_hostilities_across_governorates_with_no_day_sum_up_the_situation() -> None:
    assert events_of("Hostilities continue to be reported across Idlib, Aleppo and Hama governorates.") == []
    assert len(events_of("On Monday, hostilities were reported in Idlib and Hama governorates.")) == 2
    assert events_of("Hostilities continue in Sarmada and Atarib.")  # named towns: happenings of their own


def test_a_part_of_the_country_that_sets_the_scene_of_a_placed_attack_is_no_second_location() -> None:
    assert events_of("In northern Syria, SNA factions launched an attack on Manbij on Friday.") \
        == [("Armed clash", "opposition", "Manbij")]


def test_a_withdrawal_and_the_entry_that_follows_are_one_handover() -> None:
    """"A withdrew from X and B entered the town": the parser may join B to X ("from X and B"); B entered, and the
    withdrawal and the entry are one transfer of X to B."""
    text = "Regime forces withdrew from Raqqa and the SDF entered the town on Sunday."
    assert events_of(text) == [("Non-violent transfer of territory", "sdf", "Raqqa")]
    assert status(text, "Raqqa", day="2024-12-01", published="2024-12-02") == "sdf"


def test_a_withdrawal_that_left_towns_in_others_hands_is_their_handover() -> None:
    text = "The SDF pullout from Tell Rifaat on Sunday left the town in the hands of SNA factions."
    assert events_of(text) == [("Non-violent transfer of territory", "opposition", "Tell Rifaat")]


def test_a_fight_and_a_withdrawal_with_no_taker_stay_two_events() -> None:
    text = "Rebels clashed with troops in Morek on Sunday before the troops withdrew from the town."
    assert {sub for sub, _, _ in events_of(text)} == {"Armed clash", "Change to group/activity"}


def test_a_speakers_label_names_whose_forces_are_ours() -> None:
    """"Group A's media: our forces entered X": the label before the colon is the speaker."""
    f = only(frames("SDF media: Our forces entered Tabqa city on Sunday evening."), "enter")
    assert f.agent_side == "sdf"


def test_a_question_or_a_condition_asserts_nothing() -> None:
    assert says_nothing("Officials asked whether the rebels had taken Mhardeh on Sunday.")
    assert says_nothing("If Mhardeh falls, the road to the coast is open.")


def test_a_demand_is_not_its_fulfilment() -> None:
    result = frontlines.extract("Residents protested on Monday, demanding that Manbij be handed over to the SNA.",
                                published="2024-12-03")
    assert not result.assertions and not [e for e in result.events if e.sub_event_type != "Peaceful protest"]


def test_the_dam_refers_back_to_the_dam_named_before() -> None:
    f = only(frames("Drones struck a truck near the Tishrin dam on Monday. The SDF still holds the dam itself."), "hold")
    assert names(f.places) == ["Tishrin dam"] and f.agent_side == "sdf"


@pytest.mark.parametrize("text", ["The SDF took over army positions in Tabqa on Friday.",
                                  "The SDF took over positions vacated by government forces in Tabqa on Friday."])
def test_positions_taken_in_a_place_stand_for_it(text: str) -> None:
    f = only(frames(text), "capture")
    assert names(f.places) == ["Tabqa"] and f.agent_side == "sdf"


def test_positions_vacated_by_the_other_side_change_hands_without_a_fight() -> None:
    assert events_of("The SDF took over positions vacated by government forces in Tabqa on Friday.") \
        == [("Non-violent transfer of territory", "sdf", "Tabqa")]


def test_a_handover_that_took_place_in_a_town() -> None:
    f = only(frames("A handover took place in Tabqa on Friday after talks between the army and the SDF."), "handover")
    assert names(f.places) == ["Tabqa"]
    assert says_nothing("Talks on a prisoner handover took place in Tabqa on Friday.")


@pytest.mark.parametrize("post", ["⚡ BREAKING: Saraqib liberated!", "🔴 Saraqib liberated!"])
def test_a_posts_emoji_and_breaking_label_are_no_words_of_it(post: str) -> None:
    f = only(frames(post), "capture")
    assert names(f.places) == ["Saraqib"]


def test_a_speakers_label_names_who_we_are() -> None:
    f = only(frames("🚨 Rebels: we captured Saraqib this morning"), "capture")
    assert f.agent_side == "opposition"


def test_passing_to_a_side_without_fighting_is_a_transfer() -> None:
    assert events_of("Salamiyah passed to opposition control without fighting on Thursday.") \
        == [("Non-violent transfer of territory", "opposition", "Salamiyah")]


def test_them_after_places_of_its_own_sentence_means_those_places() -> None:
    text = ("On Monday rebels reached the edge of Hama and Homs. An army counterattack on Tuesday retook Suran and "
            "Taybat al-Imam, but the rebels recaptured them the next day.")
    (f,) = [f for f in frames(text) if f.spec.name == "capture" and f.agent_side == "opposition"]
    assert names(f.places) == ["Suran", "Taybat al-Imam"]


def test_a_pronoun_for_a_party_means_the_subject_before_it() -> None:
    """"factions rose against the government and took X, and Y fell to them": the factions, not the government."""
    text = "Local factions rose against the government and seized Daraa, and the Nasib crossing fell to them on Friday."
    (f,) = [f for f in frames(text) if f.spec.name == "fall"]
    assert f.agent_side == "opposition"


def test_hostilities_across_the_country_over_a_past_week_sum_up_the_situation() -> None:
    """Places in three governorates or more, with no day of their own ("over the past week" counts back from the
    report): a summary; the same told of a day is one clash in each place."""
    assert events_of("Hostilities continued across Syria over the past week, with incidents in Sarmada, Hama and "
                     "Deir ez-Zor.") == []
    assert len(events_of("On 2 December, hostilities were reported in Sarmada, Hama and Deir ez-Zor.")) == 3


def test_a_demonstration_with_vandalism_is_violent() -> None:
    """ACLED: a demonstration whose crowd destroys property is a violent demonstration."""
    assert events_of("Protests broke out in Tartus on Sunday as demonstrators toppled a statue of the late president.") \
        == [("Violent demonstration", "unknown", "Tartus")]
    assert events_of("Residents held a protest in Tartus on Sunday to demand the release of detainees.") \
        == [("Peaceful protest", "unknown", "Tartus")]


def test_hostilities_that_struck_near_a_place_are_fighting_not_a_strike() -> None:
    assert events_of("On Friday, hostilities struck near Kafr Nabl, damaging a water station.") \
        == [("Armed clash", "unknown", "Kafr Nabl")]


def test_ground_based_strikes_are_shelling() -> None:
    """The tokenizer splits "ground-based"; the hyphenated word still names the weapon."""
    assert {sub for sub, _, _ in events_of("Four civilians were killed on Friday by ground-based strikes by HTS on the "
                                           "Hamdaniyah district of Aleppo.")} == {"Shelling/artillery/missile attack"}


def test_a_happening_before_the_theaters_first_day_is_background() -> None:
    """The theater's events run from its first day; the day before is the baseline's, not an event of the war."""
    assert events_of("On 26 November, shelling struck a school in Ariha, killing three children.", published="2024-11-28") == []
    assert events_of("On 27 November, shelling struck a school in Ariha, killing three children.", published="2024-11-28")


def test_handing_control_of_a_place_to_fighters_loyal_to_a_party() -> None:
    text = "On Wednesday the SDF handed control of Tabqa to fighters loyal to the Military Operations Command."
    assert events_of(text, published="2024-12-12") == [("Non-violent transfer of territory", "opposition", "Tabqa")]
    assert says_nothing("The council handed control of the stadium in Tabqa to a new club on Wednesday.")


def test_the_place_a_road_leads_to_is_no_location() -> None:
    assert [loc for _, _, loc in events_of("Turkish drones struck a truck on the road to Kobani near Sarrin on Friday.")] \
        == ["Sarrin"]
    assert [loc for _, _, loc in events_of("Turkish drones struck a truck on the road to Kobani on Friday.")] == ["Kobani"]


def test_our_forces_in_a_quote_are_the_speakers() -> None:
    f = only(frames('"Our forces are inside Atarib," a commander of the Military Operations Command told reporters.'),
             "presence")
    assert f.agent_side == "opposition"


def test_a_clause_that_names_its_own_earlier_year_is_history() -> None:
    """"factions that signed a deal with the army in 2018 took X on Saturday": the deal is history; the taking is
    news. "for the first time since 2016" opens a period and dates nothing."""
    subs = {sub for sub, _, _ in events_of("Local factions that had signed a reconciliation deal with the army in 2018 "
                                           "took full control of Nawa on Saturday.", published="2024-12-10")}
    assert subs == {"Non-state actor overtakes territory"}
    assert events_of("Rebels seized Aleppo on Saturday for the first time since 2016.", published="2024-12-10")
    assert not frontlines.extract("The SDF had controlled the town of Tabqa since driving IS fighters out of it in 2017.",
                                  published="2024-12-10").assertions


def test_an_assault_that_overran_a_place_took_it() -> None:
    """A noun of attack as the doer ("the opening assault overran X"): the attacking side, unnamed, took it."""
    assert events_of("The opening assault on Thursday overran the village of Anjara.", published="2024-11-29") \
        == [("Non-state actor overtakes territory", "opposition", "Anjara")]


def test_the_hill_refers_back_to_the_hill_named_before() -> None:
    f = only(frames("Rebels attacked Jabal Zawiya on Monday. The hill fell on Tuesday."), "capture")
    assert names(f.places) == ["Jabal Zawiya"]


def test_redeploying_outside_a_city_leaves_it() -> None:
    f = only(frames("On Thursday the army said it was redeploying outside Morek."), "withdraw")
    assert names(f.source) == ["Morek"]


def test_fighters_a_partys_source_claims_took_a_place_are_its_own() -> None:
    f = only(frames("An opposition source claimed that fighters captured Kafr Nabl, but the army denied it."), "capture")
    assert f.agent_side == "opposition"


def test_remnants_of_a_partys_garrison_that_regrouped_in_a_place_are_there() -> None:
    f = only(frames("Remnants of the regime garrison regrouped in Khanasir on Sunday."), "hold")
    assert names(f.places) == ["Khanasir"] and f.agent_side == "government"


def test_holding_out_in_a_place_holds_it() -> None:
    f = only(frames("Regime forces are still holding out in Kafr Nabl."), "hold")
    assert names(f.places) == ["Kafr Nabl"] and f.agent_side == "government"
    assert says_nothing("The home team held on to win in Kafr Nabl.")


def test_a_supposed_fall_asserts_nothing() -> None:
    """"the fall of X would open the road to Y": a modal over the noun's verb supposes the happening."""
    assert says_nothing("The fall of Morek would open the road to Hama.")
    assert events_of("The fall of Morek opened the road to Hama on Tuesday.")


def test_a_taking_over_some_days_is_one_event_in_their_middle() -> None:
    """A place changes hands once; told of a period, it is coded to the period's middle day (ACLED)."""
    assert events_of("Rebels seized Halfaya on 3-4 December.", published="2024-12-06") \
        == [("Non-state actor overtakes territory", "opposition", "Halfaya")]
    assert [e.date.isoformat() for e in frontlines.extract("Rebels seized Halfaya between 2 and 4 December.",
                                                            published="2024-12-06").events] == ["2024-12-03"]


def test_elements_of_a_division_deployed_to_a_city() -> None:
    assert events_of("The army deployed elements of the 4th Division to Hama on Tuesday.") \
        == [("Change to group/activity", "government", "Hama")]


def test_a_party_a_named_commander_speaks_for() -> None:
    """"Opposition commander B C says fighters took X": the fighters are his party's."""
    f = only(frames("Opposition commander Karim Haddad says fighters have liberated Morek."), "capture")
    assert f.agent_side == "opposition"


def test_them_is_not_the_subject_of_its_own_clause() -> None:
    """"local fighters say the army handed the city over to them": "them" is the fighters, not the army."""
    f = only(frames("Local fighters in Sweida say the army handed the city over to them on Friday."), "handover")
    assert f.agent_side == "opposition"


def test_scare_quotes_do_not_break_the_clause() -> None:
    f = only(frames('Rebel commanders say fighters have "completely liberated" Morek.'), "capture")
    assert names(f.places) == ["Morek"]


def test_a_holding_now_after_another_side_left_is_a_handover() -> None:
    assert events_of("The SDF is now in full control of Tabqa after government troops pulled out on Friday.") \
        == [("Non-violent transfer of territory", "sdf", "Tabqa")]
    assert events_of("The SDF is now in full control of Tabqa.") == []


def test_a_place_that_came_under_shelling_or_attack() -> None:
    assert events_of("The town of Morek came under heavy shelling on Monday.") \
        == [("Shelling/artillery/missile attack", "unknown", "Morek")]
    assert events_of("Army positions in Morek came under attack on Monday.") == [("Armed clash", "unknown", "Morek")]
    assert says_nothing("The minister came under fire from critics in Morek on Monday.")


def test_opening_fire_on_protesters_is_an_attack() -> None:
    assert events_of("SDF fighters opened fire on protesters in Raqqa on Monday, wounding several people.") \
        == [("Attack", "sdf", "Raqqa")]


def test_a_states_soldiers_are_its_forces() -> None:
    f = only(frames("Israeli soldiers entered Hader on Monday."), "enter")
    assert f.agent is not None and f.agent.state == "israel"


def test_the_approaches_to_a_place_are_near_it() -> None:
    """"clashed on the approaches to X, the centre of the Y pocket": X is where they fought (near it), Y only
    describes it."""
    assert "Tell Rifaat" in {loc for _, _, loc in events_of(
        "SNA and SDF fighters clashed on the approaches to Tal Rifaat, the centre of the Shahba pocket, on Friday.")}


def test_where_an_attack_came_from_is_no_place_of_the_fight() -> None:
    assert [loc for _, _, loc in events_of("Army units repelled an attack on Qamhana coming from the direction of "
                                            "Jabal Zayn al-Abidin on Monday.")] == ["Qamhana"]


def test_suicide_car_bombs_in_the_plural_are_suicide_bombs() -> None:
    """A multiword noun of the pack read in the plural too; the suicide frame comes before the plain car bomb."""
    assert events_of("The insurgents set off two suicide car bombs against army checkpoints in Atarib on Friday.") \
        == [("Suicide bomb", "unknown", "Atarib")]


def test_the_city_centre_is_part_of_the_city_named_before() -> None:
    found = frames("Rebels reached Hama on Thursday. Fighting raged in the city centre on Friday.")
    (f,) = [f for f in found if f.kind == "clash"]
    assert names(f.places) == ["Hama"] and "gn:170017" in f.partial


def test_people_a_force_made_flee_are_who_fled() -> None:
    """"seized X, forcing thousands of Kurds to flee toward Y": the people counted fled; the force did not move to Y."""
    result = frontlines.extract("On Sunday the SNA seized Tell Rifaat, forcing thousands of Kurds to flee toward "
                                "Tabqa.", published="2024-12-03")
    assert [e.location for e in result.events] == ["Tell Rifaat"]
    assert {a.place_id for a in result.assertions} == {load_place_id("Tell Rifaat")}


def load_place_id(name: str) -> str:
    from frontlines.theater import load_theater
    return load_theater("syria").gazetteer.lookup(name)[0].place.id


def test_a_crowd_that_marched_to_protest_protested() -> None:
    assert events_of("In Kobani, thousands marched on Friday to protest against the threats of an attack.") \
        == [("Peaceful protest", "unknown", "Kobani")]
    assert events_of("Residents plan to march on Friday to protest in Kobani.") == []  # a plan; and never a fight


def test_the_country_owning_a_place_gets_no_status() -> None:
    result = frontlines.extract("Overnight the rebels took full control of Homs, Syria's third-largest city.",
                                published="2024-12-08")
    assert {a.place_id for a in result.assertions} == {load_place_id("Homs")}


def test_all_three_towns_refer_back() -> None:
    found = frames("Rebels took Kafr Nabl, Hish and Sarmin last week. All three towns are now back in rebel hands.")
    (f,) = [f for f in found if f.kind == "hold"]
    assert names(f.places) == ["Kafr Nabl", "Hish", "Sarmin"]
    # a count with no "all" or "the" introduces new places: it refers back to nothing
    assert not [f for f in frames("Hish fell. Rebels took three towns on Monday.") if f.spec.name == "capture" and f.places]


def test_a_place_the_parser_joined_to_a_day_is_the_verbs_object() -> None:
    f = only(frames("Opposition fighters seized Halfaya on Monday and Taybat al-Imam on Tuesday."), "capture")
    assert names(f.places) == ["Halfaya", "Taybat al-Imam"]


def test_people_of_a_community_are_no_armed_party() -> None:
    assert says_nothing("Kurdish families fled Tell Rifaat on Monday.")


def test_a_hyphenated_party_before_held_is_no_subject() -> None:
    """"near regime-held X on 2 December and likely seized A": the parser makes "held" a verb; "regime" is no doer."""
    found = frames("The SDF attacked villages near regime-held Deir ez-Zor city on 2 December and likely seized Hatla.")
    assert not [f for f in found if f.kind == "capture" and f.agent_side == "government"]
