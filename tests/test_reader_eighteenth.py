"""The clause reader, eighteenth pass: forms found on the development reports and on batches 40 to 43 of prose of our
own, one test per form, each with its contrast.

The helpers are those of test_reader_seventeenth.py (the real pipeline: spaCy parse, gazetteer, actor dictionary,
with a report day of 6 December unless a test gives its own), and test_reader_eleventh.dated.
"""

from __future__ import annotations

import frontlines
import test_reader_eleventh
from test_reader_seventeenth import events_of, statuses

SARMIN = "gn:164782"
BINNISH = "gn:171451"


def test_a_force_that_fires_from_afar_is_not_where_its_fire_falls() -> None:
    """"air strikes by government forces in X": the place after the doer of a strike or a shelling is where the fire
    fell (the parser hangs it on the force); a force in a place named with no fire is there."""
    assert SARMIN not in statuses("On Monday, ten civilians died as a result of airstrikes by government forces in Sarmin.")
    assert events_of("On Monday, ten civilians died as a result of airstrikes by government forces in Sarmin.") == [
        ("Air/drone strike", "government", "Sarmin")]
    assert SARMIN not in statuses("On Monday, two women were wounded by heavy shelling by army units in Sarmin.")
    assert statuses("On Monday, government forces in Sarmin shelled nearby villages.")[SARMIN][0] == "government"


def test_a_look_back_counts_its_weekdays_from_the_story() -> None:
    """A text written a week or more after the last day it names tells its weekdays in the story's weeks: "that
    Wednesday" after 27 November is the 27th and "on Thursday" the 28th (the week after the story's day, not the
    days before the next day named), "on Saturday" the 7th when the same sentence goes on to 8 December; a text
    written within the week counts its weekdays back from the day of writing."""
    story = ("On 27 November, rebel columns attacked west of Aleppo. By nightfall on that Wednesday they had overrun "
             "Anjara. On Thursday they captured Khan al-Asal.\n\nOn 6 December the army pulled out of Daraa. Rebels "
             "captured Talbiseh on Saturday, and by dawn on 8 December they were in Homs.")
    days = test_reader_eleventh.dated(story, published="2024-12-15")
    assert (days["Anjara"], days["Khan al-Asal"], days["Talbiseh"]) == ("2024-11-27", "2024-11-28", "2024-12-07")
    news = "On 6 December the army pulled out of Daraa. Rebels captured Talbiseh on Tuesday."
    assert test_reader_eleventh.dated(news, published="2024-12-12")["Talbiseh"] == "2024-12-10"


def test_a_numeric_date_in_either_order_is_the_one_nearer_the_report() -> None:
    """"12/09/2024" in a report of 9 December is the 9th of December (month first); day first stays the rule when it is
    the nearer reading or the only one."""
    from datetime import date

    from frontlines.mentions.dates import find_dates

    def days(text: str, published: date) -> list[date | None]:
        return [d.date for d in find_dates(text, published) if d.kind == "explicit"]

    assert days("Released on 12/09/2024.", date(2024, 12, 9)) == [date(2024, 12, 9)]
    assert days("Released on 05/12/2024.", date(2024, 12, 9)) == [date(2024, 12, 5)]
    assert days("Released on 11/29/2024.", date(2024, 12, 9)) == [date(2024, 11, 29)]


def test_a_place_after_and_that_is_its_own_clause_subject_is_no_list_member() -> None:
    """"fought near A, and B, on the edge of the city, was reported lost the same evening": B opens a clause of its own
    (the parser joins it to the first verb, and is mended), so the fight is at A alone and B was lost, on the day the
    sentence named before "the same evening"; a list of objects still shares its verb."""
    text = ("On Thursday rebels fought near Zarbah, and Khan al-Asal, on the edge of the city, was reported lost by the "
            "army the same evening.")
    assert events_of(text) == [("Armed clash", "opposition", "Az Zarbah"),
                               ("Non-state actor overtakes territory", "opposition", "Khan al-Asal")]
    assert test_reader_eleventh.dated(text)["Khan al-Asal"] == "2024-12-05"
    assert [e[2] for e in events_of("On Thursday rebels captured Zarbah, Anjara and Khan al-Asal.")] == [
        "Az Zarbah", "Anjara", "Khan al-Asal"]


def test_a_deed_told_as_a_passive_report_has_the_reporting_verbs_subject() -> None:
    """"X was reported lost", "X was said captured by A": the participle after a passive verb of saying is the deed,
    its place the subject; a state adjective after it ("was reported calm") is no deed."""
    assert events_of("On Thursday, Anjara was said captured by the rebels.") == [
        ("Non-state actor overtakes territory", "opposition", "Anjara")]
    assert statuses("On Thursday, Anjara was reported lost by the army.")["wp:anjara"][0] == "opposition"
    assert events_of("On Thursday, Anjara was reported calm.") == []


def test_a_sides_own_source_speaks_for_it_in_the_first_person() -> None:
    """A report whose source the theater knows as a side's own (its command's spokesman) speaks for that side: "our
    forces" are its fighters even when the text uses none of the side's words; from a source of no side they are
    nobody's."""
    text = "Our forces entered Salamiyah on Friday and took control of the town."

    def sides(source: str) -> list[str]:
        return [e.actor1_side for e in frontlines.extract(text, published="2024-12-07", source=source).events]

    assert sides("Briefing by the spokesman of the Military Operations Command") == ["opposition"]
    assert sides("Reuters") == ["unknown"]


def test_posts_that_a_taking_acts_on_are_no_presence_after_it() -> None:
    """"rebels overran army positions at X": the posts were the army's until the taking, so X is the rebels'; posts
    that are only attacked still place the army there."""
    assert statuses("On Wednesday, rebel fighters overran army positions at Sarmin.")[SARMIN][0] == "opposition"
    assert statuses("On Wednesday, rebel fighters attacked army positions at Sarmin.")[SARMIN][0] == "government"


def test_a_where_clause_of_a_place_keeps_its_own_time() -> None:
    """"have left X, where the uprising began in 2011": the year tells what happened at X long ago, not when it was
    left; a year in the predicate's own clause still makes it history."""
    text = "Government forces have pulled out of Daraa, where the uprising began in 2011."
    assert test_reader_eleventh.dated(text, published="2024-12-07") == {"Daraa": "2024-12-07"}
    assert test_reader_eleventh.dated("Government forces pulled out of Daraa in 2011.", published="2024-12-07") == {}


def test_a_toll_of_a_person_and_her_kin_counts_both() -> None:
    """"killing a woman and her two children": the kin after a possessive are a further group (three dead); an
    apposition after a comma names the dead already counted ("three civilians, a woman and her son")."""
    from frontlines.events.fatalities import parse_casualties

    assert parse_casualties("A shell hit a house, killing a woman and her two children.").fatalities == 3
    assert parse_casualties("A shell hit a house, killing three civilians, a woman and her two sons.").fatalities == 3


def test_a_part_entered_of_a_place_left_whole_is_the_whole() -> None:
    """"B left X after A moved into its neighbourhoods": B gave up the whole place, so A's entry into part of it is a
    taking of X; an entry into part of a place nobody is told leaving is a fight for it."""
    text = "Government forces have left Daraa after rebel factions moved into its neighbourhoods on Friday evening."
    assert statuses(text, published="2024-12-07")["gn:170905"] == ("opposition", "2024-12-06")
    alone = "Rebel factions moved into the neighbourhoods of Daraa on Friday evening."
    assert statuses(alone, published="2024-12-07")["gn:170905"][0] == "contested"


def test_the_party_before_a_hyphenated_deed_noun_is_its_doer() -> None:
    """"a government counter-attack": the party before the first half of a hyphenated deed noun did the deed, as it
    did "a government counterattack"."""
    assert events_of("On Thursday, a government counter-attack near Khan Touman was beaten back.") == [
        ("Armed clash", "government", "Khan Tuman")]
    assert events_of("On Thursday, a rebel counter-attack near Khan Touman was beaten back.") == [
        ("Armed clash", "opposition", "Khan Tuman")]


def _sides(text: str) -> list[tuple[str, str, str]]:
    return [(e.location, e.actor1_side, e.actor2_side)
            for e in frontlines.extract(text, published="2024-12-06").events]


def test_a_fight_told_with_no_party_is_that_of_the_paragraph_before_it() -> None:
    """"A attacked B's positions near X on Monday. Heavy clashes were reported around Y that day": the clashes are A's
    against B's; "jets of B struck X. An air strike hit a car near Y": B's. Not across a paragraph break, and not
    when the paragraph named no sides."""
    told = ("On Monday, rebel fighters attacked army positions near Sarmin. Heavy clashes were reported around Binnish "
            "that day.")
    assert ("Binnish", "opposition", "government") in _sides(told)
    assert ("Binnish", "unknown", "") in _sides(told.replace(" Heavy clashes", "\n\nHeavy clashes"))
    assert ("Binnish", "unknown", "") in _sides("Heavy clashes were reported around Binnish on Monday.")
    fire = "On Monday, government jets struck Sarmin. An air strike hit a car near Binnish the same day."
    assert ("Binnish", "government", "") in _sides(fire)


def test_an_entry_told_in_the_passive_with_no_doer() -> None:
    """"X and Y were entered without a fight", "... with barely a shot fired": an entry that met no fight, with nobody
    named, is a taking by the theater's attacker; told bare ("X was entered") it is a fight for X, and one named doer
    who is no armed party makes no entry at all."""
    assert statuses("On Friday, Rastan and Talbiseh were entered without a fight.") == {
        "gn:172946": ("opposition", "2024-12-06"), "gn:163779": ("opposition", "2024-12-06")}
    assert statuses("On Friday, Talbiseh was entered with barely a shot fired.")["gn:163779"][0] == "opposition"
    assert statuses("On Friday, Talbiseh was entered.")["gn:163779"][0] == "contested"
    assert events_of("On Friday, Talbiseh was entered by thousands of pilgrims.") == []


def test_a_day_run_into_the_subject_after_it_is_the_days() -> None:
    """"On 6 December Rastan was entered": with no comma after the day, the parser runs the day into the name; the
    month and its day are the preposition's object, and the name is the subject (mended); with the comma nothing
    changes."""
    assert statuses("On 6 December Talbiseh was entered without a fight.")["gn:163779"] == ("opposition", "2024-12-06")
    assert statuses("On December 6 Talbiseh fell to the rebels.")["gn:163779"] == ("opposition", "2024-12-06")
    assert statuses("On 6 December, Talbiseh fell to the rebels.")["gn:163779"] == ("opposition", "2024-12-06")


def test_a_place_that_slips_out_of_a_holders_hands_is_lost_by_it() -> None:
    """"X slipped out of government hands", "passed from army control": the holder named lost the place (to its
    adversary); "fell out of favour" is no fall, and a contest that slips out of a team's hands is no war."""
    assert statuses("On Thursday, Talbiseh slipped out of government hands.")["gn:163779"] == (
        "opposition", "2024-12-05")
    assert statuses("On Thursday, Talbiseh passed from army control.")["gn:163779"][0] == "opposition"
    assert events_of("On Thursday, Talbiseh fell out of favour with tourists.") == []
    assert events_of("On Thursday, the final in Talbiseh slipped out of the home team's hands.") == []


def test_both_of_which_is_the_two_places_before_it() -> None:
    """"A and B, both of which fell on Friday": the pair the relative stands for; "both of the commanders" is no
    place."""
    got = events_of("Its statements passed over Maarat al-Numan and Khan Shaykhun, both of which fell on Friday.")
    assert {e[2] for e in got if e[0] == "Non-state actor overtakes territory"} == {"Ma'arrat al-Nu'man", "Khan Shaykhun"}
    assert events_of("Both of the commanders fell ill on Friday in Khan Shaykhun.") == []


def test_a_headline_with_no_day_restates_the_taking_the_text_dates() -> None:
    """A headline line ("Rebels seize X") with no day of its own sums up the taking the text tells on its day: one
    event, not a second on the day of writing; with no dated taking in the text the headline's stands."""
    text = "Rebels seize Talbiseh\n\nRebels captured Talbiseh on 4 December, residents said."
    got = frontlines.extract(text, published="2024-12-06").events
    assert [(e.sub_event_type, str(e.date)) for e in got] == [("Non-state actor overtakes territory", "2024-12-04")]
    alone = "Rebels seize Talbiseh\n\nResidents said shops were closed."
    assert events_of(alone) == [("Non-state actor overtakes territory", "opposition", "Talbiseh")]


def test_a_name_with_its_article_glued_on_is_no_look_alike() -> None:
    """"Albukamal" is "Bukamal" with its article glued on, a way of writing the town's name: listed with a place far
    from it ("quit Deir ez-Zor and Albukamal") it is still that town, as a name written apart would be."""
    before = "Rebels took Sarmin, Binnish and Taftanaz on Monday. "
    for name in ("Albukamal", "Al-Bukamal"):
        got = frontlines.extract(before + f"On Friday, government forces quit Deir ez-Zor and {name}.", published="2024-12-07")
        assert [p.place_id for p in got.places][-2:] == ["gn:170794", "gn:174448"]


def test_a_plural_noun_set_off_after_names_is_no_verb() -> None:
    """"A and B, towns the army had held for years, were abandoned": the tagger reads "towns" as a verb with A its
    subject; a verb is no subject, so it is a noun in apposition and A and B are the subject (mended); the year in
    its clause is not the deed's."""
    text = ("That morning, Saraqib and Maarat al-Numan, towns the army had spent months retaking in 2020, were "
            "abandoned by their garrisons.")
    assert statuses(text) == {"gn:164816": ("unknown", "2024-12-06"), "gn:167611": ("unknown", "2024-12-06")}


def test_a_new_paragraph_goes_on_from_the_day_the_story_reached() -> None:
    """In a chronology, "On 4 December ... The next day the army withdrew" has brought the story to the 5th: an undated
    deed opening the next paragraph is of that day, not of the last day named in figures."""
    text = ("On 1 December rebels took Sarmin. On 2 December they took Taftanaz. On 4 December they attacked the army "
            "near Binnish. The next day the army withdrew from Binnish.\n\nThe loss of Binnish opened the road south.")
    got = {e.location: str(e.date) for e in frontlines.extract(text, published="2024-12-20").events
           if e.sub_event_type == "Non-state actor overtakes territory"}
    assert got["Binnish"] == "2024-12-05"
    assert got["Sarmin"] == "2024-12-01"


def test_a_party_called_again_by_the_last_words_of_its_name() -> None:
    """"fighters of the Deir ez-Zor Military Council ... The Military Council said its units had taken X": the
    shortened name is the party named before; not named before, it is nobody's."""
    named = ("On Friday, fighters of the Deir ez-Zor Military Council reached Mayadin. The Military Council said on "
             "Saturday that its units had taken Hatla.")
    assert statuses(named, published="2024-12-07")["cur:hatla"][0] == "sdf"
    alone = "The Military Council said on Saturday that its units had taken Hatla."
    assert statuses(alone, published="2024-12-07")["cur:hatla"][0] != "sdf"


def test_a_force_affiliated_to_a_party_is_that_partys() -> None:
    """"SDF-affiliated security forces", "HTS-led factions": a hyphened modifier of affiliation makes the force the named
    party's; "security forces" alone are the state's, and a patron's "backed" does not give the patron's side."""
    assert statuses("Sheikh Maqsoud remains under the control of SDF-affiliated security forces.")[
        "cur:sheikh-maqsoud"][0] == "sdf"
    assert statuses("Sheikh Maqsoud remains under the control of security forces.")["cur:sheikh-maqsoud"][0] == "government"
    assert events_of("On Friday, Turkish-backed factions took Tell Rifaat.")[0][1] == "opposition"


def test_a_place_that_passes_to_an_armed_party_is_taken_by_it() -> None:
    """"X and Y were abandoned on Saturday and passed to the rebels": passing to an armed party is a taking (the second
    verb's place is the first one's passive subject); passing to a committee is none."""
    text = "On Saturday, Sarmin and Binnish were abandoned and passed to the rebels without a fight."
    assert statuses(text) == {SARMIN: ("opposition", "2024-11-30"), BINNISH: ("opposition", "2024-11-30")}
    assert events_of("On Saturday, the draft passed to the committee in Sarmin.") == []


def test_a_participle_set_off_after_the_subject_describes_it() -> None:
    """"A and B, both retaken by the army in the 2019-2020 campaign, were abandoned": the parser makes the names the
    participle's subject (mended: they are the later verb's); the participle's own year makes its deed history."""
    text = ("Maarat al-Numan and Khan Shaykhun, both retaken by the army in the 2019-2020 campaign, were abandoned on "
            "Saturday and passed to the rebels without a fight.")
    got = frontlines.extract(text, published="2024-12-14").events
    assert {(e.location, e.actor1_side, str(e.date)) for e in got} == {
        ("Ma'arrat al-Nu'man", "opposition", "2024-12-14"), ("Khan Shaykhun", "opposition", "2024-12-14")}


def test_fighters_killed_in_a_place_were_there() -> None:
    """"seven rebel fighters were killed in X by mines": a party's fighters harmed in a place were present in it (a
    presence, weakly); civilians killed there place no party, and fighters killed near it are not in it."""
    harmed = statuses("On Monday, seven rebel fighters were killed in Sarmin by booby-trapped shells.")
    assert harmed[SARMIN][0] == "opposition"
    assert SARMIN not in statuses("On Monday, seven civilians were killed in Sarmin by booby-trapped shells.")
    assert SARMIN not in statuses("On Monday, seven rebel fighters were killed near Sarmin by booby-trapped shells.")


def test_a_booby_trap_is_an_explosive() -> None:
    """"a booby trap killed seven fighters in X": a planted charge (ACLED's remote explosive); a trap that is no
    charge ("fell into a trap") is none."""
    assert events_of("On Monday, a booby trap killed seven rebel fighters in Sarmin.") == [
        ("Remote explosive/landmine/IED", "unknown", "Sarmin")]
    assert events_of("On Monday, the visitors in Sarmin fell into a tourist trap.") == []

