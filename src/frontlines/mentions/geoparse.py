"""Geoparse: find place mentions in a document and resolve them against the gazetteer.

Recognition is driven by the gazetteer, not by generic NER: every run of
capitalised words (and Arabic-script words) is looked up, longest first, under
the folded and skeleton keys of :mod:`frontlines.mentions.gazetteer`. Matches that are
really something else are dropped with the context around them: faction and
unit names (the actor dictionary, "<Corps> al-...", "... Division"), weapons
("<name> rockets"), people (spaCy's PERSON, used only as a weak veto) and
common words that merely start a sentence.

Candidates are then ranked: the theater's country first, then nearness to the
unambiguous places of the same report (the front being described), the
governorate the sentence names, the kind the context asks for ("airport",
"mountain", "countryside"), then size. Relative phrases ("3 km west of X",
"on the outskirts of X", "between X and Y") give a displaced point with
geo precision 2. Capitalised names in place slots that the gazetteer lacks
are reported as unresolved, never forced onto a far namesake.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

from pyproj import Geod

from frontlines.events.lexicon import load_language
from frontlines.events.phrases import LIST_NAME, list_gap, list_tail
from frontlines.mentions.gazetteer import Candidate, Gazetteer, fold_token, folded_key, haversine_km, is_arabic, name_tokens
from frontlines.models import ActorMention, Document, Place, PlaceMention, Unresolved
from frontlines.theater import Theater

_GEOD = Geod(ellps="WGS84")
LOCAL_CHARS = 400  # "nearby in the text": about three sentences
FAR_KM = 90.0  # a village this far from every other place the report names is someone else's namesake
_PARAGRAPH = re.compile(r"\n\s*\n")
_TOKEN = re.compile(r"[^\W_]+(?:['’‘ʿʾ`][^\W_]+)*")
_GAP = re.compile(r"^(?: |-|–| - |\u00a0)$")
_ARTICLE_WORDS = frozenset({"al", "el", "as", "ar", "ad", "at", "az", "an", "ash", "es", "en", "et", "ez"})
_LOWER_INNER = _ARTICLE_WORDS | {"ibn", "bin", "bani", "wa", "of", "de", "la"}
_MODEL_NUMBER = re.compile(r"^-\d")
_NAME_BEFORE = re.compile(r"(?<![.!?:\n])\b[A-Z][a-z]+ $")
# A capitalised name in a slot that only a place fills.
_NAME = r"((?:(?:al|el|as|ar|ad|at|an|ash|Al|El|As|Ar|Ad|At|An|Ash)[-\s])?[A-Z][\w'’‘ʿ]+(?:[-\s](?:(?:al|el|as|ar|ad|at|an|ash)-)?[A-Z][\w'’‘ʿ]+){0,3})"
# Words that are part of many names but never a name alone.
_GENERIC = frozenset(["kafr", "tal", "jabal", "ayn", "dayr", "abu", "umm", "bayt", "khirbat", "shaykh", "qalaat", "kubra", "sughra", "kabir", "saghir", "jadida", "qadima", "sharqi", "gharbi", "shamali", "janubi", "tahtani", "fawqani", "wadi", "ras", "suq", "mazraa", "jisr"])


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate name in the text, before resolution."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class GeoparseResult:
    """Output of the geoparse stage for one document."""

    places: tuple[PlaceMention, ...]
    unresolved: tuple[Unresolved, ...]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        start, end = m.start(), m.end()
        word = m.group(0)
        if word[-2:] in ("'s", "’s") and len(word) > 3:
            end -= 2
            word = word[:-2]
        out.append((start, end, word))
    return out


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or is_arabic(word) or (word[:1].isdigit() and any(c.isalpha() for c in word))


def _lookup_key(words: Sequence[str]) -> str:
    folded = [fold_token(w) for w in words]
    folded = [w for w in folded if w]
    kept = [w for i, w in enumerate(folded) if not (w in _ARTICLE_WORDS and i + 1 < len(folded))]
    return " ".join(kept or folded)


def find_spans(text: str, gazetteer: Gazetteer, cues: _Cues | None = None) -> list[Span]:
    """Longest gazetteer matches over runs of capitalised words, not overlapping (``cues``: the language's,
    English when not given)."""
    cues = cues or _cues("en")
    toks = _tokens(text)
    spans: list[Span] = []
    max_n = min(gazetteer.max_tokens + 1, 7)
    i = 0
    while i < len(toks):
        start, _end, word = toks[i]
        if word.lower() in cues.stop_start and text[toks[i][1] : toks[i][1] + 1] != "-":
            i += 1  # "In Dar'a" starts with the English word, not a name
            continue
        first_ok = _capitalised(word) or (
            word.lower() in _ARTICLE_WORDS and i + 1 < len(toks) and _capitalised(toks[i + 1][2])
            and text[toks[i][1] : toks[i + 1][0]] == "-"
        )
        if not first_ok:
            i += 1
            continue
        # Extend over tokens joined by a single space or hyphen.
        j = i + 1
        while j < len(toks) and j - i < max_n and _GAP.match(text[toks[j - 1][1] : toks[j][0]]):
            j += 1
        best: Span | None = None
        for k in range(j, i, -1):
            words = [t[2] for t in toks[i:k]]
            last = words[-1]
            if not (_capitalised(last) or last.lower() in cues.type_words):
                continue
            if any(not _capitalised(w) and w.lower() not in _LOWER_INNER and w.lower() not in cues.type_words
                   and w.lower() not in cues.facility_qualifiers for w in words[1:]):
                continue
            if k == i + 1 and fold_token(word) in _ARTICLE_WORDS and text[toks[i][1] : toks[i][1] + 1] == "-":
                continue  # the article of a longer hyphenated name ("Al-" of "Al-X") names nothing alone
            key = _lookup_key(words)
            if not key or not gazetteer.has_key(key) or all(t in _GENERIC for t in key.split()):
                continue
            cands = gazetteer.lookup_key(key)
            if cands and k == i + 1 and cands[0].score < 1.0:
                # One word matched only by its consonants: it must look like a name on its own.
                nxt = toks[k][2] if k < len(toks) and _GAP.match(text[toks[k - 1][1] : toks[k][0]]) else ""
                if word.isupper() or (nxt and _capitalised(nxt)) or cands[0].score < 0.76:
                    cands = []
            if cands and word.isupper() and word.isalpha() and len(word) <= 4 and k == i + 1:
                cands = []  # agency and party acronyms: not places
            if cands:
                best = Span(start, toks[k - 1][1], text[start : toks[k - 1][1]], tuple(cands))
                i = k
                break
        if best is None:
            i += 1
        else:
            spans.append(best)
    return spans


def _sentence_bounds(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return 0, 0


class Spans:
    """Character spans of one document, sorted once, asked many times (overlap, containment, the
    sentence of a position) in O(log n) instead of a scan over every span: the cost of a long
    report stays linear. Answers are those of the plain scans they replace."""

    __slots__ = ("_disjoint", "_given", "_reach", "_spans", "_starts")

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self._given = spans
        self._spans = sorted(spans)
        self._starts = [s for s, _e in self._spans]
        reach, far = [], -(1 << 62)
        for _s, e in self._spans:
            far = max(far, e)
            reach.append(far)  # the furthest end among this span and all that start before it
        self._reach = reach
        self._disjoint = all(e0 <= s1 for (_s0, e0), (s1, _e1) in pairwise(self._spans))

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end): ``any(s < end and start < e)``."""
        i = bisect.bisect_left(self._starts, end)  # spans with s < end
        return i > 0 and self._reach[i - 1] > start

    def contains(self, start: int, end: int, *, strictly: bool = False) -> bool:
        """Some span holds [start, end): ``any(s <= start and end <= e)``; ``strictly``: and is longer."""
        i = bisect.bisect_left(self._starts, start)  # spans with s < start
        if i > 0 and self._reach[i - 1] >= end:
            return True  # starts before it and reaches its end: longer as well
        j = bisect.bisect_right(self._starts, start)
        return any(e > end if strictly else e >= end for _s, e in self._spans[i:j])

    def holding(self, pos: int) -> tuple[int, int]:
        """The first span as given with ``s <= pos < e``, (0, 0) when none: by bisection when the spans
        are disjoint (then at most one holds ``pos``), else by the scan."""
        if not self._disjoint:
            return _sentence_bounds(self._given, pos)
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._spans[i][1]:
            return self._spans[i]
        return 0, 0


class Persons(Protocol):
    """Where people's names are: asked of a few spans only, so it may find them lazily."""

    def has_person(self, start: int, end: int, *, strictly: bool = False) -> bool: ...


class _Persons:
    """People's names given as spans."""

    __slots__ = ("spans",)

    def __init__(self, spans: Spans) -> None:
        self.spans = spans

    def has_person(self, start: int, end: int, *, strictly: bool = False) -> bool:
        return self.spans.contains(start, end, strictly=strictly)


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


@dataclass(frozen=True, slots=True)
class _Context:
    """What a document says around a mention: places it names unambiguously, governorates it names."""

    anchors: tuple[tuple[int, float, float, str], ...]  # (position, lat, lon, place id)
    centre: tuple[float, float] | None
    cues: tuple[tuple[int, str], ...]  # (position, governorate)
    paragraphs: tuple[int, ...]  # start offsets of paragraphs
    # Indexes over the fields above, in text order (a long report asks them once per mention).
    anchor_positions: tuple[int, ...] = ()
    cue_positions: tuple[int, ...] = ()
    all_governorates: frozenset[str] = frozenset()
    nearest: dict[tuple[str, float, float], float | None] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, text: str, spans: Sequence[Span], country: str, cues: Sequence[tuple[int, str]]) -> _Context:
        anchors = []
        for span in spans:
            home = [c.place for c in span.candidates
                    if c.place.country == country and c.place.kind not in ("region", "country", "route")]
            if len(home) == 1:
                anchors.append((span.start, home[0].lat, home[0].lon, home[0].id))
        centre = None
        if anchors:
            centre = statistics.median(a[1] for a in anchors), statistics.median(a[2] for a in anchors)
        paragraphs = (0, *(m.end() for m in _PARAGRAPH.finditer(text)))
        anchors.sort(key=lambda a: a[0])  # already in text order (spans are); sorted() keeps equal positions' order
        ordered_cues = sorted(cues, key=lambda c: c[0])
        return cls(tuple(anchors), centre, tuple(ordered_cues), paragraphs, tuple(a[0] for a in anchors),
                   tuple(c[0] for c in ordered_cues), frozenset(g for _p, g in ordered_cues))

    def local_distance(self, span: Span, place: Place) -> float | None:
        """Distance to the nearest unambiguous place named within a few sentences of the span."""
        lo = bisect.bisect_left(self.anchor_positions, span.start - LOCAL_CHARS)
        hi = bisect.bisect_right(self.anchor_positions, span.start + LOCAL_CHARS)
        near = [(lat, lon) for pos, lat, lon, pid in self.anchors[lo:hi] if pid != place.id and pos != span.start]
        if not near:
            return None
        return min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in near)

    def governorates_near(self, pos: int) -> tuple[set[str], frozenset[str]]:
        """Governorates named in the paragraph of ``pos``, and in the whole document."""
        i = bisect.bisect_right(self.paragraphs, pos) - 1
        start = self.paragraphs[i]
        end = self.paragraphs[i + 1] if i + 1 < len(self.paragraphs) else 1 << 62
        lo, hi = bisect.bisect_left(self.cue_positions, start), bisect.bisect_left(self.cue_positions, end)
        return {g for _p, g in self.cues[lo:hi]}, self.all_governorates

    def nearest_anchor_km(self, place: Place) -> float | None:
        """Distance from ``place`` to the nearest unambiguous place the document names other than
        itself (None when there is none), computed once per place and document."""
        key = (place.id, place.lat, place.lon)
        if key not in self.nearest:
            others = [(lat, lon) for _pos, lat, lon, pid in self.anchors if pid != place.id]
            self.nearest[key] = min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in others) if others else None
        return self.nearest[key]


class Geoparser:
    """Resolves place mentions for one theater; build once, call per document."""

    def __init__(self, theater: Theater):
        self.theater = theater
        # How far from every other place a report names a village must lie to be someone else's namesake
        # (theater data: a longer front needs a longer distance than the default).
        self.far_km = float(theater.rules.get("far_namesake_km", FAR_KM))
        # Capitalised words that never name a place alone: the language's (months, pronouns, "Army") and the
        # theater's (nationalities, communities, outlets: ``rules.not_place_words``).
        self._cues = _cues(theater.language)
        self._not_names = load_language(theater.language).not_names | frozenset(theater.rules.get("not_place_words", ()))
        self.gazetteer = theater.gazetteer
        self.country = theater.country
        self._regions_by_admin1 = {p.admin1: p for p in self.gazetteer.places
                                   if p.kind == "region" and p.feature == "governorate"}
        self._governorate_ids = frozenset(p.id for p in self._regions_by_admin1.values())
        self._region_names = {p.id: frozenset(folded_key(n) for n in p.names) for p in self._regions_by_admin1.values()}
        self._facilities = [p for p in self.gazetteer.places if p.kind == "facility"]

    def __call__(
        self,
        doc: Document,
        sentences: Sequence[tuple[int, int]] = (),
        entities: Sequence[tuple[int, int, str]] = (),
        actors: Sequence[ActorMention] = (),
        persons: Persons | None = None,
    ) -> GeoparseResult:
        """Geoparse one document (sentences and entities from spaCy, actors from the dictionary).
        ``persons``: people's names found when asked (spaCy's PERSON); else those of ``entities``."""
        text = doc.text
        if not sentences:
            sentences = [(0, len(text))]
        if persons is None:
            persons = _Persons(Spans([(s, e) for s, e, label in entities if label == "PERSON"]))
        actor_spans = [(a.start, a.end) for a in actors]
        actor_index, sentence_index = Spans(actor_spans), Spans(sentences)
        spans = [s for s in find_spans(text, self.gazetteer, self._cues)
                 if not self._is_not_place(text, s, actor_index, persons, sentence_index)]
        context = _Context.build(text, spans, self.country, self._governorate_cues(text, spans))
        mentions: list[PlaceMention] = []
        unresolved: list[Unresolved] = []
        for span in spans:
            mention = self._resolve(doc, span, context)
            if isinstance(mention, Unresolved):
                unresolved.append(mention)
            elif mention is not None:
                mentions.append(mention)
        mentions = self._between(text, self._governorate_lists(text, mentions))
        taken = [(m.start, m.end) for m in mentions] + [(u.start, u.end) for u in unresolved]
        unresolved.extend(self._unresolved_slots(doc, Spans([*taken, *actor_spans]), persons))
        far = {(u.start, u.end): u for u in unresolved if u.reason.startswith(FAR_NAMESAKE)}
        taken = [(m.start, m.end) for m in mentions] + [(u.start, u.end) for u in unresolved if (u.start, u.end) not in far]
        listed = self._unresolved_in_lists(doc, mentions, Spans([*taken, *actor_spans]))
        # a far namesake listed with places of one front is a place the gazetteer lacks, known by its name
        listed_spans = {(x.start, x.end) for x in listed}
        unresolved = [u for u in unresolved if (u.start, u.end) not in listed_spans]
        unresolved.extend(replace(x, reason=f"{x.reason}; {far[x.start, x.end].reason}") if (x.start, x.end) in far else x
                          for x in listed)
        return GeoparseResult(tuple(sorted(mentions, key=lambda m: m.start)), tuple(sorted(unresolved, key=lambda u: u.start)))

    # -- filtering -------------------------------------------------------------------------------

    def _is_not_place(self, text: str, span: Span, actor_spans: Spans, persons: Persons, sentences: Spans) -> bool:
        if actor_spans.overlaps(span.start, span.end):
            return True
        after, before = text[span.end : span.end + 40], text[max(0, span.start - 40) : span.start]
        if self._cues.not_place_after.match(after) or self._cues.not_place_before.search(before) or self._cues.person_before.search(before):
            return True
        if span.text[:3].lower() in ("al-", "el-") and _NAME_BEFORE.search(before):
            return True  # "Bashar al-X": a family name after a given name, not a village
        if _MODEL_NUMBER.match(after):
            return True  # a weapon model ("Golan-1000")
        words = span.text.split()
        if len(words) == 1 and span.text in self._not_names:
            return True
        if self._cues.speaker_after.match(after) and any(c.place.population > 500_000 for c in span.candidates):
            return True  # "X said": the government seated there, not the city
        sent_start, _ = sentences.holding(span.start)
        at_sentence_start = not text[sent_start : span.start].strip(" \t\n-*#>•\"'“")
        if len(words) == 1 and at_sentence_start and span.text.lower() in self._cues.common_words:
            return True
        fuzzy = span.candidates[0].score < 0.9
        if fuzzy and persons.has_person(span.start, span.end, strictly=True):
            # A weak veto for names matched only approximately inside a person's name ("al-Jolani").
            return not self._cues.place_slot_before.search(before)
        return False

    # -- context ---------------------------------------------------------------------------------

    def _governorate_cues(self, text: str, spans: Sequence[Span]) -> list[tuple[int, str]]:
        """(position, governorate) for every governorate the text names as such ("X countryside")."""
        cues = []
        for span in spans:
            after, before = text[span.end : span.end + 20], text[max(0, span.start - 20) : span.start]
            if self._cues.region_after.match(after) or self._cues.direction_adj.search(before) or self._cues.regions_after.match(after):
                for c in span.candidates:
                    if c.place.kind == "region" and c.place.country == self.country:
                        cues.append((span.start, c.place.admin1))
        return cues

    def _score(self, cand: Candidate, span: Span, context: _Context, cue: str, regions: frozenset[str] = frozenset()) -> float:
        """``regions``: the governorates among the span's candidates (a seat shares its name with one)."""
        place = cand.place
        score = cand.score * 2
        if place.country != self.country:
            score -= 6
        seat = place.admin1 in regions
        if place.kind not in ("region", "country") and not seat:
            # Large cities are named from afar; villages are named because the front is there. (A governorate's
            # seat shares its name and its ground with the governorate: distance cannot choose between them.)
            size = min(1.0, math.log10(place.population + 1) / 6)
            local = context.local_distance(span, place)
            if local is not None:
                score -= min(local, 300) / 50 * (1 - 0.7 * size)
            elif context.centre is not None:
                score -= min(haversine_km(place.lat, place.lon, *context.centre), 400) / 100 * (1 - 0.7 * size)
        named_here, named_doc = context.governorates_near(span.start)
        if place.admin1 and place.admin1 in named_here:
            score += 1.5
        elif place.admin1 and place.admin1 in named_doc:
            score += 0.5
        if cue:
            score += 2.5 if place.kind == cue else -0.5
        elif place.kind in ("region", "country"):
            score -= 0.4
        elif place.kind == "facility":
            score -= 0.2
        score += math.log10(place.population + 1) / 5
        return score

    def _resolve(self, doc: Document, span: Span, context: _Context) -> PlaceMention | Unresolved | None:
        text = doc.text
        after, before = text[span.end : span.end + 30], text[max(0, span.start - 60) : span.start]
        cue = ""
        end = span.end
        cands = list(span.candidates)
        tail = self._cues.facility_tail.match(after)
        if tail:
            facility = self._facility_named(span, tail.group(1))
            if facility is not None:
                cands, end, cue = [facility], span.end + tail.end(), "facility"
            elif any(c.place.kind == "facility" for c in cands):
                cue = "facility"
        if not cue and (named := self._cues.named_facility_after.match(after)):
            # "X Central Prison": a facility the gazetteer lacks, not the city; kept by its name like any place we lack
            return Unresolved(text[span.start : span.end + named.end()], span.start, span.end + named.end(), doc.id,
                              f"{UNMAPPED_REASON}: a facility named after {span.text}")
        if not cue and ((m := self._cues.kind_after.match(after)) or (m := self._cues.kind_before.search(before))):
            cue = self._cues.kind(m.group("w"))
        region_cue = bool(self._cues.region_after.match(after)) or bool(self._cues.regions_after.match(after)) or (
            bool(self._cues.direction_adj.search(before)) and not self._cues.city_after.match(after)
        )
        if region_cue:
            cue = "region"
        home = [c for c in cands if c.place.country == self.country]
        if not home:
            if cands:
                countries = ", ".join(sorted({c.place.country for c in cands}))
                return Unresolved(span.text, span.start, span.end, doc.id, f"only foreign namesakes ({countries})")
            return None
        if cue == "region":
            region = self._region_for(cands)
            if region is not None:
                cands = [region]
        if any(c.score >= 1.0 for c in cands):
            # a known name of a place names that place (or its exact namesakes), never a look-alike spelling
            cands = [c for c in cands if c.score >= 1.0]
        regions = frozenset(c.place.admin1 for c in span.candidates if c.place.kind == "region")
        ranked = sorted(cands, key=lambda c: -self._score(c, span, context, cue, regions))
        best = ranked[0]
        place = best.place
        if self._far_namesake(text, span, place, context, cue):
            return Unresolved(span.text, span.start, span.end, doc.id,
                              f"{FAR_NAMESAKE} ({place.name}, {place.admin1}): not on the front described")
        if place.kind == "country" and (area := self._cues.area_before.search(before)) is not None:
            # "north-west C" is no name of the country: a part of it the gazetteer has no outline for
            start = span.start - len(before) + area.start("a")
            return Unresolved(text[start : span.end], start, span.end, doc.id, f"{AREA_REASON} {place.name}")
        alternatives = tuple(c.place.id for c in ranked[1:4])
        geo_precision = 3 if place.kind in ("region", "country") else 1
        relation, anchor_id = "", ""
        lat, lon = place.lat, place.lon
        if (m := self._cues.distance_before.search(before)) is not None:
            distance = self._cues.distance_km(m.group("n"), m.group("u"))
            bearing = self._cues.bearing(m.group("d"))
            lon, lat, _ = _GEOD.fwd(place.lon, place.lat, bearing, distance * 1000)
            relation, anchor_id, geo_precision = f"{m.group(0).strip()}", place.id, max(2, geo_precision)
        elif (m := self._cues.direction_before.search(before)) is not None:
            relation, anchor_id, geo_precision = f"{m.group('d').lower()} {self._cues.direction_link}", place.id, max(2, geo_precision)
        elif (m := self._cues.near_before.search(before)) is not None or (m := self._cues.route_before.search(before)) is not None:
            relation, anchor_id, geo_precision = m.group("rel").lower(), place.id, max(2, geo_precision)
        elif place.kind not in ("route", "region", "country") and (m := self._cues.road_after.match(text, end, end + 60)):
            # "on the A-B highway", "the A road": a road named by its ends, no scene at either end
            relation, anchor_id, geo_precision = m.group("rel").lower(), place.id, max(2, geo_precision)
        return PlaceMention(
            mention=text[span.start : end], start=span.start, end=end, doc=doc.id, place_id=place.id,
            name=place.name, lat=round(lat, 5), lon=round(lon, 5), kind=place.kind, admin1=place.admin1,
            score=round(min(1.0, best.score), 3), geo_precision=geo_precision, relation=relation,
            anchor_id=anchor_id, alternatives=alternatives,
        )

    def _facility_named(self, span: Span, tail: str) -> Candidate | None:
        """'X airport' -> the facility whose name starts with the span's name, if the gazetteer has one."""
        key = _lookup_key(span.text.split())
        wanted = self._cues.facility_class(tail)
        for c in self.gazetteer.lookup_key(f"{key} {fold_token(tail.split()[-1])}"):
            if c.place.kind == "facility":
                return c
        for place in self._facilities:
            if any(_lookup_key(n.split()).startswith(key + " ") and self._cues.facility_class(n) == wanted for n in place.names):
                return Candidate(place, place.name, 0.95)
        return None

    def _far_namesake(self, text: str, span: Span, place: Place, context: _Context, cue: str) -> bool:
        """A village far from everything else the report names, in no governorate it names: not ours."""
        fuzzy = span.candidates[0].score < 1.0
        if place.kind in ("region", "country", "route") or cue == "region":
            return False
        if not fuzzy and len({c.place.id for c in span.candidates}) == 1 and (self._in_slot(text, span) or place.kind == "facility"):
            # the one place of that exact name, where a military verb wants a place ("withdrew from X"); or a base or
            # an airport of a name no other place has: a site of its own, wherever the rest of the report is
            return False
        if place.population >= (200_000 if fuzzy else 20_000):
            return False
        named_here, named_doc = context.governorates_near(span.start)
        if place.admin1 in named_here:
            return False
        if fuzzy and place.population < 20_000:
            # a look-alike spelling far from every place named around it (a list of villages on one front)
            local = context.local_distance(span, place)
            if local is not None and local > self.far_km / 2:
                return True
        if place.admin1 in named_doc or len(context.anchors) < 3:
            return False
        nearest = context.nearest_anchor_km(place)
        return nearest is not None and nearest > self.far_km

    def _in_slot(self, text: str, span: Span) -> bool:
        """The span is the place a military verb or a place noun asks for ("captured X", "withdrew from X",
        "the village of X"), a list of such places included ("withdrew from A and B")."""
        lo = max(0, span.start - 80)
        for m in (*self._cues.weak_slot.finditer(text, lo, span.end), *self._cues.strong_slot.finditer(text, lo, span.end)):
            if m.start(1) == span.start or (m.end(1) <= span.start and self._cues.slot_list_gap.fullmatch(text[m.end(1) : span.start])):
                return True
        return False

    def _governorate_lists(self, text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """A list of places one of whose members is named as a governorate is a list of governorates.

        "A, B and C governorates": every member is a governorate. "across A and western B", "A, B and
        C province": a member that shares its name with a governorate is that governorate, not the city."""
        out = list(mentions)
        i = 0
        while i < len(out):
            j = i
            while j + 1 < len(out) and self._cues.list_gap.match(text[out[j].end : out[j + 1].start]):
                j += 1
            if j > i:
                plural = out[j].kind == "region" and bool(self._cues.regions_after.match(text[out[j].end : out[j].end + 20]))
                if plural or any(out[k].place_id in self._governorate_ids for k in range(i, j + 1)):
                    for k in range(i, j + 1):
                        m = out[k]
                        region = self._regions_by_admin1.get(m.admin1)
                        if m.kind == "region" or region is None:
                            continue
                        if plural or folded_key(m.mention) in self._region_names[region.id]:
                            out[k] = replace(m, place_id=region.id, name=region.name, lat=region.lat, lon=region.lon,
                                             kind="region", geo_precision=3)
            i = j + 1
        return out

    def _region_for(self, cands: Sequence[Candidate]) -> Candidate | None:
        regions = [c for c in cands if c.place.kind == "region" and c.place.country == self.country]
        # A governorate before any smaller named area that shares the name.
        regions.sort(key=lambda c: (c.place.feature != "governorate", -c.score))
        if regions:
            return regions[0]
        for c in cands:
            region = self._regions_by_admin1.get(c.place.admin1)
            if region is not None and c.place.country == self.country and c.place.population > 50_000:
                return Candidate(region, c.variant, c.score)
        return None

    def _between(self, text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """'between X and Y': both keep their own point but are marked precision 2, relation 'between'."""
        out = list(mentions)
        for i, m in enumerate(mentions[:-1]):
            nxt = mentions[i + 1]
            if self._cues.between_before.search(text[max(0, m.start - 40) : m.start]) and self._cues.and_between.match(text[m.end : nxt.start]):
                mid_lat, mid_lon = round((m.lat + nxt.lat) / 2, 5), round((m.lon + nxt.lon) / 2, 5)
                out[i] = replace(m, relation="between", anchor_id=m.place_id, geo_precision=2, lat=mid_lat, lon=mid_lon)
                out[i + 1] = replace(nxt, relation="between", anchor_id=nxt.place_id, geo_precision=2, lat=mid_lat, lon=mid_lon)
        return out

    def _unresolved_in_lists(self, doc: Document, mentions: Sequence[PlaceMention], taken: Spans) -> list[Unresolved]:
        """'took Anjara, Hawr and Kafr Basin': a name listed with places is a place we lack.

        Names between two places of one list count, and names that continue a list after its last place
        ("..., Qubtan al-Jabal, Sheikh Aqil and Basratoun.").
        """
        ordered = sorted(mentions, key=lambda m: m.start)
        spans = [(a.end + s, a.end + e) for a, b in pairwise(ordered) for s, e in _list_names(doc.text[a.end : b.start])]
        spans += [span for m in ordered for span in list_tail(doc.text, m.end)]
        spans += [span for m in ordered for span in self._list_head(doc.text, m.start)]
        out = []
        for start, end in sorted(set(spans)):
            name = doc.text[start:end]
            if name in self._not_names or name.split()[0] in self._not_names or taken.overlaps(start, end):
                continue
            out.append(Unresolved(name, start, end, doc.id, "not in gazetteer (in a list of places)"))
        return out

    def _list_head(self, text: str, start: int, reach: int = 120) -> list[tuple[int, int]]:
        """Names that open a list before its first known place, after a word that opens a list
        ("including A, B and C", with only C known)."""
        window = text[max(0, start - reach) : start]
        opener = next(reversed(list(self._cues.list_opener.finditer(window))), None)  # the last one
        if opener is None or opener.end() == len(window):
            return []
        gap = window[opener.end() :]
        first = LIST_NAME.match(gap)
        rest = gap[first.end() :] if first else ""
        if first is None or "\n" in gap or not list_gap(rest):
            return []
        base = start - len(gap)
        return [(base + a, base + b) for a, b in [first.span(), *((first.end() + c, first.end() + d) for c, d in _list_names(rest))]]

    def _unresolved_slots(self, doc: Document, taken: Spans, persons: Persons) -> list[Unresolved]:
        out: list[Unresolved] = []
        seen: set[tuple[int, int]] = set()
        for pattern, reason in ((self._cues.strong_slot, "not in gazetteer"), (self._cues.weak_slot, "not in gazetteer (place slot)")):
            for m in pattern.finditer(doc.text):
                start, end = m.span(1)
                name = m.group(1)
                first = name.split()[0].split("-")[-1]
                if (start, end) in seen or first in self._not_names or name in self._not_names:
                    continue
                if taken.overlaps(start, end):
                    continue
                if pattern is self._cues.weak_slot and not self._cues.take_verb.match(m.group(0)) and persons.has_person(start, end):
                    continue  # "near Hassan": spaCy's PERSON wins, but nobody "took" or "shelled" a person
                if self._cues.not_place_after.match(doc.text[end : end + 30]):
                    continue
                seen.add((start, end))
                out.append(Unresolved(name, start, end, doc.id, reason))
        return out


UNMAPPED_REASON = "not in gazetteer"
FAR_NAMESAKE = "only a far namesake"
UNMAPPED_KIND = "unmapped"
AREA_REASON = f"{UNMAPPED_REASON}: a part of"  # "north-west C": a direction's share of a country
AREA_RELATION = "part"


def unmapped_id(name: str, language: str = "en") -> str:
    """The ledger's id for a place known only by name: ``name:<folded name>``, its direction word in one
    spelling ("north-west C" and "northwestern C" are one area)."""
    return "name:" + "-".join(_cues(language).area_tokens(name_tokens(name)))


def unmapped_place(u: Unresolved) -> PlaceMention:
    """A name the gazetteer lacks, as a place mention with no coordinates (NaN), for events and the ledger.
    A part of a country ("north-west C") keeps that relation: no control is stated of so wide an area."""
    return PlaceMention(
        mention=u.mention, start=u.start, end=u.end, doc=u.doc, place_id=unmapped_id(u.mention), name=u.mention,
        lat=math.nan, lon=math.nan, kind=UNMAPPED_KIND, admin1="", score=0.0,
        relation=AREA_RELATION if u.reason.startswith(AREA_REASON) else "",
    )


def _list_names(gap: str) -> list[tuple[int, int]]:
    """Spans of the capitalised names inside a gap that joins two places as one list."""
    if "\n" in gap or not list_gap(gap):
        return []
    return [m.span() for m in LIST_NAME.finditer(gap)]
