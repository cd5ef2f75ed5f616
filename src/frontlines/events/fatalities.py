"""Fatality, wounded and captured counts in one sentence, coded the ACLED way.

``parse_casualties`` finds every quantity in a sentence (digits, number words,
vague words such as "dozens"), decides from the words around it whether it
counts the killed, the wounded or the captured, and codes the total following
the ACLED codebook (event-standards.md, 1.4):

* the lowest figure when sources differ or a range is given;
* "dozens" = 12, "hundreds" = 100, "tens" = 10, "scores" = 20 (our rule);
* "several", "many", plural "deaths" without a number = 10 for a significant
  attack in a war zone, else 3;
* "casualties", or anything that does not say whether anyone died = 0;
* injuries and captures are never fatalities.

The work is a handful of compiled-regex scans over the sentence plus
constant-size checks around each quantity found (there are rarely more than
three), so it is cheap enough to run on every sentence. The rules are
documented in ``docs/rules.md`` ("Fatalities").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Casualties", "number_value", "parse_casualties"]


@dataclass(frozen=True, slots=True)
class Casualties:
    """Counts found in one sentence.

    ``fatalities`` is the ACLED coding (0 when none or unclear);
    ``fatalities_text`` the phrase(s) it was read from, joined by "; ".
    ``wounded``/``captured`` are ``None`` when the sentence gives no figure.
    ``start``/``end`` span the fatality phrase(s) in the sentence, -1 if none.
    """

    fatalities: int
    fatalities_text: str
    wounded: int | None
    captured: int | None
    start: int = -1
    end: int = -1


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_MULT: dict[str, int] = {"hundred": 100, "thousand": 1000, "dozen": 12, "score": 20}

# Vague quantities. "scores" = 20 is our rule (a score is twenty; ACLED
# states none); "thousands" follows the same pattern as "hundreds".
_VAGUE_FIXED: dict[str, int] = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens": 10,
    "tens of thousands": 10000, "hundreds of thousands": 100000,
    "a few": 3, "few": 3, "a handful of": 3,
}

# Longest words first so "seventeen" is not read as "seven".
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_W = rf"(?:(?:{_TENS_RE})(?:[\s\-](?:{_UNIT_RE}))?|{_UNIT_RE})\b"
_WORDNUM = (
    rf"half\s+an?\s+dozen|(?:an?|{_W})\s+(?:dozen|score)\b(?!s)|"
    rf"(?:an?|{_W})\s+(?:hundred|thousand)\b(?:\s+(?:and\s+)?{_W})?|{_W}"
)
_VAGUE = (
    r"\b(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|"
    r"tens(?=\s+of\b)|several|many|numerous|multiple|countless|"
    r"an?\s+(?:large\s+|high\s+|great\s+|significant\s+|small\s+|unknown\s+|undetermined\s+)?number\s+of|"
    r"a\s+handful\s+of|a\s+few|few)\b"
)
_MODS = (
    r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|more\s+than|over|upwards\s+of|in\s+excess\s+of|"
    r"up\s+to|as\s+many\s+as|at\s+most|nearly|almost|around|about|approximately|roughly|some|"
    r"an\s+estimated|estimated|close\s+to|another|a\s+further|an\s+additional|additional|other|"
    r"a\s+total\s+of|a\s+reported|reportedly|possibly|perhaps|fewer\s+than|less\s+than"
)
# Singular people: "a civilian", "a 10-year-old child" count as one.
_PERSON_SG = (
    r"civilian|child|boy|girl|woman|man|soldier|fighter|officer|commander|member|person|resident|"
    r"journalist|reporter|photographer|doctor|nurse|paramedic|medic|worker|volunteer|militant|rebel|"
    r"policeman|gunman|conscript|recruit|guard|pilot|leader|general|colonel|brigadier|captain|"
    r"lieutenant|sergeant|cleric|teacher|student|farmer|shepherd|driver|infant|baby|toddler|teenager|"
    r"youth|jihadist|insurgent|combatant|militiaman|serviceman|official|mukhtar|employee|fisherman|"
    r"elder|defector|sniper|detainee|prisoner|father|mother|son|daughter|brother|sister|husband|wife"
)
_PERSON_PL = (
    r"civilians|children|boys|girls|women|men|soldiers|troops|fighters|officers|commanders|members|"
    r"people|persons|residents|journalists|doctors|workers|volunteers|militants|rebels|gunmen|"
    r"conscripts|recruits|guards|pilots|personnel|militiamen|servicemen|jihadists|insurgents|"
    r"combatants|terrorists|mercenaries|elements|operatives|individuals|youths|prisoners|captives|"
    r"POWs|hostages|detainees|others|infants|relatives|family\s+members|villagers|passengers|"
    r"displaced|victims|defenders|attackers|loyalists|cadres|staff|students|pupils|patients|farmers|shepherds|"
    r"teachers|nurses|paramedics|rescuers|medics|reporters|officials|leaders|militia|police|policemen|guardsmen|"
    r"worshippers|shoppers|sons|daughters|brothers|husbands|wives|fathers|mothers|adults|teenagers|minors|"
    r"martyrs|troopers|paratroopers|snipers|fighters"
)
_PERSON = rf"(?:{_PERSON_PL}|{_PERSON_SG})"
# A bare year ("another 2024 strike", "the massacre of 1982, ...") is not a count, unless people follow.
_DIGITS = (
    rf"(?<![\d.,])(?!(?:19|20)\d\d(?!\d|,\d)(?!\s+(?:[\w\-]+\s+)?(?:{_PERSON_PL})\b))"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?!\d|[.,]\d)\+?"
)
_NUM = rf"(?:{_DIGITS}|\b(?:{_WORDNUM}))"
_MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b"
)

_QTY = re.compile(
    # "no one was killed" is not a count.
    # The leading \b lets the engine skip mid-word positions cheaply.
    rf"\b(?<!\bno\s)(?:\b(?P<mod>{_MODS})\s+)?"
    rf"(?:\bbetween\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})"
    rf"|(?P<a>{_NUM})(?:\s*(?:-|–|\bto\b|\bor\b)\s*(?P<b>{_NUM}))?"
    rf"|(?P<vague>{_VAGUE})"
    rf"|\b(?P<one>an?)\b(?=\s+(?:[\w'\-]+\s+){{0,2}}?(?:{_PERSON_SG})\b))"
    # Not a count of people: ages, distances, durations, dates, times.
    rf"(?!\s*[\-–]?\s*(?:years?|year-old|yr|%|per\s*cent|percent|km|kilomet\w*|miles?|metres?|"
    rf"meters?|m|hours?|hrs?|minutes?|days?|weeks?|months?|times|kg|tons?|tonnes|am|pm|a\.m|p\.m|"
    rf"°|sq|square|km²)\b)(?![:/]\d)(?!\s+{_MONTH})(?!\s+of\s+(?:them|whom|those)\b)"
    rf"(?<!\bno\s)(?<!\bno\sone)",
    re.IGNORECASE,
)

# Speed: rather than trying _QTY at every word, a cheap scan finds the words a
# quantity can start with (grouped by first character, so sre rejects most
# positions with one character test) and _QTY is tried only there.
_QTY_FIRST = (
    "at", "no", "more", "over", "upwards", "in", "up", "as", "nearly", "almost", "around", "about",
    "approximately", "roughly", "some", "an", "estimated", "close", "another", "a", "additional",
    "other", "reportedly", "possibly", "perhaps", "fewer", "less", "between", "half", "tens",
    "hundreds", "dozens", "scores", "thousands", "several", "many", "numerous", "multiple",
    "countless", "few", *_UNITS, *_TENS,
)


def _key_pattern(words: tuple[str, ...]) -> str:
    """Words as one alternation grouped by first character (either case)."""
    groups: dict[str, set[str]] = {}
    for w in words:
        groups.setdefault(w[0], set()).add(w[1:])
    return "|".join(
        f"[{c}{c.upper()}](?i:{'|'.join(sorted(rest, key=len, reverse=True))})" for c, rest in sorted(groups.items())
    )


_QKEY = re.compile(rf"\b(?:\d|{_key_pattern(_QTY_FIRST)})")


def _quantities(text: str) -> Iterator[re.Match[str]]:
    """What ``_QTY.finditer`` gives, trying _QTY only where one can start."""
    end = 0
    for k in _QKEY.finditer(text):
        p = k.start()
        if p < end:
            continue
        m = _QTY.match(text, p)
        if m is not None and m.end() > p:
            end = m.end()
            yield m


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------

_DEATH = (
    r"killed|dead(?!\s+of\s+(?:the\s+)?night)|died|die|deaths?|fatalities|bodies|corpses|slain|"
    r"perished|lost\s+their\s+lives|lost\s+(?:his|her)\s+life|executed|martyred|martyrs|massacred|"
    r"fatally\s+(?:wounded|injured|shot)|shot\s+dead|"
    # a communiqué's words for killing the enemy ("30 militants were eliminated", "neutralised 12 terrorists")
    r"eliminated|neutrali[sz]ed"
)
_WOUND = r"wounded|injured|injuries|hurt|wounds|wounding|injuring|maimed"
_CAPT = (
    r"captured|taken\s+prisoners?|taken\s+captive|prisoners?|captives?|POWs?|detained|arrested|"
    r"abducted|kidnapped|surrendered|held\s+captive|taken\s+hostage|hostages"
)
_CASUAL = r"casualties|casualty"
_STOP = (
    rf"were|was|are|is|have|has|had|been|be|being|and|or|but|while|including|who|which|that|"
    rf"when|after|as|because|said|says|say|told|reported|according|claimed|{_UNIT_RE}|{_TENS_RE}|"
    rf"hundreds?|thousands?|dozens?|scores?|{_DEATH}|{_WOUND}|{_CAPT}|{_CASUAL}|kill\w*|wound\w*|injur\w*"
)
# One word of the noun phrase between a number and its verb ("12 [rebel
# fighters] were killed"); it may not be a verb, a role word or a number.
_NPWORD = rf"(?!(?:{_STOP})\b)[A-Za-z][\w'’\-]*"
_AUX = (
    r"were|was|are|is|have|has|had|been|be|being|reportedly|allegedly|also|all|reported|confirmed|"
    r"believed|said|estimated|thought|feared|to|later|subsequently|eventually|now|already|so\s+far|"
    r"in\s+total|each|either|mostly|overall|found|left|got|initially"
)
_COMBINED = rf"(?=\s*,?\s*(?:or|and/or|and)\s+(?:(?:got|were|was|been|seriously|critically)\s+)*(?:{_WOUND})\b)"

# Right of a quantity: "... [noun phrase] (were) killed".
_RIGHT = re.compile(
    # "dozens of [A soldiers and B militiamen] were killed"
    rf"(?P<np>(?:\s+(?:of\s+|(?:and|or)\s+(?={_NPWORD}))?{_NPWORD}){{0,6}}?)\s*,?(?:\s+(?:{_AUX})\b)*\s*"
    rf"(?:(?P<death>{_DEATH})\b(?P<comb>{_COMBINED})?|(?P<wound>{_WOUND})\b|(?P<capt>{_CAPT})\b|"
    rf"(?P<cas>{_CASUAL})\b)",
    re.IGNORECASE,
)
# The noun phrase after a quantity (for captures, and to tell groups apart).
_NP = re.compile(rf"(?:\s+(?:of\s+)?{_NPWORD}){{0,5}}", re.IGNORECASE)
_PERSON_IN = re.compile(rf"\b(?:{_PERSON})\b", re.IGNORECASE)
_THING_IN = re.compile(
    r"\b(?:strikes?|airstrikes?|raids?|shells?|rockets?|missiles?|drones?|vehicles?|tanks?|towns?|"
    r"villages?|buildings?|positions?|sites?|checkpoints?|houses?|homes?|hospitals?|schools?|"
    r"attacks?|incidents?|locations?|areas?|weapons?|aircraft|jets?|helicopters?|bombs?|mines?|"
    r"barrel\s+bombs?|munitions?|depots?|trucks?|cars?|times?)\b",
    re.IGNORECASE,
)

# Left of a quantity (searched in a short window ending at the quantity).
_TOLL_VERBS = (
    # "toll [from the market strike] rose to"
    r"\s+(?:(?:from|in|after|since)\s+(?:[A-Za-z][\w'’\-]*\s+){1,5}?)?(?:(?:has|had|have|now|rose|rising|risen|climbed|climbing|increased|jumped|reached|stands?|stood|"
    r"was|is|hit|to|at|of)\s+){0,3}?(?:to|at|of|reached|hit|is|was)"
)
_CUMUL = r"\s+(?:the\s+)?(?:overall\s+|total\s+|death\s+)*toll\s+(?:[A-Za-z][\w'’\-]*\s+){0,5}?(?:to|at)"
_LEFT_CUES: tuple[tuple[str, str], ...] = (
    # One figure for the dead and the wounded together: unknown deaths.
    ("comb", r"killed\s+(?:or|and)\s+(?:wounded|injured)"),
    ("comb", r"dead\s+(?:or|and)\s+(?:wounded|injured)"),
    ("comb", r"deaths\s+(?:or|and)\s+(?:wounded|injured|injuries)"),
    ("comb", r"casualty\s+toll" + _TOLL_VERBS),
    # A running total ("bringing the toll to 40").
    *(("cumul", w + _CUMUL) for w in ("bringing", "raising", "taking", "pushing", "lifting")),
    # People freed are not captured.
    *(("free", w) for w in ("free(?:d|ing)?", "releas(?:ed|ing)", "swap(?:ped|ping)?", "exchang(?:ed|ing)",
                            "rescu(?:ed|ing)")),
    *(("death", w) for w in (
        "kill(?:ed|ing|s)?", r"killings?\s+of", r"claim(?:ed|ing)\s+the\s+lives\s+of", r"took\s+the\s+lives\s+of",
        r"taking\s+the\s+lives\s+of", r"deaths?\s+of", r"bodies\s+of", r"executions?\s+of", r"massacre\s+of",
        r"murder\s+of", r"remains\s+of", "execut(?:ed|ing)", "massacr(?:ed|ing)", r"death\s+toll" + _TOLL_VERBS,
        "toll" + _TOLL_VERBS, "eliminat(?:ed|ing|es)?", "neutrali[sz](?:ed|ing|es)?",
    )),
    # "the attackers lost up to 50 men", "his unit had lost two men": dead, when the loss is of people
    ("lostp", r"lost(?:\s+(?:up\s+to|about|around|some|nearly|almost|at\s+least))?"),
    *(("wound", w) for w in ("wound(?:ed|ing|s)?", "injur(?:ed|ing|es)", "hurt(?:ing)?", "maim(?:ed|ing)")),
    *(("capt", w) for w in ("captur(?:ed|ing|es?)", "took", "taking", "takes", "detain(?:ed|ing|s)?",
                            "arrest(?:ed|ing|s)?", "seiz(?:ed|ing)", "abduct(?:ed|ing)", "kidnap(?:ped|ping)")),
    # A bare competing figure: "..., while state media said 40".
    *(("fig", w) for w in ("said", "says", r"put\s+(?:it|the\s+(?:toll|figure|number))\s+at",
                           r"gave\s+a\s+(?:toll|figure)\s+of", "claimed", "counted", "documented", "recorded",
                           "reported")),
)


def _grouped(entries: tuple[tuple[str, str], ...]) -> str:
    """(role, fragment) pairs as one alternation grouped by the fragments'
    first letter (matched in either case). Each fragment gets a group named
    ``role_N`` so ``lastgroup`` tells the role."""
    by: dict[str, list[str]] = {}
    for i, (role, frag) in enumerate(entries):
        by.setdefault(frag[0], []).append(f"(?P<{role}_{i}>{frag[1:]})")
    return "|".join(f"[{c}{c.upper()}](?i:{'|'.join(alts)})" for c, alts in sorted(by.items()))


# Left of a quantity: the cue must end just before it ("killing 12").
_LEFT = re.compile(rf"\b(?:{_grouped(_LEFT_CUES)})\s+$")
_LEFT_WINDOW = 50

# Sub-counts ("including four children") are masked out so that they are
# not added to the total and do not separate a number from its verb.
_SUBSET = re.compile(
    r"(?:,\s*|\s*[—–(]\s*|\s+-\s+)?\b(?:including|among\s+them|among\s+whom|of\s+whom|incl\.|"
    r"(?:most|many|all|some|half)\s+of\s+them|mostly|mainly)"
    r"[^,;—–()]*(?:[,—–)]|(?=;)|$)",
    re.IGNORECASE,
)
_SUBSET_HINT = re.compile(r"nclu|mong|whom|of them|ostly|ainly")
_ROLE_WORD = re.compile(rf"\b(?:{_DEATH}|{_WOUND}|{_CAPT})\b", re.IGNORECASE)
# Coordination: "5 soldiers and 3 civilians", "5 soldiers, 3 civilians".
_COORD = re.compile(
    rf"(?:\s+(?:of\s+)?{_NPWORD}){{0,4}}\s*(?:,\s*(?:and\s+)?|\s+(?:and|as\s+well\s+as|plus|along\s+with)\s+)"
    r"(?:(?:her|his|their|its)\s+)?",  # ("a woman and her two children": the next group, of the first's kin)
    re.IGNORECASE,
)
# Where sources may differ: clause breaks, and the attributions inside them.
_SEGMENT = re.compile(r";|,\s*and\b|\b(?:[Ww]hile|[Ww]hereas|[Bb]ut|[Aa]lthough|[Tt]hough|or(?=\s+\d))\b")
_ATTRIB = re.compile(
    r"\b(?:said|says|say|reported|reports|according\s+to|claimed|claims|put|puts|estimated|counted|"
    r"tallied|documented|recorded|cited|citing|told)\b",
    re.IGNORECASE,
)
# Deaths without a count, used only when no counted death was found.
# (First letters are spelled out as classes, not left to re.IGNORECASE, so
# that sre can reject a position with one character test.)
_BARE_SINGULAR = re.compile(
    r"\b(?:[Ww]as|[Hh]as\s+been|[Ii]s)\s+(?:(?!not\b|never\b)\w+\s+){0,2}?"
    r"(?i:killed|shot\s+dead|executed|slain|assassinated)\b"
)
_BARE_PLURAL = re.compile(
    rf"\b(?:[Ww]ere|[Hh]a(?:ve|d)\s+been|[Aa]re)\s+(?:(?!not\b|never\b)\w+\s+){{0,2}}?(?i:killed|slain|executed)\b"
    rf"(?!\s*,?\s*(?i:or|and)\s+(?i:{_WOUND}))"
    rf"|\b[Kk]ill(?:ed|ing)\s+(?:[\w'\-]+\s+){{0,2}}?(?i:{_PERSON_PL})\b"
    rf"|\b(?:[Dd]eaths|[Ff]atalities)\b(?!\s*,?\s*(?i:or|and)\s+(?i:injuries|wounded|injured))"
)
# Every role word above starts with one of these stems: a sentence without
# any of them has nothing to count. Grouped by first character so that sre
# rejects most positions with one character test.
_GATE_STEMS = (
    "kill", "dead", "die", "death", "fatal", "bodies", "corpse", "slain", "perish", "lost", "lives",
    "execut", "martyr", "massacr", "wound", "injur", "hurt", "maim", "captur", "prisoner", "captive",
    "detain", "arrest", "abduct", "kidnap", "surrender", "hostage", "casualt", "toll", "taken", "eliminat", "neutrali",
)
_GATE = re.compile(rf"\b(?:POW|{_key_pattern(_GATE_STEMS)})")
_DEATH_NOUN = re.compile(r"deaths|fatalities", re.IGNORECASE)
_NEG_BEFORE = re.compile(r"\b(?:no|not|nobody|none|never|without|zero)\b|n't\b", re.IGNORECASE)
_GENERIC_HEADS = frozenset({"", "people", "person", "other", "others", "individual", "individuals"})
_WORD_SPLIT = re.compile(r"[\s\-]+")


_RIGHT_ROLES = ("death", "wound", "capt", "cas")


def _which(m: re.Match[str] | None, names: tuple[str, ...]) -> str:
    """The name of the alternative that matched, "" if none."""
    if m is None:
        return ""
    for n in names:
        if m.group(n) is not None:
            return n
    return ""


def _np_after(text: str, pos: int) -> str:
    m = _NP.match(text, pos)
    return m.group() if m else ""


def _victims_len(np_text: str) -> int:
    """Length of the noun phrase up to its last word for people ("5
    [soldiers] in the raid"), 0 if it names none."""
    end = 0
    for m in _PERSON_IN.finditer(np_text):  # a few words at most
        end = m.end()
    return end


def number_value(text: str) -> int | None:
    """The value of a number written in digits or words, else ``None``.

    >>> number_value("1,200"), number_value("twenty-three"), number_value("two dozen")
    (1200, 23, 24)
    """
    t = text.strip().lower().rstrip("+").replace(",", "")
    if t.isdigit():
        return int(t)
    if t.startswith("half"):
        return 6
    total, current, seen = 0, 0, False
    for tok in _WORD_SPLIT.split(t):  # at most a handful of words
        if tok in ("a", "an"):
            current, seen = 1, True
        elif tok == "and":
            continue
        elif tok in _UNITS:
            current, seen = current + _UNITS[tok], True
        elif tok in _TENS:
            current, seen = current + _TENS[tok], True
        elif tok == "thousand":
            total, current, seen = total + max(current, 1) * 1000, 0, True
        elif tok in _MULT:
            current, seen = max(current, 1) * _MULT[tok], True
        else:
            return None
    return total + current if seen else None


@dataclass(slots=True)
class _Q:
    """One quantity in the sentence and what it counts."""

    start: int
    end: int
    value: int
    role: str = ""          # death, wound, capt, cas, comb, cumul, fig, free, ""
    one: bool = False       # "a"/"an" + a person: one
    from_right: bool = False
    p_start: int = -1       # the phrase it was read from
    p_end: int = -1
    head: str = ""


def _qty_value(m: re.Match[str], significant: bool) -> int:
    if m.group("one"):
        return 1
    if m.group("vague"):
        v = " ".join(m.group("vague").lower().split())
        if v in _VAGUE_FIXED:
            return _VAGUE_FIXED[v]
        # several / many / multiple / a number of: ACLED's war-zone rule.
        return 10 if significant else 3
    if m.group("lo"):
        lo, hi = number_value(m.group("lo")), number_value(m.group("hi"))
    else:
        lo, hi = number_value(m.group("a")), number_value(m.group("b") or m.group("a"))
    vals = [v for v in (lo, hi) if v is not None]
    # A range or alternative ("12 to 20", "12 or 15"): the lowest figure.
    return min(vals) if vals else 0


# Ages are no counts: "three children aged three, five and six", "aged between 10 and 14", "ages of 4 and 7".
_AGE_NUMBER = r"(?:\d{1,3}|" + "|".join(sorted((*_UNITS, *_TENS), key=len, reverse=True)) + r")"
_AGES = re.compile(rf"\b(?:aged|ages?\s+of|ages)\s+(?:between\s+)?{_AGE_NUMBER}"
                   rf"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+to\s+|-|–)\s*{_AGE_NUMBER})*", re.IGNORECASE)


# double quote marks around a count or its victims ("killing "dozens"", "killed "hundreds of terrorists""): a speaker's
# words the text quotes, still the toll it tells; the marks are blanked (same length) so the count meets its verb
_QUOTE_MARKS = re.compile(r"[\"“”]")


# "struck a gathering of officers, killing four of them": a count right after its verb, of the people the deed hit,
# is the toll (elsewhere "four of them" counts a share of a toll told before: "killed ten, four of them children")
_COUNT_OF_THEM = re.compile(r"\b(?:kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing))\s+[\w-]+(\s+of\s+them)\b", re.IGNORECASE)


def _mask(sentence: str) -> str:
    sentence = _QUOTE_MARKS.sub(" ", sentence)
    if "of them" in sentence:
        sentence = _COUNT_OF_THEM.sub(lambda m: m.group()[: m.start(1) - m.start()] + " " * len(m.group(1)), sentence)

    def blank(m: re.Match[str]) -> str:
        region = m.group()
        return region if _ROLE_WORD.search(region) else " " * len(region)

    if "age" in sentence.lower():
        sentence = _AGES.sub(lambda m: " " * len(m.group()), sentence)
    return _SUBSET.sub(blank, sentence) if _SUBSET_HINT.search(sentence) else sentence


_NONE = Casualties(0, "", None, None)


def parse_casualties(sentence: str, *, significant: bool = False) -> Casualties:
    """Killed, wounded and captured counts in ``sentence``.

    ``significant`` says the attack is a significant one in a war zone, which
    codes vague words ("several", "many") as 10 instead of 3.
    """
    if _GATE.search(sentence) is None:
        return _NONE  # most sentences name no death, wound or capture
    text = _mask(sentence)
    qs: list[_Q] = []
    for m in _quantities(text):
        if not m.group().strip():
            continue
        q = _Q(m.start(), m.end(), _qty_value(m, significant), one=m.group("one") is not None)
        np_text = _np_after(text, q.end)
        lm = _LEFT.search(text, max(0, q.start - _LEFT_WINDOW), q.start)
        left = lm.lastgroup.rsplit("_", 1)[0] if lm is not None and lm.lastgroup else ""
        if left == "capt" and not (_PERSON_IN.search(np_text) and not _THING_IN.search(np_text)):
            left = ""  # "captured 20 villages" takes no prisoners
        if left == "lostp":
            head = " ".join(np_text.split()[:2])  # ("lost two men to a drone strike": the men are what was lost)
            left = "death" if _PERSON_IN.search(head) and not _THING_IN.search(head) else ""
        if left and left != "fig":
            assert lm is not None
            # The phrase runs on over the victims ("killing 5 soldiers").
            q.role, q.p_start, q.p_end = left, lm.start(), q.end + _victims_len(np_text)
        else:
            rm = _RIGHT.match(text, q.end)
            right = _which(rm, _RIGHT_ROLES)
            if rm is not None and right and not _THING_IN.search(rm.group("np")):
                if right == "death" and rm.group("comb") is not None and not _DEATH_NOUN.match(rm.group("death")):
                    # "12 killed or wounded", "12 killed and wounded": one
                    # figure for both, so it is not known how many died.
                    # "multiple deaths and injuries" does say there were deaths.
                    right = "comb"
                if right == "capt" and rm.group("np").strip() and not _PERSON_IN.search(rm.group("np")):
                    right = ""
                if right:
                    q.role, q.from_right, q.p_start, q.p_end = right, True, q.start, rm.end()
            if not q.role and left == "fig" and not np_text.strip():
                # "..., while state media said 40": a bare competing figure.
                assert lm is not None
                q.role, q.p_start, q.p_end = "fig", lm.start(), q.end
        if q.role in ("death", "fig", "cumul"):
            words = np_text.split()
            q.head = words[-1].lower().rstrip("s") if words else ""
        qs.append(q)

    # Coordinated groups share a role: "killing 5 soldiers and 3 civilians",
    # "5 soldiers and 3 civilians were killed".
    for i in range(1, len(qs)):
        prev, cur = qs[i - 1], qs[i]
        if not cur.role and prev.role in ("death", "wound", "capt") and not prev.from_right \
                and _COORD.fullmatch(text, prev.end, cur.start) \
                and not (cur.one and "and" not in text[prev.end:cur.start]) \
                and not _THING_IN.match(" ".join(_np_after(text, cur.end).split()[:1])):
            # ("lost 50 men and four tanks": the tanks are no victims)
            # ("killing two civilians, a woman and her son": the comma adds
            # an apposition, not a third victim.)
            cur.role, cur.p_start, cur.p_end = prev.role, cur.start, cur.end + _victims_len(_np_after(text, cur.end))
    for i in range(len(qs) - 2, -1, -1):
        cur, nxt = qs[i], qs[i + 1]
        if not cur.role and nxt.role in ("death", "wound", "capt") and nxt.from_right \
                and _COORD.fullmatch(text, cur.end, nxt.start):
            cur.role, cur.from_right, cur.p_start, cur.p_end = nxt.role, True, cur.start, nxt.p_end

    deaths = [q for q in qs if q.role == "death"]
    cumulative = [q for q in qs if q.role == "cumul"]
    figures = [q for q in qs if q.role == "fig"]
    if not deaths and cumulative:
        # "bringing the toll to 40" is a running total; use it only alone.
        deaths = cumulative[:1]

    fatalities = 0
    used: list[_Q] = []
    if deaths:
        fatalities, used = _code_deaths(text, deaths, figures)
    elif not any(q.role == "comb" for q in qs):
        fatalities, used = _bare(text, significant)

    wounded_qs = [q.value for q in qs if q.role == "wound"]
    captured_qs = [q.value for q in qs if q.role == "capt"]
    start, end, phrase = -1, -1, ""
    if used:
        # Coordinated groups share one phrase: merge overlapping spans.
        spans: list[list[int]] = []
        for a, b in sorted((q.p_start, q.p_end) for q in used):
            if spans and a <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], b)
            else:
                spans.append([a, b])
        start, end = spans[0][0], spans[-1][1]
        phrase = "; ".join(sentence[a:b].strip() for a, b in spans)
    return Casualties(
        fatalities=fatalities,
        fatalities_text=phrase,
        wounded=sum(wounded_qs) if wounded_qs else None,
        captured=sum(captured_qs) if captured_qs else None,
        start=start,
        end=end,
    )


def _code_deaths(text: str, deaths: list[_Q], figures: list[_Q]) -> tuple[int, list[_Q]]:
    """Sum separate groups, but take the lowest figure when the counts sit in
    differently attributed clauses about the same victims."""
    bounds = [m.end() for m in _SEGMENT.finditer(text)] if len(deaths) + len(figures) > 1 else []
    if bounds:
        by_seg: dict[int, list[_Q]] = {}
        for q in deaths + figures:
            by_seg.setdefault(bisect_right(bounds, q.start), []).append(q)
        if len(by_seg) >= 2:
            seg_starts = [0, *bounds]
            seg_ends = [*bounds, len(text)]
            attributed = [k for k in by_seg if _ATTRIB.search(text, seg_starts[k], seg_ends[k])]
            heads = {q.head for q in deaths + figures} - _GENERIC_HEADS
            if len(attributed) >= 2 and len(heads) <= 1:
                best = min(by_seg.values(), key=lambda qs: sum(q.value for q in qs))
                return sum(q.value for q in best), best
    return sum(q.value for q in deaths), deaths


def _bare(text: str, significant: bool) -> tuple[int, list[_Q]]:
    """Deaths stated without any count: "was killed" is one, plural deaths
    follow the vague rule (3 or 10); a negation before them means none."""
    for rx, value in ((_BARE_SINGULAR, 1), (_BARE_PLURAL, 10 if significant else 3)):
        m = rx.search(text)
        if m is not None and not _NEG_BEFORE.search(text, max(0, m.start() - 25), m.start() + 12):
            return value, [_Q(m.start(), m.end(), value, "death", p_start=m.start(), p_end=m.end())]
    return 0, []
