"""The gazetteer: place records, name folding across transliterations, lookup.

Names are matched through two keys built once at load time:

* the *folded key*: lower case, no diacritics or apostrophes (``'``, ``’``,
  ``ʿ``...), articles (``al-``, ``el-``, ``as-``...) dropped, and common
  generic words unified (Kfar/Kafr, Tell/Tal, Jebel/Jabal/Mount, Qal'at/Qalaat,
  Sheikh/Shaykh...);
* the *skeleton*: the folded key's consonants, ``q`` read as ``k`` and doubled
  letters collapsed, so Sheikhoun/Shaykhun, Sarakeb/Saraqeb or Kafranbel/Kafr
  Nabl meet. A skeleton hit is accepted only when the
  folded spellings are also close (rapidfuzz), which keeps unrelated short
  names apart.

Arabic-script names get their own folding (alef and ta marbuta forms, the
article ``ال``) and share the same index.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from frontlines.errors import TheaterError
from frontlines.models import KINDS, Place

GAZETTEER_COLUMNS = (
    "id", "name", "kind", "feature", "lat", "lon", "admin1", "country",
    "population", "approximate", "names",
)

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʿʾ`´ʻʼ"), None)
_ARTICLES = frozenset(
    ["al", "el", "il", "ul", "as", "es", "us", "ar", "er", "ur", "ad", "ed", "ud", "at", "et", "ut", "az", "ez", "an", "en", "un", "ash", "esh", "adh", "ath", "al"]
)
# The article forms written glued to a name ("Alnabk", "Elkafr"); the other forms glue onto real names too often.
_GLUED_ARTICLES = ("al", "el")
# Generic words that transliterate many ways; every spelling maps to one form.
_SYNONYMS = {
    **dict.fromkeys(["kfar", "kfr", "kafar", "kefr", "kifr"], "kafr"),
    **dict.fromkeys(["tell", "tall", "tel", "til"], "tal"),
    **dict.fromkeys(["jebel", "jabal", "djebel", "jbel", "jebal", "mount", "mt", "jabel"], "jabal"),
    **dict.fromkeys(["qalat", "qalaat", "qalaa", "kalaat", "qala", "qalaet", "kalat"], "qalaat"),
    **dict.fromkeys(["sheikh", "shaikh", "shaykh", "shekh", "cheikh", "sheik", "shaykhk"], "shaykh"),
    **dict.fromkeys(["deir", "dayr", "der", "dair"], "dayr"),
    **dict.fromkeys(["ain", "ayn", "ein", "aein"], "ayn"),
    **dict.fromkeys(["abou", "abu", "abo"], "abu"),
    **dict.fromkeys(["umm", "um", "om", "oum"], "umm"),
    **dict.fromkeys(["beit", "bayt", "bait", "bet"], "bayt"),
    **dict.fromkeys(["khirbet", "khirbat", "khirbit", "kherbet"], "khirbat"),
    **dict.fromkeys(["airbase", "air base", "airfield", "air field"], "airbase"),
    **dict.fromkeys(["mt.", "mt"], "jabal"),
    **dict.fromkeys(["road", "highway", "route", "motorway"], "road"),  # "the A-B route" is the A-B highway
}
_WORD_SPLIT = re.compile(r"[\s\-_/,.()]+")
_VOWELS = re.compile(r"[aeiouyw]")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_DOUBLE = re.compile(r"(.)\1+")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def is_arabic(text: str) -> bool:
    """True when the text contains Arabic-script letters."""
    return bool(_ARABIC.search(text))


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """Fold one word: strip diacritics and apostrophes, lower case, unify generic words."""
    if is_arabic(token):
        t = _ARABIC_MARKS.sub("", token).translate(_ARABIC_FOLD)
        if t.startswith("ال") and len(t) > 3:
            t = t[2:]
        return t
    t = unicodedata.normalize("NFKD", token)
    t = "".join(c for c in t if not unicodedata.combining(c)).translate(_APOSTROPHES).lower()
    t = t.replace("ı", "i")
    t = _SYNONYMS.get(t, t)
    # Doubled letters carry no information across transliterations (Assal/Asal, Tell/Tel).
    t = _DOUBLE.sub(r"\1", t)
    return _SYNONYMS.get(t, t)


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a name, articles dropped (but never the only token)."""
    raw = [fold_token(w) for w in _WORD_SPLIT.split(name) if w]
    raw = [w for w in raw if w]
    # Road and unit codes: "M-5", "M 5" and "M5" are one token.
    raw = [w for w in _join_codes(raw)]
    kept = [w for i, w in enumerate(raw) if not (w in _ARTICLES and i + 1 < len(raw))]
    return tuple(kept or raw)


def _join_codes(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        if out and t.isdigit() and len(out[-1]) == 1 and out[-1].isalpha():
            out[-1] += t
        else:
            out.append(t)
    return out


def glued_article_variants(name: str) -> list[str]:
    """'Qabtan Eljabal' -> 'Qabtan El-jabal': some sources glue the article to the next word."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        if i > 0 and len(w) >= 5 and w[:2].lower() in ("el", "al") and w[2].isalpha() and w[2].islower():
            out.append(" ".join([*words[:i], f"{w[:2]}-{w[2:]}", *words[i + 1 :]]))
    return out


def _unglued(key: str) -> str:
    """A one-word key that starts with the article glued on ("alnabk"), without it ("nabk"); else ""."""
    return key[2:] if " " not in key and key[:2] in _GLUED_ARTICLES and len(key) >= 5 else ""


#: The score of a name matched with its article glued on ("Al" and the name written as one word): a way of writing the
#: name, not a look-alike spelling.
GLUED_SCORE = 0.99


def folded_key(name: str) -> str:
    """The folded key of a name (see module docstring)."""
    return " ".join(name_tokens(name))


def skeleton(key: str) -> str:
    """Consonant skeleton of a folded key; Arabic keys lose only their spaces."""
    if is_arabic(key):
        return key.replace(" ", "")
    s = _FINAL_H.sub("", key).replace("q", "k").replace("ph", "f").replace("ou", "u")
    s = s.replace(" ", "")
    head, tail = s[:1], _VOWELS.sub("", s[1:])
    # A leading vowel is kept, as one class (Orm/Urum): it separates e.g. "Ariha" from "Rihanieh".
    if head in "aeiouy":
        head = "V"
    return _DOUBLE.sub(r"\1", head + tail)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer place matching a name, with how well the spelling matched."""

    place: Place
    variant: str
    score: float  # 1.0 exact folded match, lower for skeleton matches


class Gazetteer:
    """Places of a theater with a name index. Build once, share everywhere."""

    def __init__(self, places: Iterable[Place]):
        self.places: list[Place] = []
        self.by_id: dict[str, Place] = {}
        self._index_of: dict[str, int] = {}
        self._exact: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._skeleton: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.max_tokens = 1
        for place in places:
            self.add(place)

    def __len__(self) -> int:
        return len(self.places)

    def add(self, place: Place) -> None:
        """Add a place (replacing one with the same id) and index all its names."""
        if place.kind not in KINDS:
            raise TheaterError(f"place {place.id!r}: kind {place.kind!r} is not one of {', '.join(KINDS)}")
        if place.id in self.by_id:
            old = self.by_id[place.id]
            index = self._index_of[place.id]
            place = Place(**{**old.to_dict(), **place.to_dict(), "names": tuple(dict.fromkeys(old.names + place.names))})
            self.places[index] = place
        else:
            index = len(self.places)
            self.places.append(place)
            self._index_of[place.id] = index
        self.by_id[place.id] = place
        variants = (place.name, *place.names)
        for variant in dict.fromkeys((*variants, *(g for v in variants for g in glued_article_variants(v)))):
            key = folded_key(variant)
            if not key:
                continue
            self.max_tokens = max(self.max_tokens, key.count(" ") + 1)
            if (index, variant) not in self._exact[key]:
                self._exact[key].append((index, variant))
            skel = skeleton(key)
            if len(skel) >= 2 and (index, key) not in self._skeleton[skel]:
                self._skeleton[skel].append((index, key))

    def seats(self, country: str) -> dict[str, Place]:
        """The seat of each first-level division of ``country`` (admin1 -> settlement): the settlement that bears the
        division's name ("Daraa" of Daraa Governorate), the most populous such one; for a division named after no
        settlement, its most populous settlement."""
        named: dict[str, Place] = {}
        largest: dict[str, Place] = {}
        for p in self.places:
            if p.kind != "settlement" or p.country != country or not p.admin1:
                continue
            if p.admin1 not in largest or p.population > largest[p.admin1].population:
                largest[p.admin1] = p
            keys = {folded_key(v) for v in (p.name, *p.names)}
            if folded_key(p.admin1) in keys and (p.admin1 not in named or p.population > named[p.admin1].population):
                named[p.admin1] = p
        return {**largest, **named}

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Places whose names match ``name`` across transliterations, best first."""
        return self.lookup_key(folded_key(name), fuzzy=fuzzy)

    def lookup_key(self, key: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Like :meth:`lookup` for an already folded key."""
        found: dict[int, Candidate] = {}
        for index, variant in self._exact.get(key, ()):
            found.setdefault(index, Candidate(self.places[index], variant, 1.0))
        if not found and (bare := _unglued(key)):
            # the article written glued to the name ("Alnabk", "Elkafr"): the name it is glued to, nearly as sure
            for index, variant in self._exact.get(bare, ()):
                found.setdefault(index, Candidate(self.places[index], variant, GLUED_SCORE))
        if fuzzy and len(key) >= 4:
            for index, other_key in self._skeleton.get(skeleton(key), ()):
                if index in found:
                    continue
                score = fuzz.ratio(key, other_key) / 100.0
                if score >= 0.72:
                    found[index] = Candidate(self.places[index], other_key, round(score, 3))
        return sorted(found.values(), key=lambda c: (-c.score, -c.place.population, c.place.id))

    def has_key(self, key: str) -> bool:
        """Cheap test used while scanning text: could this folded key name a place?"""
        return key in self._exact or (len(key) >= 4 and skeleton(key) in self._skeleton) or _unglued(key) in self._exact

    def search(self, name: str, limit: int = 10) -> list[tuple[Place, float]]:
        """Candidates for a name with scores in 0..1, for people (the CLI's ``gazetteer search``)."""
        results = {c.place.id: (c.place, c.score) for c in self.lookup(name)}
        if len(results) < limit:
            keys = list(self._exact)
            for key, score, _ in process.extract(folded_key(name), keys, scorer=fuzz.WRatio, limit=limit * 2):
                for index, _variant in self._exact[key]:
                    place = self.places[index]
                    if place.id not in results:
                        results[place.id] = (place, round(score / 100.0 * 0.9, 3))
        ranked = sorted(results.values(), key=lambda r: (-r[1], -r[0].population))
        return ranked[:limit]

    def in_admin1(self, admin1: str) -> list[Place]:
        """Places of a governorate (regions themselves excluded)."""
        return [p for p in self.places if p.admin1 == admin1 and p.kind != "region"]

    def regions(self) -> list[Place]:
        """Region places (governorates), by name."""
        return sorted((p for p in self.places if p.kind == "region"), key=lambda p: p.name)


def read_places_tsv(path: Path) -> list[Place]:
    """Read a gazetteer TSV (columns :data:`GAZETTEER_COLUMNS`)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            return [_place_from_row(row, path) for row in reader]
    except OSError as exc:
        raise TheaterError(f"cannot read gazetteer {path}: {exc.strerror}") from exc


def read_places_csv(path: Path) -> list[Place]:
    """Read a user ``places.csv``: ``name,lat,lon,kind`` required, other gazetteer columns optional."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [_place_from_row(row, path) for row in csv.DictReader(fh)]
    except OSError as exc:
        raise TheaterError(f"cannot read places file {path}: {exc.strerror}") from exc


def _place_from_row(row: dict[str, str], path: Path) -> Place:
    try:
        name = row["name"].strip()
        lat, lon = float(row["lat"]), float(row["lon"])
        kind = (row.get("kind") or "settlement").strip()
        names = tuple(n.strip() for n in (row.get("names") or "").split("|") if n.strip())
        pid = (row.get("id") or "").strip() or "user:" + "-".join(name_tokens(name))
        place = Place(
            id=pid, name=name, kind=kind, lat=lat, lon=lon,
            admin1=(row.get("admin1") or "").strip(), feature=(row.get("feature") or "").strip(),
            country=(row.get("country") or "SY").strip() or "SY",
            population=int(float(row.get("population") or 0)),
            approximate=(row.get("approximate") or "0").strip() in ("1", "true", "True"),
            names=names or (name,),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise TheaterError(f"{path}: bad place row {dict(row)!r}: {exc}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise TheaterError(f"{path}: place {name!r} has impossible coordinates {lat}, {lon}")
    if kind not in KINDS:
        raise TheaterError(f"{path}: place {name!r} has kind {kind!r}; expected one of {', '.join(KINDS)}")
    return place


def write_places_csv(path: Path, places: Sequence[Place]) -> None:
    """Write places in the user ``places.csv`` format (same columns as the TSV)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(GAZETTEER_COLUMNS)
        for p in places:
            writer.writerow([
                p.id, p.name, p.kind, p.feature, f"{p.lat:.5f}", f"{p.lon:.5f}", p.admin1, p.country,
                p.population, int(p.approximate), "|".join(p.names),
            ])


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (spherical Earth, good to ~0.5%)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))
