"""Place names as GeoNames writes them, made fit for the gazetteer.

The script of a name (Latin, Arabic, mixed), its display form (no diacritics, one apostrophe),
separators turned into spaces, and which alternate names are worth indexing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_APOSTROPHES = "'’‘`ʿʾʼ´′ʻ"
_LEADING_APOSTROPHE = re.compile(r"(^|[\s-])'+")
_CODE_LIKE = re.compile(r"[A-Z]{2,4}")
_SEPARATORS = re.compile(r"[|\t\r\n\u200c\u200e\u200f]+")


@lru_cache(maxsize=4096)
def _char_script(ch: str) -> str:
    """'latin', 'arabic', 'other' or '' (not a letter) for one character."""
    if not ch.isalpha():
        return ""
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _ARABIC_RANGES):
        return "arabic"
    if code < 0x250 or "LATIN" in unicodedata.name(ch, ""):
        return "latin"
    return "other"


def script_of(name: str) -> str:
    """The script of a name's letters: 'latin', 'arabic', 'mixed', 'other' or '' (no letters)."""
    if name.isascii():
        return "latin" if any(c.isalpha() for c in name) else ""
    scripts = set(map(_char_script, set(name)))
    scripts.discard("")
    if len(scripts) > 1:
        return "mixed" if scripts == {"latin", "arabic"} else "other"
    return scripts.pop() if scripts else ""


def clean_name(name: str) -> str:
    """A name with separators (``|``, tabs, direction marks) turned into spaces and spaces collapsed."""
    return " ".join(_SEPARATORS.sub(" ", name).split())


def plain_name(name: str) -> str:
    """Display form of a GeoNames name: no diacritics, one apostrophe, none leading a word."""
    text = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("İ", "I"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    return clean_name(_LEADING_APOSTROPHE.sub(r"\1", text))


def keep_alternate(name: str) -> bool:
    """True for an alternate name worth indexing: Latin or Arabic script, not a code or a lowercase romanisation."""
    script = script_of(name)
    if script == "arabic":
        return len(name.replace(" ", "")) >= 2
    if script != "latin" or any(c.isdigit() for c in name) or _CODE_LIKE.fullmatch(name):
        return False
    # All-lowercase Latin alternates are machine romanisations of other scripts ('alhskt', 'hlb').
    return any(c.isupper() for c in name)


def _add_name(names: list[str], name: str) -> None:
    name = clean_name(name)
    if name and name not in names:
        names.append(name)
