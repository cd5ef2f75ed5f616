"""The day of each frame, read from its own clause first.

A frame is dated by the date expression that governs its predicate (``resolve_event_date`` with
the predicate's position: "that night", "the day before", "by the evening of 30 November"); an
open period ("since 27 November") dates nothing by itself. A frame whose clause names no day takes
the day its paragraph last named when the text is a chronology (three or more calendar days
named; an undated paragraph of a chronology continues from the last day named before it), else the day of the last dated frame before it in the same paragraph, else the report's
date, as a coder would read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from frontlines.events.lexicon import Language
from frontlines.events.reader import Frame
from frontlines.mentions.date_patterns import SMALL_COUNTS
from frontlines.mentions.dates import DateSpan, find_dates, resolve_event_date
from frontlines.models import Document, PlaceMention
from frontlines.read.ingest import PARAGRAPH_BREAK

CHRONOLOGY_DAYS = 3
OWN_PHRASE = 90  # characters a noun's own phrase may run to the day it names ("the takeover of X by A on D")
FRONTED_WORDS = 5  # words a time adverbial may stand after and still open its sentence ("In the early hours of D")
BACKGROUND = "background"  # DateSpan.kind of a happening outside the report's time: it makes no event
AS_OF = "as-of"  # DateSpan.kind of a happening known to be over by the report's date: control, but no event
# the dash after the day that opens a timeline's entry ("30 November – ...", "DEC. 6 (FRIDAY) - ...")
_ENTRY_LABEL = re.compile(r"\s*(?:\([^()\n]{1,12}\)\s*)?[\-–—:]\s")
# what may stand around a date that is a line's label (a post's stamp: brackets and a clock time, "[29.11 | 08:10]")
_LABEL_REST = re.compile(r"(?:[\s\-–—•*:.,|\[\]()]|\b\d{1,2}:\d\d\b)+")
_LINE_MARGIN = re.compile(r"(?:[ \t\-–—•*:.,|#=\[\]()]|\d{1,2}:\d\d)*")  # what may stand around a heading on its line
# a numbered entry's name before its day on a heading line ("Statement 4 (Saturday 30 November, 15:30)", "Update #2 -")
_NUMBERED_LABEL = re.compile(r"[ \t]*[A-Z][a-z]+[ \t]+(?:No\.?[ \t]*|#)?\d{1,3}[ \t]*")
WEEK_DAYS = 7
HEADING_CHARS = 40  # the longest line that may be a day alone ("Wednesday, 27 November 2024" and marks)
TITLED_CHARS = 70  # the longest heading line that names a day and then a place ("Friday 6 December, A and B")
TITLE_WORDS = 6  # the most words after the day on such a line
_STOPS = frozenset(".!?;")
_TITLE_REST = re.compile(r"\s*(?:,|[-–—|])\s*\S")  # the rest of a heading line after its day: a comma or a dash first
_OTHER_HEADING = re.compile(r"[ \t]*(?:#|==)")  # a Markdown or wiki heading: a new section
# A year standing as one: "2018", "in 1516", "in 636 AD", "July 1920" (not "636 fighters").
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b(?!\s*(?:km|people|fighters|troops|soldiers|civilians))"
                   r"|(?:\b(?:in|since|by|until|of|around|about|circa|c\.)\s+|\b(?:January|February|March|April|May|June|July|"
                   r"August|September|October|November|December)\s+)(\d{3,4})\b")


_CLAUSE_BREAK = re.compile(r"[,;:()]")


class _ClauseWords:
    """The language's words that open a clause of their own (``period_preps``: "since"; ``time_preps``: "after",
    "before"; ``relative_words``: "which", "who"), compiled once per language pack."""

    def __init__(self, lang: Language | None):
        def words(ws: Iterable[str]) -> re.Pattern[str] | None:
            ws = sorted(ws)
            return re.compile(r"\b(?:" + "|".join(map(re.escape, ws)) + r")\b", re.I) if ws else None
        self.period = words(lang.period_preps if lang else ())
        self.time = words(lang.time_preps if lang else ())
        self.later = words(lang.later_preps if lang else ())
        then = sorted(lang.period_relatives) if lang else []
        self.then = re.compile(r"\s*,?\s*(?:" + "|".join(map(re.escape, then)) + r")\b[^,;:()]*$", re.I) if then else None
        rel = sorted(lang.relative_words) if lang else []
        self.relative = re.compile(r",\s*(?:" + "|".join(map(re.escape, rel)) + r")\b", re.I) if rel else None
        # a relative clause of a person or thing, to its clause's end ("former rebels who made peace in 2018, took X")
        wh = [w for w in rel if w.lower().startswith("wh")]
        self.wh_clause = re.compile(r"\b(?:" + "|".join(map(re.escape, wh)) + r")\b[^,;:()]*", re.I) if wh else None

    @staticmethod
    def _opened(pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
        """A clause opened by ``pattern`` between ``start`` and ``end`` runs on to ``end`` (no comma between)."""
        if pattern is None or end <= start:
            return False
        opens = list(pattern.finditer(text, start, end))
        return bool(opens) and not _CLAUSE_BREAK.search(text, opens[-1].end(), end)

    def later_clause(self, text: str, clause: tuple[int, int], trigger_start: int, span: DateSpan) -> bool:
        """The predicate's clause is opened by a word of a later time ("before the capital fell") and the day lies
        outside it: that day is the main clause's, which came first."""
        if self.later is None or clause[0] < 0 or clause[0] <= span.start < clause[1]:
            return False
        return self.later.search(text, clause[0], trigger_start) is not None

    def opens_period(self, phrase: str) -> bool:
        """A date phrase that opens a period ("since 27 November")."""
        return self.period is not None and self.period.match(phrase) is not None

    def on_opening_day(self, text: str, period_end: int, trigger_start: int) -> bool:
        """The predicate is in a clause hung on the day a period opens: "since 2 December, when the army left X"."""
        return self.then is not None and period_end <= trigger_start and \
            self.then.match(text, period_end, trigger_start) is not None

    def in_since_clause(self, text: str, trigger_end: int, date_start: int) -> bool:
        """A day named after the predicate sits in a "since ..." clause of its own."""
        return self._opened(self.period, text, trigger_end, date_start)

    def other_clause(self, text: str, span: DateSpan, trigger_start: int, trigger_end: int) -> bool:
        """The day lies outside the predicate's clause: before a relative clause that holds the predicate, or in
        an "after ..." clause that follows it."""
        if span.end <= trigger_start:
            return self.relative is not None and bool(self.relative.search(text, span.end, trigger_start))
        return self._opened(self.time, text, trigger_end, span.start)


_CLAUSE_WORDS: dict[str, _ClauseWords] = {}


def _clause_words(lang: Language | None) -> _ClauseWords:
    """The compiled clause words of a language pack, once per pack."""
    key = lang.code if lang is not None else ""
    if key not in _CLAUSE_WORDS:
        _CLAUSE_WORDS[key] = _ClauseWords(lang)
    return _CLAUSE_WORDS[key]


# Kinds of frame that tell how things stand (not a change): "held since 30 November" holds from that day.
_STANDING_KINDS = frozenset({"hold", "presence", "contest"})


def _opening_day(span: DateSpan, now: date | None, anchor: date | None) -> date | None:
    """The one day a period phrase opens on ("since 30 November", "since Friday"), or None for a vaguer start
    ("since last week")."""
    words = span.text.split(None, 1)
    if len(words) < 2:
        return None
    day = resolve_event_date(words[1], now, context=anchor)
    return day.date if day.kind in ("explicit", "weekday") else None


_SINCE_YEAR = re.compile(r"\bsince\s+((?:19|20)\d\d)\b")
_SINCE_WHEN = re.compile(r"\bsince\s+((?:19|20)\d\d),?\s+when\b")
# ("in 2018", and a named year's campaign: "in the 2019-2020 campaign")
_IN_YEAR = re.compile(r"\bin\s+(?:the\s+)?((?:19|20)\d\d)\b(?!\s*(?:km|people|fighters|troops|soldiers|civilians))")


# "four days after they took X", "two days before the army left X": a count of days from another clause's day
# ("D, the day after A took X": one day, as "a day after", when set off after the day it counts from)
_SHIFT = re.compile(r"\b(?P<n>\d{1,2}|the|" + "|".join(sorted(map(re.escape, SMALL_COUNTS), key=len, reverse=True))
                    + r")\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before)\b", re.I)
_SHIFT_REACH = 80  # characters from "N days after" to the predicate of its clause


def _shifted_day(sentence: str, trigger: int, named: Sequence[DateSpan],
                 story_day: date | None = None) -> tuple[re.Match[str], date] | None:
    """The day of a predicate in a clause opened by "N days (weeks) after/before" ("took X on 6 December, four days
    after they drove A out of Y": Y's day is 2 December), counted from the calendar day the sentence names outside
    that clause. A sentence that names no day at all tells its main clause of ``story_day`` (the day the text is
    at): "the collapse came a week after A took X". None when the predicate is in no such clause or there is no day
    to count from."""
    for m in _SHIFT.finditer(sentence, 0, trigger):
        if trigger - m.end() > _SHIFT_REACH or _CLAUSE_BREAK.search(sentence, m.end(), trigger):
            continue
        if m.group("n").lower() == "the" and not sentence[: m.start()].rstrip().endswith(","):
            continue  # ("on the 9th, the day after X fell"; not "A said the day before that it had taken X")
        stop = _CLAUSE_BREAK.search(sentence, m.end())
        end = stop.start() if stop else len(sentence)
        outside = [d for d in named if d.date is not None and (d.end <= m.start() or d.start >= end)]
        if outside:
            anchor = min(outside, key=lambda d: m.start() - d.end if d.end <= m.start() else d.start - end).date
        else:
            anchor = story_day if not named else None
        if anchor is None:
            return None
        word = m.group("n").lower()
        n = (int(word) if word.isdigit() else SMALL_COUNTS.get(word, 1)) * (7 if m.group("unit").lower().startswith("week") else 1)
        return m, anchor - timedelta(days=n) if m.group("dir").lower() == "after" else anchor + timedelta(days=n)
    return None


def _without_asides(sentence: str, offset: int, frame: Frame) -> str:
    """The sentence with the relative clauses that tell another deed than the frame's blanked (same length): "jets
    struck X, which A had taken on Friday": Friday is the taking's day, not the strike's."""
    return _blank(sentence, offset, [(a, b) for a, b in frame.asides if not a <= frame.start < b])


def _blank(sentence: str, offset: int, spans: Sequence[tuple[int, int]]) -> str:
    """``sentence`` (starting at ``offset`` in its text) with the characters of ``spans`` blanked, same length."""
    for a, b in spans:
        lo, hi = max(a - offset, 0), min(b - offset, len(sentence))
        if lo < hi:
            sentence = sentence[:lo] + " " * (hi - lo) + sentence[hi:]
    return sentence


def _story_now(found: Sequence[DateSpan], offset: int, story: date | None, calendar_days: Sequence[DateSpan],
               lookback: frozenset[str] = frozenset()) -> date | None:
    """The day from which a weekday of a text told in order that looks back on a period is counted, not from the day
    of writing (which falls after every day the text tells): the week after the day the story has reached ("On 27
    November ... by nightfall on that Wednesday ... On Thursday ... On 6 December": the 27th and the 28th), but not
    past the next day the text names after the weekday ("On 1 December ... on Saturday ... On 2 December": a step back
    to 30 November). None when the sentence (at ``offset`` in its text) names no weekday, or no day after it, or the
    text goes back to a day before the story's (news that names its days out of order counts them from the day of
    writing). A weekday the text counts back from its own day ("last Saturday", ``lookback``) is of the week of
    writing: None."""
    weekday = next((d for d in found if d.kind == "weekday" and d.date is not None), None)
    if weekday is None or weekday.text.lower().split()[0] in lookback:
        return None
    later = next((d.date for d in calendar_days if d.start >= offset + weekday.end), None)
    if later is None or story is None:
        return later
    return min(story + timedelta(days=WEEK_DAYS - 1), later) if story <= later else None


def _day_headings(text: str, sentences: Sequence[tuple[int, int]], published: date | None) -> int:
    """How many lines of ``text`` hold a day alone (a calendar day or a weekday, save marks around it), or a day and
    where the entry below it was written ("Friday 6 December, A and B")."""
    count = 0
    for s_start, s_end in sentences:
        if s_end - s_start > TITLED_CHARS or not _whole_line(text, s_start, s_end):
            continue
        sentence = text[s_start:s_end]
        named = [d for d in find_dates(sentence, published) if d.kind in ("explicit", "weekday") and d.date]
        count += bool(named) and ((len(named) == 1 and s_end - s_start <= HEADING_CHARS and _label_alone(sentence, named[0]))
                                  or _day_titled(text, s_start, s_end, named[0]))
    return count


def _heading_weekday(day: DateSpan, section_day: date | None, published: date | None) -> DateSpan:
    """A weekday that heads a section after a section of another day ("Saturday, 23:00 ... Sunday, 01:00"): the
    headings go forward, so it is the first such weekday from the section's day on (counted from the day of writing
    when that would pass it), not the one before the section's day."""
    if day.kind != "weekday" or day.date is None or section_day is None or published is None:
        return day
    ahead = section_day + timedelta(days=(day.date.weekday() - section_day.weekday()) % WEEK_DAYS)
    if ahead > published or ahead == day.date:
        return day
    return replace(day, date=ahead, date_start=ahead, date_end=ahead)


def _blank_unless_at(m: re.Match[str], at: int) -> str:
    """The match kept when it holds offset ``at``, else blanked (same length)."""
    return m.group() if m.start() <= at < m.end() else " " * len(m.group())


def _entry_label(text: str, day: DateSpan) -> bool:
    """The day opens its line as a timeline entry's label, before a dash ("NOV. 28 - A took X, and B, who say they have
    also taken Y, ..."): every clause of the entry is of that day."""
    start, end = day.start, day.end
    return not text[text.rfind("\n", 0, start) + 1 : start].strip() and _ENTRY_LABEL.match(text, end) is not None


def _label_alone(sentence: str, day: DateSpan) -> bool:
    """The sentence is a day and marks around it (a stamp's brackets and clock), or a numbered entry's name and then
    its day ("Statement 4 (Saturday 30 November, 15:30)"): a label for what follows, telling nothing itself."""
    before, after = sentence[: day.start], sentence[day.end :]
    if _LABEL_REST.sub("", after):
        return False
    return not _LABEL_REST.sub("", before) or _NUMBERED_LABEL.fullmatch(_LABEL_REST.sub(" ", before).rstrip() + " ") is not None


def _day_titled(text: str, start: int, end: int, day: DateSpan) -> bool:
    """A short line of its own that opens with a day and goes on, after a comma or a dash, with a few words and no
    closing stop ("Friday 6 December, A and B", "Thursday 5 December, late, X"): a diary's or a log's heading, naming the
    day of the entry below and where it was written."""
    line = text[start:end].rstrip()
    rest = line[day.end :]
    return (len(line) <= TITLED_CHARS and not _LABEL_REST.sub("", line[: day.start]) and line[-1:] not in _STOPS
            and _TITLE_REST.match(rest) is not None and len(rest.split()) <= TITLE_WORDS
            and _whole_line(text, start, start + len(line)))


def _whole_line(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is all its line holds, save marks around it: a heading, not a label before an entry."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return _LINE_MARGIN.fullmatch(text, line_start, start) is not None and \
        _LINE_MARGIN.fullmatch(text, end, line_end) is not None


def _own_clause_year(sentence: str, after: int) -> int | None:
    """A year named with "in" after the predicate and before its clause ends ("signed a deal with the army in 2018",
    "since driving the group out of it in 2016"); "since 2016" opens a period and is no such year."""
    end = _CLAUSE_BREAK.search(sentence, after)
    m = _IN_YEAR.search(sentence, after, end.start() if end else len(sentence))
    return int(m.group(1)) if m else None


def _fronted(before: str, lang: Language | None) -> bool:
    """The words before a day are only a time adverbial's lead ("On", "In the early hours of", a list mark): the day
    opens its sentence (not "State media's claim on D", not a caption's "(as of D)")."""
    words = re.findall(r"[^\W\d_]+", before.lower())
    return (len(words) <= FRONTED_WORDS and not re.search(r"[(\[]", before)
            and lang is not None and all(w in lang.time_lead_words for w in words))


def is_chronology(text: str, published: date | None) -> bool:
    """A text that names three or more calendar days narrates a period, not one day."""
    return len({d.date for d in find_dates(text, published) if d.kind == "explicit"}) >= CHRONOLOGY_DAYS


def date_frames(doc: Document, sentences: Sequence[tuple[int, int]], frames: Sequence[Frame],
                not_before: date | None = None, lang: Language | None = None) -> list[DateSpan]:
    """One :class:`DateSpan` per frame, in the order given (frames in text order).

    ``not_before``: the theater's baseline day. A happening dated before it is history, not an event
    of the theater (the baseline says who held what then): its date is dropped, so it makes nothing.
    """
    text = doc.text
    clauses = _clause_words(lang)
    calendar_days = [d for d in find_dates(text, doc.published) if d.kind == "explicit" and d.date]
    chronology = len({d.date for d in calendar_days}) >= CHRONOLOGY_DAYS
    # a text written a week or more after the last day it names looks back on a period (no weekday counted back from the
    # day of writing is a day it tells): its weekdays are of the story's weeks, not the week it was written in (news
    # names this week's days)
    looking_back = doc.published is not None and bool(calendar_days) and \
        (doc.published - max(d.date for d in calendar_days if d.date is not None)).days >= WEEK_DAYS
    out: list[DateSpan] = []
    para_date: date | None = None
    last_named: date | None = None
    context: date | None = None
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(frames):
        by_sentence.setdefault(f.sentence, []).append(i)
    spans: dict[int, DateSpan] = {}
    prev_end = 0
    label: tuple[int, date | None, int] | None = None  # (end, day) of the last bare date label
    # the day of the section under a heading line that is a day alone ("THURSDAY 28 NOV" in a digest of posts, a
    # diary, a live blog): its entries' "this evening", "on Wednesday" and undated news are of that day, not of
    # the day the whole was published, until the next heading. A text is told by days so only when two or more such
    # headings divide it (one day alone on a line is a dateline, of the whole)
    by_days = _day_headings(text, sentences, doc.published) >= 2
    section_day: date | None = None
    for s_start, s_end in sentences:
        under = label is not None and label[0] == prev_end  # the sentence just before is a day alone
        if _OTHER_HEADING.match(text, s_start):
            section_day = None
        elif by_days and label is not None and under and _whole_line(text, label[2], label[0]):
            section_day = label[1]
        if PARAGRAPH_BREAK.search(text, prev_end, s_start):
            # a new paragraph starts afresh, save the one under a heading that is a day alone ("6 December")
            para_date = context = label[1] if label is not None and under else None
        prev_end = s_end
        now = section_day or doc.published
        sentence = text[s_start:s_end]
        dated_here = False
        # the day a bare date label just before names ("- Nov. 29:", "Dec. 3 -"), for the rest of its line
        label_day = label[1] if label is not None and "\n" not in text[label[0] : s_start] else None
        found = find_dates(sentence, now)  # (the sentence's days, read once for its frames and after them)
        story_now = _story_now(found, s_start, context or para_date or last_named, calendar_days,
                               lang.lookback_words if lang is not None else frozenset()) if looking_back else None
        if story_now is not None:
            now = story_now
            found = find_dates(sentence, now)
        named_here = [d for d in found if d.kind == "explicit" and d.date]
        # (a weekday anchors a count of days too: "took A on Friday, a day after they seized B")
        anchors = [d for d in found if d.kind in ("explicit", "weekday") and d.date]
        # ("the next day, A retook X and captured Y": both of the day after the one told before the sentence, not Y
        # of the day after X's)
        told_before = context
        clause_days: list[date | None] = []  # the days of the sentence's frames dated so far, told in main clauses
        for i in by_sentence.get((s_start, s_end), []):
            f = frames[i]
            # "that day", "the next day" refer to the last day named before them (in their own sentence first)
            told = _without_asides(sentence, s_start, f)
            before = [d.date for d in named_here if d.end <= f.start - s_start]
            anchor = (before[-1] if before else None) or told_before or para_date or (last_named if chronology else None)
            span = resolve_event_date(told, now, sentence_offset=s_start, context=anchor, trigger_start=f.start - s_start)
            last = [d for d in anchors if d.end <= f.start - s_start and told[d.start : d.end].strip()][-1:] \
                if span.kind == "anaphoric" else []
            if last and last[0].kind == "weekday":
                # "fought on Thursday, and X was lost the same evening": a weekday just before is the day referred to
                # (not for a day told from the report's own, "overnight")
                anchor = last[0].date
                span = resolve_event_date(told, now, sentence_offset=s_start, context=anchor, trigger_start=f.start - s_start)
            if span.kind == "anaphoric" and anchor is None and span.date in (None, now) and last_named not in (None, now):
                # "the same day", "the next day" opening a new paragraph: from the day the text named last, not from
                # the day it was written (with which "the next day" has no day at all)
                span = resolve_event_date(told, now, sentence_offset=s_start, context=last_named,
                                          trigger_start=f.start - s_start)
            if span.kind == "explicit" and any(a <= span.start < b for a, b in f.time_phrases):
                # "Following the fall of X on 5 December, A took Y on 6 December": the clause's own day, if it names one
                clause_day = resolve_event_date(_blank(told, s_start, f.time_phrases), now, sentence_offset=s_start,
                                                context=anchor, trigger_start=f.start - s_start)
                span = clause_day if clause_day.kind in ("explicit", "weekday") else span
            shifted = _shifted_day(sentence, f.start - s_start, anchors, anchor or now)
            counted = shifted is not None  # (a day counted to the predicate's own clause: "a day after the fall of X")
            if shifted is not None:
                m, day = shifted
                span = DateSpan(s_start + m.start(), s_start + m.end(), m.group(0), day, day, day, 1, "", "anaphoric")
            told_day = before or [d for d in clause_days if d is not None]
            if span.kind == "daypart" and told_day:
                # "04 Dec, X: the town fell after an overnight assault": a time of day in a sentence that named its
                # calendar day before is of that day; so is one after a clause the sentence dated before it ("entered
                # X on Thursday, and by nightfall ...")
                span = replace(span, date=told_day[-1], date_start=told_day[-1], date_end=told_day[-1])
            if span.kind in ("explicit", "weekday", "anaphoric", "daypart") and clauses.later_clause(text, f.clause, f.start, span):
                span = replace(span, kind="default", date=None)  # "hours before the capital fell, A took X on Saturday"
            opened = None
            t0 = f.start - s_start
            if span.kind == "range" and clauses.opens_period(span.text):
                # (or a happening told in a clause on the period's first day: "since 2 December, when B left X")
                opened = _opening_day(span, now, anchor) if f.kind in _STANDING_KINDS \
                    or clauses.on_opening_day(text, span.end, f.start) else None
                if opened is not None and (not_before is None or opened >= not_before):
                    # "X has been held by A since 30 November": a standing state holds from the day its period opens
                    span = replace(span, kind="explicit", date=opened, date_start=opened, date_end=opened, time_precision=1)
                else:
                    opened = None
                    span = replace(span, kind="default", date=None)  # "since 27 November" opens a period
            elif span.kind != "default" and clauses.in_since_clause(text, f.end, span.start):
                # "strikes continue since the escalation began on 26 November": the day opens the period (and a
                # standing state holds from it: "X, held by A since B pulled out on Monday")
                if f.kind in _STANDING_KINDS and span.kind in ("explicit", "weekday") and span.date is not None and (
                        not_before is None or span.date >= not_before):
                    span = replace(span, kind="explicit", date_start=span.date, date_end=span.date, time_precision=1)
                else:
                    span = replace(span, kind="default", date=None)
            elif span.kind != "default" and f.ongoing and clauses.other_clause(text, span, f.start, f.end) \
                    and not _entry_label(text, span):
                # a present tense whose day belongs to another clause: "On 27 November X, which controls Y,
                # launched ..."; "claim to control Y after launching their offensive on Wednesday"
                span = replace(span, kind="default", date=None)
            # A chronology's undated paragraph continues from the last day the text named before it.
            # (under a day's heading, a day told back from it, "the evening before", is no day the story moved on to)
            story_day = last_named if section_day is None or (last_named is not None and last_named >= section_day) \
                else section_day
            default_day = ((para_date or story_day) if chronology else None) or context or now
            # the year must govern the predicate: before it, or right after it ("seized X in 1516"),
            # not in a later clause ("..., which had ruled since 1971")
            # ("for the first time since 2016": a period opened in another year does not place the happening there)
            # (nor one of a relative clause the frame's asides blank: "X, which the army had entered in 2020, fell
            # back into A's hands")
            # (nor one of a relative clause the predicate is not in: "factions led by rebels who made peace with B in
            # 2018 overran X")
            dated_part = told[: t0 + 60]
            if clauses.wh_clause is not None:
                dated_part = clauses.wh_clause.sub(partial(_blank_unless_at, at=t0), dated_part)
            years = {int(a or b) for a, b in _YEAR.findall(dated_part)} - \
                {int(y) for y in _SINCE_YEAR.findall(dated_part)}
            # ... but "a front line since 2019, when the army retook X": the clause of "when" is of that year
            years |= {int(m.group(1)) for m in _SINCE_WHEN.finditer(sentence, 0, t0) if not _CLAUSE_BREAK.search(
                sentence, m.end(), t0)}
            own_year = _own_clause_year(sentence, f.end - s_start)
            if doc.published is not None and ((span.kind == "default" and years and doc.published.year not in years)
                                              or (own_year is not None and own_year != doc.published.year)):
                # "By late 2018, ... after the army captured X": a sentence anchored in another year is
                # background, not the report's day; with no day we can read, it dates nothing. So is a clause that
                # names its own year ("factions that signed a deal with the army in 2018 took X on Saturday": the
                # deal is history, whatever day the sentence names elsewhere)
                spans[i] = replace(span, date=None, date_start=None, date_end=None, time_precision=3,
                                   warning="the sentence is about another year", kind=BACKGROUND)
                continue
            if f.spanning:
                # "it took B four years to win X back": the deed spans years before the story
                spans[i] = replace(span, date=None, date_start=None, date_end=None, time_precision=3,
                                   warning="told by the years it took: history", kind=BACKGROUND)
                continue
            # "the fall of X on 5 December", "the takeover of X by group A on 9 December": a day inside the noun's
            # own phrase (no clause break before it)
            own = counted or (span.start >= f.start and (span.start - f.end <= 40 or (
                span.start - f.end <= OWN_PHRASE and not _CLAUSE_BREAK.search(text, f.end, span.start))))
            if f.background and not own and doc.published is not None:
                # "after the fall of X": it had happened by the time of writing; its own day is unknown. When the
                # sentence tells the day of what followed ("took X on 2 December after heavy clashes"), it had
                # happened by that day
                by = span.date if span.kind in ("explicit", "weekday") and span.date is not None else None
                by = min(by, doc.published) if by is not None else doc.published
                spans[i] = replace(span, date=by, date_start=None, date_end=by, time_precision=3,
                                   warning="", kind=AS_OF)
                continue
            if span.kind == "default" and label_day is not None:
                # "- Nov. 29: X falls to the rebels": a timeline's entry is of the day its label names (its present
                # tense tells that day's news, not the time of writing)
                span = replace(span, date=label_day, date_start=label_day, date_end=label_day, time_precision=1,
                               warning="")
            elif span.kind == "default" and f.ongoing and now is not None:
                # "clashes continue to be reported in X": going on at the time of writing (of the section's entry),
                # whatever day the paragraph named before
                span = replace(span, date=now, date_start=None, date_end=now, time_precision=2 if now == doc.published
                               else 1, warning="")
            elif span.kind == "default" and default_day is not None:
                span = replace(span, date=default_day, date_start=default_day, date_end=default_day, time_precision=1,
                               warning="")
            spans[i] = span
            if opened is not None:
                continue  # (the day a period opened on is not the day the story has come to)
            if span.kind in ("explicit", "weekday") and not f.relative:
                clause_days.append(span.date)
            if span.date is not None and span.kind != "default" and not f.relative:
                context, dated_here = span.date, True
                if span.kind == "anaphoric" and chronology and (not_before is None or span.date >= not_before):
                    last_named = span.date  # ("On 4 December ... The next day, A withdrew": the story is at the 5th)
        named = [d for d in found if d.kind in ("explicit", "weekday") and d.date]
        if (len(named) == 1 and _label_alone(sentence, named[0]) and (
                _whole_line(text, s_start, s_end) or not _NUMBERED_LABEL.match(sentence))) or (
                named and _day_titled(text, s_start, s_end, named[0])):
            named = [_heading_weekday(named[0], section_day, doc.published)]
            label = (s_end, named[0].date, s_start)
        elif named and _ENTRY_LABEL.match(sentence, named[0].end) and not _LABEL_REST.sub("", sentence[: named[0].start]) \
                and not text[text.rfind("\n", 0, s_start) + 1 : s_start].strip():
            # "30 November – The army withdraws from X. Rebels enter Y.": a timeline's entry opens with its day and a
            # dash; the rest of its line is of that day
            label = (s_end, named[0].date, s_start)
        elif label_day is None:
            label = None
        if named:
            para_date = named[-1].date
            fronted = [d for d in named if _fronted(sentence[: d.start], lang)]
            if fronted and not dated_here:
                # "On 27 November group A launched an offensive. Within hours ...": a day the narrative moves to (a
                # time adverbial that opens the sentence), in a sentence that tells nothing we code, is the day what
                # follows is told of (not a caption's "map as of D")
                context = fronted[-1].date
            if para_date is not None and (not_before is None or para_date >= not_before):
                last_named = para_date
    for i in range(len(frames)):
        span = spans.get(i) or resolve_event_date("", doc.published)
        if not_before is not None and span.date is not None and span.date < not_before:
            span = replace(span, date=None, date_start=None, date_end=None, time_precision=3,
                           warning="before the theater's period: background", kind=BACKGROUND)
        out.append(span)
    return out


def place_day(doc: Document, place: PlaceMention, when: DateSpan, places: Sequence[PlaceMention]) -> DateSpan:
    """The day a list gives one of its places right after it ("captured A on 5 December and B on 7 December": B's
    is 7 December; "... and B on Thursday": that Thursday; "A on 5 December and B a day later": the 6th), within a few
    words and before the next place; else the frame's day (always for a place alone)."""
    if len(places) < 2:
        return when
    later = [p.start for p in places if p.start > place.end]
    window = doc.text[place.end : min([place.end + 45, *later])]
    # ("the fall of A on 29 November and of B a day later": a count of days from the list's day is B's)
    for found in find_dates(window, doc.published, context=when.date):
        gap = window[: found.start]
        # (within the sentence: "... and B fell.\n\n6 December - ..." gives B no day of the next paragraph's label)
        if found.kind not in ("explicit", "weekday", "anaphoric") or found.date is None or any(
                ch in gap for ch in ",;.!?\n") or len(gap.split()) > 5 or (found.kind == "anaphoric" and when.date is None):
            break
        if place.end + found.start == when.start:
            return when  # (the frame's own day: "A and B were taken the following day")
        if found.date == when.date:
            return when
        return replace(when, date=found.date, date_start=found.date, date_end=found.date, kind="explicit",
                       start=place.end + found.start, end=place.end + found.end, text=found.text, time_precision=1,
                       warning="")
    return when
