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

Candidate names are found by :mod:`frontlines.mentions.place_spans` with the language's cue
words of :mod:`frontlines.mentions.place_cues`; what the document says around them is
:mod:`frontlines.mentions.place_context`. This module resolves them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from pyproj import Geod

from frontlines.events.lexicon import load_language
from frontlines.events.phrases import LIST_NAME, list_gap, list_tail
from frontlines.mentions.gazetteer import GLUED_SCORE, Candidate, fold_token, folded_key, haversine_km, name_tokens
from frontlines.mentions.place_context import LOCAL_CHARS, _Context
from frontlines.mentions.place_cues import _cues
from frontlines.mentions.place_spans import Persons, Span, Spans, _lookup_key, _Persons, find_spans
from frontlines.models import ActorMention, Document, Place, PlaceMention, Unresolved
from frontlines.theater import Theater

# The public names, those defined in the modules above included (callers import them from here).
__all__ = [
    "AREA_REASON", "AREA_RELATION", "FAR_KM", "FAR_NAMESAKE", "LOCAL_CHARS", "UNMAPPED_KIND", "UNMAPPED_REASON",
    "GeoparseResult", "Geoparser", "Persons", "Span", "Spans", "find_spans", "unmapped_id", "unmapped_place",
]

_GEOD = Geod(ellps="WGS84")
FAR_KM = 90.0  # a village this far from every other place the report names is someone else's namesake
_MODEL_NUMBER = re.compile(r"^-\d")
_NAME_BEFORE = re.compile(r"(?<![.!?:\n])\b[A-Z][a-z]+ $")


@dataclass(frozen=True, slots=True)
class GeoparseResult:
    """Output of the geoparse stage for one document."""

    places: tuple[PlaceMention, ...]
    unresolved: tuple[Unresolved, ...]


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
        ) or (_LOCATOR_BEFORE.search(before) is not None and after.startswith(")"))  # "X and Y (B):": B's governorate
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
            anchor_id=anchor_id, alternatives=alternatives, feature=place.feature,
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
        fuzzy = span.candidates[0].score < GLUED_SCORE  # (the article glued on is the name written another way)
        if place.kind in ("region", "country", "route") or cue == "region":
            return False
        if not fuzzy and len({c.place.id for c in span.candidates}) == 1 and (self._in_slot(text, span) or place.kind == "facility"):
            # the one place of that exact name, where a military verb wants a place ("withdrew from X"); or a base or
            # an airport of a name no other place has: a site of its own, wherever the rest of the report is
            return False
        if place.kind in ("facility", "terrain") and len({c.place.id for c in span.candidates}) == 1 and len(span.text.split()) > 1:
            # a named site or height that only one place answers to, however spelt ("X air base" for "X airbase",
            # "Jabal al-Y" for "Jabal Y"): no village namesake of a place the gazetteer lacks
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

        Names between two places of one list count, names that continue a list after its last place
        ("..., Qubtan al-Jabal, Sheikh Aqil and Basratoun.") and one name that leads a list of two known places
        ("By dusk Hawr, Anjara and Urum were held").
        """
        ordered = sorted(mentions, key=lambda m: m.start)
        spans = [(a.end + s, a.end + e) for a, b in pairwise(ordered) for s, e in _list_names(doc.text[a.end : b.start])]
        spans += [span for m in ordered for span in list_tail(doc.text, m.end)]
        spans += [span for m in ordered for span in self._list_head(doc.text, m.start)]
        spans += [lead for a, b in pairwise(ordered) if a.end < b.start and list_gap(doc.text[a.end : b.start])
                  for lead in self._list_lead(doc.text, a.start)]
        out = []
        for start, end in sorted(set(spans)):
            name = doc.text[start:end]
            if name in self._not_names or name.split()[0] in self._not_names or taken.overlaps(start, end):
                continue
            out.append(Unresolved(name, start, end, doc.id, "not in gazetteer (in a list of places)"))
        return out

    def _list_lead(self, text: str, start: int) -> list[tuple[int, int]]:
        """The name that leads a list whose next member, a known place, starts at ``start`` (its words that may name
        no place alone dropped: "On Tuesday Hawr, " gives "Hawr")."""
        m = _LEAD_NAME.search(text, max(0, start - 60), start)
        if m is None:
            return []
        lead, end = m.start(1), m.end(1)
        for word in re.finditer(r"\S+", m.group(1)):
            if word.group() not in self._not_names:
                break
            lead = m.start(1) + word.end()
        lead = next((i for i in range(lead, end) if not text[i].isspace()), end)
        return [(lead, end)] if lead < end else []

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
# a name in brackets right after another name ("X (B)", "X and Y (B)") locates it: the
# governorate, when the bracketed name is one
_LOCATOR_BEFORE = re.compile(r"[^\W\d_][\w'’-]*\s*\($")


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


# A capitalised name closed by a comma right before a place ("By dusk Hawr, " gives "Hawr").
_LEAD_NAME = re.compile(rf"(?<![\w'’-])({LIST_NAME.pattern}),[ \t]+$")


def _list_names(gap: str) -> list[tuple[int, int]]:
    """Spans of the capitalised names inside a gap that joins two places as one list."""
    if "\n" in gap or not list_gap(gap):
        return []
    return [m.span() for m in LIST_NAME.finditer(gap)]
