"""The day of each frame, read from its own clause first.

A frame is dated by the date expression that governs its predicate (``resolve_event_date`` with
the predicate's position: "that night", "the day before", "by the evening of 30 November"); an
open period ("since 27 November") dates nothing by itself. A frame whose clause names no day takes
the day its paragraph last named when the text is a chronology (three or more calendar days
named), else the day of the last dated frame before it in the same paragraph, else the report's
date, as a coder would read it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from frontlines.dates import DateSpan, find_dates, resolve_event_date
from frontlines.models import Document
from frontlines.reader import Frame

CHRONOLOGY_DAYS = 3
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def is_chronology(text: str, published: date | None) -> bool:
    """A text that names three or more calendar days narrates a period, not one day."""
    return len({d.date for d in find_dates(text, published) if d.kind == "explicit"}) >= CHRONOLOGY_DAYS


def date_frames(doc: Document, sentences: Sequence[tuple[int, int]], frames: Sequence[Frame]) -> list[DateSpan]:
    """One :class:`DateSpan` per frame, in the order given (frames in text order)."""
    text = doc.text
    chronology = is_chronology(text, doc.published)
    out: list[DateSpan] = []
    para_date: date | None = None
    context: date | None = None
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(frames):
        by_sentence.setdefault(f.sentence, []).append(i)
    spans: dict[int, DateSpan] = {}
    prev_end = 0
    for s_start, s_end in sentences:
        if _PARAGRAPH_BREAK.search(text, prev_end, s_start):
            para_date, context = None, None
        prev_end = s_end
        sentence = text[s_start:s_end]
        for i in by_sentence.get((s_start, s_end), []):
            f = frames[i]
            span = resolve_event_date(sentence, doc.published, sentence_offset=s_start, context=context,
                                      trigger_start=f.start - s_start)
            if span.kind == "range" and re.match(r"since\b", span.text, re.I):
                span = replace(span, kind="default", date=None)  # "since 27 November" opens a period
            default_day = (para_date if chronology else None) or context or doc.published
            if span.kind == "default" and default_day is not None:
                span = replace(span, date=default_day, date_start=default_day, date_end=default_day, time_precision=1,
                               warning="")
            spans[i] = span
            if span.date is not None and span.kind != "default":
                context = span.date
        named = [d for d in find_dates(sentence, doc.published) if d.kind in ("explicit", "weekday") and d.date]
        if named:
            para_date = named[-1].date
    for i in range(len(frames)):
        out.append(spans.get(i) or resolve_event_date("", doc.published))
    return out
