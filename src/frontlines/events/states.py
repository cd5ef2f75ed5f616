"""The clause reader's states: how things stand at a place, told by a phrase of control ("X remains in A's hands", "X
came under A's control"), a holder label ("rebel-held X", "X lies inside rebel-held territory") or an adjective ("X
is contested"), and the frame a state or a deed becomes (:meth:`_States._frame`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from frontlines.events.frames import (
    _NOMINAL,
    _RELATIVE,
    _SUBJ_PRONOUNS,
    _VERBAL,
    NOT_ARMED,
    Frame,
    Token,
    negation_of,
    object_before,
)
from frontlines.events.lexicon import FrameSpec, pack_words
from frontlines.events.qualifiers import _Qualifiers
from frontlines.models import ActorMention, PlaceMention

_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
#: What may open a status line before its places: a bullet, or a letter or number of a list ("c)", "2.").
_ENUMERATOR = re.compile(r"\s*(?:[-•*–]|\(?\w{1,2}[.)])?\s*")
#: The marks that end the clause after a status line's colon.
_CLAUSE_END = frozenset({";", ",", ".", "(", "—", "–"})


class _States(_Qualifiers):
    """The state readers of one sentence (the sentence reader, :class:`frontlines.events.clause._Sentence`, sets the
    attributes)."""

    doc_id: str
    _lowers: set[str] | None

    @property
    def lowers(self) -> set[str]:
        """The sentence's words and lemmas, computed when a frame first asks."""
        if self._lowers is None:
            self._lowers = {t.lower_ for t in self.tokens} | {t.lemma_.lower() for t in self.tokens}
            # (and the hyphenated words the tokenizer split: "ground-based strikes")
            self._lowers |= {w.lower() for w in _HYPHENATED.findall(self.idx.text, self.span[0], self.span[1])}
        return self._lowers

    @property
    def armed_present(self) -> bool:
        """The sentence names an armed party, a fight told as one ("fierce battles"), or a party's own men."""
        return bool(self.lowers & self.lang.military_nouns) or any(
            t.i in self.idx.actor_at and self.idx.actor_at[t.i].side not in NOT_ARMED for t in self.tokens) or any(
            t.dep_ == "amod" and t.lower_ in self.lang.fight_adjectives and t.head.lower_ in self.lang.fight_nouns
            for t in self.tokens) or any(  # "fierce battles", not "legal battles"
            t.lower_ in self.lang.owned_fighter_nouns and any(c.dep_ == "poss" for c in t.children)
            for t in self.tokens)  # "its men"

    def _asides(self, tok: Token) -> tuple[tuple[int, int], ...]:
        """The characters of each relative clause in the past perfect, told of a noun in the clause of ``tok`` ("jets
        struck X, which A had taken on Friday, and Y"), and of each participle clause in the perfect ("X was taken,
        its garrison having left the night before"), that does not hold ``tok`` itself: a time before the
        predicate's ("A attacked X, which was captured by B on Monday" may tell one day for both); and each relative
        clause of a place told with "where" that tells no deed of ours ("left X, where the uprising began in 2011"),
        of a time of its own."""
        verb = tok
        while verb.pos_ not in _VERBAL and verb.head.i != verb.i:
            verb = verb.head
        out = []
        for t in verb.subtree:
            # (a relative clause in the past perfect, "which A had taken on Friday"; a participle clause in the
            # perfect, "their garrisons having left the night before")
            perfect = any(c.dep_ == "aux" and c.tag_ in ("VBD", "VBG") and c.lemma_.lower() in self.lang.perfect_auxiliaries
                          for c in t.children)
            clause = t.dep_ == "relcl" or (t.dep_ in ("advcl", "acl", "ccomp", "conj") and any(
                c.dep_ == "aux" and c.tag_ == "VBG" for c in t.children))
            # (and a relative clause of a place that tells what else happened there, "X, where the uprising began in
            # 2011"; not one that goes on with the story, "reached X, where they took control on Monday")
            scene = t.dep_ == "relcl" and t.head.i in self.idx.place_at and any(
                c.dep_ == "advmod" and c.lower_ in self.lang.where_words for c in t.children) and not any(
                t.lemma_.lower() in f.verbs for f in self.lang.frames)
            if (scene or (clause and perfect)) and t.pos_ in _VERBAL and tok not in t.subtree and t.i != verb.i:
                inner = list(t.subtree)
                out.append((inner[0].idx, inner[-1].idx + len(inner[-1])))
        return tuple(out)

    def _frame(self, spec: FrameSpec, pred: Token, places: list[PlaceMention], agent_tok: Token | None,
               partial: Sequence[str] = (), party: ActorMention | None = None) -> Frame | None:
        if not places:
            return None
        # ("X is in our hands", "X is ours": the first person, the side the report speaks for: see _Parties._party)
        agent, side, armed, explicit = (party, party.side, True, True) if party is not None else self._party(agent_tok)
        if spec.control == "agent" and not (armed and side):
            return None
        return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=pred.idx, end=pred.idx + len(pred),
                     places=tuple(places), agent=agent, agent_side=side, agent_explicit=explicit,
                     negated=self._negated(pred), irrealis=self._irrealis(pred), hedged=self._hedged(pred), partial=frozenset(partial),
                     region=self._region(places, pred, None), claimant=self._claimant(pred), current=self._now(pred),
                     ongoing=self._ongoing(pred), unopposed=spec.control == "agent" and self._unopposed(side, pred),
                     prior=self._past_perfect(pred), finite=self._finite(pred), asides=self._asides(pred))

    def status_line(self, spec: FrameSpec) -> Frame | None:
        """"X city: A since Thursday", "X and Y: still A": a line whose label before its colon is places alone (save a
        bullet or list letter, "and" and nouns of a kind of place) and whose clause after it names a party first (after
        the frame's ``label_adverbs``) and has no verb, only that party's force or state nouns and a "since" phrase: the
        places are held by that party."""
        text, idx = self.idx.text, self.idx
        line = text.rfind("\n", 0, self.span[0]) + 1
        colon = text.find(":", max(line, self.span[0]), self.span[1])
        if colon < 0 or colon - line > 80:
            return None
        label = [p for p in idx.places[bisect.bisect_left(idx.place_starts, line) : bisect.bisect_left(idx.place_starts, colon)]
                 if p.end <= colon]
        chars = list(text[line:colon])
        for p in label:
            chars[p.start - line : p.end - line] = " " * (p.end - p.start)
        rest = "".join(chars)
        opening = _ENUMERATOR.match(rest)
        words = rest[opening.end() if opening else 0 :].replace(",", " ").replace("&", " ").split()
        joins = pack_words(self.lang, "list-joins", lambda lang: lang.geoparse.get("between_and", ()))
        if not label or any(w.lower() not in self.lang.place_class and w.lower() not in joins for w in words):
            return None
        clause = []
        for t in (t for t in self.tokens if t.idx > colon):
            if t.text in _CLAUSE_END:
                break
            clause.append(t)
        own = [t for t in clause if t.lower_ not in spec.label_adverbs]
        if not own or own[0].i not in idx.actor_at or any(t.pos_ in _VERBAL for t in clause):
            return None
        holder = own[0]
        states = pack_words(self.lang, "hold-state-nouns", lambda lang: (n for f in lang.frames if f.kind == "hold" for n in f.state_nouns))
        since = {t.i for c in clause if c.dep_ == "prep" and c.lower_ in self.lang.period_preps for t in c.subtree}
        if any(t.i not in since and t.i not in idx.actor_at and t.lower_ not in spec.label_adverbs
               and t.lemma_.lower() not in self.lang.military_nouns | self.lang.position_nouns | states
               and t.pos_ != "PUNCT" for t in own[1:]):
            return None  # ("X: A offensive stalls", "X: rebel shelling"): a happening, not a holder
        frame = self._frame(spec, holder, label, holder)
        # (the line's own voice: a verb of saying after the clause tells another thing)
        return replace(frame, claimant=None) if frame is not None else None

    def _likewise(self, pred: Token, partial: list[str]) -> list[PlaceMention]:
        """The places of a clause of comparison that repeats the predicate's state with an auxiliary alone: "X remains
        in A's hands, as does Y", "X is contested, as is Y" (Y is in the same state)."""
        return [p for c in pred.children if c.dep_ == "advcl" and c.lemma_.lower() in self.lang.ellipsis_verbs
                and any(m.dep_ == "mark" and m.lower_ in self.lang.comparison_marks for m in c.children)
                for s in c.children if s.dep_ in ("nsubj", "attr") and s.pos_ != "PRON"  # (not "as it has since")
                for p in self._places_of(s, partial)]

    def _set_off_place(self, prep: Token) -> Token | None:
        """The place just before a comma that sets off a prepositional phrase of state ("A, now in rebel hands", "A and
        B, both under army control"), when the phrase is no argument of a verb of its own (the parser hangs it on the
        sentence's verb)."""
        left = min(t.i for t in prep.subtree)
        doc = prep.doc
        if left < 2 or doc[left - 1].text != "," or doc[left - 2].i not in self.idx.place_at:
            return None
        right = max(t.i for t in prep.subtree)
        if right + 1 < len(doc) and doc[right + 1].text not in (",", ".", ";", ")") and not doc[right + 1].is_space:
            return None  # (the phrase must close where it ends: "A, in rebel hands since D, ...")
        return doc[left - 2]

    def _state(self, spec: FrameSpec, noun: Token) -> Frame | None:
        """"X remains in army hands", "X is under the control of the rebels", "X came under rebel control"."""
        prep = noun.head
        gov = _above_adverbs(prep.head)  # "X is back under government control"
        if not spec.governors and (described := self._set_off_place(prep)) is not None:
            # "passed through A and B, both now in rebel hands": a state set off by a comma after a place tells of it
            parts: list[str] = []
            first = described
            while first.dep_ == "conj" and first.head.i in self.idx.place_at:
                first = first.head
            places = self._places_of(first, parts) + [p for x in first.conjuncts for p in self._places_of(x, parts)]
            holder = next((c for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                           and c.i in self.idx.actor_at), None)
            frame = self._frame(spec, prep, self._extend_lists(places), holder, parts)
            # (a description of the place: beside a change of it in the sentence, the state the change met)
            return replace(frame, current=False, finite=False) if frame is not None else None
        if gov.dep_ == "dobj" and gov.head.pos_ in _VERBAL and prep.head.lower_ in self.lang.comparison_marks \
                and prep.head.head.i == gov.i:
            gov = gov.head  # "assessed all three as under A's control": the parser hangs "as" on the verb's object
        verb = gov.lemma_.lower()
        if (spec.governors and verb not in spec.governors) or verb in spec.not_governors:
            return None
        of_places = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "over")
                     for g in c.children if g.dep_ == "pobj" for p in self._places_of(g, [])]
        if of_places:
            # "the armed groups now in control of X", "rebels are in control of X"
            holder_tok = gov if gov.pos_ in _NOMINAL else self._subject(gov) if gov.pos_ in _VERBAL else None
            return self._frame(spec, noun, self._extend_lists(of_places), holder_tok)
        if gov.pos_ not in _VERBAL and gov.dep_ not in ("ROOT",):
            return None
        subj = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and gov.dep_ == "conj":
            subj = [c for c in gov.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and gov.dep_ == "xcomp" and gov.head.pos_ in _VERBAL:
            # "X appears to be in rebel hands", "X is reported to remain under army control": the raising verb's subject
            subj = [c for c in gov.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if gov.dep_ == "relcl" and any(c.lower_ in _RELATIVE for c in subj):
            subj = [gov.head]  # "X, which is now under Y's control": the relative stands for X
        elif gov.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ in self.lang.where_words for c in gov.children):
            # "X, where armed groups have been in control since D": the place is the antecedent, the subject holds it
            partial: list[str] = []
            return self._frame(spec, gov, self._places_of(gov.head, partial), subj[0] if subj else None, partial)
        targets = subj + [c for c in gov.children if c.dep_ == "dobj"]
        if gov.dep_ == "ROOT" and (gov.pos_ in ("PROPN", "NOUN") or gov.i in self.idx.place_at) and not targets:
            targets = [gov]  # a headline with no verb: "X in the hands of the rebels"
        partial = []
        places = self._extend_lists([p for t in self._in(targets) for p in self._places_of(t, partial)])
        places += self._likewise(gov, partial)
        if not targets and not places:
            places = self._heading_place(gov)  # "X" above "- In rebel hands since 30 November"
        # (or a force's noun as the owner, "in the fighters' hands": whom it stands for, as a subject's)
        holder = next((c for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                       and (c.i in self.idx.actor_at or c.lower_ in _SUBJ_PRONOUNS or c.lower_ in ("their", "its")
                            or c.lower_ in self.lang.first_person_holders
                            or (c.dep_ == "poss" and c.lemma_.lower() in self.lang.military_nouns))), None)
        if holder is None:
            holder = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                           if g.dep_ == "pobj"), None)
        party = None
        if holder is not None and holder.lower_ in ("their", "its"):
            pronoun = holder
            holder = subj[0] if subj and subj[0].i not in self.idx.place_at and not self._places_of(subj[0], []) else None
            if holder is None:
                # "A says X is now under its control": the speaker, else the party named before ("A pushed into X, and
                # by nightfall the town was under their control"), else the last one of the sentences before
                party = self._claimant(gov) or self._party_named_before(pronoun) or self.last_actor
                if party is None or party.side in NOT_ARMED:
                    return None
        frame = self._frame(spec, gov, places, holder, partial, party=party)
        if frame is not None and spec.control == "winner":
            # "X slipped out of government hands": the holder named is the one that lost it
            frame = replace(frame, agent=None, agent_side="", agent_explicit=False, loser=frame.agent,
                            loser_side=frame.agent_side)
        if frame is not None and gov.lemma_.lower() in self._leave_verbs:
            frame = replace(frame, current=True)  # "the withdrawal left X in the hands of A": the state after it
        return frame

    def _held_modifier(self, spec: FrameSpec, part: Token) -> Frame | None:
        """"rebel-controlled X": the holder modifies the participle, the place is what it modifies."""
        holder = next((c for c in part.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod")
                       and self._actor_of(c) is not None), None)
        if holder is None:
            return None
        partial: list[str] = []
        described = part.head
        if described.lower_ in self.lang.held_area_nouns and described.dep_ == "pobj" \
                and described.head.lower_ in self.lang.area_preps:
            # "X now lies inside rebel-held territory", "X, in army-held areas, was shelled": the place the area holds
            gov = _above_adverbs(described.head.head)
            if gov.pos_ in _VERBAL:
                described = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            else:
                described = gov if gov.i in self.idx.place_at else None
            if described is None:
                return None
        elif part.dep_ in ("acomp", "oprd") and part.head.pos_ in _VERBAL:
            # "X is rebel-held", "by Friday X was opposition-held": the participle tells of the copula's subject
            described = next((c for c in part.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if described is None:
                return None
        places = self._extend_lists(self._places_of(described, partial))
        return self._frame(spec, part, places, holder, partial)

    def _adjective(self, spec: FrameSpec, adj: Token) -> Frame | None:
        """"X is contested", "it looks contested", "the status of X is unclear", "with X secure"."""
        subj = next((c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and adj.dep_ in ("oprd", "xcomp", "ccomp", "advcl"):
            subj = object_before(adj)  # "left X divided"
        if subj is None and adj.dep_ in ("acomp", "oprd", "attr"):
            subj = next((c for c in adj.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and adj.dep_ == "amod":
            subj = adj.head  # "the contested town of X"
        if subj is None:  # "X remained contested": the parser hangs the subject on "remained" as an auxiliary
            subj = next((g for c in adj.children if c.dep_ in ("aux", "auxpass") for g in c.children
                         if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and adj.dep_ in ("acomp", "oprd") and adj.head.dep_ == "conj" and adj.head.head.pos_ in _VERBAL:
            # "the town has changed hands twice and remains contested": the joined verb shares the first one's subject
            subj = next((c for c in adj.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if spec.military == "any" and not (self.armed_present or self.lowers & self.lang.fight_nouns):
            return None  # "X is divided over the vote": no armed party, no fight
        partial: list[str] = []
        # "not clear" is the frame's own "unclear": its negation is the word, not a denial
        own_negation = adj.lower_ in spec.negated_adjectives and adj.lower_ not in spec.adjectives
        negated = self._negated(adj) and not own_negation
        # (the predicate is "not clear", its negation part of the word)
        start = min([adj.idx, *(c.idx for c in negation_of(adj))]) if own_negation else adj.idx
        if spec.holders and (subj is None or subj.lower_ == "it"):
            # "it is unclear who controls X", "unclear who holds X": the question's object is the place
            heads = (adj, adj.head) if subj is None else (adj, adj.head, subj)
            clause = [c for h in heads for c in h.children if c.dep_ in ("ccomp", "csubj", "relcl")
                      and c.lemma_.lower() in self._control_verbs
                      and any(g.dep_ == "nsubj" and g.lower_ in ("who", "which", "whom") for g in c.children)]
            places = [p for c in clause for o in self._objects(c) for p in self._places_of(o, partial)]
            if places:
                return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=start, end=adj.idx + len(adj),
                             places=tuple(self._extend_lists(places)), negated=negated,
                             irrealis=self._irrealis(adj), hedged=self._hedged(adj), claimant=self._claimant(adj))
        if subj is None or subj.i not in self.ids:
            return None
        if spec.holders:
            if subj.lemma_.lower() not in spec.holders:
                return None
            inner = [g for c in subj.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "over") for g in c.children
                     if g.dep_ == "pobj"]
            places = [p for t in inner for p in self._places_of(t, partial)]
            places += [p for t in inner for x in t.conjuncts for p in self._places_of(x, partial)]
        else:
            places = self._places_of(subj, partial) + [p for x in subj.conjuncts for p in self._places_of(x, partial)]
            if any(c.lower_ in ("together", "along") for c in adj.children):  # "X is liberated together with Y and Z"
                places += [p for t in self._prep_objects(adj, ["with"]) for p in self._places_of(t, partial)]
        places = self._extend_lists(places) + self._likewise(adj if adj.pos_ in _VERBAL else adj.head, partial)
        if not places:
            return None
        if spec.control == "agent" and (adj.lower_ in self.lang.first_person_holders or adj.lower_ in _SUBJ_PRONOUNS):
            return self._frame(spec, adj, places, adj, partial)  # "X is ours", "X was theirs": the word is the holder
        if spec.control == "context":
            # the armed party the sentence names nearest the state ("the attack was repelled and the town is secure,
            # with army units in their positions": the army's), else the last one named before
            at = self.idx.actor_at
            near = min((at[t.i] for t in self.tokens if t.i in at and at[t.i].side not in NOT_ARMED),
                       key=lambda a: abs(a.start - adj.idx), default=None)
            holder = near or self.last_actor
            side = holder.side if holder is not None else ""
            if not side:
                return None
            return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=start, end=adj.idx + len(adj),
                         places=tuple(places), agent=holder, agent_side=side, negated=negated,
                         irrealis=self._irrealis(adj), hedged=self._hedged(adj), prior=self._past_perfect(adj),
                         finite=self._finite(adj))
        return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=start, end=adj.idx + len(adj),
                     places=tuple(places), negated=negated, irrealis=self._irrealis(adj), hedged=self._hedged(adj),
                     claimant=self._claimant(adj), prior=self._past_perfect(adj), finite=self._finite(adj),
                     partial=frozenset(partial))


def _above_adverbs(tok: Token) -> Token:
    """The first word above ``tok`` that is no adverb or preposition ("X is back under A's control": "is")."""
    while tok.pos_ in ("ADV", "ADP") and tok.head.i != tok.i:
        tok = tok.head
    return tok
