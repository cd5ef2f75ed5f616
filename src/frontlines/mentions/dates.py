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
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "NO_DATE_WARNING",
    "DateSpan",
    "find_dates",
    "resolve_event_date",
]

#: Warning attached when a date cannot be known: the text gives no year (or is
#: relative) and there is no publication date to anchor it. We never invent one.
NO_DATE_WARNING = "no published date and no year in text: date unknown"
_NO_CONTEXT_WARNING = "no context date: taken relative to the published date"
_INVALID_WARNING = "invalid calendar date"
_WEEKDAY_MISMATCH = "weekday does not match the date"
_LONG_RANGE_WARNING = "range longer than a month: no event date"
_LONGEST_RANGE = 31  # days

# A year-less date more than this far after the anchor is taken to be in the
# previous year (a report of 2 January speaking of "29 December").
_FUTURE_SLACK = timedelta(days=62)


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


# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
# Small counts used in "the past three days" / "two days later".
_SMALL: dict[str, int] = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "few": 3,
    "couple": 2, "a couple of": 2, "a few": 3, "several": 3,
}

# Month and weekday names are matched case-sensitively ((?-i:...)) although the
# master regex is case-insensitive: lower-case "may" and "march" are a modal
# and a verb far more often than months in these reports.
_MON = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?![A-Za-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])\.?)"
)
_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?<![\d/.\-])(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
# The second day of a range follows a dash, so it has no look-behind.
_DAY2 = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DASH = r"\s*(?:-|–|—)\s*"
_SMALLNUM = r"(?:\d{1,3}|a\s+couple\s+of|a\s+few|couple\s+of|few|several|" + "|".join(
    k for k in _SMALL if k not in {"a", "few", "couple", "a couple of", "a few", "several"}
) + r")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"


_ALTS: list[tuple[str, str]] = []


def _alt(name: str, body: str) -> str:
    _ALTS.append((name, body))
    return f"(?P<{name}>{body})"


# Alternatives are tried in this order at a position, so longer and more
# specific forms (ranges, "the day before yesterday") come before the forms
# they contain. Group names carry an alternative prefix because Python needs
# them unique across a pattern.
_ALTERNATIVES: list[str] = [
    # "between 27 and 29 November", "between 27 November and 1 December 2024"
    _alt(
        "rb",
        rf"\bbetween\s+(?P<rb_d1>{_DAY})(?:\s+(?:of\s+)?(?P<rb_m1>{_MON}))?"
        rf"(?:,?\s+(?P<rb_y1>{_YEAR}))?\s+and\s+(?P<rb_d2>{_DAY})\s+(?:of\s+)?"
        rf"(?P<rb_m2>{_MON})(?:,?\s+(?P<rb_y2>{_YEAR}))?",
    ),
    # "from 26 to 28 November", "27-29 November", "29 November – 2 December 2024"
    _alt(
        "rf",
        rf"(?:\bfrom\s+)?(?P<rf_d1>{_DAY})(?:\s+(?:of\s+)?(?P<rf_m1>{_MON}))?"
        rf"(?:,?\s+(?P<rf_y1>{_YEAR}))?(?:{_DASH}|\s+(?:to|until|till|through)\s+)"
        rf"(?P<rf_d2>{_DAY2})\s+(?:of\s+)?(?P<rf_m2>{_MON})(?:,?\s+(?P<rf_y2>{_YEAR}))?",
    ),
    # "27 and 28 November": one shared month, two days
    _alt(
        "ra",
        rf"(?P<ra_d1>{_DAY})\s+and\s+(?P<ra_d2>{_DAY})\s+(?:of\s+)?(?P<ra_m>{_MON})"
        rf"(?:,?\s+(?P<ra_y>{_YEAR}))?",
    ),
    # "November 27-29", "from November 27 to December 1, 2024", "between Nov 27 and 29"
    _alt(
        "rm",
        rf"(?:\b(?:from|(?P<rm_btw>between))\s+)?(?P<rm_m1>{_MON})\s+(?P<rm_d1>{_DAY})"
        rf"(?:,?\s+(?P<rm_y1>{_YEAR}))?(?:{_DASH}|\s+(?:to|until|till|through)\s+|"
        r"(?(rm_btw)\s+and\s+|(?!)))"
        rf"(?:(?P<rm_m2>{_MON})\s+)?(?P<rm_d2>{_DAY2})(?:,?\s+(?P<rm_y2>{_YEAR}))?",
    ),
    # ISO 2024-11-30
    _alt(
        "iso",
        r"(?<![\d\-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>1[0-2]|0?[1-9])-"
        r"(?P<iso_d>3[01]|[12]\d|0?[1-9])(?![\d\-])",
    ),
    # 29/11/2024, 29.11.2024 (day first, as in the region's and ACLED's usage)
    _alt(
        "num",
        r"(?<![\d/.])(?P<num_a>[0-3]?\d)[/.](?P<num_b>[0-3]?\d)[/.]"
        r"(?P<num_y>(?:19|20)\d\d|\d\d)(?![\d/]|\.\d)",  # a full stop after the year may end the sentence
    ),
    # "Thursday, 28 November 2024", "the 28th of November", "30 Nov"
    _alt(
        "dm",
        rf"(?:(?P<dm_wd>{_WD}),?\s+)?(?:the\s+)?(?P<dm_d>{_DAY})\s+(?:of\s+)?"
        rf"(?P<dm_m>{_MON})(?:,?\s+(?P<dm_y>{_YEAR}))?",
    ),
    # "Thursday, November 28, 2024", "Nov. 30", "Dec 1"
    _alt(
        "md",
        rf"(?:(?P<md_wd>{_WD}),?\s+)?(?P<md_m>{_MON})\s+(?P<md_d>{_DAY})"
        rf"(?:,?\s+(?P<md_y>{_YEAR}))?",
    ),
    # "on the 30th" - only when not followed by a name: "the 4th Division"
    # and "the 25th Special Mission Forces" are units, not dates.
    _alt(
        "ord",
        r"\bon\s+the\s+(?P<ord_d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"
        r"(?!\s+(?:of\s+)?[A-Z])(?!\s+(?:division|brigade|regiment|battalion|corps|"
        r"armou?red|mechani[sz]ed|infantry|special|commando|army|legion|squadron))",
    ),
    # "the first week of December"
    _alt(
        "wk",
        rf"\b(?:the\s+)?(?P<wk_n>first|second|third|fourth|last|final)\s+week\s+of\s+"
        rf"(?P<wk_m>{_MON})(?:,?\s+(?P<wk_y>{_YEAR}))?",
    ),
    # "late November", "in November 2024", "the end of November"
    _alt(
        "mo",
        r"(?:\b(?P<mo_pre>in|during|throughout|since|until|by|through)\s+)?"
        r"(?:(?P<mo_mod>early|mid|middle\s+of|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|"
        r"beginning\s+of|the\s+start\s+of|start\s+of|the\s+middle\s+of)[\s\-]+)?"
        rf"(?P<mo_m>{_MON})(?!\s+\d{{1,2}}\b)(?:,?\s+(?P<mo_y>{_YEAR}))?",
    ),
    # "over the last three days", "in the past 48 hours", "the past week"
    _alt(
        "past",
        rf"\b(?:(?:over|in|during|within|for)\s+)?the\s+(?:past|last|previous|preceding)\s+"
        rf"(?:(?P<past_n>{_SMALLNUM})\s+)?(?P<past_u>days|hours|weeks?)\b",
    ),
    _alt("recent", r"\b(?:in|over)\s+recent\s+days\b"),
    # "this week", "earlier this week", "last week", "over the weekend"
    _alt(
        "week",
        r"\b(?P<week_w>(?:earlier|later)\s+this|this|last)\s+"
        r"(?P<week_u>week(?:end)?)\b|\b(?:over|during)\s+the\s+(?P<week_we>weekend)\b",
    ),
    # "since Wednesday", "since yesterday": open ranges ending at publication
    _alt(
        "since",
        rf"\bsince\s+(?:(?P<since_last>last)\s+)?(?:(?P<since_wd>{_WD})|(?P<since_y>yesterday))",
    ),
    _alt("dby", r"\bthe\s+day\s+before\s+yesterday\b"),
    _alt(
        "wd",
        rf"(?:\b(?P<wd_rel>last|this|next|past|previous)\s+)?(?<![Tt]he )(?P<wd_d>{_WD}){_PART}",
    ),
    _alt("yday", r"\b(?:(?:early|late)\s+)?yesterday" + _PART + r"\b"),
    _alt("lnight", r"\blast\s+night\b|\bovernight\b|\bduring\s+the\s+night\b"),
    _alt(
        "today",
        r"\b(?:(?:earlier|later)\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b",
    ),
    # Anaphoric expressions: relative to the previous event (context).
    _alt(
        "same",
        r"\b(?:later\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?:day|night|evening|morning|afternoon)\b|"
        r"\blater\s+that\s+day\b|\bthe\s+same\s+day\b",
    ),
    _alt(
        "next",
        r"\bthe\s+(?:following|next)\s+(?:day|morning|night|evening|afternoon)\b|"
        r"\ba\s+day\s+later\b|\bthe\s+day\s+after\b(?!\s+(?:the|a|an|its|their|his|her)\b)",
    ),
    _alt(
        "prev",
        r"\bthe\s+(?:previous|preceding)\s+(?:day|night|evening|morning)\b|"
        r"\bthe\s+(?:day|night)\s+before\b(?!\s+(?:the|a|an|its|their|his|her)\b)",
    ),
    _alt(
        "ndays",
        rf"\b(?P<nd_n>{_SMALLNUM})\s+days?\s+(?P<nd_dir>later|earlier|ago)\b",
    ),
    # Times of day that do not name a day: the day told before, else the report's own day.
    _alt(
        "dawn",
        r"\b(?:at|before|around|by|after)\s+(?:dawn|daybreak|first\s+light|sunrise|nightfall|dusk|sunset)\b|"
        r"\bin\s+the\s+early\s+hours\b",
    ),
]

# Speed. Trying two dozen alternatives at every word of every sentence costs
# ~150 us a sentence. Instead a cheap scan finds the words an expression can
# start with (_KEY: the words are grouped by first character, and sre rejects a
# group with a single character test), and at each such word only the
# alternatives that can start with its first character are tried (_BY_CHAR).
# The first words of each alternative, "#D" a digit, "#M" a month, "#W" a weekday:
_NUMWORDS = tuple(k for k in _SMALL if " " not in k)
_FIRST_WORDS: dict[str, tuple[str, ...]] = {
    "rb": ("between",),
    "rf": ("from", "#D"),
    "ra": ("#D",),
    "rm": ("from", "between", "#M"),
    "iso": ("#D",),
    "num": ("#D",),
    "dm": ("#W", "the", "#D"),
    "md": ("#W", "#M"),
    "ord": ("on",),
    "wk": ("the", "first", "second", "third", "fourth", "last", "final"),
    "mo": ("in", "during", "throughout", "since", "until", "by", "through", "early", "mid",
           "middle", "late", "the", "end", "beginning", "start", "#M"),
    "past": ("over", "in", "during", "within", "for", "the"),
    "recent": ("in", "over"),
    "week": ("earlier", "later", "this", "last", "over", "during"),
    "since": ("since",),
    "dby": ("the",),
    "wd": ("last", "this", "next", "past", "previous", "#W"),
    "yday": ("early", "late", "yesterday"),
    "lnight": ("last", "overnight", "during"),
    "today": ("earlier", "later", "today", "this", "tonight"),
    "same": ("later", "that", "the"),
    "next": ("the", "a"),
    "prev": ("the",),
    "ndays": ("#D", "couple", *_NUMWORDS),
    "dawn": ("at", "before", "around", "by", "in", "after"),
}
_NAMES = {
    "#M": tuple(k.capitalize() for k in _MONTHS),
    "#W": tuple(k.capitalize() for k in _WEEKDAYS),
}


def _first_chars(word: str) -> str:
    if word == "#D":
        return "0123456789"
    if word in _NAMES:
        return "".join({n[0] for n in _NAMES[word]})
    # Upper case too: sentence-initial "Yesterday", "Between".
    return word[0].lower() + word[0].upper()


def _key_pattern(words: list[str]) -> str:
    """Words as one alternation grouped by first character (case folded on
    the first character only; the rest matched case-insensitively)."""
    groups: dict[str, set[str]] = {}
    for w in words:
        groups.setdefault(w[0].lower(), set()).add(re.escape(w[1:]))
    return "|".join(
        f"[{c}{c.upper()}](?i:{'|'.join(sorted(rest, key=len, reverse=True))})" for c, rest in groups.items()
    )


_KEY = re.compile(
    r"\b(?:\d|"
    + "|".join(sorted({n for names in _NAMES.values() for n in names}, key=len, reverse=True))
    + "|"
    + _key_pattern(sorted({w for ws in _FIRST_WORDS.values() for w in ws if not w.startswith("#")}))
    + ")"
)
_BY_CHAR: dict[str, re.Pattern[str]] = {}
for _c in {c for ws in _FIRST_WORDS.values() for w in ws for c in _first_chars(w)}:
    _BY_CHAR[_c] = re.compile(
        "|".join(f"(?P<{n}>{b})" for n, b in _ALTS if any(_c in _first_chars(w) for w in _FIRST_WORDS[n])),
        re.IGNORECASE,
    )
assert {n for n, _ in _ALTS} == set(_FIRST_WORDS), "every alternative needs its first words"


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Leftmost, non-overlapping date expressions, as ``finditer`` of all the
    alternatives at once would give them."""
    end = 0
    for k in _KEY.finditer(text):
        p = k.start()
        if p < end:
            continue
        alternatives = _BY_CHAR.get(text[p])
        if alternatives is None:  # a digit of another script left untranslated: not a date start
            continue
        m = alternatives.match(text, p)
        if m is not None and m.end() > p:
            end = m.end()
            yield m


# "since 27 November": an open range from the date to publication.
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
# "the night of 29-30 November" is one night: code its first day, precision 1.
_NIGHT_OF_BEFORE = re.compile(r"\bnight\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ORD_SUFFIX = re.compile(r"(?:st|nd|rd|th)$", re.IGNORECASE)

# A date phrase this close after the predicate, with no clause edge between, is the predicate's own.
_OWN_REACH = 60
_CLAUSE_EDGE = re.compile(r"[,;:()\n]")
# a coordinating word right before a day opens the next clause: "captured X and on 6 December took Y"
_NEXT_CLAUSE = re.compile(r"\b(?:and|but|then|while)\s+(?:(?:then|on|by|in|at|early|late|later|from|during|the|that|into)\s+)*$")

# Tiers used by resolve_event_date: lower is preferred. A calendar date beats a
# weekday, which beats anaphora ("the next day") and deixis ("yesterday");
# times of day ("at dawn", "overnight") only date an event when nothing else
# does; ranges and months are the least precise.
_TIER: dict[str, int] = {
    "explicit": 0, "weekday": 1, "anaphoric": 2, "relative": 3,
    "daypart": 4, "range": 5, "month": 6,
}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


# Digits of every script (Arabic-Indic "٣", Devanagari...) are read as digits: they are
# translated to ASCII, one character for one, so offsets stay those of the text.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
# Case-insensitive matching lets "ſ", "ı", "İ" and the Kelvin sign stand for s, i, i, k;
# the words they spell are folded back before they are looked up.
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})
# Relative expressions go at most ~20 years from their anchor ("the past 999 weeks");
# an anchor outside these years would leave Python's calendar, so it is not used.
_ANCHOR_YEARS = range(100, 9900)


def _ascii_digits(text: str) -> str:
    if not _OTHER_DIGIT.search(text):
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(), 0)), text)


def _fold(s: str) -> str:
    return s.translate(_FOLD).lower()


def _usable(d: date | None) -> date | None:
    return d if d is None or d.year in _ANCHOR_YEARS else None


def _day(s: str) -> int:
    return int(_ORD_SUFFIX.sub("", s))


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _small(s: str | None, default: int = 1) -> int:
    if not s:
        return default
    s = " ".join(_fold(s).split())
    if s.isdigit():
        return int(s)
    return _SMALL.get(s, _SMALL.get(s.removeprefix("a ").removesuffix(" of"), default))


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


def _weekday_on_or_before(wd: int, ref: date, strict: bool) -> date:
    delta = (ref.weekday() - wd) % 7
    if strict and delta == 0:
        delta = 7
    return ref - timedelta(days=delta)


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
            # Day first unless that is impossible (US order "11/29/2024").
            dd, mm = (a_, b_) if b_ <= 12 else (b_, a_)
            d = _safe(y, mm, dd)
            span = _day_span(s, e, text, d, "explicit")
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
                if wd_rel == "next":
                    d = published + timedelta(days=(wdn - published.weekday()) % 7 or 7)
                else:
                    d = _weekday_on_or_before(wdn, published, strict=wd_rel in ("last", "past", "previous"))
                span = _day_span(s, e, text, d, "weekday")
        elif kind in ("yday", "lnight"):
            # "last night": the night before the report, coded to the day it began (published - 1);
            # "overnight", "during the night": the night that ends on the report's morning (published).
            rel = kind == "yday" or _fold(m.group()).startswith("last")
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
               and not _NEXT_CLAUSE.search(sentence[trigger_start:sp.start])]  # "took X and on D took Y": Y's day
        # ... or right before it, inside its clause ("..., and early on Sunday the army abandoned X")
        own = own or [sp for sp in spans if sp.end <= trigger_start and trigger_start - sp.end <= _OWN_REACH
                      and not _CLAUSE_EDGE.search(sentence, sp.end, trigger_start)]
        def later_clause(sp: DateSpan) -> bool:
            """The day stands after the predicate, past the start of a clause of its own ("took X, and on D ...")."""
            gap = sentence[trigger_start : sp.start]
            return sp.start > trigger_start and bool(_CLAUSE_EDGE.search(gap) or _NEXT_CLAUSE.search(gap))

        # (of a time of day and a day in the clause, the day: "fell before dawn on December 8")
        best = min(own, key=lambda sp: (sp.kind == "daypart", abs(sp.start - trigger_start))) if own else min(
            spans,
            key=lambda sp: (later_clause(sp), _TIER.get(sp.kind, 9),
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
