"""Control statements: sentences that say who holds a place, without an event.

"The status of Mhardeh is unclear", "Kafr Nabudah is contested", "Saraqib is
now secure", "government troops remain in Hama", "all of Aleppo governorate is
under opposition control", "the army has no positions left west of the M5".
Each becomes a :class:`Statement`; the ledger turns statements and territory
events into control assertions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from frontlines.certainty import Assessment, assess
from frontlines.dates import DateSpan, resolve_event_date
from frontlines.models import ActorMention, Document, PlaceMention
from frontlines.phrases import extend_list, near_gap

# A word naming a side, resolved through the theater's actor dictionary (aliases and side cues).
_SIDE_RE = r"(?P<sideword>[\w-]+(?:\s[\w-]+)?)"
CONTESTED_RE = re.compile(
    r"\b(?:contested|disputed\s+control|no[- ]man'?s[- ]land|changed\s+hands\s+(?:several|many|multiple|repeatedly)|front\s*line\s+(?:now\s+)?runs\s+through|"
    r"(?:fighting|clashes)\s+(?:is|are|was|were)\s+(?:still\s+)?(?:ongoing|raging|continuing)\s+(?:in|inside|within)|"
    r"partially\s+(?:controlled|captured|taken)|(?:entered|seized|took|captured|controls?)\s+parts?\s+of|"
    r"street\s+(?:battles|fighting)\s+in|treat\s+it\s+as\s+contested|neither\s+side\s+(?:\w+\s+){0,2}in\s+control|no\s+side\s+(?:\w+\s+)?controls?)\b", re.I)
UNKNOWN_RE = re.compile(
    r"\b(?:(?:status|control)\s+of\s+.{1,60}?\s+(?:is|was|remains|remained)\s+(?:still\s+)?(?:unclear|unknown|uncertain|murky)|"
    r"unclear\s+who\s+(?:controls|holds|held|controlled)|(?:is|was|remains|remained)\s+(?:still\s+)?(?:unclear|unknown|uncertain)|"
    r"could\s+not\s+(?:be\s+)?(?:verified|confirmed)\s+who)\b", re.I)
UNDER_RE = re.compile(
    r"\b(?:under|in)\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|firm\s+)?(?:control\s+of|hands\s+of)\s+(?:the\s+)?|"
    r"\b(?:under|in)\s+(?:full\s+|complete\s+|total\s+|firm\s+)?" + _SIDE_RE + r"\s+(?:control|hands)\b|"
    r"\b(?:held|controlled|secured)\s+by\s+(?:the\s+)?", re.I)
HOLD_RE = re.compile(
    r"\b(?:still\s+)?(?:hold|holds|held|control|controls|controlled|remain\s+in|remains\s+in|remained\s+in|"
    r"are\s+still\s+in|is\s+still\s+in|maintain\s+positions\s+in|kept\s+control\s+of|retain\s+control\s+of|"
    r"retained|are\s+(?:deployed|stationed|present)\s+in|garrison\s+in|dug\s+in\s+(?:in|at)|(?:are|is|were|was)\s+in\s+control\s+of|"
    r"still\s+(?:in|inside)|(?:filmed|seen|spotted|photographed|pictured)\s+(?:\w+\s+){0,2}(?:inside|in|at))\b", re.I)
SIDE_LIST_RE = re.compile(r"^\W*(?P<label>[A-Z][\w-]*)(?:[- ]held|\s+control(?:led)?)?\s*:")
_STATUS_WORDS = {"contested": "contested", "disputed": "contested", "unclear": "unknown", "unknown": "unknown"}
PRESENCE_RE = re.compile(r"\b(?:shows?|showed|showing|filmed|footage\s+of)\s+(?:[\w'’-]+\s+){1,5}?"
                         r"(?:inside|in|on\s+the\s+\w+\s+of|at)\s+(?:the\s+)?", re.I)
SECURE_RE = re.compile(r"\b(?:is|was|are|were)\s+(?:now\s+)?(?:fully\s+)?(?:secure|secured|calm|safe)\b", re.I)
REGION_RE = re.compile(
    r"\b(?:all\s+of|the\s+entire|the\s+whole|entire|all|the\s+entirety\s+of)\s+(?:the\s+)?(?:(?:city|province|governorate)\s+of\s+)?$",
    re.I)
NO_POSITIONS_RE = re.compile(
    r"\bno\s+(?:positions|presence|troops|forces)\s+(?:left\s+)?(?P<dir>west|east|north|south)\s+of\s+$", re.I)
_AROUND = ("around", "near", "on the outskirts of", "outskirts of", "the outskirts of", "in the vicinity of")
_ABOUT_CONTROL = re.compile(r"\b(?:status|control|controls|controlled|holds?|held|hands|who)\b", re.I)
LIBERATED_RE = re.compile(r"\b(?:liberated|captured|fell|seized|taken|freed)\b", re.I)


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence's claim about control of one place (or a region, or a sector)."""

    doc: str
    place_id: str
    status: str  # side id, "contested" or "unknown"
    date: date | None
    time_precision: int
    start: int
    end: int
    text: str
    certainty: str
    claimed_by: str
    scope: str = "place"  # place | region | sector-west | sector-east | sector-north | sector-south
    admin1: str = ""


SideOf = Callable[[str], str]


def find_statements(doc: Document, sentences: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                    actors: Sequence[ActorMention], default_side: str = "",
                    side_of: SideOf = lambda word: "", partisan: bool = False) -> list[Statement]:
    """Control statements of one document (see module docstring for the forms recognised).

    ``default_side`` is the theater's side on the offensive: who an unattributed
    "all of X governorate is liberated" refers to. ``side_of`` maps a word ("opposition",
    "regime", "SDF") to a side id through the theater's actor dictionary ("" if none). ``partisan``
    marks a report written in a side's own voice: its plain statements are that side's claims.
    """
    text = doc.text
    out: list[Statement] = []
    for s_start, s_end in sentences or [(0, len(text))]:
        s_places = [p for p in places if s_start <= p.start < s_end]
        if not s_places:
            continue
        sentence = text[s_start:s_end]
        s_actors = [a for a in actors if s_start <= a.start < s_end and not a.media]
        check = assess(sentence)
        if check.hypothetical:
            continue
        when = resolve_event_date(sentence, doc.published, sentence_offset=s_start)

        def emit(place: PlaceMention, status: str, scope: str = "place", when: DateSpan = when, s_start: int = s_start,
                 s_end: int = s_end, sentence: str = sentence, check: Assessment = check, at: int = -1) -> None:
            if at >= 0:
                # The date, order and hedges of the clause that says it ("...; SDF units had moved in on 30 November").
                when = resolve_event_date(sentence, doc.published, sentence_offset=s_start, trigger_start=at)
                if when.kind == "default" and doc.published is not None:
                    when = replace(when, date=doc.published, time_precision=1)
                check = assess(sentence, at, at + 1)
                if check.negated or check.hypothetical:
                    return
            certainty, claimed_by = check.certainty, check.claimed_by
            if partisan and certainty in ("reported", "confirmed"):
                certainty, claimed_by = "claimed", claimed_by or doc.source  # a partisan post speaks for its side
            out.append(Statement(
                doc=doc.id, place_id=place.place_id, status=status, date=when.date, time_precision=when.time_precision,
                start=s_start + max(at, 0), end=s_end, text=sentence.strip(), certainty=certainty,
                claimed_by=claimed_by, scope=scope, admin1=place.admin1,
            ))

        direct = [p for p in s_places if not p.relation and p.kind != "region"]
        # "clashes around X and Y, with neither side in control": fighting around a place contests it.
        around = [p for p in s_places if p.kind != "region" and (not p.relation or p.relation in _AROUND)]
        if UNKNOWN_RE.search(sentence) and _ABOUT_CONTROL.search(sentence):
            for p in around:
                emit(p, "unknown")
            continue
        if CONTESTED_RE.search(sentence):  # explicit enough that "not confirmed either way" still counts
            for p in around:
                emit(p, "contested")
            continue
        for p in s_places:
            if p.kind != "region" or check.negated:
                continue
            before = sentence[max(0, p.start - s_start - 50) : p.start - s_start]
            if REGION_RE.search(before):
                side = _side_near(sentence, s_actors, s_start, default="")
                if not side and LIBERATED_RE.search(sentence):
                    side = default_side
                if side:
                    emit(p, side, scope="region")
        for p in s_places:
            before = sentence[max(0, p.start - s_start - 50) : p.start - s_start]
            if not check.negated and (m := NO_POSITIONS_RE.search(before)) is not None:
                side = _side_near(sentence, s_actors, s_start, default="")
                if side:
                    emit(p, f"not:{side}", scope=f"sector-{m.group('dir').lower()}")
        line_start = text.rfind("\n", 0, s_start) + 1
        m = SIDE_LIST_RE.match(text[line_start:s_end])  # the label may be a "sentence" of its own
        if m and text[line_start + m.end() : s_start].strip():
            m = None  # a later sentence on the labelled line is not part of the list
        status = (side_of(m.group("label")) or _STATUS_WORDS.get(m.group("label").lower(), "")) if m else ""
        if status:
            # An analyst's summary line: "- Opposition: Urum al-Sughra, Anjara and the 46th Regiment base".
            for p in direct:
                emit(p, status, at=p.start - s_start)
            continue
        for p, side, at in _held(sentence, s_start, direct, s_actors, side_of):
            emit(p, side, at=at)
    return out


def _held(sentence: str, s_start: int, places: Sequence[PlaceMention],
          actors: Sequence[ActorMention], side_of: SideOf) -> list[tuple[PlaceMention, str, int]]:
    """Places a sentence says a side holds: "the SDF still holds A and B", "A and B are under opposition control"."""
    rel = [(p.start - s_start, p.end - s_start, p) for p in places]
    out: list[tuple[PlaceMention, str, int]] = []
    for m in HOLD_RE.finditer(sentence):
        actor = next((a for a in reversed(actors) if a.start - s_start < m.start() and a.side not in ("civilians", "unknown")),
                     None)
        after = [x for x in rel if x[0] >= m.end()]
        if actor is None or not after or not near_gap(sentence[m.end() : after[0][0]], words=6):
            continue
        out += [(p, actor.side, m.start()) for p in extend_list(sentence, after)]
    for m in UNDER_RE.finditer(sentence):
        before = [x for x in rel if x[1] <= m.start()]
        if not before or not near_gap(sentence[before[-1][1] : m.start()], words=10):
            continue
        if m.group("sideword"):
            side = side_of(m.group("sideword"))
        else:
            agent = next((a for a in actors if a.start - s_start >= m.end() - 1), None)
            side = agent.side if agent else ""
        if side:
            out += [(p, side, m.start()) for p in extend_list(sentence, before[::-1], backwards=True)]
    for m in PRESENCE_RE.finditer(sentence):
        # "footage shows HTS fighters on the apron of X": presence of a side inside a place.
        after = [x for x in rel if x[0] >= m.end()]
        actor = next((a for a in actors if m.start() <= a.start - s_start < m.end()), None)
        if actor is not None and after and near_gap(sentence[m.end() : after[0][0]], words=2):
            out.append((after[0][2], actor.side, m.start()))
    for m in SECURE_RE.finditer(sentence):
        before = [x for x in rel if x[1] <= m.start()]
        if before and near_gap(sentence[before[-1][1] : m.start()], words=2) and actors:
            out.append((before[-1][2], actors[0].side, m.start()))
    return out


def _side_near(sentence: str, actors: Sequence[ActorMention], s_start: int, default: str) -> str:
    # Actor mentions include the theater's side cues ("regime", "rebels"), so the first one names the side.
    return actors[0].side if actors else default
