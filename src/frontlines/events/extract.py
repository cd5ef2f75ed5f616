"""Events: frames read from the clause -> ACLED-style events.

Every frame of the language pack that names an ACLED sub-event type (``event`` in
``languages/<code>/frames.toml``) and asserts something (not negated, not a plan, a belief or a
possibility) becomes one event per place it affects:

1. Sub-event type: a territorial frame ("territory") is "Government regains territory" when its
   agent is the theater's government side (``rules.government_side``), else "Non-state actor
   overtakes territory" (which ACLED also uses for foreign state forces); a capture the sentence
   calls unopposed is a non-violent transfer. (A capture of part of a place is still the capture
   event; its control statement is "contested".) A
   strike is an air/drone strike with an air weapon in its clause, else shelling.
2. Actors: actor1 is the frame's agent (or, with none named, the theater's default attacker for a
   capture and its air force for an air strike by aircraft); actor2 the loser, the civilians a strike
   or attack targets, or the agent's adversary (theater data) for a territorial event.
3. Date from the frame's own clause (:mod:`frontlines.events.dating`), fatalities from
   :mod:`frontlines.events.fatalities`, certainty from :mod:`frontlines.events.certainty` refined by the parse
   (hedges make it uncertain; a verb of saying makes it the speaker's claim). A partisan source's
   plain statement is a claim by that source.
4. Concurrent tactics at one place merge into the higher ACLED type, and the same happening
   mentioned twice is kept once with all its evidence spans.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from frontlines.events.certainty import Certainty
from frontlines.events.dating import AS_OF, BACKGROUND, place_day
from frontlines.events.fatalities import parse_casualties
from frontlines.events.frames import locator_only, near_relation, says_no_holder
from frontlines.events.lexicon import Language
from frontlines.events.merging import (
    drop_covered_regions,
    drop_generic,
    fold_battles,
    lend_story_sides,
    merge_concurrent,
    merge_events,
)
from frontlines.events.reader import Frame
from frontlines.events.tolls import lend_next_tolls, toll_at
from frontlines.events.typology import BY_NAME, family
from frontlines.mentions.dates import DateSpan
from frontlines.mentions.gazetteer import haversine_km
from frontlines.mentions.geoparse import AREA_RELATION, UNMAPPED_KIND
from frontlines.models import ActorMention, Document, Event, Evidence, Place, PlaceMention
from frontlines.theater import Theater

OVERTAKE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"
TRANSFER = "Non-violent transfer of territory"
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
CLASH_TYPE = "Armed clash"
def _party(actor: ActorMention | None, parties: Sequence[ActorMention], text: str) -> str:
    """The foreign state an event's actor is the forces of (its ``state``), else "" (its side stands): a
    state joined to an actor of the side it fights for ("<A> and <B> jets") is that side's partner."""
    if actor is None or not actor.state:
        return ""
    if _JOINED_BEFORE.search(text, max(0, actor.start - 40), actor.start):
        return ""  # "<A> and <B> warplanes": a joint force, counted as the side's
    for other in parties:
        if other.side == actor.side and not other.state and other is not actor:
            gap = text[other.end : actor.start] if other.end <= actor.start else text[actor.end : other.start]
            if _JOINED.fullmatch(gap):
                return ""
    return actor.state


_JOINED = re.compile(r"\s*(?:,|and|&|,\s*and)\s*", re.IGNORECASE)
_JOINED_BEFORE = re.compile(r"\b[A-Z][\w-]+\s+(?:and|&)\s+$")
# Remote violence: a strike, shelling or a bomb hits whoever is there.
_REMOTE = frozenset({AIR, SHELLING, "Remote explosive/landmine/IED"})
_NO_DEFAULT_TARGET = frozenset({"Peaceful protest", "Arrests", "Change to group/activity", AIR, SHELLING,
                                "Remote explosive/landmine/IED", "Suicide bomb", "Disrupted weapons use", "Agreement",
                                "Looting/property destruction"})


def _event_of(frame: Frame, sentence: str = "", now_words: frozenset[str] = frozenset()) -> str:
    """The frame's kind of event: its spec's, or for a holding told as the state now ("now"), after another side's
    departure told in the same sentence ("A is now in full control of X after B pulled out"), the handover it implies
    (a holding "since" a day is no news of that day)."""
    if not frame.spec.event and frame.kind == "hold" and frame.current and frame.unopposed and frame.agent_side \
            and {w.lower() for w in re.findall(r"\w+", sentence)} & now_words:
        return TRANSFER
    return frame.spec.event


def _deed_in_area(frame: Frame, place: PlaceMention, sub: str, text: str) -> bool:
    """A named party's own act of violence whose only scene is a part of the country ("group A launched an
    offensive on B's forces in north-west C", "force A conducted air strikes in central C"): coded there, at the
    precision of a region, as ACLED does, when the area is its only place. A summary with no doer ("hostilities in
    north-west C intensified"), a territorial claim over the area, or the area naming an operation ("the southern C
    offensive") is not."""
    targets = frame.places or frame.source or frame.goal
    only_scene = all(p.kind == UNMAPPED_KIND and p.relation == AREA_RELATION for p in targets)  # (not "in C's north, on X")
    return (only_scene and frame.agent_explicit and frame.agent is not None and not frame.loose
            and family(sub) in ("clash", "remote")
            and (place.end > frame.start or text[place.end : frame.start].strip() != ""))


def _event_id(doc_id: str, start: int, place_id: str, sub: str) -> str:
    return "e" + hashlib.sha256(f"{doc_id}:{start}:{place_id}:{sub}".encode()).hexdigest()[:12]


HOLDER_KM = 15.0  # how far the nearest baseline place may lie to tell who held the area a place lies in
SPLIT_DAYS = 3  # a happening told for "30 November and 1 December" is one event per day (ACLED), up to this many


_COUNTED_SPAN = re.compile(r"\b(?:hours?|days?|weeks?)\b", re.IGNORECASE)


def split_days(ev: Event, when: DateSpan) -> list[Event]:
    """One event per day of a short period its sentence names day by day ("on 27 and 28 November",
    "from 1 to 2 December"), fatalities split evenly with the remainder on the first day (ACLED's rule
    for multi-day totals). A longer period stays one event at its middle day, at time precision 2, and so does a
    change of hands (it happens once)."""
    a, b = when.date_start, when.date_end
    if when.kind != "range" or a is None or b is None or not 1 <= (b - a).days < SPLIT_DAYS:
        return [ev]
    if _COUNTED_SPAN.search(when.text):
        # "over the past 24 hours", "in the last two days": a span counted back from the day of writing (or of the
        # entry), no days named one by one: one event, of the day it is counted from
        return [replace(ev, date=b, date_end=None)]
    if family(ev.sub_event_type) == "territory":
        # a place changes hands once: "seized X on 3-4 December" is one taking, some day of the period, coded to its
        # middle (ACLED's rule for a happening known only to a period)
        return [replace(ev, date=a + timedelta(days=(b - a).days // 2), date_end=None, time_precision=2)]
    n = (b - a).days + 1
    share, extra = divmod(ev.fatalities, n)
    out = []
    for i in range(n):
        day = a + timedelta(days=i)
        out.append(replace(ev, id=ev.id if i == 0 else _event_id(ev.doc, ev.start, f"{ev.place_id}:{day}", ev.sub_event_type),
                           date=day, date_end=None, time_precision=1, fatalities=share + (extra if i == 0 else 0)))
    return out


class EventExtractor:
    """Builds the events of one theater from frames; build once, call per document."""

    def __init__(self, theater: Theater, language: Language):
        self.theater = theater
        self.lang = language
        rules = theater.rules
        self.adversary: dict[str, str] = dict(rules.get("adversary", {}))
        self.default_attacker: str = rules.get("default_attacker", "")
        self.air_force: str = rules.get("air_force", "")
        self.government: str = rules.get("government_side", "")
        self.partisan_cues: tuple[str, ...] = tuple(rules.get("partisan_cues", ()))
        self.certainty = Certainty.for_theater(theater)  # the theater's sources: whose statements are claims
        self._first_person = _words_pattern(language.first_person)
        self._drone_words = frozenset(w for w in language.air_weapons if w in ("drone", "drones", "uav", "uavs", "fpv", "kamikaze"))
        # ACLED codes an event known only to a governorate at geo precision 3, at its capital.
        self._voice_memo: tuple[Document, str] | None = None
        self._mentions: Sequence[PlaceMention] = ()  # the place mentions of the document being read
        # place id -> (day, side) of the last taking of the place the document being read told, in text order
        self._taken: dict[str, tuple[date, str]] = {}
        self._sides = frozenset(theater.actors.sides)
        # Who held what on the baseline day (theater data): the party a side fought when the sentence names none.
        sides = set(theater.actors.sides)
        self._held: dict[str, str] = {pid: status for pid, status, _note in theater.baseline if status in sides}
        self._held_points = [(p.lat, p.lon, self._held[p.id]) for p in (theater.gazetteer.by_id.get(pid) for pid in self._held)
                             if p is not None and p.kind != "region"]
        self.holder_km = float(rules.get("holder_km", HOLDER_KM))
        self._capitals: dict[str, Place] = theater.gazetteer.seats(theater.country)

    def __call__(self, doc: Document, frames: Sequence[Frame], dates: Sequence[DateSpan],
                 partisan: bool | None = None, sentences: Sequence[tuple[int, int]] = (),
                 places: Sequence[PlaceMention] = ()) -> list[Event]:
        """Events of one document, one per happening, in text order (``dates``: one per frame; ``sentences`` and
        ``places``, the document's, let a toll told in the next sentence count for its deed)."""
        profile = self.theater.source_profile(doc.source)
        self._mentions = places
        self._taken = {}
        voice = self.speaks_for_a_side(doc) if partisan is None else partisan
        events: list[Event] = []
        by_sentence: dict[tuple[int, int], list[Event]] = {}
        restated: set[str] = set()  # events of a happening's noun with no day of their own
        for frame, when in zip(frames, dates, strict=True):
            if not _event_of(frame, doc.text[frame.sentence[0] : frame.sentence[1]], self.lang.now_words) \
                    or when.kind in (BACKGROUND, AS_OF):
                continue
            if frame.kind == "withdraw" and frame.yielded:
                continue  # "B left X, and A entered it": the taking the entry tells
            if frame.standing and when.kind == "default":
                continue  # "X, which has been occupied by A": who holds X (the control statement), not news of a taking
            if not frame.asserts and not (frame.purpose and not frame.negated) and not frame.failed and not frame.agreed:
                continue  # a plan or a belief; the aim of an attack, or a failed attempt, is still a fight for the place
            targets = frame.places or frame.source or frame.goal
            if self._no_day(when) and self._situation_summary(doc, frame, targets):
                continue
            between: set[tuple[float, float]] = set()
            located = {p.admin1 for p in targets if p.kind not in ("region", "country") and p.admin1}
            for place in targets:
                if place.kind == "country":
                    continue  # an event known only to the country is not located (ACLED needs a first-level division)
                if locator_only(place) and any(not locator_only(q) and q.kind not in ("region", "country") for q in targets):
                    continue  # "overran positions west of X, including A", "on the road to X near A": X says where A lies
                if place.kind == "region" and (place.admin1 in located or (located and place.start < frame.start)):
                    # "near X in the Y countryside": the governorate situates X, it is no second location; so does a
                    # region that sets the scene before the predicate ("In the desert, gunmen attacked herders near X")
                    continue
                if place.relation == "between":
                    if (place.lat, place.lon) in between:
                        continue  # "on the road between A and B": one happening, at the first (geo precision 2)
                    between.add((place.lat, place.lon))
                day = place_day(doc, place, when, targets)
                ev = self._event(doc, profile, frame, place, day, voice)
                if ev is not None and family(ev.sub_event_type) == "territory" and ev.actor1_side in self._sides \
                        and frame.asserts and ev.date is not None:
                    self._taken[ev.place_id] = (ev.date, ev.actor1_side)
                if ev is not None:
                    by_sentence.setdefault(frame.sentence, []).extend(split_days(ev, day))
                    if when.kind == "default" and family(ev.sub_event_type) == "territory" \
                            and (doc.text[frame.start : frame.end].lower() in frame.spec.nouns or _fact_field(doc.text, frame.start)
                                 or _headline(doc.text, frame.sentence)):
                        restated.add(ev.id)
        lend_next_tolls(by_sentence, sentences, {f.sentence for f in frames}, places, doc.text, self.lang.total_words,
                        self.lang.significant)
        for key in sorted(by_sentence):
            events.extend(merge_concurrent(drop_covered_regions(drop_generic(by_sentence[key], self.lang.generic_violence))))
        events = lend_story_sides(events, doc.text, self.theater.actors.side_label)
        # "the fall of X" told with no day of its own, in a report that tells X's fall on a day: the same
        # happening named again ("The fall of X opened the road south"), not a second one on another day (a
        # place changes hands once in a story; fights and strikes recur, and are left as they are)
        told = {(family(e.sub_event_type), e.place_id) for e in events if e.id not in restated}
        return merge_events(fold_battles([e for e in events if e.id not in restated
                                          or (family(e.sub_event_type), e.place_id) not in told]))

    def _vandalism(self, sentence: str) -> bool:
        """The sentence tells a crowd destroying property ("toppled statues", "set fire to"): `vandalism_words`."""
        lowered = f" {sentence.lower()} "
        return any(f" {w} " in lowered or f" {w}," in lowered or f" {w}." in lowered for w in self.lang.vandalism_words)

    def _no_day(self, when: DateSpan) -> bool:
        """The frame names no day of its own: none at all, or a period counted back from the report ("over the past
        week")."""
        return when.kind == "default" or (when.kind == "range" and bool(
            {w.lower() for w in re.findall(r"[\w-]+", when.text)} & self.lang.lookback_words))

    def _situation_summary(self, doc: Document, frame: Frame, targets: Sequence[PlaceMention]) -> bool:
        """"Hostilities continue across A, B and C governorates": a generic word for violence with no doer, spread
        over several governorates (or over places in three governorates or more) and told with no day of its own,
        sums up the situation; it is no happening of its own (the report's specific incidents are). Told of a day
        ("on 30 November, hostilities were reported in A and B governorates") it is one in each."""
        if frame.agent is not None or doc.text[frame.start : frame.end].lower() not in self.lang.generic_violence:
            return False
        regions = [p for p in targets if p.kind == "region"]
        if len(regions) >= 2 and all(p.kind in ("region", "country") for p in targets):
            return True
        # ("hostilities continue across the country, with incidents in A, B and C": places in three governorates or more)
        return len({p.admin1 for p in targets if p.admin1}) >= SUMMARY_GOVERNORATES

    def _holder(self, place: PlaceMention) -> str:
        """The side that held the place on the theater's baseline day: its own row, else the nearest row within
        ``holder_km`` (theater rule): the area it lies in. "" when unknown."""
        if place.place_id in self._held:
            return self._held[place.place_id]
        if place.kind in ("region", "country", UNMAPPED_KIND) or not self._held_points:
            return ""
        dist, side = min((haversine_km(place.lat, place.lon, lat, lon), side) for lat, lon, side in self._held_points)
        return side if dist <= self.holder_km else ""

    def speaks_for_a_side(self, doc: Document) -> bool:
        """Whether the report speaks for a side: its source is one the theater knows as a side's own (however few of
        the side's words it uses), or its own words are partisan (:func:`partisan_voice`), unless the theater knows its
        source as the voice of no side (a foreign government's briefing: its "our forces" are its own)."""
        profile = self.theater.source_profile(doc.source)
        return bool(profile.partisan) or (profile.voice and partisan_voice(doc.text, self.partisan_cues, self.lang.first_person,
                                                                      self.lang.reporting_forms))

    def speaker_side(self, doc: Document, frame: Frame) -> str:
        """The side a partisan post speaks for, when the frame's sentence speaks in its first person before the
        predicate ("our heroes liberated X"); "" otherwise."""
        s_start = frame.sentence[0]
        if self._first_person is None or not self._first_person.search(doc.text, s_start, frame.start):
            return ""
        return self._voice_side(doc)

    def voice_side(self, doc: Document) -> str:
        """The side the document speaks for when it speaks for one (:meth:`speaks_for_a_side`), else ""."""
        return self._voice_side(doc) if self.speaks_for_a_side(doc) else ""

    def _voice_side(self, doc: Document) -> str:
        """The side the document speaks for: its source's, when the theater knows the source as a side's own (a
        party's spokesman, its channel), else the side whose vocabulary it speaks (outside quotes), read once per
        document: per event it would read a long report once for each of its events."""
        memo = self._voice_memo
        if memo is None or memo[0] is not doc:
            side = self.theater.source_profile(doc.source).partisan or \
                self.theater.actors.voice_side(_QUOTED.sub(" ", doc.text))
            memo = self._voice_memo = (doc, side)
        return memo[1]

    def _sub_event(self, frame: Frame, event: str, side1: str, sentence: str) -> str:
        if frame.agreed:
            return "Agreement"  # "agreed to evacuate X", "agreed to hand over X": the agreement, not yet the deed
        if frame.purpose or frame.failed:
            return CLASH_TYPE  # "launched a counteroffensive to retake X", "failed to retake X": the fight, not the capture
        if event == "territory":
            lowered = sentence.lower()
            if frame.agent is None and says_no_holder(sentence, self.lang.no_holder):
                return CLASH_TYPE  # "X changed hands more than once": a fight for X, no taker
            if frame.spec.control not in ("agent", "winner") and any(cue in lowered for cue in self.lang.nonviolent):
                return TRANSFER  # (a taker's frame weighed the cue in its own clause: frame.unopposed)
            if frame.unopposed:
                return TRANSFER  # "took X as government forces retreated", "after the army abandoned it"
            return REGAIN if side1 and side1 == self.government else OVERTAKE
        if event == "strike":
            return AIR if frame.weapon == "air" or not frame.weapon else SHELLING
        if frame.kind == "enter" and frame.unopposed and (side1 or frame.agent_armed):
            return TRANSFER  # "moved into X without a fight", "entered X as the army withdrew"
        if frame.kind == "enter" and frame.yielded and not frame.fought and not frame.overran and side1:
            return TRANSFER  # "B withdrew from X. A entered the city that evening": it changed hands, no fight told
        if frame.kind == "enter" and (frame.yielded or frame.overran) and side1:
            # "after an assault, A entered X, and B pulled out"; "A entered X, meeting little resistance"
            return REGAIN if side1 == self.government else OVERTAKE
        if event == "Peaceful protest" and self._vandalism(sentence):
            return "Violent demonstration"  # "protests broke out as demonstrators toppled statues"
        if event == CLASH_TYPE and frame.kind == "clash" and frame.civilian_target:
            return "Attack"  # "gunmen attacked a group of shepherds": violence against civilians, not a battle
        return event

    def _event(self, doc: Document, profile: object, frame: Frame, place: PlaceMention, when: DateSpan,
               voice: bool) -> Event | None:
        s_start, s_end = frame.sentence
        sentence = doc.text[s_start:s_end]
        t0, t1 = frame.start - s_start, frame.end - s_start
        check = self.certainty.assess(sentence, t0, t1)
        if (check.negated or (check.hypothetical and not frame.purpose)) and not frame.failed and not frame.agreed:
            return None  # the aim of an attack ("tried to storm X"), a failed attempt: read on the parse, the fight happened
        actor1 = frame.agent if frame.agent is not None and frame.agent.side not in ("civilians",) else None
        side1 = frame.agent_side if actor1 is not None or frame.agent_side else ""
        if side1 == "civilians":
            side1 = ""
        if side1 in ("", "unknown") and voice:
            side1 = self.speaker_side(doc, frame) or side1  # ("our forces": armed, of no side the words name)
        event = _event_of(frame, sentence, self.lang.now_words)
        if not side1 and event in ("territory", TRANSFER) and self.default_attacker and (frame.spec.control == "agent" or (
                frame.spec.control == "winner" and frame.kind == "loss" and not frame.loser_side and frame.agent is None)) \
                and not frame.unsided_doer:
            # (an armed doer the text names without a side, "our forces", "foreign troops", is no default attacker:
            # the control statement reads it as no side of the theater too)
            side1 = self.default_attacker
        if not side1 and frame.entered_unnamed:
            side1 = self.default_attacker  # "X was entered without a fight": nobody named, the theater's attacker
        if not side1 and frame.spec.control == "winner" and frame.loser_side in self.adversary:
            side1 = self.adversary[frame.loser_side]
        sub = self._sub_event(frame, event, side1, sentence)
        if place.kind == UNMAPPED_KIND and place.relation == AREA_RELATION and not _deed_in_area(frame, place, sub, doc.text):
            # "hostilities in north-west C", "seized control of southern C": a direction's share of a
            # country is no location an event can be coded at (measured: such events were mostly the report's
            # summaries, not happenings of their own)
            return None
        # ("stormed positions around X": near it)
        if family(sub) == "territory" and sub != TRANSFER and (place.place_id in frame.partial or near_relation(place)) \
                and place.kind != "region":
            # "took a neighbourhood of X", "the outskirts of X": a battle for X, not yet a change of hands (a part
            # handed over is still handed over: "handed over the security squares of X")
            sub = CLASH_TYPE
        if not side1 and sub == AIR and self.air_force:
            words = {w.lower() for w in re.findall(r"[\w-]+", sentence)}
            if words & (self.lang.air_weapons - self._drone_words):
                side1 = self.air_force  # only one side flies warplanes in this theater (theater rule)
        actor2: ActorMention | None = frame.loser if frame.loser is not None and frame.loser.side != side1 else None
        side2 = actor2.side if actor2 is not None else ""
        if not side2 and frame.loser_side and frame.loser_side != side1:
            side2 = frame.loser_side  # the side that left the place taken ("B withdrew from X ... A took over X")
        if frame.civilian_target or sub in ("Attack", "Abduction/forced disappearance"):
            side2 = side2 or "civilians"
        if side1 and not side2 and sub not in _NO_DEFAULT_TARGET:
            # the other party is one the sentence names on another side ("group A encircled the group-B-held town"),
            # else the side's usual adversary (theater rule)
            # (not one of another part of a sentence cut by semicolons: "A say they are at X; the army handed over Y")
            lo, hi = sentence.rfind(";", 0, t0) + 1 + s_start, sentence.find(";", t1)
            hi = s_end if hi < 0 else hi + s_start
            if frame.clause[0] >= 0:
                # (nor of another clause of the sentence, doing its own deed: "A seized X, and B moved into Y")
                lo, hi = max(lo, frame.clause[0]), min(hi, frame.clause[1])
            other = next((a for a in frame.parties if a.side not in ("", "unknown", "civilians", side1)
                          and lo <= a.start < hi), None)
            if other is not None and actor2 is None:
                actor2 = other
            # (the side the report itself last told taking the place, before this day; else the baseline's: "B took X on
            # 6 December ... on 11 December A entered the city" took it from B)
            taken = self._taken.get(place.place_id)
            told = taken[1] if taken is not None and when.date is not None and taken[0] < when.date else ""
            holder = (told or self._holder(place)) if other is None else ""
            side2 = other.side if other is not None else holder if holder and holder != side1 else self.adversary.get(side1, "")
        claimant_side = frame.claimant.side if frame.claimant is not None else ""
        if not side1 and sub in _REMOTE and side2 and claimant_side not in ("", "unknown", "civilians", side2):
            # "state media said artillery had shelled A gatherings": a side's own voice telling a strike on the other
            # side, with no doer named, tells its own side's strike
            side1 = claimant_side
        if not side1 and sub == CLASH_TYPE and actor2 is not None and side2 not in ("", "unknown", "civilians"):
            # "clashes with A were reported": a battle has two sides; the one not named is A's usual adversary (theater rule)
            side1 = self.adversary.get(side2, "")
        if (frame.kind == "repel" or frame.countered) and side2 and side2 not in ("civilians", "unknown"):
            # "A repelled an attack by B on X": B attacked, and the attacker is the first actor (as our gold codes it)
            actor1, actor2, side1, side2 = actor2, actor1, side2, side1
        significant = any(w in sentence.lower() for w in self.lang.significant)
        casualties = parse_casualties(sentence, significant=significant)
        if ";" in sentence:
            # "shelling hit A, killing six; a day later, a drone struck B, injuring eleven": a toll told in its own
            # part of the sentence is that part's deed's
            lo, hi = sentence.rfind(";", 0, t0) + 1, sentence.find(";", t1)
            own = parse_casualties(sentence[lo : hi if hi >= 0 else len(sentence)], significant=significant)
            if own.fatalities_text or own.wounded is not None or own.captured is not None:
                casualties = own
        if casualties.fatalities_text and frame.clause[0] >= 0:
            # "clashes near A killed four, and B reported that a drone struck C, killing two": each clause's own toll
            own = parse_casualties(doc.text[frame.clause[0] : frame.clause[1]], significant=significant)
            if own.fatalities_text:
                casualties = own
        fatalities = casualties.fatalities
        at = sentence.find(casualties.fatalities_text.split("; ")[0]) if casualties.fatalities_text else -1
        if at >= 0:
            # "killing at least five people in A and three in B": each place's own count
            own_count = toll_at(sentence[at:], s_start + at, place, self._mentions)
            fatalities = own_count if own_count is not None else fatalities
        if not side2 and sub in _REMOTE and casualties.fatalities_text and \
                {w.lower() for w in re.findall(r"[\w-]+", casualties.fatalities_text)} & self.lang.civilian_nouns:
            side2 = "civilians"  # a strike that killed civilians and names no armed target: its victims are the other party
        certainty, claimed_by = check.certainty, check.claimed_by
        if frame.hedged and certainty in ("reported", "confirmed"):
            certainty = "uncertain"
        if frame.claimant is not None and frame.claimant.side not in ("civilians", "unknown", ""):
            certainty, claimed_by = "claimed", claimed_by or frame.claimant.name
        if (profile.level == "claimed" or voice) and certainty in ("reported", "confirmed"):  # type: ignore[attr-defined]
            certainty, claimed_by = "claimed", claimed_by or doc.source
        if frame.disputed:
            certainty = "disputed"  # a party's claim that another party denies
        sub_type = BY_NAME[sub]
        warnings = (when.warning,) if when.warning else ()
        if place.kind == "region" and place.admin1 in self._capitals:
            capital = self._capitals[place.admin1]
            place = replace(place, place_id=capital.id, name=capital.name, lat=capital.lat, lon=capital.lon, geo_precision=3)
        start, end = frame.start, frame.end
        return Event(
            id=_event_id(doc.id, start, place.place_id, sub), doc=doc.id, date=when.date,
            time_precision=when.time_precision, event_type=sub_type.event_type, sub_event_type=sub,
            actor1=actor1.name if actor1 else self.theater.actors.side_label(side1),
            actor1_side=_party(actor1, frame.parties, doc.text) or side1 or "unknown",
            actor2=actor2.name if actor2 else self.theater.actors.side_label(side2),
            actor2_side=_party(actor2, frame.parties, doc.text) or side2,
            place_id=place.place_id, location=place.name,
            lat=None if place.kind == UNMAPPED_KIND else place.lat, lon=None if place.kind == UNMAPPED_KIND else place.lon,
            geo_precision=place.geo_precision, fatalities=fatalities,
            fatalities_text=casualties.fatalities_text, certainty=certainty, claimed_by=claimed_by,
            text=sentence.strip(), start=start, end=end, admin1=place.admin1,
            date_end=when.date_end if when.date_end != when.date else None, wounded=casualties.wounded,
            captured=casualties.captured, trigger=doc.text[start:end], source=doc.source, plover_event=sub_type.plover_event,
            plover_mode=sub_type.plover_mode, cameo_root=sub_type.cameo_root, warnings=warnings,
            evidence=(Evidence(doc.id, start, end),), sources=(doc.source,) if doc.source else (), relation=place.relation,
            kind=frame.kind,
        )


SUMMARY_GOVERNORATES = 3  # a doer-less "hostilities" told across this many governorates sums up the situation
_QUOTED = re.compile(r"[\"“][^\"”]{0,200}[\"”]")


# A field of a fact box ("- Result: A captures X", "Territorial changes: ..."): a label of a few words and a colon
# opening its line.
_FACT_FIELD = re.compile(r"[ \t]*[-•*]?[ \t]*[A-Z][A-Za-z]*(?:[ \t]+[a-z][A-Za-z]*){0,2}:[ \t]")


def _fact_field(text: str, at: int) -> bool:
    """The line holding ``at`` is a field of a fact box, which sums up what the text tells (with no day of its own, a
    taking it names is the one the text tells with its day)."""
    line_start = text.rfind("\n", 0, at) + 1
    m = _FACT_FIELD.match(text, line_start)
    return m is not None and m.end() <= at


def _headline(text: str, sentence: tuple[int, int]) -> bool:
    """The sentence is the text's headline: its first line, alone on it, with no closing stop (it sums up what the
    text tells; with no day of its own, a taking it names is the one the text tells with its day)."""
    line = text[sentence[0] : sentence[1]].strip()
    return bool(line) and not text[: sentence[0]].strip() and "\n" not in line and line[-1] not in ".!?\"”" \
        and text[sentence[1] :].lstrip(" \t")[:1] in ("\n", "")


def _words_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])", re.I)


def partisan_voice(text: str, cues: Sequence[str] = (), first_person: Sequence[str] = (),
                   reporting: Sequence[str] = ()) -> bool:
    """True when the report itself speaks for a side (its own words, not quotes, nor a speaker's words it reports:
    ``reporting``, "the radio said that ..."), e.g. a channel's post: two or more of the theater's partisan cues
    (``rules.partisan_cues``: the words one side uses for the other) or the language's first-person forms ("our
    forces")."""
    pattern = _words_pattern([*cues, *first_person])
    if pattern is None:
        return False
    own = _QUOTED.sub(" ", text)
    if reporting:
        own = re.sub(r"(?<![\w-])(?:" + "|".join(map(re.escape, reporting)) + r")(?![\w-])[^.!?\n]*", " ", own,
                     flags=re.I)
    return len(pattern.findall(own)) >= 2
