"""The language pack's cue words for the geoparser (``[geoparse]`` of a language's frames.toml), compiled into regexes.

Kind words ("airport", "countryside"), the unit, person and speaker words that veto a name, the
slots only a place fills ("the village of X", "captured X"), relative positions ("12 km north of
X", "near X", "between X and Y"), roads and lists of places: one compiled set per language, cached.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from frontlines.events.lexicon import load_language

# A capitalised name in a slot that only a place fills.
_NAME = r"((?:(?:al|el|as|ar|ad|at|an|ash|Al|El|As|Ar|Ad|At|An|Ash)[-\s])?[A-Z][\w'’‘ʿ]+(?:[-\s](?:(?:al|el|as|ar|ad|at|an|ash)-)?[A-Z][\w'’‘ʿ]+){0,3})"


def _alt(words: Sequence[str]) -> str:
    """Regex fragments as one alternation, tried in order; none: a group that never matches."""
    return "(?:" + "|".join(words) + ")" if words else "(?!)"


class _Cues:
    """The language pack's cue words (``[geoparse]`` of frames.toml) compiled into the geoparser's regexes."""

    def __init__(self, code: str):
        lang = load_language(code)
        self.kinds, w = lang.cue_kinds, {k: _alt(lang.geoparse.get(k, ())) for k in (
            "facility_qualifiers", "facility_words", "kind_after", "kind_before", "region_after", "regions_after",
            "direction_adjectives", "city_after", "unit_after", "unit_before", "person_titles", "place_slot_before",
            "speaker_auxiliaries", "speaker_verbs", "named_facility_qualifiers", "named_facility_words",
            "strong_slot_nouns", "take_verbs")}
        self.facility_tail = re.compile(rf"^(?:['’]s)?[ -]*((?:{w['facility_qualifiers']} )?{w['facility_words']})\b", re.I)
        self.kind_after = re.compile(rf"^[ -]*(?P<w>{w['kind_after']})\b", re.I)
        self.kind_before = re.compile(rf"\b(?P<w>{w['kind_before']})\s+(?:of\s+)?(?:the\s+)?$", re.I)
        self.region_after = re.compile(rf"^[ -]*{w['region_after']}\b", re.I)
        self.regions_after = re.compile(rf"^[ -]*{w['regions_after']}\b", re.I)
        self.direction_adj = re.compile(rf"\b{w['direction_adjectives']}\s+$", re.I)
        self.city_after = re.compile(rf"^[ -]*{w['city_after']}\b", re.I)
        self.not_place_after = re.compile(rf"^(?:[ -]*(?:'s|’s))?[ -]*{w['unit_after']}\b")
        self.not_place_before = re.compile(rf"\b{w['unit_before']}(?:\s+(?:al|el|ash|as|ad|ar)-?|\s+)$")
        self.person_before = re.compile(rf"\b{w['person_titles']}\s+$")
        # ", a town north of B", ", the village that ...": an apposition that classes the word before it as a place
        self.apposed_class = re.compile(rf",\s+(?:a|an|the)\s+(?:[a-z'-]+\s+){{0,2}}?{w['kind_before']}\b", re.I)
        self.place_slot_before = re.compile(rf"\b{w['place_slot_before']}\s+(?:the\s+)?$")
        self.speaker_after = re.compile(rf"^\s+(?:{w['speaker_auxiliaries']}\s+)?{w['speaker_verbs']}\b")
        self.named_facility_after = re.compile(
            rf"^[ -]+(?:{w['named_facility_qualifiers']}\s+)*{w['named_facility_words']}\b")
        self.take_verb = re.compile(rf"{w['take_verbs']}\b")
        self.strong_slot = re.compile(rf"\b{w['strong_slot_nouns']}\s+of\s+" + _NAME)
        weak = _alt(lang.geoparse.get("take_verbs", ()) + lang.geoparse.get("weak_slot_words", ()))
        self.weak_slot = re.compile(rf"\b{weak}\s+(?:the\s+)?" + _NAME)
        # relative positions ("12 km north of X", "west of X", "near X", "between X and Y")
        geo, tables = lang.geoparse, lang.geoparse_tables
        self.number_words: dict[str, float] = {k.lower(): float(v) for k, v in tables.get("number_words", {}).items()}
        self.bearings: dict[str, float] = {k.lower(): float(v) for k, v in tables.get("bearings", {}).items()}
        self.compass_suffixes = tuple(geo.get("compass_suffixes", ()))
        # "north-west C", "northeastern C", "central C": a part of the country, named by its direction
        self.area_before = re.compile(
            rf"\b(?P<a>{w['direction_adjectives']}|{_alt(geo.get('compass', ()))})\s+$", re.I)
        self.mile_unit = re.compile(rf"^{_alt(geo.get('mile_units', ()))}$", re.I)
        self.facility_classes = tuple((cls, tuple(words)) for cls, words in tables.get("facility_classes", {}).items())
        self.direction_link = geo.get("direction_links", ("",))[0]
        compass = rf"(?P<d>{_alt(geo.get('compass', ()))}){_alt(self.compass_suffixes)}?"
        article = rf"(?:{_alt(geo.get('relation_articles', ()))}\s+)?"
        of = _alt(geo.get("class_links", ()))
        numbers = _alt([re.escape(w) for w in self.number_words])
        self.distance_before = re.compile(
            rf"(?P<n>\d+(?:\.\d+)?|{numbers})\s*(?:-\s*)?(?P<u>{_alt(geo.get('distance_units', ()))})\s+"
            rf"(?:{_alt(geo.get('direction_lead', ()))}\s+)?{compass}\s+{_alt(geo.get('distance_links', ()))}\s+{article}"
            rf"(?:{_alt(geo.get('distance_classes', ()))} {of}\s+)?$", re.I)
        classes = rf"(?:{_alt(geo.get('relation_classes', ()))} {of}\s+)?"
        self.direction_before = re.compile(rf"\b{compass}\s+{_alt(geo.get('direction_links', ()))}\s+{article}{classes}$", re.I)
        self.near_before = re.compile(rf"\b(?P<rel>{_alt(geo.get('near_relations', ()))})\s+{article}{classes}$", re.I)
        self.route_before = re.compile(rf"\b(?P<rel>{_alt(geo.get('route_relations', ()))})\s+{article}{classes}$", re.I)
        roads = _alt(geo.get("road_nouns", ())) or "(?!)"
        # "the A-B highway": A is its first end, B (after the dash) the second; "the A road"
        self.road_after = re.compile(rf"(?:\s*[-–—]\s*[A-Z][\w'’]*(?:[\s-]+[A-Za-z][\w'’]*){{0,3}}?)?\s+(?P<rel>{roads})\b", re.I)
        self.between_before = re.compile(rf"\b{_alt(geo.get('between_words', ()))}\s+{article}"
                                         rf"(?:{_alt(geo.get('between_lists', ()))} {of}\s+)?$", re.I)
        # what may stand between a slot's first place and a later member of its list: names, commas, "and", "the"
        conj = _alt(geo.get("between_and", ()))
        self.slot_list_gap = re.compile(rf"(?:[\s,]++|\b{conj}\b|\b{_alt(geo.get('relation_articles', ()))}\b|[A-Z][\w'’-]*+)*+")
        # members of a list: ", ", " and ", and a direction adjective before the next member ("A and western B")
        self.list_gap = re.compile(rf"^(?:,\s*|\s+{conj}\s+|,\s+{conj}\s+)(?:{w['direction_adjectives']}\s+)?$", re.I)
        self.list_opener = re.compile(rf"\b{_alt(geo.get('list_openers', ()))}\s+", re.I)
        self.and_between = re.compile(rf"^\s+{_alt(geo.get('between_and', ()))}\s+{article}$")
        self.common_words, self.stop_start, self.type_words, self.facility_qualifiers = (
            frozenset(w.lower() for w in lang.geoparse.get(k, ()))
            for k in ("common_words", "stop_start", "type_words", "facility_name_qualifiers"))

    def distance_km(self, number: str, unit: str) -> float:
        """A distance in km ("12", "five" km or miles; a number word the pack lacks counts 5)."""
        value = float(number) if number[:1].isdigit() else self.number_words.get(number.lower(), 5.0)
        return value * 1.609 if self.mile_unit.match(unit) else value

    def bearing(self, direction: str) -> float:
        word = direction.lower()
        for suffix in self.compass_suffixes:
            word = word.replace(suffix, "")
        return self.bearings[word]

    def area_tokens(self, tokens: Sequence[str]) -> tuple[str, ...]:
        """Folded tokens of an area name with its direction word in one spelling: "north-west", "north west",
        "northwestern" and "north-western" all become "northwest" (so one area has one unmapped id)."""
        def plain(word: str) -> str:
            for suffix in self.compass_suffixes:
                if word.endswith(suffix) and word[: -len(suffix)] in self.bearings:
                    return word[: -len(suffix)]
            return word

        out = list(tokens)
        if len(out) >= 2 and out[0] in self.bearings and plain(out[0] + out[1]) in self.bearings:
            out[:2] = [out[0] + out[1]]
        if out:
            out[0] = plain(out[0])
        return tuple(out)

    def facility_class(self, name: str) -> str:
        """Which facility a name names ("air" for an airport or an airbase); "base" when no word says."""
        n = name.lower()
        return next((cls for cls, words in self.facility_classes if any(w in n for w in words)), "base")

    def kind(self, word: str) -> str:
        """The place kind a kind word asks for ("countryside": region); facility when no list names it."""
        return next((kind for kind, words in self.kinds.items() if word.lower() in words), "facility")


@lru_cache(maxsize=8)
def _cues(code: str) -> _Cues:
    return _Cues(code)
