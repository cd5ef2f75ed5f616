"""The clause reader, twentieth pass: forms found on batch 47 of prose of our own, one test per form, each with its
contrast.

The helpers are those of test_reader_seventeenth.py (the real pipeline: spaCy parse, gazetteer, actor dictionary,
with a report day of 6 December unless a test gives its own).
"""

from __future__ import annotations

from datetime import date

import frontlines
from test_reader_eleventh import dated
from test_reader_seventeenth import events_of, statuses

MOREK = "gn:166640"
KAFR_ZITA = "gn:168620"
SARAQIB = "gn:164816"
HAMA_CITY = "gn:170017"


def test_a_speakers_words_reported_in_the_text_are_not_the_texts_own_voice() -> None:
    """A resident's blog that reports what state radio said ("said that the terrorists had been driven back") speaks
    for no side: its own account of a taking is reported, not a claim. The same words in the text's own voice make it
    a side's channel, whose account is a claim."""
    blog = ("From our balcony we heard the guns all night. State radio said that the terrorists had been driven back "
            "and that the terrorist groups were fleeing. On Monday the rebels took Kafr Zita.")
    assert [e.certainty for e in frontlines.extract(blog, published="2024-12-03", source="a resident's blog").events] \
        == ["reported"]
    channel = ("From our balcony we heard the guns all night. The terrorists were driven back and the terrorist groups "
               "are fleeing. On Monday the rebels took Kafr Zita.")
    assert [e.certainty for e in frontlines.extract(channel, published="2024-12-03",
                                                    source="a resident's blog").events] == ["claimed"]


def test_a_numbered_entrys_heading_dates_the_entry() -> None:
    """"Statement 3 (Saturday 30 November, 09:00)" on a line of its own: the entry under it is of that day (a
    numbered name before the day, as a stamp's brackets and clock around it)."""
    text = ("Statement 2 (Friday 29 November, 11:05)\nOur forces have liberated Murak.\n\n"
            "Statement 3 (Saturday 30 November, 09:00)\nOur forces have liberated Kafr Zita.\n\n"
            "Statement 4 (Sunday 1 December, 09:00)\nOur forces have liberated Saraqib.")
    days = {e.place_id: e.date for e in frontlines.extract(text, published="2024-12-02",
                                                          source="Military Operations Command").events}
    assert days == {MOREK: date(2024, 11, 29), KAFR_ZITA: date(2024, 11, 30), SARAQIB: date(2024, 12, 1)}
    # (a heading with no number before its day is no entry's name: the text under it is of the report's day)
    from frontlines.events.dating import _label_alone
    from frontlines.mentions.dates import find_dates

    def alone(line: str) -> bool:
        return _label_alone(line, next(d for d in find_dates(line, date(2024, 12, 2)) if d.kind == "explicit"))

    assert alone("Statement 4 (Sunday 1 December, 09:00)") and alone("Update #2 — Saturday 30 November")
    assert not alone("Fighting near the city (1 December)") and not alone("Statement 4 of 1 December was read out")


def test_a_first_clause_verb_read_as_describing_its_subject_is_the_first_clauses_verb() -> None:
    """"A's units redeployed from X to the north, and B entered the village": the parser reads "redeployed" as a
    participle describing the units (and B as a second subject of "entered"), so "the village" could not be X, named
    inside that subject. The first clause is a withdrawal, the second an entry into X, which hands X over. A true
    participle ("units redeployed from X entered Y") still describes its noun: Y is entered, X is left."""
    assert events_of("Rebel units redeployed from Murak to the north, and regime militias entered the village.") == [
        ("Non-violent transfer of territory", "government", "Morek")]
    assert ("Armed clash", "opposition", "Kafr Zita") in events_of(
        "Rebel units redeployed from Murak entered Kafr Zita on Monday.")


def test_a_day_of_the_month_alone_after_a_preposition_or_weekday_is_a_day() -> None:
    """"by the 29th", "the evening of the 30th", "Sunday the 8th", "between the 7th and the 8th": the month is the
    report's (or the one before, for a day still to come in it). A count before a noun is no day ("on the 3rd day",
    "the 25th Division")."""
    from frontlines.mentions.dates import find_dates

    def days(text: str) -> list[date | None]:
        return [d.date for d in find_dates(text, date(2024, 12, 16))]

    assert days("By the 29th the rebels were in the city.") == [date(2024, 11, 29)]
    assert days("by the evening of the 30th the army had gone") == [date(2024, 11, 30)]
    assert days("the town was quiet on Sunday the 8th") == [date(2024, 12, 8)]
    assert days("between the 7th and the 8th") == [date(2024, 12, 7), date(2024, 12, 8)]
    assert days("on the 3rd day of the offensive, the 25th Division and the 5th anniversary") == []
    assert dated("Local fighters seized Rastan on the 6th.", published="2024-12-16") == {"Al-Rastan": "2024-12-06"}
    assert dated("By the 29th opposition fighters had taken Saraqib.", published="2024-12-16") == {
        "Saraqib": "2024-11-29"}


def test_weekday_headings_of_a_live_page_go_forward() -> None:
    """A live page's headings "Saturday, 23:00" then "Sunday, 01:00" in a report of Sunday: Sunday is the day after
    the Saturday, not the Sunday a week before it (counted back from the section's day)."""
    text = ("Saturday, 21:00\nRebels say they are on the edge of Homs.\n\n"
            "Saturday, 23:00\nArmy units begin leaving their positions in and around Homs.\n\n"
            "Sunday, 01:00\nRebel columns enter Hama's southern suburbs and then Homs, meeting no resistance.")
    days = {e.location: e.date for e in frontlines.extract(text, published="2024-12-08").events}
    assert days.get("Homs") == date(2024, 12, 8)
    from frontlines.events.dating import _heading_weekday
    from frontlines.mentions.dates import find_dates

    sunday = next(d for d in find_dates("Sunday, 01:00", date(2024, 12, 7)) if d.kind == "weekday")
    assert sunday.date == date(2024, 12, 1)
    assert _heading_weekday(sunday, date(2024, 12, 7), date(2024, 12, 8)).date == date(2024, 12, 8)
    # (never past the day of writing)
    assert _heading_weekday(sunday, date(2024, 12, 7), date(2024, 12, 7)).date == date(2024, 12, 1)


def test_a_restrictive_relative_clause_that_picks_out_a_party_retells_its_deed() -> None:
    """"how the factions that took A, B and C will share power": the clause picks out the factions by what they had
    done; it tells no new taking (the places are theirs, but there is no event). With its own day ("the factions that
    took X on Saturday") or set off by a comma ("the rebels, who took X, ...") it tells the deed."""
    text = "It is unclear how the factions that took Homs and Daraa will share power."
    extraction = frontlines.extract(text, published="2024-12-08")
    assert extraction.events == []
    assert {a.place_id: a.status for a in extraction.assertions} == {"gn:169577": "opposition", "gn:170905": "opposition"}
    assert events_of("The factions that took Homs on Saturday are now in Damascus.") == [
        ("Non-state actor overtakes territory", "opposition", "Homs")]
    assert events_of("The rebels, who took Homs, are now in Damascus.") == [
        ("Non-state actor overtakes territory", "opposition", "Homs")]


def test_a_toll_in_quote_marks_is_the_toll_told() -> None:
    """"killing "dozens"", "killed "hundreds of militants"": the text quotes a speaker's words for the toll; the count
    is still the one told (ACLED's vague counts: dozens 12, hundreds 100). Marks elsewhere change nothing."""
    from frontlines.events.fatalities import parse_casualties

    assert parse_casualties('Jets struck the town on Wednesday, killing "dozens", state media said.').fatalities == 12
    assert parse_casualties('The strikes killed "hundreds of militants", the ministry said.').fatalities == 100
    assert parse_casualties('The "dozens" of trucks on the road were not hit.').fatalities == 0


KHASHAM = "gn:167899"


def test_a_verb_of_saying_joined_to_a_denial_is_no_denial() -> None:
    """"state media denied that anything had been handed over and claimed that the army still held X": the parser hangs
    "claimed" on the denied clause; it is the speaker's second verb, and what it claims is not denied (a government
    claim that X is held). What is joined inside the denied clause stays denied."""
    said = "On Tuesday state media denied that anything had been handed over and claimed that the army still held Khasham."
    assert {(a.place_id, a.status, a.level) for a in frontlines.extract(said, published="2024-12-03").assertions} == {
        (KHASHAM, "government", "claimed")}
    denied = "On Tuesday the army denied that the rebels took Khasham and entered Hatla."
    extraction = frontlines.extract(denied, published="2024-12-03")
    assert extraction.events == [] and extraction.assertions == []


def test_places_that_followed_a_taking_were_taken_the_same_way() -> None:
    """"X was taken by A on Friday; Y and Z followed on Saturday": Y and Z went the way of X, on the day of "followed".
    With an object of its own ("followed the army south") or a subject that is no place ("air strikes followed"), the
    verb tells no taking."""
    assert dated("Saraqib was taken by opposition fighters on Friday; Maarat al-Numan and Khan Sheikhoun followed on "
                 "Saturday.", published="2024-12-04") == {
        "Saraqib": "2024-11-29", "Ma'arrat al-Nu'man": "2024-11-30", "Khan Shaykhun": "2024-11-30"}
    assert events_of("Saraqib fell to the rebels on Friday. Morek followed the next day.") == [
        ("Non-state actor overtakes territory", "opposition", "Saraqib"),
        ("Non-state actor overtakes territory", "opposition", "Morek")]
    assert [p for _, _, p in events_of("Saraqib fell on Friday, and Morek residents followed the army south.")] == [
        "Saraqib"]
    assert [p for _, _, p in events_of("Rebels took Saraqib on Friday. Heavy air strikes on Idlib followed.")] == [
        "Saraqib", "Idlib"]


TELL_RIFAAT = "gn:163476"


def test_a_state_held_since_a_clause_with_a_day_holds_from_that_day() -> None:
    """"In X, held by A since B pulled out on Monday, ...": the state holds from the day of the clause that opens its
    period (as "since Monday" alone). Without such a clause the state is told of the report's day."""
    assert statuses("In Tal Rifaat, held by National Army factions since the SDF pulled out on Monday, aid partners "
                    "have no access.", published="2024-12-04") == {TELL_RIFAAT: ("opposition", "2024-12-02")}
    assert statuses("In Tal Rifaat, held by National Army factions, aid partners have no access.",
                    published="2024-12-04") == {TELL_RIFAAT: ("opposition", "2024-12-04")}


def test_the_day_after_a_happening_set_off_after_a_day_counts_back_from_it() -> None:
    """"X was taken by A on 9 December, the day after Y fell": Y fell on the 8th (as "a day after"). "A said the day
    before that it had taken X" is no such clause: X is the day before the one the text is at."""
    assert dated("Manbij was taken by the National Army on 9 December, the day after Damascus fell.",
                 published="2024-12-16") == {"Manbij": "2024-12-09", "Damascus": "2024-12-08"}
    assert dated("On 8 December the rebels said the day before that they had taken Homs.",
                 published="2024-12-16") == {"Homs": "2024-12-07"}


def test_the_city_after_a_party_located_in_a_place_is_that_place() -> None:
    """"In Daraa ... Druze factions in Sweida expelled the security branches from the city": the city is Sweida, where
    the subject stands (a place inside the subject that tells where it came from is still passed over)."""
    text = ("Local rebels took Daraa on the 6th. Druze factions in Sweida expelled the remaining security "
            "branches from the city on the 7th.")
    assert dated(text, published="2024-12-16") == {"Daraa": "2024-12-06", "As-Suwayda": "2024-12-07"}
    assert "Idlib" not in dated("Rebels took Morek. Fighters arriving from Idlib moved into the town.")


def test_it_after_a_place_described_as_near_another_is_the_place_described() -> None:
    """"Everyone speaks of Base 46, the big army base near al-Atarib. It was overrun this morning": "near al-Atarib"
    only says where the base lies (as "12 km south of" would), so "it" is the base. With no phrase set off before it,
    a place near another is still what "it" refers to ("Fighting went on near al-Atarib. It fell on Friday")."""
    text = ("Everyone speaks of Base 46, the big army base near al-Atarib. By every account it was overrun this morning "
            "after a night of fighting.")
    assert [p for _, _, p in events_of(text)] == ["46th Regiment base"]
    assert [p for _, _, p in events_of("Rebels attacked near al-Atarib on Thursday. It fell on Friday.")][-1:] == [
        "Atarib"]


def test_a_facility_noun_does_not_refer_to_a_site_of_another_kind() -> None:
    """"A student at Aleppo University ... the airport was in rebel hands": a university is no airport, so "the airport"
    refers to no place named before (it had made the university held). "the base" after "Base 46" is the base."""
    text = "Rami studies engineering at Aleppo University. He said the airport was in rebel hands by noon."
    assert frontlines.extract(text, published="2024-11-30").assertions == []
    assert [p for _, _, p in events_of("Rebels reached Base 46 on Thursday. The base fell hours later.")] == [
        "46th Regiment base"]


def test_the_city_is_no_place_the_gazetteer_knows_as_a_village() -> None:
    """"The fighting is at Qamhana, 4 km from the edge of the city. By noon the fighters were in the city": the city is
    not Qamhana, which the gazetteer knows as a village (the language pack's anaphora_excludes); after a town or a
    city it is that place."""
    text = ("The fighting is at Qamhana now, four kilometres from the northern edge of the city. By noon the army had "
            "abandoned the city.")
    assert [e.sub_event_type for e in frontlines.extract(text, published="2024-12-05").events] == ["Armed clash"]
    reached = "Rebels reached Qamhana, four kilometres from the northern edge of the city. By noon they were in the city."
    assert [(a.place_id, a.status) for a in frontlines.extract(reached, published="2024-12-05").assertions] == [
        ("wp:qamhana", "contested")]
    assert [p for _, _, p in events_of("The fighting reached Morek on Monday. By noon the army had abandoned the city.")
            ][-1:] == ["Morek"]
    places = frontlines.extract("Rebels entered Qamhana and Morek.", published="2024-12-05").places
    assert {p.place_id: p.feature for p in places} == {"wp:qamhana": "village", MOREK: "town"}


def test_a_count_of_days_after_a_listed_place_is_its_day() -> None:
    """"The fall of A on 29 November and of B a day later": B fell on the 30th (a count from the list's day, as a day
    of its own would be)."""
    assert dated("The fall of Saraqib on 29 November and of Morek a day later opened the road.",
                 published="2024-12-04") == {"Saraqib": "2024-11-29", "Morek": "2024-11-30"}
    assert dated("Rebels captured Saraqib on 29 November and Morek the next day.", published="2024-12-04") == {
        "Saraqib": "2024-11-29", "Morek": "2024-11-30"}


def test_a_partys_men_and_materiel_struck_name_the_other_actor() -> None:
    """"struck rebel gatherings", "a gathering of regime officers", "a convoy of B": the party named on the target is
    the one hit (as on its positions); a gathering of mourners is no party."""
    def struck(text: str) -> list[str]:
        return [e.actor2_side for e in frontlines.extract(text, published="2024-12-04").events]

    assert struck("Government jets struck rebel gatherings near Kafr Nabudah on Monday.") == ["opposition"]
    assert struck("Drones struck a gathering of regime officers near Morek on Monday.") == ["government"]
    assert struck("Jets struck a gathering of mourners in Morek on Monday.") == [""]


def test_a_sides_own_voice_telling_a_strike_on_the_other_side_tells_its_own_strike() -> None:
    """"State media said artillery had shelled opposition gatherings near X": no doer named, but the government's
    voice tells a strike on the opposition: the government's. With no target side, or a target of the speaker's own
    side, the doer stays unknown."""
    def doers(text: str) -> list[str]:
        return [e.actor1_side for e in frontlines.extract(text, published="2024-12-04").events]

    assert doers("Syrian state media said on Monday that artillery had shelled opposition gatherings near Morek.") == [
        "government"]
    assert doers("Syrian state media said on Monday that artillery had shelled Morek.") == ["unknown"]


def test_a_count_of_them_right_after_its_verb_is_the_toll() -> None:
    """"struck a gathering of officers, killing four of them": the toll is four; "killed ten, four of them children"
    still counts ten."""
    from frontlines.events.fatalities import parse_casualties

    assert parse_casualties("Drones struck a gathering of officers, killing four of them.").fatalities == 4
    assert parse_casualties("Shelling killed ten people, four of them children.").fatalities == 10


def test_a_communiques_words_for_killing_and_losing_men_are_tolls() -> None:
    """"eliminating up to 40 militants", "30 terrorists were eliminated", "neutralised 12", "lost up to 50 men and four
    tanks": deaths (the tanks are no victims); "lost 20 villages" and "aims to eliminate the threat" count nobody."""
    from frontlines.events.fatalities import parse_casualties

    def toll(text: str) -> int:
        return parse_casualties(text).fatalities

    assert toll("Aircraft struck a depot near the town, eliminating 40 militants.") == 40
    assert toll("At least 30 militants were eliminated in the strike.") == 30
    assert toll("The army said it neutralised 12 fighters.") == 12
    assert toll("The attackers lost 50 men and four tanks.") == 50
    assert toll("His unit had lost two men to a drone strike.") == 2
    assert toll("The army lost 20 villages and two tanks.") == 0
    assert toll("The plan aims to eliminate the threat within days.") == 0


def test_a_strike_told_over_a_span_counted_back_is_one_event_of_the_day_counted_from() -> None:
    """"Over the past 24 hours, jets struck X": one strike, of the day the span is counted from (it had been two, one
    for each calendar day the span touches); "on 1 and 2 December" names its days and is one event for each."""
    one = frontlines.extract("Over the past 24 hours, Russian jets struck a command post near Sarmin.",
                             published="2024-12-05").events
    assert [e.date for e in one] == [date(2024, 12, 5)]
    two = frontlines.extract("Russian jets struck Sarmin on 1 and 2 December.", published="2024-12-05").events
    assert [e.date for e in two] == [date(2024, 12, 1), date(2024, 12, 2)]


def test_a_place_held_after_the_other_side_left_it_is_held() -> None:
    """"X was in A's hands by 7 December, after the last B checkpoints in the town were abandoned": the departure is
    part of the holding (it had left X with no holder at all); an entry by another side still takes precedence over a
    holding the leaving side is given in the same sentence."""
    text = ("Mayadin, by contrast, was in SDF hands by the morning of 7 December, after the last militia checkpoints in "
            "the town were abandoned without a shot.")
    assert statuses(text, published="2024-12-15") == {"gn:173480": ("sdf", "2024-12-07")}


def test_a_heading_of_an_advance_is_where_the_force_went_in() -> None:
    """"A pushed north towards X. ... its fighters had entered the town": the town is X (a place a force only fled
    towards is still passed over: "soldiers fled towards Y, and the rebels entered the town" is the town before)."""
    text = ("Rebels took Saraqib on Friday. The Syrian Free Army pushed north out of the desert towards Palmyra. On "
            "Saturday its fighters entered the town after the army withdrew overnight.")
    assert [p for _, _, p in events_of(text)][-1:] == ["Palmyra"]
    fled = "Rebels reached Morek on Friday. Soldiers fled towards Hama, and the rebels entered the town."
    assert "Hama" not in [p for _, _, p in events_of(fled)]


def test_the_theaters_names_for_the_opposition_and_its_state_media() -> None:
    """Theater data met in batches 47 to 49: "anti-regime groups" and an analyst's "opp" are the opposition; "state
    radio" and "the state channel" are the government's media (their words are its claims)."""
    assert events_of("Meanwhile, anti-regime groups took control of Damascus on Sunday.", published="2024-12-09") == [
        ("Non-state actor overtakes territory", "opposition", "Damascus")]
    # (an analyst's shorthand: "opp-held", "in opp hands")
    assert statuses("Suran and Halfaya all remain in opp hands.", published="2024-12-05") == {
        "gn:163915": ("opposition", "2024-12-05"), "gn:170044": ("opposition", "2024-12-05")}
    radio = "On Sunday state radio announced that the army had secured Morek."
    assert [(e.certainty, e.claimed_by) for e in frontlines.extract(radio, published="2024-12-02").events] == [
        ("claimed", "Syrian state media")]


def test_an_entry_after_a_fight_told_as_short_takes_the_place() -> None:
    """"entered X after brief clashes", "after a short battle": a fight too short to hold the place, as "little
    resistance" (the entry takes X); after fierce clashes the entry contests it."""
    assert statuses("On Saturday the factions entered Morek after brief clashes.") == {
        MOREK: ("opposition", "2024-11-30")}
    assert statuses("On Saturday the factions entered Morek after fierce clashes.") == {
        MOREK: ("contested", "2024-11-30")}


def test_a_list_of_objects_the_parser_joined_to_the_verb_or_the_day_is_the_objects_list() -> None:
    """"dissolved on Saturday, when local groups took over the governor's office, the police command and the security
    branches in X": the later objects are conjuncts of the first (the parser had joined them to the day, losing X);
    a list inside the object stays whole ("took parts of A, B and C districts": all parts)."""
    text = ("Government rule in Sweida province dissolved on Saturday, when local Druze armed groups took over the "
            "governor's office, the police command and the security branches in Sweida city with little shooting.")
    assert statuses(text, published="2024-12-09") == {"gn:172408": ("opposition", "2024-12-07")}
    # (a parse as the parser gives it: the last item of "parts of A, B and C districts" joined to the verb)
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from frontlines.read.repairs import _objects_read_onto_a_verb

    words = ["Rebels", "captured", "parts", "of", "Morek", ",", "Zita", ",", "and", "Halfaya", "districts", "."]
    heads = [1, 1, 1, 2, 3, 4, 4, 6, 1, 10, 1, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "conj", "punct", "cc", "compound", "conj", "punct"]
    tags = ["NNS", "VBD", "NNS", "IN", "NNP", ",", "NNP", ",", "CC", "NNP", "NNS", "."]
    doc = _objects_read_onto_a_verb(Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags))
    assert doc[10].head.text == "Morek" and doc[10].dep_ == "conj"  # (one of the parts, not the verb's conjunct)


def test_a_force_that_filmed_itself_in_a_place_is_there() -> None:
    """"its fighters had filmed themselves in X and Y": a presence of the force in both (the frame filmed-there);
    a journalist who filmed himself there, or fighters who filmed the damage, say nothing of who holds X."""
    assert statuses("By nightfall the SDF's fighters had filmed themselves in Hatla and Khasham.",
                    published="2024-12-03") == {"cur:hatla": ("sdf", "2024-12-03"), KHASHAM: ("sdf", "2024-12-03")}
    assert statuses("A journalist filmed himself in Morek on Tuesday.") == {}
    assert statuses("Rebel fighters filmed the damage in Morek on Tuesday.") == {}


def test_a_verb_of_saying_that_may_demand_is_a_claim_over_a_clause_told_as_fact() -> None:
    """"the government insisted that X remained under army control": a claim (X held, claimed by the government);
    "insisted that the town be handed over" is a demand and asserts nothing."""
    assert [(a.status, a.level) for a in frontlines.extract(
        "The government insisted on Wednesday that Khasham remained under army control.",
        published="2024-12-05").assertions] == [("government", "claimed")]
    assert frontlines.extract("Protesters insisted that Morek be handed over to the council.",
                              published="2024-12-05").assertions == []


def test_the_reports_own_weekday_in_a_story_at_an_earlier_day_is_the_storys() -> None:
    """A report of Friday 6 December: "On Thursday 28 November rebels took X. Y was stormed on Friday" is the Friday
    of the story (the 29th), not the day of writing; with no earlier day told, "on Friday" is the report's day."""
    assert dated("On Thursday 28 November rebels took Saraqib. Morek was stormed and taken on Friday.",
                 published="2024-12-06") == {"Saraqib": "2024-11-28", "Morek": "2024-11-29"}
    assert dated("Morek was stormed and taken on Friday.", published="2024-12-06") == {"Morek": "2024-12-06"}


def test_a_holding_a_report_states_ends_its_own_entry_of_that_day() -> None:
    """A bulletin's key message "X has been held by A since 5 December", then "- 5 December: A entered X": the entry
    (a contest when read alone) is the taking the holding concluded; the report's word on X that day is A's."""
    text = ("- Hama city has been under the control of opposition armed groups since 5 December.\n\n"
            "- 5 December: Opposition armed groups entered Hama city from the north and east in the afternoon.")
    assert statuses(text) == {HAMA_CITY: ("opposition", "2024-12-05")}
    assert statuses("- 5 December: Opposition armed groups entered Hama city from the north and east.") == {
        HAMA_CITY: ("contested", "2024-12-05")}


def test_an_ayn_after_the_articles_hyphen_is_part_of_the_name() -> None:
    """"Khan al-'Asal": the ʿayn after the article's hyphen keeps the name whole (it had stopped at "Khan", a namesake
    of another place)."""
    places = frontlines.extract("Rebels took Khan al-'Asal on Friday.", published="2024-12-03").places
    assert [(p.mention, p.place_id) for p in places] == [("Khan al-'Asal", "wp:khan-al-asal")]


def test_their_after_an_unsided_armed_subject_is_not_the_party_named_in_a_phrase() -> None:
    """"The fighters reached X after fierce clashes with regime forces. Y was already under their control": "their"
    are the fighters (of no side the text names), not the regime forces named only inside a phrase; the holding has no
    side (it had been the government's). With a named subject, "their" is that party's."""
    first = "The fighters entered parts of Aleppo on Friday after fierce clashes with regime forces. "
    assert statuses(first + "The town of Khan al-'Asal was already under their control.", published="2024-12-03").get(
        "wp:khan-al-asal") is None
    named = "HTS fighters entered parts of Aleppo on Friday after fierce clashes with regime forces. "
    assert statuses(named + "The town of Khan al-'Asal was already under their control.", published="2024-12-03").get(
        "wp:khan-al-asal") == ("opposition", "2024-11-29")


def test_every_clause_of_a_timeline_entry_is_of_its_days_label() -> None:
    """"NOV. 28 - The capture of A is announced by the rebels, who say they have also taken B": B's taking, told in the
    present of a relative clause, is of the entry's day (it had been the report's); "Maarat al-Numan and Khan
    Shaykhun fall the same day" gives both the entry's day, and "A and B were taken the following day" both the same
    day after the one before."""
    entry = ("NOV. 28 - The capture of Base 46 is announced by the rebels, who say they have also taken Khan al-Asal.\n\n"
             "NOV. 30 (SATURDAY) - Most of Aleppo is in rebel hands. Further south, Maarat al-Numan and Khan Shaykhun "
             "fall the same day.")
    assert dated(entry, published="2024-12-08") == {"46th Regiment base": "2024-11-28", "Khan al-Asal": "2024-11-28",
                                                    "Ma'arrat al-Nu'man": "2024-11-30", "Khan Shaykhun": "2024-11-30"}
    told = "Hama fell on 5 December. Rastan and Talbiseh were taken the following day."
    assert dated(told, published="2024-12-10") == {"Hama": "2024-12-05", "Al-Rastan": "2024-12-06",
                                                   "Talbiseh": "2024-12-06"}


DARAA = "gn:170905"


def test_a_day_of_a_scene_set_city_with_a_year_in_a_relative_clause() -> None:
    """"In X city, local factions, many led by former rebels who made peace with Damascus in 2018, overran checkpoints
    and security branches in clashes ..., and by evening the army had withdrawn from the city": the year of the
    relative clause is not the taking's (it had made the sentence history); the posts taken lie in the scene's city
    (the parser had tagged "overran" a noun: repair); "the city" is the one its own sentence called a city, not
    Damascus named since as the government."""
    text = ("On Friday the fighting reached quiet areas. In Daraa city, local factions, many led by former rebels who "
            "made peace with Damascus in 2018, overran checkpoints and security branches in clashes that killed six "
            "soldiers, and by evening the army had withdrawn from the city.")
    assert statuses(text, published="2024-12-07") == {DARAA: ("opposition", "2024-12-06")}
    # (a year that governs the deed still makes it history)
    assert dated("In 2018 the rebels of Daraa handed the city over to the army.", published="2024-12-07") == {}


def test_a_timeline_entry_labelled_with_a_bracketed_weekday() -> None:
    """"DEC. 6 (FRIDAY) - Rebels take A and B. In the south, local armed factions seize Daraa city, where the 2011
    uprising began": the label is no second subject of "take" (parse repair), every sentence of the entry's line is of
    its day (a weekday in brackets may stand between the day and the dash), and a year in a "where" clause does not
    make the taking history."""
    entry = ("DEC. 5 (THURSDAY) - The fall of Hama. Rebel commanders tour the central square by evening.\n\n"
             "DEC. 6 (FRIDAY) - Rebels take Rastan and Talbiseh, meeting little resistance. In the south, local armed "
             "factions seize Daraa city, where the 2011 uprising began.")
    assert dated(entry, published="2024-12-08") == {"Hama": "2024-12-05", "Al-Rastan": "2024-12-06",
                                                    "Talbiseh": "2024-12-06", "Daraa": "2024-12-06"}
