"""The clause reader, fourteenth pass: forms found on batch 28 of prose of our own, one test per form, each with its
contrast.

The helpers are those of test_reader.py and test_reader_eleventh.py (the real pipeline: spaCy parse, gazetteer,
actor dictionary), here with a report day of 15 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import frontlines
import test_reader_eleventh

events_of = partial(test_reader_eleventh.events_of, published="2024-12-15")
dated = partial(test_reader_eleventh.dated, published="2024-12-15")


def test_a_day_in_capitals_is_a_day() -> None:
    """Headings and datelines write days and months in capitals ("FRIDAY 29 NOV", "ON THURSDAY"): they date what they
    head as the same words in lower case do."""
    assert dated("On 29 NOV rebels seized Kafr Naha.") == {"Kafr Naha": "2024-11-29"}
    assert dated("ON THURSDAY rebels seized Kafr Naha.", published="2024-11-30") == {"Kafr Naha": "2024-11-28"}
    assert dated("THURSDAY 28 NOV\n\nRebels seized Kafr Naha.", published="2024-11-30") == {"Kafr Naha": "2024-11-28"}
    # a word in capitals that is no day's or month's name dates nothing
    assert dated("REBELS seized Kafr Naha.", published="2024-11-30") == {"Kafr Naha": "2024-11-30"}


def test_a_text_told_by_day_headings_dates_each_entry_by_its_section() -> None:
    """A digest of posts, a diary, a live blog: lines that are a day alone divide the text, and each entry under one
    (every paragraph, not only the first) is of its section's day: "this evening" is that day's evening, "on
    Wednesday" the Wednesday before it, and news told with no day is of that day, not of the day the digest came out."""
    digest = ("THURSDAY 28 NOV\n\n17:52 | A channel\nRebels seized Kafr Naha this evening.\n\n"
              "18:20 | Another channel\nRebels took Anjara.\n\n"
              "FRIDAY 29 NOV\n\n06:15 | A channel\nRebels captured Dadikh. Fighters took Maarat al-Numan on Wednesday.")
    assert dated(digest, published="2024-11-30") == {
        "Kafr Naha": "2024-11-28", "Anjara": "2024-11-28", "Dadikh": "2024-11-29", "Ma'arrat al-Nu'man": "2024-11-27"}
    # one day alone at the top is the text's dateline, no division into days: "this evening" is of the publication
    # day in a later paragraph
    dateline = "28 November\n\nThe front was quiet.\n\nRebels seized Kafr Naha this evening."
    assert dated(dateline, published="2024-11-30") == {"Kafr Naha": "2024-11-30"}


def test_a_weekday_of_a_story_told_in_order_is_counted_from_where_the_story_is() -> None:
    """A retrospective written more than a week after the last day it names tells its days in order: "On Friday",
    between a day it named before and one it names further on, is the Friday after the first, not the Friday before
    the day of writing."""
    story = ("The offensive opened on Wednesday, 27 November, west of Aleppo. On Friday rebels seized Kafr Naha. "
             "On Sunday the army pulled back from Anjara. On 2 December rebels entered Dadikh.")
    assert dated(story, published="2024-12-20") == {
        "Kafr Naha": "2024-11-29", "Anjara": "2024-12-01", "Dadikh": "2024-12-02"}
    # news that goes back to a day before its own: its weekday is counted from the day of writing
    news = "On Sunday rebels seized Kafr Naha. The offensive had opened on 27 November, west of Aleppo."
    assert dated(news, published="2024-12-03") == {"Kafr Naha": "2024-12-01"}
    told_later = ("Rebels took Anjara on 30 November. On Sunday rebels seized Kafr Naha, weeks after the offensive "
                  "opened. The front had been quiet since 27 November.")
    assert dated(told_later, published="2024-12-10")["Kafr Naha"] == "2024-12-08"
    # news written within a week of the last day it names goes back and forth: "On Monday" is this Monday, even
    # between a day told before and a flashback to an earlier day after it
    news = ("The SNA had seized Tell Rifaat on 1 December. On Monday the SNA took control of Manbij. Further east, "
            "the SDF had moved into Deir ez-Zor on 6 December.")
    assert dated(news, published="2024-12-12")["Manbij"] == "2024-12-09"


def tolls(text: str, published: str = "2024-12-03") -> dict[str, int]:
    return {e.location: e.fatalities for e in frontlines.extract(text, published=published).events}


def test_a_toll_told_in_the_next_sentence_is_the_deeds() -> None:
    """"Jets struck A on Monday. At least eleven people were killed.": the sentence after a deed that tells no deed of
    its own and counts dead gives the deed its toll, also told with the deed as its subject ("The raid killed ...")."""
    assert tolls("Russian jets struck Sarmin on Monday. At least eleven people were killed, rescuers said.") == {
        "Sarmin": 11}
    assert tolls("Army artillery shelled Atarib on Monday. The barrage killed three civilians.") == {"Atarib": 3}
    # a running total is the campaign's, not the deed's
    assert tolls("Russian jets struck Sarmin on Monday. The offensive has killed 600 people since it began.") == {
        "Sarmin": 0}
    # two happenings at two places: whose dead they are is not told
    assert tolls("Jets struck Sarmin and rebels clashed with troops in Atarib on Monday. Three people were killed.") == {
        "Sarmin": 0, "Atarib": 0}
    # a toll of another place, or in a new paragraph, is no toll of the deed
    assert tolls("Russian jets struck Sarmin on Monday. In Atarib, three people were killed.") == {"Sarmin": 0}
    assert tolls("Russian jets struck Sarmin on Monday.\n\nThree people were killed in the north.") == {"Sarmin": 0}


def test_ages_are_no_toll() -> None:
    """"three children aged three, five and six": the ages of the dead are not more dead."""
    assert tolls("When jets struck Sarmin on Monday, four civilians, among them a woman and two boys aged three, seven "
                 "and nine, were killed.") == {"Sarmin": 4}


def test_a_relative_clause_tells_of_its_own_noun_on_its_own_day() -> None:
    """"Jets struck X, which A had taken on Friday, and Y": A took X alone (not Y, joined to X after the relative
    clause closed), and Friday, in a clause of the past perfect (a time before the strike's), is the taking's day, not
    the strike's. Joined before the relative, both were taken."""
    told = "On Monday jets struck Qamishli, which Kurdish fighters had taken on Friday, and Shayrat airbase."
    events = {(e.sub_event_type, e.location, str(e.date)) for e in frontlines.extract(told, published="2024-12-10").events}
    assert events == {("Air/drone strike", "Qamishli", "2024-12-09"), ("Air/drone strike", "Shayrat airbase", "2024-12-09"),
                      ("Non-state actor overtakes territory", "Qamishli", "2024-12-06")}
    # the strike told with no day of its own is not of the taking's day either
    alone = frontlines.extract("Jets struck Atarib, which the rebels had seized on Friday.", published="2024-12-10")
    assert {(e.sub_event_type, str(e.date)) for e in alone.events} == {
        ("Air/drone strike", "2024-12-10"), ("Non-state actor overtakes territory", "2024-12-06")}
    both = frontlines.extract("Rebels held Sarmin and Atarib, which they had seized on Friday.", published="2024-12-10")
    assert {e.location for e in both.events if e.sub_event_type == "Non-state actor overtakes territory"} == {
        "Sarmin", "Atarib"}


def test_a_noun_the_parser_joins_to_a_relative_clause_is_the_strikes() -> None:
    """"struck the airport in X, which A had taken over from B on Friday, as well as the base near Y": the parser may
    join the base to the relative clause's verb; it is what the jets struck (and not what A took)."""
    told = ("On Monday jets struck the airport in Qamishli, which Kurdish-led SDF fighters had taken over from "
            "departing regime troops on Friday, as well as the Shayrat airbase near Homs.")
    struck = {e.location for e in frontlines.extract(told, published="2024-12-10").events if e.sub_event_type == "Air/drone strike"}
    assert struck == {"Qamishli", "Shayrat airbase"}


def test_a_live_pages_headline_is_no_part_of_its_entry() -> None:
    """"21:45 GMT - Fighters reach the suburbs" on a line of its own, its entry on the next: the headline (an entry's
    label, no closing stop) is a sentence of its own, so the entry's subject is its own ("Fighters of group A ...")."""
    page = ("21:45 GMT - Fighters reach Damascus suburbs\nFighters of the Southern Operations Room, an alliance of "
            "factions from Daraa, took control of Jaramana this evening as troops pulled back without a fight.")
    assert events_of(page, published="2024-12-07") == [("Non-violent transfer of territory", "opposition", "Jaramana")]
    # a line that closes with a stop is a sentence already, and a label-less line goes on as before
    wrapped = "Fighters of the Southern Operations Room took\ncontrol of Jaramana this evening."
    assert events_of(wrapped, published="2024-12-07")[0][1:] == ("opposition", "Jaramana")


def test_the_dead_of_a_toll_are_no_party_the_group_refers_to() -> None:
    """"A took X. Nine soldiers were killed. The group said it had also taken Y": the soldiers of the toll are the
    dead, not a party that acts; "the group" is A. Soldiers who act are still referred to."""
    told = ("On 7 December, the Syrian Free Army announced that it had captured Palmyra. According to the monitor, at "
            "least nine soldiers were killed in the fighting. Hours later, the group said it had also taken Palmyra "
            "airbase.")
    assert events_of(told)[-1] == ("Non-state actor overtakes territory", "opposition", "Palmyra airbase")
    acting = ("On 7 December, the Syrian Free Army announced that it had captured Palmyra. Army soldiers then "
              "counter-attacked near Tiyas. Hours later, the group said it had retaken Palmyra airbase.")
    assert events_of(acting)[-1] == ("Government regains territory", "government", "Palmyra airbase")


def test_a_fact_box_field_sums_up_the_takings_the_text_tells() -> None:
    """An encyclopedia's fact box ("- Territorial changes: A captures X and Y") sums up what the article tells: with no
    day of its own, a taking it names that the text tells with its day is that taking, not a second one on the day the
    page was read. A taking only the box names still counts."""
    page = ("- Date: 6-9 December 2024\n- Territorial changes: SFA captures Palmyra and al-Sukhnah\n\n"
            "On 7 December, the Syrian Free Army captured Palmyra after clashes on its outskirts.")
    assert sorted(events_of(page, published="2024-12-09")) == [
        ("Non-state actor overtakes territory", "opposition", "Al-Sukhnah"),
        ("Non-state actor overtakes territory", "opposition", "Palmyra")]
    assert dated(page, published="2024-12-09")["Palmyra"] == "2024-12-07"


def test_a_subject_folded_into_a_long_fronted_day_is_the_doer() -> None:
    """"In the early hours of 5 December opposition fighters captured X" (no comma): the parser folds the subject into
    the day's phrase however deep it lies; it is still the doer, and "they" in the next sentence are those fighters,
    not the army of a clause under the capture ("after the army's lines collapsed")."""
    told = ("In the early hours of 5 December opposition fighters captured Qamhana after the army's defensive lines "
            "collapsed. They then entered Hama from the north and took control of the city within hours.")
    assert events_of(told) == [("Non-state actor overtakes territory", "opposition", "Qamhana"),
                               ("Non-state actor overtakes territory", "opposition", "Hama")]


def test_bare_troops_leaving_a_place_do_not_carry_on_the_attacker() -> None:
    """"A took X. Troops also abandoned Y": a bare plural carries on the story's last attacker for a deed of attack
    or taking, not for a leaving (those leaving are whom the attacker fought)."""
    told = "On 5 December rebels took Hama. Troops also abandoned Hama military airport, west of the city."
    assert events_of(told)[-1][1] != "opposition"
    assert events_of("On 5 December rebels took Hama. Fighters also seized Hama military airport.")[-1] == (
        "Non-state actor overtakes territory", "opposition", "Hama military airport")


def test_deploying_into_a_place_is_entering_it() -> None:
    """"A deployed into X after B pulled out": a force deploying into a place enters it (taken over from the side that
    left); deploying troops somewhere, or being deployed in a place, is no entry."""
    told = "The same day, the SDF said they had deployed into Deir ez-Zor city after government troops pulled out."
    assert events_of(told, published="2024-12-06") == [("Non-violent transfer of territory", "sdf", "Deir ez-Zor")]
    assert events_of("The army deployed troops to the front.", published="2024-12-06") == []
    assert [e[0] for e in events_of("Reinforcements were deployed in Hama.", published="2024-12-06")] == [
        "Change to group/activity"]


def test_a_participle_with_no_subject_spreads_the_fighting_its_clause_named() -> None:
    """"Aid stalled amid heavy fighting around A, spreading to B and C": the participle has no subject of its own and
    tells where the fighting just named went; prices or crowds spreading are no fighting."""
    told = "Aid convoys stalled amid heavy fighting around Atarib on Sunday, spreading to Sarmin and Binnish."
    assert sorted(e[2] for e in events_of(told, published="2024-12-02")) == ["Atarib", "Binnish", "Sarmin"]
    assert events_of("Prices rose in Atarib on Sunday, spreading to Sarmin.", published="2024-12-02") == []


def test_positions_listed_after_including_are_where_a_force_went() -> None:
    """"A moved into positions inside the zone, including on the eastern side of X": the positions the movement went
    into are listed after "including", however the list's first place is introduced ("on the side of", "at")."""
    told = ("On Sunday, Israeli troops moved into positions inside the border strip, including on the eastern side of "
            "Nasib, which army units had abandoned.")
    assert [(e[0], e[2]) for e in events_of(told, published="2024-12-10")] == [
        ("Non-violent transfer of territory", "Nasib")]
    left = "On Sunday, army units abandoned their positions, including at Nasib."
    assert [(e[0], e[2]) for e in events_of(left, published="2024-12-10")] == [("Change to group/activity", "Nasib")]


def test_a_second_verb_after_an_aside_is_the_doers() -> None:
    """"A attacked the pocket and, after hours of fighting with B, captured X, Y and Z": the parser may read the second
    verb as a modifier of the first name; it is A's deed, and B is whom A fought."""
    told = ("On 3 December the SDF attacked the government pocket and, after several hours of fighting with the army "
            "and the National Defence Forces, captured Hatla, Marrat and Khasham.")
    assert [(e[0], e[1]) for e in events_of(told)] == [("Non-state actor overtakes territory", "sdf")] * 3


def test_a_day_in_a_perfect_participle_clause_is_not_the_deeds() -> None:
    """"X and Y were taken without resistance, their garrisons having left the night before": the night before is
    when the garrisons left (the perfect tells a time before the taking), not the taking's day."""
    told = ("On the morning of 6 December, local fighters attacked army checkpoints in Sheikh Maskin. Tafas and Jasim "
            "were taken without resistance, their garrisons having left the night before.")
    assert dated(told, published="2024-12-08") == {
        "Al-Shaykh Maskin": "2024-12-06", "Tafas": "2024-12-06", "Jasim": "2024-12-06"}
    # a participle in the simple past keeps the day for its deed
    same = ("On the morning of 6 December, local fighters attacked army checkpoints in Sheikh Maskin. Rebels took "
            "Tafas the night before, meeting no resistance.")
    assert dated(same, published="2024-12-08")["Tafas"] == "2024-12-05"


def test_a_toll_counted_place_by_place_gives_each_place_its_own() -> None:
    """"struck A and B, killing at least five people in A and three in B": each place's own count; a toll of both
    together stays the toll of each, as before."""
    apart = "On 3 December, airstrikes struck Kafr Zita and Latamneh, killing at least five people in Kafr Zita and three in Latamneh."
    assert tolls(apart) == {"Kafr Zita": 5, "Al-Lataminah": 3}
    together = "On 3 December, airstrikes struck Kafr Zita and Latamneh, killing eight people."
    assert tolls(together) == {"Kafr Zita": 8, "Al-Lataminah": 8}


def test_a_place_is_taken_from_the_side_the_report_last_told_taking_it() -> None:
    """"B took X on 6 December ... on 11 December A entered the city": A took X from B, whom the report itself told
    taking it, not from the side that held it on the theater's baseline day."""
    told = ("On 6 December the SDF took Deir ez-Zor after the army withdrew. On 11 December fighters of the Military "
            "Operations Command entered the city without resistance.")
    last = frontlines.extract(told, published="2024-12-12").events[-1]
    assert (last.location, last.actor1_side, last.actor2_side) == ("Deir ez-Zor", "opposition", "sdf")
    # with no taking told before, the baseline's holder is the one the place was taken from
    alone = frontlines.extract("On 11 December fighters of the Military Operations Command entered Deir ez-Zor "
                               "without resistance.", published="2024-12-12").events[-1]
    assert alone.actor2_side == "government"


def test_an_entry_into_a_place_just_left_is_a_transfer_unless_a_fight_is_told() -> None:
    """"B withdrew from X on 6 December. A entered the city the same evening": the place changed hands with no fight
    told (a transfer); "after heavy clashes, A entered the city" is a taking in battle."""
    quiet = "The army withdrew from Mayadin on 6 December. SDF units entered Mayadin the same evening."
    assert events_of(quiet)[-1] == ("Non-violent transfer of territory", "sdf", "Mayadin")
    fought = "The army withdrew from Mayadin on 6 December. After heavy clashes, SDF units entered Mayadin the same evening."
    assert events_of(fought)[-1] == ("Non-state actor overtakes territory", "sdf", "Mayadin")


def test_a_day_in_a_leading_time_phrase_is_its_own_happenings() -> None:
    """"Following the takeover of X on 30 November and of Y on 5 December, A advanced and took Z and W on 6 December":
    the days in the time phrase are those takeovers'; the clause names its own day, which Z and W share. With no day
    of its own, the phrase's day still dates the deed after it."""
    told = ("Following the takeover of Aleppo city on 30 November and of Hama city on 5 December, rebels advanced south "
            "and took control of Rastan and Talbiseh on 6 December.")
    days = dated(told, published="2024-12-09")
    assert (days["Al-Rastan"], days["Talbiseh"]) == ("2024-12-06", "2024-12-06")
    alone = "Following the takeover of Hama city on 5 December, rebels took control of Rastan."
    assert dated(alone, published="2024-12-09")["Al-Rastan"] == "2024-12-05"


def test_a_fronted_time_is_no_subject() -> None:
    """"The same day, November 30, rebels took X": the parser may make the fronted time a second subject; the doer
    is the party."""
    told = "The army withdrew from Anjara. The same day, November 30, rebels took Saraqib and Atarib on the highway."
    assert [(e[0], e[1], e[2]) for e in events_of(told)][-2:] == [
        ("Non-state actor overtakes territory", "opposition", "Saraqib"),
        ("Non-state actor overtakes territory", "opposition", "Atarib")]


def test_a_place_lost_in_the_passive_is_taken() -> None:
    """"X was lost to the rebels", "X was surrendered after the army withdrew": the passive's subject is the place
    lost; a match or ground lost is no place."""
    assert events_of("Saraqib was lost to the rebels on Sunday.") == [
        ("Non-state actor overtakes territory", "opposition", "Saraqib")]
    assert events_of("Homs was surrendered on Sunday after the army withdrew overnight.")[0][::2] == (
        "Non-violent transfer of territory", "Homs")
    assert events_of("The match was lost on Sunday.") == []


def test_fighting_at_a_place_taken_that_day_is_the_takings_battle() -> None:
    """"Rebels seized X on Thursday. Fighting in X killed 15 soldiers.": one battle, coded as the capture with the
    fight's toll; fighting at a place taken on another day, or by other sides, stays its own event."""
    told = "On Thursday rebels seized Khan al-Assal. Fighting in Khan al-Assal that day killed 15 soldiers."
    assert [(e.sub_event_type, e.fatalities) for e in frontlines.extract(told, published="2024-11-30").events] == [
        ("Non-state actor overtakes territory", 15)]
    other_day = "On Thursday rebels seized Khan al-Assal. On Friday fighting in Khan al-Assal killed 15 soldiers."
    assert [e.sub_event_type for e in frontlines.extract(other_day, published="2024-11-30").events] == [
        "Non-state actor overtakes territory", "Armed clash"]


def test_the_other_sides_leaving_of_a_place_taken_that_day_is_part_of_the_taking() -> None:
    """"The army said its units had redeployed outside Hama. Rebels entered Hama hours later and took control": one
    change of hands, the taking; a leaving on another day, or by the taker itself, stays its own event."""
    told = ("On 5 December the army said its units had withdrawn from Hama. Rebels took control of Hama hours later.")
    assert [e[0] for e in events_of(told)] == ["Non-state actor overtakes territory"]
    other_day = "On 4 December the army withdrew from Hama. On 5 December rebels took control of Hama."
    assert sorted(e[0] for e in events_of(other_day)) == ["Change to group/activity", "Non-state actor overtakes territory"]


def test_both_after_a_verb_is_its_object() -> None:
    """"attacked the villages of A and B and occupied both after fierce clashes": the parser may read "both" as an
    adverb of "after"; it is what was occupied, the last two places named."""
    told = ("On Saturday morning the SNA attacked the villages of Sheikh Issa and Ayn Daqna and occupied both after "
            "fierce clashes with SDF fighters.")
    assert events_of(told, published="2024-12-04") == [
        ("Non-state actor overtakes territory", "opposition", "Shaykh Issa"),
        ("Non-state actor overtakes territory", "opposition", "Ayn Daqna")]
