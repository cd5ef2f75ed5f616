#!/usr/bin/env python3
"""Build the packaged Syria gazetteer (src/frontlines/theaters/syria/gazetteer.tsv).

Inputs (read only at build time; the product runs without them):

* ``geonames_cities500_SY.csv``  -- GeoNames populated places (CC BY 4.0)
* ``wikipedia_places_SY.json``   -- Wikipedia-derived settlements (CC BY-SA 4.0)
* ``curated_places.csv``         -- hand-written facilities, terrain, routes,
                                    neighbourhoods and foreign namesakes

The script merges records that describe the same place (similar name AND close
together), keeps every usable name variant, assigns kind/feature/admin1 and
writes a deterministic TSV sorted by id.

Usage::

    .venv/bin/python scripts/build_gazetteer.py [--shared DIR] [--out FILE] [--report]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
THEATER = REPO / "src" / "frontlines" / "theaters" / "syria"
DEFAULT_SHARED = REPO.parent / "shared" / "data" / "gazetteer"

COLUMNS = [
    "id", "name", "kind", "feature", "lat", "lon", "admin1",
    "country", "population", "approximate", "names",
]
KINDS = {"settlement", "facility", "terrain", "region", "route", "country"}

# --------------------------------------------------------------------------
# Governorates
# --------------------------------------------------------------------------

# The 14 governorate names used in the admin1 column, with the plain names a
# report may use for the governorate (the same names as the capital city are
# fine: the reader decides from context words such as "province").
GOVERNORATES: dict[str, list[str]] = {
    "Aleppo": ["Aleppo", "Halab", "Alep", "حلب"],
    "Idlib": ["Idlib", "Idleb", "Edlib", "إدلب", "ادلب"],
    "Hama": ["Hama", "Hamah", "Hamat", "حماة", "حماه"],
    "Homs": ["Homs", "Hims", "حمص"],
    "Latakia": ["Latakia", "Lattakia", "Latakiya", "Al-Ladhiqiyah", "Ladhiqiyah", "اللاذقية"],
    "Tartus": ["Tartus", "Tartous", "Tartos", "طرطوس"],
    "Damascus": ["Damascus", "Dimashq", "دمشق"],
    "Rif Dimashq": [
        "Rif Dimashq", "Reef Dimashq", "Rif Dimashk", "Rural Damascus",
        "Damascus Countryside", "ريف دمشق",
    ],
    "Daraa": ["Daraa", "Deraa", "Dara'a", "Dar'a", "Derra", "درعا"],
    "As-Suwayda": [
        "As-Suwayda", "Suwayda", "Al-Suwayda", "Sweida", "Suwaida", "Sweidaa", "السويداء",
    ],
    "Quneitra": ["Quneitra", "Al-Qunaytirah", "Qunaytirah", "Kuneitra", "القنيطرة"],
    "Deir ez-Zor": [
        "Deir ez-Zor", "Deir ez-Zour", "Deir al-Zor", "Deir al-Zour", "Deir el-Zor",
        "Deir Ezzor", "Deir Ezzour", "Dayr az-Zawr", "Deir Zor", "دير الزور",
    ],
    "Raqqa": ["Raqqa", "Raqqah", "Ar-Raqqah", "Al-Raqqa", "Rakka", "الرقة"],
    "Al-Hasakah": [
        "Al-Hasakah", "Hasakah", "Hasaka", "Hasakeh", "Hassakeh", "Al-Hasaka", "Hassakah",
        "الحسكة",
    ],
}

# GeoNames governorate strings (as in the input CSV) -> admin1 names above.
GEONAMES_GOV = {
    "Aleppo": "Aleppo", "Idlib": "Idlib", "Hama": "Hama", "Homs": "Homs",
    "Latakia": "Latakia", "Tartus": "Tartus", "Damascus": "Damascus",
    "Rif Dimashq": "Rif Dimashq", "Daraa": "Daraa", "As-Suwayda": "As-Suwayda",
    "Quneitra": "Quneitra", "Deir ez-Zor": "Deir ez-Zor", "Ar-Raqqah": "Raqqa",
    "Raqqa": "Raqqa", "Al-Hasakah": "Al-Hasakah",
}

# Governorate capitals: always feature=city.
CAPITAL_GEONAMEIDS = {
    "170063",  # Aleppo
    "169389",  # Idlib
    "170017",  # Hama
    "169577",  # Homs
    "173576",  # Latakia
    "163345",  # Tartus
    "170654",  # Damascus
    "170905",  # Daraa
    "172408",  # As-Suwayda
    "173334",  # Quneitra
    "170794",  # Deir ez-Zor
    "172955",  # Raqqa
    "173811",  # Al-Hasakah
}

# --------------------------------------------------------------------------
# Hand corrections for known defects in the inputs
# --------------------------------------------------------------------------

# Wikipedia rows whose English name is a Kurdish/Turkish form or otherwise not
# the spelling English-language reports use: raw nameEn -> display name. The raw
# form is kept as a variant.
WP_DISPLAY = {
    "Xîyê": "Sheikh al-Hadid",
    "Tirbespî": "Al-Qahtaniyah",
    "Başköy": "Qabasin",
    "İğde": "Al-Zayzafun",
    "Satê": "Al-Sati",
    "Senarê": "Sinara",
    "Qurbê": "Qurbah",
    "Tebkê": "Tebke",
    "Aïn al-Arab": "Ayn al-Arab",
    "Ra'îl": "Ra'il",
    "Al-‘Al": "Al-Al",
    "Kfar Da’el": "Kafr Daal",
    "Mharda": "Mhardeh",
    "Ma'arrat Nu'man": "Ma'arrat al-Nu'man",
    "Bashkwi Safira": "Bashkwi",
    "Tiba Safira": "Tiba",
}

# Extra name variants for some places (matched on the folded display name and
# the governorate). Reporting spellings missing from both inputs.
EXTRA_NAMES: dict[tuple[str, str], list[str]] = {
    ("Kafr Nabl", "Idlib"): ["Kafranbel", "Kafr Nabel"],
    ("Mhardeh", "Hama"): ["Mharda", "Muhradah", "Mahardah", "Mhardah"],
    ("Khan Shaykhun", "Idlib"): ["Khan Sheikhoun", "Khan Shaykhoun", "Khan Sheikhun"],
    ("Ma'arrat al-Nu'man", "Idlib"): [
        "Ma'arrat Nu'man", "Maarat al-Numan", "Maarat al-Nouman", "Maarat al-Nu'man",
        "Maaret al-Numan", "Ma'arat al-Numan", "Marat al-Numan",
    ],
    ("Tell Rifaat", "Aleppo"): ["Tal Rifaat", "Tal Rifat", "Tell Rifat", "Tel Rifaat"],
    # (the Arabic name of the Wikipedia record is "Madinat al-Baath", its name before the town was renamed)
    ("Madinat al-Salam", "Quneitra"): ["Madinat al-Baath", "Baath City", "al-Baath City", "Madinat al-Ba'ath"],
    ("Saraqib", "Idlib"): ["Saraqeb"],
    ("Abu al-Duhur", "Idlib"): ["Abu al-Dhuhur", "Abu Dhuhur", "Abu al-Zuhur", "Abu Duhur"],
    ("Al-Safira", "Aleppo"): ["As-Safira", "Safira", "As Safirah", "Al-Safirah"],
    ("Kuweires Sharqi", "Aleppo"): ["Kuwayris al-Sharqi", "Kweires Sharqi"],
    ("Sawran", "Aleppo"): ["Suran"],
    ("Morek", "Hama"): ["Murak", "Mork"],
    ("Taybat al-Imam", "Hama"): ["Tayyibat al-Imam", "Taibat al-Imam", "Tibet al-Imam"],
    ("Al-Rastan", "Homs"): ["Rastan", "Ar-Rastan"],
    ("Talbiseh", "Homs"): ["Talbisah", "Tal Bisa", "Tell Bisa"],
    ("Jisr ash-Shughur", "Idlib"): ["Jisr al-Shughur", "Jisr al-Shughour", "Jisr Shughur"],
    ("Al-Suqaylabiyah", "Hama"): ["Suqaylabiyah", "Squeilbiyeh", "Al-Suqaylbiyah", "Skelbieh"],
    ("Al-Lataminah", "Hama"): ["Latamneh", "Lataminah", "Al-Latamneh"],
    ("Tabqa", "Raqqa"): ["Al-Tabqa", "Al-Thawrah", "Madinat al-Thawra"],
    ("Abu Kamal", "Deir ez-Zor"): ["Al-Bukamal", "Albu Kamal", "Bukamal", "Boukamal"],
    ("Mayadin", "Deir ez-Zor"): ["Al-Mayadin", "Mayadeen", "Al-Mayadeen"],
    ("Maarrat Misrin", "Idlib"): ["Maarat Misrin", "Ma'arrat Misrin"],
    ("Atme", "Idlib"): ["Atmeh", "Atma", "Atimah"],
    ("Hmeimim", "Latakia"): ["Khmeimim", "Hmaymim"],
    ("Saidnaya", "Rif Dimashq"): ["Sednaya", "Saydnaya"],
    ("Palmyra", "Homs"): ["Tadmur", "Tadmor"],
    ("Al-Nayrab", "Aleppo"): ["Nayrab", "Nairab", "Neirab"],
    ("Shaykh Najjar", "Aleppo"): ["Sheikh Najjar", "Sheikh Najjar industrial city"],
    ("Al-Zahraa", "Aleppo"): ["Zahraa", "Zahra", "Al-Zahra"],
    ("Nubl", "Aleppo"): ["Nubbol", "Nubul"],
    ("Hreibel", "Aleppo"): ["Huraybil"],
    ("Qamhana", "Hama"): ["Qamhaneh"],
    ("Maar Dis", "Hama"): ["Ma'ardes", "Maardes", "Maar Dis"],
    ("Kafr Zita", "Hama"): ["Kafr Zeita", "Kafrzita"],
    ("Halfaya", "Hama"): ["Halfaiya", "Halfayah"],
}

# Arabic names in the Wikipedia file that are plainly wrong for the row
# (keyed by (nameEn, nameAr)); the value replaces the Arabic name ("" drops it).
WP_ARABIC_FIX = {
    ("Thawra, Salamiyah", "الثورة لن تكون متلفزة"): "الثورة",
    ("Daraa", "جديدة"): "",
}

# Governorate corrections for Wikipedia-only places near a governorate line,
# where the nearest GeoNames place lies across the line (display name -> admin1;
# each name must match exactly one place).
ADMIN1_FIX = {
    "Atme": "Idlib",
    "Salwah": "Idlib",
    "Kaftin": "Idlib",
}

# Wikipedia rows dropped as unusable: (nameEn, nameAr). 'Afrine' sits 26 km
# east of Afrin with no Arabic name; keeping it would plant a false Afrin.
WP_DROP = {("Afrine", "afrine")}

# Some rows are not settlements: (source id or Arabic name) -> (kind, feature).
KIND_OVERRIDES_AR = {
    "المحطة الحرارية": ("facility", "power_station"),
}
KIND_OVERRIDES_ID = {
    "gn:166716": ("settlement", "neighbourhood"),  # al-Yarmuk camp, Damascus
}

# Suffix/prefix hints that are not place names.
NON_HINTS = {"village", "syria", "qarya", "قرية", "سوريا"}

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

APOSTROPHES = "'’‘`ʿʾʼ´′"
ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                 (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic_char(ch: str) -> bool:
    o = ord(ch)
    return any(a <= o <= b for a, b in ARABIC_RANGES)


def clean_space(s: str) -> str:
    s = s.replace("\t", " ").replace("|", " ").replace("\n", " ").replace("\r", " ")
    s = s.replace("\u200c", "").replace("\u200f", "").replace("\u200e", "")
    return re.sub(r"\s+", " ", s).strip()


def script_of(s: str) -> str:
    """'latin', 'arabic', 'mixed' or 'other' for a name."""
    latin = arabic = other = 0
    for ch in s:
        if ch.isspace() or ch in "-.()" or ch in APOSTROPHES:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("M"):  # combining marks follow their base letter
            continue
        if is_arabic_char(ch):
            arabic += 1
        elif cat.startswith("L") and "LATIN" in unicodedata.name(ch, ""):
            latin += 1
        else:
            other += 1
    if other or (latin and arabic):
        return "mixed" if (latin and arabic) else "other"
    if arabic:
        return "arabic"
    if latin:
        return "latin"
    return "other"


def ascii_fold(s: str) -> str:
    """Strip diacritics and unify apostrophes (display form, case kept)."""
    s = s.replace("ı", "i").replace("İ", "I").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith("M"))
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    s = re.sub(r"(^|[\s-])'+", r"\1", s)  # no leading apostrophe on a word
    return clean_space(s)


ARTICLES = {
    "al", "el", "il", "ul", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az",
    "ed", "en", "er", "es", "esh", "et", "ez", "ech",
}
# Qualifiers that distinguish neighbouring villages: never merge across them.
QUALIFIERS = {
    "tahtani": "lower", "tahtaniya": "lower", "tahta": "lower", "lower": "lower",
    "fawqani": "upper", "fauqani": "upper", "foqani": "upper", "fuqani": "upper",
    "fogani": "upper", "fawqaniya": "upper", "upper": "upper",
    "saghir": "small", "saghira": "small", "sghir": "small", "sughra": "small",
    "soghra": "small", "small": "small", "saghirah": "small",
    "kabir": "big", "kabira": "big", "kbir": "big", "kubra": "big", "kabirah": "big",
    "big": "big", "great": "big",
    "sharqi": "east", "sharqiya": "east", "sharqiyah": "east", "sharki": "east",
    "eastern": "east", "east": "east", "sharqiyeh": "east",
    "gharbi": "west", "gharbiya": "west", "gharbiyah": "west", "western": "west",
    "west": "west", "gharbiyeh": "west",
    "shamali": "north", "shamaliya": "north", "shamaliyah": "north", "northern": "north",
    "north": "north", "shimali": "north",
    "janubi": "south", "janubiya": "south", "janubiyah": "south", "southern": "south",
    "south": "south", "qibli": "south", "qabli": "south", "qabliyeh": "south",
    "jadid": "new", "jadida": "new", "jadidah": "new", "new": "new",
    "qadim": "old", "qadima": "old", "old": "old",
}
AR_QUALIFIERS = {
    "تحتاني": "lower", "التحتاني": "lower", "تحتانية": "lower", "التحتانية": "lower",
    "فوقاني": "upper", "الفوقاني": "upper", "فوقانية": "upper", "الفوقانية": "upper",
    "صغير": "small", "الصغير": "small", "صغيرة": "small", "الصغيرة": "small",
    "الصغرى": "small", "صغرى": "small",
    "كبير": "big", "الكبير": "big", "كبيرة": "big", "الكبيرة": "big", "الكبرى": "big",
    "كبرى": "big",
    "شرقي": "east", "الشرقي": "east", "شرقية": "east", "الشرقية": "east",
    "غربي": "west", "الغربي": "west", "غربية": "west", "الغربية": "west",
    "شمالي": "north", "الشمالي": "north", "شمالية": "north", "الشمالية": "north",
    "جنوبي": "south", "الجنوبي": "south", "جنوبية": "south", "الجنوبية": "south",
    "قبلي": "south", "القبلي": "south",
}


def _latin_tokens(name: str) -> list[str]:
    s = ascii_fold(name).lower()
    s = s.replace("'", "")
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    return [t for t in s.split() if t]


def _norm_token(t: str) -> str:
    if t.startswith("el") and len(t) > 4 and t[2] not in "aeiouy":
        t = t[2:]  # glued article: Elbab, Elhomor
    t = t.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    t = re.sub(r"e[iy]", "ay", t)
    t = re.sub(r"a[iy]", "ay", t)
    t = t.replace("e", "a").replace("o", "u").replace("q", "k").replace("w", "u")
    t = re.sub(r"(.)\1+", r"\1", t)
    t = re.sub(r"iya$|iyah$|iyeh$|ieh$|iye$", "iya", t)
    t = re.sub(r"(?<=[aiu])h$", "", t)
    if t in ("tal", "til", "tl"):
        t = "tal"
    return t


def latin_key(name: str) -> tuple[str, frozenset[str]]:
    """Folded comparison key (articles and qualifiers removed) + qualifier set."""
    toks = _latin_tokens(name)
    quals = frozenset(QUALIFIERS[t] for t in toks if t in QUALIFIERS)
    core = [_norm_token(t) for t in toks if t not in ARTICLES and t not in QUALIFIERS]
    return "".join(core), quals


AR_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def arabic_key(name: str) -> str:
    s = AR_DIACRITICS.sub("", name)
    s = re.sub(r"[أإآٱ]", "ا", s)
    s = s.replace("ة", "ه").replace("ى", "ي").replace("ک", "ك").replace("ی", "ي")
    s = s.replace("ؤ", "و").replace("ئ", "ي")
    words = []
    for w in re.split(r"[\s\-ـ،,()]+", s):
        if not w:
            continue
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        words.append(w)
    return "".join(words)


def slugify(s: str) -> str:
    s = ascii_fold(s).lower().replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


AR_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y",
    "ى": "a", "ة": "a", "ء": "", "ؤ": "w", "ئ": "y", " ": "-",
}


def arabic_slug(s: str) -> str:
    out = "".join(AR_TRANSLIT.get(ch, "") for ch in AR_DIACRITICS.sub("", s))
    return re.sub(r"-+", "-", out).strip("-") or "x"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def keep_latin_alternate(s: str) -> bool:
    """GeoNames 'other' alternates: keep readable Latin-script names only."""
    if script_of(s) != "latin":
        return False
    if re.fullmatch(r"[A-Z]{3,4}", s):  # IATA/ICAO-like codes
        return False
    if any(ch.isdigit() for ch in s):
        return False
    if not any(ch.isupper() for ch in s):
        # all-lowercase alternates in cities500 are romanisations of other
        # scripts ('alhskt', 'hlb', 'a lei po'), not names used in reports
        return False
    letters = [ch for ch in ascii_fold(s).lower() if ch.isalpha()]
    return len(letters) >= 3 and any(ch in "aeiouy" for ch in letters)


def keep_arabic_alternate(s: str) -> bool:
    return script_of(s) == "arabic" and len(s.replace(" ", "")) >= 2


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


@dataclass
class Rec:
    source: str                  # gn | wp | cur
    sid: str                     # id within the source
    name: str
    lat: float
    lon: float
    names: list[str] = field(default_factory=list)
    kind: str = "settlement"
    feature: str = ""
    admin1: str = ""
    country: str = "SY"
    population: int = 0
    approximate: int = 0
    hint: str = ""
    order: int = 0
    max_pop: int = 0             # largest population any source gives (for feature)


def add_names(target: list[str], *names: str) -> None:
    for n in names:
        n = clean_space(n)
        if n and n not in target:
            target.append(n)


def load_geonames(path: Path) -> list[Rec]:
    recs = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            gov = GEONAMES_GOV.get(row["governorate"].strip())
            if gov is None:
                raise SystemExit(f"unknown GeoNames governorate: {row['governorate']!r}")
            raw = clean_space(row["name"])
            display = ascii_fold(raw)
            r = Rec("gn", row["geonameid"].strip(), display,
                    float(row["latitude"]), float(row["longitude"]),
                    admin1=gov, population=int(row["population"] or 0), order=i)
            add_names(r.names, display, raw)
            for alt in (row["alternatenames_other"] or "").split("|"):
                alt = clean_space(alt)
                if alt and keep_latin_alternate(alt):
                    add_names(r.names, alt)
            for alt in (row["alternatenames_arabic"] or "").split("|"):
                alt = clean_space(alt)
                if alt and keep_arabic_alternate(alt):
                    add_names(r.names, alt)
            recs.append(r)
    return recs


def split_name(raw: str, arabic: bool = False) -> tuple[str, list[str], str]:
    """Split 'Name, Hint' / 'Hint,Name' / 'Name (Hint)' / 'Name - Variant'.

    Returns (main name, extra variants, hint)."""
    s = clean_space(raw)
    hint = ""
    extras: list[str] = []
    m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", s)
    if m:
        s, hint = m.group(1).strip(), m.group(2).strip()
    sep = "،" if arabic and "،" in s else ","
    if sep in s:
        parts = [p.strip() for p in s.split(sep) if p.strip()]
        if len(parts) == 2:
            if _is_gov_hint(parts[0]) and not _is_gov_hint(parts[1]):
                s, hint = parts[1], parts[0]
            else:
                s, hint = parts[0], parts[1]
    if not arabic and " - " in s:
        parts = [p.strip() for p in s.split(" - ") if p.strip()]
        s = parts[0]
        for p in parts[1:]:
            if p.lower() in ("elbab", "bab"):
                hint = hint or "al-Bab"
            elif p != s:
                extras.append(p)
    if hint.lower() in NON_HINTS:
        hint = ""
    return s, extras, hint


def _is_gov_hint(s: str) -> bool:
    s = re.sub(r"\s+(governorate|province)$", "", s.strip(), flags=re.I)
    return gov_from_text(s) is not None


_GOV_LOOKUP: dict[str, str] = {}


def gov_from_text(s: str) -> str | None:
    if not _GOV_LOOKUP:
        for gov, names in GOVERNORATES.items():
            for n in names:
                _GOV_LOOKUP[latin_key(n)[0] if script_of(n) == "latin" else arabic_key(n)] = gov
    s = re.sub(r"\s+(governorate|province)$", "", s.strip(), flags=re.I)
    key = latin_key(s)[0] if script_of(s) == "latin" else arabic_key(s)
    return _GOV_LOOKUP.get(key)


def load_wikipedia(path: Path) -> list[Rec]:
    data = json.loads(path.read_text(encoding="utf-8"))
    recs = []
    for i, row in enumerate(data):
        en_raw = clean_space(row.get("nameEn") or "")
        ar_raw = clean_space(row.get("nameAr") or "")
        if (en_raw, ar_raw) in WP_DROP:
            continue
        ar_raw = WP_ARABIC_FIX.get((en_raw, ar_raw), ar_raw)
        names: list[str] = []
        hint = ""
        display = ""
        if en_raw:
            en, extras, hint = split_name(en_raw)
            display = WP_DISPLAY.get(en, en)
            if display != en or en_raw != en:
                add_names(names, display, en)
            else:
                add_names(names, display)
            if en != ascii_fold(en):
                add_names(names, ascii_fold(en))
            add_names(names, *extras)
        if ar_raw:
            if script_of(ar_raw) == "arabic" or re.search(r"[،(]", ar_raw):
                ar, _, ar_hint = split_name(ar_raw, arabic=True)
                hint = hint or ar_hint
                if ar and script_of(ar) == "arabic":
                    add_names(names, ar)
            elif script_of(ar_raw) == "latin":
                # Latin text in the Arabic column: keep as a variant
                add_names(names, WP_DISPLAY.get(ar_raw, ar_raw), ar_raw)
        if not names:
            continue
        if not display:
            display = names[0]
        pop = row.get("pop") or 0
        r = Rec("wp", str(i), display, float(row["lat"]), float(row["lng"]),
                names=names, population=int(pop), hint=hint, order=i)
        override = next((KIND_OVERRIDES_AR[n] for n in names if n in KIND_OVERRIDES_AR), None)
        if override:
            r.kind, r.feature = override
        recs.append(r)
    return recs


def load_curated(path: Path) -> list[Rec]:
    recs = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get("name") or "").strip()]
    for i, row in enumerate(rows):
        name = clean_space(row["name"])
        kind = (row.get("kind") or "settlement").strip() or "settlement"
        if kind not in KINDS:
            raise SystemExit(f"curated_places.csv: bad kind {kind!r} for {name}")
        sid = (row.get("id") or "").strip() or "cur:" + slugify(name)
        r = Rec("cur", sid, name, float(row["lat"]), float(row["lon"]),
                kind=kind, feature=(row.get("feature") or "").strip(),
                admin1=(row.get("admin1") or "").strip(),
                country=(row.get("country") or "SY").strip().upper() or "SY",
                approximate=int((row.get("approximate") or "0").strip() or 0),
                order=i)
        add_names(r.names, name, *(row.get("names") or "").split("|"))
        if r.country == "SY" and r.admin1 and r.admin1 not in GOVERNORATES:
            raise SystemExit(f"curated_places.csv: bad admin1 {r.admin1!r} for {name}")
        recs.append(r)
    return recs


# --------------------------------------------------------------------------
# Matching and merging
# --------------------------------------------------------------------------


@dataclass
class Keys:
    latin: list[tuple[str, frozenset[str]]]
    arabic: set[str]
    arabic_core: set[str]     # Arabic keys without qualifier words


def rec_keys(r: Rec) -> Keys:
    lat, ar, core = [], set(), set()
    for n in r.names:
        sc = script_of(n)
        if sc == "latin":
            k = latin_key(n)
            if len(k[0]) >= 3 and k not in lat:
                lat.append(k)
        elif sc == "arabic":
            k = arabic_key(n)
            if len(k) >= 2:
                ar.add(k)
                core.add(arabic_key(" ".join(w for w in n.split() if w not in AR_QUALIFIERS)))
    return Keys(lat, ar, core)


def name_score(a: Keys, b: Keys) -> tuple[float, str]:
    """Best name similarity (0-100) between two records, and the reason.

    Equal Arabic names, or equal folded Latin names, are a match. A fuzzy Latin
    match needs a long enough name, the same qualifiers (Upper/Lower, Big/Small,
    East/West...), the same first letter (modulo k/g and vowels) and, when both
    records carry Arabic names, Arabic names that are themselves similar."""
    if a.arabic & b.arabic:
        return 100.0, "arabic"
    best, why = 0.0, ""
    for ka, qa in a.latin:
        for kb, qb in b.latin:
            if qa != qb:
                continue
            if ka == kb:
                return 99.0, "latin-exact"
            if min(len(ka), len(kb)) <= 5:
                continue
            if ka[0] != kb[0] and {ka[0], kb[0]} not in ({"k", "g"}, {"i", "a"}, {"u", "a"}):
                continue
            s = fuzz.ratio(ka, kb)
            if s > best:
                best, why = s, "latin-fuzzy"
    if best and a.arabic_core and b.arabic_core:
        ar = max(fuzz.ratio(x, y) for x in a.arabic_core for y in b.arabic_core)
        if ar < 75:
            return min(best, 69.0), "latin-fuzzy-but-arabic-differs"
    return best, why


def strong_match(a: Keys, b: Keys) -> bool:
    """Same Arabic name and the same folded Latin name."""
    return bool(a.arabic & b.arabic) and bool({k for k in a.latin} & {k for k in b.latin})


MERGE_KM = 5.0
MERGE_KM_STRONG = 8.0    # same Arabic and same Latin name: sources disagree by a few km
MERGE_KM_BIG = 10.0      # large towns: points may be a few km apart
FUZZY_MIN = 86.0


def match_radius(a: Rec, b: Rec) -> float:
    return MERGE_KM_BIG if max(a.population, b.population) >= 50000 else MERGE_KM


def find_merges(recs: list[Rec], report: list[str]) -> list[list[int]]:
    keys = [rec_keys(r) for r in recs]
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        grid[(int(r.lat * 10), int(r.lon * 10))].append(i)
    pairs = []
    near_misses = []
    for i, r in enumerate(recs):
        gi, gj = int(r.lat * 10), int(r.lon * 10)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for j in grid.get((gi + di, gj + dj), []):
                    if j <= i:
                        continue
                    o = recs[j]
                    if o.kind != r.kind or o.country != r.country:
                        continue
                    d = haversine_km(r.lat, r.lon, o.lat, o.lon)
                    if d > MERGE_KM_STRONG and d > match_radius(r, o):
                        continue
                    if d > match_radius(r, o) and not strong_match(keys[i], keys[j]):
                        continue
                    s, why = name_score(keys[i], keys[j])
                    if s >= FUZZY_MIN:
                        pairs.append((-s, d, i, j, why))
                    elif s >= 60:
                        near_misses.append((r.name, o.name, round(s), round(d, 1)))
    pairs.sort()
    parent = list(range(len(recs)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(recs))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    merged_pairs = []
    for negs, d, i, j, why in pairs:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        ci, cj = members[ri], members[rj]
        # at most one GeoNames row and one curated row per place
        if any(recs[a].source == "gn" for a in ci) and any(recs[b].source == "gn" for b in cj):
            continue
        if any(recs[a].source == "cur" for a in ci) and any(recs[b].source == "cur" for b in cj):
            continue
        parent[rj] = ri
        members[ri] = ci + cj
        del members[rj]
        merged_pairs.append((recs[i], recs[j], -negs, d, why))
    report.append(f"merge pairs accepted: {len(merged_pairs)}")
    for a, b, s, d, why in merged_pairs:
        report.append(f"  MERGE {a.source}:{a.name} <> {b.source}:{b.name} "
                      f"score={s:.0f} {why} {d:.1f}km")
    report.append(f"near misses kept apart (score 60-{FUZZY_MIN:.0f}, within radius): "
                  f"{len(near_misses)}")
    for n in sorted(near_misses):
        report.append(f"  APART {n[0]} <> {n[1]} score={n[2]} {n[3]}km")
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


# --------------------------------------------------------------------------
# Output rows
# --------------------------------------------------------------------------


def settlement_feature(pop: int, is_capital: bool) -> str:
    if is_capital or pop >= 50000:
        return "city"
    if pop >= 5000:
        return "town"
    return "village"


def combine(group: list[Rec]) -> Rec:
    gn = [r for r in group if r.source == "gn"]
    cur = [r for r in group if r.source == "cur"]
    wp = [r for r in group if r.source == "wp"]
    if gn:
        # several Wikipedia rows on one GeoNames place: the one named most like it first
        gn_key = latin_key(gn[0].name)[0]

        def closeness(r: Rec) -> float:
            return fuzz.ratio(latin_key(r.name)[0], gn_key)

        wp.sort(key=lambda r: (-closeness(r), -(r.population > 0), r.order))
    else:
        wp.sort(key=lambda r: (-(r.population > 0), r.order))
    base = cur[0] if cur else (wp[0] if wp else gn[0])
    out = Rec(base.source, base.sid, base.name, base.lat, base.lon,
              kind=base.kind, feature=base.feature, admin1=base.admin1,
              country=base.country, approximate=base.approximate, hint=base.hint)
    if gn:
        out.source, out.sid = "gn", gn[0].sid
    elif cur:
        out.source, out.sid = "cur", cur[0].sid
    # display name: curated > Wikipedia-style > GeoNames (ascii-folded)
    if cur:
        out.name = cur[0].name
    elif wp and script_of(wp[0].name) == "latin":
        out.name = wp[0].name
    elif gn:
        out.name = gn[0].name
    else:
        out.name = wp[0].name
    # coordinates: GeoNames > exact curated > Wikipedia > approximate curated
    precise_cur = [r for r in cur if not r.approximate]
    src = gn[0] if gn else (precise_cur[0] if precise_cur else (wp[0] if wp else cur[0]))
    out.lat, out.lon = src.lat, src.lon
    out.approximate = src.approximate if src.source == "cur" else 0
    gn_pop = gn[0].population if gn else 0
    out.max_pop = max((r.population for r in group), default=0)
    out.population = gn_pop or out.max_pop
    if gn:
        out.admin1 = gn[0].admin1
    elif cur and cur[0].admin1:
        out.admin1 = cur[0].admin1
    out.hint = next((r.hint for r in wp if r.hint), out.hint)
    add_names(out.names, out.name)
    for r in cur + wp + gn:
        add_names(out.names, *r.names)
    return out


def resolve_admin1(places: list[Rec], report: list[str]) -> None:
    coded = [p for p in places if p.admin1 and p.country == "SY" and p.kind == "settlement"]
    by_key: dict[str, list[Rec]] = defaultdict(list)
    for p in coded:
        for n in p.names:
            if script_of(n) == "latin":
                by_key[latin_key(n)[0]].append(p)
            elif script_of(n) == "arabic":
                by_key["ar:" + arabic_key(n)].append(p)
    gn_coded = [p for p in coded if p.source == "gn"]
    from_hint = from_nearest = 0
    for p in places:
        if p.admin1 or p.country != "SY" or p.kind == "country":
            continue
        gov = None
        if p.hint:
            gov = gov_from_text(p.hint)
            if gov is None:
                key = (latin_key(p.hint)[0] if script_of(p.hint) == "latin"
                       else "ar:" + arabic_key(p.hint))
                cands = by_key.get(key, [])
                if cands:
                    near = min(cands, key=lambda c: haversine_km(p.lat, p.lon, c.lat, c.lon))
                    if haversine_km(p.lat, p.lon, near.lat, near.lon) < 60:
                        gov = near.admin1
        if gov:
            from_hint += 1
        else:
            near = min(gn_coded, key=lambda c: (haversine_km(p.lat, p.lon, c.lat, c.lon), c.sid))
            gov = near.admin1
            from_nearest += 1
        p.admin1 = gov
    for name, gov in ADMIN1_FIX.items():
        hits = [p for p in places if p.name == name and p.source == "wp"]
        if len(hits) != 1:
            raise SystemExit(f"ADMIN1_FIX: {name!r} matches {len(hits)} places")
        hits[0].admin1 = gov
    report.append(f"admin1 from disambiguation hint: {from_hint}; "
                  f"from nearest GeoNames place: {from_nearest}")


def assign_ids(places: list[Rec]) -> None:
    wp = [p for p in places if p.source == "wp"]
    base: dict[str, list[Rec]] = defaultdict(list)
    for p in wp:
        b = slugify(p.name) if script_of(p.name) == "latin" else "ar-" + arabic_slug(p.name)
        base[b].append(p)
    for b, group in base.items():
        if len(group) == 1:
            group[0].sid = f"wp:{b}"
            continue
        by_gov: dict[str, list[Rec]] = defaultdict(list)
        for p in group:
            by_gov[slugify(p.admin1)].append(p)
        for g, sub in by_gov.items():
            for p in sub:
                if len(sub) == 1:
                    p.sid = f"wp:{b}-{g}"
                else:
                    p.sid = f"wp:{b}-{g}-{abs(round(p.lat * 100))}-{abs(round(p.lon * 100))}"
    for p in places:
        if p.source == "gn" and not p.sid.startswith("gn:"):
            p.sid = f"gn:{p.sid}"
    seen: set[str] = set()
    for p in sorted(places, key=lambda p: (p.sid, p.lat, p.lon)):
        if p.sid in seen:
            raise SystemExit(f"duplicate id {p.sid}")
        seen.add(p.sid)


def governorate_rows(places: list[Rec]) -> list[Rec]:
    rows = []
    for gov, names in GOVERNORATES.items():
        members = [p for p in places if p.admin1 == gov and p.kind == "settlement"
                   and p.country == "SY"]
        lat = sum(p.lat for p in members) / len(members)
        lon = sum(p.lon for p in members) / len(members)
        r = Rec("adm1", "adm1:" + slugify(gov), f"{gov} Governorate", lat, lon,
                kind="region", feature="governorate", admin1=gov, approximate=1)
        add_names(r.names, r.name, *names)
        rows.append(r)
    return rows


def country_row() -> Rec:
    r = Rec("country", "country:SY", "Syria", 34.80210, 38.99680, kind="country",
            feature="country", admin1="", approximate=1)
    add_names(r.names, "Syria", "Syrian Arab Republic", "سوريا", "سورية")
    return r


def finalize(p: Rec) -> None:
    if p.source != "cur" and p.kind == "settlement":
        override = KIND_OVERRIDES_ID.get(p.sid)
        if override is None:
            override = next((KIND_OVERRIDES_AR[n] for n in p.names if n in KIND_OVERRIDES_AR),
                            None)
        if override:
            p.kind, p.feature = override
        elif not p.feature:
            is_cap = p.sid.startswith("gn:") and p.sid[3:] in CAPITAL_GEONAMEIDS
            p.feature = settlement_feature(max(p.population, p.max_pop), is_cap)
    if not p.feature:
        p.feature = {"settlement": "village", "country": "country"}.get(p.kind, p.kind)
    extra = EXTRA_NAMES.get((p.name, p.admin1))
    if extra:
        add_names(p.names, *extra)
    # display name first, no duplicates
    names = [p.name] + [n for n in p.names if n != p.name]
    p.names = []
    add_names(p.names, *names)


def write_tsv(places: list[Rec], out: Path) -> None:
    lines = ["\t".join(COLUMNS)]
    for p in sorted(places, key=lambda p: p.sid):
        vals = [
            p.sid, clean_space(p.name), p.kind, p.feature, f"{p.lat:.5f}", f"{p.lon:.5f}",
            p.admin1, p.country, str(int(p.population)), str(int(p.approximate)),
            "|".join(clean_space(n) for n in p.names),
        ]
        for v in vals:
            if "\t" in v or "\n" in v:
                raise SystemExit(f"bad field in {p.sid}: {v!r}")
        lines.append("\t".join(vals))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def namesake_report(places: list[Rec], report: list[str]) -> None:
    by_key: dict[tuple[str, frozenset[str]], list[Rec]] = defaultdict(list)
    for p in places:
        if p.kind != "settlement" or script_of(p.name) != "latin":
            continue
        by_key[latin_key(p.name)].append(p)
    report.append("namesakes (same folded display name, > 20 km apart):")
    for k in sorted(by_key):
        grp = by_key[k]
        if len(grp) < 2:
            continue
        far = any(haversine_km(a.lat, a.lon, b.lat, b.lon) > 20
                  for a in grp for b in grp if a is not b)
        if not far:
            continue
        desc = "; ".join(f"{p.name} [{p.country}/{p.admin1 or '-'}] {p.sid}"
                         for p in sorted(grp, key=lambda p: p.sid))
        report.append(f"  {desc}")


def build(shared: Path, curated: Path, out: Path, report: list[str]) -> None:
    gn = load_geonames(shared / "geonames_cities500_SY.csv")
    wp = load_wikipedia(shared / "wikipedia_places_SY.json")
    cur = load_curated(curated)
    report.append(f"input rows: geonames={len(gn)} wikipedia={len(wp)} curated={len(cur)}")
    recs = gn + wp + cur
    groups = find_merges(recs, report)
    places = [combine([recs[i] for i in g]) for g in groups]
    n_merged = len(recs) - len(places)
    report.append(f"places after merge: {len(places)} ({n_merged} records merged away)")
    for p in places:
        if p.country != "SY":
            p.admin1 = ""
    resolve_admin1(places, report)
    assign_ids(places)
    places += governorate_rows(places)
    places.append(country_row())
    for p in places:
        finalize(p)
    used = {(p.name, p.admin1) for p in places}
    unused = sorted(k for k in EXTRA_NAMES if k not in used)
    if unused:
        raise SystemExit(f"EXTRA_NAMES keys that match no place: {unused}")
    assign_ids(places)
    write_tsv(places, out)
    namesake_report(places, report)
    counts: dict[str, int] = defaultdict(int)
    for p in places:
        counts[f"kind={p.kind}"] += 1
        counts[f"id={p.sid.split(':')[0]}"] += 1
    report.append("rows: " + ", ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
    report.append(f"total rows: {len(places)} -> {out}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="folder with the raw gazetteer inputs "
                         "(default: ../shared/data/gazetteer next to the repo)")
    ap.add_argument("--curated", type=Path, default=THEATER / "curated_places.csv")
    ap.add_argument("--out", type=Path, default=THEATER / "gazetteer.tsv")
    ap.add_argument("--report", action="store_true",
                    help="print merges, near misses and namesakes")
    args = ap.parse_args(argv)
    if not (args.shared / "geonames_cities500_SY.csv").exists():
        print(f"inputs not found in {args.shared}", file=sys.stderr)
        return 2
    report: list[str] = []
    build(args.shared, args.curated, args.out, report)
    lines = report if args.report else [ln for ln in report if not ln.startswith("  ")]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
