"""The date-expression patterns of :mod:`frontlines.mentions.dates`: the words and the master regex.

Month, weekday and small-number words; one regex alternative per form of date expression
("27-29 November", "last Thursday", "the next day"), each named by its group; the cheap
first-word scan that tries only the alternatives a word can start (:func:`_matches`); and
the readers that turn a matched word into a number (day, month, count).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

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
# Small counts used in "the past three days" / "two days later" (public: the event dating counts "three days after").
SMALL_COUNTS: dict[str, int] = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "few": 3,
    "couple": 2, "a couple of": 2, "a few": 3, "several": 3,
}

# Month and weekday names are matched case-sensitively ((?-i:...)) although the
# master regex is case-insensitive: lower-case "may" and "march" are a modal
# and a verb far more often than months in these reports.
# Headings and wire datelines write them in capitals ("THURSDAY 28 NOV"), which no modal or verb is in prose.
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MON = (
    r"(?-i:(?:" + "|".join(_MONTH_NAMES + tuple(n.upper() for n in _MONTH_NAMES)) + r")(?![A-Za-z])"
    r"|(?:" + "|".join(_MONTH_ABBREVIATIONS + tuple(n.upper() for n in _MONTH_ABBREVIATIONS)) + r")(?![A-Za-z])\.?)"
)
_WD = r"(?-i:" + "|".join(_WEEKDAY_NAMES + tuple(n.upper() for n in _WEEKDAY_NAMES)) + ")"
_DAY = r"(?<![\d/.\-])(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
# The second day of a range follows a dash, so it has no look-behind.
_DAY2 = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DASH = r"\s*(?:-|–|—)\s*"
_SMALLNUM = r"(?:\d{1,3}|a\s+couple\s+of|a\s+few|couple\s+of|few|several|" + "|".join(
    k for k in SMALL_COUNTS if k not in {"a", "few", "couple", "a couple of", "a few", "several"}
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
    # a post's stamp with no year, day first: "[29.11 | 08:10]", "29.11, 17:35", "(03/12)" (a number with a point is
    # a date only where a stamp stands: before a clock time, a bar or a closing bracket)
    _alt(
        "stamp",
        r"(?<![\d/.,])(?P<stamp_d>3[01]|[12]\d|0?[1-9])[/.](?P<stamp_m>1[0-2]|0?[1-9])"
        r"(?=\s*(?:[|\])]|,?\s*\d{1,2}:\d\d\b))",
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
    # "on the 30th", "by the 29th", "the evening of the 30th", "Sunday the 8th": a day of the month alone after a
    # preposition or a weekday - only when not followed by a name: "the 4th Division" and "the 25th Special Mission
    # Forces" are units, not dates; nor by a noun it counts ("on the 3rd day", "the 5th anniversary").
    _alt(
        "ord",
        rf"(?:\b(?:on|by|of|since|until|till|before|after|from|to|between|and)\s+(?:{_WD},?\s+)?|\b{_WD},?\s+)"
        r"the\s+(?P<ord_d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"
        r"(?!\s+(?:of\s+)?(?-i:[A-Z]))(?!\s+(?:division|brigade|regiment|battalion|corps|"
        r"armou?red|mechani[sz]ed|infantry|special|commando|army|legion|squadron|day|days|anniversary|century|"
        r"floor|time|times|round|year|week|month|attempt|wave|line|district|place)\b)",
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
        rf"(?P<mo_m>{_MON})(?!\.?\s+\d{{1,2}}\b)(?:,?\s+(?P<mo_y>{_YEAR}))?",
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
        # ("the Wednesday" only of a named week: "the Wednesday of last week")
        rf"(?:\b(?P<wd_rel>last|this|next|past|previous|that)\s+)?"
        rf"(?:(?<![Tt]he )|(?={_WD}{_PART}\s+of\s+(?:last|this|next)\s+week\b))(?P<wd_d>{_WD}){_PART}"
        r"(?:\s+(?:of\s+)?(?P<wd_week>last|this|next)\s+week\b)?",  # "Wednesday (of) last week"
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
        r"\bthe\s+(?:day|night|evening|morning|afternoon)\s+before\b(?!\s+(?:the|a|an|its|their|his|her)\b)|\ba\s+day\s+earlier\b",
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
_NUMWORDS = tuple(k for k in SMALL_COUNTS if " " not in k)
_FIRST_WORDS: dict[str, tuple[str, ...]] = {
    "rb": ("between",),
    "rf": ("from", "#D"),
    "ra": ("#D",),
    "rm": ("from", "between", "#M"),
    "iso": ("#D",),
    "num": ("#D",),
    "stamp": ("#D",),
    "dm": ("#W", "the", "#D"),
    "md": ("#W", "#M"),
    "ord": ("on", "by", "of", "since", "until", "till", "before", "after", "from", "to", "between", "and", "#W"),
    "wk": ("the", "first", "second", "third", "fourth", "last", "final"),
    "mo": ("in", "during", "throughout", "since", "until", "by", "through", "early", "mid",
           "middle", "late", "the", "end", "beginning", "start", "#M"),
    "past": ("over", "in", "during", "within", "for", "the"),
    "recent": ("in", "over"),
    "week": ("earlier", "later", "this", "last", "over", "during"),
    "since": ("since",),
    "dby": ("the",),
    "wd": ("last", "this", "next", "past", "previous", "that", "#W"),
    "yday": ("early", "late", "yesterday"),
    "lnight": ("last", "overnight", "during"),
    "today": ("earlier", "later", "today", "this", "tonight"),
    "same": ("later", "that", "the"),
    "next": ("the", "a"),
    "prev": ("the", "a"),
    "ndays": ("#D", "couple", *_NUMWORDS),
    "dawn": ("at", "before", "around", "by", "in", "after"),
}
_NAMES = {
    "#M": tuple(k.capitalize() for k in _MONTHS) + tuple(k.upper() for k in _MONTHS),
    "#W": tuple(k.capitalize() for k in _WEEKDAYS) + tuple(k.upper() for k in _WEEKDAYS),
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


# ---------------------------------------------------------------------------
# Reading matched words
# ---------------------------------------------------------------------------


# Digits of every script (Arabic-Indic "٣", Devanagari...) are read as digits: they are
# translated to ASCII, one character for one, so offsets stay those of the text.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
# Case-insensitive matching lets "ſ", "ı", "İ" and the Kelvin sign stand for s, i, i, k;
# the words they spell are folded back before they are looked up.
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})


def _ascii_digits(text: str) -> str:
    if not _OTHER_DIGIT.search(text):
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(), 0)), text)


def _fold(s: str) -> str:
    return s.translate(_FOLD).lower()


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
    return SMALL_COUNTS.get(s, SMALL_COUNTS.get(s.removeprefix("a ").removesuffix(" of"), default))
