"""The clause reader, eighth pass: forms found on a ninth batch of prose of our own (analysts' updates, wire
stories, a regional feature, a humanitarian update, an encyclopedia narrative, a briefing, a live blog,
channel posts), one test per form, each with its contrast where the same words carry no war.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import frontlines
from frontlines.theater import load_theater
from test_reader import status


def events_of(text: str, published: str = "2024-12-06") -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.actor1_side, e.location) for e in frontlines.extract(text, published=published).events]


def test_a_deed_done_with_a_verb_is_its_armed_subjects() -> None:
    """"A responded with strikes on X": the strikes are the subject's; people who do not fight are nobody's doer."""
    assert events_of("Government forces retaliated with heavy shelling of Sarmin on Friday.") \
        == [("Shelling/artillery/missile attack", "government", "Sarmin")]
    assert events_of("Residents woke up with shelling on Sarmin on Friday.") \
        == [("Shelling/artillery/missile attack", "unknown", "Sarmin")]
    assert events_of("Shopkeepers in Sarmin responded with strikes against the new tax.") == []


def test_the_last_subject_party_is_who_a_later_noun_refers_to() -> None:
    """"A launched an offensive along the line held by B. The attackers took X": with no deed read in the first
    sentence, its subject, not the last party it names, is whom "the attackers" stand for."""
    text = ("The HTS-led Military Operations Command launched an offensive along the line facing government forces. "
            "By nightfall the attackers seized Anjara.")
    assert events_of(text) == [("Non-state actor overtakes territory", "opposition", "Anjara")]


def test_a_verb_the_tagger_read_as_a_noun_keeps_its_auxiliary_and_subject() -> None:
    """"the rebels had overrun X": the tagger makes "overrun" a noun with "had" as its auxiliary."""
    assert events_of("Within hours, the rebels had overrun Hish and Anjara.") \
        == [("Non-state actor overtakes territory", "opposition", p) for p in ("Hish", "Anjara")]
    assert events_of("The overrun of the budget in Anjara worried the council.") == []


def test_the_ends_of_a_road_named_by_them_are_no_scene() -> None:
    """"near X on the A-B highway": A and B name the road; the ambush is at X. With no other place, the road's
    ends still locate it; a plain town is no road end."""
    assert events_of("Rebels ambushed an army convoy near Khan al-Asal on the Aleppo-Idlib highway on Friday.") \
        == [("Armed clash", "opposition", "Khan al-Asal")]
    places = frontlines.extract("A convoy was ambushed on the Homs-Palmyra road.", published="2024-12-06").places
    assert {p.name: p.relation for p in places} == {"Homs": "road", "Palmyra": "road"}
    assert [p.relation for p in frontlines.extract("Rebels shelled Homs.", published="2024-12-06").places] == [""]


def test_a_happening_said_to_be_yet_to_come_asserts_nothing() -> None:
    """"an assault on X appears imminent", "a rebel push on X is expected": the noun is the subject of a word of
    prospect; the same noun told as done still fights."""
    assert not [e for e in frontlines.extract("Rebels massed west of Manbij, and an assault on the town appears imminent.",
                                              published="2024-12-06").events if e.sub_event_type == "Armed clash"]
    assert events_of("A rebel assault on Manbij is expected within days.") == []
    assert events_of("A rebel assault on Manbij was repelled on Friday.") == [("Armed clash", "opposition", "Manbij")]


def test_a_places_fall_named_again_with_no_day_is_the_same_fall() -> None:
    """"The fall of X had opened the road": X's fall, told on its day before, named again; not a second taking on
    the day the paragraph has moved on to. A fight named again is left as it is (fights recur)."""
    text = "Rebels captured Anjara on 27 November. On 29 November they entered Aleppo. The fall of Anjara had opened the road."
    takings = [(e.location, str(e.date)) for e in frontlines.extract(text, published="2024-12-07").events
               if e.sub_event_type == "Non-state actor overtakes territory"]
    assert takings == [("Anjara", "2024-11-27")]
    text = "Rebels clashed with troops in Anjara on 27 November. On 29 November, heavy clashes erupted in Anjara again."
    assert len(frontlines.extract(text, published="2024-12-07").events) == 2


def test_the_same_armed_noun_just_before_says_whom_it_stands_for() -> None:
    """"HTS fighters took A. The army shelled B. The fighters then entered C": "the fighters" are the fighters named
    just before, not the last party (the army); with no such noun nearby the last party still stands."""
    text = "HTS fighters took Anjara on Monday. The army shelled Atarib. The fighters then entered Urum al-Kubra."
    assert ("Armed clash", "opposition", "Urum al-Kubra") in events_of(text)
    text = "HTS took Anjara on Monday. The army shelled Atarib. The troops then entered Urum al-Kubra."
    assert ("Armed clash", "government", "Urum al-Kubra") in events_of(text)


def test_a_participle_of_taking_before_a_place_is_no_news_of_a_taking() -> None:
    """"aid convoys entered liberated X", "shells hit the captured town": the participle before the noun describes a
    state already known; told of the place ("X liberated!", "declared X liberated") it is the taking."""
    assert events_of("Aid convoys entered liberated Aleppo today carrying flour.") == []
    assert events_of("Aleppo liberated!") == [("Non-state actor overtakes territory", "opposition", "Aleppo")]


def test_reinforcements_arriving_are_a_move_not_an_entry() -> None:
    """"army reinforcements reached X": the side's own forces arriving (ACLED: change to group/activity), no fight
    for X; attackers arriving ("rebel columns reached X") still fight for it."""
    assert events_of("Fresh army reinforcements arrived in Homs on Tuesday.") \
        == [("Change to group/activity", "government", "Homs")]
    assert events_of("Rebel columns reached Homs on Tuesday.") == [("Armed clash", "opposition", "Homs")]


def test_a_fight_told_of_a_governorate_beside_its_towns_is_no_event_of_its_own() -> None:
    """"swept into northern Hama, overrunning Morek": the taking of the town is the happening; the governorate
    told alone ("pushed into northern Hama on Friday") still is one."""
    text = "Rebels swept into northern Hama on Friday, overrunning Morek and Kafr Zita."
    assert {loc for _, _, loc in events_of(text)} == {"Morek", "Kafr Zita"}
    assert [loc for _, _, loc in events_of("Rebels swept into northern Hama on Friday.")] == ["Hama"]


def test_the_passive_subject_of_a_withdrawal_is_who_withdrew() -> None:
    """"its units had been redeployed outside X", "troops were withdrawn from X": the units moved; people who do
    not fight moved out of a place are no withdrawal."""
    assert events_of("Government troops were withdrawn from Hama on Thursday.", "2024-12-06") \
        == [("Change to group/activity", "government", "Hama")]
    assert events_of("Civilians were evacuated from Hama on Thursday.") == []


def test_a_day_that_opens_a_sentence_dates_what_follows_it() -> None:
    """"On 27 November group A launched an offensive. By nightfall its fighters had seized X": the fronted day is the
    narrative's day even when its own sentence tells nothing coded, and after a sentence about another year."""
    text = ("The city had been divided from July 2012 until December 2016. On 27 November 2024, HTS launched an "
            "offensive along the front line. Within hours, the rebels had seized Anjara.")
    (event,) = frontlines.extract(text, published="2025-02-01").events
    assert (event.location, str(event.date)) == ("Anjara", "2024-11-27")
    # a caption's day in brackets ("map (as of D)"), or a day inside a noun phrase, moves nothing
    for text in ("Map (as of 25 December). The rebels seized Anjara.",
                 "State media's claim on 28 November that the army retook Hish is not supported. The rebels seized Anjara."):
        (event,) = frontlines.extract(text, published="2024-12-01").events
        assert str(event.date) == "2024-12-01"


def test_a_repelled_attack_is_the_attackers() -> None:
    """"A repelled an assault by B on X": B attacked, B is the first actor and the assault is B's (not A's); A still
    holds X. With no attacker named, the defender's usual adversary attacked."""
    text = "Government forces repelled a rebel assault on Suran on Tuesday."
    assert events_of(text) == [("Armed clash", "opposition", "Suran")]
    assert status(text, "Suran", day="2024-12-03", published="2024-12-06") == "government"
    assert events_of("The army repelled an attack on Suran on Tuesday.") == [("Armed clash", "opposition", "Suran")]
    assert events_of("Government forces attacked Suran on Tuesday.") == [("Armed clash", "government", "Suran")]


def test_a_partys_people_speak_for_it() -> None:
    """"SDF commanders said their fighters repelled ...": "their" is the SDF's, named as the commanders' party."""
    found = [e for e in frontlines.extract("SDF commanders said their fighters repelled an SNA assault on Manbij.",
                                           published="2024-12-06").events]
    assert [(e.actor1_side, e.actor2_side) for e in found] == [("opposition", "sdf")]


def test_men_killed_are_people_and_armed_men_are_an_armed_party() -> None:
    """"two men were killed by gunmen": men, unnamed and unarmed, are civilians (an attack on them); "armed men
    attacked X": people with arms are an armed party of no side named; "two men joined the rebels" is nothing."""
    assert events_of("At least two men were killed by unidentified gunmen near Salamiyah on Tuesday.") \
        == [("Attack", "unknown", "Salamiyah")]
    assert events_of("On Friday, armed men attacked security checkpoints in Daraa.") == [("Armed clash", "unknown", "Daraa")]
    assert events_of("Two men from Sarmin joined the rebels.") == []


def test_a_raid_on_foot_is_no_air_strike() -> None:
    """"troops raiding a village detained three men": a raid by ground troops is no air strike (the detention is the
    event); aircraft raiding a town still strike it."""
    assert events_of("On Tuesday, Israeli troops raiding Al-Hamidiyah detained three men.") \
        == [("Arrests", "israel", "Al-Hamidiyah")]
    assert events_of("Warplanes raided Atarib on Friday.") == [("Air/drone strike", "unknown", "Atarib")]


def test_a_timeline_entry_is_of_the_day_its_label_names() -> None:
    """"- Nov. 29: X falls to the rebels": the entry's present tense tells that day's news; a present with no label
    ("clashes continue in X") is still of the time of writing."""
    text = "- Nov. 29: Saraqib falls to the rebels.\n- Dec. 2: Rebels seize Halfaya.\nClashes continue in Kafr Nabl."
    got = {e.location: str(e.date) for e in frontlines.extract(text, published="2024-12-09").events}
    assert got == {"Saraqib": "2024-11-29", "Halfaya": "2024-12-02", "Kafr Nabl": "2024-12-09"}


def test_land_taken_in_a_place_is_a_taking_there() -> None:
    """"overtook territory in X, Y and Z", "regained territory in X": the land taken lies in the places named; land
    bought, or ground gained in an election, is no war."""
    assert events_of("On Tuesday, HTS-led forces overtook territory in Halfaya and Suran.") \
        == [("Non-state actor overtakes territory", "opposition", p) for p in ("Halfaya", "Suran")]
    assert events_of("The army regained territory in Suran on Tuesday.") == [("Government regains territory", "government", "Suran")]
    assert events_of("Farmers bought land in Morek on Friday.") == []
    assert events_of("The party gained ground in Morek in the local election.") == []


def test_a_fight_is_where_the_party_fought_with_was() -> None:
    """"clashed with regime forces in X, Y and Z": the parser hangs the places on the opponent; the fight is there."""
    text = "In northern Hama, rebels clashed with regime forces in Morek and Suran on Monday."
    assert {loc for _, _, loc in events_of(text)} == {"Morek", "Suran"}
    assert events_of("Protesters clashed with police in Morek on Monday.") == []


def test_our_forces_entering_a_place_is_an_entry() -> None:
    """"our forces entered X": the speaker's forces (the voice of the report names their side) enter, even when the
    sentence gives no side; entered without resistance, the place changes hands without a fight."""
    assert events_of("Our forces entered Taqsis today.") == [("Armed clash", "unknown", "Taqsis")]
    assert events_of("Today our forces entered Taqsis without resistance.") \
        == [("Non-violent transfer of territory", "unknown", "Taqsis")]


def test_a_taking_under_a_deal_is_no_fight() -> None:
    """"entered X under an agreement with its notables": done as agreed; a deal told of another clause of the
    sentence ("seized A, and agreed to hand over B under a deal") leaves A's seizure a seizure."""
    assert events_of("Rebel forces entered Salamiyah under an agreement with the city's notables.") \
        == [("Non-violent transfer of territory", "opposition", "Salamiyah")]
    text = "Rebels seized Jasim, and the army agreed to hand over Bosra under a deal brokered by elders."
    assert ("Non-state actor overtakes territory", "opposition", "Jasim") in events_of(text)


def test_a_kurdish_outlets_name_for_the_turkish_army_is_the_turkish_army() -> None:
    """Theater data: "the Turkish occupation army shelled X" is Turkey's army (not the Syrian army its last word
    names), and "Turkish occupation drones" are Turkey's drones."""
    assert events_of("The Turkish occupation army shelled Arima on Monday.") \
        == [("Shelling/artillery/missile attack", "turkey", "Arima")]
    assert events_of("Turkish occupation drones struck Arima on Monday.") == [("Air/drone strike", "turkey", "Arima")]


def test_a_taking_told_as_a_standing_state_is_no_news() -> None:
    """"Manbij, which has been occupied by the SDF": who holds it (a control statement), no taking that day; "which was
    captured by the SDF on Monday" still tells the taking."""
    text = "The SNA attacked Manbij, which has been occupied by the SDF since 2016."
    assert events_of(text) == [("Armed clash", "opposition", "Manbij")]
    assert events_of("The SNA attacked Manbij, which was captured by the SDF on Monday.")[0] \
        == ("Non-state actor overtakes territory", "sdf", "Manbij")


def test_a_named_partys_common_noun_is_no_other_party() -> None:
    """"the PKK/YPG terrorists": a partisan outlet's word for a named party is that party, not the side its word
    elsewhere stands for."""
    found = load_theater("syria").actors.find("Manbij was held by the PKK/YPG terrorists.", "d")
    assert {a.side for a in found} == {"sdf"}


def test_a_states_words_for_retaking_a_place_retake_it() -> None:
    """"army units restored security to X": a state's own words for retaking X; police calming a brawl, or a
    governor restoring stability, are no war."""
    assert events_of("Army units restored security to Maardes on Tuesday.") \
        == [("Government regains territory", "government", "Maar Dis")]
    assert events_of("Police restored calm in Maardes after the market brawl.") == []
    assert events_of("The new governor restored stability to Maardes.") == []


def test_a_repelled_attempt_towards_a_place_is_a_fight_there() -> None:
    """"units of our armed forces thwarted an infiltration attempt by terrorist groups towards X": the parser hangs
    the goal on the attackers; "units of our forces" are the speaker's own."""
    assert [loc for _, _, loc in events_of(
        "Units of our armed forces today thwarted an infiltration attempt by terrorist groups towards al-Safira.")] \
        == ["Al-Safira"]


def test_where_the_subject_was_posted_is_what_it_gave_up() -> None:
    """"soldiers stationed in X surrendered", "personnel who had remained in X handed over their positions to A":
    the place the subject's clause puts it in; a part handed over is still handed over (the place then contested)."""
    assert events_of("Soldiers stationed in Sukhnah surrendered to the rebels on Friday.") \
        == [("Non-violent transfer of territory", "opposition", "Al-Sukhnah")]
    text = "Regime personnel who had remained in the security squares of Qamishli handed over their positions to the SDF."
    assert events_of(text) == [("Non-violent transfer of territory", "sdf", "Qamishli")]
    assert events_of("Teachers who had stayed in Sukhnah handed over the keys to the school on Friday.") == []


def test_a_list_broken_by_an_apposition_keeps_its_last_member() -> None:
    """"pulled out of X, the centre of the province, and the town of Y": the parser joins "the town of Y" to the verb;
    it is the list's next member (and a part of each when the list is of parts)."""
    text = "Government forces pulled out of Madinat al-Baath, the centre of the province, and the town of Khan Arnabah."
    # (the gazetteer knows Madinat al-Baath by its present name, Madinat al-Salam)
    assert [loc for _, _, loc in events_of(text)] == ["Madinat al-Salam", "Khan Arnabah"]


def test_a_kurdish_outlets_voice_speaks_for_the_sdf() -> None:
    """Theater data: a text in the vocabulary of the SDF's own outlets ("the mercenaries of the Turkish occupation")
    speaks for the SDF, so its "our forces entered X" is the SDF's entry."""
    text = ("The mercenaries of the Turkish occupation renewed their attacks on Manbij today. "
            "Our forces entered Deir Hafer today after the mercenaries withdrew.")
    assert ("Non-violent transfer of territory", "sdf", "Dayr Hafir") in events_of(text)


def test_a_day_in_a_takings_own_phrase_dates_it() -> None:
    """"Following the takeover of X by group A on 9 December, thousands fled": the day inside the noun's phrase is
    the taking's own; a time clause's taking with no day of its own still makes no event."""
    text = "Following the takeover of Manbij city by Turkish-backed armed groups on 9 December, thousands fled."
    takings = [(e.location, str(e.date)) for e in frontlines.extract(text, published="2024-12-12").events
               if e.sub_event_type == "Non-state actor overtakes territory"]
    assert takings == [("Manbij", "2024-12-09")]
    assert not frontlines.extract("Following the takeover of Manbij by armed groups, thousands fled.",
                                  published="2024-12-12").events


def test_forces_that_melted_away_or_guarded_a_place_left_it() -> None:
    """"in X, where government forces appear to have melted away" (the parser hangs "where" on the verb below the
    relative), "army units guarding X abandoned their posts", "army units in X handed their positions over to A";
    snow melting, or volunteers guarding a market, are no war."""
    text = "The picture is murkier in Latakia, where government forces appear to have melted away without a fight."
    assert [(kind, loc) for kind, _, loc in events_of(text)] == [("Change to group/activity", "Latakia")]
    assert events_of("Army units guarding Damascus International Airport abandoned their posts on Sunday.") \
        == [("Change to group/activity", "government", "Damascus International Airport")]
    assert events_of("Army units in Jableh handed their positions over to opposition emissaries on Sunday.") \
        == [("Non-violent transfer of territory", "opposition", "Jableh")]
    assert events_of("The snow melted away in Latakia.") == []
    assert events_of("Volunteers guarding the market in Jableh left their posts at noon.") == []
