"""Control statements: what a document says about who holds which place, typed by frame kind.

Every frame whose ``control`` effect is not ``none`` becomes one :class:`Statement` per place:

* ``agent``: the agent's side holds the place (a capture, an entry, "X is under government
  control", "rebel units in X"); a capture of only part of a place contests it; a capture with no
  agent named is the theater's default attacker's (``rules.default_attacker``), weakly;
* ``winner``: the place passes from the loser to the winner ("lost X to the rebels", "were driven
  out of X"), the winner being the loser's adversary when not named;
* ``left``: a withdrawal leaves its source to the mover's adversary and its goal to the mover, both
  weakly ("pulled back from A to B");
* ``contested`` / ``unclear`` / ``context`` ("X is contested", "the status of X is unclear",
  "with X secure" for the side the passage is about).

Region places ("all of X governorate") make region statements, marked ``hedged`` when the text
says "almost all" or "most of". Two layout forms are read without a predicate: an analyst's summary
line ("- Opposition: A, B and C") and a sector ("no positions left west of X").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from frontlines.events.certainty import Certainty
from frontlines.events.dating import BACKGROUND, place_day
from frontlines.events.frames import near_relation, says_no_holder
from frontlines.events.reader import Frame
from frontlines.mentions.dates import DateSpan, resolve_event_date
from frontlines.models import ActorMention, Document, PlaceMention

_STATUS_WORDS = {"contested": "contested", "disputed": "contested", "unclear": "unknown", "unknown": "unknown"}
SIDE_LIST_RE = re.compile(r"^\W*(?P<label>[A-Z][\w-]*)(?:[- ]held|\s+control(?:led)?)?\s*:")
NO_POSITIONS_RE = re.compile(
    r"\bno\s+(?:positions|presence|troops|forces)\s+(?:left\s+)?(?P<dir>west|east|north|south)\s+of\s+$", re.I)
CHANGE_KINDS = frozenset({"capture", "loss", "expel", "withdraw", "enter", "surrender", "handover"})
STATE_KINDS = frozenset({"hold", "presence"})
WEIGHTS = {"enter": 0.6, "clash": 0.5, "presence": 0.5, "withdraw-source": 0.6, "withdraw-goal": 0.5, "default-agent": 0.7,
           "region-hedged": 0.5, "context": 0.6}


_CITY_WORDS = ("city", "town")


def _governorate_or_city(text: str, place: PlaceMention) -> bool:
    """A capital named like its governorate ("fighting in X" for X city or X province) without a city word next to it: the name
    may mean either, so a weak statement about it says nothing sure about the city."""
    if not any(a.startswith("adm1:") for a in place.alternatives):
        return False
    after = text[place.end : place.end + 6].lower().split()
    before = text[max(0, place.start - 12) : place.start].lower().split()
    return not ((after and after[0].strip(",.;") in _CITY_WORDS) or (len(before) >= 2 and before[-2] in _CITY_WORDS))


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence's claim about control of one place (or a region, or a sector)."""

    doc: str
    place_id: str
    status: str  # side id, "contested" or "unknown" ("not:<side>" for a sector)
    date: date | None
    time_precision: int
    start: int
    end: int
    text: str
    certainty: str
    claimed_by: str
    scope: str = "place"  # place | region | region-hedged | sector-west | sector-east | sector-north | sector-south
    admin1: str = ""
    kind: str = ""  # the frame kind: capture, loss, expel, withdraw, enter, hold, presence, contest, unclear, label, sector
    weight: float = 1.0  # how strongly the form says it (a presence says less than a capture)
    sentence_start: int = -1
    sentence_end: int = -1
    event: str = ""  # the id of the event the same predicate reports at this place, if any


SideOf = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class ControlRules:
    """The theater's rules the statements need (all data: ``theater.toml`` [rules])."""

    default_attacker: str = ""
    adversary: dict[str, str] | None = None
    no_holder: tuple[str, ...] = ()  # language cues: "neither side in control" (from the language pack)
    cues: Certainty | None = None  # the theater's certainty cues (Certainty.for_theater); see _cues


def _cues(cues: Certainty | None) -> Certainty:
    """The certainty cues given, or the language's generic ones (no theater's parties or outlets)
    for a caller that passes none."""
    return Certainty.for_language() if cues is None else cues


def _certainty(doc: Document, frame: Frame, partisan: bool, cues: Certainty) -> tuple[str, str] | None:
    s_start, s_end = frame.sentence
    sentence = doc.text[s_start:s_end]
    check = cues.assess(sentence, frame.start - s_start, frame.end - s_start)
    if (check.negated or check.hypothetical) and not frame.failed:
        return None  # (a failed attempt, which the cues read as a negation, still tells who holds the place)
    certainty, claimed_by = check.certainty, check.claimed_by
    if frame.hedged and certainty in ("reported", "confirmed"):
        certainty = "uncertain"
    if frame.claimant is not None and frame.claimant.side not in ("civilians", "unknown", ""):
        certainty, claimed_by = "claimed", claimed_by or frame.claimant.name
    if partisan and certainty in ("reported", "confirmed"):
        certainty, claimed_by = "claimed", claimed_by or doc.source  # a partisan post speaks for its side
    if frame.disputed:
        certainty = "disputed"  # "group A said it took X; the army denied it"
    return certainty, claimed_by


def _says_no_holder(doc: Document, frame: Frame, rules: ControlRules) -> bool:
    """The frame's sentence says nobody holds the place (see :func:`says_no_holder`)."""
    return says_no_holder(doc.text[frame.sentence[0] : frame.sentence[1]], rules.no_holder)


def _failed_targets(frame: Frame, adversary: dict[str, str]) -> list[tuple[PlaceMention, str, str]]:
    """"A failed to retake X", "A failed to dislodge B from X": X stays with B, or with A's adversary (weakly, as a
    presence); nothing about a region or a part of a place."""
    if not frame.failed or frame.negated or frame.kind not in ("capture", "expel", "enter"):
        return []
    holder = frame.loser_side or adversary.get(frame.agent_side, "")
    if holder in ("", "unknown", "civilians"):
        return []
    return [(p, holder, "presence") for p in frame.places if p.kind != "region" and p.place_id not in frame.partial]


def statements_from_frames(doc: Document, frames: Sequence[Frame], dates: Sequence[DateSpan], rules: ControlRules,
                           partisan: bool = False, speaker: Callable[[Frame], str] | None = None) -> list[Statement]:
    """Control statements of one document's frames (``dates``: one per frame). ``speaker``: for a partisan post,
    the side a frame told in its first person speaks for ("our heroes took X"), else ""."""
    adversary = rules.adversary or {}
    cues = _cues(rules.cues)
    out: list[Statement] = []
    # A state told in the same sentence as a change of the same place ("entered the army-held city of X")
    # is the state before the change.
    # (not one told of a later day: "broke into X on D and held the city a day later")
    changed: dict[tuple[tuple[int, int], str], date | None] = {}
    change_end: dict[tuple[tuple[int, int], str], int] = {}  # where the last change of each is told
    for f, fd in zip(frames, dates, strict=True):
        # (not a change the text dates to a year before the story, "which A had retaken in 2019": history, no change
        # the sentence's state could come before)
        if f.asserts and f.kind in CHANGE_KINDS and not (f.kind == "withdraw" and f.yielded) \
                and not (fd.date is None and fd.kind == BACKGROUND):
            for p in (*f.places, *f.source):
                changed[(f.sentence, p.place_id)] = fd.date
                change_end[(f.sentence, p.place_id)] = f.end
    # "units of B stationed in X were redeployed outside the city" (a withdrawal that is part of A's taking): B's hold
    # told with B's leaving is the state before it
    leaving = {(f.sentence, p.place_id, f.agent_side) for f in frames if f.asserts and f.kind == "withdraw" and f.yielded
               and f.agent_side for p in (*f.source, *f.places)}
    # "X is in A's hands, but its northern edge is contested": a place whose holder the sentence states whole
    held_whole = {(f.sentence, p.place_id) for f in frames if f.asserts and f.kind in STATE_KINDS and f.agent_side
                  for p in f.places if p.place_id not in f.partial}
    # place -> where the report first tells it changing (a later label or past perfect of it tells the state before)
    first_change: dict[str, int] = {}
    for (_, pid), end in change_end.items():
        first_change[pid] = min(end, first_change.get(pid, end))
    taken: dict[str, tuple[str, date | None]] = {}  # place -> the side the report last told taking it, and the day
    def before_change(key: tuple[tuple[int, int], str], day: date | None) -> bool:
        return key in changed and not (day is not None and (changed[key] or day) < day)
    for frame, when in zip(frames, dates, strict=True):
        effect = frame.spec.control
        failed = _failed_targets(frame, adversary)
        if (not failed and ((effect == "none" and frame.kind != "clash") or not frame.asserts)) or when.date is None:
            continue
        if frame.kind == "withdraw" and frame.yielded:
            continue  # "B left X, and A entered it": the entry says who holds X
        sure = _certainty(doc, frame, partisan, cues)
        if sure is None:
            continue
        targets: list[tuple[PlaceMention, str, str]] = []  # place, status, weight key
        side, kind = frame.agent_side, frame.kind
        if not side and frame.entered_unnamed:
            side = rules.default_attacker  # "X was entered without a fight": nobody named, the theater's attacker
        if failed:
            targets, effect = failed, "agent"
        elif effect == "agent":
            weight_key = "presence" if frame.spec.weak else "enter" if kind == "enter" else ""
            if not side and speaker is not None:
                side = speaker(frame)
            foreign = frame.unsided_doer and side == ""
            told = {taken[p.place_id][0] for p in frame.places if p.place_id in taken}
            if not side and kind in ("capture", "surrender", "handover") and not frame.agent_explicit and len(told) == 1:
                side = told.pop()  # "A took over X ... The handover of X leaves A ...": the taking told before
            if not side and kind in ("capture", "surrender", "handover") and not foreign \
                    and (not frame.agent_explicit or frame.agent_armed):
                side, weight_key = rules.default_attacker, "default-agent"
            if side == "civilians":
                side = ""
            if foreign and not side and kind in ("capture", "surrender", "handover"):
                side = "unknown"  # a foreign state's army took it: no side of this theater holds it
            # part of a town is a fight for it; part of a governorate is a hedged region statement
            targets = [(p, "contested" if p.place_id in frame.partial and p.kind != "region" else side, weight_key)
                       for p in frame.places]
            if frame.agent is None and kind == "capture" and _says_no_holder(doc, frame, rules):
                targets = [(p, "contested", "") for p in frame.places]  # "X changed hands more than once"
        elif effect == "winner":
            winner, weight_key = side or adversary.get(frame.loser_side, ""), ""
            if not winner and not frame.loser_side and kind == "loss" and frame.agent is None:
                winner, weight_key = rules.default_attacker, "default-agent"  # "the loss of X", no holder or taker told
            targets = [(p, winner, weight_key) for p in frame.places]
        elif effect == "left":
            # The side that left no longer holds its source, and nobody is known to hold it yet; the
            # goal stays with the side that moved there.
            mover = side
            if mover:
                targets = [(p, "unknown", "withdraw-source") for p in frame.source]
                targets += [(p, mover, "withdraw-goal") for p in frame.goal]
        elif effect == "contested" and kind == "enter" and (frame.unopposed or frame.yielded or frame.overran) and side:
            # an entry that meets no fight ("moved into X without resistance", "as the army withdrew") takes the place
            # (a force of no side here that moves in holds it for none of the theater's sides: "unknown", as when
            # it takes it)
            targets = [(p, "contested" if p.place_id in frame.partial and p.kind != "region" else side, "")
                       for p in frame.places]
            effect = "agent" if side == "unknown" else effect
        elif effect == "contested":
            # an entry is the start of a fight: a capture told the same day by another source outweighs it
            targets = [(p, "contested", "enter" if kind == "enter" else "") for p in frame.places]
        elif kind == "clash" and _says_no_holder(doc, frame, rules):
            # "clashes around X, with neither side in control": fighting with no holder contests the place
            targets = [(p, "contested", "") for p in frame.places]
            effect = "contested"
        elif kind == "clash" and frame.spec.event == "Armed clash" and not frame.loose and not frame.civilian_target:
            # (violence against civilians there is no fight for the place)
            # fighting in a place is a fight for it: contested while it lasts, weakly (a capture told the same
            # day ends it); on a mountain or hill nobody holds it at all
            targets = [(p, "contested", "" if p.kind == "terrain" else "clash") for p in frame.places
                       if p.kind != "region" and not _governorate_or_city(doc.text, p)
                       and (not p.relation or {"outskirts", "around"} & set(p.relation.lower().split()))]
            effect = "contested"
        elif kind == "clash":
            targets = [(p, "contested", "") for p in frame.places if p.kind == "terrain" and not p.relation]
            effect = "contested"
        elif effect == "unclear":
            targets = [(p, "unknown", "") for p in frame.places]
        elif effect == "context":
            targets = [(p, side, "context") for p in frame.places] if side else []
        s_start, s_end = frame.sentence
        for place, status, weight_key in targets:
            # "unknown" is said by an unclear status, a withdrawal, or a capture by a force that is no side here
            if not status or status == "civilians" or (status == "unknown" and effect not in ("unclear", "left", "agent")):
                continue
            if place.kind == "country":
                continue  # "took X, country C's third-largest city": the country owns the place, no one holds all of it
            if place.relation and place.relation != "between" and not (effect == "contested" and near_relation(place)):
                continue  # "took positions near X", "north of X" say nothing sure about X itself
            scope = "place"
            weight = WEIGHTS.get(weight_key, 1.0)
            key = (frame.sentence, place.place_id)
            if status == "contested" and place.place_id in frame.partial and key in held_whole:
                continue  # a fight in a part of a place the same sentence says one side holds: the part, not the place
            # ("A entered X, and by nightfall X was in A's hands": a state told in a clause of its own after the
            # change is the state the change left)
            after = key in change_end and frame.start > change_end[key] and frame.finite and not (
                frame.relative or frame.describes or frame.prior)
            if frame.kind in STATE_KINDS and before_change(key, when.date) and not frame.current and not after:
                continue
            if frame.kind in STATE_KINDS and (frame.sentence, place.place_id, status) in leaving:
                continue
            if frame.spec.name == "held-modifier" and frame.kind in STATE_KINDS \
                    and first_change.get(place.place_id, frame.start) < frame.start:
                continue  # "A entered X ... the advance stunned many in the B-held city": a label, the state the change met
            if frame.kind in STATE_KINDS and frame.prior and place.place_id in first_change:
                continue  # "A took X ... A's foe had held the town since 2016": the state before the change the report tells
            if place.kind == "region":
                if frame.spec.weak or status in ("contested", "unknown") or weight_key == "withdraw-goal":
                    # "entered the X region", "forces in X governorate", "pulled back to X governorate": nothing
                    # about each place there
                    continue
                if place.place_id in frame.partial:
                    continue  # "parts of X governorate", "several villages in X": no place of it is named
                if frame.kind in STATE_KINDS and frame.describes:
                    continue  # "group A, which controls X governorate, ...": who the party is, with no day of its own
                if frame.region == "hedged":
                    if frame.kind in STATE_KINDS:
                        continue  # "which controls much of X governorate" changes no place: it only describes
                    scope, weight = "region-hedged", weight * WEIGHTS["region-hedged"]
                else:
                    scope = "region"
            # ("took A on 5 December and B on 7 December": each place's own day)
            day = place_day(doc, place, when, frame.places)
            if status == "contested" and frame.spec.weak and side and day.date is not None \
                    and taken.get(place.place_id, (None, None))[0] == side and (taken[place.place_id][1] or day.date) <= day.date:
                # "A took X ... footage shows A's fighters in the town's square": the taker seen in part of what the
                # report says it took holds it; its presence there contests nothing
                status = side
            if status == "contested" and kind in ("clash", "contest") and not frame.spec.adjectives \
                    and when.kind == "default" and not frame.ongoing \
                    and day.date is not None and taken.get(place.place_id, (None, None))[1] == day.date:
                # "A seized X at dawn ... A said it killed dozens in the battle for the town": a fight told in the past
                # with no day of its own, of a place the report told taken that day, is the fight of the taking
                continue
            if status not in ("contested", "unknown") and kind in CHANGE_KINDS and (not sure[1] or sure[1] == doc.source):
                # (a taking the report tells, not one a party claims; a partisan channel's own word is its telling)
                taken[place.place_id] = (status, day.date)
            out.append(Statement(
                doc=doc.id, place_id=place.place_id, status=status, date=day.date, time_precision=day.time_precision,
                start=frame.start, end=frame.end, text=doc.text[s_start:s_end].strip(), certainty=sure[0],
                claimed_by=sure[1], scope=scope, admin1=place.admin1, kind=kind, weight=weight,
                sentence_start=s_start, sentence_end=s_end,
            ))
    return out


def layout_statements(doc: Document, sentences: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                      actors: Sequence[ActorMention], side_of: SideOf = lambda word: "",
                      partisan: bool = False, cues: Certainty | None = None) -> list[Statement]:
    """Statements made by layout rather than by a predicate: summary lines and sectors (``cues``: the
    theater's certainty cues, as in :class:`ControlRules`)."""
    text = doc.text
    cues = _cues(cues)
    out: list[Statement] = []
    places = sorted(places, key=lambda p: p.start)
    actors = sorted(actors, key=lambda a: a.start)
    place_starts = [p.start for p in places]
    actor_starts = [a.start for a in actors]
    for s_start, s_end in sentences or [(0, len(text))]:
        # the sentence's mentions by bisection: a long report does not rescan every mention per sentence
        s_places = places[bisect_left(place_starts, s_start) : bisect_left(place_starts, s_end)]
        if not s_places:
            continue
        sentence = text[s_start:s_end]
        s_actors = [a for a in actors[bisect_left(actor_starts, s_start) : bisect_left(actor_starts, s_end)] if not a.media]
        check = cues.assess(sentence)
        if check.hypothetical:
            continue
        certainty, claimed_by = check.certainty, check.claimed_by
        if partisan and certainty in ("reported", "confirmed"):
            certainty, claimed_by = "claimed", claimed_by or doc.source
        when = resolve_event_date(sentence, doc.published, sentence_offset=s_start)

        def emit(place: PlaceMention, status: str, scope: str, kind: str, when: DateSpan = when, s_start: int = s_start,
                 s_end: int = s_end, certainty: str = certainty, claimed_by: str = claimed_by) -> None:
            if when.date is None:
                return
            out.append(Statement(
                doc=doc.id, place_id=place.place_id, status=status, date=when.date, time_precision=when.time_precision,
                start=place.start, end=place.end, text=text[s_start:s_end].strip(), certainty=certainty,
                claimed_by=claimed_by, scope=scope, admin1=place.admin1, kind=kind,
                sentence_start=s_start, sentence_end=s_end,
            ))

        for p in s_places:
            before = sentence[max(0, p.start - s_start - 50) : p.start - s_start]
            if not check.negated and (m := NO_POSITIONS_RE.search(before)) is not None and s_actors:
                emit(p, f"not:{s_actors[0].side}", f"sector-{m.group('dir').lower()}", "sector")
        line_start = text.rfind("\n", 0, s_start) + 1
        m = SIDE_LIST_RE.match(text[line_start:s_end])  # the label may be a "sentence" of its own
        if m and text[line_start + m.end() : s_start].strip():
            m = None  # a later sentence on the labelled line is not part of the list
        status = (side_of(m.group("label")) or _STATUS_WORDS.get(m.group("label").lower(), "")) if m else ""
        if status:
            # An analyst's summary line: "- Side A: X, Y and the Z regiment base".
            for p in s_places:
                if not p.relation and p.kind != "region":
                    emit(p, status, "place", "label")
    return out
