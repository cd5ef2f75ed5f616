"""The clause reader, eleventh pass: forms found on an eighteenth batch of prose of our own, one test per form, each
with its contrast.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import frontlines
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse
from test_reader import says_nothing, status


def events_of(text: str, published: str = "2024-12-06") -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.actor1_side, e.location) for e in frontlines.extract(text, published=published).events]


def dated(text: str, published: str = "2024-12-06") -> dict[str, str]:
    return {e.location: str(e.date) for e in frontlines.extract(text, published=published).events}


def test_a_noun_of_fighting_is_no_doer_of_the_infinitive_after_it() -> None:
    """"forced the army to leave X": an armed object does what the infinitive says; "launched a counter-offensive to
    retake X": the offensive is no party, the subject of "launched" is the one retaking."""
    assert events_of("On 2 December, loyalist troops launched a counter-offensive to retake Maan.") == [
        ("Armed clash", "government", "Ma'an")]
    assert events_of("On 2 December, the rebels forced army units to abandon Maan.") == [
        ("Change to group/activity", "government", "Ma'an")]


def test_a_heading_with_a_label_and_a_dated_parenthesis_is_a_title() -> None:
    """"COUNTRY: Region - Escalation of Hostilities, Flash Update No. 4 (as of D)": a report's heading names a topic;
    a label before its colon and a closing parenthesis with its date do not make it a sentence."""
    heading = "SYRIA: Northern Hama – Escalation of Hostilities, Flash Update No. 4 (as of 3 December 2024)\n"
    assert events_of(heading + "Clashes went on in Morek.", published="2024-12-03") == [("Armed clash", "unknown", "Morek")]
    told = "SYRIA: Hostilities escalated in Morek on 3 December (local sources)\nClashes went on in Taybat al-Imam."
    assert {e[2] for e in events_of(told, published="2024-12-03")} == {"Morek", "Taybat al-Imam"}


def test_a_relative_of_place_is_no_patient_of_a_verb_with_its_own_object() -> None:
    """"In X, where a new governor took office, ...": "where" says where it happened; a verb of taking whose object
    is something else took no place. With no object ("where they took control") the place is the one taken."""
    assert says_nothing("In Hama, where a new government took office on Monday, shops reopened.", published="2024-12-10")
    assert events_of("Rebels reached Hama, where they took control on Monday.", published="2024-12-10") == [
        ("Non-state actor overtakes territory", "opposition", "Hama")]


def test_a_question_after_a_speakers_label_asserts_nothing() -> None:
    """"Q: On X, is it your view that the army has lost the town?": the label before the colon may be parsed as a
    second subject; the verb still comes before its own subject, and the question tells nothing."""
    asked = "Q: Turning to Hama, is it your view that the army has lost the city for good?"
    assert says_nothing(asked, published="2024-12-05")
    assert status("Q: A question on the north.\nA: Our view is that Hama is held by the rebels.", "Hama",
                  day="2024-12-05", published="2024-12-05") == "opposition"


def test_a_relative_after_a_direction_is_of_the_places_the_direction_locates() -> None:
    """"the towns of A and B north of X, which C entered": X only says where A and B lie, and the relative clause
    is about them. The parser hangs A and B on the direction word; they are still the places taken."""
    text = "Loyalist militias abandoned the towns of Tal Rifaat and Kafr Naya north of Aleppo, which rebels entered on Sunday."
    got = events_of(text, published="2024-12-02")
    assert {e[2] for e in got} == {"Tell Rifaat", "Kafr Naya"}
    assert all(e[0] == "Non-violent transfer of territory" and e[1] == "opposition" for e in got)
    # a relative clause on a place with no direction is the place's own
    assert {e[2] for e in events_of("Rebels entered Anadan, which the army had abandoned.", published="2024-12-02")} \
        == {"Anadan"}


def test_a_clause_n_days_after_another_is_dated_back_from_its_day() -> None:
    """"took A on 6 December, three days after they drove B out of C": C's day is 3 December; "before" counts the
    other way. A clause of its own after a comma keeps its own day."""
    after = dated("Rebels entered Hama on 6 December, three days after they captured Halfaya.")
    assert after == {"Hama": "2024-12-06", "Halfaya": "2024-12-03"}
    fronted = dated("Two days after rebels captured Halfaya, they stormed Hama on 5 December.")
    assert fronted == {"Halfaya": "2024-12-03", "Hama": "2024-12-05"}
    before = dated("The army shelled Hama on 1 December, two days before rebels captured Halfaya.")
    assert before == {"Hama": "2024-12-01", "Halfaya": "2024-12-03"}
    assert dated("Rebels entered Hama on 6 December, after they captured Halfaya.")["Halfaya"] == "2024-12-06"


def test_a_time_clause_that_refers_back_to_places_retells_their_taking() -> None:
    """"Jets struck the two towns after they fell": a taking told by reference in a time clause is the one told
    before, no new taking on another day. A time clause that names its place still tells one."""
    text = ("On 4 December rebels captured Kafr Nabudah and Qalaat al-Madiq.\n"
            "On 5 December jets struck Suqaylabiyah after the towns fell.")
    got = events_of(text)
    assert [e for e in got if e[0].startswith("Non-state")] == [
        ("Non-state actor overtakes territory", "opposition", "Kafr Nabudah"),
        ("Non-state actor overtakes territory", "opposition", "Qal'at al Madiq")]
    told = events_of("On 5 December jets struck Suqaylabiyah after rebels captured Kafr Nabudah.")
    assert ("Non-state actor overtakes territory", "opposition", "Kafr Nabudah") in told


def test_a_plural_noun_of_places_refers_past_a_single_place_in_its_sentence() -> None:
    """"captured A and B. Jets struck C after the towns fell": the towns are A and B, not C alone."""
    text = "Rebels captured Kafr Nabudah and Qalaat al-Madiq. Jets struck Suqaylabiyah while the towns burned."
    frames = [f for f in _frames(text) if f.spec.kind == "capture"]
    assert len(frames) == 1
    got = frontlines.extract("Rebels captured Kafr Nabudah and Qalaat al-Madiq. The army shelled Suqaylabiyah "
                             "and then shelled the towns.", published="2024-12-06").events
    assert {e.location for e in got if e.sub_event_type.startswith("Shelling")} == {
        "Al-Suqaylabiyah", "Kafr Nabudah", "Qal'at al Madiq"}


def _frames(text: str) -> list[frontlines.events.frames.Frame]:
    from frontlines.pipeline import Pipeline
    from frontlines.theater import load_theater
    th = load_theater("syria")
    pipe = Pipeline(th)
    an = next(analyse([from_text(text, published="2024-12-06")]))
    actors = th.actors.find(an.doc.text, an.doc.id)
    geo = pipe.geoparse(an.doc, an.sentences, actors=actors, persons=an.found)
    return pipe.read(an.doc.id, an.spacy_doc, an.sentences, geo.places, actors)


def test_a_facility_noun_refers_back_to_the_facility_it_names_however_far() -> None:
    """"Kuweires airbase ... (a long stretch) ... the airbase was taken": a noun of a kind of facility stands for the
    facility named with that noun, however far back; a noun of a settlement stays within its reach."""
    filler = " ".join(["The history of the region is long and the article tells it at length."] * 12)
    text = f"Kuweires airbase lies east of Aleppo. {filler} On 1 December the airbase was taken by rebel forces."
    assert events_of(text, published="2024-12-02") == [("Non-state actor overtakes territory", "opposition", "Kuweires airbase")]
    far_town = f"Rebels entered Hayan. {filler} On 1 December the town was shelled."
    assert [e for e in events_of(far_town, published="2024-12-02") if e[0].startswith("Shelling")] == []


def test_a_direction_after_a_near_place_locates_it() -> None:
    """"struck a car near A, south of B": B says where A lies; the strike is at A. A direction alone still places
    the strike ("struck a car south of B")."""
    assert events_of("Turkish drones struck a truck near Sarrin, south of Kobani, on Monday.", published="2024-12-10") \
        == [("Air/drone strike", "turkey", "Sarrin")]
    assert events_of("Turkish drones struck a truck south of Kobani on Monday.", published="2024-12-10") \
        == [("Air/drone strike", "turkey", "Kobani")]


def test_a_hyphenated_word_split_by_the_tokenizer_is_one_word_again() -> None:
    """"a counter-attack retook X": the tokenizer splits the word in three and the parser may make each part a
    subject; after the parse the last part is the head and the rest modify it."""
    doc = next(analyse([from_text("Officials said a counter-attack had retaken Souran.", published="2024-12-06")])).spacy_doc
    deps = {t.text: (t.dep_, t.head.text) for t in doc}
    assert deps["counter"] == ("compound", "attack") and deps["attack"][0] == "nsubj"
    # (a hyphen with spaces around it is a dash between words, and is left as it is)
    dashed = next(analyse([from_text("Rebels - as expected - took Souran.", published="2024-12-06")])).spacy_doc
    assert not any(t.dep_ == "compound" and t.text == "Rebels" for t in dashed)


def test_a_partisan_outlets_attack_with_no_side_is_its_own_side() -> None:
    """"state TV said a counter-attack had retaken X": an attack noun with no side named, in a partisan outlet's
    claim, is of the outlet's side, as bare troops are; told by nobody, it is the default attacker's."""
    claimed = frontlines.extract("State television said a counter-attack had retaken Souran overnight.",
                                 published="2024-12-04")
    assert [(e.sub_event_type, e.actor1_side, e.certainty) for e in claimed.events] == [
        ("Government regains territory", "government", "claimed")]
    assert events_of("SANA said a rebel assault had captured Souran.") == [
        ("Non-state actor overtakes territory", "opposition", "Suran")]


def test_positions_in_and_around_a_place_are_of_that_place() -> None:
    """"withdrew from positions in and around X": a preposition coordinated with another shares its object, and a
    preposition the parser hung on the verb right after "positions" says where the positions were."""
    assert events_of("Government forces withdrew from positions in and around Morek on Sunday.", published="2024-12-02") \
        == [("Change to group/activity", "government", "Morek")]
    assert status("Government forces withdrew from positions in Morek on Sunday.", "Morek",
                  day="2024-12-02", published="2024-12-02") == "unknown"


def test_a_past_participle_before_a_place_tells_no_deed() -> None:
    """"jets struck the abandoned X airbase": the participle describes the base, it tells no leaving on that day;
    "the army abandoned X airbase" does."""
    assert events_of("Israeli jets struck the abandoned Tiyas airbase on Tuesday.", published="2024-12-11") == [
        ("Air/drone strike", "israel", "Tiyas airbase")]
    assert events_of("The army abandoned Tiyas airbase on Tuesday.", published="2024-12-11") == [
        ("Change to group/activity", "government", "Tiyas airbase")]


def test_a_day_in_a_relative_clause_is_that_clauses_own() -> None:
    """"Late on Tuesday, A handed X to the militia that had taken Y on Sunday": Sunday is the day Y was taken; the
    handing over is Tuesday's, and so is what the next sentence tells with no day of its own."""
    got = dated("Late on Tuesday, rebels handed Saraqib to the militia that had taken Sarmin on Sunday. "
                "Soldiers were also said to have left Binnish.", published="2024-12-11")
    assert got == {"Saraqib": "2024-12-10", "Sarmin": "2024-12-08", "Binnish": "2024-12-10"}
    # (a day named right after its own predicate is still that predicate's)
    assert dated("Rebels handed Saraqib to the militia on Sunday.", published="2024-12-11") == {"Saraqib": "2024-12-08"}


def test_the_victims_of_a_participle_are_those_of_a_verb_of_harm() -> None:
    """"struck X, killing several civilians": the participle's object is the strike's victims. "stormed A and took B
    al-Imam": a second taking harms nobody, and a place's name is no victim, whatever word for people it holds."""
    stormed = frontlines.extract("On 3 December rebels stormed Maan and by dusk had taken Taybat al-Imam as well, "
                                 "bringing them close to Hama.", published="2024-12-04").events
    assert {e.sub_event_type for e in stormed} == {"Non-state actor overtakes territory"}
    struck = frontlines.extract("On 3 December jets struck Halfaya, killing several civilians.", published="2024-12-04").events
    assert [(e.sub_event_type, e.actor2_side) for e in struck] == [("Air/drone strike", "civilians")]


def test_a_remnant_of_war_that_goes_off_is_an_explosive_not_shelling() -> None:
    """"an unexploded shell went off near X": a remnant of war is a charge left behind (ACLED: remote explosive),
    not a shelling on that day; shells that land are still shelling."""
    assert events_of("On 9 December two boys were killed when unexploded shells detonated near Maarrat Misrin.",
                     published="2024-12-10") == [("Remote explosive/landmine/IED", "unknown", "Maarrat Misrin")]
    assert events_of("On 9 December shells landed near Maarrat Misrin.", published="2024-12-10") == [
        ("Shelling/artillery/missile attack", "unknown", "Maarrat Misrin")]


def test_a_clause_of_while_sets_the_scene_of_the_deed() -> None:
    """"a shepherd was killed by a landmine while grazing his flock near X": the clause of "while" says where; a
    clause of another deed ("after rebels entered X") does not place a violent act with no place of its own."""
    assert events_of("On 9 December a shepherd was killed by a landmine while grazing his flock near Sinjar.",
                     published="2024-12-10") == [("Remote explosive/landmine/IED", "unknown", "Sinjar")]
    # (a clause of "while" with a subject of its own is another deed, with places of its own)
    other = _frames("Alongside the push towards Hama, the rebels launched an offensive into Homs, while other factions "
                    "advanced into the capital.")
    # (the capital, of the clause of "while", is not the offensive's; Hama, only headed for, is no scene beside Homs)
    assert [[p.name for p in f.places] for f in other if f.spec.name == "offensive"] == [["Homs"]]


def test_posts_on_a_height_are_of_that_height() -> None:
    """"withdrew from their positions on X", "took over the post on X": a force's posts on a hill or a mountain stand
    for it, as posts in a town do."""
    assert events_of("On 4 December the army withdrew from its positions on Jabal Zayn al-Abidin.", published="2024-12-05") \
        == [("Change to group/activity", "government", "Jabal Zayn al-Abidin")]


def test_a_participle_of_what_a_force_does_names_no_other_force() -> None:
    """"the advancing columns", "the retreating units": a present participle says what the force is doing, not who
    it is; the noun refers back as the bare noun would. "Turkish-backed factions" still names a party of its own."""
    text = ("The Eighth Brigade took Busra al-Sham on 6 December. On 7 December army units abandoned Izra "
            "to the advancing columns.")
    assert ("Non-violent transfer of territory", "opposition", "Izra") in events_of(text, published="2024-12-08")


def test_a_deed_attributed_to_a_party_is_that_partys() -> None:
    """"shelling attributed by local sources to A", "strikes blamed on A": the party the attribution names did it;
    a fire attributed to a fault is no deed of war."""
    assert events_of("On 14 December shelling attributed by local sources to Turkish forces hit Sarrin.",
                     published="2024-12-15") == [("Shelling/artillery/missile attack", "turkey", "Sarrin")]
    assert events_of("On 9 December air strikes blamed on Israel hit Masyaf.", published="2024-12-10") == [
        ("Air/drone strike", "israel", "Masyaf")]
    assert says_nothing("On 9 December a fire attributed to an electrical fault damaged a market in Masyaf.",
                        published="2024-12-10")


def test_a_gerund_after_a_noun_heads_its_phrase() -> None:
    """"Government shelling was reported on X": the parser makes "Government" the subject and "shelling" a bare
    participle on it; after the parse the gerund heads the phrase. A participle with words of its own ("troops
    advancing on X") or after a plural ("civilians fleeing") is left as it is."""
    doc = next(analyse([from_text("Army shelling was reported on Kafr Nabl.", published="2024-12-02")])).spacy_doc
    deps = {t.text: (t.dep_, t.head.text) for t in doc}
    assert deps["shelling"] == ("nsubjpass", "reported") and deps["Army"] == ("compound", "shelling")
    assert events_of("Army shelling was reported on Kafr Nabl on Sunday.", published="2024-12-02") == [
        ("Shelling/artillery/missile attack", "government", "Kafr Nabl")]
    fleeing = next(analyse([from_text("Civilians fleeing were stopped at Kafr Nabl.", published="2024-12-02")])).spacy_doc
    assert not any(t.text == "Civilians" and t.dep_ == "compound" for t in fleeing)


def test_storming_positions_around_a_town_is_a_fight_for_it() -> None:
    """"stormed army positions around X": posts near a town taken are a battle for the town, not its fall;
    "stormed X" is its fall."""
    assert events_of("On 27 November HTS fighters stormed army positions around Atarib.", published="2024-11-28") == [
        ("Armed clash", "opposition", "Atarib")]
    assert status("On 27 November HTS fighters stormed army positions around Atarib.", "Atarib", day="2024-11-28",
                  published="2024-11-28") == "contested"


def test_a_named_part_far_from_its_town_is_a_namesake() -> None:
    """"the A neighbourhood of B": when A resolves to a village far from B, it is some other place's namesake, and
    what happened, happened in B; a district named after a part of B is still that part."""
    assert events_of("Gunmen killed three men in the al-Zahraa neighbourhood of Homs on Saturday.", published="2024-12-15") \
        == [("Attack", "unknown", "Homs")]
    assert {e[2] for e in events_of("Shelling hit the Hamdaniyah district of Aleppo on Saturday.", published="2024-12-15")} \
        == {"Hamdaniyah", "Aleppo"}


def test_an_explosive_named_with_no_blast_and_no_harm_is_no_incident() -> None:
    """"landmines remain a concern in X": a danger told, not a charge that went off; "a mine killed two shepherds
    near X", "a roadside bomb went off in X" are incidents."""
    assert says_nothing("Landmines remain a major concern in Kafr Nabl and Hass.", published="2024-12-15")
    assert says_nothing("Unexploded shells still litter the fields around Kafr Nabl.", published="2024-12-15")
    assert events_of("On 11 December a mine killed two shepherds near Kafr Nabl.", published="2024-12-15") == [
        ("Remote explosive/landmine/IED", "unknown", "Kafr Nabl")]


def test_posts_on_a_road_at_named_places_are_of_those_places() -> None:
    """"abandoned their checkpoints on the A-B highway at X and Y": the road locates the posts, X and Y are where
    they stood; posts on the road alone are of the road."""
    at = events_of("On 7 December the army abandoned its checkpoints on the Homs-Damascus highway at Hisyah and Qarah.",
                   published="2024-12-08")
    assert {e[2] for e in at} == {"Hisyah", "Qarah"}
    assert [e[2] for e in events_of("On 7 December the army abandoned its checkpoints on the Homs-Damascus highway.",
                                    published="2024-12-08")] == ["Homs-Damascus highway"]


def test_a_place_fled_towards_is_not_what_the_city_refers_to() -> None:
    """"fled towards the A quarter or in the direction of B ... the city": places people went towards are headings,
    not the city a later sentence speaks of, which is the one named before them."""
    text = ("Rebels reached the western edge of Aleppo on 29 November. "
            + " ".join(["Residents described long queues at bakeries and petrol stations across the province."] * 7)
            + " Thousands fled towards the Sheikh Maqsoud quarter or in the direction of Hama. "
            "By the morning of 30 November, army units had pulled out of the city centre.")
    got = frontlines.extract(text, published="2024-12-01").events
    assert {(e.sub_event_type, e.location) for e in got if e.sub_event_type.startswith("Change")} == {
        ("Change to group/activity", "Aleppo")}


def test_a_participle_right_before_names_is_the_verb_the_parser_lost() -> None:
    """"advanced south and, after brief clashes, captured A and B": the parser may hang "captured" on A as a modifier;
    with no article before it, before a name, it is the verb. "the abandoned X airbase" still describes."""
    text = ("On 6 December the columns pushed south along the M5 highway and, after short clashes, captured Rastan and "
            "Talbiseh, the final towns before Homs.")
    assert {e[2] for e in events_of(text, published="2024-12-07")} == {"Al-Rastan", "Talbiseh"}
    assert all(e[0] == "Non-state actor overtakes territory" for e in events_of(text, published="2024-12-07"))


def test_a_gerund_that_opens_a_sentence_with_no_subject_is_its_subject() -> None:
    """"Fighting on D centred on X": a gerund the parser made a clause on a verb with no subject of its own is the
    verb's subject, and the fighting is at X. "Fearing reprisals, residents fled" keeps its subject."""
    assert events_of("Fighting on 4 December centred on Qamhana.", published="2024-12-05") == [
        ("Armed clash", "unknown", "Qamhana")]
    doc = next(analyse([from_text("Fearing reprisals, residents fled Qamhana.", published="2024-12-05")])).spacy_doc
    assert {t.text: t.dep_ for t in doc}["Fearing"] != "nsubj"


def test_a_place_that_possesses_a_taking_is_what_was_taken() -> None:
    """"Hama's fall on D", "Aleppo's capture by A": the possessor of a noun of taking is the place; "the rebels'
    capture of X" still names the taker."""
    assert events_of("Hama's fall on 5 December opened the road south.", published="2024-12-07") == [
        ("Non-state actor overtakes territory", "opposition", "Hama")]
    assert events_of("Aleppo's capture by the rebels on 30 November shocked observers.", published="2024-12-07") == [
        ("Non-state actor overtakes territory", "opposition", "Aleppo")]


def test_a_clause_of_when_after_since_a_year_is_of_that_year() -> None:
    """"a front line since 2019, when the army retook A and B": the clause of "when" tells 2019, no event now;
    "for the first time since 2019" still tells a happening of the report's time."""
    assert says_nothing("The countryside had been a front line since 2019, when the army retook Morek and Kafr Zita.",
                        published="2024-12-20")
    assert events_of("Rebels took Morek on 30 November for the first time since 2019.", published="2024-12-20") == [
        ("Non-state actor overtakes territory", "opposition", "Morek")]


def test_further_strikes_go_on_with_the_strikes_before_and_their_doer() -> None:
    """"Jets of A struck X. Further strikes hit Y": a bare "strikes" after a strike, with an adjective of more of the
    same, is another strike by the same doer; "general strikes" (of workers) after a strike is none."""
    text = "Israeli jets struck Mezzeh on Sunday. Further strikes on Monday hit naval vessels in Tartus."
    assert events_of(text, published="2024-12-10") == [("Air/drone strike", "israel", "Mezzeh"),
                                                         ("Air/drone strike", "israel", "Tartus")]
    assert events_of("Israeli jets struck Mezzeh on Sunday. General strikes on Monday closed shops in Tartus.",
                     published="2024-12-10")[1:] == []


def test_a_question_takes_its_time_clause_and_a_clause_told_before_it_as_known() -> None:
    """"Any contact since the rebels took X?": a time clause in a question is presupposed, a taking told; "A moved into
    X after B left it, so is C backing A?": the clause before the comma is told; "did the rebels take X?" is asked."""
    assert events_of("Q: Has there been any contact with the new authorities since the rebels took Hama on Thursday?",
                     published="2024-12-10") == [("Non-state actor overtakes territory", "opposition", "Hama")]
    told = ("Q: On the east, the SDF moved into Mayadin on Friday after regime troops abandoned it, so is the "
            "coalition backing that?")
    assert events_of(told, published="2024-12-10") == [("Non-violent transfer of territory", "sdf", "Mayadin")]
    assert says_nothing("Q: Did the rebels take Hama on Thursday?", published="2024-12-10")


def test_a_stretch_of_time_named_after_fighting_tells_no_fight() -> None:
    """"prices doubled during the first week of fighting": a period measured by a happening is no happening of its
    own; "reports of fighting in X" still tell one."""
    assert says_nothing("In Idlib, bread prices doubled during the first week of fighting.", published="2024-12-15")
    assert events_of("On 3 December there were reports of fighting in Morek.", published="2024-12-04") == [
        ("Armed clash", "unknown", "Morek")]


def test_a_raid_from_the_air_needs_aircraft() -> None:
    """"a partnered raid near X, detaining three men": a raid by a ground force is no air strike; "jets carried out
    raids on X" is one."""
    assert [e for e in events_of("On 18 December SDF and coalition troops conducted a partnered raid near Shaddadi, "
                                 "detaining three suspects.", published="2024-12-19") if e[0] == "Air/drone strike"] == []
    assert events_of("On 18 December Russian jets carried out raids on Sarmada.", published="2024-12-19") == [
        ("Air/drone strike", "russia", "Sarmada")]


def test_a_reference_is_not_to_a_place_in_its_own_clauses_subject() -> None:
    """"garrisons abandoned A, B and C, and fighters arriving from the D front moved into the three towns": the towns are
    A, B and C, not the place the fighters came from."""
    text = ("In the north, army garrisons abandoned Kessab, Rabia and Slinfah on 8 December, and rebel fighters arriving "
            "from the Jisr al-Shughur front moved into the three towns later that day.")
    assert sorted(events_of(text, published="2024-12-09")) == [
        ("Non-violent transfer of territory", "opposition", place) for place in ("Kesab", "Rabia", "Slinfah")]


def test_a_counted_party_is_the_party() -> None:
    """"many of the troops pulled back from X", "hundreds of rebel fighters entered X": the counted are the doers;
    "hundreds of protesters gathered" are no armed party."""
    assert events_of("Many of the troops had pulled back from Salamiyah on Friday.", published="2024-12-07") == [
        ("Change to group/activity", "unknown", "Salamiyah")]
    assert events_of("Hundreds of protesters gathered in Salamiyah on Friday.", published="2024-12-07") == [
        ("Peaceful protest", "unknown", "Salamiyah")]


def test_a_relative_clause_of_harm_is_placed_by_its_antecedent() -> None:
    """"a hospital in X that was damaged in an air strike on D": the relative stands for the hospital in X, and the
    strike is at X."""
    assert events_of("A health centre in Ariha that was damaged by an air raid on Monday has closed.",
                     published="2024-12-03") == [("Air/drone strike", "unknown", "Ariha")]


def test_the_town_is_the_place_the_text_called_a_town() -> None:
    """"X town and the villages of A and B ... withdrew from the town": the place the text itself called a town, not the
    last village of the list; with no such class given, the last place named."""
    text = ("By 2 December, Tal Rifaat town and the nearby villages of Kafr Naya and Ahras were under attack. "
            "On 2 December, the SDF said its fighters had withdrawn from the town.")
    assert events_of(text, published="2024-12-06") == [("Change to group/activity", "sdf", "Tell Rifaat")]
    plain = "By 2 December, SNA factions had reached Kafr Naya and Ahras. On 2 December, the SDF withdrew from the town."
    # (the withdrawal after "SNA factions had reached" the villages hands the town to them: what it is, a transfer, is
    # test_reader_nineteenth's; here, which place "the town" is)
    assert events_of(plain, published="2024-12-06")[-1][2] == "Ahras"


def test_a_list_the_parser_hung_on_a_direction_is_taken_whole() -> None:
    """"seized A, B and C north-west of X": the parser may hang the list on the direction word, A and B under C; every
    place of the list is taken, and X only locates them."""
    got = events_of("Rebels advanced. Overnight they seized Anadan, Huraytan and Kafr Hamra north-west of Aleppo.",
                    published="2024-11-29")
    assert got == [("Non-state actor overtakes territory", "opposition", place) for place in ("Anadan", "Huraytan", "Kafr Hamrah")]
