"""Checks on the committed Syria theater data (gazetteer, curated places, actors).

These tests read only files in the repository. The determinism test also runs
scripts/build_gazetteer.py, and is skipped when the raw inputs in
../shared/data/gazetteer are not present.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
THEATER = REPO / "src" / "frontlines" / "theaters" / "syria"
GAZETTEER = THEATER / "gazetteer.tsv"
CURATED = THEATER / "curated_places.csv"
ACTORS = THEATER / "actors.toml"
SHARED = REPO.parent / "shared" / "data" / "gazetteer"

COLUMNS = [
    "id", "name", "kind", "feature", "lat", "lon", "admin1",
    "country", "population", "approximate", "names",
]
KINDS = {"settlement", "facility", "terrain", "region", "route", "country"}
GOVERNORATES = {
    "Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Tartus", "Damascus", "Rif Dimashq",
    "Daraa", "As-Suwayda", "Quneitra", "Deir ez-Zor", "Raqqa", "Al-Hasakah",
}
# Syria's bounding box, with a little slack.
SY_LAT = (32.25, 37.40)
SY_LON = (35.55, 42.45)
ID_PREFIXES = ("gn:", "wp:", "cur:", "adm1:", "country:")


def _read_tsv() -> tuple[list[str], list[dict[str, str]]]:
    text = GAZETTEER.read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        assert len(fields) == len(header), f"line {n}: {len(fields)} fields"
        rows.append(dict(zip(header, fields, strict=True)))
    return header, rows


@pytest.fixture(scope="module")
def gazetteer() -> list[dict[str, str]]:
    header, rows = _read_tsv()
    assert header == COLUMNS
    return rows


@pytest.fixture(scope="module")
def actors() -> dict:
    with ACTORS.open("rb") as fh:
        return tomllib.load(fh)


def _find(rows: list[dict[str, str]], name: str, kind: str | None = None) -> list[dict]:
    want = name.casefold()
    return [
        r for r in rows
        if want in (n.casefold() for n in r["names"].split("|"))
        and (kind is None or r["kind"] == kind)
    ]


# --------------------------------------------------------------------------
# gazetteer.tsv
# --------------------------------------------------------------------------


def test_file_is_small_plain_utf8():
    data = GAZETTEER.read_bytes()
    assert len(data) < 2_000_000
    data.decode("utf-8")
    assert b"\r" not in data


def test_rows_are_valid(gazetteer):
    assert len(gazetteer) > 1500
    for r in gazetteer:
        rid = r["id"]
        assert rid.startswith(ID_PREFIXES), rid
        assert r["name"].strip() == r["name"] and r["name"], rid
        assert r["kind"] in KINDS, rid
        assert r["feature"], rid
        lat, lon = float(r["lat"]), float(r["lon"])
        assert len(r["lat"].split(".")[1]) == 5 and len(r["lon"].split(".")[1]) == 5, rid
        assert len(r["country"]) == 2 and r["country"].isupper(), rid
        assert int(r["population"]) >= 0, rid
        assert r["approximate"] in ("0", "1"), rid
        names = r["names"].split("|")
        assert r["name"] in names, rid
        assert all(n and n == n.strip() for n in names), rid
        assert len(names) == len(set(names)), rid
        if r["country"] == "SY":
            assert SY_LAT[0] <= lat <= SY_LAT[1] and SY_LON[0] <= lon <= SY_LON[1], rid
            if r["kind"] == "country":
                assert r["admin1"] == ""
            else:
                assert r["admin1"] in GOVERNORATES, rid
        else:
            assert r["admin1"] == "", rid
            assert -90 <= lat <= 90 and -180 <= lon <= 180, rid


def test_ids_unique_and_sorted(gazetteer):
    ids = [r["id"] for r in gazetteer]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_governorates_and_country(gazetteer):
    govs = [r for r in gazetteer if r["feature"] == "governorate"]
    assert {r["admin1"] for r in govs} == GOVERNORATES
    assert all(r["kind"] == "region" and r["id"].startswith("adm1:") for r in govs)
    idlib = next(r for r in govs if r["admin1"] == "Idlib")
    assert {"Idlib", "Idleb", "إدلب"} <= set(idlib["names"].split("|"))
    (syria,) = [r for r in gazetteer if r["id"] == "country:SY"]
    assert syria["kind"] == "country"
    assert {"Syria", "Syrian Arab Republic", "سوريا"} <= set(syria["names"].split("|"))


@pytest.mark.parametrize(
    ("name", "kind", "admin1"),
    [
        ("Saraqib", "settlement", "Idlib"),
        ("Khan Shaykhun", "settlement", "Idlib"),
        ("Khan Sheikhoun", "settlement", "Idlib"),
        ("Kafr Nabl", "settlement", "Idlib"),
        ("Kafranbel", "settlement", "Idlib"),
        ("Mhardeh", "settlement", "Hama"),
        ("Tell Rifaat", "settlement", "Aleppo"),
        ("Tal Rifaat", "settlement", "Aleppo"),
        ("Ma'arrat al-Nu'man", "settlement", "Idlib"),
        ("Morek", "settlement", "Hama"),
        ("Halfaya", "settlement", "Hama"),
        ("Taybat al-Imam", "settlement", "Hama"),
        ("Kafr Zita", "settlement", "Hama"),
        ("Sarmada", "settlement", "Idlib"),
        ("Kobani", "settlement", "Aleppo"),
        ("Sheikh Maqsoud", "settlement", "Aleppo"),
        ("Ashrafiyah", "settlement", "Aleppo"),
        ("Aleppo International Airport", "facility", "Aleppo"),
        ("Kuweires airbase", "facility", "Aleppo"),
        ("Abu al-Duhur airbase", "facility", "Idlib"),
        ("Hama military airport", "facility", "Hama"),
        ("T4", "facility", "Homs"),
        ("Artillery College", "facility", "Aleppo"),
        ("Aleppo University", "facility", "Aleppo"),
        ("Bab al-Hawa crossing", "facility", "Idlib"),
        ("M5 highway", "route", "Idlib"),
        ("M4", "route", "Idlib"),
        ("Castello road", "route", "Aleppo"),
        ("Jabal Zawiya", "terrain", "Idlib"),
        ("Jabal Zayn al-Abidin", "terrain", "Hama"),
        ("Sahl al-Ghab", "terrain", "Hama"),
        ("Ghab plain", "terrain", "Hama"),
        ("Mount Hermon", "terrain", "Rif Dimashq"),
        ("Qara Qozak", "facility", "Aleppo"),
        ("Madinat al-Baath", "settlement", "Quneitra"),
        ("Hadar", "settlement", "Quneitra"),
    ],
)
def test_required_places(gazetteer, name, kind, admin1):
    hits = _find(gazetteer, name, kind)
    assert hits, f"{name} ({kind}) missing"
    assert any(h["admin1"] == admin1 for h in hits), (name, [h["admin1"] for h in hits])


def test_merged_sources_keep_one_row(gazetteer):
    # GeoNames and Wikipedia spellings of the same town end up in one row
    hits = _find(gazetteer, "Khan Shaykhun", "settlement")
    assert len(hits) == 1
    row = hits[0]
    assert row["id"].startswith("gn:")
    names = row["names"].split("|")
    assert "Khān Shaykhūn" in names and "خان شيخون" in names
    assert len(_find(gazetteer, "Saraqib", "settlement")) == 1


def test_arabic_variants_present(gazetteer):
    for name, arabic in [
        ("Saraqib", "سراقب"),
        ("Khan Shaykhun", "خان شيخون"),
        ("Kafr Nabl", "كفرنبل"),
        ("Tell Rifaat", "تل رفعت"),
        ("Aleppo", "حلب"),
        ("Sahl al-Ghab", "سهل الغاب"),
    ]:
        hits = _find(gazetteer, name)
        assert any(arabic in h["names"].split("|") for h in hits), name
    arabic_rows = sum(
        1 for r in gazetteer if any("\u0600" <= ch <= "\u06ff" for ch in r["names"])
    )
    assert arabic_rows > 0.8 * len(gazetteer)


def test_no_junk_alternates(gazetteer):
    for r in gazetteer:
        for n in r["names"].split("|"):
            assert not any("\u0400" <= ch <= "\u04ff" for ch in n), (r["id"], n)  # Cyrillic
            assert not any("\u0370" <= ch <= "\u03ff" for ch in n), (r["id"], n)  # Greek
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in n), (r["id"], n)  # CJK
    aleppo = next(r for r in gazetteer if r["id"] == "gn:170063")
    names = aleppo["names"].split("|")
    assert "ALP" not in names and "hlb" not in names
    assert "Halab" in names and "حلب" in names


def test_foreign_namesakes_are_foreign(gazetteer):
    for name, country in [("Sinjar", "IQ"), ("Tal Afar", "IQ"), ("Irbid", "JO"),
                          ("Mafraq", "JO"), ("Kilis", "TR"), ("Baalbek", "LB")]:
        hits = _find(gazetteer, name)
        assert any(h["country"] == country for h in hits), name
    # Syrian namesakes exist alongside the foreign ones
    sinjar = _find(gazetteer, "Sinjar", "settlement")
    assert {h["country"] for h in sinjar} == {"SY", "IQ"}
    assert any(h["admin1"] == "Idlib" for h in sinjar)


def test_syrian_namesakes_kept_apart(gazetteer):
    suran = [h for h in _find(gazetteer, "Suran", "settlement") if h["country"] == "SY"]
    assert {h["admin1"] for h in suran} >= {"Aleppo", "Hama"}
    taybah = [h for h in _find(gazetteer, "Al-Taybah", "settlement")]
    assert len(taybah) >= 3


def test_kinds_present(gazetteer):
    kinds = Counter(r["kind"] for r in gazetteer)
    assert set(kinds) == KINDS
    features = {r["feature"] for r in gazetteer}
    assert {"city", "town", "village", "neighbourhood", "airbase", "airport", "mountain",
            "plain", "dam", "highway", "governorate", "country", "crossing"} <= features


# --------------------------------------------------------------------------
# curated_places.csv
# --------------------------------------------------------------------------


def test_curated_places_format():
    with CURATED.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == [
            "id", "name", "kind", "feature", "lat", "lon", "admin1",
            "country", "approximate", "names", "note",
        ]
        rows = list(reader)
    assert len(rows) > 100
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["id"].startswith("cur:"), r["id"]
        assert r["kind"] in KINDS, r["id"]
        float(r["lat"]), float(r["lon"])
        assert r["approximate"] in ("0", "1"), r["id"]
        if r["country"] == "SY":
            assert r["admin1"] in GOVERNORATES, r["id"]
        if r["kind"] == "route":
            assert r["note"], r["id"]  # endpoints


def test_curated_rows_reach_gazetteer(gazetteer):
    with CURATED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_name = {r["name"] for r in gazetteer}
    all_names = {n for r in gazetteer for n in r["names"].split("|")}
    for r in rows:
        assert r["name"] in by_name or r["name"] in all_names, r["id"]


# --------------------------------------------------------------------------
# actors.toml
# --------------------------------------------------------------------------

INTER = {
    "State forces", "Rebel group", "Political militia", "Identity militia", "Civilians",
    "External/Other forces", "Protesters", "Rioters", "Other",
}
GENERIC = {"forces", "fighters", "troops", "army", "militia", "militias", "factions",
           "groups", "men", "soldiers", "units"}


def test_actor_sides(actors):
    sides = {s["id"]: s for s in actors["side"]}
    assert set(sides) == {"government", "opposition", "sdf", "isis", "civilians", "unknown"}
    colors = [s["color"] for s in sides.values()]
    assert len(set(colors)) == len(colors)
    assert all(c.startswith("#") and len(c) == 7 for c in colors)


def test_actor_entries(actors):
    sides = {s["id"] for s in actors["side"]}
    ids = [a["id"] for a in actors["actor"]]
    assert len(ids) == len(set(ids))
    for a in actors["actor"]:
        assert set(a) <= {"id", "name", "side", "inter", "parent", "aliases", "media", "state"}, a["id"]
        if a.get("state"):  # a foreign state's forces
            assert a["inter"] == "External/Other forces" and a["state"] == a["state"].lower(), a["id"]
        assert a["side"] in sides, a["id"]
        assert a["inter"] in INTER, a["id"]
        assert a["parent"] == "" or a["parent"] in ids, a["id"]
        assert isinstance(a["aliases"], list) and a["aliases"], a["id"]
        if a.get("media"):
            assert a["inter"] == "Other", a["id"]


def test_aliases_unique_and_specific(actors):
    seen: dict[str, str] = {}
    for a in actors["actor"]:
        for alias in [a["name"], *a["aliases"]]:
            key = alias.casefold().strip()
            assert key not in GENERIC, (a["id"], alias)
            if key in seen and seen[key] != a["id"]:
                raise AssertionError(f"{alias!r} in {seen[key]} and {a['id']}")
            seen[key] = a["id"]


def test_required_actors(actors):
    by_alias = {}
    for a in actors["actor"]:
        for alias in [a["name"], *a["aliases"]]:
            by_alias[alias.casefold()] = a
    expect = {
        "Syrian army": "government", "Tiger Forces": "government", "NDF": "government",
        "Russian warplanes": "government", "Hezbollah": "government", "IRGC": "government",
        "HTS": "opposition", "هيئة تحرير الشام": "opposition", "Fatah Mubin": "opposition",
        "SNA": "opposition", "Dawn of Freedom": "opposition", "Turkish drones": "opposition",
        "rebels": "opposition", "SDF": "sdf", "YPG": "sdf", "Manbij Military Council": "sdf",
        "US-led coalition": "sdf", "ISIS": "isis", "Daesh": "isis", "IS cells": "isis",
        "civilians": "civilians", "White Helmets": "civilians",
    }
    for alias, side in expect.items():
        assert alias.casefold() in by_alias, alias
        assert by_alias[alias.casefold()]["side"] == side, alias
    sana = by_alias["sana"]
    assert sana.get("media") is True and sana["inter"] == "Other"
    assert by_alias["russian warplanes"]["inter"] == "External/Other forces"


# --------------------------------------------------------------------------
# build script
# --------------------------------------------------------------------------


@pytest.mark.skipif(not SHARED.is_dir(), reason="raw gazetteer inputs not available")
def test_build_is_deterministic(tmp_path):
    out1, out2 = tmp_path / "a.tsv", tmp_path / "b.tsv"
    for out in (out1, out2):
        subprocess.run(
            [sys.executable, str(REPO / "scripts" / "build_gazetteer.py"),
             "--shared", str(SHARED), "--out", str(out)],
            check=True, capture_output=True,
        )
    assert out1.read_bytes() == out2.read_bytes()
    assert out1.read_bytes() == GAZETTEER.read_bytes(), "committed gazetteer.tsv is stale"
