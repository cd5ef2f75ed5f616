"""The clause reader, nineteenth pass: forms found on batch 44 of prose of our own, one test per form, each with its
contrast.

The helpers are those of test_reader_seventeenth.py (the real pipeline: spaCy parse, gazetteer, actor dictionary,
with a report day of 6 December unless a test gives its own), and test_reader_eleventh.dated.
"""

from __future__ import annotations

from datetime import date

import frontlines
import test_reader_eleventh
from test_reader_seventeenth import events_of, statuses

MAYADIN = "gn:173480"
JASIM = "gn:165997"
SANAMAYN = "gn:172469"
DARAA = "gn:170905"
ALEPPO = "gn:170063"
HAMA = "gn:170017"

def certainty(text: str) -> list[tuple[str, str]]:
    """(certainty, claimant) of each event of a report of 6 December."""
    return [(e.certainty, e.claimed_by) for e in frontlines.extract(text, published="2024-12-06").events]


#: a channel the Syria theater knows as the opposition's own voice
OUR_CHANNEL = "Northern Front Monitor (pro-opposition Telegram channel)"


def test_a_subject_described_on_others_word_is_the_doer_of_the_verb_after_it() -> None:
    """"gunmen believed to belong to A attacked X": the parser makes "believed" the sentence's verb and the attack a
    clause under it; the attack is the verb, and the gunmen are A's. Without the description they are nobody's."""
    assert events_of("On Tuesday, gunmen believed to belong to the Islamic State attacked an army checkpoint near "
                     "Mayadin.") == [("Armed clash", "isis", "Mayadin")]
    assert events_of("On Tuesday, gunmen attacked an army checkpoint near Mayadin.") == [
        ("Armed clash", "unknown", "Mayadin")]


def test_a_verb_of_saying_raised_onto_its_subject_hedges_and_names_no_speaker() -> None:
    """"fighters said to be from A entered X": what others say of the fighters, a hedge; the fighters are no speaker.
    "A said it entered X" is A's claim."""
    assert certainty("On Thursday fighters said to be from Hayat Tahrir al-Sham entered Hama.") == [("uncertain", "")]
    # (a plain passive report is no hedge: "were reported to have come under the control of A")
    assert certainty("On Thursday Morek was reported to have been captured by the rebels.") == [("reported", "")]
    assert [c for c, _ in certainty("On Thursday Hayat Tahrir al-Sham said its fighters entered Hama.")] == ["claimed"]


def test_a_posts_stamp_with_no_year_dates_the_post() -> None:
    """A digest's stamps ("[29.11 | 08:10]", "30.11, 19:05") are the days of the posts under them; a number with a
    point anywhere else is no date ("a 3.5 km stretch", "rose 12.5 percent")."""
    from frontlines.mentions.dates import find_dates

    def days(text: str) -> list[date | None]:
        return [d.date for d in find_dates(text, date(2024, 12, 1)) if d.kind == "explicit"]

    assert days("[29.11 | 08:10]") == [date(2024, 11, 29)]
    assert days("30.11, 19:05 Update from the front") == [date(2024, 11, 30)]
    assert days("A 3.5 km stretch of road was cut, and prices rose 12.5 percent.") == []
    digest = ("[29.11 | 17:35]\nRebel fighters captured Saraqib after a night of clashes.\n\n"
              "[30.11 | 09:10]\nRebel fighters captured Maarat al-Numan.")
    assert test_reader_eleventh.dated(digest, published="2024-12-01") == {
        "Saraqib": "2024-11-29", "Ma'arrat al-Nu'man": "2024-11-30"}


def test_a_place_that_is_ours_or_theirs_is_held() -> None:
    """"X is ours", "X is in our hands": held by the side a partisan post speaks for (its claim); from a source of no
    side the first person holds nothing. "the city was theirs by nightfall": the party named before."""

    def said(text: str, source: str) -> dict[str, str]:
        x = frontlines.extract(text, published="2024-12-01", source=source)
        return {a.place_id: a.status for a in x.assertions}

    assert said("Aleppo is ours.", OUR_CHANNEL) == {ALEPPO: "opposition"}
    assert said("Hama is in our hands tonight.", OUR_CHANNEL) == {HAMA: "opposition"}
    assert said("Aleppo is ours.", "Reuters") == {}
    assert statuses("Rebel fighters reached Daraa on Thursday. By nightfall the city was theirs.") == {
        DARAA: ("opposition", "2024-12-05")}
    # (set off by commas, the parser hangs "theirs" on the phrase before it: mended)
    assert statuses("Rebel fighters reached Daraa on Thursday. By nightfall the city was, for all purposes, theirs.") == {
        DARAA: ("opposition", "2024-12-05")}


def test_a_state_its_object_is_left_in_is_no_departure() -> None:
    """"the fighting left X divided": a state the verb leaves its object in (a contest), not a departure from X; a
    party that leaves X departs. A town divided over a vote is split in opinion, no contest."""
    assert statuses("The fighting on Friday left Jasim divided.") == {JASIM: ("contested", "2024-12-06")}
    assert events_of("The fighting on Friday left Jasim divided.") == []
    assert events_of("The army left Jasim on Friday.") == [("Change to group/activity", "government", "Jasim")]
    assert statuses("The vote on Friday left Jasim divided.") == {}
    assert statuses("Jasim is divided over the vote.") == {}
    assert statuses("Jasim is divided between army units and local fighters.") == {JASIM: ("contested", "2024-12-06")}


def test_a_place_abandoned_with_nobody_named_and_then_entered_is_handed_over() -> None:
    """"X was abandoned on Thursday morning, and local fighters walked in by noon": the holder left it to those who
    entered, a transfer with no fight; an abandonment alone names nobody and moves no line; an attack after it is
    still a fight."""
    text = "Sanamayn was abandoned on Thursday morning, and local fighters walked in by noon."
    assert events_of(text) == [("Non-violent transfer of territory", "opposition", "Al-Sanamayn")]
    assert statuses(text) == {SANAMAYN: ("opposition", "2024-12-05")}
    assert events_of("Sanamayn was abandoned on Thursday morning.") == []
    assert statuses("Sanamayn was abandoned on Thursday morning.") == {}
    assert statuses("Sanamayn was abandoned on Thursday morning, and local fighters attacked it by noon.") == {
        SANAMAYN: ("contested", "2024-12-05")}


def test_that_weekday_is_of_the_week_the_story_is_in() -> None:
    """"On 30 November ... that Saturday": the weekday nearest the day the story is at, not the last one before the
    report; a weekday with no "that" counts back from the report."""
    text = "On 30 November rebels entered Tell Rifaat. A Turkish drone strike near Manbij that Saturday killed four fighters."
    assert test_reader_eleventh.dated(text, published="2024-12-08")["Manbij"] == "2024-11-30"
    plain = "A Turkish drone strike near Manbij on Saturday killed four fighters."
    assert test_reader_eleventh.dated(plain, published="2024-12-08") == {"Manbij": "2024-12-07"}


def test_a_weapon_that_kills_is_a_strike_not_a_fight() -> None:
    """"a drone strike killed four fighters": the strike's toll, one event; "Turkish drones killed four fighters": a
    drone strike by the drones' owner on the fighters' side; fighters who kill fighters fought."""
    assert events_of("A Turkish drone strike near Manbij killed four fighters on Thursday.") == [
        ("Air/drone strike", "turkey", "Manbij")]
    assert events_of("Turkish drones killed four SDF fighters near Manbij on Thursday.") == [
        ("Air/drone strike", "turkey", "Manbij")]
    assert events_of("SNA fighters killed four SDF fighters near Manbij on Thursday.") == [
        ("Armed clash", "opposition", "Manbij")]
    assert events_of("Turkish drones killed four SDF fighters in strikes near Manbij on Thursday.") == [
        ("Air/drone strike", "turkey", "Manbij")]  # (the toll of the strikes the sentence names: one event)


def test_drones_fired_at_a_place_strike_it() -> None:
    """"fired drones at army positions near X": a drone strike by those who fired them; drones flown by people who do
    not fight strike nothing."""
    assert events_of("Rebels fired drones at army positions near Morek on Thursday.") == [
        ("Air/drone strike", "opposition", "Morek")]
    assert events_of("Farmers flew drones over Morek on Thursday to survey their fields.") == []


def test_a_verb_of_expelling_needs_the_party_it_drives_out() -> None:
    """"A pushed the B from X" drives B out of X; "A pushed south from X" sets out from X and takes nothing there."""
    assert events_of("On Thursday the SNA pushed the SDF from Tadef.") == [
        ("Non-state actor overtakes territory", "opposition", "Tedef")]
    assert events_of("On Thursday the SNA pushed south from al-Bab toward Tadef.") == []


def test_a_numbered_section_heading_asserts_nothing() -> None:
    """"2. The fall of X" on a line of its own titles the section below, as "## The fall of X" does; the same words in
    a sentence of the text tell the fall."""
    assert statuses("The note reviews the week.\n\n2. The fall of Morek\n\nThe section sets out what followed.") == {}
    assert statuses("The note reviews the week. The fall of Morek came on Thursday.")["gn:166640"][0] == "opposition"


def test_an_area_inside_a_governorate_is_no_governorate() -> None:
    """A statement of an area the gazetteer knows only by its centre ("the Shahba area") is of that area, never of every
    place in the governorate around it; a governorate's statement still covers its places."""
    area = frontlines.extract("The Shahba area remains under SDF control.", published="2024-12-01")
    assert {a.place_id for a in area.assertions} == {"cur:shahba-region"}
    whole = frontlines.extract("All of Idlib governorate is under the control of opposition factions.", published="2024-12-01")
    assert len(whole.assertions) > 50


def test_a_taking_restated_as_a_noun_keeps_the_taker_told_before() -> None:
    """"SDF units took over X ... The handover of X leaves the group ...": the noun restates the taking the report
    told, by its taker, not by the theater's usual attacker."""
    text = ("SDF units took over Deir ez-Zor without a fight on Friday.\n\nThe handover of Deir ez-Zor leaves the SDF on "
            "both banks of the river.")
    assert statuses(text, published="2024-12-06") == {"gn:170794": ("sdf", "2024-12-06")}
    alone = "Rebels advanced on Friday.\n\nThe handover of Deir ez-Zor leaves the rebels on both banks of the river."
    assert statuses(alone, published="2024-12-06") == {"gn:170794": ("opposition", "2024-12-06")}


def test_a_foreign_governments_first_person_speaks_for_no_side() -> None:
    """A foreign government's briefing says "our forces" of its own forces: its report does not speak for a side of
    the theater, so what it tells of others is reported, not claimed; a side's own command speaking the same words
    claims all it tells."""
    text = ("Our forces struck a depot near Mayadin on Monday. SNA artillery shelled SDF positions near Manbij on Monday. "
            "Our partners in the SDF continue to hold Manbij, and our forces remain in the area.")

    def told(source: str) -> list[tuple[str, str]]:
        x = frontlines.extract(text, published="2024-12-03", source=source)
        return [(e.location, e.certainty) for e in x.events]

    assert told("Pentagon press briefing") == [("Mayadin", "reported"), ("Manbij", "reported")]
    assert told("Briefing by the spokesman of the Military Operations Command") == [
        ("Mayadin", "claimed"), ("Manbij", "claimed")]


def test_a_projectile_named_by_its_compound_is_fired() -> None:
    """"fired mortar rounds at X": rounds of a weapon of the fire frame are projectiles; rounds fired into the air as a
    warning strike nothing."""
    assert events_of("The militia fired mortar rounds at Sarmin on Thursday.") == [
        ("Shelling/artillery/missile attack", "unknown", "Sarmin")]
    assert events_of("Soldiers fired warning rounds into the air in Sarmin on Thursday.") == []


def test_its_control_after_a_place_is_the_speakers_or_the_party_before() -> None:
    """"A says X is now under its control": "its" is the speaker, the place the subject; "rebels pushed into X, and by
    nightfall the city was under their control": the party named before. With no party anywhere, nobody holds X."""
    assert statuses("The SDF says Hatla is now under its control.") == {"cur:hatla": ("sdf", "2024-12-06")}
    assert statuses("Rebels pushed into Hama, and by nightfall the city was under their control.") == {
        HAMA: ("opposition", "2024-12-06")}
    assert statuses("Hatla is now under its control.") == {}


def test_an_exchange_of_fire_is_a_clash_of_the_parties_it_names() -> None:
    """"an exchange of fire between A and B in X": a clash of A and B at X; an exchange of prisoners is none."""
    assert events_of("On Thursday there was an exchange of fire between rebels and soldiers in Sarmin.") == [
        ("Armed clash", "opposition", "Sarmin")]
    assert events_of("On Thursday there was an exchange of prisoners between rebels and soldiers in Sarmin.") == []


def test_a_deed_told_by_the_years_it_took_is_history() -> None:
    """"it took the army four years to win X back": a deed that spanned years is history, no event of the story and no
    state on its day; "it took the rebels three days to take X" is the story's, done by the rebels (not by "it")."""
    assert events_of("It took the army four years to win Aleppo back.") == []
    assert statuses("It took the army four years to win Aleppo back.") == {}
    assert events_of("It took the rebels three days to take Aleppo.") == [
        ("Non-state actor overtakes territory", "opposition", "Aleppo")]


def test_an_owners_enemies_are_not_the_owner() -> None:
    """"it took its enemies three days to take it": the enemies of the army are no army, nor the party named before;
    the taking is the theater's attacker's."""
    text = "The army held Aleppo for years. It took its enemies three days to take the city."
    assert events_of(text) == [("Non-state actor overtakes territory", "opposition", "Aleppo")]


def test_a_place_that_opens_the_clause_is_where_a_force_moved_in() -> None:
    """"In X, A moved in on Friday": an entry with no place of its own happened where the clause is set; a place told
    after the verb is where it was headed ("moved in towards X"), and a verb with no place at all enters nothing."""
    assert events_of("In Mayadin, SDF units moved in on Thursday.") == [("Armed clash", "sdf", "Mayadin")]
    assert events_of("SDF units moved in on Thursday.") == []


def test_forces_massing_for_a_deed_have_not_done_it() -> None:
    """"fighters were massing near X to retake the town": forces gathered for a deed to come take nothing; an advance
    with the aim still fights for the place."""
    assert events_of("On Friday, Hezbollah fighters were massing near Qusayr to retake Talbiseh.") == []
    assert events_of("On Friday rebels pushed south to take Morek.") == [("Armed clash", "opposition", "Morek")]


def test_a_loss_without_firing_a_shot_is_no_fight() -> None:
    """"we lost X without firing a bullet": a transfer with no fight; a loss told alone is a taking."""
    assert events_of("On Friday, the army lost Talbiseh without firing a bullet.") == [
        ("Non-violent transfer of territory", "opposition", "Talbiseh")]
    assert events_of("On Friday, the army lost Talbiseh.") == [
        ("Non-state actor overtakes territory", "opposition", "Talbiseh")]


def test_a_force_gone_from_a_place_has_left_it() -> None:
    """"the army had gone from X": a departure; going somewhere, or things going from one place to another, leaves
    nothing."""
    assert events_of("By Sunday morning the army had gone from Homs.", published="2024-12-08") == [
        ("Change to group/activity", "government", "Homs")]
    assert events_of("On Sunday aid convoys went from Turkey to Idlib.", published="2024-12-08") == []
    assert events_of("On Sunday rebels went to Homs.", published="2024-12-08") == []


def test_a_noun_of_force_named_for_aid_is_no_force() -> None:
    """"aid convoys withdrew from X", "UN convoys entered Y": convoys of aid are no armed party; army convoys are."""
    assert events_of("On Thursday aid convoys withdrew from Idlib.") == []
    assert events_of("On Thursday UN convoys entered Saraqib.") == []
    assert events_of("On Thursday army convoys withdrew from Idlib.") == [("Change to group/activity", "government", "Idlib")]


def test_a_joined_verb_with_its_own_subject_keeps_its_own_place() -> None:
    """"X was handed to A, and in the east government forces abandoned Y to B": the second verb has its own subject
    (the quarter of the compass run into it is mended) and its own object, so X is not among what B was left; a joined
    verb with no subject of its own still shares the first one's passive subject ("X was shelled and later
    captured")."""
    text = "Daraa was handed to local factions, and in the east government forces abandoned Deir ez-Zor to the SDF."
    assert statuses(text) == {"gn:170905": ("opposition", "2024-12-06"), "gn:170794": ("sdf", "2024-12-06")}
    assert statuses("Daraa was shelled and later captured by rebels.") == {"gn:170905": ("opposition", "2024-12-06")}


def test_a_number_after_a_name_is_part_of_the_name() -> None:
    """"Base 46": the number is part of the base's name (the gazetteer's alias), not the end of the text's name."""
    assert events_of("Rebels captured Base 46 on Thursday.") == [
        ("Non-state actor overtakes territory", "opposition", "46th Regiment base")]
    assert events_of("Rebels captured Saraqib on Thursday, 46 hours after the offensive began.") == [
        ("Non-state actor overtakes territory", "opposition", "Saraqib")]


def test_a_force_moves_into_the_place_a_passive_says_was_abandoned() -> None:
    """"X was abandoned by the army on Thursday, and rebel columns drove in": the columns drove into X, a hand-over."""
    assert events_of("Maarat al-Numan was abandoned by the army on Thursday, and rebel columns drove in.") == [
        ("Non-violent transfer of territory", "opposition", "Ma'arrat al-Nu'man")]


def test_a_sides_own_statement_names_its_forces_in_the_first_person() -> None:
    """A side's own outlet ("our units stationed in X were redeployed outside the city") tells of its own forces: the
    withdrawal is that side's, and after the enemy's entry told just before it, the town changed hands without a fight
    (the units' station in X is the state before). From a source of no side, "our units" are nobody's, and the entry
    stays a fight."""
    text = ("Rebel groups managed to enter Hama on Thursday. Our units stationed in Hama were redeployed outside the city "
            "to spare civilians.")

    def read(source: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        x = frontlines.extract(text, published="2024-12-06", source=source)
        return [(e.sub_event_type, e.actor1_side) for e in x.events], [(a.place_id, a.status) for a in x.assertions]

    assert read("SANA (Syrian Arab News Agency)") == ([("Non-violent transfer of territory", "opposition")],
                                                      [(HAMA, "opposition")])
    assert read("Reuters")[1] == [(HAMA, "contested")]


def test_a_withdrawal_told_after_an_entry_hands_the_place_over() -> None:
    """"A entered X. B withdrew from the city the same day": the withdrawal after the entry makes it a taking, as one
    told before it does; a withdrawal from another place leaves the entry a fight."""
    assert statuses("Rebels entered Hama on Thursday. Government forces withdrew from the city the same day.") == {
        HAMA: ("opposition", "2024-12-05")}
    assert statuses("Rebels entered Hama on Thursday. Government forces withdrew from Morek the same day.")[HAMA] == (
        "contested", "2024-12-05")


def test_a_reference_is_where_its_own_words_put_it() -> None:
    """"pushed through the villages west of X and took the city": "the city" is X itself (the direction was the
    villages'); "seizing villages north of the city" puts the villages north of X, and X is not taken."""
    assert statuses("On Thursday rebels pushed through the villages west of Hama and took the city.") == {
        HAMA: ("opposition", "2024-12-05")}
    assert statuses("On Thursday rebels reached the outskirts of Hama, seizing villages north of the city.") == {
        HAMA: ("contested", "2024-12-05")}


def test_a_weekday_of_last_week_is_in_the_week_before() -> None:
    """"on Wednesday of last week" in a report of Thursday 5 December is 27 November, the Wednesday of the calendar
    week before; "on Wednesday" alone is the last one before the report, the 4th."""
    assert test_reader_eleventh.dated("Rebels took Saraqib on Wednesday of last week.", published="2024-12-05") == {
        "Saraqib": "2024-11-27"}
    assert test_reader_eleventh.dated("Rebels took Saraqib on Wednesday.", published="2024-12-05") == {
        "Saraqib": "2024-12-04"}


def test_a_governorate_in_brackets_after_places_locates_them() -> None:
    """"Rastan and Talbiseh (Homs): ... both towns were in its hands": the bracketed name is the places' governorate,
    not the city of that name and not one of "both towns"; a city named in brackets of its own is still the city."""
    text = "Rastan and Talbiseh (Homs): the opposition command said on Friday that both towns were in its hands."
    assert set(statuses(text)) == {"gn:172946", "gn:163779"}
    assert "gn:169577" in statuses("Rebels entered Homs (the city) on Friday.")


def test_weapons_owned_by_a_speaker_are_its_own() -> None:
    """"the army said its jets struck X": the jets are the speaker's, the strike its claim; jets named with no owner
    are nobody's."""
    def doers(text: str) -> list[str]:
        return [e.actor1_side for e in frontlines.extract(text, published="2024-12-06").events]

    assert doers("The army said its jets struck Qamhana on Wednesday.") == ["government"]
    assert doers("Jets struck Qamhana on Wednesday.") == ["unknown"]


def test_a_bullet_with_no_place_of_its_own_is_about_its_heading() -> None:
    """A place-by-place list ("Aleppo" on a line of its own, then "- In opposition hands since 30 November"): a bullet
    that names no place tells of the place its heading names; a bullet that names its own place, or text with no
    heading, tells of no other."""
    text = ("Who holds what, place by place.\n\nTell Rifaat\n- Captured by SNA factions on 1 December after two days of "
            "fighting.\n\nAleppo\n- In opposition hands since 30 November.\n")
    assert statuses(text, published="2024-12-08") == {"gn:163476": ("opposition", "2024-12-01"),
                                                       "gn:170063": ("opposition", "2024-11-30")}
    assert statuses("Who holds what.\n\nAleppo\n- Rebels captured Anjara on 28 November.\n", published="2024-12-08") == {
        "wp:anjara": ("opposition", "2024-11-28")}
    assert statuses("Who holds what.\n\n- In opposition hands since 30 November.\n", published="2024-12-08") == {}


def test_reports_called_baseless_are_disputed() -> None:
    """"described as 'completely baseless' reports that A had entered X": the deed is told and denied in one breath, a
    disputed event; told alone, it is reported."""
    assert [c for c, _ in certainty('The army described as "completely baseless" reports that rebels had entered '
                                    "Salamiyah on Thursday.")] == ["disputed"]
    assert [c for c, _ in certainty("Rebels entered Salamiyah on Thursday, residents said.")] == ["reported"]
