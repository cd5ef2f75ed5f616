"""Candidate place names in a text, and an index over a document's character spans.

:func:`find_spans` finds the longest gazetteer matches over runs of capitalised (or Arabic-script)
words, not overlapping; :class:`Spans` answers overlap, containment and the span holding a
position in O(log n); :class:`Persons` says where people's names are.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from frontlines.mentions.gazetteer import Candidate, Gazetteer, fold_token, is_arabic
from frontlines.mentions.place_cues import _Cues, _cues

_TOKEN = re.compile(r"[^\W_]+(?:['’‘ʿʾ`][^\W_]+)*")
_GAP = re.compile(r"^(?: |-|–| - |\u00a0|-['’‘ʿʾ`])$")  # (an ʿayn after an article's hyphen: "X al-'Y")
_ARTICLE_WORDS = frozenset({"al", "el", "as", "ar", "ad", "at", "az", "an", "ash", "es", "en", "et", "ez"})
_LOWER_INNER = _ARTICLE_WORDS | {"ibn", "bin", "bani", "wa", "of", "de", "la"}
# Words that are part of many names but never a name alone.
_GENERIC = frozenset(["kafr", "tal", "jabal", "ayn", "dayr", "abu", "umm", "bayt", "khirbat", "shaykh", "qalaat", "kubra", "sughra", "kabir", "saghir", "jadida", "qadima", "sharqi", "gharbi", "shamali", "janubi", "tahtani", "fawqani", "wadi", "ras", "suq", "mazraa", "jisr"])


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate name in the text, before resolution."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        start, end = m.start(), m.end()
        word = m.group(0)
        if word[-2:] in ("'s", "’s") and len(word) > 3:
            end -= 2
            word = word[:-2]
        out.append((start, end, word))
    return out


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or is_arabic(word) or (word[:1].isdigit() and any(c.isalpha() for c in word))


def _lookup_key(words: Sequence[str]) -> str:
    folded = [fold_token(w) for w in words]
    folded = [w for w in folded if w]
    kept = [w for i, w in enumerate(folded) if not (w in _ARTICLE_WORDS and i + 1 < len(folded))]
    return " ".join(kept or folded)


# characters before a word that continue a sentence (any other, or none, means the word opens one)
_NOT_OPENING = tuple("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,;-–—")


def find_spans(text: str, gazetteer: Gazetteer, cues: _Cues | None = None) -> list[Span]:
    """Longest gazetteer matches over runs of capitalised words, not overlapping (``cues``: the language's,
    English when not given)."""
    cues = cues or _cues("en")
    toks = _tokens(text)
    spans: list[Span] = []
    max_n = min(gazetteer.max_tokens + 1, 7)
    i = 0
    while i < len(toks):
        start, _end, word = toks[i]
        if word.lower() in cues.stop_start and text[toks[i][1] : toks[i][1] + 1] != "-":
            i += 1  # "In Dar'a" starts with the English word, not a name
            continue
        first_ok = _capitalised(word) or (
            word.lower() in _ARTICLE_WORDS and i + 1 < len(toks) and _capitalised(toks[i + 1][2])
            and text[toks[i][1] : toks[i + 1][0]] == "-"
        )
        if not first_ok:
            i += 1
            continue
        # Extend over tokens joined by a single space or hyphen.
        j = i + 1
        while j < len(toks) and j - i < max_n and _GAP.match(text[toks[j - 1][1] : toks[j][0]]):
            j += 1
        best: Span | None = None
        for k in range(j, i, -1):
            words = [t[2] for t in toks[i:k]]
            last = words[-1]
            # (a number after a name is part of it: "Base 46", "Regiment 121")
            if not (_capitalised(last) or last.lower() in cues.type_words or (last.isdigit() and k > i + 1)):
                continue
            if any(not _capitalised(w) and w.lower() not in _LOWER_INNER and w.lower() not in cues.type_words
                   and w.lower() not in cues.facility_qualifiers and not w.isdigit() for w in words[1:]):
                continue
            if k == i + 1 and fold_token(word) in _ARTICLE_WORDS and text[toks[i][1] : toks[i][1] + 1] == "-":
                continue  # the article of a longer hyphenated name ("Al-" of "Al-X") names nothing alone
            key = _lookup_key(words)
            if not key or not gazetteer.has_key(key) or all(t in _GENERIC for t in key.split()):
                continue
            cands = gazetteer.lookup_key(key)
            if cands and k == i + 1 and cands[0].score < 1.0:
                # One word matched only by its consonants: it must look like a name on its own.
                nxt = toks[k][2] if k < len(toks) and _GAP.match(text[toks[k - 1][1] : toks[k][0]]) else ""
                # (a capital that opens a sentence says nothing of a name: "Bread prices fell" is no place)
                # (unless an apposition classes it as a place: "Qx, a town north of B, ...")
                opening = not text[:start].rstrip(" \t\"'“‘(").endswith(_NOT_OPENING) \
                    and not cues.apposed_class.match(text, toks[k - 1][1])
                if word.isupper() or (nxt and _capitalised(nxt)) or cands[0].score < 0.76 or opening:
                    cands = []
            if cands and word.isupper() and word.isalpha() and len(word) <= 4 and k == i + 1:
                cands = []  # agency and party acronyms: not places
            if cands:
                best = Span(start, toks[k - 1][1], text[start : toks[k - 1][1]], tuple(cands))
                i = k
                break
        if best is None:
            i += 1
        else:
            spans.append(best)
    return spans


def _sentence_bounds(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return 0, 0


class Spans:
    """Character spans of one document, sorted once, asked many times (overlap, containment, the
    sentence of a position) in O(log n) instead of a scan over every span: the cost of a long
    report stays linear. Answers are those of the plain scans they replace."""

    __slots__ = ("_disjoint", "_given", "_reach", "_spans", "_starts")

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self._given = spans
        self._spans = sorted(spans)
        self._starts = [s for s, _e in self._spans]
        reach, far = [], -(1 << 62)
        for _s, e in self._spans:
            far = max(far, e)
            reach.append(far)  # the furthest end among this span and all that start before it
        self._reach = reach
        self._disjoint = all(e0 <= s1 for (_s0, e0), (s1, _e1) in pairwise(self._spans))

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end): ``any(s < end and start < e)``."""
        i = bisect.bisect_left(self._starts, end)  # spans with s < end
        return i > 0 and self._reach[i - 1] > start

    def contains(self, start: int, end: int, *, strictly: bool = False) -> bool:
        """Some span holds [start, end): ``any(s <= start and end <= e)``; ``strictly``: and is longer."""
        i = bisect.bisect_left(self._starts, start)  # spans with s < start
        if i > 0 and self._reach[i - 1] >= end:
            return True  # starts before it and reaches its end: longer as well
        j = bisect.bisect_right(self._starts, start)
        return any(e > end if strictly else e >= end for _s, e in self._spans[i:j])

    def holding(self, pos: int) -> tuple[int, int]:
        """The first span as given with ``s <= pos < e``, (0, 0) when none: by bisection when the spans
        are disjoint (then at most one holds ``pos``), else by the scan."""
        if not self._disjoint:
            return _sentence_bounds(self._given, pos)
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._spans[i][1]:
            return self._spans[i]
        return 0, 0


class Persons(Protocol):
    """Where people's names are: asked of a few spans only, so it may find them lazily."""

    def has_person(self, start: int, end: int, *, strictly: bool = False) -> bool: ...


class _Persons:
    """People's names given as spans."""

    __slots__ = ("spans",)

    def __init__(self, spans: Spans) -> None:
        self.spans = spans

    def has_person(self, start: int, end: int, *, strictly: bool = False) -> bool:
        return self.spans.contains(start, end, strictly=strictly)
