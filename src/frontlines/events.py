"""Event extraction: sentences with a trigger, places and actors -> ACLED-style events.

Rules, per sentence:

1. Triggers (compiled patterns below) give a sub-event type: captures and
   their passives are territory events, withdrawals a change to group
   activity, surrenders a non-violent transfer to the besieger, ambushes and
   fighting armed clashes, strikes and shelling remote violence, and so on.
2. Places are split between triggers by clause: a place belongs to the
   trigger before it (places before the first trigger go to it: "Saraqib fell").
   One event per trigger and place. A region is the place only when the clause
   names no settlement (ACLED geo precision 3).
3. Actors: for a territory event actor1 is the side that takes control: the
   subject of an active verb, the agent after "by"/"to" of a passive, the
   besieger a base surrenders to. actor2 is an actor of another side, or the
   theater's default adversary.
4. Dates, fatalities and certainty come from :mod:`frontlines.dates`,
   :mod:`frontlines.fatalities` and :mod:`frontlines.certainty`; negated and
   hypothetical statements are not events. A partisan source's plain statement
   is a claim by that source.
5. Concurrent tactics at one place merge into the higher ACLED type, and the
   same happening mentioned twice is kept once with all its evidence spans.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from frontlines.actors import SIDE_LABELS
from frontlines.certainty import assess
from frontlines.dates import find_dates, resolve_event_date
from frontlines.fatalities import parse_casualties
from frontlines.geoparse import UNMAPPED_KIND
from frontlines.models import ActorMention, Document, Event, Place, PlaceMention
from frontlines.phrases import extend_list, near_gap
from frontlines.theater import Theater
from frontlines.typology import BY_NAME, RANK, family

_W = r"(?<![\w-])"
ANAPHORA_CHARS = 600  # "the town" refers back at most this far


@dataclass(frozen=True, slots=True)
class Trigger:
    """A pattern that signals an event type."""

    kind: str  # capture, withdraw, surrender, clash, air, shelling, ied, suicide, downed, civilians, ...
    sub_event_type: str
    pattern: re.Pattern[str]
    passive: bool = False


def _t(kind: str, sub: str, regex: str, passive: bool = False) -> Trigger:
    return Trigger(kind, sub, re.compile(_W + "(?:" + regex + r")(?![\w])", re.I), passive)


OVERTAKE = "Non-state actor overtakes territory"
TRIGGERS: tuple[Trigger, ...] = (
    _t("capture", OVERTAKE,
       r"(?:was|were|had been|has been|have been|being|is|are)\s+(?:\w+\s+)?(?:captured|seized|taken|liberated|retaken|"
       r"recaptured|overrun|stormed|secured|cleared)(?:\s+by)?", passive=True),
    _t("capture", OVERTAKE, r"(?<=,\s)taken|(?<=,\s)captured|fell\s+(?:\w+\s+)?to|falls\s+to|fallen\s+to|fall\s+of|fell(?!\s+(?:on|onto|short|silent|back))|under\s+the\s+control\s+of|"
       r"in\s+the\s+hands\s+of|changed\s+hands|passed\s+to|slipped\s+(?:\w+\s+){0,2}out\s+of\s+(?:government|regime|army)\s+control",
       passive=True),
    _t("capture", OVERTAKE,
       r"(?:has|have|had)\s+(?:now\s+)?taken|"
       r"captured(?!\s+(?:[\d,]+|two|three|four|five|six|seven|eight|nine|ten|several|dozens\s+of|scores\s+of|hundreds\s+of|more\s+than\s+\d+)?\s*"
       r"(?:civilians|soldiers|fighters|troops|officers|men|prisoners|weapons|tanks|vehicles|equipment|ammunition|militiamen|"
       r"members|gunmen|personnel))|captures|capturing|capture of|seized|seizes|seizing|seizure of|took\s+(?:full\s+|complete\s+)?control\s+of|"
       r"took\s+over|take\s+control\s+of|taking\s+control\s+of|took|taking|liberated|liberating|liberation\s+of|"
       r"secured|securing|cleared|stormed|storming|overran|overrunning|recaptured|recapturing|recapture\s+of|retook|retaking|"
       r"regained|regaining|restored\s+control\s+(?:over|of)|entered|entering|swept\s+into|pushed\s+into|advanced\s+into|"
       r"moved\s+into|rolled\s+into|freed|raised\s+(?:their|its|the)\s+flags?\s+(?:over|on|above)|control\s+of|"
       r"claim(?:s|ed)?(?=\s+(?:al-|el-|as-|ad-)?(?-i:[A-Z]))"),
    _t("surrender", "Non-violent transfer of territory", r"surrendered|surrender\s+of|surrendering|handed\s+(?:\w+\s+){0,3}over|handover\s+of|"
       r"laid\s+down\s+(?:their\s+)?arms"),
    _t("withdraw", "Change to group/activity",
       r"withdrew|withdrawn|withdrawing|withdrawal|retreated|retreating|retreat|pulled\s+back|pulled\s+out|pulling\s+out|"
       r"pulling\s+back|abandoned\s+(?:its|their|the)\s+(?:positions|posts|checkpoints|base|bases)|fled\s+their\s+positions|(?:had\s+)?left\s+(?:overnight|the\s+(?:town|city|village|base))"),
    _t("move", "Change to group/activity",
       r"arrived\s+in|regroup(?:ed|ing)|(?:sent|sending|rushed|rushing|dispatched|brought|moving|moved)\s+(?:\w+\s+){0,2}reinforcements|"
       r"reinforcements\s+(?:arrived|reached|moved)|moving\s+(?:\w+\s+){0,2}(?:from|toward|towards|along|north|south|east|west)|"
       r"redeploy(?:ed|ing)|repositioned|mobili[sz](?:ed|ing)|deployed\s+(?:to|in)"),
    _t("suicide", "Suicide bomb", r"suicide\s+(?:bomber|bombers|bombing|bombings|attack|attacks|attackers?|car\s+bombs?|vehicles?|drivers?)|SVBIEDs?|inghimasi"),
    _t("air", "Air/drone strike",
       r"air\s*strikes?|airstrikes?|air\s+raids?|warplanes?|jets?\s+(?:struck|bombed|hit|pounded|targeted)|bombed|bombing|"
       r"drone\s+strikes?|drones?\s+(?:struck|hit|targeted|attacked)|helicopters?\s+(?:dropped|struck|attacked)|barrel\s+bombs?|"
       r"struck\s+by\s+(?:Russian|Syrian|regime|government)\s+(?:jets|aircraft|warplanes|drones)|aerial\s+bombardment|"
       r"kamikaze\s+drones?|suicide\s+drones?|Shaheen\s+drones?|FPV\s+drones?"),
    _t("remote", "Air/drone strike",
       r"struck|strikes?|hit|hits|hitting|pounded|pounding|targeted|targeting|raids?|wiped\s+out|destroyed"),
    _t("shelling", "Shelling/artillery/missile attack",
       r"shell(?:ed|ing|s)|artillery(?!\s+(?:academy|school|college|base|regiment|brigade|battalion))|mortars?|rockets?|missiles?|bombard(?:ed|ment)|MLRS|Grad|Burkan|rocket\s+launchers?"),
    _t("ied", "Remote explosive/landmine/IED", r"IEDs?|roadside\s+bombs?|landmines?|land\s+mines?|car\s+bombs?|VBIEDs?|explosive\s+device|blew\s+up|exploded|explosions?"),
    _t("downed", "Disrupted weapons use", r"shot\s+down|downed|intercepted|jammed|brought\s+down"),
    _t("abduction", "Abduction/forced disappearance", r"abducted|kidnapped|abduction|disappeared"),
    _t("civilians", "Attack", r"executed|executions?|massacred?|summarily\s+killed|killed\s+(?:\w+\s+){0,3}civilians|"
       r"opened\s+fire\s+on\s+(?:civilians|residents|a\s+crowd)|shot\s+dead"),
    _t("arrests", "Arrests", r"arrested|detained|arrests|detention\s+campaign|rounded\s+up"),
    _t("looting", "Looting/property destruction", r"looted|looting|plundered|torched|set\s+(?:fire|ablaze)|vandali[sz]ed|ransacked|"
       r"toppled|tore\s+down|demolished|burned\s+down|burnt\s+down"),
    _t("agreement", "Agreement", r"agreement|agreed|deal|truce|ceasefire|cease-fire|evacuation\s+deal|reconciliation\s+deal|brokered"),
    _t("hq", "Headquarters or base established",
       r"(?:established|set\s+up|opened)\s+(?:a\s+|an\s+|its\s+)?(?:\w+\s+){0,3}(?:headquarters|base|HQ|command\s+post)"),
    _t("excessive", "Excessive force against protesters", r"fired\s+(?:live\s+ammunition\s+)?(?:on|at)\s+(?:the\s+)?protesters|"
       r"opened\s+fire\s+on\s+(?:the\s+)?(?:protesters|demonstrators)"),
    _t("protest", "Peaceful protest", r"protest(?:s|ed|ers)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|took\s+to\s+the\s+streets|"
       r"celebrat(?:ed|ions|ing)\s+in\s+the\s+streets"),
    _t("riot", "Mob violence", r"riot(?:s|ers|ing)?|mob|lynched"),
    _t("clash", "Armed clash",
       r"clash(?:es|ed)?|fighting|fought|battles?\s+(?:for|in|near|around)|battled|ambush(?:ed|es)?|firefights?|"
       r"skirmish(?:es)?|attacks?\s+on|attacked|attacking|assault(?:ed|s)?\s+on|assaulted|counter-?attack(?:ed|s)?|"
       r"repelled|repulsed|push(?:ed)?\s+back|street\s+battles|battling|defending|"
       r"reached\s+the\s+(?:outskirts|edge|edges|gates|approaches)\s+of|"
       r"killed\s+(?:\W?\w+\W?\s+){0,3}(?:terrorists|fighters|soldiers|militants|troops|insurgents|rebels|gunmen)"),
)
_AIR_CONTEXT = re.compile(r"\b(?:air|aircraft|airstrikes?|warplanes?|jets?|Su-\d+s?|Sukhoi|helicopters?|drones?|UAVs?|"
                          r"air\s+force|aviation|sorties|bombers?)\b", re.I)
_GROUND_FIRE_CONTEXT = re.compile(r"\b(?:shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|MLRS|howitzers?|Grad)\b", re.I)
_ANAPHORA = re.compile(r"\b(?:the|that|this)\s+(?P<noun>town|city|village|base|airbase|airport|area|hamlet|district)\b|\bthere\b",
                       re.I)
_CIVILIAN_TARGET = re.compile(
    r"\b(?:civilians?|residential|homes?|houses|hospitals?|market|schools?|camps?\s+for\s+(?:the\s+)?displaced|IDP|"
    r"neighbourhoods?|neighborhoods?|university|bakery|mosque|children|families|people|residential)\b", re.I)
_NONVIOLENT = re.compile(r"\b(?:without\s+(?:a\s+)?(?:fight|resistance|a\s+shot)|no\s+resistance|peacefully|unopposed|"
                         r"handed\s+over|after\s+(?:the\s+)?(?:army|regime|government\s+forces|troops)\s+(?:had\s+)?withdrew|"
                         r"negotiated|surrendered)\b", re.I)
_GAP_WORDS = {"clash": 10, "arrests": 12, "looting": 10, "agreement": 12, "civilians": 10, "abduction": 10, "hq": 10,
              "air": 12, "shelling": 12, "remote": 10, "ied": 12, "suicide": 12}
# "captured 20 villages from government forces, including the towns of A, B...": the list comes late.
_INCLUDING = re.compile(r"\b(?:including|among\s+them|such\s+as|namely)\b", re.I)
_UNKNOWN_SLOT = re.compile(r"\b(?:village|town|hamlet|city|district|neighbourhood)\s+of\s+(?:al-|el-|ad-|as-)?[A-Z]")
_NEAR_RELATIONS = ("near", "nearby", "outside", "around", "between")
_APPOSITIVE_GAP = re.compile(r",\s*(?:[\w-]+\s+){0,4}of\s+(?:the\s+)?", re.I)
CHRONOLOGY_DAYS = 3
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_PROJECTILE_BEFORE = re.compile(r"\b(?:shells?|rockets?|mortars?|missiles?|bombs?|rounds|projectiles?)\s+$", re.I)
_TOGETHER = re.compile(r"^(?:together\s+with|along\s+with|as\s+well\s+as|and|with)\s+(?:the\s+)?$", re.I)
_TOWARD_BEFORE = re.compile(r"\b(?:toward|towards|to|into)\s+(?:the\s+)?$", re.I)
_DENIAL = re.compile(r"\b(?:lies|false|fabricated|baseless|untrue|unfounded|not\s+supported|not\s+borne\s+out|no\s+evidence|"
                     r"rumou?rs?)\b", re.I)
_SIGNIFICANT = re.compile(r"\b(?:heavy|fierce|intense|major|large|massive|violent|wave|barrage|dozens|hundreds|scores|"
                          r"offensive|large-scale|massacre)\b", re.I)
_GOVERNMENT_CUE = re.compile(r"\b(?:recaptur\w*|retook|retak\w*|regain\w*|restored)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Hit:
    trigger: Trigger
    start: int
    end: int


def _find_triggers(sentence: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for trig in TRIGGERS:
        for m in trig.pattern.finditer(sentence):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue  # an earlier (more specific) trigger already covers these words
            hits.append(_Hit(trig, m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def _event_id(doc_id: str, start: int, place_id: str, sub: str) -> str:
    return "e" + hashlib.sha256(f"{doc_id}:{start}:{place_id}:{sub}".encode()).hexdigest()[:12]


class EventExtractor:
    """Extracts events for one theater; build once, call per document."""

    def __init__(self, theater: Theater):
        self.theater = theater
        adversary = theater.rules.get("adversary", {})
        self.adversary: dict[str, str] = {"opposition": "government", "government": "opposition", **adversary}
        self.default_attacker: str = theater.rules.get("default_attacker", "")
        self.air_force: str = theater.rules.get("air_force", "")
        self._actor_names = {a.id: a.name for a in theater.actors.actors.values()}
        # ACLED codes an event known only to a governorate at geo precision 3, at its capital.
        self._capitals: dict[str, Place] = {}
        for p in theater.gazetteer.places:
            if p.kind == "settlement" and p.country == theater.country and p.admin1:
                best = self._capitals.get(p.admin1)
                if best is None or p.population > best.population:
                    self._capitals[p.admin1] = p

    def __call__(self, doc: Document, sentences: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                 actors: Sequence[ActorMention], partisan: bool | None = None) -> list[Event]:
        """Events of one document, one per happening, in text order.

        ``partisan``: whether the report speaks in a side's voice (computed here when not given).
        """
        text = doc.text
        profile = self.theater.source_profile(doc.source)
        voice = partisan_voice(text) if partisan is None else partisan
        events: list[Event] = []
        context_date: date | None = None
        para_date: date | None = None  # the last calendar day named in this paragraph
        # A chronology (many calendar days named) dates undated sentences by their paragraph;
        # a daily report's undated sentences are about the day of the report.
        chronology = len({d.date for d in find_dates(text, doc.published) if d.kind == "explicit"}) >= CHRONOLOGY_DAYS
        last_actor: ActorMention | None = None
        prev_end = 0
        for s_start, s_end in sentences or [(0, len(text))]:
            sentence = text[s_start:s_end]
            if _PARAGRAPH_BREAK.search(text, prev_end, s_start):
                para_date = None
            prev_end = s_end
            hits = _find_triggers(sentence)
            s_places = [p for p in places if s_start <= p.start < s_end]
            s_actors = [a for a in actors if s_start <= a.start < s_end and not a.media]
            hits = _drop_vague_remote(hits, sentence)
            names = [(p.start - s_start, p.end - s_start) for p in s_places]
            hits = [h for h in hits if not any(a <= h.start < b for a, b in names)]  # "Ramouseh artillery academy"
            if not any(not a.actor_id.startswith("side:") for a in s_actors):
                hits = [h for h in hits if h.trigger.kind != "move"]  # troop movements need a named unit
            hits = [h for h in hits if not (sentence[h.start : h.end].lower().startswith("fell")
                                            and _PROJECTILE_BEFORE.search(sentence[max(0, h.start - 30) : h.start]))]
            if _DENIAL.search(sentence):
                hits = [h for h in hits if h.trigger.kind not in ("capture", "surrender", "withdraw")]
            if not hits:
                if s_actors:
                    last_actor = s_actors[0]
                named = [d for d in find_dates(sentence, doc.published) if d.kind in ("explicit", "weekday") and d.date]
                if named:
                    para_date = named[-1].date
                continue
            sentence_events = []
            for i, hit in enumerate(hits):
                window = (hits[i - 1].end if i else 0, hits[i + 1].start if i + 1 < len(hits) else len(sentence))
                owned = self._places_for(sentence, s_start, s_places, hit, window)
                if owned is not None and not owned:
                    owned = self._anaphora(sentence, s_start, places, hit, window)
                owned = owned or []
                for place in owned:
                    event = self._event(doc, profile, sentence, s_start, hit, place, s_actors, last_actor, context_date,
                                        voice, para_date if chronology else None)
                    if event is not None:
                        sentence_events.append(event)
            sentence_events = _merge_concurrent(sentence_events)
            if sentence_events:
                context_date = sentence_events[-1].date or context_date
            named = [d for d in find_dates(sentence, doc.published) if d.kind in ("explicit", "weekday") and d.date]
            if named:
                para_date = named[-1].date
            events.extend(sentence_events)
            if s_actors:
                last_actor = s_actors[0]
        return merge_events(events)

    def _places_for(self, sentence: str, s_start: int, s_places: Sequence[PlaceMention], hit: _Hit,
                    window: tuple[int, int]) -> list[PlaceMention] | None:
        """The places a trigger is about: the list right after it, else the list right before it.

        ``None`` means the trigger's object is a named place the gazetteer lacks (no fallback then).
        """
        rel: list[tuple[int, int, PlaceMention]] = []
        for p in s_places:
            if rel and rel[-1][2].place_id == p.place_id and sentence[rel[-1][1] : p.start - s_start].strip() == "(":
                continue  # "Suran (Ṣūrān)": the same place again, in another script
            rel.append((p.start - s_start, p.end - s_start, p))
        lo, hi = window
        after = [x for x in rel if hit.end <= x[0] < hi]
        before = [x for x in rel if lo <= x[0] and x[1] <= hit.start]
        chosen: list[PlaceMention] = []
        gap_after = sentence[hit.end : after[0][0]] if after else ""
        prefer_before = hit.trigger.kind in ("protest",) and before and near_gap(sentence[before[-1][1] : hit.start], words=12)
        if (hit.trigger.passive or prefer_before) and before and near_gap(sentence[before[-1][1] : hit.start], words=12):
            # "Saraqib fell", "Khan al-Asal is liberated together with Kafr Naha and Arnaz"
            chosen = extend_list(sentence, before[::-1], backwards=True)
            if after and _TOGETHER.match(" ".join(re.sub(r"[^\w\s]", " ", gap_after).split()) + " "):
                chosen += extend_list(sentence, after)
        elif after and near_gap(gap_after, words=_GAP_WORDS.get(hit.trigger.kind, 8) + len(after[0][2].relation.split())
                                + (8 if _INCLUDING.search(gap_after) else 0)):
            if _UNKNOWN_SLOT.search(gap_after):
                return None  # "recaptured the village of Lahaya": its object is a place we cannot resolve
            chosen = extend_list(sentence, after)
        if not chosen and before and near_gap(sentence[before[-1][1] : hit.start], words=12):
            chosen = extend_list(sentence, before[::-1], backwards=True)
        if len(chosen) == 1 and chosen[0].relation and chosen[0].relation not in _NEAR_RELATIONS:
            # "In Salamiyah, south-east of Hama, leaders agreed": the direction phrase describes Salamiyah.
            k = next((i for i, x in enumerate(rel) if x[2] is chosen[0]), 0)
            if k > 0 and _APPOSITIVE_GAP.fullmatch(sentence[rel[k - 1][1] : rel[k][0]]):
                chosen = [rel[k - 1][2]]
        if hit.trigger.kind in ("capture", "surrender", "withdraw"):
            # "stormed territory west of Aleppo" is not the capture of Aleppo; a governorate is not taken in one event.
            chosen = [p for p in chosen if (not p.relation or (p.relation == "between" and hit.trigger.kind != "withdraw"))
                      and p.kind != "region"]
        # "between X and Y" is one location (their midpoint), not two events.
        seen_between: set[tuple[float, float]] = set()
        kept = []
        for p in chosen:
            if p.relation == "between":
                if (p.lat, p.lon) in seen_between:
                    continue
                seen_between.add((p.lat, p.lon))
            kept.append(p)
        chosen = kept
        if hit.trigger.kind == "move" and len(chosen) > 1:
            # "rushing reinforcements from Homs to Hama": the move is toward the destination.
            destination = [p for p in chosen
                           if _TOWARD_BEFORE.search(sentence[max(0, p.start - s_start - 20) : p.start - s_start])]
            chosen = destination or chosen
        if hit.trigger.kind == "withdraw" and chosen:
            # "withdrew from al-Hader toward Khanasir": where they left, not where they went (unless that is all we have).
            origin = [p for p in chosen
                      if not _TOWARD_BEFORE.search(sentence[max(0, p.start - s_start - 20) : p.start - s_start])]
            chosen = origin or chosen
        settlements = [p for p in chosen if p.kind not in ("region", "country")]
        if settlements:
            return settlements
        return [p for p in chosen if p.kind == "region"][:1]

    def _anaphora(self, sentence: str, s_start: int, places: Sequence[PlaceMention], hit: _Hit,
                  window: tuple[int, int]) -> list[PlaceMention]:
        """'the town', 'there': the most recent place of a fitting kind in the sentences before."""
        lo, hi = window
        for m in _ANAPHORA.finditer(sentence, lo, hi):
            gap = sentence[hit.end : m.start()] if m.start() >= hit.end else sentence[m.end() : hit.start]
            if not near_gap(gap, words=8 if m.start() >= hit.end else 12):
                continue
            noun = (m.group("noun") or "").lower()
            kinds = {"town": ("settlement",), "city": ("settlement",), "village": ("settlement",), "hamlet": ("settlement",),
                     "base": ("facility",), "airbase": ("facility",), "airport": ("facility",)}.get(noun, ("settlement", "facility", "terrain"))
            earlier = [p for p in places if s_start - ANAPHORA_CHARS <= p.start < s_start + m.start() and p.kind in kinds
                       and not p.relation]
            if earlier:
                return [earlier[-1]]
        return []

    def _event(self, doc: Document, profile: object, sentence: str, s_start: int, hit: _Hit, place: PlaceMention,
               s_actors: Sequence[ActorMention], last_actor: ActorMention | None, context_date: date | None,
               voice: bool = False, para_date: date | None = None) -> Event | None:
        check = assess(sentence, hit.start, hit.end)
        if check.negated or check.hypothetical:
            return None
        sub = hit.trigger.sub_event_type
        actor1, actor2 = self._roles(sentence, s_start, hit, s_actors, last_actor)
        side1 = actor1.side if actor1 else ""
        side2 = actor2.side if actor2 else ""
        if not side1 and voice and _FIRST_PERSON.search(sentence[: hit.start]):
            # "our forces cleared X" in a partisan channel's post: the side whose vocabulary the post uses
            side1 = self.theater.actors.voice_side(_QUOTED.sub(" ", doc.text))
        kind = hit.trigger.kind
        if kind in ("capture", "surrender"):
            if not side1 and self.default_attacker:
                side1 = self.default_attacker
            if not side1 and _GOVERNMENT_CUE.search(sentence[hit.start : hit.end]):
                side1 = "government"
            if kind == "capture":
                if _NONVIOLENT.search(sentence):
                    sub = "Non-violent transfer of territory"
                elif side1 == "government":
                    sub = "Government regains territory"
        elif kind == "remote":
            sub = "Air/drone strike" if _AIR_CONTEXT.search(sentence) or not _GROUND_FIRE_CONTEXT.search(sentence) \
                else "Shelling/artillery/missile attack"
        if kind in ("civilians", "abduction"):
            side2 = "civilians"
        elif kind in ("air", "shelling", "ied", "suicide", "remote") and _CIVILIAN_TARGET.search(sentence):
            side2 = side2 or "civilians"
        if (not side1 and self.air_force and sub == "Air/drone strike"
                and (_AIRCRAFT.search(sentence) or not _DRONE.search(sentence))):
            side1 = self.air_force  # only one side flies warplanes in this theater (theater rule); drones fly for both
        if side1 and not side2 and sub != "Change to group/activity" and kind not in _NO_DEFAULT_TARGET:
            side2 = self.adversary.get(side1, "")
        span_date = resolve_event_date(sentence, doc.published, sentence_offset=s_start, context=context_date,
                                       trigger_start=hit.start)
        default_day = para_date or doc.published
        if span_date.kind == "default" and default_day is not None:
            # No date in the sentence: the day the paragraph last named ("On 30 November, ... They also took X"),
            # else the report's own date, as a coder would read it.
            span_date = replace(span_date, date=default_day, date_start=default_day, date_end=default_day,
                                time_precision=1, warning="")
        casualties = parse_casualties(sentence, significant=bool(_SIGNIFICANT.search(sentence)))
        certainty, claimed_by = check.certainty, check.claimed_by
        if (profile.level == "claimed" or voice) and certainty in ("reported", "confirmed"):  # type: ignore[attr-defined]
            certainty, claimed_by = "claimed", claimed_by or doc.source
        sub_type = BY_NAME[sub]
        warnings = (span_date.warning,) if span_date.warning else ()
        if place.kind == "region" and place.admin1 in self._capitals:
            capital = self._capitals[place.admin1]
            place = replace(place, place_id=capital.id, name=capital.name, lat=capital.lat, lon=capital.lon, geo_precision=3)
        start, end = s_start + hit.start, s_start + hit.end
        return Event(
            id=_event_id(doc.id, start, place.place_id, sub), doc=doc.id, date=span_date.date,
            time_precision=span_date.time_precision, event_type=sub_type.event_type, sub_event_type=sub,
            actor1=actor1.name if actor1 else _side_label(side1), actor1_side=side1 or "unknown",
            actor2=actor2.name if actor2 else _side_label(side2), actor2_side=side2,  # blank when the report names no second party (ACLED leaves actor2 empty)
            place_id=place.place_id, location=place.name,
            lat=None if place.kind == UNMAPPED_KIND else place.lat, lon=None if place.kind == UNMAPPED_KIND else place.lon,
            geo_precision=place.geo_precision, fatalities=casualties.fatalities,
            fatalities_text=casualties.fatalities_text, certainty=certainty, claimed_by=claimed_by,
            text=sentence.strip(), start=start, end=end, admin1=place.admin1,
            date_end=span_date.date_end if span_date.date_end != span_date.date else None, wounded=casualties.wounded, captured=casualties.captured,
            trigger=sentence[hit.start : hit.end], source=doc.source, plover_event=sub_type.plover_event,
            plover_mode=sub_type.plover_mode, cameo_root=sub_type.cameo_root, warnings=warnings,
            evidence=(f"{doc.id}:{start}:{end}",), sources=(doc.source,) if doc.source else (), relation=place.relation,
        )

    def _roles(self, sentence: str, s_start: int, hit: _Hit, s_actors: Sequence[ActorMention],
               last_actor: ActorMention | None) -> tuple[ActorMention | None, ActorMention | None]:
        kind = hit.trigger.kind
        if kind not in ("protest", "riot", "excessive"):
            # Civilians suffer violence or flee; they are not the actor of a strike or a capture.
            s_actors = [a for a in s_actors if a.side != "civilians"]
        rel = [(a.start - s_start, a) for a in s_actors]
        before = [a for pos, a in rel if pos < hit.start]
        after = [a for pos, a in rel if pos >= hit.end]
        if hit.trigger.passive or kind == "surrender":
            # "X fell to HTS", "captured by the SNA", "surrendered to rebels": the agent comes after.
            agent = next((a for pos, a in rel if pos >= hit.end and re.search(r"\b(?:by|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
                                                                             sentence[hit.start:pos] + " ")), None)
            if agent is None and re.search(r"\b(?:by|to)\s*$", sentence[hit.start : hit.end]) and after:
                agent = after[0]  # the trigger itself ends in "to"/"by": "fell to HTS"
            if kind == "surrender":
                patient = before[-1] if before else None
                if agent is None and patient is not None:
                    return None, patient
                return agent, patient if patient and agent and patient.side != agent.side else None
            other = next((a for a in before + after if agent is None or a.side != agent.side), None)
            return agent, other
        subject = before[-1] if before else None
        if subject is None and kind in ("withdraw", "shelling", "clash") and last_actor is not None and not after:
            subject = last_actor
        if subject is None and after and kind not in ("capture", "air", "remote", "shelling", "ied", "suicide", "clash",
                                                      "civilians", "abduction", "arrests", "looting"):
            subject = after[0]
            after = after[1:]
        other = next((a for a in after + before if subject is None or a.side != subject.side), None)
        if subject is None and other is not None and kind == "capture":
            # "took X from regime forces": the named loser implies the other side took it.
            return None, other
        return subject, other


_NO_DEFAULT_TARGET = frozenset({"protest", "riot", "arrests", "hq", "air", "remote", "shelling", "ied", "suicide", "move"})
_DRONE = re.compile(r"\b(?:drones?|UAVs?|Shaheen|FPV|kamikaze)\b", re.I)
_AIRCRAFT = re.compile(r"\b(?:aircraft|airstrikes?|air\s+strikes?|warplanes?|jets?|Su-\d+s?|Sukhoi|helicopters?|barrel\s+bombs?|"
                       r"air\s+force|aviation|sorties|bombers?|air\s+raids?)\b", re.I)
# Words only a partisan voice uses of the other side or of its own ("our heroes", "regime gangs").
_PARTISAN = re.compile(
    r"\b(?:our\s+(?:forces|fighters|heroes|army|brothers|units|mujahideen|men)|heroes|regime\s+gangs|Assad\s+gangs|shabiha|"
    r"mercenaries|gangs|terrorist\s+(?:groups|gangs|organi[sz]ations|convoys|positions|media)|takfiri|Nusra\s+terrorists|"
    r"PKK/SDF|liberated\s+from\s+the\s+regime|the\s+terrorists)\b", re.I)
_FIRST_PERSON = re.compile(r"\bour\s+(?:forces|fighters|heroes|army|brothers|units|mujahideen|men|troops|lions|jets|aircraft|"
                           r"air\s+force|artillery|drones|air\s+defences?)\b", re.I)
_QUOTED = re.compile(r"[\"“][^\"”]{0,200}[\"”]")


def partisan_voice(text: str) -> bool:
    """True when the report itself speaks for a side (its own words, not quotes), e.g. a channel's post."""
    unquoted = _QUOTED.sub(" ", text)
    return len(_PARTISAN.findall(unquoted)) >= 2


_SPECIFIC_REMOTE = frozenset({"air", "shelling", "ied", "suicide", "downed"})
_REFERENCE_BEFORE = re.compile(r"\b(?:against|condemn\w*|protest\w*|since|after)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_STRIKE_NOUN = re.compile(r"^(?:strikes?|raids?)$", re.I)


def _drop_vague_remote(hits: list[_Hit], sentence: str) -> list[_Hit]:
    """Generic verbs ("hit", "struck") count as remote violence only with a weapon in view and no specific trigger."""
    if not any(h.trigger.kind == "remote" for h in hits):
        return hits
    specific = [h for h in hits if h.trigger.kind in _SPECIFIC_REMOTE]
    armed = bool(_AIR_CONTEXT.search(sentence) or _GROUND_FIRE_CONTEXT.search(sentence))

    def near_specific(h: _Hit) -> bool:
        return any(abs(h.start - x.start) < 60 for x in specific)

    return [h for h in hits if h.trigger.kind != "remote"
            or (not near_specific(h) and (armed or _STRIKE_NOUN.match(sentence[h.start : h.end]))
                and not _REFERENCE_BEFORE.search(sentence[max(0, h.start - 30) : h.start]))]


def _side_label(side: str) -> str:
    return SIDE_LABELS.get(side, "")


def _merge_concurrent(events: list[Event]) -> list[Event]:
    """ACLED's merging of concurrent tactics, within one sentence and place.

    Fighting for a place and its capture are one battle, coded as the capture; a strike that kills
    civilians is one remote-violence event (ACLED marks civilian targeting, not a second "Attack");
    of two remote-violence types the higher in ACLED's table wins (a suicide car bomb, not an IED).
    Strikes, arrests and looting at a place that is also captured stay separate events.
    """
    best: dict[tuple[str, date | None, str], Event] = {}
    order: list[tuple[str, date | None, str]] = []
    for ev in events:
        fam = family(ev.sub_event_type)
        group = {"territory": "battle", "clash": "battle", "remote": "violence", "civilians": "violence"}.get(fam, ev.sub_event_type)
        key = (ev.place_id, ev.date, group)
        if key not in best:
            best[key] = ev
            order.append(key)
            continue
        kept = best[key]
        if _outranks(ev, kept):
            ev, kept = kept, ev
            best[key] = kept
        best[key] = replace(best[key], fatalities=max(best[key].fatalities, ev.fatalities),
                            fatalities_text=best[key].fatalities_text or ev.fatalities_text)
    return [best[k] for k in order]


def _outranks(a: Event, b: Event) -> bool:
    # Withdrawal and surrender sit low in ACLED's table but carry the territorial news of the sentence.
    if family(a.sub_event_type) == "territory" and family(b.sub_event_type) != "territory":
        return True
    if family(b.sub_event_type) == "territory":
        return False
    return RANK[a.sub_event_type] < RANK[b.sub_event_type]


def same_happening(a: Event, b: Event, window_days: int = 1) -> bool:
    """Two events describe one happening: same family, place, sides, dates within the window."""
    if family(a.sub_event_type) != family(b.sub_event_type) or a.place_id != b.place_id:
        return False
    if a.actor1_side and b.actor1_side and a.actor1_side != b.actor1_side and "unknown" not in (a.actor1_side, b.actor1_side):
        return False
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    return abs((a.date - b.date).days) <= window_days


def merge_events(events: Sequence[Event], window_days: int = 0) -> list[Event]:
    """Keep one event per happening, with the evidence and sources of all its mentions.

    Within one report the date must match (``window_days=0``); across reports
    a day either way is allowed (a report of "yesterday" vs "overnight").
    Fatalities: the lowest non-zero figure (ACLED: lowest when reports differ).
    """
    kept: list[Event] = []
    for ev in events:
        match = next((i for i, k in enumerate(kept) if same_happening(k, ev, window_days)), None)
        if match is None:
            kept.append(ev)
            continue
        k = kept[match]
        figures = [f for f in (k.fatalities, ev.fatalities) if f]
        primary = ev if _outranks(ev, k) else k
        kept[match] = replace(
            primary,
            evidence=tuple(dict.fromkeys(k.evidence + ev.evidence)),
            sources=tuple(dict.fromkeys(k.sources + ev.sources)),
            fatalities=min(figures) if figures else 0,
            fatalities_text=k.fatalities_text or ev.fatalities_text,
            date=min(d for d in (k.date, ev.date) if d is not None) if k.date or ev.date else None,
            certainty=_combine_certainty(k, ev),
        )
    return kept


def _combine_certainty(a: Event, b: Event) -> str:
    if {a.certainty, b.certainty} <= {"claimed"} and a.claimed_by and b.claimed_by and a.claimed_by != b.claimed_by:
        return "claimed"
    order = ["confirmed", "reported", "claimed", "uncertain", "disputed"]
    if a.actor1_side != b.actor1_side and family(a.sub_event_type) == "territory":
        return "disputed"
    return min(a.certainty, b.certainty, key=order.index)
