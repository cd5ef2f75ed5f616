"""GeoNames dump import, merging and the user places file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from frontlines.errors import InputError
from frontlines.mentions.gazetteer import read_places_csv
from frontlines.mentions.gazetteer_import import (
    ImportResult,
    add_user_places,
    keep_alternate,
    make_place,
    merge_places,
    plain_name,
    read_geonames_dump,
    user_places_path,
)
from frontlines.models import Place
from frontlines.theater import load_theater


def _row(gid: int, name: str, alternates: str, lat: object, lon: object, fclass: str, fcode: str,
         admin1: str, population: int = 0, cc: str = "SY") -> str:
    ascii_name = plain_name(name).replace("'", "")
    fields = [str(gid), name, ascii_name, alternates, str(lat), str(lon), fclass, fcode, cc, "", admin1,
              "", "", "", str(population), "", "300", "Asia/Damascus", "2024-01-01"]
    assert len(fields) == 19
    return "\t".join(fields)


ROWS = [
    _row(900001, "Kafr Rūmā", "Kafr Ruma,Kafr Rūmā,كفر روما,Кафр-Рума,kfr rwma,KRM", 35.6500, 36.6300, "P", "PPL", "12", 3000),
    _row(900002, "Idlib", "Edlib,Idleb,إدلب,Идлиб", 35.93062, 36.63393, "P", "PPLA", "12", 165000),
    _row(900003, "Sarāqib", "Saraqeb,سراقب", 35.86447, 36.80670, "P", "PPL", "12", 35000),
    _row(900004, "Abū az̧ Z̧uhūr Military Airbase", "Abu al-Duhur airbase,مطار أبو الظهور", 35.7323, 37.1040,
         "S", "AIRB", "12"),
    _row(900005, "Jabal an Nabī Yūnus", "Nabi Younes", 35.6667, 36.1833, "T", "MT", "02"),
    _row(900006, "Idlib Governorate", "Muhafazat Idlib,محافظة إدلب", 35.75, 36.55, "A", "ADM1", "12"),
    _row(900007, "Jisr ash Shughur District", "", 35.8, 36.3, "A", "ADM2", "12"),
    _row(900008, "Nahr al ‘Āşī", "Orontes", 35.5, 36.4, "H", "STM", "10"),
    _row(900009, "Broken Row", "", "abc", 36.6, "P", "PPL", "12"),
    _row(900010, "Al Lādhiqīyah", "Latakia,Lattakia,اللاذقية", 35.53168, 35.79011, "P", "PPLA", "02", 383786),
    _row(900011, "Ḩumaymīm", "Hmeimim,حميميم", 35.4117, 35.9486, "P", "PPL", "99", 1200),
    _row(900012, "Al Qaa", "", 34.3400, 36.4800, "P", "PPL", "LB01", 8000, cc="LB"),
    _row(900013, "Al Ḩamdānīyah", "Hamdaniyah", 36.1798, 37.1175, "P", "PPLX", "09"),
    _row(900014, "Buḩayrat Qaţţīnah", "Lake Qattinah,بحيرة قطينة", 34.6667, 36.6000, "H", "LK", "11"),
    _row(900015, "Ţarīq Ḩalab Dimashq", "", 35.2, 36.7, "R", "RD", "10"),
]

ALTERNATES = [
    # alternateNameId, geonameid, isolanguage, name, preferred, short, colloquial, historic, from, to
    "1\t900001\ten\tKafr Roma\t1\t\t\t\t\t",
    "2\t900001\tar\tكفرروما\t\t\t\t\t\t",
    "3\t900001\tru\tКафр-Рума\t\t\t\t\t\t",
    "4\t900001\tlink\thttps://en.wikipedia.org/wiki/Kafr_Ruma\t\t\t\t\t\t",
    "5\t900001\t\tCapharroma\t\t\t\t1\t\t",
    "6\t900001\tfr\tKafr Rouma\t\t\t\t\t\t",
    "7\t900001\tiata\tKFR\t\t\t\t\t\t",
    "8\t123456\ten\tSomewhere Else\t\t\t\t\t\t",
    "9\t900003\tde\tSarakeb\t\t\t\t\t\t",
    "10\t900003\tar-Latn\tSaraqib al-Jadida\t\t\t\t\t\t",
]


def _existing() -> list[Place]:
    return [
        Place("gn:900001", "Kafr Ruma", "settlement", 35.65, 36.63, admin1="Hama", names=("Kafr Ruma",)),
        Place("gn:900002", "Idlib", "settlement", 35.93, 36.63, admin1="Idlib", names=("Idlib", "Idleb")),
        Place("gn:900003", "Saraqib", "settlement", 35.86, 36.81, admin1="Idlib", names=("Saraqib",)),
        Place("gn:900010", "Latakia", "settlement", 35.53, 35.79, admin1="Latakia", names=("Latakia",)),
        Place("wp:jableh", "Jableh", "settlement", 35.36, 35.93, admin1="Latakia", names=("Jableh",)),
        Place("wp:aleppo", "Aleppo", "settlement", 36.20, 37.16, admin1="Aleppo", names=("Aleppo",)),
        Place("wp:homs", "Homs", "settlement", 34.73, 36.71, admin1="Homs", names=("Homs",)),
        Place("wp:hama", "Hama", "settlement", 35.13, 36.75, admin1="Hama", names=("Hama",)),
        Place("adm1:idlib", "Idlib Governorate", "region", 35.80, 36.69, admin1="Idlib", feature="governorate",
              approximate=True, names=("Idlib Governorate", "Idlib")),
    ]


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "SY.txt"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def alternates(tmp_path: Path) -> Path:
    path = tmp_path / "alternateNamesV2.txt"
    path.write_text("\n".join(ALTERNATES) + "\n", encoding="utf-8")
    return path


def _by_id(result: ImportResult) -> dict[str, Place]:
    return {p.id: p for p in result.places}


def test_kinds_features_and_ids(dump: Path) -> None:
    places = _by_id(read_geonames_dump(dump, existing=_existing()))
    expected = {
        "gn:900001": ("settlement", "village"),
        "gn:900002": ("settlement", "city"),
        "gn:900003": ("settlement", "town"),
        "gn:900004": ("facility", "airbase"),
        "gn:900005": ("terrain", "mountain"),
        "adm1:idlib": ("region", "governorate"),  # the theater's own governorate row, not a duplicate
        "gn:900010": ("settlement", "city"),
        "gn:900013": ("settlement", "neighbourhood"),
        "gn:900014": ("terrain", "lake"),
        "gn:900015": ("route", "road"),
    }
    assert {pid: (places[pid].kind, places[pid].feature) for pid in expected} == expected
    assert set(places) == {*expected, "gn:900011", "gn:900012"}
    village = places["gn:900001"]
    assert village.name == "Kafr Ruma" and village.lat == 35.65 and village.population == 3000
    assert village.country == "SY" and not village.approximate
    assert places["gn:900012"].country == "LB"
    assert places["adm1:idlib"].approximate


def test_skipped_rows_are_counted_by_reason(dump: Path) -> None:
    result = read_geonames_dump(dump, country="sy", existing=_existing())
    assert result.skipped == {"feature A.ADM2": 1, "feature H.STM": 1, "bad coordinates": 1, "other country": 1}
    assert "gn:900012" not in _by_id(result)
    assert all(p.country == "SY" for p in result.places)


def test_admin1_learnt_by_majority_of_existing_gn_rows(dump: Path) -> None:
    places = _by_id(read_geonames_dump(dump, existing=_existing()))
    # code 12 -> Idlib by 2 votes to 1 (the existing row that says Hama is outvoted)
    assert places["gn:900001"].admin1 == "Idlib"
    assert places["gn:900004"].admin1 == "Idlib"
    assert places["gn:900005"].admin1 == "Latakia"  # code 02 learnt from gn:900010


def test_admin1_from_nearest_place_when_code_unknown(dump: Path) -> None:
    result = read_geonames_dump(dump, existing=_existing())
    places = _by_id(result)
    assert places["gn:900011"].admin1 == "Latakia"  # code 99: nearest is Jableh
    assert places["gn:900013"].admin1 == "Aleppo"  # code 09 has no gn: vote: nearest is Aleppo
    assert places["gn:900014"].admin1 == "Homs"
    assert places["gn:900012"].admin1 == ""  # no LB place to learn from
    assert any("nearest" in w and "99" in w for w in result.warnings)


def test_zip_equals_txt(dump: Path, tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "GeoNames readme\n")
        zf.write(dump, "SY.txt")
    from_zip = read_geonames_dump(archive, existing=_existing())
    from_txt = read_geonames_dump(dump, existing=_existing())
    assert from_zip.places == from_txt.places and len(from_zip.places) == 12
    assert from_zip.skipped == from_txt.skipped


def test_alternatenames_column_keeps_latin_and_arabic_only(dump: Path) -> None:
    names = _by_id(read_geonames_dump(dump, existing=_existing()))["gn:900001"].names
    assert names[0] == "Kafr Ruma"
    assert "Kafr Rūmā" in names and "كفر روما" in names
    assert "Кафр-Рума" not in names  # Cyrillic
    assert "kfr rwma" not in names and "KRM" not in names  # romanisation, code
    assert "Идлиб" not in _by_id(read_geonames_dump(dump))["gn:900002"].names


def test_alternate_names_file_filters_languages(dump: Path, alternates: Path, tmp_path: Path) -> None:
    result = read_geonames_dump(dump, alternate_names=alternates, existing=_existing())
    village = _by_id(result)["gn:900001"]
    assert village.name == "Kafr Roma"  # preferred English name
    assert {"Kafr Roma", "كفرروما", "Kafr Rouma", "Kafr Ruma"} <= set(village.names)
    assert not {"Кафр-Рума", "Capharroma", "KFR"} & set(village.names)
    assert not any(n.startswith("http") for n in village.names)
    assert {"Sarakeb", "Saraqib al-Jadida"} <= set(_by_id(result)["gn:900003"].names)
    assert result.skipped["alternate name: link"] == 1
    assert result.skipped["alternate name: historic"] == 1
    assert result.skipped["alternate name: iata"] == 1
    assert result.skipped["alternate name: other language"] == 1
    archive = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\n")
        zf.write(alternates, "alternateNamesV2.txt")
    assert read_geonames_dump(dump, alternate_names=archive, existing=_existing()).places == result.places


def test_bad_files_raise_input_error(tmp_path: Path, dump: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_geonames_dump(empty)
    csv_file = tmp_path / "places.csv"
    csv_file.write_text("geonameid,name,lat,lon\n1,Idlib,35.9,36.6\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"places\.csv is not a GeoNames dump"):
        read_geonames_dump(csv_file)
    with pytest.raises(InputError, match="no such file"):
        read_geonames_dump(tmp_path / "missing.txt")
    not_zip = tmp_path / "SY.zip"
    not_zip.write_bytes(b"\x00\x01 not a zip")
    with pytest.raises(InputError, match="not a valid zip"):
        read_geonames_dump(not_zip)
    wrong_member = tmp_path / "XX.zip"
    with zipfile.ZipFile(wrong_member, "w") as zf:
        zf.writestr("a.txt", "x")
        zf.writestr("b.txt", "y")
    with pytest.raises(InputError, match=r"XX\.txt"):
        read_geonames_dump(wrong_member)
    with pytest.raises(InputError, match="alternateNames"):
        read_geonames_dump(dump, alternate_names=dump)  # a dump is not an alternate names file


def test_malformed_row_after_the_header_lines_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("\n".join([*ROWS[:6], "garbage line", *ROWS[6:]]) + "\n", encoding="utf-8")
    result = read_geonames_dump(path, existing=_existing())
    assert result.skipped["malformed row"] == 1
    assert len(result.places) == 12


def test_merge_places_unions_names_by_id() -> None:
    existing = _existing()
    new = [
        Place("gn:900002", "Idlib City", "settlement", 35.9, 36.6, names=("Idlib City", "Idleb", "إدلب")),
        Place("gn:900003", "Saraqib", "settlement", 35.86, 36.81, names=("Saraqib",)),  # nothing new
        Place("gn:777", "Kafr Nabl", "settlement", 35.61, 36.56, names=("Kafr Nabl",)),
    ]
    merged = {p.id: p for p in merge_places(existing, new)}
    assert set(merged) == {"gn:900002", "gn:777"}
    assert merged["gn:900002"].names == ("Idlib", "Idleb", "Idlib City", "إدلب")
    assert merged["gn:900002"].name == "Idlib" and merged["gn:900002"].admin1 == "Idlib"  # existing fields kept
    assert merged["gn:777"] == new[2]


def test_merge_places_near_namesakes_when_asked() -> None:
    existing = _existing()
    twin = Place("gn:555", "Jablah", "settlement", 35.361, 35.926, names=("Jablah", "Jableh", "جبلة"))
    far = Place("gn:556", "Jableh", "settlement", 33.0, 36.0, names=("Jableh",))
    assert {p.id for p in merge_places(existing, [twin, far])} == {"gn:555", "gn:556"}
    merged = {p.id: p for p in merge_places(existing, [twin, far], near_km=3.0)}
    assert set(merged) == {"wp:jableh", "gn:556"}
    assert merged["wp:jableh"].names == ("Jableh", "Jablah", "جبلة")


def test_user_places_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRONTLINES_HOME", str(tmp_path))
    assert user_places_path("syria") == tmp_path / "theaters" / "syria" / "places.csv"


def test_add_user_places_is_seen_by_a_fresh_theater(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRONTLINES_HOME", str(tmp_path))
    before = load_theater.__wrapped__("syria")
    assert not before.gazetteer.lookup("Khirbat Umm Fakhir")
    place = make_place("Khirbat Umm Fakhir", 35.71, 36.71, "settlement", aliases=["Umm Fakhir"], theater=before)
    path = add_user_places("syria", [place])
    assert path == tmp_path / "theaters" / "syria" / "places.csv" and path.is_file()
    again = make_place("Khirbat Umm Fakhir", 35.72, 36.72, "settlement", aliases=["Kherbet Om Fakher"], admin1="Idlib")
    add_user_places("syria", [again])
    rows = read_places_csv(path)
    assert len(rows) == 1 and rows[0].lat == 35.72
    assert rows[0].names == ("Khirbat Umm Fakhir", "Umm Fakhir", "Kherbet Om Fakher")
    after = load_theater.__wrapped__("syria")
    hit = after.gazetteer.lookup("Umm Fakhir")[0].place
    assert hit.id == "user:khirbat-umm-fakhir" and hit.admin1 == "Idlib"
    assert after.gazetteer.lookup("Kherbet Om Fakher")[0].place.id == hit.id


def test_imported_dump_reaches_the_theater(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dump: Path) -> None:
    monkeypatch.setenv("FRONTLINES_HOME", str(tmp_path))
    theater = load_theater.__wrapped__("syria")
    result = read_geonames_dump(dump, country=theater.country, existing=theater.gazetteer.places)
    added = merge_places(theater.gazetteer.places, result.places, near_km=5.0)
    add_user_places(theater.id, added)
    fresh = load_theater.__wrapped__("syria")
    # New places resolve, with the governorate learnt from the bundled gn: rows or the nearest place.
    mountain = fresh.gazetteer.lookup("Nabi Younes")[0].place
    assert (mountain.id, mountain.kind, mountain.admin1) == ("gn:900005", "terrain", "Latakia")
    # Places the bundled gazetteer holds under other ids gain names instead of becoming duplicates.
    lakes = [c.place.id for c in fresh.gazetteer.lookup("Lake Qattinah") if c.place.kind == "terrain"]
    assert lakes == ["cur:lake-qattinah"]
    assert "Buḩayrat Qaţţīnah" in fresh.gazetteer.by_id["cur:lake-qattinah"].names
    assert "Ḩumaymīm" in fresh.gazetteer.by_id["wp:hmeimim"].names
    governorate = fresh.gazetteer.by_id["adm1:idlib"]
    assert "Muhafazat Idlib" in governorate.names and governorate.name == "Idlib Governorate"
    assert len(fresh.gazetteer) == len(theater.gazetteer) + sum(p.id not in theater.gazetteer.by_id for p in added)
    assert "gn:900014" not in fresh.gazetteer.by_id


def test_make_place_validates(syria) -> None:
    place = make_place("  Tal  Sheikh Ahmad ", 36.2012, 37.0833, "terrain", aliases=["Sheikh Ahmad hill"])
    assert place.id == "user:tal-shaykh-ahmad" and place.name == "Tal Sheikh Ahmad"
    assert place.names == ("Tal Sheikh Ahmad", "Sheikh Ahmad hill") and place.approximate and place.admin1 == ""
    assert make_place("Near Idlib", 35.93, 36.64, "settlement", theater=syria).admin1 == "Idlib"
    assert make_place("Foreign", 35.93, 36.64, "settlement", country="TR", theater=syria).admin1 == ""
    assert make_place("Kept", 35.93, 36.64, "settlement", admin1="Hama", theater=syria).admin1 == "Hama"
    with pytest.raises(InputError, match="coordinates"):
        make_place("X town", 95.0, 36.0, "settlement")
    with pytest.raises(InputError, match="coordinates"):
        make_place("X town", 35.0, float("nan"), "settlement")
    with pytest.raises(InputError, match="kind"):
        make_place("X town", 35.0, 36.0, "castle")
    with pytest.raises(InputError, match=r"\|"):
        make_place("X town", 35.0, 36.0, "settlement", aliases=["a|b"])
    with pytest.raises(InputError, match="no letters"):
        make_place("  ", 35.0, 36.0, "settlement")


@pytest.mark.parametrize(
    ("name", "kept"),
    [("Kafr Nabl", True), ("كفر نبل", True), ("Kafr Nabl 2", False), ("ALP", False), ("hlb", False),
     ("Кафр-Набль", False), ("ハサカ", False), ("hەsychە", False), ("Ma‘arrat an Nu‘mān", True)],
)
def test_keep_alternate(name: str, kept: bool) -> None:
    assert keep_alternate(name) is kept


def test_plain_name() -> None:
    assert plain_name("‘Āmūdā") == "Amuda"
    assert plain_name("Ma‘arrat an  Nu‘mān") == "Ma'arrat an Nu'man"
