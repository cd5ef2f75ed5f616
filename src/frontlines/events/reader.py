"""The clause reader: frames over spaCy's dependency parse.

For every predicate of the language pack (a verb, a noun, an adjective, a light verb with its noun,
or a control noun under "in"/"under") the reader fills the frame's roles from the dependency tree:
the place affected, the source and goal of a movement, the agent and the loser, with coordination
("seized A, B and C"), participial and coordinated chains ("..., taking A"), relative clauses and the
passive. Roles are places and actors already found by the mention stage; nouns that stand for a place
("the town", "these villages", "it") are resolved to the places they refer back to. A frame whose
required role is empty, or whose agent is not an armed party when the frame needs one, yields
nothing: that is what keeps "took office", "prices fell in X" and "aid trucks entered X" out.

Qualifiers are read on the parse too: negation, modality and plans or beliefs above the predicate
(no assertion), hedges (lower certainty), and verbs of saying (a claim by the speaker's side).
All words come from the language pack (:mod:`frontlines.events.lexicon`); none is written here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from spacy.attrs import LOWER

from frontlines.events.clause import _Sentence
from frontlines.events.frames import (
    _NOMINAL,
    _VERBAL,
    NEAR_RELATIONS,
    NOT_ARMED,
    Frame,
    Token,
    _DocIndex,
    negation_of,
    object_before,
)
from frontlines.events.lexicon import FrameSpec, Language
from frontlines.events.parties import _attack_nouns
from frontlines.mentions.geoparse import Spans
from frontlines.models import ActorMention, Place, PlaceMention

# the kinds of deed whose doer a bare "fighters" in the next sentence carries on ("A took X. Fighters also seized Y")
_OFFENSIVE = frozenset({"capture", "clash", "enter", "attack", "strike", "shelling", "expel", "explosive", "suicide"})

__all__ = ["NEAR_RELATIONS", "NOT_ARMED", "Frame", "Reader"]


#: Characters from a division's name to "the provincial capital" that stands for its seat.
SEAT_REACH = 400


def _head_word(noun: str) -> str:
    """The head word of a noun of several words: the word before "of" ("exchange of fire"), else the last ("gun
    battle")."""
    words = noun.split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


class Reader:
    """Reads the frames of documents in one language; build once, call per document."""

    def __init__(self, language: Language, capital: Place | None = None, seats: Mapping[str, Place] | None = None,
                 units: Iterable[str] = ()):
        """``capital``: the place "the capital" names in this theater's reports (none: a reference back); ``seats``:
        the seat of each first-level division by its name ("the provincial capital" after a division); ``units``: the
        ids of places that are themselves parts of a city (neighbourhoods: "the district of X" is X, whole)."""
        self.lang = language
        self.capital = capital
        self.seats = dict(seats or {})
        self.units = frozenset(units)
        self._by_verb: dict[str, list[FrameSpec]] = {}
        self._by_noun: dict[str, list[FrameSpec]] = {}
        self._by_adj: dict[str, list[FrameSpec]] = {}
        self._by_negated_adj: dict[str, list[FrameSpec]] = {}
        self._by_light: dict[str, list[FrameSpec]] = {}
        self._by_state: dict[str, list[FrameSpec]] = {}
        self._by_modifier: dict[str, list[FrameSpec]] = {}
        for spec in language.frames:
            for m in spec.modifiers:
                self._by_modifier.setdefault(m, []).append(spec)
            for v in spec.verbs:
                self._by_verb.setdefault(v, []).append(spec)
            for n in spec.nouns:
                self._by_noun.setdefault(n.split()[-1], []).append(spec)
            for a in spec.adjectives:
                self._by_adj.setdefault(a, []).append(spec)
            for a in spec.negated_adjectives:
                self._by_negated_adj.setdefault(a, []).append(spec)
            for n in spec.light:
                self._by_light.setdefault(n, []).append(spec)
            for n in spec.state_nouns:
                self._by_state.setdefault(n, []).append(spec)
        # verbs and nouns of fighting or an advance: the heads whose aim ("to retake X") is a fight for X
        self._fight = frozenset(w for f in language.frames if f.kind in ("clash", "enter") for w in (*f.verbs, *f.nouns))
        # words of a battle, and verbs of leaving: a place taken as its holder leaves, with no battle told, changed
        # hands without one
        # words of a battle (not the verbs of a frame that needs a fighting subject: "moved into X" is no battle)
        # (a noun of several words also by its head word: "a brief exchange of fire" is a short battle)
        self._quiet = (frozenset(w for f in language.frames if f.kind == "clash" and not f.subjects
                                 for w in (*f.verbs, *f.nouns, *(_head_word(n) for n in f.nouns if " " in n))),
                       frozenset(w for f in language.frames if f.kind == "withdraw" for w in (*f.verbs, *f.nouns)))
        # verbs of holding or taking: "unclear who controls X" asks about X
        self._control = frozenset(w for f in language.frames if f.kind in ("hold", "capture") for w in f.verbs)
        self._labels = [spec for spec in language.frames if spec.label]
        self._words = (set(self._by_verb) | set(self._by_noun) | set(self._by_adj) | set(self._by_light)
                       | set(self._by_state) | set(self._by_modifier) | set(self._by_negated_adj))

    # ------------------------------------------------------------------ entry point

    def __call__(self, doc_id: str, sdoc: Any, sentences: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                 actors: Sequence[ActorMention], voice: str = "") -> list[Frame]:
        """Frames of one document, in text order (``voice``: the side the document speaks for, whose forces its first
        person names, "" for none)."""
        if self.lang.lemmas:
            # "retook": forms the model's lemmatizer leaves as they are, found by their hashes (no token objects)
            strings = sdoc.vocab.strings
            wanted = {strings.add(form): lemma for form, lemma in self.lang.lemmas.items()}
            for i in np.nonzero(np.isin(sdoc.to_array(LOWER), list(wanted)))[0]:
                tok = sdoc[int(i)]
                tok.lemma_ = wanted[strings[tok.lower_]]
        if self.capital is not None and self.lang.capital_nouns:
            places = [*places, *self._capitals(doc_id, sdoc, places)]
        if self.seats and self.lang.seat_adjectives:
            places = sorted([*places, *self._seats(doc_id, sdoc, places)], key=lambda p: p.start)
        idx = _DocIndex(sdoc, places, [a for a in actors if not a.media], units=self.units)
        starts, text = idx.starts, idx.text
        media = _DocIndex(sdoc, (), [a for a in actors if a.media], starts, text).actor_at
        frames: list[Frame] = []
        last_actor: ActorMention | None = None
        last_attacker: ActorMention | None = None
        recent: list[dict[str, ActorMention | None]] = []  # the armed nouns of the last two sentences read
        struck: list[Frame | None] = []  # the strike each of the last two sentences read told of, if any
        prev_from = 0  # where the frames of the last sentence read begin (a withdrawal told there is taken up next)
        left: tuple[PlaceMention, ...] = ()  # the places the last sentence read told a force leaving
        for s_start, s_end in sentences:
            line = text[text.rfind("\n", 0, s_start) + 1 : s_end].lstrip()
            if line[:1] in ("#", "="):
                continue  # a section heading ("## Fall of X") titles the narrative below; it asserts nothing
            lo = bisect.bisect_left(starts, s_start)
            hi = bisect.bisect_left(starts, s_end)
            toks = [sdoc[i] for i in range(lo, hi)]
            if _title(toks, text, s_start, s_end):
                continue  # a verbless line ("X offensive", "Map of the battle for X") names a topic, not a happening
            ctx = _Sentence(self.lang, idx, media, (s_start, s_end), toks, last_actor, doc_id, self._fight, self._control,
                            self._quiet, noun_refs={k: v for refs in recent for k, v in refs.items()},
                            last_attacker=last_attacker, struck_before=next((f for f in reversed(struck) if f), None),
                            left_before=left, voice=voice)
            found = _yielded(self._sentence(ctx), frames[prev_from:])
            if self.lang.succession_verbs:
                found = self._successions(ctx, found, frames[prev_from:])
            if any(f.yielded for f in found):
                # ("B withdrew from X. A entered X later that day": the withdrawal before is part of the taking)
                taken = {p.place_id for f in found if f.kind in ("enter", "capture", "handover") and f.asserts for p in f.places}
                frames[prev_from:] = _withdrawals_yielded(frames[prev_from:], taken)
            if any(f.kind == "withdraw" and f.asserts and f.agent_side for f in found):
                # ("A managed to enter X. B's units in X were redeployed outside the city": a withdrawal told after
                # the entry hands X over as well)
                before = _yielded(frames[prev_from:], found)
                entered = {p.place_id for f in before if f.kind == "enter" and f.yielded for p in f.places}
                if entered:
                    frames[prev_from:] = before
                    found = _withdrawals_yielded(found, entered)
            prev_from = len(frames)
            left = tuple(p for f in found if f.kind == "withdraw" and f.asserts and not f.yielded for p in f.source)
            recent = [*recent[-1:], self._noun_refs(ctx)]
            struck = [*struck[-1:], next((f for f in reversed(found) if f.kind in ("strike", "shelling") and f.asserts), None)]
            armed = [f.agent for f in found if f.agent is not None and f.agent.side not in NOT_ARMED]
            # ("A took X, which the army had abandoned. Its fighters ...": the doer of the main clause, not of a relative)
            armed = [f.agent for f in found if f.agent is not None and f.agent.side not in NOT_ARMED
                     and not f.relative] or armed
            # (a foreign state's forces too, of no side of the theater: "A's troops entered X ... troops moved into Y")
            attacks = [f for f in found if f.agent is not None and (f.agent.side not in NOT_ARMED or f.agent.state)
                       and f.spec.kind in _OFFENSIVE and not (f.negated or f.irrealis)]
            # (a deed the report tells as fact before one a party only claims of itself: "A entered X, although B said it
            # was still fighting there": A carries on)
            attackers = [f.agent for f in ([f for f in attacks if f.claimant is None] or attacks) if f.agent is not None]
            if not attackers:
                # "A launched an offensive on X": the doer of an attack told as a noun, with no frame of its own,
                # is the attacker a later bare "fighters" carries on
                attackers = [idx.actor_at[t.i] for t in toks if t.i in idx.actor_at and t.dep_ == "nsubj"
                             and idx.actor_at[t.i].side not in NOT_ARMED and not negation_of(t.head)
                             and any(o.dep_ == "dobj" and _attack_nouns(self.lang) & {
                                 o.lemma_.lower(), *(c.lower_ for c in o.children if c.dep_ in ("amod", "compound"))}
                                 for o in t.head.children)]
                # ("launched an offensive west of X": the parser may read the noun as an adjective of the direction)
            last_attacker = attackers[-1] if attackers else last_attacker
            mentioned = [idx.actor_at[t.i] for t in toks if t.i in idx.actor_at and idx.actor_at[t.i].side not in NOT_ARMED]
            parties = tuple({(a.start, a.end): a for a in mentioned}.values())
            # (the dead and the hurt of a toll are no party a later "the group" refers to: "A took X. Nine soldiers
            # were killed. The group said ...": A)
            victims = {t.i for t in toks if self._harmed(t)}
            mentioned = [idx.actor_at[t.i] for t in toks if t.i in idx.actor_at and t.i not in victims
                         and idx.actor_at[t.i].side not in NOT_ARMED]
            frames.extend(replace(f, parties=parties) if parties else f for f in found)
            # the party a next sentence's "the attackers", "they" refer to: the doer of the last deed read, else the
            # last party that was a subject ("group A launched an offensive along the line held by B": A)
            # (not a party named only as the one who tells: "the ministry claimed a counter-attack had retaken X. ...
            # the fighters seized Y" are not the ministry's)
            speakers = {t.i for t in toks if t.dep_ == "nsubj" and t.head.lemma_.lower() in self.lang.claim_verbs}
            subjects = [idx.actor_at[t.i] for t in toks if t.i in idx.actor_at and t.dep_ in ("nsubj", "nsubjpass")
                        and t.i not in victims and t.i not in speakers and idx.actor_at[t.i].side not in NOT_ARMED]
            if armed:
                last_actor = armed[-1]
            elif subjects:
                last_actor = subjects[-1]
            elif any(t.dep_ in ("nsubj", "nsubjpass") and t.i not in idx.actor_at and t.lemma_.lower() in self.lang.military_nouns
                     for t in toks):
                # ("The fighters entered X after clashes with B. ... under their control": the subject is an armed
                # party no name gives a side, not B, named only in a phrase)
                last_actor = None
            elif mentioned and not any(idx.actor_at.get(i) is mentioned[-1] for i in speakers):
                last_actor = mentioned[-1]
        return frames

    def _successions(self, ctx: _Sentence, found: list[Frame], before: Sequence[Frame]) -> list[Frame]:
        """"X fell on Friday; Y and Z followed on Saturday": places that are the subject of a verb of succession with no
        object of its own were taken as the place taken just before them (in the sentence, or the one before it), by
        the same party: that taking, told again of them at the verb (its day is the verb's own)."""
        out = list(found)
        for verb in ctx.tokens:
            if verb.lemma_.lower() not in self.lang.succession_verbs or verb.pos_ != "VERB" or any(
                    c.dep_ in ("dobj", "attr", "ccomp", "xcomp", "agent") and c.i > verb.i for c in verb.children):
                continue
            places = list({p.start: p for s in verb.children if s.dep_ == "nsubj" for t in (s, *s.conjuncts)
                           if (p := ctx.idx.place_at.get(t.i)) is not None and p.kind != "region"}.values())
            if not places:
                continue
            ids = {p.place_id for p in places}
            model = next((f for f in reversed([*before, *found]) if f.start < verb.idx and f.asserts
                          and f.kind in ("capture", "handover") and f.places and not ids & {p.place_id for p in f.places}), None)
            if model is None:
                continue
            out.append(replace(model, sentence=ctx.span, start=verb.idx, end=verb.idx + len(verb), places=tuple(places),
                               source=(), goal=(), partial=frozenset(), asides=(), time_phrases=(), clause=ctx.span,
                               negated=bool(negation_of(verb)), background=False, relative=False, describes=False,
                               loose=False))
        return out

    def _harmed(self, tok: Token) -> bool:
        """``tok`` names the dead or hurt of a deed ("nine soldiers were killed", "killing nine soldiers")."""
        head = tok.head
        return (tok.dep_ == "nsubjpass" or (tok.dep_ == "dobj" and head.tag_ == "VBG")) \
            and head.lemma_.lower() in self.lang.harm_verbs

    def _noun_refs(self, ctx: _Sentence) -> dict[str, ActorMention | None]:
        """The armed nouns of a sentence ("A fighters", "local fighters", "the fighters") and the party each stands
        for (None: a group of no side), the last one of each noun."""
        military = self.lang.military_nouns
        return {t.lemma_.lower(): ctx._party(t)[0] for t in ctx.tokens
                if t.pos_ == "NOUN" and t.dep_ not in ("compound", "amod", "poss") and t.lemma_.lower() in military}

    def _governs_state(self, verb: Token) -> bool:
        """The verb governs a control noun under its preposition ("left X in the hands of A", "left X under A's
        control"), or a state of its object ("the fighting left X divided")."""
        return any(c.dep_ == "prep" and g.dep_ == "pobj" and g.lemma_.lower() in self._by_state
                   and any(c.lower_ in spec.state_preps for spec in self._by_state[g.lemma_.lower()])
                   for c in verb.children for g in c.children) or any(
            _small_clause(c, self.lang.result_verbs) and c.lower_ in self._by_adj for c in verb.children)

    def _capitals(self, doc_id: str, sdoc: Any, places: Sequence[PlaceMention]) -> list[PlaceMention]:
        """"the capital", "the <nationality> capital" as a mention of the theater's capital: a definite noun
        with no qualifier of its own ("the provincial capital", "its capital", "the capital of X" and
        "the capital, X" are left to the reference and apposition rules)."""
        capital, strings = self.capital, sdoc.vocab.strings
        assert capital is not None
        wanted = [strings.add(w) for w in self.lang.capital_nouns]
        named = Spans([(p.start, p.end) for p in places])
        out = []
        for i in np.nonzero(np.isin(sdoc.to_array(LOWER), wanted))[0]:
            tok = sdoc[int(i)]
            kids = list(tok.children)
            if tok.pos_ not in _NOMINAL or tok.tag_ in ("NNS", "NNPS"):
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
                continue
            if any(c.dep_ in ("poss", "appos", "compound", "nmod", "nummod", "acl", "relcl") or
                   (c.dep_ == "prep" and c.lower_ == "of") or
                   (c.dep_ == "amod" and not c.text[:1].isupper()) for c in kids):
                continue
            if tok.dep_ in ("appos", "compound", "nmod") or named.overlaps(tok.idx, tok.idx + len(tok)):
                continue  # "X, the capital", "the capital X": X is named already; or inside a name
            out.append(PlaceMention(mention=tok.text, start=tok.idx, end=tok.idx + len(tok), doc=doc_id,
                                    place_id=capital.id, name=capital.name, lat=capital.lat, lon=capital.lon,
                                    kind=capital.kind, admin1=capital.admin1, score=1.0, feature=capital.feature))
        return out

    def _seats(self, doc_id: str, sdoc: Any, places: Sequence[PlaceMention]) -> list[PlaceMention]:
        """"the provincial capital" as a mention of the seat of the division named last before it (within
        ``SEAT_REACH`` characters): "In B province, fighters took the provincial capital" took B's seat."""
        regions = [p for p in places if p.kind == "region" and p.admin1 in self.seats]
        out = []
        for tok in sdoc:
            if tok.lower_ not in self.lang.capital_nouns or tok.tag_ in ("NNS", "NNPS") or not any(
                    c.dep_ in ("amod", "compound") and c.lower_ in self.lang.seat_adjectives for c in tok.children):
                continue
            if any(c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children) \
                    or tok.dep_ in ("appos", "compound"):
                continue  # "the provincial capital, X", "X, the provincial capital", "the provincial capital of B"
            division = next((p for p in reversed(regions) if p.end <= tok.idx and tok.idx - p.end <= SEAT_REACH), None)
            if division is None:
                continue
            seat = self.seats[division.admin1]
            out.append(PlaceMention(mention=tok.text, start=tok.idx, end=tok.idx + len(tok), doc=doc_id,
                                    place_id=seat.id, name=seat.name, lat=seat.lat, lon=seat.lon,
                                    kind=seat.kind, admin1=seat.admin1, score=1.0, feature=seat.feature))
        return out

    def _sentence(self, ctx: _Sentence) -> list[Frame]:
        out: list[Frame] = []
        seen: set[tuple[int, str, str]] = set()
        replaced: set[tuple[int, str]] = set()  # (predicate, kind) a more specific frame stands for
        words = self._words
        for tok in ctx.tokens:
            if tok.lower_ not in words and tok.lemma_.lower() not in words:
                continue  # no predicate of the language pack: most tokens stop here
            for spec, pred, noun in self._candidates(tok, ctx):
                key = (noun if noun is not None else pred).i
                if (key, spec.kind) in replaced:
                    continue
                frame = ctx.read(spec, pred, noun)
                if frame is None:
                    continue
                replaced.update((key, kind) for kind in spec.supersedes)
                keys = [(key, p.place_id, spec.control) for p in (*frame.places, *frame.source, *frame.goal)]
                if all(k in seen for k in keys):
                    continue  # an earlier (more specific) frame already read this predicate and place
                seen.update(keys)
                out.append(frame)
        # ("X city: A since Thursday; the army said it had left": a status line, whatever the clauses after it tell)
        out += [f for f in (ctx.status_line(spec) for spec in self._labels) if f is not None]
        return sorted(out, key=lambda f: f.start)

    def _candidates(self, tok: Token, ctx: _Sentence) -> Iterable[tuple[FrameSpec, Token, Token | None]]:
        lemma, lower = tok.lemma_.lower(), tok.lower_
        # a present participle before a noun describes it ("the surrounding villages", "the advancing rebels"): no predicate
        # (so does a past participle with no arguments of its own: "struck the abandoned X airbase" tells no leaving,
        # "units had captured parts of A ... districts", a verb the parser hung on the last noun, still does)
        # ("..., captured A and B": a participle right before a name with no article is the verb the parser lost)
        describing = tok.tag_ in ("VBG", "VBN") and tok.dep_ == "amod" and tok.i < tok.head.i and not (
            tok.tag_ == "VBN" and (any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in tok.children)
                                   or (tok.head.pos_ == "PROPN" and not any(c.dep_ in ("det", "poss") and c.i < tok.i
                                                                            for c in tok.head.children))))
        # ... as does a participle of holding ("the A-occupied heights"): the held-modifier frame reads it
        describing = describing or (tok.dep_ == "amod" and tok.i < tok.head.i and lower in self._by_modifier)
        # (and after a copula: "X is rebel-held", the holder still hyphenated to it; read before the verb of holding)
        if lower in self._by_modifier and (tok.dep_ == "amod" or (tok.dep_ in ("acomp", "oprd") and any(
                c.dep_ in ("npadvmod", "compound", "nmod") and c.i < tok.i for c in tok.children))):
            for spec in self._by_modifier[lower]:
                yield spec, tok, None
        # a verb the tagger read as a noun keeps its auxiliary ("the rebels had overrun X", "overrun" a noun)
        misread = tok.pos_ in _NOMINAL and any(c.dep_ == "aux" and c.i < tok.i for c in tok.children)
        # ... or hangs it, a noun, as the object of the auxiliary it read as the verb ("the fighters had overrun most of
        # X"), or as a modifier of that object ("had overrun A, B and C", "overrun" tagged a name before A)
        aux = tok.doc[tok.i - 1] if tok.i else tok
        perfect = tok.pos_ in _NOMINAL and aux.lemma_.lower() in self.lang.perfect_auxiliaries and aux.pos_ in _VERBAL \
            and ((tok.dep_ == "dobj" and tok.head.i == aux.i)
                 or (tok.dep_ == "compound" and tok.head.dep_ == "dobj" and tok.head.head.i == aux.i))
        if perfect and not describing:
            for spec in self._by_verb.get(lemma, ()):
                if not spec.particles_for.get(lemma):
                    yield spec, aux, None  # the auxiliary stands for the verb, with the subject and objects the parser gave it
        if (tok.pos_ in _VERBAL or tok.tag_.startswith("VB") or misread) and not describing:
            for spec in self._by_verb.get(lemma, ()):
                parts = spec.particles_for.get(lemma)
                has = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep", "dative", "compound:prt")}
                if parts is not None and not parts & has:
                    continue
                if spec.particles_not.get(lemma, frozenset()) & has:
                    continue  # a phrasal verb of its own: "fell back" is no fall, "took up positions" no capture
                if spec.kind == "withdraw" and self._governs_state(tok):
                    continue  # "left X in the hands of A": a change of holder (the state frame), not a departure
                yield spec, tok, None
        gerund = tok.pos_ == "VERB" and tok.tag_ == "VBG" and not any(
            c.dep_ in ("dobj", "aux", "auxpass") for c in tok.children)  # "fighting continued", not "are fighting drought"
        nominal_adj = tok.pos_ == "ADJ" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")  # "launched a counteroffensive"
        # a noun of the pack that is no verb of it, tagged a verb ("In X, airstrikes on 2 December hit ...")
        verb_tagged_noun = tok.pos_ in _VERBAL and lower in self._by_noun and lower not in self._by_verb \
            and lemma not in self._by_verb
        if tok.pos_ in _NOMINAL or gerund or nominal_adj or verb_tagged_noun:
            specs = self._by_noun.get(lower, ()) or self._by_noun.get(lemma, ())
            for spec in specs:
                if any(" " in n for n in spec.nouns if n.split()[-1] in (lower, lemma)) and not _multiword(tok, spec) \
                        and lower not in spec.nouns and lemma not in spec.nouns:
                    continue
                if lower not in spec.nouns and lemma not in spec.nouns and tok.dep_ == "pobj" and tok.head.lower_ == "of":
                    yield spec, tok.head.head, tok.head.head  # "an exchange of fire between A and B": the head noun's roles
                    continue
                yield spec, tok, tok
            for spec in self._by_light.get(lemma, ()):
                head = tok.head
                if tok.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and head.lemma_.lower() in spec.light[lemma]:
                    yield spec, head, tok
            for spec in self._by_state.get(lemma, ()):
                if tok.dep_ == "pobj" and tok.head.lower_ in spec.state_preps:
                    yield spec, tok, tok
        adjectival = tok.pos_ == "ADJ" or tok.dep_ in ("acomp", "amod", "oprd", "attr") or (
            tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)) or (  # "X is contested"
            # a headline's participle with no verb "to be": "X liberated!" (the place is no doer; a label before a
            # colon, "BREAKING: X liberated!", is no object)
            tok.dep_ == "ROOT" and tok.tag_ in ("VBD", "VBN")
            and not any(c.dep_ in ("dobj", "aux", "ccomp", "xcomp") and not _Sentence._label(c) for c in tok.children)
            and any(c.dep_ == "nsubj" and c.i in ctx.idx.place_at and c.i not in ctx.idx.actor_at for c in tok.children)) or (
            # a small clause under a verb of saying: "the rebels declared X liberated"
            tok.dep_ in ("ccomp", "xcomp") and tok.tag_ in ("VBN", "VBD") and tok.head.lemma_.lower() in self.lang.claim_verbs
            and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in tok.children)) or (
            _small_clause(tok, self.lang.result_verbs))  # "the fighting left X divided": the state the verb leaves
        if adjectival and lower in self._by_negated_adj and negation_of(tok):
            yield from ((spec, tok, None) for spec in self._by_negated_adj[lower])  # "it was not clear who held X"
        if adjectival and (lower in self._by_adj or lemma in self._by_adj):
            has = {c.lower_ for c in tok.children if c.dep_ == "prep"}
            for spec in self._by_adj.get(lower, ()) or self._by_adj.get(lemma, ()):
                if spec.event and tok.dep_ == "amod" and tok.i < tok.head.i:
                    continue  # "convoys entered liberated X", "the captured town": a state already known, no news
                if not spec.particles_not.get(lower, frozenset()) & has:  # "free of mines" is no liberation
                    yield spec, tok, None


def _small_clause(tok: Token, result_verbs: frozenset[str]) -> bool:
    """A word that tells the state its verb leaves its object in ("left X divided", "found the town deserted"); the
    parser may make the object its subject ("left [X divided]"), under a verb of result alone (not "said X fell")."""
    if tok.dep_ not in ("xcomp", "oprd", "ccomp", "advcl") or any(c.dep_ in ("dobj", "aux", "auxpass", "mark")
                                                                 for c in tok.children):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if subj:
        return tok.head.lemma_.lower() in result_verbs and subj[0].i == tok.head.i + 1 and subj[0].right_edge.i + 1 == tok.i
    return object_before(tok) is not None


_LABEL = re.compile(r"[^\W\d][\w' -]{0,40}:")
_NUMBERED = re.compile(r"\d{1,2}(?:\.\d{1,2})*[.)]")  # a section's number before its heading: "2.", "3.1", "4)"


def _title(toks: Sequence[Token], text: str, start: int, end: int) -> bool:
    """A heading or caption inside a longer text: a short line of its own with no verb and no closing stop
    ("Fall of X", "2024 X offensive", "Map of the battle for X"). A one-line post is read as it stands."""
    segment = text[start:end]
    body = segment.strip()
    head = toks
    # a closing parenthesis that dates or numbers the heading ("Flash Update No. 3 (as of 2 December)") is no stop
    dated = re.search(r"\s*\([^()]*\)$", body)
    if dated is not None:
        body = body[: dated.start()].rstrip()
        body_end = start + len(segment) - len(segment.lstrip()) + len(body)
        head = [t for t in toks if t.idx < body_end]
    if not body or "\n" in body or body[-1] in ".!?;:\"”'’)" or len(head) > 16:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    # (a label before a colon opens the line: "COUNTRY: Escalation of hostilities (as of D)")
    label = text[line_start:start].strip()
    # (or a section's number: "2. The fall of X")
    if (label and not (_LABEL.fullmatch(label) or _NUMBERED.fullmatch(label))) or text[end:line_end].strip() \
            or len(text.strip()) <= len(body) + 2:
        return False
    return not any(t.pos_ in _VERBAL for t in toks)


def _multiword(tok: Token, spec: FrameSpec) -> bool:
    """The noun ends a multiword noun of the frame, as written or in the singular ("two suicide car bombs")."""
    for last in dict.fromkeys((tok.lower_, tok.lemma_.lower())):
        words = [last]
        prev = tok.nbor(-1) if tok.i > 0 else None
        while prev is not None and len(words) < 4:
            words.insert(0, prev.lower_)
            if " ".join(words) in spec.nouns:
                return True
            prev = prev.nbor(-1) if prev.i > 0 else None
    return False


def _withdrawals_yielded(frames: Sequence[Frame], taken: set[str]) -> list[Frame]:
    """The frames, with each asserted withdrawal from places all ``taken`` marked part of the taking."""
    return [replace(f, yielded=True) if f.kind == "withdraw" and f.asserts
            and {p.place_id for p in (*f.source, *f.places)} <= taken else f for f in frames]


def _yielded(frames: list[Frame], before: Sequence[Frame] = ()) -> list[Frame]:
    """One sentence's withdrawal of side B from X and taking or entry of X by side A are one change of hands
    ("army units withdrew from X, and the rebels entered it"; "A moved into X after B abandoned its positions
    there"): the withdrawal is part of the taking (no event or statement of its own), and the entry is a taking
    from B. A withdrawal told in the sentence just before (``before``) is taken up the same way ("B withdrew from X.
    A entered the city later that day")."""
    # (a presence counts: "footage showed A fighters inside X after B abandoned it"; and a holding: "X was in A's hands
    # after the last B checkpoints in the town were abandoned")
    takers = {p.place_id: f.agent_side for f in frames if f.asserts and f.agent_side and f.kind == "hold" for p in f.places}
    takers.update({p.place_id: f.agent_side for f in frames if f.asserts and f.agent_side
                   and f.kind in ("capture", "enter", "handover", "presence") for p in f.places})
    # ("X was abandoned, and A walked in": a departure with nobody named leaves X to whoever enters it)
    left = {p.place_id: f.agent_side for f in (*before, *frames) if f.asserts and f.kind == "withdraw"
            and (f.agent_side or not f.agent_explicit) for p in (*f.source, *f.places)}
    handed = {pid for pid, side in left.items() if takers.get(pid, side) != side}
    if not handed:
        return frames
    whole = {p.place_id for f in (*before, *frames) if f.asserts and f.kind == "withdraw"
             and (f.agent_side or not f.agent_explicit)
             for p in (*f.source, *f.places) if p.place_id not in f.partial and p.kind != "region"}
    out = []
    for f in frames:
        ids = {p.place_id for p in (*f.source, *f.places)}
        if f.kind == "withdraw" and ids and ids <= handed:
            f = replace(f, yielded=True)  # (kept for the days it tells: "left X on D, and A entered it the same day")
        elif f.kind == "enter" and f.asserts and ids & handed and f.partial <= whole:
            # ("B left X after A moved into its neighbourhoods": B left the whole, so A's part is the whole)
            f = replace(f, yielded=True, loser_side=f.loser_side or next(left[i] for i in ids if i in handed),
                        partial=frozenset())
        elif f.kind == "capture" and f.asserts and ids & handed and not f.loser_side:
            f = replace(f, loser_side=next(left[i] for i in ids if i in handed))  # taken from the side that left
        out.append(f)
    return out

