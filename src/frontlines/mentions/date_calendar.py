"""Calendar arithmetic for :mod:`frontlines.mentions.dates`: a day, a range or a month from its parts.

The year of a year-less date (the anchor's, or the one before), the first and last day of a
range, the days an "early"/"mid"/"late" month covers, the weekday on or before a day, and
the warnings given when a date cannot be known or does not exist.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from frontlines.mentions.date_patterns import _fold

#: Warning attached when a date cannot be known: the text gives no year (or is
#: relative) and there is no publication date to anchor it. We never invent one.
NO_DATE_WARNING = "no published date and no year in text: date unknown"
_INVALID_WARNING = "invalid calendar date"

# A year-less date more than this far after the anchor is taken to be in the
# previous year (a report of 2 January speaking of "29 December").
_FUTURE_SLACK = timedelta(days=62)
# Relative expressions go at most ~20 years from their anchor ("the past 999 weeks");
# an anchor outside these years would leave Python's calendar, so it is not used.
_ANCHOR_YEARS = range(100, 9900)


def _usable(d: date | None) -> date | None:
    return d if d is None or d.year in _ANCHOR_YEARS else None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, anchor: date | None) -> int | None:
    """Year of a year-less day: the anchor's, or the one before if that would
    put the day more than about two months after the anchor."""
    if anchor is None:
        return None
    y = anchor.year
    probe = _safe(y, m, min(d, calendar.monthrange(y, m)[1]))
    if probe is not None and probe > anchor + _FUTURE_SLACK:
        return y - 1
    return y


def _middle(a: date, b: date) -> date:
    # ACLED codes a period to its middle; for an even number of days we take
    # the earlier of the two middle days.
    return a + timedelta(days=(b - a).days // 2)


def _weekday_on_or_before(wd: int, ref: date, strict: bool) -> date:
    delta = (ref.weekday() - wd) % 7
    if strict and delta == 0:
        delta = 7
    return ref - timedelta(days=delta)


def _weekday_nearest(wd: int, ref: date) -> date:
    """The weekday ``wd`` nearest ``ref`` (up to three days before it or after it)."""
    return ref + timedelta(days=(wd - ref.weekday() + 3) % 7 - 3)


def _calendar(d: int, m: int, y: str | None, anchor: date | None) -> tuple[date | None, str]:
    """The date of day ``d`` of month ``m``; year from text, else inferred."""
    year = int(y) if y else _infer_year(m, d, anchor)
    if year is None:
        return None, NO_DATE_WARNING
    out = _safe(year, m, d)
    return (out, "") if out is not None else (None, _INVALID_WARNING)


def _pair(d1: int, m1: int, y1: str | None, d2: int, m2: int, y2: str | None,
          anchor: date | None) -> tuple[date | None, date | None, str]:
    """First and last day of an explicit range; the year of the end governs a
    year-less start, and a start after the end belongs to the year before."""
    if y2:
        year2: int | None = int(y2)
    elif y1:
        year2 = int(y1)
    else:
        year2 = _infer_year(m2, d2, anchor)
    if year2 is None:
        return None, None, NO_DATE_WARNING
    end = _safe(year2, m2, d2)
    year1 = int(y1) if y1 else year2
    start = _safe(year1, m1, d1)
    if start is not None and end is not None and start > end and not y1:
        start = _safe(year1 - 1, m1, d1)
    if start is None or end is None:
        return None, None, _INVALID_WARNING
    return start, end, ""


def _month_span(m: int, y: str | None, mod: str | None, anchor: date | None
                ) -> tuple[date | None, date | None, date | None, str]:
    year = int(y) if y else _infer_year(m, 15, anchor)
    if year is None:
        return None, None, None, NO_DATE_WARNING
    last = calendar.monthrange(year, m)[1]
    first_d, last_d, coded = 1, last, 15
    mod = _fold(mod or "")
    if mod.startswith("early") or "beginning" in mod or "start" in mod:
        first_d, last_d, coded = 1, 10, 1
    elif mod.startswith("late") or "end" in mod:
        first_d, last_d, coded = 21, last, last
    elif mod.startswith("mid") or "middle" in mod:
        first_d, last_d, coded = 11, 20, 15
    return date(year, m, coded), date(year, m, first_d), date(year, m, last_d), ""
