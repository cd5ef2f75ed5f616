"""The sources of the certainty cues, built from data, and the first words that find them fast.

A source is partisan (a party or an outlet aligned with one: its statements are claims) or neutral
(an observer: its statements are reports). The language pack lists both kinds as regex fragments in
``[certainty]`` (``partisan_sources``, ``neutral_sources``), tried in order; a ``{name}`` in a
fragment stands for the theater's ``[rules]`` list ``name`` (the parties' names, their nationality
adjectives, their outlets), so that the English grammar ("<adjective> state media", "<party>
sources") lives in the language pack and the names in the theater. A fragment that is exactly
``{name}`` is the theater's list itself, tried at that point. A name the theater does not give
matches nothing.

:func:`first_words` reads a pattern's possible first words off its parse, so that the cheap scan of
:mod:`frontlines.events.certainty` can be built from data rather than from a hand-kept table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from frontlines.errors import TheaterError

__all__ = ["first_words", "key_pattern", "source_alternations"]

_SLOT = re.compile(r"\{([a-z_]+)\}")


def _fill(template: str, rules: Mapping[str, Any]) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        names = rules.get(name, ())
        if isinstance(names, str) or not all(isinstance(n, str) and n for n in names):
            raise TheaterError(f"theater rules: {name} must be a list of phrases (regex fragments)")
        for n in names:
            try:
                re.compile(n, re.IGNORECASE)
            except re.error as exc:
                raise TheaterError(f"theater rules: {name}: {n!r} is not a valid pattern: {exc}") from exc
        return "(?:" + "|".join(names) + ")" if names else "(?!)"

    return _SLOT.sub(one, template)


def source_alternations(partisan: Iterable[str], neutral: Iterable[str], rules: Mapping[str, Any]) -> tuple[str, str]:
    """The partisan and the neutral sources, each one alternation: the language pack's fragments
    (``partisan``, ``neutral``) filled with the theater's lists (``rules``)."""
    out = []
    for kind, templates in (("partisan_sources", partisan), ("neutral_sources", neutral)):
        alts = [_fill(t, rules) for t in templates]
        text = "|".join(alts) if alts else "(?!)"
        try:
            re.compile(text, re.IGNORECASE)
        except re.error as exc:
            raise TheaterError(f"language pack [certainty] {kind}: not a valid pattern: {exc}") from exc
        out.append(text)
    return out[0], out[1]


# ---------------------------------------------------------------------------
# First words
# ---------------------------------------------------------------------------

# Notation of a first word (as the scan reads it): lower-case words match either case of their
# first letter and the rest case-insensitively; a word with an upper-case first letter is matched
# as written (an acronym); a trailing "*" marks a stem (no word boundary after it).
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_DEPTH = 400

_Item = tuple[Any, Any, bool]  # opcode, argument, case-insensitive


def first_words(pattern: str) -> frozenset[str]:
    """Every word a match of ``pattern`` (compiled case-insensitively) can start with, in the
    notation above. A word ends at a space (a whole word) or at a punctuation mark or anything that
    is not a plain letter (a stem up to there); a branch or an optional part gives each of its
    words. Raises ``ValueError`` where a match may start with something other than a word."""
    out: set[str] = set()
    items = [(op, av, True) for op, av in sre_parse.parse(pattern, re.IGNORECASE)]
    _walk(items, "", True, out, 0)
    return frozenset(out)


def _end(prefix: str, exact: bool, out: set[str], stem: bool) -> None:
    if not prefix or not (prefix[0].isalnum()):
        raise ValueError("a match may start with something other than a word")
    if not (prefix[-1].isalnum() or prefix[-1] == "_"):
        stem = True  # "U.N.": no word boundary after a full stop
    out.add((prefix if exact else prefix.lower()) + ("*" if stem else ""))


def _walk(items: list[_Item], prefix: str, exact: bool, out: set[str], depth: int) -> None:
    if depth > _DEPTH:
        raise ValueError("pattern too deep to read its first words")
    if not items:
        _end(prefix, exact, out, stem=False)
        return
    (op, av, ci), rest = items[0], items[1:]
    if op is sre.LITERAL:
        ch = chr(av)
        if ch.isspace():
            _end(prefix, exact, out, stem=False)
        elif ch.isalnum() or ch == "_":
            _walk(rest, prefix + ch, exact and not ci, out, depth + 1)
        else:
            _end(prefix + ch, exact and not ci, out, stem=True)
    elif op is sre.AT:
        _walk(rest, prefix, exact, out, depth + 1)
    elif op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        ci2 = (ci or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        _walk([(o, a, ci2) for o, a in sub] + rest, prefix, exact, out, depth + 1)
    elif op is sre.BRANCH:
        for alt in av[1]:
            _walk([(o, a, ci) for o, a in alt] + rest, prefix, exact, out, depth + 1)
    elif op in _REPEATS:
        lo, hi, sub = av
        again: list[_Item] = []
        if hi is sre.MAXREPEAT or hi > 1:
            again = [(op, (max(lo - 1, 0), hi if hi is sre.MAXREPEAT else hi - 1, sub), ci)]
        if lo == 0:
            _walk(rest, prefix, exact, out, depth + 1)
        _walk([(o, a, ci) for o, a in sub] + again + rest, prefix, exact, out, depth + 1)
    elif op is sre.IN and all(o is sre.LITERAL or (o is sre.CATEGORY and a is sre.CATEGORY_SPACE) for o, a in av):
        for o, a in av:
            if o is sre.LITERAL:
                _walk([(sre.LITERAL, a, ci), *rest], prefix, exact, out, depth + 1)
            else:
                _end(prefix, exact, out, stem=False)
    elif op is sre.ASSERT_NOT and not av[1]:
        return  # (?!): an empty list of names, never matches
    elif op in (sre.ASSERT, sre.ASSERT_NOT):
        _walk(rest, prefix, exact, out, depth + 1)
    else:
        _end(prefix, exact, out, stem=True)


def first_chars(word: str) -> str:
    """The characters a word of the notation can start with."""
    return word[0] if word[0].isupper() else word[0] + word[0].upper()


def _trie(fragments: Iterable[tuple[str, bool]]) -> str:
    """Words (each the rest after its first character, and whether it is a stem) as one regex that
    shares their prefixes ("plan", "plans", "planned": ``plan(?:ned\\b|s\\b|\\b)``), longer words
    first, so that sre tries each character once rather than once per word."""
    root: dict[str, Any] = {}
    for rest, stem in fragments:
        node = root
        for ch in rest:
            node = node.setdefault(ch, {})
        if stem or node.get("") != "*":
            node[""] = "*" if stem else "b"

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        end = node.get("")
        if end == "*":
            alts.append("")  # a stem: anything may follow
        elif end == "b":
            alts.append(r"\b")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def key_pattern(words: Iterable[str]) -> str:
    """Words as one alternation grouped by first character: lower-case words match either case of
    their first letter, the rest case-insensitively; upper-case words (acronyms) match as written."""
    folded: dict[str, set[tuple[str, bool]]] = {}
    exact: dict[str, set[tuple[str, bool]]] = {}
    for w in words:
        stem = w.endswith("*")
        w = w.rstrip("*")
        (exact if w[0].isupper() else folded).setdefault(w[0], set()).add((w[1:], stem))
    parts = [f"[{re.escape(c)}{re.escape(c.upper())}](?i:{_trie(r)})" for c, r in sorted(folded.items())]
    parts += [f"{re.escape(c)}{_trie(r)}" for c, r in sorted(exact.items())]
    return "|".join(parts)
