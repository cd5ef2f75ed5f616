"""Phrase helpers shared by the event and statement stages: which places a word governs.

Reports name places in lists ("took Anjara, Hawr, Kafr Basin and the village of Ajil"). A trigger
governs the list that starts a few words after it (or ends a few words before it), without crossing a
clause break. Names the gazetteer lacks stay links of the list: they are skipped, not breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

GAP_BREAK = re.compile(r"[;:.!?]|\b(?:but|while|whereas|when|although)\b")
_SEP = (
    r"(?:\s+(?:city|town|village|district|countryside|governorate|province|airbase|base|camp))?"
    r"(?:\s*\([^()]{1,40}\)|\))?"
    r"(?:\s*,\s*(?:including\s+|among\s+them\s+)?|\s+and\s+|\s*,\s*and\s+|\s*,?\s*as\s+well\s+as\s+|\s*,?\s*or\s+|\s*/\s*"
    r"|\s*,?\s*(?:together|along)\s+with\s+)"
    r"(?:(?:from|in|into|to|at|on|near|around|over|including)\s+)?(?:the\s+)?"
    r"(?:(?:western|eastern|northern|southern)\s+)?(?:outskirts\s+of\s+(?:the\s+)?)?"
    r"(?:(?:nearby\s+|neighbouring\s+)?(?:village|town|hamlet|city|villages|towns|hamlets)\s+(?:of|in|around)\s+)?"
)
# A capitalised name the gazetteer does not know, standing in a list: "X".
LIST_NAME = _NAME = re.compile(r"(?:\b(?:al|el|as|ar|ad|at|an|ash)-)?[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|as|ar|ad|at|an)-)?[A-Z][\w'’\-]*)*")
_LIST_GAP = re.compile(rf"(?:{_SEP}X)*{_SEP}", re.I)
_LIST_TAIL = re.compile(rf"{_SEP}(?P<name>{_NAME.pattern})(?=\s*(?:[,.;:)]|\s+and\b|\s+(?:on|in|at|after|before|by|as|from|to|today|yesterday|tonight|overnight|this|last|"
    rf"early|late|without|with)\b|$))")


def near_gap(gap: str, words: int = 8) -> bool:
    """Few words and no clause break between a trigger and a place."""
    return len(gap.split()) <= words and not GAP_BREAK.search(gap)


def list_gap(gap: str) -> bool:
    """Whether the text between two places joins them in one list."""
    if len(gap) > 120:
        return False
    return bool(_LIST_GAP.fullmatch(_NAME.sub("X", gap)))


def list_tail(text: str, start: int, limit: int = 200) -> list[tuple[int, int]]:
    """Names that continue a list of places after ``start`` ("..., Sheikh Aqil and Basratoun.")."""
    out: list[tuple[int, int]] = []
    pos = start
    while len(out) < 8:
        m = _LIST_TAIL.match(text, pos, min(len(text), start + limit))
        if m is None:
            break
        out.append(m.span("name"))
        pos = m.end()
    return out


def extend_list(sentence: str, ordered: Sequence[tuple[int, int, T]], backwards: bool = False) -> list[T]:
    """The first item (start, end, value) and those joined to it as a list, in the order given."""
    chosen = [ordered[0][2]]
    prev = ordered[0]
    for item in ordered[1:]:
        gap = sentence[item[1] : prev[0]] if backwards else sentence[prev[1] : item[0]]
        if not list_gap(gap):
            break
        chosen.append(item[2])
        prev = item
    return chosen
