"""Nouns and pronouns that refer back to places (and parties), for the clause reader (:class:`frontlines.events.place_roles._PlaceRoles`
builds on it).

"the town", "these villages", "the two towns", "them", "the prison": the places named before that such a word stands
for, within its reach, and never a place a force only headed towards or a place inside the party doing the deed.
"the command" after "the A Operations Command": the party whose name such a noun ends.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from frontlines.events.frames import _DETERMINERS, _VERBAL, Token, _DocIndex, locator_only, near_relation
from frontlines.events.lexicon import Language, pack_words
from frontlines.mentions.place_cues import _cues
from frontlines.models import ActorMention, PlaceMention

#: The labels of clauses below a sentence's main verb: a place named in one is named in passing.
_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "ccomp", "pcomp", "xcomp"})

class _References:
    """The places a referring word of one sentence stands for."""

    lang: Language
    idx: _DocIndex
    span: tuple[int, int]
    _leave_verbs: frozenset[str]
    _named_alone: set[int]

    def _antecedents(self, tok: Token, kind: str, plural: bool, within: int = 600) -> list[PlaceMention]:
        idx = self.idx
        pos = tok.idx
        i = bisect.bisect_left(idx.place_starts, pos)
        # (not a place inside the party that is the subject of the reference's own verb: "fighters arriving from A moved
        # into the towns"; "the pullout from A left the town to B" is A's)
        verb = tok.head if tok.dep_ in ("dobj", "pobj") else tok
        verb = verb.head if verb.dep_ == "prep" else verb
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and (
            c.i in idx.actor_at or c.lower_ in self.lang.military_nouns or c.lemma_.lower() in self.lang.military_nouns)),
            None) if verb.pos_ in _VERBAL else None
        inside = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)) if subject is not None else (0, 0)
        # (but where the party is, "fighters in A expelled the garrison from the city", is the place it acts in)
        earlier = [p for p in idx.places[max(0, i - 40) : i] if pos - p.start <= within
                   and p.kind != "region" and (kind == "any" or p.kind == kind)
                   and not (self.span[0] <= p.start and self._same_phrase(p, tok))
                   and not (inside[0] <= p.start < inside[1] and not self._located_party(p, subject))]
        # a place named only to say where the place just before it lies ("A, 12 km south-west of B ... the town") is
        # not referred to ("the countryside west of B ... the city" is B)
        # (nor a place named as near it in a phrase set off after it: "A, the big base near B. It fell")
        earlier = [p for p in earlier if not any(
            0 < p.start - q.start < 80 and not q.relation and ". " not in idx.text[q.end : p.start]
            and (locator_only(p) or (near_relation(p) and "," in idx.text[q.end : p.start])) for q in earlier)] or earlier
        # a place a force moved away to ("pulled back from A to B, handing the city to C") is not what is referred to
        left = [p for p in earlier if not self._goal_of_leaving(p)]
        if earlier and not left and not plural:
            # (only goals near: "fled towards B ... the city" is the city named before, further back)
            left = [p for p in idx.places[max(0, i - 40) : i] if pos - p.start <= within * 3 and p.kind != "region"
                    and (kind == "any" or p.kind == kind) and not self._goal_of_leaving(p)
                    and not locator_only(p)][-1:]
        earlier = left or earlier
        if not earlier and kind == "facility" and not plural:
            # "the prison", "the dam": the facility named by that noun, however far back ("X prison ... the prison")
            earlier = _named_with(tok, idx.places[:i])[-1:]
        excluded = self.lang.anaphora_excludes.get(tok.lower_)
        if excluded:
            earlier = [p for p in earlier if p.feature not in excluded]  # ("the city" is no village)
        if not earlier:
            return []
        # the place itself, not where the earlier mention placed something near it ("on the outskirts of X ... the city")
        earlier = [replace(p, relation="") if near_relation(p) else p for p in earlier]
        if not plural:
            # "X town and the villages of A and B ... the town": the place the text itself called a town, when the last
            # one named was called something else
            noun = tok.lemma_.lower()
            called = [p for p in earlier if p.start >= self.span[0] and self._class_of(p) == noun]
            if called and self._class_of(earlier[-1]) != noun:
                # ("In X city, A overran the branches of B, who had made peace with C, and B left the city": the place
                # its own sentence called a city, not another named since)
                earlier = called
            elif self._class_of(earlier[-1]) not in ("", noun):
                # (and "the city" after "the A neighbourhood": not a part the text called a part of a place)
                earlier = [p for p in earlier if self._class_of(p) == noun] or (
                    [p for p in earlier if self._class_of(p) not in self.lang.partial]
                    if noun not in self.lang.partial else []) or earlier
            if kind == "facility":
                # ("X dam ... the Y bridge ... the dam": the facility whose name holds the noun, not the last one)
                # (and a site the text named with a noun of no such kind is none: "X University ... the airport")
                typed = _facility_nouns(self.lang)
                earlier = _named_with(tok, earlier) or [p for p in earlier if typed & set(p.mention.lower().split())
                                                        or len(p.mention.split()) == 1]
                if not earlier:
                    return []
            earlier = self._topic_first(earlier)
            self._named_alone.add(earlier[-1].start)
            return [self._own_relation(earlier[-1], tok)]
        # "these villages": the places of the last sentence (or list) that named such places; "the two towns": two
        last = earlier[-1]
        group = [p for p in earlier if p.start >= last.start - 200]
        # ("retook A and several villages, but B recaptured them": the places of its own sentence first)
        # (but a plural noun of places stands for more than one: "struck A after the towns fell" are the towns before)
        own = [p for p in group if p.start >= self.span[0]]
        many = tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "NNPS") and len(group) > len(own) == 1
        group = [p for p in group if p.start < self.span[0]] if many else (own or group)
        # ("the towns of A and B were taken, a day after the fall of C ... the two towns": those the text called towns)
        called = [p for p in group if self._class_of(p) == tok.lemma_.lower()]
        group = called if len(called) >= 2 else group
        count = next((n for c in tok.children if c.dep_ in ("nummod", "det", "predet") and (n := self._count(c))), 0)
        return [self._own_relation(p, tok) for p in (group[-count:] if count else group)]

    def _topic_first(self, earlier: list[PlaceMention]) -> list[PlaceMention]:
        """The candidates, with the subject (or object) of the main verb of the sentence before moved last when the place
        named last in it lies in a clause below that verb ("X happened faster than anyone in Y expected. ... the city": X,
        the sentence's topic, not Y, named in passing; "A had used X to shell Y and Z. The town fell": X): a singular
        reference picks the last."""
        last = earlier[-1]
        if last.start >= self.span[0]:
            return earlier  # (a place of the reference's own sentence comes first)
        head = self._mention_head(last)
        if head is None or not any(a.dep_ in _SUBORDINATE for a in head.ancestors):
            return earlier
        sentence_start = head.sent.start_char
        topic = next((p for p in reversed(earlier) if sentence_start <= p.start < last.start
                      and (h := self._mention_head(p)) is not None and h.dep_ in ("nsubj", "nsubjpass", "dobj") and h.head.dep_ == "ROOT"
                      and h.sent.start_char == sentence_start), None)
        return [p for p in earlier if p is not topic] + [topic] if topic is not None else earlier

    def _located_party(self, place: PlaceMention, subject: Token | None) -> bool:
        """The place says where the party that is the subject stands ("fighters in A"): the mention hangs on the
        subject noun itself through a preposition of area."""
        head = self._mention_head(place)
        return subject is not None and head is not None and head.dep_ == "pobj" and head.head.lower_ in self.lang.area_preps \
            and head.head.head.i == subject.i

    def _own_relation(self, place: PlaceMention, tok: Token) -> PlaceMention:
        """The place a reference stands for, where the reference's own words put it: "west of X ... into the city" is X
        itself, "villages north of the city" lie north of it (the direction of the earlier mention is that mention's)."""
        cues = _cues(self.lang.code)
        before = self.idx.text[max(0, tok.idx - 60) : tok.left_edge.idx] + self.idx.text[tok.left_edge.idx : tok.idx]
        relation = ""
        if (m := cues.distance_before.search(before)) is not None:
            relation = m.group(0).strip()
        elif (m := cues.direction_before.search(before)) is not None:
            relation = f"{m.group('d').lower()} {cues.direction_link}"
        elif (m := cues.near_before.search(before)) is not None:
            relation = m.group("rel").lower()
        if relation == place.relation:
            return place
        return replace(place, relation=relation, anchor_id=place.place_id if relation else "")

    def _head_word(self, tok: Token) -> Token:
        """The last word of the place mention ``tok`` belongs to ("al-Zahraa": "Zahraa"), by which its phrase hangs."""
        place = self.idx.place_at.get(tok.i)
        while place is not None and tok.head.i != tok.i and self.idx.place_at.get(tok.head.i) is place:
            tok = tok.head
        return tok

    def _mention_head(self, place: PlaceMention) -> Token | None:
        """The head word of a mention (see :meth:`_head_word`), None when no token starts where it does."""
        i = bisect.bisect_left(self.idx.starts, place.start)
        if i >= len(self.idx.starts) or self.idx.starts[i] != place.start:
            return None
        return self._head_word(self.idx.sdoc[i])

    def _class_of(self, place: PlaceMention) -> str:
        """The noun of a kind of place the text gives a mention ("X town", "the town of X", "the villages of A, B": the
        lemma "town", "village"), "" when it gives none."""
        tok = self._mention_head(place)
        if tok is None:
            return ""
        while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.i in self.idx.place_at:
            tok = tok.head  # ("the villages of A, B and C": C is one of the villages)
        head = tok.head
        if tok.dep_ in ("compound", "nmod") and head.lemma_.lower() in self.lang.place_class:
            return str(head.lemma_.lower())
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lang.place_class:
            noun = head.head
            # ("the western districts of X", "the districts of X": X is the whole those parts are of, no district)
            if noun.lemma_.lower() in self.lang.partial and (
                    noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "amod" for c in noun.children)):
                return ""
            return str(noun.lemma_.lower())
        return ""

    def _goal_of_leaving(self, place: PlaceMention) -> bool:
        """The place is where a withdrawing force went ("pulled back from A to B": B)."""
        tok = self._mention_head(place)
        if tok is None:
            return False
        if tok.dep_ in ("compound", "nmod", "amod") and (tok.head.lemma_.lower() in self.lang.place_class
                                                       or tok.head.lemma_.lower() in self.lang.partial):
            tok = tok.head  # ("fled towards the A quarter": the quarter's phrase)
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # ("fled X towards A and B": B is a goal too)
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.lang.direction_nouns \
                and tok.head.head.dep_ == "pobj":
            tok = tok.head.head  # "fled in the direction of B": the heading is the goal
            prep = tok.head
            while prep.dep_ == "conj" and prep.head.i != prep.i:
                prep = prep.head  # ("fled towards A or in the direction of B")
            if prep.head.lemma_.lower() in self._leave_verbs:
                return True
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ in self.lang.heading_preps:
            # "withdrew from A, heading west towards B": a heading, whatever verb carries it, save an advance's ("pushed
            # north towards B. ... its fighters entered the town": B is where it went in)
            verb = prep.head
            for _ in range(3):
                if verb.pos_ in _VERBAL or verb.head.i == verb.i:
                    break
                verb = verb.head
            # (an advance: a verb of the language's entries that take their place as a goal, "advanced to X")
            return verb.lemma_.lower() not in _advance_verbs(self.lang)
        if any(c.dep_ == "aux" and c.lower_ in self.lang.goal_preps for c in tok.children):
            prep = tok  # the parser read "to B" as an infinitive: "pulled back from A to B", B a verb
        elif tok.dep_ != "pobj" or prep.lower_ not in self.lang.goal_preps:
            return False
        head = prep.head
        for _ in range(3):  # up past "from A" when the parser hung "to B" on A
            if head.lemma_.lower() in self._leave_verbs:
                return True
            if head.dep_ not in ("pobj", "prep", "dobj") or head.head.i == head.i:  # (or on A, the object: "fled A towards B")
                return False
            head = head.head
        return False

    def _count(self, tok: Token) -> int:
        """The number a numeral token says ("2", "two"), 0 when none."""
        if tok.text.isdigit():
            return int(tok.text)
        return int(self.lang.geoparse_tables.get("number_words", {}).get(tok.lower_, 0))

    def _same_phrase(self, p: PlaceMention, tok: Token) -> bool:
        return tok.i in self.idx.place_at and self.idx.place_at[tok.i] is p

    def _named_by_head(self, tok: Token) -> ActorMention | None:
        """The party named before whose name ``tok``, a common noun with an article, ends ("the A Operations
        Command ... the command")."""
        # (an article, not an owner: "A said its fighters ..." are A's, whatever party's name ends in "fighters")
        if tok.pos_ != "NOUN" or tok.i in self.idx.actor_at or not any(
                c.dep_ == "det" and c.lower_ in _DETERMINERS for c in tok.children):
            return None
        text, word = self.idx.text, tok.lower_
        # (a mention in a dateline the reader blanks, "A STRIKES, Dec 1 -", has no words left in the text read)
        return next((m for m in reversed(self.idx.actors) if m.end <= tok.idx and m.side not in ("", "civilians", "unknown")
                     and (text[m.start : m.end].split() or [""])[-1].lower() == word), None)


def _facility_nouns(lang: Language) -> frozenset[str]:
    """The nouns that refer back to a facility ("the airport", "the base")."""
    return pack_words(lang, "facility-nouns", lambda g: (w for w, k in g.place_anaphora.items() if k == "facility"))


def _advance_verbs(lang: Language) -> frozenset[str]:
    """The verbs of the language's entries that take their place as a goal ("advanced to X")."""
    return pack_words(lang, "advance-verbs", lambda g: (v for f in g.frames if f.kind == "enter" and "prep:to" in f.place
                                                        for v in f.verbs))


def _named_with(tok: Token, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places whose mention holds the word ``tok`` ("Tishreen Dam" for "the dam")."""
    return [p for p in places if tok.lower_ in p.mention.lower().split()]
