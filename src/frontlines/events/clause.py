"""One sentence read by the clause reader: a frame's predicate, roles and qualifiers into a :class:`Frame`."""

from __future__ import annotations

from frontlines.events.frames import _VERBAL, Frame, Token, _DocIndex, to_infinitive
from frontlines.events.lexicon import FrameSpec, Language, pack_words
from frontlines.events.states import _States
from frontlines.models import ActorMention, PlaceMention

# the kinds of frame whose verb ends a party's hold on what it acts on ("overran army positions in X")
_CHANGE_KINDS = frozenset({"capture", "expel", "withdraw", "loss", "handover", "surrender"})

class _Sentence(_States):
    """Role filling within one sentence."""

    def __init__(self, lang: Language, idx: _DocIndex, media: dict[int, ActorMention], span: tuple[int, int],
                 tokens: list[Token], last_actor: ActorMention | None, doc_id: str, fight_words: frozenset[str] = frozenset(),
                 control_verbs: frozenset[str] = frozenset(),
                 quiet_words: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
                 noun_refs: dict[str, ActorMention | None] | None = None,
                 last_attacker: ActorMention | None = None, struck_before: Frame | None = None,
                 left_before: tuple[PlaceMention, ...] = (), voice: str = ""):
        self.lang = lang
        self.voice = voice  # the side the document speaks for: "our forces" are its
        self.idx = idx
        self.media = media
        self.span = span
        self.tokens = tokens
        lo = tokens[0].i if tokens else 0
        self.ids = range(lo, lo + len(tokens))  # the sentence's tokens are contiguous
        self.last_actor = last_actor
        self.last_attacker = last_attacker  # the doer of the last attack or taking read
        # the sentence is a question (it ends with a question mark): read once, asked of every predicate in it
        # (the index's text: a spaCy doc joins its tokens anew each time it is asked for its text)
        self.asking = bool(tokens) and idx.text[span[0] : span[1]].rstrip().rstrip("\"'”").endswith("?")
        # what "the fighters", "the units" stood for when the sentences just before named such a noun (lemma ->
        # party, None for a group of no side: "local fighters")
        self.noun_refs: dict[str, ActorMention | None] = noun_refs or {}
        self.doc_id = doc_id
        self._weak = False
        self._loose = False
        self._fight_words = fight_words
        self._control_verbs = control_verbs
        self._battle_words, self._leave_verbs = quiet_words
        self._named_alone: set[int] = set()  # starts of earlier places a singular noun referred back to ("the airport")
        # the strike one of the two sentences before told of: a bare "strikes" here is more of the same, not a walkout
        self.struck_before = struck_before
        # the places the sentence just before told a force leaving: where "A moved in" with no place of its own went
        self.left_before = left_before
        self.starts = idx.starts[lo : lo + len(tokens)]
        self._lowers: set[str] | None = None

    @property
    def weapon_air(self) -> bool:
        return bool(self.lowers & self.lang.air_weapons)

    @property
    def weapon_ground(self) -> bool:
        return bool(self.lowers & self.lang.ground_weapons)

    def _toll_doer(self, noun: Token) -> Token | None:
        """The subject of a verb of harm whose toll a strike noun after "in" tells ("jets killed ten in strikes on X")."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during"):
            return None
        verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head
        if verb.lemma_.lower() not in self.lang.harm_verbs:
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)

    def _strike_noun(self, tok: Token | None) -> bool:
        """A noun of a strike or a shelling ("strike", "airstrikes", "shelling")."""
        nouns = pack_words(self.lang, "strike-nouns", lambda g: (n for f in g.frames if f.kind in ("strike", "shelling")
                                                                 for n in f.nouns))
        return tok is not None and (tok.lower_ in nouns or tok.lemma_.lower() in nouns)

    # ------------------------------------------------------------------ frames

    def _moves_in(self, pred: Token) -> bool:
        """An entry or a taking told with no place of its own, by its adverb ("moved in", "took over", "went inside") or
        by a verb of entry left without its object ("entered from the west"); not one that aims elsewhere ("advanced
        to within 20 km of the capital", "moved in towards X")."""
        told = pred.lemma_.lower() in self.lang.entry_verbs or any(
            c.dep_ in ("prt", "advmod") and c.lower_ in self.lang.entry_adverbs for c in pred.children)
        # (a place before the verb sets the scene: "In X, A moved in")
        return told and not any(c.dep_ == "prep" and c.i > pred.i and (c.lower_ in self.lang.goal_preps or any(
            t.i in self.idx.place_at for t in c.subtree)) for c in pred.children)

    def _vacated(self, pred: Token, spec: FrameSpec, partial: list[str]) -> list[PlaceMention]:
        """The places that another verb of the sentence says a party left ("after B abandoned its positions in X, A
        moved in and took over"): where an entry or a taking with no place of its own happened."""
        leaving = [t for t in self.tokens if t.i != pred.i and t.pos_ in _VERBAL and t.lemma_.lower() in self._leave_verbs]
        # ("X was abandoned by B, and A drove in": the passive's subject)
        found = [p for t in leaving for p in self._role_places(("prep:from", "prep:out of", "obj", "subjpass"), t, None, spec,
                                                               partial)]
        # ("B abandoned X on Monday. A moved in the same day": the place the sentence before told left)
        return found or ([] if leaving else list(self.left_before))

    def _scene(self, pred: Token, partial: list[str]) -> list[PlaceMention]:
        """The places of an "in" phrase that opens the clause of ``pred`` (or of the verb it is joined to), before its
        subject: "In X on Friday, B's garrison drove off, and A walked in"."""
        verb = pred
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        first = min((c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), default=verb.i)
        return [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "inside") and c.i < first
                for g in c.children if g.dep_ == "pobj" for p in self._places_of(g, partial)]

    def _fires_from_afar(self, noun: Token) -> bool:
        """A force named as the doer ("by ...") of a strike or a shelling: the place after it is the fire's."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "by":
            return False
        return self._strike_noun(noun.head.head)

    def _taken_over(self, noun: Token) -> bool:
        """A force or its posts named as what a verb of taking or leaving acts on ("overran army positions in X",
        "abandoned their positions in X"): no presence after the deed."""
        verb = noun.head
        if noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ not in _VERBAL:
            return False
        return any(f.kind in _CHANGE_KINDS and verb.lemma_.lower() in f.verbs for f in self.lang.frames)

    def read(self, spec: FrameSpec, pred: Token, noun: Token | None) -> Frame | None:
        self._weak = spec.weak  # a presence is read from the noun's own prepositions only
        self._loose = False
        partial: list[str] = []
        if spec.state_nouns:
            return self._state(spec, pred)
        if spec.modifiers:
            return self._held_modifier(spec, pred)
        if spec.kind == "presence" and noun is not None and noun.dep_ in ("nsubj", "nsubjpass"):
            # "the last army units in the city were allowed to leave": a force told leaving is no presence there
            verb = noun.head
            if any(v.lemma_.lower() in self._leave_verbs for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp"))):
                return None
        if spec.kind == "presence" and noun is not None and (self._fires_from_afar(noun) or self._taken_over(noun)):
            # "air strikes by government forces in X": X is where the strikes fell, not where the forces are; "rebels
            # overran army positions in X": the posts were the army's until the taking the sentence tells
            return None
        if noun is None and (pred.pos_ == "ADJ" or pred.dep_ in ("acomp", "oprd")
                             or ((pred.lower_ in spec.adjectives or pred.lower_ in spec.negated_adjectives)
                                 and pred.lemma_.lower() not in spec.verbs and pred.dep_ != "amod")):
            return self._adjective(spec, pred)  # (also a participle the parser made the verb: "X remained contested")
        places = self._role_places(spec.place, pred, noun, spec, partial)
        if not places and noun is None and self._gathered_to(spec, pred):
            # "in X, thousands gathered on Friday to protest": the place of the gathering
            places = self._role_places(spec.place, pred.head, None, spec, partial)
        if not places and spec.control == "none" and spec.event and (noun is None or noun.i != pred.i or noun.dep_ == "ROOT"):
            # an incident line "D, X: gunmen shot dead a man near his home": a violent act with no place of its own
            # happened at the labelled place
            places = self._label_place(pred, alone=True)
        source = self._role_places(spec.source, pred, noun, spec, partial)
        goal = self._role_places(spec.goal, pred, noun, spec, partial)
        if spec.object_not == "civilian" and noun is None:
            moved = [x for o in self._objects(pred) for x in (o, *o.conjuncts)]
            if moved and all(self._civilian_word(x) for x in moved):
                return None  # "evacuated civilians to X", "moved the wounded out of X": no force left X
        if spec.objects and not any((c.lemma_.lower() in spec.objects or c.lower_ in spec.objects or any(
                x.dep_ == "compound" and x.lower_ in spec.objects for x in c.children))  # ("mortar rounds")
                and not self._civilian_group(c) for c in self._with_of(self._objects(pred, passive=True))):
            return None
        if not (places or source or goal) and noun is None and (
                (spec.kind in ("capture", "enter") and not self._objects(pred) and self._moves_in(pred))
                or (spec.kind in ("handover", "capture") and self._objects(pred)
                    and all(o.lower_ in self.lang.position_nouns or o.lemma_.lower() in self.lang.position_nouns
                            for o in self._objects(pred)))):
            # ("In X, A overran checkpoints and security branches": the posts taken are the scene's)
            # "after B abandoned X, A moved in", "B withdrew from X and handed its positions to A": the place just left;
            # else the place a fronted "in" sets the clause in ("In X, A moved in on Friday")
            places = self._vacated(pred, spec, partial) or self._scene(pred, partial)
        if not (places or source or goal) and noun is None and spec.control != "none" and pred.dep_ == "ROOT" \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in pred.children):
            places = self._heading_place(pred)  # "X" above "- Captured by A on 1 December"
        if not (places or source or goal):
            return None
        if spec.subjects:  # "shells landed in X": the frame needs a subject of its own kind
            subj = self._subject(pred) if noun is None else None
            if subj is not None and (subj.lemma_.lower() in self.lang.quantity_nouns or subj.tag_ == "CD"):
                # "hundreds of protesters gathered": the counted are the subject's kind
                subj = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                             if g.dep_ == "pobj"), subj)
            if (subj is None or not {subj.lower_, subj.lemma_.lower()} & spec.subjects) and noun is None:
                # "amid an escalation in fighting in X, spreading to Y": a participle with no subject of its own
                # tells more of the kind of thing its clause just named
                subj = self._named_kind(pred, spec.subjects) or subj
            if subj is None or not {subj.lower_, subj.lemma_.lower()} & spec.subjects:
                return None
            if self._explosive(subj):
                return None  # "a car bomb exploded": the explosive frame reads it
        if spec.subject_place and not places and not source:
            return None
        agent_tok = self._role_token(spec.agent, pred, noun)
        span = pred.head
        if noun is None and pred.dep_ == "xcomp" and span.lemma_.lower() in self.lang.span_verbs and any(
                c.dep_ == "nsubj" and c.lower_ == "it" for c in span.children):
            # "it took A three days to take X": A, the one the span was taken by, is the doer (not "it")
            agent_tok = next((c for c in span.children if c.dep_ in ("dobj", "dative")
                              and c.lemma_.lower() not in self.lang.long_spans and c.tag_ != "CD"), agent_tok)
        if agent_tok is not None and agent_tok.lemma_.lower() in self.lang.enmity_nouns and any(
                c.dep_ == "poss" for c in agent_tok.children):
            agent_tok = None  # "its enemies took it": the other side of the owner, not the owner nor the party before
        if agent_tok is None and noun is not None and self._strike_noun(noun):
            agent_tok = self._toll_doer(noun)  # "A's jets killed 50 fighters in strikes on X": the strikes are A's
        if agent_tok is not None and noun is not None and noun.i == pred.i and noun.head.lemma_.lower() in self.lang.claim_verbs \
                and not self._party(agent_tok)[2]:
            # "the operations room announced the capture of X": a speaker, not the captor (the doer the noun names
            # itself still is: "monitors reported Turkish drone strikes on X")
            agent_tok = self._own_doer(spec, pred, noun)
        agent, agent_side, armed, explicit = self._party(agent_tok)
        # "shelling attributed to A pounded X", "strikes blamed on A": the deed's doer named by the attribution
        attributed = None if agent_side else self._attributed(
            agent_tok if agent_tok is not None else noun if noun is not None else pred)
        if attributed is not None:
            agent_tok = attributed
            agent, agent_side, armed, explicit = self._party(agent_tok)
        loser_tok = self._role_token(spec.loser, pred, noun)
        if loser_tok is None and spec.kind in ("strike", "shelling", "clash", "contest"):
            loser_tok = self._post_owner(pred, noun)  # "strikes hit A positions", "clashes at A checkpoints"
        if spec.require_loser and loser_tok is None and noun is None:
            return None  # "A pushed south from X": it set out from X, it drove nobody out
        loser, loser_side, loser_armed, _ = self._party(loser_tok)
        if spec.kind == "clash" and agent_tok is None and loser_tok is None:
            # "fighting raged around X as A closed in on the town": a fight that names no party of its own is fought
            # by the armed party another clause of its sentence has as its subject (not the owner of a target:
            # "army posts in X came under attack"; nor the dead: "three soldiers killed in an ambush")
            # (nor the doer of a deed the fight is said of, "stormed X in the heaviest fighting in years": that deed's
            # own frame tells the fight)
            around = {a.i for a in (noun if noun is not None else pred).ancestors}
            for fighter in (t for t in self.tokens if t.dep_ == "nsubj" and t.head.i != pred.i and t.head.pos_ in _VERBAL
                            and t.head.lemma_.lower() not in self.lang.harm_verbs and t.head.i not in around):
                found = self._party(fighter)
                if found[1] and found[1] not in ("civilians", "unknown") and found[2]:
                    agent_tok = fighter
                    agent, agent_side, armed, explicit = found
                    break
        if loser_side and loser_side == agent_side:
            loser, loser_side, loser_armed = None, "", False
        if spec.name == "fall" and agent_tok is None:
            explicit = False
        if agent_tok is not None and agent_tok.i in self.idx.place_at and self.idx.place_at[agent_tok.i].kind != "country" \
                and spec.military == "agent":
            if noun is not None or self.idx.place_at[agent_tok.i] not in places or any(
                    c.dep_ in ("dobj", "ccomp", "xcomp") for c in pred.children):
                return None  # "X captured the title": a town as the doer is a team, a council, a metonymy
            # ("X liberated!": the place is what the deed was done to, read as such above; nobody is named doing it)
            agent_tok, agent, agent_side, armed, explicit = None, None, "", False, False
        if (spec.kind == "kill" or (spec.kind == "strike" and spec.subjects)) and noun is None and any(
                self._strike_noun(t) for t in (agent_tok, *(
                    g for h in (pred, *(o for o in pred.children if o.dep_ == "dobj")) for c in h.children
                    if c.dep_ == "prep" and c.lower_ in ("in", "during") for g in c.children))):
            # "a drone strike killed four fighters", "its aircraft killed 50 militants in strikes on X": the strike's
            # toll (the strike's own frame reads it), no fight and no second strike
            return None
        if spec.military == "agent":
            if explicit and not armed:
                return None  # "trucks entered", "the mayor took", "the team captured"
            # ("left X to the advancing fighters", "X passed to fighters": a taking by a generic armed noun is the
            # theater's default attacker's, as a capture by "fighters" is)
            generic = armed and not explicit and spec.kind in ("capture", "handover")
            if spec.require_agent and not (armed and (agent_side or generic or (agent_tok is not None and self._first_person(agent_tok)))):
                return None  # ("our forces entered X": the voice of the report names the side)
        elif spec.military == "any":
            if (explicit and not armed and not loser_armed) or not (armed or loser_armed or self.armed_present):
                return None
        elif spec.military == "weapon":
            if noun is None and agent_tok is not None and {agent_tok.lower_, agent_tok.lemma_.lower()} & self.lang.generic_violence:
                return None  # "hostilities struck near X": the fighting frame reads it, no strike of its own
            if explicit and not armed and not self._is_weapon(agent_tok) and self._observer(agent_tok, noun):
                # "monitors recorded strikes on X", "we documented shelling of X": who tells of the strike is
                # not who struck; the strike still needs its weapon or its harm below. Its doer is the one the noun
                # names itself, if any ("monitors recorded Turkish drone strikes on X")
                agent_tok = self._own_doer(spec, pred, noun)
                agent, agent_side, armed, explicit = self._party(agent_tok)
            if explicit and not armed and not self._is_weapon(agent_tok):
                return None
            if agent_tok is not None and noun is None and self._explosive(agent_tok):
                return None  # "a roadside bomb struck a bus": the explosive frame reads it
            if noun is None and pred.lemma_.lower() in spec.weapon_verbs and not (
                    self.weapon_air or self.weapon_ground or self._is_weapon(agent_tok)):
                return None  # "fighters attacked X": a ground attack, read by the clash frame
            harmed = noun is not None and any(t.lemma_.lower() in self.lang.harm_verbs for t in self.tokens)
            # ("air strikes hit X ... Strikes were also reported on Y": the bare noun goes on with the strikes before)
            more = noun is not None and self.struck_before is not None and not any(
                c.dep_ in ("compound", "amod") and c.lower_ not in self.lang.continuation_adjectives for c in noun.children)
            # ("strikes hit weapons depots near X": strikes aimed at a force's posts are no workers' strikes)
            aimed = noun is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in spec.verbs and any(
                o.dep_ in ("dobj", "nsubjpass") and (o.lower_ in self.lang.position_nouns or o.lemma_.lower() in self.lang.position_nouns)
                for o in noun.head.children)
            if not (self.weapon_air or self.weapon_ground or armed or self._is_weapon(pred) or harmed or more or aimed):
                return None
            if noun is not None and noun.lower_ in self.lang.ground_strike_nouns and not (
                    self.weapon_air or more or any(c.lower_ in self.lang.air_weapons for c in noun.children)):
                return None  # "a partnered raid near X": a ground raid, no strike from the air
            if more and agent is None and not agent_side and self.struck_before is not None:
                # ("Further strikes hit Y": by whoever struck just before)
                agent, agent_side, armed = self.struck_before.agent, self.struck_before.agent_side, self.struck_before.agent_armed
        if spec.kind == "explosive" and noun is not None and not any(
                t.lemma_.lower() in self.lang.harm_verbs or t.lemma_.lower() in self.lang.blast_verbs
                or t.lemma_.lower() in self.lang.blast_nouns for t in self.tokens):
            return None  # "landmines remain a concern in X": a danger told, no charge went off
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
        purpose = spec.military != "none" and self._purpose(pred) and (
            self._attack_head(pred) or (spec.kind in ("capture", "enter") and self._attempted(pred)))
        # an attempted attack is an attack ("attempted a counterattack at X"), whatever came of it
        tried = noun is not None and spec.kind == "clash" and noun.dep_ == "dobj" and self._attempted(noun)
        # ("fighters were massing near X to retake the town": forces gathered for a deed that has not happened)
        massing = spec.military != "none" and noun is None and self._aim_of(pred, self.lang.massing_verbs)
        irrealis = (purpose or massing or self._irrealis(pred)) and not tried
        if irrealis and self._gathered_to(spec, pred) and not self._negated(pred.head) and not self._irrealis(pred.head):
            irrealis = purpose = False  # "thousands marched on Friday to protest against X": the march is the protest
        hedged = self._hedged(pred)
        claimant = self._claimant(pred)
        if claimant is None and noun is not None and noun.i != pred.i and pred.lemma_.lower() in self.lang.claim_verbs:
            claimant = agent  # "claiming control of X": the party claims it for itself
        # (the weapon of its own part of the sentence first: "shelling hit A; a day later, a drone struck B")
        semis = [t.i for t in self.tokens if t.text == ";"]
        lo = max((i for i in semis if i < pred.i), default=-1)
        hi = min((i for i in semis if i > pred.i), default=len(pred.doc))
        part = {w for t in self.tokens if lo < t.i < hi for w in (t.lower_, t.lemma_.lower())}
        weapon = ("air" if part & self.lang.air_weapons else "ground" if part & self.lang.ground_weapons else
                  "air" if self.weapon_air else "ground" if self.weapon_ground else "")
        background = noun is not None and noun.i == pred.i and self._in_time_clause(noun)
        # "after the towns fell": a time clause that refers back to places told before retells their fall
        background = background or (noun is None and bool(places) and all(p.start < self.span[0] for p in places)
                                    and any(c.dep_ == "mark" and c.lower_ in self.lang.time_preps for c in pred.children))
        relative = noun is None and pred.dep_ == "relcl"
        # "the factions that took X will share ...": a restrictive relative clause that picks out a party by a deed of
        # its (no comma before "that", an article before the party) retells the deed; it had happened by then
        background = background or (relative and pred.head.pos_ in ("NOUN", "PROPN") and pred.head.i < pred.i
                                    and any(c.dep_ == "det" and c.lower_ == "the" for c in pred.head.children)
                                    and (pred.head.i in self.idx.actor_at or pred.head.lemma_.lower() in self.lang.military_nouns)
                                    and not any(t.text == "," for t in pred.doc[pred.head.i : pred.left_edge.i]))
        # "it took B four years to win X back": a deed told by the long span it took is history
        spanning = noun is None and self._aim_of(pred, self.lang.span_verbs) \
            and any(c.lemma_.lower() in self.lang.long_spans for c in pred.head.children)
        # ... and so is one done over such a span ("for eight years A had used X to shell Y": the shelling, the use)
        spanning = spanning or any(c.dep_ == "prep" and c.lower_ in self.lang.duration_preps and any(
            g.dep_ == "pobj" and g.lemma_.lower() in self.lang.long_spans for g in c.children)
            for v in (pred, *(h for h in pred.ancestors if h.pos_ in _VERBAL)) for c in v.children)
        key = noun if noun is not None and spec.light and noun.i != pred.i else pred
        # ("after a day of fighting B pulled its fighters out, and A entered X": the entry took X from B)
        left, left_side = self._left_by_other(agent_side, pred, places) if spec.kind == "enter" and agent_side and not partial \
            else (None, "")
        start = min(pred.idx, key.idx)
        end = max(pred.idx + len(pred), key.idx + len(key))
        return Frame(
            spec=spec, doc=self.doc_id, sentence=self.span, start=start, end=end, places=tuple(places),
            source=tuple(source), goal=tuple(goal), agent=agent, agent_side=agent_side, agent_explicit=explicit,
            agent_armed=armed, loser=loser if loser_side else left, loser_side=loser_side or left_side, yielded=bool(left_side),
            negated=negated, irrealis=irrealis, hedged=hedged,
            partial=frozenset(partial), region=region, claimant=claimant, weapon=weapon, civilian_target=victims,
            background=background, loose=self._loose, purpose=purpose, disputed=claimant is not None and self._disputed(pred),
            current=self._now(pred), prior=self._past_perfect(noun if noun is not None else pred),
            finite=self._finite(noun if noun is not None else pred), failed=self._failed(pred), agreed=self._agreed(pred),
            countered=noun is None and pred.lemma_.lower() in self.lang.counter_verbs,
            relative=relative, spanning=spanning, standing=relative and self._present_perfect_passive(pred), ongoing=self._ongoing(noun if noun is not None else pred),
            unopposed=(spec.control in ("agent", "winner") or spec.kind == "enter") and (
                self._unopposed(agent_side, pred) or self._under_deal(pred)
                # ("Israeli forces moved into X": a named force of no side of the theater, with no fight told, deploys)
                or (spec.kind == "enter" and agent_side == "unknown" and armed and not self._fight_told())),
            overran=spec.kind == "enter" and self._slight_resistance(pred),
            describes=pred.dep_ == "relcl" and (pred.head.i in self.idx.actor_at or pred.head.lemma_.lower() in self.lang.military_nouns),
            clause=self._clause_span(noun if noun is not None else pred),
            asides=self._asides(noun if noun is not None else pred),
            fought=spec.kind == "enter" and bool(self._fight_told()),
            time_phrases=self._time_phrases(pred) if pred.pos_ in _VERBAL else (),
        )

    def _post_owner(self, pred: Token, noun: Token | None) -> Token | None:
        """The party whose posts (or men and matériel) the deed hit or was fought at ("drone strikes hit A positions", "struck positions of
        group A", "fighting broke out at army checkpoints"): the owner named on a position noun that is the deed's
        object or the object of its preposition."""
        heads = [pred] if noun is None or noun.i == pred.i else [noun, *([noun.head] if noun.dep_ in ("nsubj", "nsubjpass") else [])]
        # (the objects of its own clause, however deep: "broke out on D at army checkpoints")
        targets = [t for h in heads for t in h.subtree if t.dep_ in ("dobj", "nsubjpass", "pobj") and not any(
            a.pos_ in _VERBAL for a in t.ancestors if a.i != h.i and h in a.ancestors)]
        posts = self.lang.position_nouns | self.lang.asset_nouns  # (or its men and matériel: "struck A gatherings")
        for t in targets:
            if t.lower_ not in posts and t.lemma_.lower() not in posts:
                continue
            owners = [c for c in t.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < t.i]
            owners += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            for o in owners:
                if self._party(o)[1] not in ("", "unknown", "civilians"):
                    return o
        return None

    @staticmethod
    def _clause_span(tok: Token) -> tuple[int, int]:
        """The characters of the clause of the verb that governs ``tok`` ("clashes near A killed four fighters, and B
        reported that a drone struck C, killing two": the clashes' clause ends before ", and"), without the clauses
        joined to it."""
        verb = tok
        while verb.pos_ not in _VERBAL and verb.head.i != verb.i:
            verb = verb.head
        cut = {c.i for c in verb.children if c.pos_ in _VERBAL and c.dep_ in ("conj", "parataxis")}
        own = []
        for t in verb.subtree:
            path = [t, *t.ancestors]
            if not any(a.i in cut for a in path[: path.index(verb)]):
                own.append(t)
        if not own:
            return (-1, -1)
        return (own[0].idx, own[-1].idx + len(own[-1]))

    @staticmethod
    def _named_kind(pred: Token, kinds: frozenset[str]) -> Token | None:
        """For a participle clause with no subject ("..., spreading to Y"), the last word of one of ``kinds`` in the
        clause it hangs on, before it; None otherwise."""
        if pred.dep_ != "advcl" or pred.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
            return None
        inside = {t.i for t in pred.subtree}
        return next((t for t in reversed(list(pred.head.subtree)) if t.i < pred.i and t.i not in inside
                     and {t.lower_, t.lemma_.lower()} & kinds), None)

    def _time_phrases(self, verb: Token) -> tuple[tuple[int, int], ...]:
        """The characters of each time phrase on ``verb`` whose object is a noun of a happening, not a day ("following
        the takeover of X on 5 December", "after the fall of Y")."""
        out = []
        # (the phrase may lead the first of two joined verbs: "Following X, A advanced and took Y on D"; the parser
        # may read "Following" as a participle)
        heads = [verb, *([verb.head] if verb.dep_ == "conj" else [])]
        for c in (c for h in heads for c in h.children):
            if c.dep_ in ("prep", "advcl") and c.lower_ in self.lang.time_preps and any(
                    g.dep_ in ("pobj", "dobj") and g.pos_ == "NOUN" and g.lower_ not in self.lang.calendar_words
                    for g in c.children):
                inner = list(c.subtree)
                out.append((inner[0].idx, inner[-1].idx + len(inner[-1])))
        return tuple(out)

    @staticmethod
    def _present_perfect_passive(pred: Token) -> bool:
        """"has been occupied", "have been held": a state that stands now, not the deed's news."""
        aux = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")}
        return bool(aux & {"has", "have"}) and "been" in aux

    def _gathered_to(self, spec: FrameSpec, pred: Token) -> bool:
        """A protest told as the aim of a crowd's gathering ("thousands marched to protest"): a protest of its own."""
        return spec.kind == "protest" and self._aim_of(pred, self.lang.gathering_verbs)

    @staticmethod
    def _aim_of(pred: Token, verbs: frozenset[str]) -> bool:
        """The predicate is a to-infinitive under one of ``verbs`` ("marched to protest", "massing to retake X", "it
        took A four years to win X back")."""
        return pred.dep_ in ("advcl", "xcomp") and to_infinitive(pred) and pred.head.lemma_.lower() in verbs

    def _attributed(self, tok: Token | None) -> Token | None:
        """The party a participle of attribution after ``tok`` names ("shelling attributed by sources to A": A), if
        the token is a deed's noun."""
        if tok is None or (tok.pos_ not in ("NOUN", "PROPN") and not (tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "dobj", "pobj"))):
            return None  # (a gerund standing as a noun counts: "shelling attributed to A hit X")
        for acl in tok.children:
            # ("a strike, which a medic blamed on A, killed five": a relative clause of attribution names it too)
            prep = self.lang.attribution.get(acl.lemma_.lower()) if (acl.dep_ == "acl" and acl.tag_ == "VBN") or (
                acl.dep_ == "relcl" and any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in acl.children)) else None
            party = next((g for c in acl.children if c.dep_ in ("prep", "dative") and c.lower_ == prep
                          for g in c.children if g.dep_ == "pobj" and self._names_party(g)), None) if prep else None
            if party is not None:
                return party
        return None

    def _explosive(self, tok: Token) -> bool:
        """The noun names a planted explosive ("a car bomb", "a roadside bomb", "an IED")."""
        modifiers = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")]
        heads = {tok.lower_, tok.lemma_.lower()}  # (in the plural too: "unexploded shells")
        return bool(heads & self.lang.explosive_phrases) or any(f"{m} {h}" in self.lang.explosive_phrases
                                                               for m in modifiers for h in heads)

    def _civilian_group(self, tok: Token) -> bool:
        """A group noun whose members are civilians ("members of one family", "workers' relatives")."""
        return any(self._civilian_word(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj")

    def _own_doer(self, spec: FrameSpec, pred: Token, noun: Token | None) -> Token | None:
        """The doer a happening noun names itself, not through the verb it is the object of: by its modifiers or its
        "by" ("A's strikes", "strikes by A"), or the theater's name for the happening is the noun ("Turkish drone
        strikes")."""
        if noun is None:
            return None
        if noun.i in self.idx.actor_at:
            return noun
        return self._role_token([r for r in spec.agent if r != "subj"], pred, noun)

    def _observer(self, agent_tok: Token | None, noun: Token | None) -> bool:
        """The subject of a verb of witnessing or telling whose object is the happening noun ("monitors
        recorded strikes", "we documented shelling", "the ministry condemned the raids"): no doer of it."""
        if agent_tok is None or noun is None or noun.dep_ != "dobj" or noun.head.pos_ not in _VERBAL:
            return False
        lemma = noun.head.lemma_.lower()
        return lemma in self.lang.witness_verbs or lemma in self.lang.claim_verbs
