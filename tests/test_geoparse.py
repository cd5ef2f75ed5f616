"""Geoparsing on the tiny theater: recognition, look-alikes, namesakes, relative places, unresolved."""

from __future__ import annotations

import pytest

import frontlines
from frontlines.mentions.geoparse import Geoparser, find_spans
from frontlines.read.ingest import from_text


def _parse(theater, text: str):
    doc = from_text(text, published="2024-11-30")
    actors = theater.actors.find(doc.text, doc.id)
    return Geoparser(theater)(doc, [(0, len(text))], [], actors)


def _names(result) -> list[tuple[str, str]]:
    return [(p.mention, p.place_id) for p in result.places]


def test_multiword_names_win_over_parts(mini) -> None:
    spans = find_spans("Rebels reached Khan Sheikhoun and Ma'arrat al-Nu'man at dawn.", mini.gazetteer)
    assert [s.text for s in spans] == ["Khan Sheikhoun", "Ma'arrat al-Nu'man"]


@pytest.mark.parametrize(
    ("text", "mention", "place_id"),
    [
        ("Fighting reached Maarat al-Numan overnight.", "Maarat al-Numan", "gn:169577"),
        ("Fighting reached Ma’arrat al-Nu’man overnight.", "Ma’arrat al-Nu’man", "gn:169577"),
        ("Shelling hit Kafranbel on Friday.", "Kafranbel", "gn:169389"),
        ("The status of Mahardah is unclear.", "Mahardah", "gn:167357"),
        ("Convoys moved toward Tal Rifaat.", "Tal Rifaat", "gn:170591" if False else "wp:tell-rifaat"),
        ("مقاتلون دخلوا سراقب فجر اليوم", "سراقب", "gn:163270"),
        ("Clashes near Sarakeb continued.", "Sarakeb", "gn:163270"),
    ],
)
def test_transliterations_resolve(mini, text: str, mention: str, place_id: str) -> None:
    assert (mention, place_id) in _names(_parse(mini, text))


def test_lookalikes_do_not_resolve(mini) -> None:
    text = ("Faylaq al-Sham fighters and the Hamza Division fired Burkan rockets; the Sham Legion denied it. "
            "Iranian advisers left Aleppo.")
    result = _parse(mini, text)
    assert [p.name for p in result.places] == ["Aleppo"]


def test_foreign_namesake_never_wins(mini) -> None:
    text = "Rebels captured Saraqib and then the village of Ramtha east of it."
    ids = dict(_names(_parse(mini, text)))
    assert ids["Ramtha"] == "wp:ramtha-sy"


def test_only_foreign_candidates_is_unresolved(mini) -> None:
    result = _parse(mini, "Families fled to Amman last year.")
    assert not result.places
    assert any(u.mention == "Amman" and "foreign" in u.reason for u in result.unresolved)


def test_syrian_namesake_on_the_front_wins(mini) -> None:
    result = _parse(mini, "After Saraqib fell, HTS pushed east and entered Al-Tayyibah.")
    assert dict(_names(result))["Al-Tayyibah"] == "wp:al-tayyibah-idlib"


def test_region_cues(mini) -> None:
    result = _parse(mini, "Heavy strikes hit the western Idlib countryside and Idlib city; all of Aleppo governorate fell.")
    kinds = [(p.mention, p.kind) for p in result.places]
    assert kinds == [("Idlib", "region"), ("Idlib", "settlement"), ("Aleppo", "region")]
    assert result.places[0].geo_precision == 3


def test_facility_and_terrain(mini) -> None:
    result = _parse(mini, "HTS captured Abu al-Duhur airbase and advanced along the M5 highway into Jabal Zawiya.")
    got = {p.mention: p.kind for p in result.places}
    assert got["Abu al-Duhur airbase"] == "facility"
    assert got["M5 highway"] == "route"
    assert got["Jabal Zawiya"] == "terrain"


def test_relative_locations(mini) -> None:
    result = _parse(mini, "Clashes were reported three km west of Saraqib and on the outskirts of Hama.")
    west, outskirts = result.places
    assert west.relation.endswith("west of") and west.geo_precision == 2 and west.anchor_id == "gn:163270"
    assert west.lon < 36.80 and abs(west.lat - 35.86) < 0.01
    assert outskirts.relation.startswith("on the outskirts") and outskirts.geo_precision == 2


def test_between_gives_midpoint(mini) -> None:
    result = _parse(mini, "Fighting raged between Saraqib and Idlib city.")
    a, b = result.places
    assert a.relation == b.relation == "between"
    assert a.lat == b.lat and 35.86 < a.lat < 35.93


def test_unknown_village_in_place_slot_is_unresolved(mini) -> None:
    result = _parse(mini, "Opposition fighters entered the village of Tell Ayyubi and shelled Kherbet Joz.")
    reasons = {u.mention: u.reason for u in result.unresolved}
    assert "Tell Ayyubi" in reasons and reasons["Tell Ayyubi"].startswith("not in gazetteer")
    assert not result.places  # never forced onto a far namesake


def test_offsets_point_into_text(mini) -> None:
    text = "HTS captured Saraqib. Later, Idlib city was hit."
    for p in _parse(mini, text).places:
        assert text[p.start : p.end] == p.mention


def test_unknown_names_in_a_list_of_places_are_unresolved(mini) -> None:
    result = _parse(mini, "Rebels took Saraqib, Tell Hadiya, Kherbet Joz and Kafr Nabl on Friday.")
    assert [p.name for p in result.places] == ["Saraqib", "Kafr Nabl"]
    assert [u.mention for u in result.unresolved] == ["Tell Hadiya", "Kherbet Joz"]
    assert all("list of places" in u.reason for u in result.unresolved)


def test_possessive_facility_is_the_facility_not_the_city() -> None:
    result = frontlines.extract("Armed groups took Hama's military airport on 5 December.", published="2024-12-06")
    assert [p.name for p in result.places] == ["Hama military airport"]


def test_an_exact_name_beats_a_look_alike_near_the_other_places() -> None:
    # "Kobani" is a known name of the Aleppo-governorate town; a village spelled "Kabani" lies near Qardaha
    result = frontlines.extract("Fighting went on in Kobani and in Qardaha on 5 December.", published="2024-12-06")
    assert [p.name for p in result.places] == ["Kobani", "Qardaha"]


def test_the_article_of_a_hyphenated_name_is_no_place_alone() -> None:
    # a village whose name folds to the article alone ("Al-Al") must not be read into the "Al-" of other names
    result = frontlines.extract("Shells fell on Al-Zuhur farm and Al-Nour school near Sarmin.", published="2024-12-06")
    assert "wp:al-al" not in [p.place_id for p in result.places]
    spelled = frontlines.extract("Israeli troops reached Al-Al on 9 December.", published="2024-12-10")
    assert [p.place_id for p in spelled.places] == ["wp:al-al"]


def test_a_list_with_one_governorate_is_a_list_of_governorates() -> None:
    # "across A and western B": B is named as a governorate, so A (a city sharing its governorate's name) is one too
    listed = frontlines.extract("Shelling was reported across Hama and northern Idlib.", published="2024-12-06")
    assert [p.place_id for p in listed.places] == ["adm1:hama", "adm1:idlib"]
    # a town of its own name stays a town; a city alone stays the city
    town = frontlines.extract("Rebels entered Saraqib and northern Hama.", published="2024-12-06")
    assert [(p.name, p.kind) for p in town.places] == [("Saraqib", "settlement"), ("Hama Governorate", "region")]
    alone = frontlines.extract("Shelling was reported in Hama.", published="2024-12-06")
    assert [p.place_id for p in alone.places] == ["gn:170017"]


def test_a_lone_exact_name_in_a_military_slot_is_no_far_namesake() -> None:
    """A village far from every other place a report names is dropped as someone else's namesake, unless its
    name is exact and unique and a military verb asks for a place there ("withdrew from X and Y"); a base or an
    airport whose exact name is its own is that site, however far it lies from the rest of the report."""
    text = ("On 5 December the army withdrew from Resafa and Maadan, and on 6 December the SDF took Mayadin, "
            "Abu Kamal and Deir ez-Zor.")
    assert "wp:resafa" in [p.place_id for p in frontlines.extract(text, published="2024-12-06").places]
    loose = ("Residents of Resafa watched the news. On 6 December the SDF took Mayadin, Abu Kamal, "
             "Al-Quriyah and Deir ez-Zor.")
    assert "wp:resafa" not in [p.place_id for p in frontlines.extract(loose, published="2024-12-06").places]
    base = ("US troops remain at al-Tanf, officials said. The SDF still holds Manbij, Raqqa, Tabqa and Kobani, "
            "and fighting goes on near Deir Hafer.")
    assert "cur:al-tanf-base" in [p.place_id for p in frontlines.extract(base, published="2024-12-09").places]


def test_a_field_named_after_a_town_is_not_the_town() -> None:
    # a facility we lack, named after a town, is no mention of the town; it is kept by its name, like any
    # place the gazetteer lacks, so what happened there is still told
    result = frontlines.extract("Army units left the Thawra oil field on 5 December.", published="2024-12-06")
    assert not result.places and [u.mention for u in result.unresolved] == ["Thawra oil field"]
    assert [e.location for e in result.events] == ["Thawra oil field"]


@pytest.mark.parametrize("phrase", ["north-west Syria", "northwestern Syria", "North-Western Syria", "northwest Syria"])
def test_a_direction_of_the_country_is_a_part_of_it_not_the_country(phrase: str) -> None:
    """"north-west Syria" is kept by its name, one id whatever its spelling; it locates no event and no status."""
    from frontlines.mentions.geoparse import unmapped_id

    result = frontlines.extract(f"Aid convoys reached {phrase} on Monday while shelling hit {phrase} again.",
                                published="2024-12-03")
    assert not [p for p in result.places if p.kind == "country"]
    assert [u.mention for u in result.unresolved] == [phrase, phrase]
    assert unmapped_id(phrase) == unmapped_id("north-west Syria")
    assert not result.events and not result.assertions
    assert [p.kind for p in frontlines.extract("Syria was calm.", published="2024-12-03").places] == ["country"]


@pytest.mark.parametrize(("glued", "apart"), [("Albukamal", "Al-Bukamal"), ("Almayadin", "al-Mayadin"), ("Elbab", "el-Bab")])
def test_an_article_glued_to_the_name_is_the_name(glued: str, apart: str) -> None:
    """"Albukamal" is "Al-Bukamal" written without its hyphen: the same place, not a look-alike to be doubted."""
    from frontlines.theater import load_theater

    want = load_theater("syria").gazetteer.lookup(apart)[0].place.id
    result = frontlines.extract(f"Kurdish-led units entered {glued} and Raqqa on Friday.", published="2024-12-08")
    assert want in [p.place_id for p in result.places]


def test_distance_does_not_choose_between_a_seat_and_its_governorate() -> None:
    """Two governorate seats named far apart are still the cities, not their governorates: a seat and its
    governorate share a name and the same ground, so only a cue ("province") makes it the governorate."""
    result = frontlines.extract("Troops pulled back from Homs. Kurdish-led forces took over Deir ez-Zor.", published="2024-12-07")
    assert [(p.mention, p.kind) for p in result.places] == [("Homs", "settlement"), ("Deir ez-Zor", "settlement")]
    cued = frontlines.extract("Troops pulled back from Homs province. Kurdish-led forces took over Deir ez-Zor.",
                              published="2024-12-07")
    assert [p.kind for p in cued.places] == ["region", "settlement"]


def test_a_look_alike_far_from_the_places_around_it_is_unresolved() -> None:
    """A name matched only by a look-alike spelling must lie near the places named around it (a list of villages
    taken on one front); the same look-alike near them resolves."""
    far = frontlines.extract("Rebels took Urum al-Kubra, Anjara, al-Saloum and Kafr Nasih on 27 November.",
                             published="2024-11-28")
    assert "wp:salma" not in [p.place_id for p in far.places]
    assert "al-Saloum" in [u.mention for u in far.unresolved]
    near = frontlines.extract("Rebels took Kinsabba, Salmah and Rabia on 27 November.", published="2024-11-28")
    assert "wp:salma" in [p.place_id for p in near.places]


def test_a_long_run_of_blanks_in_a_list_gap_is_read_in_one_pass() -> None:
    # the gap between a slot and a later list member is matched without backtracking over runs of blanks
    # (a nested repetition there once took exponential time on a long run of spaces before a lower-case word)
    text = "On 5 December the army withdrew from Maadan," + " " * 60 + "x Resafa and Mayadin."
    result = frontlines.extract(text, published="2024-12-06")
    assert "wp:resafa" in [p.place_id for p in result.places] or "Resafa" in [u.mention for u in result.unresolved]


def test_a_route_by_any_of_its_road_words() -> None:
    # "route", "road", "highway" and "motorway" name the same road: the gazetteer's "Homs-Hama highway"
    for phrase in ("the Hama-Homs route", "the Hama-Homs motorway", "the Homs-Hama road"):
        result = frontlines.extract(f"Army units held {phrase} on 4 December.", published="2024-12-05")
        assert [p.place_id for p in result.places] == ["cur:homs-hama-highway"], phrase


def test_a_naval_base_named_after_its_town() -> None:
    result = frontlines.extract("On 2 December Russian warships began leaving the Tartus naval base.", published="2024-12-03")
    assert [p.place_id for p in result.places] == ["cur:tartus-naval-base"]
    assert [(e.sub_event_type, e.actor1_side) for e in result.events] == [("Change to group/activity", "russia")]


def test_names_that_open_a_list_before_its_first_known_place_are_places_we_lack() -> None:
    """'including A, B and C' with only C known: A and B are listed places the gazetteer lacks; a name that only
    precedes a place in some other phrase is not."""
    listed = frontlines.extract("Kurdish-led fighters took five hamlets on Tuesday, including Jdeidet Bakr, Tell Umm Sudd and Khasham.",
                                published="2024-12-04")
    assert [u.mention for u in listed.unresolved][:2] == ["Jdeidet Bakr", "Tell Umm Sudd"]
    assert all("list of places" in u.reason for u in listed.unresolved[:2])
    other = frontlines.extract("Delegates, including Omar, spoke to reporters in Khasham.", published="2024-12-04")
    assert "Omar" not in [u.mention for u in other.unresolved]


def test_a_far_namesake_listed_with_places_of_one_front_is_a_place_we_lack() -> None:
    """A name whose only namesake lies in another governorate, listed between villages of one front, is kept by
    its name (no point on the map) so that the list's events and control still hold it."""
    result = frontlines.extract("Kurdish-led fighters seized four hamlets east of Deir ez-Zor city, including Khasham, "
                                "Salhiyeh and Mazlum.", published="2024-12-04")
    salhiyeh = next(u for u in result.unresolved if u.mention == "Salhiyeh")
    assert salhiyeh.reason.startswith("not in gazetteer") and "far namesake" in salhiyeh.reason
    assert "Salhiyeh" in [e.location for e in result.events]


def test_the_nearby_town_is_that_town_but_nearby_a_town_is_a_relation() -> None:
    adjective = frontlines.extract("Rebels stormed the nearby Saraqib on Friday.", published="2024-11-30")
    assert [p.relation for p in adjective.places if p.name == "Saraqib"] == [""]
    relation = frontlines.extract("Shells landed nearby Saraqib on Friday.", published="2024-11-30")
    assert [p.relation for p in relation.places if p.name == "Saraqib"] == ["nearby"]


def test_a_name_a_party_was_driven_out_of_is_a_place_even_if_the_parser_calls_it_a_person() -> None:
    result = frontlines.extract("Turkish-backed factions pushed the SDF out of Ayn Daqnah on Monday.", published="2024-12-03")
    assert "Ayn Daqnah" in [u.mention for u in result.unresolved]


def test_a_named_site_or_height_spelt_another_way_is_no_far_namesake() -> None:
    """"X air base" for the gazetteer's "X airbase", "Jabal al-Y" for "Jabal Y": a site or a height that only one
    place answers to is that place, however far from the rest of the report; a village matched by its letters alone
    far from the front is still dropped."""
    south = ("Rebels took Daraa, Nawa, Jasim and Busra al-Sham on 6 December. The army evacuated the Khalkhala "
             "air base the same day.")
    assert "Khalkhalah airbase" in [p.name for p in frontlines.extract(south, published="2024-12-07").places]
    desert = ("The SDF holds Raqqa, Tabqa, Kobani and Manbij. Jets struck hideouts in the Jabal al-Bishri "
              "area on Sunday.")
    assert "Jabal Bishri" in [p.name for p in frontlines.extract(desert, published="2024-12-09").places]


def test_a_capital_that_opens_a_sentence_is_no_name_by_its_letters_alone() -> None:
    """A word matched to a place only by its consonants must look like a name; the capital of a sentence's first
    word says nothing ("Bread prices fell in X" names no village Barad). Mid-sentence, or an exact name, it still
    does."""
    assert [p.name for p in frontlines.extract("Bread and fuel prices in Hama fell sharply.", published="2024-12-09").places] \
        == ["Hama"]
    assert "Saraqib" in [p.name for p in frontlines.extract("Saraqeb fell.", published="2024-12-09").places]


def test_a_name_that_ends_in_region_or_area_is_looked_up_whole() -> None:
    """"the Shahba area": a name of the gazetteer that ends in a word of a kind of place is found whole, not as
    its first word (a town of that name far away); "the Aleppo area", which the gazetteer does not list, is Aleppo."""
    result = frontlines.extract("Factions seized Tell Rifaat and villages in the Shahba area on 1 December.",
                                published="2024-12-02")
    assert [p.place_id for p in result.places] == ["gn:163476", "cur:shahba-region"]
    assert [p.name for p in frontlines.extract("Clashes in the Idlib area.", published="2024-12-02").places] == ["Idlib"]


@pytest.mark.parametrize(("mention", "place_id"), [
    ("Hatla", "cur:hatla"), ("Mazloum", "cur:mazlum"), ("al-Husseiniyah", "cur:husayniyah-deir-ez-zor"),
    ("Ma'ariya", "cur:maariya"), ("Jubata al-Khashab", "cur:jubata-al-khashab")])
def test_villages_of_the_december_fronts_are_in_the_gazetteer(mention: str, place_id: str) -> None:
    """Villages the reports of the east and the Golan line name (curated, positions approximate)."""
    result = frontlines.extract(f"Forces entered {mention} on 10 December.", published="2024-12-11")
    assert [p.place_id for p in result.places] == [place_id]


def test_a_town_of_the_qalamoun_is_not_its_namesake_in_homs() -> None:
    """"withdrew from Yabroud, Flitah and Al-Naseriyah": the Qalamoun town by the Nasiriyah airbase (curated), not
    the village of that name in Homs."""
    result = frontlines.extract("On 7 December the army withdrew from Yabroud, Flitah and Al-Naseriyah.", published="2024-12-08")
    assert "cur:nasiriyah-rif-dimashq" in [p.place_id for p in result.places]


def test_a_name_before_a_word_of_a_body_names_the_body() -> None:
    """"the offices of the Baath Party": a name followed by a word of a party, a committee or a union names a body,
    not a village of that name; the name alone is still the village."""
    result = frontlines.extract("On 6 December residents ransacked the offices of the Baath Party in Deir ez-Zor.",
                                published="2024-12-07")
    assert [p.place_id for p in result.places] == ["gn:170794"]
    assert "wp:baath" in [p.place_id for p in frontlines.extract("Rebels entered Baath and Deir Hafer on Sunday.",
                                                                   published="2024-12-07").places]
