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
All words come from the language pack (:mod:`frontlines.lexicon`); none is written here.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.attrs import IDX, LENGTH

from frontlines.lexicon import FrameSpec, Language
from frontlines.models import ActorMention, PlaceMention
from frontlines.phrases import list_gap

Token = Any  # spacy.tokens.Token
NOT_ARMED = frozenset({"civilians", "unknown", ""})
_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_SUBJ_PRONOUNS = frozenset({"they", "it", "who", "which", "that", "them", "he", "she"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
_RELATIVE = frozenset({"who", "which", "that"})
NEAR_RELATIONS = frozenset({"near", "around", "outskirts", "outside", "nearby", "vicinity"})


@dataclass(frozen=True, slots=True)
class Frame:
    """One predicate of a sentence read as a frame, with its roles and qualifiers."""

    spec: FrameSpec
    doc: str
    sentence: tuple[int, int]
    start: int  # the predicate's characters
    end: int
    places: tuple[PlaceMention, ...] = ()
    source: tuple[PlaceMention, ...] = ()
    goal: tuple[PlaceMention, ...] = ()
    agent: ActorMention | None = None
    agent_side: str = ""
    agent_explicit: bool = False
    agent_armed: bool = False
    loser: ActorMention | None = None
    loser_side: str = ""
    negated: bool = False
    irrealis: bool = False
    hedged: bool = False
    partial: frozenset[str] = frozenset()  # ids of places only partly reached ("parts of X", "the outskirts of X")
    region: str = ""  # "", "full", "hedged" (for places of kind region)
    claimant: ActorMention | None = None
    weapon: str = ""  # "air", "ground" or ""
    civilian_target: bool = False
    background: bool = False  # a nominal happening inside a time clause ("after the capture of X")
    parties: tuple[ActorMention, ...] = ()  # the armed parties the sentence names, in order (for the other side)
    loose: bool = False  # the places came from the clause at large (role "any"), not from a role of the predicate
    purpose: bool = False  # the aim of an attack ("launched an offensive to retake X"): a fight for X, no control
    disputed: bool = False  # a party's claim that another party denies in the same sentence

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def asserts(self) -> bool:
        """Whether the frame says something happened or holds (not negated, not a plan or a belief)."""
        return not self.negated and not self.irrealis


class _DocIndex:
    """Token-level views of the mention stage's places and actors, for one parsed document."""

    def __init__(self, sdoc: Any, places: Sequence[PlaceMention], actors: Sequence[ActorMention],
                 starts: list[int] | None = None, text: str | None = None):
        self.sdoc = sdoc
        # spaCy builds Doc.text anew on every access: keep it, and the token offsets, once per document
        self.text: str = sdoc.text if text is None else text
        self.starts: list[int] = sdoc.to_array([IDX]).tolist() if starts is None else starts
        starts = self.starts
        lengths: list[int] = sdoc.to_array([LENGTH]).tolist()
        n = len(starts)
        self.place_at: dict[int, PlaceMention] = {}
        self.actor_at: dict[int, ActorMention] = {}
        for table, mentions in ((self.place_at, places), (self.actor_at, actors)):
            for m in mentions:
                i = max(0, bisect.bisect_right(starts, m.start) - 1)
                while i < n and starts[i] < m.end:
                    if starts[i] + lengths[i] > m.start:
                        table.setdefault(i, m)  # type: ignore[arg-type]
                    i += 1
        self.places = sorted(places, key=lambda p: p.start)
        self.place_starts = [p.start for p in self.places]


class Reader:
    """Reads the frames of documents in one language; build once, call per document."""

    def __init__(self, language: Language):
        self.lang = language
        self._by_verb: dict[str, list[FrameSpec]] = {}
        self._by_noun: dict[str, list[FrameSpec]] = {}
        self._by_adj: dict[str, list[FrameSpec]] = {}
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
            for n in spec.light:
                self._by_light.setdefault(n, []).append(spec)
            for n in spec.state_nouns:
                self._by_state.setdefault(n, []).append(spec)
        # verbs and nouns of fighting or an advance: the heads whose aim ("to retake X") is a fight for X
        self._fight = frozenset(w for f in language.frames if f.kind in ("clash", "enter") for w in (*f.verbs, *f.nouns))
        # verbs of holding or taking: "unclear who controls X" asks about X
        self._control = frozenset(w for f in language.frames if f.kind in ("hold", "capture") for w in f.verbs)
        self._words = (set(self._by_verb) | set(self._by_noun) | set(self._by_adj) | set(self._by_light)
                       | set(self._by_state) | set(self._by_modifier))

    # ------------------------------------------------------------------ entry point

    def __call__(self, doc_id: str, sdoc: Any, sentences: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                 actors: Sequence[ActorMention]) -> list[Frame]:
        """Frames of one document, in text order."""
        if self.lang.lemmas:
            for t in sdoc:
                if t.lower_ in self.lang.lemmas:
                    t.lemma_ = self.lang.lemmas[t.lower_]  # "retook": the model's lemmatizer leaves it as it is
        idx = _DocIndex(sdoc, places, [a for a in actors if not a.media])
        starts, text = idx.starts, idx.text
        media = _DocIndex(sdoc, (), [a for a in actors if a.media], starts, text).actor_at
        frames: list[Frame] = []
        last_actor: ActorMention | None = None
        for s_start, s_end in sentences:
            line = text[text.rfind("\n", 0, s_start) + 1 : s_end].lstrip()
            if line[:1] in ("#", "="):
                continue  # a section heading ("## Fall of X") titles the narrative below; it asserts nothing
            lo = bisect.bisect_left(starts, s_start)
            hi = bisect.bisect_left(starts, s_end)
            toks = [sdoc[i] for i in range(lo, hi)]
            if _title(toks, text, s_start, s_end):
                continue  # a verbless line ("X offensive", "Map of the battle for X") names a topic, not a happening
            ctx = _Sentence(self.lang, idx, media, (s_start, s_end), toks, last_actor, doc_id, self._fight, self._control)
            found = self._sentence(ctx)
            armed = [f.agent for f in found if f.agent is not None and f.agent.side not in NOT_ARMED]
            mentioned = [idx.actor_at[t.i] for t in toks if t.i in idx.actor_at and idx.actor_at[t.i].side not in NOT_ARMED]
            parties = tuple({(a.start, a.end): a for a in mentioned}.values())
            frames.extend(replace(f, parties=parties) if parties else f for f in found)
            if armed:
                last_actor = armed[-1]
            elif mentioned:
                last_actor = mentioned[-1]
        return frames

    def _sentence(self, ctx: _Sentence) -> list[Frame]:
        out: list[Frame] = []
        seen: set[tuple[int, str, str]] = set()
        words = self._words
        for tok in ctx.tokens:
            if tok.lower_ not in words and tok.lemma_.lower() not in words:
                continue  # no predicate of the language pack: most tokens stop here
            for spec, pred, noun in self._candidates(tok, ctx):
                frame = ctx.read(spec, pred, noun)
                if frame is None:
                    continue
                key = (noun if noun is not None else pred).i
                keys = [(key, p.place_id, spec.control) for p in (*frame.places, *frame.source, *frame.goal)]
                if all(k in seen for k in keys):
                    continue  # an earlier (more specific) frame already read this predicate and place
                seen.update(keys)
                out.append(frame)
        return out

    def _candidates(self, tok: Token, ctx: _Sentence) -> Iterable[tuple[FrameSpec, Token, Token | None]]:
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if tok.pos_ in _VERBAL or tok.tag_.startswith("VB"):
            for spec in self._by_verb.get(lemma, ()):
                parts = spec.particles_for.get(lemma)
                has = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep", "compound:prt")}
                if parts is not None and not parts & has:
                    continue
                if parts is None and lemma == "fall" and "back" in has:
                    continue  # "fell back" is a withdrawal, not a fall
                yield spec, tok, None
        gerund = tok.pos_ == "VERB" and tok.tag_ == "VBG" and not any(
            c.dep_ in ("dobj", "aux", "auxpass") for c in tok.children)  # "fighting continued", not "are fighting drought"
        nominal_adj = tok.pos_ == "ADJ" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")  # "launched a counteroffensive"
        if tok.pos_ in _NOMINAL or gerund or nominal_adj:
            specs = self._by_noun.get(lower, ()) or self._by_noun.get(lemma, ())
            for spec in specs:
                if any(" " in n for n in spec.nouns if n.split()[-1] in (lower, lemma)) and not _multiword(tok, spec) \
                        and lower not in spec.nouns and lemma not in spec.nouns:
                    continue
                yield spec, tok, tok
            for spec in self._by_light.get(lemma, ()):
                head = tok.head
                if tok.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and head.lemma_.lower() in spec.light[lemma]:
                    yield spec, head, tok
            for spec in self._by_state.get(lemma, ()):
                if tok.dep_ == "pobj" and tok.head.lower_ in spec.state_preps:
                    yield spec, tok, tok
        if tok.dep_ == "amod" and lower in self._by_modifier:
            for spec in self._by_modifier[lower]:
                yield spec, tok, None
        adjectival = tok.pos_ == "ADJ" or tok.dep_ in ("acomp", "amod", "oprd", "attr") or (
            tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)) or (  # "X is contested"
            # a small clause under a verb of saying: "the rebels declared X liberated"
            tok.dep_ in ("ccomp", "xcomp") and tok.tag_ in ("VBN", "VBD") and tok.head.lemma_.lower() in self.lang.claim_verbs
            and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in tok.children))
        if adjectival and (lower in self._by_adj or lemma in self._by_adj):
            for spec in self._by_adj.get(lower, ()) or self._by_adj.get(lemma, ()):
                yield spec, tok, None


def _title(toks: Sequence[Token], text: str, start: int, end: int) -> bool:
    """A heading or caption inside a longer text: a short line of its own with no verb and no closing stop
    ("Fall of X", "2024 X offensive", "Map of the battle for X"). A one-line post is read as it stands."""
    body = text[start:end].strip()
    if not body or "\n" in body or body[-1] in ".!?;:\"”'’)" or len(toks) > 16:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip() or len(text.strip()) <= len(body) + 2:
        return False
    return not any(t.pos_ in _VERBAL for t in toks)


def _multiword(tok: Token, spec: FrameSpec) -> bool:
    words = [tok.lower_]
    prev = tok.nbor(-1) if tok.i > 0 else None
    while prev is not None and len(words) < 4:
        words.insert(0, prev.lower_)
        if " ".join(words) in spec.nouns:
            return True
        prev = prev.nbor(-1) if prev.i > 0 else None
    return False


class _Sentence:
    """Role filling within one sentence."""

    def __init__(self, lang: Language, idx: _DocIndex, media: dict[int, ActorMention], span: tuple[int, int],
                 tokens: list[Token], last_actor: ActorMention | None, doc_id: str, fight_words: frozenset[str] = frozenset(),
                 control_verbs: frozenset[str] = frozenset()):
        self.lang = lang
        self.idx = idx
        self.media = media
        self.span = span
        self.tokens = tokens
        lo = tokens[0].i if tokens else 0
        self.ids = range(lo, lo + len(tokens))  # the sentence's tokens are contiguous
        self.last_actor = last_actor
        self.doc_id = doc_id
        self._weak = False
        self._loose = False
        self._fight_words = fight_words
        self._control_verbs = control_verbs
        self.starts = idx.starts[lo : lo + len(tokens)]
        self._lowers: set[str] | None = None

    @property
    def lowers(self) -> set[str]:
        """The sentence's words and lemmas, computed when a frame first asks."""
        if self._lowers is None:
            self._lowers = {t.lower_ for t in self.tokens} | {t.lemma_.lower() for t in self.tokens}
        return self._lowers

    @property
    def weapon_air(self) -> bool:
        return bool(self.lowers & self.lang.air_weapons)

    @property
    def weapon_ground(self) -> bool:
        return bool(self.lowers & self.lang.ground_weapons)

    @property
    def armed_present(self) -> bool:
        return bool(self.lowers & self.lang.military_nouns) or any(
            t.i in self.idx.actor_at and self.idx.actor_at[t.i].side not in NOT_ARMED for t in self.tokens)

    # ------------------------------------------------------------------ frames

    def read(self, spec: FrameSpec, pred: Token, noun: Token | None) -> Frame | None:
        self._weak = spec.weak  # a presence is read from the noun's own prepositions only
        self._loose = False
        partial: list[str] = []
        if spec.state_nouns:
            return self._state(spec, pred)
        if spec.modifiers:
            return self._held_modifier(spec, pred)
        if noun is None and (pred.pos_ == "ADJ" or pred.dep_ in ("acomp", "oprd")):
            return self._adjective(spec, pred)
        places = self._role_places(spec.place, pred, noun, spec, partial)
        source = self._role_places(spec.source, pred, noun, spec, partial)
        goal = self._role_places(spec.goal, pred, noun, spec, partial)
        if spec.objects and not any(c.lemma_.lower() in spec.objects or c.lower_ in spec.objects
                                    for c in self._objects(pred, passive=True)):
            return None
        if not (places or source or goal):
            return None
        if spec.subjects:  # "shells landed in X": the frame needs a subject of its own kind
            subj = self._subject(pred) if noun is None else None
            if subj is None or not {subj.lower_, subj.lemma_.lower()} & spec.subjects:
                return None
        if spec.subject_place and not places and not source:
            return None
        agent_tok = self._role_token(spec.agent, pred, noun)
        if agent_tok is not None and noun is not None and noun.i == pred.i and noun.head.lemma_.lower() in self.lang.claim_verbs \
                and not self._party(agent_tok)[2]:
            agent_tok = None  # "the operations room announced the capture of X": a speaker, not the captor
        loser_tok = self._role_token(spec.loser, pred, noun)
        agent, agent_side, armed, explicit = self._party(agent_tok)
        loser, loser_side, loser_armed, _ = self._party(loser_tok)
        if spec.name == "fall" and agent_tok is None:
            explicit = False
        if agent_tok is not None and agent_tok.i in self.idx.place_at and self.idx.place_at[agent_tok.i].kind != "country" \
                and spec.military == "agent":
            return None  # "X captured the title": a town as the doer is a team, a council, a metonymy
        if spec.military == "agent":
            if explicit and not armed:
                return None  # "trucks entered", "the mayor took", "the team captured"
            if spec.require_agent and not (armed and agent_side):
                return None
        elif spec.military == "any":
            if (explicit and not armed and not loser_armed) or not (armed or loser_armed or self.armed_present):
                return None
        elif spec.military == "weapon":
            if explicit and not armed and not self._is_weapon(agent_tok):
                return None
            if noun is None and pred.lemma_.lower() in spec.weapon_verbs and not (
                    self.weapon_air or self.weapon_ground or self._is_weapon(agent_tok)):
                return None  # "fighters attacked X": a ground attack, read by the clash frame
            harmed = noun is not None and any(t.lemma_.lower() in self.lang.harm_verbs for t in self.tokens)
            if not (self.weapon_air or self.weapon_ground or armed or self._is_weapon(pred) or harmed):
                return None
        if spec.subject_place and agent_tok is None:
            agent, agent_side = None, ""
        victims = self._civilian_target(pred, noun)
        if spec.victims == "civilian" and not victims:
            return None
        if spec.control == "unclear" and not self._under_holder(pred, spec):
            return None
        region = self._region(places, pred, noun)
        negated = self._negated(pred) or (noun is not None and noun.i != pred.i and self._negated(noun))
        # the aim of an attack or an advance ("pushed south to take X") is no capture; other to-infinitives keep
        # the reading the rest of the sentence gives them ("took advantage of the chaos to occupy X")
        purpose = self._purpose(pred) and self._attack_head(pred)
        irrealis = purpose or self._irrealis(pred)
        hedged = self._hedged(pred)
        claimant = self._claimant(pred)
        if claimant is None and noun is not None and noun.i != pred.i and pred.lemma_.lower() in self.lang.claim_verbs:
            claimant = agent  # "claiming control of X": the party claims it for itself
        weapon = "air" if self.weapon_air else "ground" if self.weapon_ground else ""
        background = noun is not None and noun.i == pred.i and self._in_time_clause(noun)
        key = noun if noun is not None and spec.light and noun.i != pred.i else pred
        start = min(pred.idx, key.idx)
        end = max(pred.idx + len(pred), key.idx + len(key))
        return Frame(
            spec=spec, doc=self.doc_id, sentence=self.span, start=start, end=end, places=tuple(places),
            source=tuple(source), goal=tuple(goal), agent=agent, agent_side=agent_side, agent_explicit=explicit,
            agent_armed=armed, loser=loser, loser_side=loser_side, negated=negated, irrealis=irrealis, hedged=hedged,
            partial=frozenset(partial), region=region, claimant=claimant, weapon=weapon, civilian_target=victims,
            background=background, loose=self._loose, purpose=purpose, disputed=claimant is not None and self._disputed(pred),
        )

    def _frame(self, spec: FrameSpec, pred: Token, places: list[PlaceMention], agent_tok: Token | None,
               partial: Sequence[str] = ()) -> Frame | None:
        if not places:
            return None
        agent, side, armed, explicit = self._party(agent_tok)
        if spec.control == "agent" and not (armed and side):
            return None
        return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=pred.idx, end=pred.idx + len(pred),
                     places=tuple(places), agent=agent, agent_side=side, agent_explicit=explicit,
                     negated=self._negated(pred), irrealis=self._irrealis(pred), hedged=self._hedged(pred), partial=frozenset(partial),
                     region=self._region(places, pred, None), claimant=self._claimant(pred))

    def _state(self, spec: FrameSpec, noun: Token) -> Frame | None:
        """"X remains in army hands", "X is under the control of the rebels", "X came under rebel control"."""
        prep = noun.head
        gov = prep.head
        while gov.pos_ in ("ADV", "ADP") and gov.head.i != gov.i:
            gov = gov.head  # "X is back under government control"
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
        targets = subj + [c for c in gov.children if c.dep_ == "dobj"]
        partial: list[str] = []
        places = self._extend_lists([p for t in self._in(targets) for p in self._places_of(t, partial)])
        holder = next((c for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                       and (c.i in self.idx.actor_at or c.lower_ in _SUBJ_PRONOUNS or c.lower_ in ("their", "its"))), None)
        if holder is None:
            holder = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                           if g.dep_ == "pobj"), None)
        if holder is not None and holder.lower_ in ("their", "its"):
            holder = subj[0] if subj and subj[0].i not in self.idx.place_at else None
            if holder is None and self.last_actor is not None:
                return self._frame(spec, gov, places, None) if False else None
        return self._frame(spec, gov, places, holder, partial)

    def _held_modifier(self, spec: FrameSpec, part: Token) -> Frame | None:
        """"rebel-controlled X": the holder modifies the participle, the place is what it modifies."""
        holder = next((c for c in part.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod")
                       and self._actor_of(c) is not None), None)
        if holder is None:
            return None
        partial: list[str] = []
        places = self._extend_lists(self._places_of(part.head, partial))
        return self._frame(spec, part, places, holder, partial)

    def _adjective(self, spec: FrameSpec, adj: Token) -> Frame | None:
        """"X is contested", "it looks contested", "the status of X is unclear", "with X secure"."""
        subj = next((c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and adj.dep_ in ("acomp", "oprd", "attr"):
            subj = next((c for c in adj.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and adj.dep_ == "amod":
            subj = adj.head  # "the contested town of X"
        partial: list[str] = []
        if spec.holders and (subj is None or subj.lower_ == "it"):
            # "it is unclear who controls X", "unclear who holds X": the question's object is the place
            heads = (adj, adj.head) if subj is None else (adj, adj.head, subj)
            clause = [c for h in heads for c in h.children if c.dep_ in ("ccomp", "csubj", "relcl")
                      and c.lemma_.lower() in self._control_verbs
                      and any(g.dep_ == "nsubj" and g.lower_ in ("who", "which", "whom") for g in c.children)]
            places = [p for c in clause for o in self._objects(c) for p in self._places_of(o, partial)]
            if places:
                return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=adj.idx, end=adj.idx + len(adj),
                             places=tuple(self._extend_lists(places)), negated=self._negated(adj),
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
        places = self._extend_lists(places)
        if not places:
            return None
        if spec.control == "context":
            side = self.last_actor.side if self.last_actor is not None else ""
            if not side:
                return None
            return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=adj.idx, end=adj.idx + len(adj),
                         places=tuple(places), agent=self.last_actor, agent_side=side, negated=self._negated(adj),
                         irrealis=self._irrealis(adj), hedged=self._hedged(adj))
        return Frame(spec=spec, doc=self.doc_id, sentence=self.span, start=adj.idx, end=adj.idx + len(adj),
                     places=tuple(places), negated=self._negated(adj), irrealis=self._irrealis(adj), hedged=self._hedged(adj),
                     claimant=self._claimant(adj))

    # ------------------------------------------------------------------ roles

    def _role_places(self, roles: Sequence[str], pred: Token, noun: Token | None, spec: FrameSpec,
                     partial: list[str]) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for role in roles:
            if role in ("any", "any:obj"):
                if noun is not None and noun.i == pred.i and not self._argument_noun(noun):
                    continue  # "during the offensive", "after the strikes": a noun in a modifier places nothing
                if role == "any:obj" and noun is not None and noun.dep_ != "dobj":
                    continue  # "launched an offensive on forces near X", not "the offensive was a response to ..."
                if not out:
                    out += self._clause_places(pred if noun is None else noun)
                    self._loose = self._loose or (role == "any" and bool(out))
                continue
            for tok in self._role_tokens(role, pred, noun):
                if spec.subject_place and role == "subj" and tok.i in self.idx.actor_at and tok.i not in self.idx.place_at:
                    continue
                out += self._places_of(tok, partial)
        if not out and "obj" in roles and noun is None:
            out += self._next_place(pred)
        if out and roles is spec.place:
            # "X is liberated together with Y and Z", "X fell along with Y": the companions share the role
            for c in pred.children:
                if c.dep_ == "prep" and c.lower_ == "with" and any(g.lower_ in ("together", "along") for g in c.children):
                    out += [p for g in c.children if g.dep_ == "pobj" for p in self._places_of(g, partial)]
                    out += [p for g in c.children if g.dep_ == "pobj" for x in g.conjuncts for p in self._places_of(x, partial)]
        out = self._extend_lists(out)
        seen: set[tuple[str, int]] = set()
        unique = []
        for p in out:
            if (p.place_id, p.start) not in seen:
                seen.add((p.place_id, p.start))
                unique.append(p)
        return unique

    def _extend_lists(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """Coordination read on the surface too: a place followed by ", B, C and D" stands with them
        (the small parser often attaches long lists of names wrongly)."""
        if not found:
            return found
        idx, text = self.idx, self.idx.text
        out = list(found)
        have = {(p.place_id, p.start) for p in out}
        for p in list(found):
            k = bisect.bisect_right(idx.place_starts, p.start)
            prev = p
            while k < len(idx.places) and idx.places[k].start < self.span[1]:
                nxt = idx.places[k]
                if nxt.start < prev.end:
                    k += 1
                    continue
                if not list_gap(text[prev.end : nxt.start]):
                    break
                if (nxt.place_id, nxt.start) not in have:
                    out.append(nxt)
                    have.add((nxt.place_id, nxt.start))
                prev = nxt
                k += 1
        return out

    def _next_place(self, pred: Token, list_head: bool = False) -> list[PlaceMention]:
        """The object read from word order when the parse lost it: the place right after the verb
        (``list_head``: right after "including", where "the towns of" may come first)."""
        idx = self.idx
        end = pred.idx + len(pred)
        k = bisect.bisect_left(idx.place_starts, end)
        if k >= len(idx.places) or idx.places[k].start >= self.span[1]:
            return []
        p = idx.places[k]
        between = [t for t in self.tokens if end <= t.idx < p.start]
        if list_head:
            between = [t for t in between if not (t.lower_ == "of" or t.pos_ == "DET" or t.lemma_.lower() in self.lang.place_class)]
        if any(t.pos_ in ("ADP", "VERB", "SCONJ", "PUNCT") for t in between) or len(between) > 3:
            return []  # "advancing on X", "moved, X": not an object
        return [p]

    def _argument_noun(self, noun: Token) -> bool:
        """An event noun that is what the clause is about: a subject or object, the head of a headline, a
        complement of another noun ("reports of shelling", "an escalation in airstrikes"), or joined to one."""
        for _ in range(3):
            if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT", "appos", "attr"):
                return True
            if noun.dep_ == "pobj" and noun.head.head.pos_ in _NOMINAL and noun.head.lower_ not in self.lang.time_preps:
                return True
            if noun.dep_ != "conj":
                return False
            noun = noun.head
        return False

    def _role_token(self, roles: Sequence[str], pred: Token, noun: Token | None) -> Token | None:
        for role in roles:
            toks = self._role_tokens(role, pred, noun)
            if toks:
                return toks[0]
        return None

    def _role_tokens(self, role: str, pred: Token, noun: Token | None) -> list[Token]:
        base = noun if noun is not None else pred
        nominal = noun is not None and noun.i == pred.i
        if role == "self":
            return [base]
        if role == "subj":
            if nominal:
                # "the rebels launched an attack on X", "rebels declared the liberation of X": the verb's subject
                if base.dep_ in ("dobj", "attr") and base.head.pos_ in _VERBAL:
                    s = self._subject(base.head)
                    return [s] if s is not None else []
                return []
            s = self._subject(pred)
            return [s] if s is not None else []
        if role == "subjpass":
            if nominal:
                return []
            found = [c for c in pred.children if c.dep_ == "nsubjpass"]
            if not found and pred.dep_ == "acl" and pred.tag_ == "VBN":
                found = [pred.head]  # "the town, captured by the rebels on Friday"
            if not found and pred.dep_ == "conj" and pred.head.pos_ in _VERBAL:
                found = [c for c in pred.head.children if c.dep_ == "nsubjpass"]
            return self._in(found)
        if role == "obj":
            if nominal:
                return []
            return self._in(self._objects(pred))
        if role == "by":
            agents = [g for c in base.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not agents:  # "by" as a plain preposition: only a party, never "by noon" or "by car"
                agents = [g for c in base.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                          if g.dep_ == "pobj" and (self._actor_of(g) is not None or g.lemma_.lower() in self.lang.military_nouns)]
            return self._in(agents)
        if role == "poss":
            return self._in([c for c in base.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                             and (c.i in self.idx.actor_at or c.lemma_.lower() in self.lang.military_nouns)])
        if role.startswith("objprep:"):
            # "repelled an attack on X": the preposition hangs on the verb's object
            words = role[8:].split()
            return self._in([o for obj in self._objects(pred) for o in self._prep_objects(obj, words)]) if not nominal else []
        if role.startswith("prep:"):
            words = role[5:].split()
            found = self._prep_objects(base, words)
            if not found and noun is not None and noun.i != pred.i:
                found = self._prep_objects(pred, words)
            if not found and nominal and base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ in _NOMINAL:
                found = self._prep_objects(base.head.head, words)  # "footage of troops in X", "positions of the army in X"
            if not found and nominal and base.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and base.head.pos_ in _VERBAL \
                    and words[0] not in ("of", "by", "to") and not self._weak:
                found = self._prep_objects(base.head, words)  # "airstrikes killed ten people in X"
            return self._in(found)
        return []

    def _in(self, toks: Iterable[Token]) -> list[Token]:
        return [t for t in toks if t.i in self.ids]

    def _objects(self, pred: Token, passive: bool = False) -> list[Token]:
        objs = [c for c in pred.children if c.dep_ in ("dobj",) or (passive and c.dep_ == "nsubjpass")]
        if not objs and pred.dep_ == "conj" and pred.head.pos_ in _VERBAL:
            # "seized and looted X": the object is shared only when the first verb has none of its own
            pass
        out = []
        for o in objs:
            out.append(o)
            out += [c for c in o.conjuncts if c.i > o.i]
        return out

    def _subject(self, verb: Token, depth: int = 0) -> Token | None:
        if depth > 4:
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return None  # a passive verb's subject is what it happened to, not who did it
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return verb.head
                return c
        if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL:
            return self._subject(verb.head, depth + 1)
        if verb.dep_ in ("advcl", "xcomp", "pcomp") and verb.tag_ in ("VBG", "VB", "VBN") and verb.head.pos_ in _VERBAL:
            return self._subject(verb.head, depth + 1)
        if verb.dep_ in ("relcl", "acl") and any(c.tag_ == "TO" for c in verb.children) and verb.head.dep_ == "dobj" \
                and verb.head.head.pos_ in _VERBAL:
            return self._subject(verb.head.head, depth + 1)  # "the army launched an offensive to retake X"
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return verb.head
        return None

    def _prep_objects(self, tok: Token, words: list[str]) -> list[Token]:
        holders = [tok] + [c for c in tok.children if c.dep_ in ("prt", "advmod", "acomp", "conj") and c.pos_ != "VERB"]
        out: list[Token] = []
        for h in holders:
            for c in h.children:
                if c.lower_ != words[0] or c.dep_ not in ("prep", "agent", "dative", "prt", "advmod"):
                    continue
                if len(words) == 1:
                    objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                else:
                    objs = [g for cc in c.children if cc.lower_ == words[1] for g in cc.children if g.dep_ == "pobj"]
                    if not objs and h.i == tok.i:  # "out" and "of" both on the verb
                        objs = [g for cc in tok.children if cc.lower_ == words[1] and cc.dep_ == "prep"
                                for g in cc.children if g.dep_ == "pobj"]
                for o in objs:
                    out.append(o)
                    out += [x for x in o.conjuncts if x.i > o.i]
        return out

    # ------------------------------------------------------------------ places

    def _places_of(self, tok: Token, partial: list[str], depth: int = 0) -> list[PlaceMention]:
        """The places a role token stands for: its name, an appositive ("the town of X"), a part of a
        place ("parts of X", contested), or a noun or pronoun referring back ("the town", "it")."""
        idx, lang = self.idx, self.lang
        if depth > 3:
            return []
        if tok.i in idx.place_at:
            return [idx.place_at[tok.i]]
        lemma = tok.lemma_.lower()
        named = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss", "amod") and c.i in idx.place_at]
        if named and lemma in lang.place_class:
            # "the A and B districts of C city": every named one, and the city partly
            listed = [idx.place_at[c.i] for c in named]
            listed += [idx.place_at[x.i] for c in named for x in c.conjuncts if x.i in idx.place_at]
            if lemma in lang.partial:
                whole = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                         if g.dep_ == "pobj" for p in self._places_of(g, partial, depth + 1)]
                partial.extend(p.place_id for p in whole)
                listed += whole
            return listed
        out: list[PlaceMention] = []
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if lemma in lang.partial and of:
            for o in of:
                out += self._places_of(o, partial, depth + 1)
                out += [p for x in o.conjuncts for p in self._places_of(x, partial, depth + 1)]
            partial.extend(p.place_id for p in out)
            return out
        if (tok.lower_ in lang.region_full or tok.lower_ in lang.region_hedges) and of:
            # "almost all of X", "the entirety of X", "most of X": the quantity is read by _region
            for o in of:
                out += self._places_of(o, partial, depth + 1)
                out += [p for x in o.conjuncts for p in self._places_of(x, partial, depth + 1)]
            if out:
                return out
        if (lemma in lang.place_class or tok.lower_ in lang.place_class) and of:
            for o in of:
                out += self._places_of(o, partial, depth + 1)
            if out:
                return out
        for c in tok.children:
            if c.dep_ == "appos" and c.i in idx.place_at:
                return [idx.place_at[c.i]]
        if lemma in lang.position_nouns or tok.lower_ in lang.position_nouns:
            # "withdrew from their positions in X", "abandoned its posts at X": the posts stand for X
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside", "within"):
                    out += [p for g in c.children if g.dep_ == "pobj" for p in self._places_of(g, partial, depth + 1)]
            if out:
                return out
        for c in tok.children:  # "20 villages, including the towns of A and B", "towns such as A"
            if c.dep_ == "prep" and c.lower_ in ("including", "like", "as", "among"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        out += self._places_of(g, partial, depth + 1)
        if out:
            return out
        listed = self._listed_after(tok) if lemma in lang.place_class and tok.tag_ in ("NNS", "NNPS") else []
        if listed:
            # "left the towns around X, including A, B and C", "captured 20 villages, among them A and B"
            return listed
        if tok.lower_ in lang.place_anaphora and any(c.lower_ in _DETERMINERS for c in tok.children) \
                and not any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.children):
            return self._antecedents(tok, lang.place_anaphora[tok.lower_], plural=tok.tag_ in ("NNS", "NNPS"))
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return self._antecedents(tok, "any", plural=False, within=300)
        if tok.lower_ == "them" and tok.dep_ == "dobj":
            return self._antecedents(tok, "any", plural=True, within=400)
        return []

    def _listed_after(self, tok: Token) -> list[PlaceMention]:
        """The places a plural place noun introduces later in its sentence ("20 towns ..., including A, B")."""
        for t in self.tokens:
            if t.i > tok.i and t.lower_ in ("including", "namely", "among"):
                if t.lower_ == "among" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "them":
                    t = t.doc[t.i + 1]
                first = self._next_place(t, list_head=True)
                return self._extend_lists(first) if first else []
        return []

    def _antecedents(self, tok: Token, kind: str, plural: bool, within: int = 600) -> list[PlaceMention]:
        idx = self.idx
        pos = tok.idx
        i = bisect.bisect_left(idx.place_starts, pos)
        earlier = [p for p in idx.places[max(0, i - 40) : i] if pos - p.start <= within
                   and p.kind != "region" and (kind == "any" or p.kind == kind)
                   and not (self.span[0] <= p.start and self._same_phrase(p, tok))]
        if not earlier:
            return []
        if not plural:
            return [earlier[-1]]
        # "these villages": the places of the last sentence (or list) that named such places
        last = earlier[-1]
        group = [p for p in earlier if p.start >= last.start - 200]
        return group

    def _same_phrase(self, p: PlaceMention, tok: Token) -> bool:
        return tok.i in self.idx.place_at and self.idx.place_at[tok.i] is p

    def _clause_places(self, pred: Token) -> list[PlaceMention]:
        """Places in the predicate's own clause (events only): not inside another clause's verb."""
        root = pred
        while root.pos_ not in _VERBAL and root.dep_ not in ("ROOT",) and root.head.i != root.i:
            root = root.head
        out: list[PlaceMention] = []
        for t in root.subtree:
            if t.i not in self.ids or t.i not in self.idx.place_at:
                continue
            cur, ok = t, True
            while cur.i != root.i and cur.head.i != cur.i:
                cur = cur.head
                if cur.i != root.i and cur.pos_ in _VERBAL and cur.dep_ in ("ccomp", "advcl", "relcl", "conj", "xcomp", "parataxis"):
                    ok = False
                    break
            p = self.idx.place_at[t.i]
            if ok and (not out or out[-1] is not p):
                out.append(p)
        return out

    def _region(self, places: Sequence[PlaceMention], pred: Token, noun: Token | None) -> str:
        if not any(p.kind == "region" for p in places):
            return ""
        lang = self.lang
        words: set[str] = set()
        for p in places:
            if p.kind != "region":
                continue
            i = bisect.bisect_left(self.starts, p.start)
            words |= {t.lower_ for t in self.tokens[max(0, i - 6) : i]}
        for t in (pred, noun):
            if t is not None:
                words |= {c.lower_ for c in t.children}
        if words & lang.region_hedges:
            return "hedged"
        return "full" if words & lang.region_full else "plain"

    # ------------------------------------------------------------------ parties

    def _party(self, tok: Token | None) -> tuple[ActorMention | None, str, bool, bool]:
        """(actor, side, armed, explicit) for a role token."""
        if tok is None:
            return None, "", False, False
        actor = self._actor_of(tok)
        if actor is not None:
            # a named force of no side of this theater (side "unknown") still fights: armed, no holder
            return actor, actor.side, actor.side not in ("civilians", ""), True
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if lower in _SUBJ_PRONOUNS and tok.head.dep_ == "ccomp" and self._speaker_clause(tok.head.head):
            # "HTS said it had taken X": the pronoun under a verb of saying is its speaker
            speaker = next(c for c in tok.head.head.children if c.dep_ == "nsubj")
            actor = self._actor_of(speaker)
            if actor is not None and actor.side not in ("civilians", ""):
                return actor, actor.side, True, False
        if lower in _SUBJ_PRONOUNS and self.last_actor is not None:
            return self.last_actor, self.last_actor.side, True, False
        if (lemma in self.lang.party_nouns or lower in self.lang.party_nouns) and self.last_actor is not None \
                and any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in tok.children) \
                and not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in tok.children):
            return self.last_actor, self.last_actor.side, True, False  # "the groups", "these factions": the last party
        if lemma in self.lang.military_nouns or lower in self.lang.military_nouns:
            # "the fighters", "these units" refer back to the last armed party; "revolutionary forces",
            # "armed groups" describe a party of their own that the dictionary does not name
            definite = any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in tok.children)
            described = any(c.dep_ in ("amod", "compound", "nmod") for c in tok.children)
            last = self.last_actor if definite and not described else None
            return last, last.side if last else "", True, True
        if tok.i in self.idx.place_at:
            if self.idx.place_at[tok.i].kind == "country":
                return None, "", True, True  # a foreign state acting ("Israel advanced"): armed, no side here
            return None, "", False, False  # a place as subject ("X fell")
        if lower in _SUBJ_PRONOUNS:
            return None, "", False, False
        return None, "", False, True

    def _actor_of(self, tok: Token) -> ActorMention | None:
        at = self.idx.actor_at
        if tok.i in at:
            return at[tok.i]
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i in at:
                return at[c.i]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "loyal"):
                for g in c.children:
                    if g.i in at:
                        return at[g.i]
        return None

    def _is_weapon(self, tok: Token | None) -> bool:
        if tok is None:
            return False
        words = {tok.lower_, tok.lemma_.lower()} | {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        return bool(words & self.lang.weapons)

    def _civilian_target(self, pred: Token, noun: Token | None) -> bool:
        base = noun if noun is not None else pred
        objs = self._objects(pred, passive=True) + [g for c in base.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "of")
                                                    for g in c.children if g.dep_ == "pobj"]
        # "struck X, killing dozens of civilians": the victims of a participle that follows the strike
        for v in pred.children:
            if v.dep_ in ("advcl", "conj", "xcomp") and v.pos_ == "VERB":
                for o in self._objects(v, passive=True):
                    objs.append(o)
                    objs += [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        civ = self.lang.civilian_nouns
        return any(o.lemma_.lower() in civ or o.lower_ in civ or any(c.lower_ in civ for c in o.children if c.dep_ in ("compound", "amod"))
                   or (o.i in self.idx.actor_at and self.idx.actor_at[o.i].side == "civilians") for o in objs)

    def _under_holder(self, pred: Token, spec: FrameSpec) -> bool:
        head = pred.head if pred.dep_ in ("acomp", "amod", "attr") else pred
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lemma_.lower() in spec.holders

    # ------------------------------------------------------------------ qualifiers

    def _in_time_clause(self, noun: Token) -> bool:
        cur = noun
        for _ in range(3):
            head = cur.head
            if head.i == cur.i:
                return False
            if cur.dep_ == "pobj" and head.lower_ in self.lang.time_preps:
                return True
            if head.lower_ in self.lang.time_preps and head.dep_ in ("prep", "mark", "advmod"):
                return True
            cur = head
        return False

    def _negated(self, tok: Token) -> bool:
        neg = self.lang.negations
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in neg) for c in tok.children):
            return True
        cur = tok
        for _ in range(5):  # "reports about the fall of X were false", "the army denied that X had fallen"
            if cur.head.i == cur.i or self._speaker_clause(cur):
                break  # "HTS said it took X; the army denied it": a party's claim that another denies is disputed
            cur = cur.head
            if cur.lemma_.lower() in self.lang.denials or any(
                    c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in self.lang.denials for c in cur.children):
                return True
        head = tok.head if tok.dep_ in ("acomp", "xcomp", "dobj", "attr", "pobj") else None
        return head is not None and any(c.dep_ == "neg" for c in head.children)

    def _speaker_clause(self, tok: Token) -> bool:
        """A verb of saying with a speaker of its own ("HTS said ...")."""
        return tok.lemma_.lower() in self.lang.claim_verbs and tok.pos_ in _VERBAL and any(
            c.dep_ == "nsubj" for c in tok.children)

    def _disputed(self, tok: Token) -> bool:
        """A claim that another party denies in the same sentence ("HTS said it took X; the army denied it",
        "rebels claimed X, a claim the army denied")."""
        cur = tok
        for _ in range(6):
            if self._speaker_clause(cur) and cur.i != tok.i:
                speaker = next(c for c in cur.children if c.dep_ == "nsubj")
                return any(t.lemma_.lower() in self.lang.denials and t.pos_ in _VERBAL and t.i != cur.i
                           and any(c.dep_ == "nsubj" and c.i != speaker.i for c in t.children) for t in self.tokens)
            if cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def _purpose(self, tok: Token) -> bool:
        """A to-infinitive that is an aim, not a happening ("to retake X"), unless its head realizes it."""
        if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
            return False
        if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children):
            return False  # "appear to have entered X", "said to have taken X": told as done
        head = tok.head.lemma_.lower()
        lang = self.lang
        return tok.dep_ in ("advcl", "relcl", "acl", "xcomp") and head not in lang.realized_heads \
            and head not in lang.hedges and head not in lang.claim_verbs

    def _attack_head(self, tok: Token) -> bool:
        """The aim belongs to an attack or an advance: its head (or the head's object) is a fighting word."""
        head = tok.head
        words = {head.lemma_.lower(), head.lower_} | {c.lemma_.lower() for c in head.children if c.dep_ == "dobj"}
        return bool(words & self._fight_words)

    def _irrealis(self, tok: Token) -> bool:
        lang = self.lang
        cur = tok
        for _ in range(6):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lang.modals for c in cur.children):
                return True
            if cur.i != tok.i and cur.lemma_.lower() in lang.irrealis_heads:
                return True
            if cur.i != tok.i and self._speaker_clause(cur):
                return False  # what a party said stands as its claim, whatever governs the saying
            if cur.dep_ in ("xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj", "conj", "acomp", "attr") \
                    and cur.head.i != cur.i:
                cur = cur.head
            else:
                break
        return False

    def _hedged(self, tok: Token) -> bool:
        lang = self.lang
        cur = tok
        for _ in range(4):
            if cur.lemma_.lower() in lang.hedges or any(c.lower_ in lang.hedges for c in cur.children if c.dep_ == "advmod"):
                return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return False

    def _claimant(self, tok: Token) -> ActorMention | None:
        """The speaker when the predicate sits under a verb of saying ("state TV said the rebels had fled")."""
        cur = tok
        for _ in range(6):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.lemma_.lower() in self.lang.claim_verbs and cur.pos_ in _VERBAL:
                subj = self._subject(cur)
                if subj is None:
                    return None
                return self._actor_of(subj) or self.media.get(subj.i) or next(
                    (self.media[c.i] for c in subj.children if c.i in self.media), None)
        return None
