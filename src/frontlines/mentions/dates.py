"""Date expressions in conflict-report sentences, resolved to ACLED-style dates.

``find_dates`` finds every date expression in a text with its character offsets
and resolves it against the report's publication date; ``resolve_event_date``
picks the one expression that dates an event in a sentence. Results carry the
ACLED ``time_precision`` code (event-standards.md, 1.5):

* 1 - the day is known;
* 2 - the event lies in a range of days (a week, "since Wednesday", "27-29
  November"); ``date`` is the middle day, ``date_start``/``date_end`` the
  first and last day;
* 3 - only the month is known; ``date`` is the 15th, or the first/last day for
  "early"/"late" (ACLED: "beginning"/"end" of the month).

Everything is done with a single compiled master regex per call (one C-level
scan of the text) plus constant-time date arithmetic per match, because this
runs on every sentence of every report. The rules are documented in
``docs/rules.md`` ("Dates").

The patterns live in :mod:`frontlines.mentions.date_patterns` and the calendar
arithmetic in :mod:`frontlines.mentions.date_calendar`; this module holds the
``DateSpan`` record and the two functions that resolve expressions to it.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass
from datetime import date, timedelta

from frontlines.mentions.date_calendar import (
    _INVALID_WARNING,
    NO_DATE_WARNING,
    _calendar,
    _infer_year,
    _middle,
    _month_span,
    _pair,
    _safe,
    _usable,
    _weekday_nearest,
    _weekday_on_or_before,
)
from frontlines.mentions.date_patterns import (
    _NIGHT_OF_BEFORE,
    _SINCE_BEFORE,
    _WEEKDAYS,
    _ascii_digits,
    _day,
    _fold,
    _matches,
    _month,
    _small,
)

__all__ = [
    "NO_DATE_WARNING",
    "DateSpan",
    "find_dates",
    "resolve_event_date",
]

_NO_CONTEXT_WARNING = "no context date: taken relative to the published date"
_WEEKDAY_MISMATCH = "weekday does not match the date"
_LONG_RANGE_WARNING = "range longer than a month: no event date"
_LONGEST_RANGE = 31  # days


@dataclass(frozen=True, slots=True)
class DateSpan:
    """One date expression and the date it stands for.

    ``start``/``end`` are character offsets of ``text`` in the string that was
    searched (or in the document, when ``resolve_event_date`` is given a
    ``sentence_offset``); both are -1 for the default date of a sentence
    without a date expression. ``date`` is the ACLED event date (the middle
    day of a range, the coded day of a month); ``date_start``/``date_end`` are
    the first and last day the expression covers. All three are ``None`` when
    the date cannot be known, and ``warning`` then says why. ``kind`` is one of
    explicit, weekday, anaphoric, relative, daypart, range, month, default.
    """

    start: int
    end: int
    text: str
    # _dt.date: a field named "date" would shadow the type inside the class.
    date: _dt.date | None
    date_start: _dt.date | None
    date_end: _dt.date | None
    time_precision: int
    warning: str = ""
    kind: str = ""


# A date phrase this close after the predicate, with no clause edge between, is the predicate's own.
_OWN_REACH = 60
_CLAUSE_EDGE = re.compile(r"[,;:()\n]")
# a day set off by commas between "and" and its predicate ("..., and, by the following day, held Y")
_SET_OFF_AFTER = re.compile(r"\s*,\s*")
_SET_OFF_BEFORE = re.compile(r"\b(?:and|but|then)\s*,\s*(?:\w+\s+){0,2}$")
# a coordinating word right before a day opens the next clause: "captured X and on 6 December took Y"
_NEXT_CLAUSE = re.compile(r"\b(?:and|but|then|while)\s+(?:(?:then|on|by|in|at|early|late|later|from|during|the|that|into)\s+)*$")
# a relative pronoun after the predicate opens a clause of its own: "handed X to the militia that took Y on Sunday"
_RELATIVE_OPEN = re.compile(r"\s(?:that|which|who|whom|whose)\s+(?!day|night|morning|evening|afternoon|week)\w")

# Tiers used by resolve_event_date: lower is preferred. A calendar date beats a
# weekday, which beats anaphora ("the next day") and deixis ("yesterday");
# times of day ("at dawn", "overnight") only date an event when nothing else
# does; ranges and months are the least precise.
_TIER: dict[str, int] = {
    "explicit": 0, "weekday": 1, "anaphoric": 2, "relative": 3,
    "daypart": 4, "range": 5, "month": 6,
}


def _day_span(s: int, e: int, text: str, d: date | None, kind: str,
              if_none: str = _INVALID_WARNING) -> DateSpan:
    """A single-day span; ``if_none`` explains a day that does not exist."""
    return DateSpan(s, e, text[s:e], d, d, d, 1, "" if d is not None else if_none, kind)


def _range(s: int, e: int, text: str, a: date | None, b: date | None, kind: str = "range",
           warning: str = "") -> DateSpan:
    if a is None or b is None:
        return DateSpan(s, e, text[s:e], None, a, b, 2, warning or NO_DATE_WARNING, kind)
    if b < a:
        a, b = b, a
    days = (b - a).days + 1
    if days > _LONGEST_RANGE:
        # "since March 2020": no day can stand for the period.
        return DateSpan(s, e, text[s:e], None, a, b, 3, _LONG_RANGE_WARNING, kind)
    # ACLED precision 2 is "within a week"; a longer range is no better than
    # knowing the month.
    prec = 1 if days == 1 else 2 if days <= 7 else 3
    return DateSpan(s, e, text[s:e], _middle(a, b), a, b, prec, warning, kind)


def _unknown(s: int, e: int, text: str, kind: str, warning: str = NO_DATE_WARNING) -> DateSpan:
    return DateSpan(s, e, text[s:e], None, None, None, 3, warning, kind)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def find_dates(text: str, published: date | None, *, context: date | None = None) -> list[DateSpan]:
    """Every date expression in ``text``, in order, resolved to dates.

    ``published`` anchors relative expressions ("yesterday", "on Thursday")
    and supplies the year of year-less dates. ``context`` (the date of the
    previous event in the report) anchors anaphora ("that night", "the next
    day") and, when ``published`` is missing, the year of year-less dates.
    """
    out: list[DateSpan] = []
    published, context = _usable(published), _usable(context)
    anchor = published or context
    original, text = text, _ascii_digits(text)
    for m in _matches(text):
        kind = m.lastgroup
        s, e = m.span()
        g = m.group
        span: DateSpan | None
        if kind in ("rb", "rf", "rm"):
            p = kind
            d1, d2 = _day(g(p + "_d1")), _day(g(p + "_d2"))
            m2 = _month(g(p + "_m2")) if g(p + "_m2") else None
            m1 = _month(g(p + "_m1")) if g(p + "_m1") else None
            if kind == "rm":
                m2 = m2 or m1
            m1 = m1 or m2
            assert m1 is not None and m2 is not None
            a, b, w = _pair(d1, m1, g(p + "_y1"), d2, m2, g(p + "_y2"), anchor)
            span = _range(s, e, text, a, b, warning=w)
            if (span.date_start is not None and span.date_end is not None
                    and (span.date_end - span.date_start).days == 1
                    and _NIGHT_OF_BEFORE.search(text, max(0, s - 16), s)):
                span = DateSpan(s, e, text[s:e], span.date_start, span.date_start,
                                span.date_end, 1, "", "explicit")
        elif kind == "ra":
            mm = _month(g("ra_m"))
            a, b, w = _pair(_day(g("ra_d1")), mm, None, _day(g("ra_d2")), mm, g("ra_y"), anchor)
            span = _range(s, e, text, a, b, warning=w)
        elif kind == "iso":
            d = _safe(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
            span = _day_span(s, e, text, d, "explicit")
        elif kind == "num":
            a_, b_ = int(g("num_a")), int(g("num_b"))
            y = int(g("num_y"))
            y = y + 2000 if y < 100 else y
            # Day first unless that is impossible (US order "11/29/2024") or, both orders being days, the month-first
            # one is nearer the day the text is read from ("12/09/2024" in a text of 9 December)
            dd, mm = (a_, b_) if b_ <= 12 else (b_, a_)
            d = _safe(y, mm, dd)
            other = _safe(y, a_, b_) if a_ <= 12 and b_ <= 12 and a_ != b_ else None
            if d is not None and other is not None and anchor is not None and abs(other - anchor) < abs(d - anchor):
                d = other
            span = _day_span(s, e, text, d, "explicit")
        elif kind == "stamp":
            d, w = _calendar(int(g("stamp_d")), int(g("stamp_m")), None, anchor)
            span = DateSpan(s, e, text[s:e], d, d, d, 1 if d else 3, w, "explicit")
        elif kind in ("dm", "md"):
            d, w = _calendar(_day(g(kind + "_d")), _month(g(kind + "_m")), g(kind + "_y"), anchor)
            wd = g(kind + "_wd")
            if d is not None and wd and _WEEKDAYS[wd.lower()] != d.weekday():
                w = _WEEKDAY_MISMATCH
            span = (DateSpan(s, e, text[s:e], d, d, d, 1, w, "explicit") if d is not None
                    else DateSpan(s, e, text[s:e], None, None, None,
                                  3 if w == NO_DATE_WARNING else 1, w, "explicit"))
        elif kind == "ord":
            if anchor is None:
                span = _unknown(s, e, text, "explicit")
            else:
                dd = int(g("ord_d"))
                ref = anchor
                d = _safe(ref.year, ref.month, dd)
                if d is None or d > anchor:
                    # "on the 30th" in a report of 2 December: last month.
                    prev = ref.replace(day=1) - timedelta(days=1)
                    d = _safe(prev.year, prev.month, dd)
                span = _day_span(s, e, text, d, "explicit")
        elif kind == "wk":
            mm = _month(g("wk_m"))
            wy = int(g("wk_y")) if g("wk_y") else _infer_year(mm, 15, anchor)
            if wy is None:
                span = _unknown(s, e, text, "range")
            else:
                nth = _fold(g("wk_n"))
                last = calendar.monthrange(wy, mm)[1]
                if nth in ("last", "final"):
                    a, b = date(wy, mm, last - 6), date(wy, mm, last)
                else:
                    k = ("first", "second", "third", "fourth").index(nth)
                    a, b = date(wy, mm, 1 + 7 * k), date(wy, mm, 7 + 7 * k)
                span = _range(s, e, text, a, b)
        elif kind == "mo":
            if not (g("mo_pre") or g("mo_mod") or g("mo_y")):
                continue  # a bare month name is too often part of a name
            if g("mo_pre") and _fold(g("mo_pre")) == "since" and not g("mo_mod"):
                # "since November": from the 1st to publication
                mm = _month(g("mo_m"))
                a0, _, _, w = _month_span(mm, g("mo_y"), "early", anchor)
                span = _range(s, e, text, a0, published, warning=w)
            else:
                d, a, b, w = _month_span(_month(g("mo_m")), g("mo_y"), g("mo_mod"), anchor)
                span = DateSpan(s, e, text[s:e], d, a, b, 3, w, "month")
        elif kind == "past":
            if published is None:
                span = _unknown(s, e, text, "range")
            else:
                n = _small(g("past_n"))
                unit = _fold(g("past_u"))
                if unit.startswith("hour"):
                    back = -(-n // 24)  # the calendar days those hours touch
                elif unit.startswith("week"):
                    back = 7 * n - 1
                else:
                    back = n - 1
                span = _range(s, e, text, published - timedelta(days=back), published)
        elif kind == "recent":
            span = (_range(s, e, text, published - timedelta(days=6), published)
                    if published else _unknown(s, e, text, "range"))
        elif kind == "week":
            if published is None:
                span = _unknown(s, e, text, "range")
            else:
                which = _fold(g("week_w") or "this")
                unit = _fold(g("week_u") or g("week_we"))
                monday = published - timedelta(days=published.weekday())
                if unit == "weekend":
                    sat = _weekday_on_or_before(5, published, strict=False)
                    if which == "last" and published.weekday() >= 5:
                        sat -= timedelta(days=7)
                    a, b = sat, min(sat + timedelta(days=1), published)
                elif which == "last":
                    a, b = monday - timedelta(days=7), monday - timedelta(days=1)
                elif which.startswith("earlier"):
                    a, b = monday, max(monday, published - timedelta(days=1))
                else:
                    a, b = monday, published
                span = _range(s, e, text, a, b)
                # A named week is "sometime during a week" (ACLED precision 2)
                # even when only one of its days has passed.
                span = DateSpan(s, e, text[s:e], span.date, span.date_start, span.date_end,
                                2, span.warning, span.kind)
        elif kind == "since":
            if published is None:
                span = _unknown(s, e, text, "range")
            elif g("since_y"):
                span = _range(s, e, text, published - timedelta(days=1), published)
            else:
                a = _weekday_on_or_before(_WEEKDAYS[g("since_wd").lower()], published,
                                          strict=bool(g("since_last")))
                span = _range(s, e, text, a, published)
        elif kind == "dby":
            span = (_day_span(s, e, text, published - timedelta(days=2), "relative")
                    if published else _unknown(s, e, text, "relative"))
        elif kind == "wd":
            if published is None:
                span = _unknown(s, e, text, "weekday")
            else:
                wdn = _WEEKDAYS[g("wd_d").lower()]
                wd_rel = _fold(g("wd_rel") or "")
                week = {"last": -1, "this": 0, "next": 1}.get(_fold(g("wd_week") or ""))
                if week is not None:
                    # "Wednesday of last week": that weekday of the calendar week before the report's
                    d = published - timedelta(days=published.weekday()) + timedelta(days=7 * week + wdn)
                elif wd_rel == "next":
                    d = published + timedelta(days=(wdn - published.weekday()) % 7 or 7)
                elif wd_rel == "that" and context is not None:
                    # "that Saturday": the weekday of the week the story is in, the one nearest its day
                    d = _weekday_nearest(wdn, context)
                    d = d - timedelta(days=7) if d > published else d  # (never a day after the report's)
                elif not wd_rel and wdn == published.weekday() and context is not None and context < published:
                    # "on Friday" in a report of a Friday whose story is at an earlier day: the Friday nearest the
                    # story's day (today when the story has come to this week's end), not always the day of writing
                    d = min(_weekday_nearest(wdn, context), published)
                else:
                    d = _weekday_on_or_before(wdn, published, strict=wd_rel in ("last", "past", "previous"))
                span = _day_span(s, e, text, d, "weekday")
        elif kind in ("yday", "lnight"):
            # "last night": the night before the report, coded to the day it began (published - 1);
            # "overnight", "during the night": the night that ends on the report's morning (published),
            # unless the story is told of days well before the report: then the night of the day it is on.
            rel = kind == "yday" or _fold(m.group()).startswith("last")
            if not rel and context is not None and published is not None and (published - context).days >= 2:
                span = _day_span(s, e, text, context, "daypart")
            else:
                span = (_day_span(s, e, text, published - timedelta(days=1) if rel else published,
                                  "relative" if rel else "daypart")
                        if published else _unknown(s, e, text, "relative"))
        elif kind == "today":
            span = (_day_span(s, e, text, published, "relative") if published
                    else _unknown(s, e, text, "relative"))
        elif kind == "dawn":
            # "at dawn", "by nightfall": a time of the day the narrative is on, else of the report's own day
            day = context or published
            span = (_day_span(s, e, text, day, "daypart") if day
                    else _unknown(s, e, text, "daypart"))
        elif kind == "ndays" and _fold(g("nd_dir")) == "ago":
            # "two days ago": counted back from the report's day, not from the last day told
            n = _small(g("nd_n"))
            span = (_day_span(s, e, text, published - timedelta(days=n), "relative") if published
                    else _unknown(s, e, text, "relative"))
        else:  # anaphora: same, next, prev, ndays
            shift = 0
            if kind == "next":
                shift = 1
            elif kind == "prev":
                shift = -1
            elif kind == "ndays":
                n = _small(g("nd_n"))
                shift = n if _fold(g("nd_dir")) == "later" else -n
            if context is not None:
                span = _day_span(s, e, text, context + timedelta(days=shift), "anaphoric")
            elif published is not None and shift <= 0:
                span = DateSpan(s, e, text[s:e], published + timedelta(days=shift),
                                published + timedelta(days=shift),
                                published + timedelta(days=shift), 1, _NO_CONTEXT_WARNING, "anaphoric")
            else:
                span = _unknown(s, e, text, "anaphoric",
                                "no context date for an anaphoric expression: date unknown")
        # "since 27 November" / "since Nov 27": open range to publication.
        if (span.kind == "explicit" and span.date is not None
                and _SINCE_BEFORE.search(text, max(0, s - 10), s)):
            ss = _SINCE_BEFORE.search(text, max(0, s - 10), s)
            assert ss is not None
            if published is not None and published >= span.date:
                span = _range(ss.start(), e, text, span.date, published)
            else:
                span = DateSpan(ss.start(), e, text[ss.start():e], None, span.date, None, 2,
                                "open range without a published date: end unknown", "range")
        if text is not original:
            span = dataclasses.replace(span, text=original[span.start:span.end])
        out.append(span)
    return out


_DAY_JOINER = re.compile(r"^\s*(?:and|to|through|until|-|–|—)\s*$", re.I)


def _join_coordinated(spans: list[DateSpan], sentence: str) -> list[DateSpan]:
    """Two calendar days joined by "and" or "to" ("on 30 November and 1 December") are one period."""
    out: list[DateSpan] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "explicit" and sp.kind == "explicit" and prev.date and sp.date \
                and _DAY_JOINER.match(sentence[prev.end : sp.start]):
            out[-1] = _range(prev.start, sp.end, sentence, prev.date, sp.date)
            continue
        out.append(sp)
    return out


def resolve_event_date(sentence: str, published: date | None, *, sentence_offset: int = 0,
                       context: date | None = None, trigger_start: int = -1) -> DateSpan:
    """The date expression that dates the event described in ``sentence``.

    Candidates are ranked: a calendar day, then a weekday, then anaphora
    ("the next day"), then deixis ("yesterday"), then times of day ("at
    dawn"), then ranges, then months; the first of the best rank wins. When
    ``trigger_start`` (offset of the event trigger in the sentence) is given,
    only expressions in the trigger's clause (no ';' in between) compete and
    the one nearest the trigger wins within a rank. With no expression at all
    the event takes the context date, else the publication date (precision 1,
    empty text, offsets -1). Offsets are shifted by ``sentence_offset``.
    """
    spans = _join_coordinated(find_dates(sentence, published, context=context), sentence)
    if spans and trigger_start >= 0:
        same = [
            sp for sp in spans
            if ";" not in sentence[min(sp.end, trigger_start):max(sp.start, trigger_start)]
        ]
        spans = same or spans
        # a day named right after the predicate, in its own clause, is its day, however precise the others
        # ("..., who seized X on Thursday, said they had entered Y overnight": "entered" is overnight's)
        own = [sp for sp in spans if trigger_start <= sp.start <= trigger_start + _OWN_REACH
               and not _CLAUSE_EDGE.search(sentence, trigger_start, sp.start)
               and not _NEXT_CLAUSE.search(sentence[trigger_start:sp.start])  # "took X and on D took Y": Y's day
               and not _RELATIVE_OPEN.search(sentence, trigger_start, sp.start)]
        # ... or right before it, inside its clause ("..., and early on Sunday the army abandoned X")
        own = own or [sp for sp in spans if sp.end <= trigger_start and trigger_start - sp.end <= _OWN_REACH
                      and not _CLAUSE_EDGE.search(sentence, sp.end, trigger_start)]
        # ... or set off by commas right before it, after a coordinating word ("took X on Friday and, by the following
        # day, held Y": the day of the second predicate)
        own = own or [sp for sp in spans if sp.end <= trigger_start and _SET_OFF_AFTER.fullmatch(sentence, sp.end, trigger_start)
                      and _SET_OFF_BEFORE.search(sentence[: sp.start])]
        def later_clause(sp: DateSpan) -> bool:
            """The day stands after the predicate, past the start of a clause of its own ("took X, and on D ...")."""
            gap = sentence[trigger_start : sp.start]
            return sp.start > trigger_start and bool(_CLAUSE_EDGE.search(gap) or _NEXT_CLAUSE.search(gap)
                                                     or _RELATIVE_OPEN.search(gap))

        def earlier_conjunct(sp: DateSpan) -> bool:
            """A later day before the predicate opens the next coordinated clause, the predicate's ("took X on
            Monday, and yesterday, after a night of fighting, A said it had left Y": Y's is yesterday)."""
            return any(sp.end <= o.start and o.end <= trigger_start and _NEXT_CLAUSE.search(sentence, 0, o.start)
                       for o in spans)

        # (of a time of day and a day in the clause, the day: "fell before dawn on December 8")
        best = min(own, key=lambda sp: (sp.kind == "daypart", abs(sp.start - trigger_start))) if own else min(
            spans,
            key=lambda sp: (later_clause(sp), earlier_conjunct(sp), _TIER.get(sp.kind, 9),
                            min(abs(sp.start - trigger_start), abs(sp.end - trigger_start)),
                            sp.start > trigger_start),
        )
        if best.kind == "daypart":
            # "overnight on 6 December": the time of day's own day
            best = next((sp for sp in spans if sp.kind in ("explicit", "range") and 0 <= sp.start - best.end <= 5), best)
        night = [sp for sp in spans if sp.kind == "daypart" and sp.end <= best.start and best.start - sp.end <= 5]
        if night and best.date_start and best.date_end and (best.date_end - best.date_start).days == 1:
            # "overnight on 6-7 December": one night, told of the morning it ended
            best = _day_span(best.start, best.end, sentence, best.date_end, "explicit")
    elif spans:
        best = min(spans, key=lambda sp: (_TIER.get(sp.kind, 9), sp.start))
    else:
        d = context or published
        if d is None:
            return DateSpan(-1, -1, "", None, None, None, 3,
                            "no date in text and no published or context date", "default")
        return DateSpan(-1, -1, "", d, d, d, 1, "", "default")
    if sentence_offset:
        return DateSpan(best.start + sentence_offset, best.end + sentence_offset, best.text,
                        best.date, best.date_start, best.date_end, best.time_precision,
                        best.warning, best.kind)
    return best
