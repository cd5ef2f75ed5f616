"""Lists of places read on the surface, for the geoparser and the clause reader.

Reports name places in lists ("took A, B, C and the village of D"). Two places stand in one list when
only separators lie between them; names the gazetteer lacks stay links of the list: they are skipped,
not breaks.
"""

from __future__ import annotations

import re

_SEP = (
    r"(?:\s+(?:city|town|village|district|countryside|governorate|province|airbase|base|camp))?"
    r"(?:\s*\([^()]{1,40}\)|\))?"
    r"(?:\s*,\s*(?:including\s+|among\s+them\s+)?|\s+and\s+|\s*,\s*and\s+|\s*,?\s*as\s+well\s+as\s+|\s*,?\s*or\s+|\s*/\s*"
    r"|\s*,?\s*(?:together|along)\s+with\s+)"
    r"(?:(?:from|in|into|at|on|near|around|over|including)\s+)?(?:the\s+)?"
    r"(?:(?:western|eastern|northern|southern)\s+)?(?:outskirts\s+of\s+(?:the\s+)?)?"
    r"(?:(?:nearby\s+|neighbouring\s+)?(?:village|town|hamlet|city|villages|towns|hamlets)\s+(?:of|in|around)\s+)?"
)
# A capitalised name the gazetteer does not know, standing in a list: "X".
LIST_NAME = _NAME = re.compile(r"(?:\b(?:al|el|as|ar|ad|at|an|ash)-)?[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|as|ar|ad|at|an)-)?[A-Z][\w'’\-]*)*")
_LIST_GAP = re.compile(rf"(?:{_SEP}X)*{_SEP}", re.I)
_LIST_TAIL = re.compile(rf"{_SEP}(?P<name>{_NAME.pattern})(?=\s*(?:[,.;:)]|\s+and\b|\s+(?:on|in|at|after|before|by|as|from|to|today|yesterday|tonight|overnight|this|last|"
    rf"early|late|without|with)\b|$))")


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
