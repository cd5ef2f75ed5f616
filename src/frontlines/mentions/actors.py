"""The actor dictionary: names -> actors -> sides, and finding actor mentions in text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from frontlines.models import ActorMention


@dataclass(frozen=True, slots=True)
class Side:
    """A party to the conflict as drawn on maps (``government``, ``opposition``...)."""

    id: str
    name: str
    color: str = "#888888"
    cues: tuple[str, ...] = ()  # words naming the side without an actor ("government", "rebel")
    voice: tuple[str, ...] = ()  # words only this side's own media use ("terrorists" for the enemy...)
    label: str = ""  # the actor name for the side when a report names no actor of it ("Government forces")


@dataclass(frozen=True, slots=True)
class Actor:
    """An entry of the actor dictionary."""

    id: str
    name: str
    side: str
    inter: str = ""
    parent: str = ""
    aliases: tuple[str, ...] = ()
    media: bool = False
    state: str = ""  # a foreign state's forces: the state (a lower-case name), an event's party in place of the side


def _is_acronym(alias: str) -> bool:
    # Short all-capital aliases (two or three letters, such as IS) match case-sensitively: "is" is a verb.
    return alias.isupper() and len(alias) <= 5


def _trie(words: Sequence[str]) -> str:
    """A regex matching exactly ``words``, as a trie: at each character the longer continuations are
    tried before the word that ends there, so with a lookahead after it the regex takes the longest
    word that satisfies the lookahead, as the alternation of the words sorted longest first does."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def body(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + body(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + group + ")?"  # greedy: the longer word first, then the one ending here
        return group

    return body(root)


class ActorDictionary:
    """Actors and sides of a theater, with one compiled pattern for all aliases."""

    def __init__(self, sides: Sequence[Side], actors: Sequence[Actor]):
        self.sides = {s.id: s for s in sides}
        self.actors = {a.id: a for a in actors}
        self._by_alias: dict[str, Actor] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                key = alias if _is_acronym(alias) else alias.casefold()
                self._by_alias.setdefault(key, actor)
        words = sorted(self._by_alias, key=len, reverse=True)
        folded = [a for a in words if not _is_acronym(a)]
        acronyms = [a for a in words if _is_acronym(a)]
        parts = []
        # The aliases as a trie (see _trie): the same matches as their alternation, longest first, without
        # trying hundreds of aliases at every word of a long report.
        if folded:
            parts.append(r"(?i:" + _trie(folded) + r")")
        if acronyms:
            parts.append(_trie(acronyms))
        body = "|".join(parts) or r"(?!x)x"
        # "-" before a name is not a boundary we want ("pro-A" is its own alias).
        self._pattern = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w])")
        self._cue_side: dict[str, str] = {}
        for side in sides:
            for cue in side.cues:
                self._cue_side.setdefault(cue.casefold(), side.id)
        self._voices = {
            side.id: re.compile(r"(?<![\w-])(?i:" + "|".join(re.escape(v) for v in side.voice) + r")(?![\w-])")
            for side in sides if side.voice
        }
        cue_words = sorted(self._cue_side, key=len, reverse=True)
        # A cue may head a hyphenated modifier ("rebel-held", "government-controlled"), so a hyphen may follow it.
        self._cues = re.compile(r"(?<![\w-])(?i:" + _trie(cue_words) + r")(?![\w])") if cue_words else None

    def side_of(self, actor_id: str) -> str:
        """The side id of an actor (``unknown`` when not in the dictionary)."""
        actor = self.actors.get(actor_id)
        return actor.side if actor else "unknown"

    def voice_side(self, text: str) -> str:
        """The side whose own vocabulary a text uses most ("" when none or a tie)."""
        counts = sorted(((len(p.findall(text)), side) for side, p in self._voices.items()), reverse=True)
        if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
            return ""
        return counts[0][1]

    def side_label(self, side: str) -> str:
        """The name an event gives a side when the report names no actor of it ("" for no side)."""
        known = self.sides.get(side)
        return (known.label or known.name) if known is not None and side != "unknown" else ""

    def side_of_word(self, word: str) -> str:
        """The side a word names, as an actor alias or a side cue ("" when neither)."""
        actor = self.resolve(word)
        if actor is not None and not actor.media:
            return actor.side
        return self._cue_side.get(word.casefold(), "")

    def resolve(self, name: str) -> Actor | None:
        """The actor an alias names, or ``None``."""
        return self._by_alias.get(name) or self._by_alias.get(name.casefold())

    def find(self, text: str, doc: str = "", offset: int = 0) -> list[ActorMention]:
        """Actor mentions in ``text``, longest alias first, then side cues where no actor is named.

        A side cue ("rebel", "Government artillery") becomes a mention of the side itself,
        with ``actor_id`` ``side:<id>``.
        """
        found = self._find_actors(text, doc, offset)
        found = sorted(found + _shortened(text, found, offset), key=lambda a: a.start)
        if self._cues is not None:
            # The actor matches come from one regex scan: in text order and disjoint, so the one that
            # can overlap a cue is the last starting before the cue ends (a bisection, not a scan).
            starts = [a.start - offset for a in found]
            ends = [a.end - offset for a in found]
            before: tuple[int, str] | None = None  # the end and side of the last cue taken
            for m in self._cues.finditer(text):
                i = bisect.bisect_left(starts, m.end())
                if i > 0 and ends[i - 1] > m.start():
                    continue
                if i > 0 and not found[i - 1].media and ends[i - 1] <= m.start() \
                        and not text[ends[i - 1] : m.start()].strip(" /-"):
                    continue  # "A/B terrorists", "A militias": the word a named party is called by, not another party
                side = self._cue_side[m.group(0).casefold()]
                if before is not None and before[1] != side and not text[before[0] : m.start()].strip(" /-"):
                    continue  # "rebel troops", "opposition soldiers": the cue before names whose they are
                before = (m.end(), side)
                found.append(ActorMention(
                    mention=m.group(0), start=m.start() + offset, end=m.end() + offset, doc=doc,
                    actor_id=f"side:{side}", name=self.side_label(side), side=side,
                ))
            found.sort(key=lambda a: a.start)
        return found

    def _find_actors(self, text: str, doc: str, offset: int) -> list[ActorMention]:
        found = []
        for m in self._pattern.finditer(text):
            actor = self.resolve(m.group(0))
            if actor is None:
                continue
            found.append(ActorMention(
                mention=m.group(0), start=m.start() + offset, end=m.end() + offset, doc=doc,
                actor_id=actor.id, name=actor.name, side=actor.side, inter=actor.inter, media=actor.media,
                state=actor.state,
            ))
        return found


def _shortened(text: str, found: Sequence[ActorMention], offset: int) -> list[ActorMention]:
    """A named party called again by the last words of its name ("group A's X Military Council ... the Military
    Council said"): "the" and two or more of the name's last words, all capitalized, after the full name and outside
    any other mention, are that party."""
    out: list[ActorMention] = []
    taken = [(a.start - offset, a.end - offset) for a in found]
    seen: set[str] = set()
    for a in found:
        words = a.mention.split()
        if a.media or a.actor_id.startswith("side:") or len(words) < 3:
            continue
        for n in range(2, len(words)):
            tail = " ".join(words[-n:])
            if tail in seen or not all(w[:1].isupper() for w in words[-n:]):
                continue
            seen.add(tail)
            for m in re.finditer(r"\b[Tt]he " + re.escape(tail) + r"\b", text[a.end - offset :]):
                start, end = a.end - offset + m.start() + 4, a.end - offset + m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                out.append(replace(a, mention=tail, start=start + offset, end=end + offset))
    return out

