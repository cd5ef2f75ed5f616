"""A toll told in the sentence after its deed: "Jets struck X on Monday. At least eleven people were killed."

Wire copy, posts and humanitarian updates tell a strike or a fight in one sentence and count its dead in the next,
which tells no deed of its own. ACLED codes those deaths on the event. The next sentence lends its toll when:

* it follows in the same paragraph and the reader found no frame in it (no deed of its own, so no other cause);
* it counts deaths, and no running total ("since", "so far", "in total": the count of a campaign, not of the deed);
* the sentence before holds one violent happening without a toll of its own (one place: a strike on A and a clash
  at B leave it unknown whose dead they are), at a place the toll sentence names, if it names any.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from frontlines.events.fatalities import number_value, parse_casualties
from frontlines.events.typology import event_type_of
from frontlines.models import Event, PlaceMention
from frontlines.read.ingest import PARAGRAPH_BREAK

__all__ = ["lend_next_tolls", "toll_at"]

# The kinds of event that have dead of their own (a transfer without a fight, an arrest or an agreement has none).
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _phrases(words: frozenset[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)


def lend_next_tolls(by_sentence: dict[tuple[int, int], list[Event]], sentences: Sequence[tuple[int, int]],
                    framed: set[tuple[int, int]], places: Sequence[PlaceMention], text: str,
                    total_words: frozenset[str], significant: Sequence[str] = ()) -> None:
    """Give the one violent event of a sentence the toll its next sentence tells (``by_sentence`` is updated).

    ``framed``: the sentences the reader found a frame in; ``total_words``: the words of a running total (the
    language pack's); ``significant``: the words that make a vague count a significant one (as for any toll)."""
    totals = _phrases(total_words)
    for (s_start, s_end), (n_start, n_end) in pairwise(sentences):
        events = by_sentence.get((s_start, s_end))
        if not events or (n_start, n_end) in framed or PARAGRAPH_BREAK.search(text, s_end, n_start):
            continue
        told = text[n_start:n_end]
        if totals is not None and totals.search(told):
            continue
        casualties = parse_casualties(told, significant=any(w in told.lower() for w in significant))
        if not casualties.fatalities_text:
            continue
        named = {p.place_id for p in places if n_start <= p.start < n_end}
        open_ = [i for i, e in enumerate(events) if event_type_of(e.sub_event_type) in VIOLENT_TYPES
                 and not e.fatalities_text and (not named or e.place_id in named)]
        if not open_ or len({events[i].place_id for i in open_}) != 1 or \
                any(e.fatalities_text for e in events if e.place_id == events[open_[0]].place_id):
            continue
        i = open_[0]
        events[i] = replace(events[i], fatalities=casualties.fatalities, fatalities_text=casualties.fatalities_text,
                            wounded=events[i].wounded if casualties.wounded is None else casualties.wounded)


# "killing five people in A and three in B": a count, at most three words of whom, then "in" or "at" and the place.
_WHO_WORDS = 3
_TOKEN = re.compile(r"[\w,]+(?:-[\w]+)?")


def toll_at(toll: str, toll_start: int, place: PlaceMention, places: Sequence[PlaceMention]) -> int | None:
    """The dead a toll counts at one of several places it names in turn ("killing at least five people in A and three
    in B": five at A), or None when the toll names no such count right before the place. ``toll_start``: where the
    toll phrase starts in the text the place offsets count in."""
    named = [p for p in places if toll_start <= p.start < toll_start + len(toll)]
    if len({p.place_id for p in named}) < 2 or place.place_id not in {p.place_id for p in named}:
        return None
    mention = next(p for p in named if p.place_id == place.place_id)
    words = _TOKEN.findall(toll[: mention.start - toll_start])
    if words and words[-1].lower() == "the":
        words.pop()
    if not words or words.pop().lower() not in ("in", "at"):
        return None
    for word in reversed(words[-(_WHO_WORDS + 1) :]):
        value = number_value(word.rstrip(","))
        if value is not None:
            return value
    return None
