"""Merging events: one event per happening (step 4 of :mod:`frontlines.events.extract`).

Within a sentence, concurrent tactics at one place merge into the higher ACLED type, a generic word for violence
beside a specific one is that violence again, and a fight told only of a governorate beside battles placed in its
towns is those battles; across sentences and reports, the same happening mentioned twice is kept once with all its
evidence spans.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from frontlines.events.typology import RANK, family
from frontlines.models import Event
from frontlines.read.ingest import PARAGRAPH_BREAK


def drop_generic(events: list[Event], generic: frozenset[str]) -> list[Event]:
    """"Airstrikes and other hostilities continue in X": a generic word for violence told beside a specific
    kind at the same place is that violence again, not a second event."""
    specific = {(e.place_id, e.date) for e in events if e.trigger.lower() not in generic}
    return [e for e in events if e.trigger.lower() not in generic or (e.place_id, e.date) not in specific]


def drop_covered_regions(events: list[Event]) -> list[Event]:
    """"swept through southern A province, overrunning X, Y and Z": a fight told only of a governorate, beside battles
    the same sentence places in towns of it that day, is those battles told at large, not one of its own."""
    battles = {"territory", "clash"}
    placed = {(e.admin1, e.date) for e in events if e.geo_precision < 3 and family(e.sub_event_type) in battles and e.admin1}
    return [e for e in events if not (e.geo_precision == 3 and family(e.sub_event_type) == "clash"
                                      and (e.admin1, e.date) in placed)]


def merge_concurrent(events: list[Event]) -> list[Event]:
    """ACLED's merging of concurrent tactics, within one sentence and place.

    Fighting for a place and its capture are one battle, coded as the capture, and so are a withdrawal from it and
    its taking; a strike that kills
    civilians is one remote-violence event (ACLED marks civilian targeting, not a second "Attack");
    of two remote-violence types the higher in ACLED's table wins (a suicide car bomb, not an IED).
    Strikes, arrests and looting at a place that is also captured stay separate events.
    """
    best: dict[tuple[str, date | None, str], Event] = {}
    order: list[tuple[str, date | None, str]] = []
    taken = {(e.place_id, e.date) for e in events if family(e.sub_event_type) == "territory"}
    for ev in events:
        fam = family(ev.sub_event_type)
        if ev.kind == "withdraw" and (ev.place_id, ev.date) in taken:
            continue  # a withdrawal from a place the sentence says was taken is that handover ("A's withdrawal from X left it to B")
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
        if best[key].actor1_side in ("", "unknown") and ev.actor1_side not in ("", "unknown"):
            # two readings of one fight ("were fighting for X" as a contest and as a clash): the parties of the one
            # that names them
            best[key] = replace(best[key], actor1=ev.actor1, actor1_side=ev.actor1_side, actor2=ev.actor2,
                                actor2_side=ev.actor2_side)
        elif best[key].actor2_side in ("", "unknown") and ev.actor2_side not in ("", "unknown") \
                and ev.actor1_side == best[key].actor1_side:
            # ("A artillery shelled B positions": the noun's reading and the verb's, the verb's naming whom it hit)
            best[key] = replace(best[key], actor2=ev.actor2, actor2_side=ev.actor2_side)
    return [best[k] for k in order]


def fold_battles(events: list[Event]) -> list[Event]:
    """Fighting at a place on a day that one report also tells taken that day is that taking's battle (ACLED codes one
    event, the capture), however many sentences tell it: "A seized X on Thursday. Fighting in X killed 15 soldiers."
    The capture keeps the fight's toll when it has none, and both evidence spans. A fight of other sides stays. So is
    the other side's leaving of the place that day part of the taking (no event of its own)."""
    taken: dict[tuple[str, date | None], int] = {}
    for i, ev in enumerate(events):
        if family(ev.sub_event_type) == "territory" and ev.date is not None and ev.geo_precision < 3:
            taken.setdefault((ev.place_id, ev.date), i)  # (a town's, not "villages in X governorate")
    folded: set[int] = set()
    out = list(events)
    for i, ev in enumerate(events):
        j = taken.get((ev.place_id, ev.date))
        if j is None:
            continue
        capture = out[j]
        if ev.kind == "withdraw" and ev.actor1_side != capture.actor1_side:
            # ("the army said it had redeployed outside X. Rebels entered X hours later": the leaving is the taking's)
            out[j] = replace(capture, evidence=tuple(dict.fromkeys(capture.evidence + ev.evidence)))
            folded.add(i)
            continue
        if family(ev.sub_event_type) != "clash":
            continue
        if ev.actor1_side not in ("", "unknown", capture.actor1_side, capture.actor2_side):
            continue
        out[j] = replace(capture, fatalities=capture.fatalities or ev.fatalities,
                         fatalities_text=capture.fatalities_text or ev.fatalities_text,
                         evidence=tuple(dict.fromkeys(capture.evidence + ev.evidence)))
        folded.add(i)
    return [ev for i, ev in enumerate(out) if i not in folded]


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
    # (a battle between A and B is the one between B and A: which side a sentence names first tells no other fight)
    fought = family(a.sub_event_type) == "clash" and a.actor2_side and {a.actor1_side, a.actor2_side} == {b.actor1_side, b.actor2_side}
    if a.actor1_side and b.actor1_side and a.actor1_side != b.actor1_side and "unknown" not in (a.actor1_side, b.actor1_side) \
            and not fought:
        return False
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    if a.doc == b.doc and a.date != b.date:
        return False  # one report telling two days: two happenings (the window is for reports that differ)
    return abs((a.date - b.date).days) <= window_days


def merge_events(events: Sequence[Event], window_days: int = 0) -> list[Event]:
    """Keep one event per happening, with the evidence and sources of all its mentions.

    Within one report the date must match (``window_days=0``); across reports
    a day either way is allowed (a report of "yesterday" vs "overnight").
    Fatalities: the lowest non-zero figure (ACLED: lowest when reports differ).
    """
    kept: list[Event] = []
    # Only events of one family and place can be one happening (same_happening): each event is
    # compared with the kept events of its own (family, place), in the order they were kept.
    groups: dict[tuple[str, str], list[int]] = {}
    for ev in events:
        group = groups.setdefault((family(ev.sub_event_type), ev.place_id), [])
        match = next((i for i in group if same_happening(kept[i], ev, window_days)), None)
        if match is None:
            group.append(len(kept))
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


_NO_SIDE = ("", "unknown", "civilians")


def lend_story_sides(events: list[Event], text: str, label: Callable[[str], str]) -> list[Event]:
    """A fight or a strike told with no party, in a paragraph that has just told who fights whom, is theirs: "A
    launched an offensive against B's positions. Heavy clashes were reported around X" (A against B); "B's and C's
    warplanes struck repeatedly. An air strike hit a car near Y" (B's). Only from the last such happening of the same
    paragraph (events in text order): a clash from the last battle with both sides named, a strike or a shelling from
    the last of its own kind with its doer named. ``label``: the name an event gives a side."""
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    out: list[Event] = []
    fight: tuple[int, str, str] | None = None  # (paragraph, side1, side2)
    fire: dict[str, tuple[int, str]] = {}  # sub-event type -> (paragraph, side1)
    for e in events:
        para = bisect_right(breaks, e.start)
        fam = family(e.sub_event_type)
        if e.actor1_side == "unknown" and not e.actor2_side:
            if fam == "clash" and fight is not None and fight[0] == para:
                e = replace(e, actor1=label(fight[1]), actor1_side=fight[1], actor2=label(fight[2]), actor2_side=fight[2])
            elif fam == "remote" and e.sub_event_type in fire and fire[e.sub_event_type][0] == para:
                side = fire[e.sub_event_type][1]
                e = replace(e, actor1=label(side), actor1_side=side)
        if fam in ("clash", "territory") and e.actor1_side not in _NO_SIDE and e.actor2_side not in _NO_SIDE:
            fight = (para, e.actor1_side, e.actor2_side)
        if fam == "remote" and e.actor1_side not in _NO_SIDE:
            fire[e.sub_event_type] = (para, e.actor1_side)
        out.append(e)
    return out
