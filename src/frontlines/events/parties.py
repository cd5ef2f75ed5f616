"""Parties for the clause reader: who acts in a clause.

A role token is an armed party when the actor dictionary names it or a military noun heads it; a pronoun refers back
to the last armed party (or, under a verb of saying, to its speaker); a noun that ends a party's name stands for it.
The qualifiers half (:class:`frontlines.events.qualifiers._Qualifiers`) builds on this.
"""

from __future__ import annotations

from frontlines.events.frames import _DETERMINERS, _RELATIVE, _SUBJ_PRONOUNS, _VERBAL, NOT_ARMED, Token
from frontlines.events.lexicon import FrameSpec, Language, pack_words
from frontlines.events.roles import _Roles
from frontlines.models import ActorMention


def _attack_nouns(lang: Language) -> frozenset[str]:
    """The nouns of the pack's frames of fighting and entry ("assault", "offensive", "push"), once per pack."""
    return pack_words(lang, "attack-nouns", lambda g: (n for f in g.frames if f.kind in ("clash", "enter")
                                                       for n in f.nouns if " " not in n))


def _harm_verbs(lang: Language) -> frozenset[str]:
    """Verbs of harm and of the pack's frames of violence ("kill", "hit", "shell"), once per pack."""
    return pack_words(lang, "harm-verbs", lambda g: (*g.harm_verbs, *(v for f in g.frames
                                                                      if f.kind in ("clash", "strike", "shelling")
                                                                      for v in f.verbs)))


class _Parties(_Roles):
    """The parties of a sentence reader's roles."""

    media: dict[int, ActorMention]
    last_actor: ActorMention | None
    last_attacker: ActorMention | None
    asking: bool  # the sentence is a question (see _Sentence)
    noun_refs: dict[str, ActorMention | None]
    _battle_words: frozenset[str]
    voice: str  # the side the document speaks for ("" none)

    def _speaker_clause(self, tok: Token) -> bool:
        """The clause is a party's saying: read by the qualifiers half."""
        raise NotImplementedError

    def _claimant(self, tok: Token) -> ActorMention | None:
        """Whose claim the clause is: read by the qualifiers half."""
        raise NotImplementedError

    def _party(self, tok: Token | None) -> tuple[ActorMention | None, str, bool, bool]:
        """(actor, side, armed, explicit) for a role token; a role of no armed side joined to an armed party takes
        that party's ("armed residents and former rebels took X": the rebels')."""
        if tok is not None and (tok.lemma_.lower() in self.lang.quantity_nouns or tok.tag_ == "CD"
                                or tok.lower_ in self.lang.party_quantifiers) and tok.i not in self.idx.actor_at:
            # "many of the troops", "hundreds of fighters": the counted are the party
            tok = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                        if g.dep_ == "pobj"), tok)
        found = self._party_alone(tok)
        if (found[1] and found[2]) or tok is None:
            return found
        for other in tok.conjuncts:
            joined = self._party_alone(other)
            if joined[1] and joined[1] not in NOT_ARMED and joined[2]:
                return joined
        return found

    def _party_alone(self, tok: Token | None) -> tuple[ActorMention | None, str, bool, bool]:
        if tok is None:
            return None, "", False, False
        if _asks(tok):
            return None, "", False, False  # "not known which group has entered X", "unclear who holds X": asked, not told
        actor = self._affiliate(tok) or self._actor_of(tok)
        if actor is not None:
            # a named force of no side of this theater (side "unknown") still fights: armed, no holder (an outlet or a
            # monitor tells, it does not fight)
            return actor, actor.side, actor.side not in ("civilians", "") and not actor.media, True
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if lower in _SUBJ_PRONOUNS and tok.head.dep_ == "ccomp" and self._speaker_clause(tok.head.head):
            # "group A said it had taken X": the pronoun under a verb of saying is its speaker
            speaker = next(c for c in tok.head.head.children if c.dep_ == "nsubj")
            actor = self._actor_of(speaker)
            if actor is not None and actor.side not in ("civilians", ""):
                return actor, actor.side, True, False
        if lower in _SUBJ_PRONOUNS and lower not in _RELATIVE:
            # "the rebels reached X, and the town fell to them": an armed party named before in the sentence, else
            # the last one of the sentences before
            near = self._party_named_before(tok) or self.last_actor
            if near is not None:
                return near, near.side, True, False
        first = self._first_person(tok)
        speaker = self._quoted_speaker(tok) if first else None
        if speaker is None and first:
            # ("it was announced by group A that our forces left X": the speaker a passive's doer)
            said = self._claimant(tok)
            speaker = said if said is not None and not said.media and said.side not in NOT_ARMED else None
        if speaker is not None:  # '"Our forces are inside X," a commander of group A said': group A's forces
            return speaker, speaker.side, True, False
        if first and self.voice:
            return None, self.voice, True, True  # "our units were redeployed" in a side's own statement: its forces
        if (lemma in self.lang.party_nouns or lower in self.lang.party_nouns) and self.last_actor is not None \
                and any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in tok.children) \
                and not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in tok.children):
            return self.last_actor, self.last_actor.side, True, False  # "the groups", "these factions": the last party
        if (lower in self.lang.air_weapons or lower in self.lang.ground_weapons) and any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
            # "the army said its jets struck X", "A claimed its aircraft had killed ...": the owner's weapons
            said = self._saying_owner(tok)
            owner = (self._actor_of(said) or self._claimant(tok)) if said is not None else self._party_named_before(tok)
            if owner is not None and owner.side not in NOT_ARMED:
                return owner, owner.side, True, True
        if (lemma in self.lang.military_nouns or lower in self.lang.military_nouns) and any(
                c.dep_ in ("compound", "amod", "nmod") and c.lower_ in self.lang.unarmed_modifiers for c in tok.children):
            return None, "", False, True  # "aid convoys", "a wedding convoy", "medical teams": no force
        if lemma in self.lang.military_nouns or lower in self.lang.military_nouns or (
                lower in self.lang.owned_fighter_nouns and any(c.dep_ == "poss" for c in tok.children)):
            # "the fighters", "these units" refer back to the last armed party; "revolutionary forces",
            # "armed groups" describe a party of their own that the dictionary does not name
            # ("its fighters", "their units": the possessor's, the party named before)
            definite = any(c.dep_ in ("det", "poss") and c.lower_ in _DETERMINERS for c in tok.children)
            # (a subject the parser folded into a fronted date has the date's words as its modifiers: "On 9 December
            # troops moved into X")
            # (or hangs the date's words on the subject itself: "On 8 December fighters entered X")
            folded = self._folded_into_date(tok) or any(
                c.dep_ in ("compound", "nmod") and c.lower_ in self.lang.calendar_words for c in tok.children)
            # ("the advancing columns": a participle of what they do names no other party)
            # ("southern fighters": where they are from describes no other party)
            described = not folded and any(c.dep_ in ("amod", "compound", "nmod") and c.tag_ != "VBG"
                                           and c.lower_ not in self.lang.origin_adjectives for c in tok.children)
            owned = any(c.dep_ == "poss" for c in tok.children)
            last = None
            said = self._saying_owner(tok) if owned else None
            if said is not None:
                # "the ministry announced that its troops were redeploying": the sayer's own troops, whether or not
                # the dictionary knows the sayer (never the party named before in the sentence)
                # ("a spokesman for A said its fighters ...": the sayer's party, as the claim names it)
                actor = self._actor_of(said) or next((self.idx.actor_at[t.i] for t in said.subtree
                                                      if t.i in self.idx.actor_at), None) or self._claimant(tok)
                if actor is not None and actor.side not in NOT_ARMED:
                    return actor, actor.side, True, True
                return None, "", True, True
            if definite and not described and not owned and lemma in self.noun_refs:
                # "local fighters rose up ... The fighters took X": the same noun just before says whom it stands for
                last = self.noun_refs[lemma]
            elif definite and not described:
                last = (self._party_named_before(tok) if owned else None) or self.last_actor
            elif not described and not owned:
                # "a source of group A claimed that fighters took X": the speaker's own fighters; a bare plural
                # subject with no article carries on the story's last attacker ("A took X. Fighters also seized Y")
                last = self._quoted_speaker(tok)
                outlet = self._claimant(tok) if last is None else None
                if outlet is not None and outlet.media and outlet.side not in NOT_ARMED:
                    # "state TV claimed that troops had retaken X": a partisan outlet's own side's troops
                    return None, outlet.side, True, True
                # (a plural the tagger took for a name, as after a title line: "Fighters" tagged NNPS)
                if last is None and (tok.dep_ in ("nsubj", "nsubjpass") or folded) and tok.tag_ in ("NNS", "NNPS") \
                        and (folded or not any(c.dep_ not in ("acl", "relcl", "punct") and c.lower_ not in self.lang.origin_adjectives
                                               for c in tok.children)) \
                        and self.last_attacker is not None and tok.head.lemma_.lower() not in self._leave_verbs \
                        and not self._side_in_clause(tok.head, self.last_attacker.side):
                    # (the doer of an attack or a taking, not of a retreat; and not when the clause names that side
                    # itself: "troops drove the A fighters out of X"; nor the doer of a leaving: "A took X. Troops
                    # also abandoned Y" are the ones A fought)
                    last = self.last_attacker
            if last is None and not described and not owned:
                # "fighters advancing from A took X" with no party before: armed, and no one named (not an armed party
                # the text sets apart from the theater's sides, like "foreign troops")
                return None, "", True, False
            return last, last.side if last else "", True, True
        if any(c.dep_ == "amod" and c.lower_ in self.lang.armed_adjectives for c in tok.children):
            return None, "", True, True  # "armed men", "masked gunmen": an armed party the text gives no side
        if lower != "we" and first:
            return None, "", True, True  # "our heroes took X": the speaking side's fighters (its side: the voice's)
        if tok.pos_ in ("NOUN", "PROPN") and lemma in _attack_nouns(self.lang) and tok.i not in self.idx.place_at:
            # "the opening assault overran X", "the offensive captured X": the attack's force (its side unnamed) took it
            # ("state TV said a counter-attack had retaken X", "the ministry said an assault retook X": the attack of the
            # side whose voice tells of it, a partisan outlet's or a party's own)
            outlet = self._claimant(tok) if not any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.i in self.idx.actor_at
                                                   for c in tok.children) else None
            if outlet is not None and outlet.side and outlet.side not in NOT_ARMED:
                return None, outlet.side, True, True
            return None, "", True, False
        if tok.i in self.idx.place_at:
            if self.idx.place_at[tok.i].kind == "country":
                return None, "", True, True  # a foreign state acting ("country B advanced"): armed, no side here
            return None, "", False, False  # a place as subject ("X fell")
        if lower in _SUBJ_PRONOUNS:
            return None, "", False, False
        return None, "", False, True

    def _side_in_clause(self, verb: Token, side: str) -> bool:
        """Whether a party of the side is named in the verb's own clause."""
        at = self.idx.actor_at
        return any(t.i in at and at[t.i].side == side for t in verb.subtree)

    def _quoted_speaker(self, tok: Token) -> ActorMention | None:
        """The armed party whose member says the clause that holds the token (the subject of a verb of saying above
        it: '"we took X," a commander of group A said')."""
        cur = tok.head
        for _ in range(4):
            if cur.dep_ not in ("ccomp", "parataxis", "conj") or cur.head.i == cur.i:
                return None
            cur = cur.head
            if self._speaker_clause(cur):
                subj = next(c for c in cur.children if c.dep_ == "nsubj")
                actor = self._actor_of(subj)
                return actor if actor is not None and actor.side not in NOT_ARMED else None
        return None

    def _saying_owner(self, tok: Token) -> Token | None:
        """The subject of a verb of saying whose reported clause has ``tok`` owned by "its" or "their" in it: "B
        announced that its troops ...", "B said their fighters ..."."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
            return None
        verb = tok.head
        while verb.pos_ not in _VERBAL and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ != "ccomp" or not self._speaker_clause(verb.head):
            return None
        return next((c for c in verb.head.children if c.dep_ == "nsubj" and c.tag_ in ("NN", "NNS", "NNP", "NNPS")), None)

    def _affiliate(self, tok: Token) -> ActorMention | None:
        """The party a force is told to belong to by a hyphened modifier ("A-affiliated security forces", "B-led
        factions": A's, B's; affiliation_words); not a foreign state's, and a patron's "C-backed" is no such word."""
        for c in tok.children:
            if c.dep_ != "amod" or c.lemma_.lower() not in self.lang.affiliation_words:
                continue
            for g in c.children:
                party = self.idx.actor_at.get(g.i)
                if g.i < c.i and g.nbor(1).text == "-" and party is not None and not party.state and not party.media:
                    return party
        return None

    def _party_named_before(self, tok: Token) -> ActorMention | None:
        """The nearest armed party named before the token in its sentence, a subject first ("factions rose against
        the government and took X, and Y fell to them": the factions)."""
        at = self.idx.actor_at
        named = [t for t in reversed(self.tokens) if t.i < tok.i and t.i in at
                 and at[t.i].side not in ("civilians", "", "unknown")
                 # (not a party inside another noun's modifier: "the A-held town", "the A's collapse"; a party's
                 # people are the party: "A commanders said their fighters ...")
                 and not (t.dep_ in ("amod", "compound", "npadvmod", "nmod", "poss") and t.head.i not in at
                          and t.head.lemma_.lower() not in self.lang.member_nouns)]
        # (a pronoun is not its own clause's subject: "the army handed the city over to them" is not the army)
        verb = tok.head
        while verb.pos_ not in _VERBAL and verb.head.i != verb.i:
            verb = verb.head
        named = [t for t in named if not (t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i)]

        def subject_of(t: Token) -> bool:  # (the party of a subject "fighters of A" is a subject too)
            return t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "pobj" and t.head.lower_ == "of"
                                                        and t.head.head.dep_ in ("nsubj", "nsubjpass")
                                                        and t.head.head.head.i != verb.i)
        subject = next((t for t in named if subject_of(t)), None)
        first = subject if subject is not None else (named[0] if named else None)
        return at[first.i] if first is not None else None

    def _is_weapon(self, tok: Token | None) -> bool:
        if tok is None:
            return False
        words = {tok.lower_, tok.lemma_.lower()} | {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        return bool(words & self.lang.weapons)

    def _with_of(self, objs: list[Token]) -> list[Token]:
        """Objects and, for a quantity ("hundreds of militants", "a number of soldiers"), what it counts."""
        out = list(objs)
        for o in objs:
            if o.pos_ == "NUM" or o.tag_ == "CD" or o.lemma_.lower() in self.lang.quantity_nouns:
                out += [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return out

    def _civilian_target(self, pred: Token, noun: Token | None) -> bool:
        base = noun if noun is not None else pred
        objs = self._objects(pred, passive=True) + [g for c in base.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "of")
                                                    for g in c.children if g.dep_ == "pobj"]
        # "struck X, killing dozens of civilians": the victims of a participle that follows the strike
        for v in pred.children:
            # (not a table the parser joined; and a verb of harm or of fighting: "bringing them within 10 km of X"
            # hurts nobody)
            if v.dep_ in ("advcl", "conj", "xcomp") and v.pos_ == "VERB" and v.i in self.ids \
                    and v.lemma_.lower() in _harm_verbs(self.lang):
                for o in self._objects(v, passive=True):
                    objs.append(o)
                    objs += [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        civ = self.lang.civilian_nouns
        objs = self._with_of(objs)  # "attacked a group of shepherds", "dozens of civilians"
        # (a place's name is no victim: "took A al-Imam", whatever word of people the name holds)
        return any(self._civilian_word(o) or any(c.lower_ in civ for c in o.children if c.dep_ in ("compound", "amod"))
                   or (o.i in self.idx.actor_at and self.idx.actor_at[o.i].side == "civilians") for o in objs
                   if o.i not in self.idx.place_at)

    def _under_holder(self, pred: Token, spec: FrameSpec) -> bool:
        head = pred.head if pred.dep_ in ("acomp", "amod", "attr") else pred
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lemma_.lower() in spec.holders


def _asks(tok: Token) -> bool:
    """The role is what a question asks: a wh-word ("who") or a noun a wh-word determines ("which group", also when
    the parser hangs "which" on the verb), in a clause that is no relative clause."""
    if tok.dep_ == "relcl" or tok.head.dep_ == "relcl":
        return False
    if tok.tag_ in ("WP", "WDT") and tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    first = tok.left_edge
    before = tok.doc[first.i - 1] if first.i > 0 else None
    return any(c.dep_ == "det" and c.tag_ == "WDT" for c in tok.children) or (
        before is not None and before.tag_ == "WDT" and before.head.i == tok.head.i and before.dep_ != "nsubj")
