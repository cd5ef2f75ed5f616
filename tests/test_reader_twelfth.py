"""The clause reader, twelfth pass: forms found on batches 22-25 of prose of our own, one test per form, each with
its contrast.

The helpers are those of test_reader.py and test_reader_eleventh.py (the real pipeline: spaCy parse, gazetteer,
actor dictionary), here with a report day of 9 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import frontlines
import test_reader_eleventh
from test_reader import says_nothing, status

events_of = partial(test_reader_eleventh.events_of, published="2024-12-09")
dated = partial(test_reader_eleventh.dated, published="2024-12-09")


def test_an_abbreviated_month_with_its_day_is_a_day_not_a_month() -> None:
    """"early Dec. 8", "by Nov. 30": the full stop of the abbreviation does not end the month; the day after it
    makes a date of one day (the month alone would be a period, and "by a month" asserts nothing)."""
    assert dated("Homs fell early Dec. 8.") == {"Homs": "2024-12-08"}
    assert dated("Rebels had taken Hama by Nov. 30.") == {"Hama": "2024-11-30"}
    # a month alone after its modifier is still a period: no day of its own
    [event] = frontlines.extract("Rebels had taken Hama in early Dec.", published="2024-12-09").events
    assert event.time_precision > 1


def test_the_night_of_a_story_told_days_later_is_the_night_of_its_day() -> None:
    """"during the night", "overnight": in a report on the day after, the night that has just ended; in a story
    told of days well before the report, the night of the day the story is on."""
    told = "Clashes broke out on 6 December in Jasim. Soldiers abandoned Nawa during the night."
    assert dated(told, published="2024-12-20")["Nawa"] == "2024-12-06"
    assert dated(told, published="2024-12-07")["Nawa"] == "2024-12-07"


def test_a_state_told_of_a_later_day_than_the_change_in_its_sentence_stands() -> None:
    """"broke into X on D and held the town a day later": a state in the sentence of a change is the state before
    the change ("entered the army-held town of X") only when it is not told of a later day."""
    later = "Rebels broke into Morek on 2 December and were in control of the town a day later."
    assert status(later, "Morek", day="2024-12-03", published="2024-12-09") == "opposition"
    assert status(later, "Morek", day="2024-12-02", published="2024-12-09") == "contested"
    before = "On 2 December rebels broke into the army-held town of Morek."
    assert status(before, "Morek", day="2024-12-02", published="2024-12-09") == "contested"


def test_a_gerund_subject_of_a_modal_is_supposed_not_told() -> None:
    """"Losing X would cut Y off": a happening named by a gerund that is the subject of a modal verb is a supposition
    (as "the fall of X would ..."), even when the parser makes the gerund a modifier of the place's name."""
    assert says_nothing("Losing Homs would cut the capital off from the coast.", published="2024-12-07")
    assert says_nothing("Capturing Hama would give the rebels the road south.", published="2024-12-04")
    assert events_of("Losing Homs cut the capital off from the coast.", published="2024-12-08") == [
        ("Non-state actor overtakes territory", "opposition", "Homs")]


def test_a_place_noun_located_in_a_quarter_is_described_afresh() -> None:
    """"the main city in the east": a place noun with its own quarter of the country is a new place the text does
    not name, not a reference back to the city named before it; a bare "the city" still refers back."""
    fresh = "Rebels reached the outskirts of Homs, with Kurdish-led forces taking over the main city in the east."
    assert not any(side == "sdf" for _, side, _ in events_of(fresh, published="2024-12-07"))
    back = "Rebels reached the outskirts of Homs. Kurdish-led forces took over the city in the evening."
    assert ("Non-state actor overtakes territory", "sdf", "Homs") in events_of(back, published="2024-12-07")


def test_a_movement_up_or_along_a_road_enters_no_place() -> None:
    """"moved up the highway", "swept down the valley road": a particle of a path makes the object the way followed,
    not a place entered; "pushed into X" still enters X."""
    assert says_nothing("On 7 December rebel units moved up the M5 highway.", published="2024-12-07")
    assert events_of("On 7 December rebel units moved up the M5 highway and pushed into Kanaker.", published="2024-12-07") == [
        ("Armed clash", "opposition", "Kanakir")]


def test_of_two_readings_of_one_fight_the_one_naming_its_parties_tells_them() -> None:
    """"units of A had advanced and were fighting for the town of X": the clause is read as a contest of X and as a
    clash; the one event they make carries the parties the clash reading found."""
    told = "By nightfall units of the Southern Operations Room had moved up the road and were fighting for the town of Kanaker."
    assert events_of(told, published="2024-12-07") == [("Armed clash", "opposition", "Kanakir")]
    assert events_of("By nightfall there was fighting for the town of Kanaker.", published="2024-12-07") == [
        ("Armed clash", "unknown", "Kanakir")]


def test_without_a_fight_is_said_of_its_own_predicate() -> None:
    """"captured A after clashes and took B without a fight": the cue is the later verb's; A was fought for. Said
    before the verbs it qualifies every taking ("Without a fight, rebels took A and B")."""
    told = "Rebels captured Rastan after clashes and took Talbiseh without a fight."
    assert events_of(told, published="2024-12-07") == [
        ("Non-state actor overtakes territory", "opposition", "Al-Rastan"),
        ("Non-violent transfer of territory", "opposition", "Talbiseh")]
    both = "Without a fight, rebels took Rastan and Talbiseh."
    assert {e[0] for e in events_of(both, published="2024-12-07")} == {"Non-violent transfer of territory"}


def test_a_reporting_aside_does_not_take_the_verb_after_it() -> None:
    """"A took X, the monitor said, and took Y": the aside reports; the verb after it is A's, not the monitor's."""
    told = "Rebels captured Rastan on Friday, the monitor said, and took nearby Talbiseh hours later."
    assert ("Non-state actor overtakes territory", "opposition", "Talbiseh") in events_of(told, published="2024-12-07")
    assert says_nothing("Prices rose in Rastan on Friday, the monitor said, and took families by surprise.",
                        published="2024-12-07")


def test_a_relation_word_read_as_an_adjective_of_the_name_is_no_relation() -> None:
    """"took nearby X": X, which lies nearby, was taken (not a fight near X); "took positions near X" still only
    names a place by what lies close to it."""
    assert events_of("On 6 December the rebels took nearby Talbiseh.", published="2024-12-07") == [
        ("Non-state actor overtakes territory", "opposition", "Talbiseh")]
    assert status("On 6 December the rebels took positions near Talbiseh.", "Talbiseh", day="2024-12-06",
                  published="2024-12-07") == "government"


def sides_of(text: str, published: str = "2024-12-09") -> list[tuple[str, str, str]]:
    return [(e.actor1_side, e.actor2_side, e.location) for e in frontlines.extract(text, published=published).events]


def test_the_owner_of_the_posts_struck_is_the_other_party() -> None:
    """"drone strikes hit SDF positions", "struck positions of group A": the party whose posts were hit is the
    target; bare "positions" name no one."""
    assert sides_of("On 5 December drone strikes hit SDF positions near Manbij.") == [("unknown", "sdf", "Manbij")]
    assert sides_of("On 5 December Turkish drones struck positions of the SDF near Manbij.") == [("turkey", "sdf", "Manbij")]
    assert sides_of("On 5 December drone strikes hit positions near Manbij.") == [("unknown", "", "Manbij")]


def test_the_party_fought_with_is_the_other_side() -> None:
    """"clashes with the army were reported in X": the party named after "with" is the other side, and the side not
    named is its usual adversary (the theater's rule); "fighting was reported in X between A and B", where the parser
    hangs "between" on the verb, still names both. A clause opened by "with" ("with A pushing into X") is no partner."""
    assert sides_of("On 3 December clashes with the Syrian army were reported in Souran.") == [
        ("opposition", "government", "Suran")]
    assert sides_of("Fighting was reported in Manbij on 8 December between the SDF and the Syrian National Army.") == [
        ("sdf", "opposition", "Manbij")]
    assert sides_of("On 3 December clashes were reported in Souran.") == [("unknown", "", "Suran")]
    absolute = "On 4 December clashes intensified near Hama, with armed groups pushing into Souran."
    assert ("unknown", "", "Hama") in sides_of(absolute)


def test_the_theater_names_foreign_aircraft_and_aligned_militias() -> None:
    """Theater data: "U.S. aircraft", "Central Command" are the US-led coalition's; "Iran-aligned militia fighters"
    are the Iran-backed militias (government side)."""
    assert sides_of("On 3 December U.S. aircraft destroyed three rocket launchers near Deir ez-Zor.") == [
        ("united states", "", "Deir ez-Zor")]
    assert sides_of("On 3 December Iran-aligned militia fighters fired rockets at a base near Deir ez-Zor.") == [
        ("government", "", "Deir ez-Zor")]


def test_a_place_only_headed_for_is_no_scene_beside_one_reached() -> None:
    """"clashes intensified, with armed groups pushing into A and towards B": B is a heading; the fighting is at A.
    A heading alone in its clause still places the fighting ("the offensive towards B")."""
    told = "On 4 December, clashes intensified north of Hama city, with armed groups pushing into Qomhana and towards Jabal Zain al-Abidin."
    assert [e[2] for e in events_of(told, published="2024-12-05")] == ["Qamhana"]
    alone = "On 4 December the rebels launched an offensive towards Jabal Zain al-Abidin."
    assert [e[2] for e in events_of(alone, published="2024-12-05")] == ["Jabal Zayn al-Abidin"]


def test_reportedly_is_ordinary_reporting() -> None:
    """"armed groups reportedly took control of X": the wording of a report, not a doubt; the taking is reported and
    assessed ("allegedly took" doubts it)."""
    [event] = frontlines.extract("On 6 December armed groups reportedly took control of Ar-Rastan.", published="2024-12-08").events
    assert event.certainty == "reported"
    [doubted] = frontlines.extract("On 6 December armed groups allegedly took control of Ar-Rastan.", published="2024-12-08").events
    assert doubted.certainty == "uncertain"


def test_bare_fighters_with_no_party_before_take_for_the_default_attacker() -> None:
    """"fighters advancing south from A took X": a bare noun of fighters, with only a clause of what they do and no
    party told before, names no one; the taking is the theater's default attacker's (as "the loss of X"). "Foreign
    troops took X" sets its doer apart from the theater's sides."""
    told = "On 30 November, fighters advancing south from Khan Shaykhun took Morek."
    assert status(told, "Morek", day="2024-11-30", published="2024-12-15") == "opposition"
    assert status("On 30 November, foreign troops took Morek.", "Morek", day="2024-11-30", published="2024-12-15") == "unknown"


def test_a_day_told_by_anaphora_is_one_day_for_every_deed_of_its_sentence() -> None:
    """"The next day, A retook X and captured Y": both deeds are of the day after the one told before the sentence;
    Y is not counted on from X's day."""
    told = "On 2 December the army recaptured Souran. The next day, opposition factions retook Souran and captured Halfaya."
    assert [(e.location, str(e.date)) for e in frontlines.extract(told, published="2024-12-15").events][1:] == [
        ("Suran", "2024-12-03"), ("Halfaya", "2024-12-03")]


def place_names(text: str) -> list[str]:
    return [p.name for p in frontlines.extract(text, published="2024-12-15").places]


def test_an_apposition_of_a_place_class_makes_an_opening_word_a_name() -> None:
    """"Qx, a town north of B, ...": a word matched by its letters alone is no name when it opens a sentence ("Bread
    prices fell"), unless an apposition classes it as a town, a village or another place."""
    assert place_names("Qomhana, a town north of Hama, saw heavy fighting.") == ["Qamhana", "Hama"]
    assert place_names("Qomhana saw heavy fighting north of Hama.") == ["Hama"]
    assert place_names("Bread, the staple of every home, got dearer in Aleppo.") == ["Aleppo"]


def test_what_another_confirms_stands_whatever_was_denied() -> None:
    """"the army denied this, but B later confirmed that X had fallen": the confirmed fall stands (disputed, as a
    denial is told); "the army denied that X had fallen" alone negates it."""
    told = ("On 4 December the army denied this, but the monitor later confirmed that Jabal Zain al-Abidin had fallen "
            "that evening.")
    assert status(told, "Jabal Zayn al-Abidin", day="2024-12-04", published="2024-12-15") == "opposition"
    denied = "On 4 December the army denied that Jabal Zain al-Abidin had fallen."
    assert status(denied, "Jabal Zayn al-Abidin", day="2024-12-04", published="2024-12-15") == "government"


def test_a_weekday_after_a_listed_place_is_its_day() -> None:
    """"seized A on 30 November and B on Thursday": B's day is the weekday's, as a calendar day after it would be."""
    assert dated("Opposition factions seized Aleppo on 30 November and Hama on Thursday.", published="2024-12-08") == {
        "Aleppo": "2024-11-30", "Hama": "2024-12-05"}


def test_a_post_taken_after_it_was_left_is_taken_without_a_fight() -> None:
    """"occupied the abandoned posts on X": what was taken had been left empty, a transfer without a fight; "occupied
    the army posts on X" tells a taking."""
    assert events_of("On 8 December, rebels occupied the abandoned army posts on Mount Hermon.") == [
        ("Non-violent transfer of territory", "opposition", "Mount Hermon")]
    assert events_of("On 8 December, rebels occupied the army posts on Mount Hermon.") == [
        ("Non-state actor overtakes territory", "opposition", "Mount Hermon")]


def test_strikes_that_hit_a_forces_posts_are_strikes_from_the_air() -> None:
    """"several strikes hit weapons depots near X": a strike noun whose verb hits posts or depots is no workers'
    strike, even with no word of aircraft; "strikes hit the ports as dockers walked out" is one."""
    assert events_of("On 8 December several strikes hit weapons depots near Mezzeh.", published="2024-12-08") == [
        ("Air/drone strike", "unknown", "Mezzeh")]
    assert says_nothing("On 8 December strikes hit the ports of Latakia as dockers walked out.", published="2024-12-08")


def test_a_leaving_or_a_cue_told_of_another_clause_is_that_clauses() -> None:
    """"overran A on D, and took B as the troops melted away": the troops left B, A was fought for; "factions, which
    had seized A, pushed on, and the insurgents swept into B unopposed": B only. Said of a verb that adds no deed
    ("entered X and met no resistance") the cue is the entry's."""
    told = "On 30 November HTS overran Aleppo and on 8 December took Homs as government troops melted away."
    assert events_of(told, published="2024-12-10") == [
        ("Non-state actor overtakes territory", "opposition", "Aleppo"),
        ("Non-violent transfer of territory", "opposition", "Homs")]
    relative = ("Southern factions, which had seized the city of Daraa on 6 December, pushed north, and on Sunday the "
                "insurgents swept into Damascus unopposed.")
    assert [e[0] for e in events_of(relative, published="2024-12-10")] == [
        "Non-state actor overtakes territory", "Non-violent transfer of territory"]
    assert events_of("On 9 December rebel columns entered Salamiyah and met no resistance.", published="2024-12-10") == [
        ("Non-violent transfer of territory", "opposition", "Salamiyah")]


def test_a_verb_the_parser_made_the_subject_of_a_later_verb_heads_the_sentence() -> None:
    """"A overran X, Syria's largest city, on D, captured Y on E and took Z": the first verb with its own subject is no
    subject of the second; every taking is A's."""
    told = ("HTS and allied factions overran Aleppo, Syria's largest city, on Nov. 30, captured Hama on Dec. 5 and took "
            "Homs early Sunday.")
    assert [(e[1], e[2]) for e in events_of(told, published="2024-12-10")] == [
        ("opposition", "Aleppo"), ("opposition", "Hama"), ("opposition", "Homs")]


def test_strikes_carried_out_by_a_party_are_that_partys() -> None:
    """"strikes reportedly carried out by A struck X": the participle describes the strikes (the parser may make it
    the sentence's root), and its doer is the strikes' doer."""
    told = "On 1 December, strikes reportedly carried out by Russian aircraft struck a residential area in Aleppo."
    assert sides_of(told, published="2024-12-06") == [("russia", "", "Aleppo")]
    assert sides_of("On 1 December, strikes struck a residential area in Aleppo, killing 12 civilians.",
                    published="2024-12-06") == [("unknown", "civilians", "Aleppo")]


def test_each_part_of_a_sentence_between_semicolons_keeps_its_toll_and_weapon() -> None:
    """"shelling hit A, killing six; a day later, a drone struck B, injuring eleven": the six are A's, and B's strike
    was from the air, A's by shelling. A part with no toll of its own still takes the sentence's ("strikes hit A; six
    were killed")."""
    told = ("On 3 December, shelling hit a camp near Kafr Takharim, killing six civilians; a day later, a drone struck "
            "tents on the edge of Maarrat Misrin, injuring eleven.")
    assert [(e.sub_event_type, e.location, e.fatalities) for e in frontlines.extract(told, published="2024-12-06").events] == [
        ("Shelling/artillery/missile attack", "Kafr Takharim", 6), ("Air/drone strike", "Maarrat Misrin", 0)]
    [one] = frontlines.extract("On 3 December, strikes hit Kafr Takharim; six civilians were killed.", published="2024-12-06").events
    assert one.fatalities == 6


def test_a_list_of_places_each_with_its_day_is_taken_whole() -> None:
    """"seized A on D1, B on D2 and C on D3": the parser may hang B on the verb as a bare noun of time; every place
    of the list was taken, each on its own day."""
    told = "During the offensive, opposition groups seized Aleppo city on 30 November, Hama on 5 December and Homs on 8 December."
    assert dated(told, published="2024-12-11") == {"Aleppo": "2024-11-30", "Hama": "2024-12-05", "Homs": "2024-12-08"}


def test_a_relative_under_a_verb_of_saying_stands_for_its_antecedent() -> None:
    """"advanced on X, which they announced they had captured on D": the relative pronoun, object of a clause under
    the verb of saying, is X."""
    told = "SNA factions advanced on Manbij, which they announced they had captured on 9 December."
    assert ("Non-state actor overtakes territory", "opposition", "Manbij") in events_of(told, published="2024-12-11")
    assert not any(e[0].startswith("Non-state") for e in events_of(
        "SNA factions advanced on Manbij, which they announced they would hold.", published="2024-12-11"))


def test_a_withdrawal_told_just_before_is_taken_up_by_the_entry_after_it() -> None:
    """"B withdrew from X, Y and Z. A entered X later that day and took over Y and Z": one change of hands each, taken
    from B (the withdrawals are part of the takings); an entry with no withdrawal before is a fight for the place."""
    told = ("On 6 December the army withdrew from Deir ez-Zor city, al-Bukamal and al-Mayadin. The SDF entered Deir ez-Zor "
            "city later that day and also took over al-Mayadin and al-Bukamal.")
    found = sides_of(told, published="2024-12-12")
    assert sorted(found) == [("sdf", "government", "Abu Kamal"), ("sdf", "government", "Deir ez-Zor"),
                             ("sdf", "government", "Mayadin")]
    assert status(told, "Deir ez-Zor", day="2024-12-06", published="2024-12-12") == "sdf"
    alone = "On 6 December the SDF entered Deir ez-Zor city."
    assert status(alone, "Deir ez-Zor", day="2024-12-06", published="2024-12-12") == "contested"


def test_a_place_headed_for_is_no_antecedent_of_the_city() -> None:
    """"B withdrew from A, heading west towards C. Fighters entered the city": C is where B went, not the city entered;
    alone, a place headed for is still what "the city" refers to."""
    told = ("Army units withdrew from Palmyra overnight on 6 December, heading west towards Homs. Rebel fighters entered "
            "the city on the morning of 7 December.")
    assert [e[2] for e in events_of(told, published="2024-12-09")] == ["Palmyra"]
    alone = "Rebels advanced towards Homs on 6 December. Fighting broke out on the outskirts of the city that day."
    assert [e[2] for e in events_of(alone, published="2024-12-09")] == ["Homs"]


def test_they_is_the_party_of_the_subject_named_last() -> None:
    """"As B withdrew from W, fighters of group A took X, and by nightfall they held Y": the fighters are A's, and
    "they" is the subject named last, A's fighters, not B."""
    told = ("As government troops withdrew from Izra on 6 December, fighters of the Southern Operations Room took control "
            "of Daraa, and by nightfall they held the Nasib border crossing.")
    assert status(told, "Nasib crossing", day="2024-12-06", published="2024-12-10") == "opposition"


def test_a_participle_set_off_after_a_place_describes_it() -> None:
    """"In X city, taken by A from B on D, the streets are calm": the participle after the comma is about X (the parser
    may hang it on the main verb); with no doer it is no taking told ("In X, tired after the march, ...")."""
    told = "In Homs city, taken by opposition factions from government forces on 8 December, most neighbourhoods are calm."
    assert events_of(told, published="2024-12-11") == [("Non-state actor overtakes territory", "opposition", "Homs")]
    assert says_nothing("In Homs city, crowded after the holiday, most shops are open.", published="2024-12-11")


def test_each_clause_joined_in_a_sentence_keeps_its_own_toll() -> None:
    """"clashes near A killed four fighters, and activists reported that a drone struck B, killing two civilians": four
    are A's and two are B's, not six each; a deed whose clause tells no toll takes the sentence's."""
    told = ("The monitor said that clashes between local fighters and army units near Izra on 6 December killed at least "
            "four fighters, and local activists reported that an unidentified aircraft struck the outskirts of Busra "
            "al-Sham, killing two civilians.")
    assert [(e.location, e.fatalities) for e in frontlines.extract(told, published="2024-12-07").events] == [
        ("Izra", 4), ("Bosra", 2)]


def test_a_perfect_infinitive_under_a_present_claim_is_a_past_deed() -> None:
    """"A claims to have captured X": the claim is of now, the capture of before, dated by the story's day."""
    told = "Rebels took Halfaya on the morning of December 3. The opposition also claims to have captured Souran."
    assert dated(told, published="2024-12-04") == {"Halfaya": "2024-12-03", "Suran": "2024-12-03"}


def test_a_title_quoted_in_the_source_is_no_outlet() -> None:
    """A source described as an encyclopedia's article "Military Operations Command" is no outlet of that command (its
    reports are not the command's claims); a source named by the command's own name is."""
    th = frontlines.load_theater("syria")
    assert th.source_profile('Online encyclopedia, article "Military Operations Command (Syria)"').partisan == ""
    assert th.source_profile("Military Operations Command Telegram channel").partisan == "opposition"


def test_a_noun_that_ends_a_partys_name_stands_for_that_party() -> None:
    """"The Military Operations Command ... the command captured X", "fighters of the command": a common noun with an
    article that ends the name of a party named before is that party; with no such party it names no one."""
    told = ("The Military Operations Command is a joint command of factions. Fighters of the command took Anjara on "
            "27 November. The command captured Saraqib on 29 November.")
    assert sides_of(told, published="2024-12-12") == [("opposition", "government", "Anjara"),
                                                      ("opposition", "government", "Saraqib")]
    # a noun that ends no party's name, and is no armed noun, names no doer: no taking
    assert says_nothing("The Military Operations Command is a joint command. The council captured Saraqib on 29 November.",
                        published="2024-12-12")
