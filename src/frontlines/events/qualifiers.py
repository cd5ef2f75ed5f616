"""Parties and qualifiers for the clause reader: who acts, and whether the clause asserts anything.

A role token is an armed party when the actor dictionary names it or a military noun heads it; a
pronoun refers back to the last armed party (or, under a verb of saying, to its speaker). Qualifiers
are read above the predicate: negation and denials, plans, beliefs and modals, the aim of an attack,
hedges, and the speaker whose claim the clause is.
"""

from __future__ import annotations

from frontlines.events.frames import _DETERMINERS, _RELATIVE, _SUBJ_PRONOUNS, _VERBAL, NOT_ARMED, Token
from frontlines.events.lexicon import FrameSpec, Language
from frontlines.events.place_roles import _clausal
from frontlines.events.roles import _Roles
from frontlines.models import ActorMention

_NOMINAL_OR_GERUND = frozenset({"NOUN", "PROPN", "VERB"})


_HARM_VERBS: dict[str, frozenset[str]] = {}
_ATTACK_NOUNS: dict[str, frozenset[str]] = {}


def _attack_nouns(lang: Language) -> frozenset[str]:
    """The nouns of the pack's frames of fighting and entry ("assault", "offensive", "push"), once per pack."""
    if lang.code not in _ATTACK_NOUNS:
        _ATTACK_NOUNS[lang.code] = frozenset(n for f in lang.frames if f.kind in ("clash", "enter") for n in f.nouns
                                             if " " not in n)
    return _ATTACK_NOUNS[lang.code]


def _harm_verbs(lang: Language) -> frozenset[str]:
    """Verbs of harm and of the pack's frames of violence ("kill", "hit", "shell"), once per pack."""
    if lang.code not in _HARM_VERBS:
        _HARM_VERBS[lang.code] = frozenset(lang.harm_verbs) | frozenset(
            v for f in lang.frames if f.kind in ("clash", "strike", "shelling") for v in f.verbs)
    return _HARM_VERBS[lang.code]


class _Qualifiers(_Roles):
    """Parties and qualifiers of a sentence reader (:class:`frontlines.events.clause._Sentence`)."""

    media: dict[int, ActorMention]
    last_actor: ActorMention | None
    last_attacker: ActorMention | None
    asking: bool  # the sentence is a question (see _Sentence)
    noun_refs: dict[str, ActorMention | None]
    _battle_words: frozenset[str]

    # ------------------------------------------------------------------ parties

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
        actor = self._actor_of(tok)
        if actor is not None:
            # a named force of no side of this theater (side "unknown") still fights: armed, no holder
            return actor, actor.side, actor.side not in ("civilians", ""), True
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
        if (lemma in self.lang.party_nouns or lower in self.lang.party_nouns) and self.last_actor is not None \
                and any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in tok.children) \
                and not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in tok.children):
            return self.last_actor, self.last_actor.side, True, False  # "the groups", "these factions": the last party
        if lemma in self.lang.military_nouns or lower in self.lang.military_nouns:
            # "the fighters", "these units" refer back to the last armed party; "revolutionary forces",
            # "armed groups" describe a party of their own that the dictionary does not name
            # ("its fighters", "their units": the possessor's, the party named before)
            definite = any(c.dep_ in ("det", "poss") and c.lower_ in _DETERMINERS for c in tok.children)
            # (a subject the parser folded into a fronted date has the date's words as its modifiers: "On 9 December
            # troops moved into X")
            folded = self._folded_into_date(tok)
            # ("the advancing columns": a participle of what they do names no other party)
            described = not folded and any(c.dep_ in ("amod", "compound", "nmod") and c.tag_ != "VBG" for c in tok.children)
            owned = any(c.dep_ == "poss" for c in tok.children)
            last = None
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
                if last is None and (tok.dep_ in ("nsubj", "nsubjpass") or folded) and tok.tag_ == "NNS" \
                        and (folded or not any(c.dep_ not in ("acl", "relcl", "punct") for c in tok.children)) \
                        and self.last_attacker is not None \
                        and not self._side_in_clause(tok.head, self.last_attacker.side):
                    # (the doer of an attack or a taking, not of a retreat; and not when the clause names that side
                    # itself: "troops drove the A fighters out of X")
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
            # ("state TV said a counter-attack had retaken X": a partisan outlet's own side's attack)
            outlet = self._claimant(tok) if not any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.i in self.idx.actor_at
                                                   for c in tok.children) else None
            if outlet is not None and outlet.media and outlet.side not in NOT_ARMED:
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

    # ------------------------------------------------------------------ qualifiers

    def _in_time_clause(self, noun: Token) -> bool:
        cur = noun
        for _ in range(3):
            head = cur.head
            if head.i == cur.i:
                return False
            if cur.dep_ == "pobj" and head.lower_ in self.lang.time_preps:
                return True
            if cur.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in self.lang.cause_nouns:
                return True  # "in retaliation for the shelling of X": the cause, told as past
            if head.lower_ in self.lang.time_preps and head.dep_ in ("prep", "mark", "advmod"):
                return True
            cur = head
        return False

    def _negated(self, tok: Token) -> bool:
        neg = self.lang.negations
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in neg) for c in tok.children):
            return True
        if any(c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children) for c in tok.children):
            return True  # "the army no longer holds X": the negation sits on the adverb
        if tok.pos_ in _NOMINAL_OR_GERUND and self._denied_noun_phrase(tok):
            return True
        cur = tok
        for _ in range(5):  # "reports about the fall of X were false", "the army denied that X had fallen"
            if cur.head.i == cur.i or self._speaker_clause(cur):
                break  # "group A said it took X; the army denied it": a party's claim that another denies is disputed
            if cur.head.i > cur.i and any(t.text == ";" for t in cur.doc[cur.i : cur.head.i]):
                break  # "a strike killed ten; the army denied carrying it out": no verb governs across a semicolon
            cur = cur.head
            if cur.lemma_.lower() in self.lang.confirm_verbs and any(c.dep_ == "nsubj" for c in cur.children):
                break  # "the army denied it, but B confirmed that X had fallen": what B confirms stands
            if cur.lemma_.lower() in self.lang.denials or any(
                    c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in self.lang.denials for c in cur.children):
                return True
        head = tok.head if tok.dep_ in ("acomp", "xcomp", "dobj", "attr", "pobj") else None
        return head is not None and any(c.dep_ == "neg" for c in head.children)

    def _denied_noun_phrase(self, tok: Token) -> bool:
        """A happening noun inside a phrase that says it did not happen: "without fighting", "with no reports of
        clashes", "without any reports of fighting" (up through "of" and the preposition that holds it), "met no
        resistance", "without meeting any resistance" (the object of a gerund under the negating preposition)."""
        neg = self.lang.negations
        if any(c.dep_ == "det" and c.lower_ in neg for c in tok.children):
            return True  # "met no resistance", "with no clashes reported"
        if tok.dep_ == "pcomp" and tok.head.lower_ in neg:
            return True  # "without fighting" (the gerund read as a verb)
        cur = tok
        for _ in range(3):
            if cur.dep_ == "dobj" and cur.head.tag_ == "VBG" and cur.head.dep_ == "pcomp" and cur.head.head.lower_ in neg:
                return True  # "without meeting any resistance", "without firing a shot"
            if cur.dep_ != "pobj":
                return False
            prep = cur.head
            if prep.lower_ in neg:
                return True  # "without fighting"
            head = prep.head
            if prep.lower_ != "of" or head.pos_ not in _NOMINAL_OR_GERUND:
                return False
            if any(c.dep_ == "det" and c.lower_ in neg for c in head.children):
                return True  # "no reports of fighting"
            cur = head
        return False

    def _speaker_clause(self, tok: Token) -> bool:
        """A verb of saying with a speaker of its own ("group A said ...")."""
        return tok.lemma_.lower() in self.lang.claim_verbs and tok.pos_ in _VERBAL and any(
            c.dep_ == "nsubj" for c in tok.children)

    def _disputed(self, tok: Token) -> bool:
        """A claim that another party denies in the same sentence ("group A said it took X; the army denied it",
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

    def _under_deal(self, pred: Token) -> bool:
        """"entered X under an agreement with its notables", "took over X under a deal": done as agreed, no fight."""
        return any(c.dep_ == "prep" and c.lower_ == "under" and any(g.dep_ == "pobj" and g.lemma_.lower() in self.lang.deal_nouns
                                                                   for g in c.children) for c in pred.children)

    def _unopposed(self, taker: str, pred: Token | None = None) -> bool:
        """Another side's armed party leaves in this sentence ("as government forces retreated", "after the
        army abandoned the city") and no battle is told in it, or the sentence says so ("without a fight"): what
        is taken or entered changes hands without a fight. A cue said of another predicate joined to ``pred`` is that
        one's ("captured A after clashes and took B without a fight": only B was unopposed)."""
        if self.tokens and self.lang.nonviolent:
            said = self.tokens[0].doc.text[self.span[0] : self.span[1]].lower()
            for cue in self.lang.nonviolent:
                at = said.find(cue)
                if at >= 0 and (pred is None or self._said_of(self.span[0] + at, pred)):
                    return True
        if pred is not None and any(c.dep_ == "amod" and c.lower_ in self.lang.vacated_adjectives
                                    for o in pred.children if o.dep_ in ("dobj", "nsubjpass") for c in o.children):
            return True  # "occupied the abandoned posts on X": what was taken had been left
        resisted = [t for t in self.tokens if t.lower_ in self.lang.resistance_nouns or t.lemma_.lower() in self.lang.resistance_nouns]
        if any(self._denied_noun_phrase(t) and (pred is None or self._said_of(t.idx, pred)) for t in resisted):
            return True  # "met no resistance", "without firing a shot"
        # (an attributive participle is no battle: "the surrounding villages")
        battles = [t for t in self.tokens if (t.lower_ in self._battle_words or t.lemma_.lower() in self._battle_words)
                   and t.dep_ != "amod"]
        if battles and all(self._denied_noun_phrase(t) for t in battles):
            return True  # "with no reports of clashes", "without any fighting": the sentence says so
        if battles:
            return False
        for t in self.tokens:
            lemma = t.lemma_.lower()
            if t.pos_ not in ("VERB", "NOUN") or lemma not in self._leave_verbs or lemma == "fall":
                continue  # "fell" is a capture of its own
            if t.pos_ == "NOUN":  # "following the withdrawal of government forces", "the army's withdrawal"
                subj = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                             if g.dep_ == "pobj"), None) or next((c for c in t.children if c.dep_ == "poss"), None)
            else:  # ("positions vacated by government forces": the passive participle's doer)
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None) or self._raised(t) or self._passive_doer(t)
            if subj is None:
                continue
            _actor, side, armed, _explicit = self._party(subj)
            if armed and side and side != taker and (pred is None or self._said_of(t.head.idx, pred)):
                return True  # (not a leaving told of another deed: "overran A, and took B as the troops melted away")
        return False

    def _said_of(self, offset: int, pred: Token) -> bool:
        """The words at ``offset`` qualify ``pred``: no verb joined to it ("captured A and took B without a fight") stands
        between them and it; that verb is a deed of its own."""
        tok = next((t for t in self.tokens if t.idx <= offset < t.idx + len(t)), None)
        if tok is None:
            return True
        path = [tok, *tok.ancestors]
        if pred not in path:
            verb = next((t for t in path if t.pos_ in _VERBAL), None)
            if verb is None or verb in pred.ancestors:
                return True  # said above the predicate ("the army withdrew without a fight and A took X")
            # said of a verb joined after it that adds no deed of its own ("entered X and met no resistance"); not of
            # another clause's deed ("..., which had seized A, pushed on, and the rebels swept into B unopposed")
            return verb.dep_ == "conj" and verb.head.i == pred.i and not any(
                c.dep_ == "dobj" and c not in path for c in verb.children)
        below = path[: path.index(pred)]
        # (a joined verb with an object of its own: "and took B without a fight"; not "entered X and met no resistance")
        return not any(t.dep_ == "conj" and t.pos_ in _VERBAL and any(c.dep_ == "dobj" and c not in path for c in t.children)
                       for t in below)

    def _attack_head(self, tok: Token) -> bool:
        """The aim belongs to an attack or an advance: its head (or the head's object) is a fighting word."""
        head = tok.head
        words = {head.lemma_.lower(), head.lower_} | {c.lemma_.lower() for c in head.children if c.dep_ == "dobj"}
        return bool(words & self._fight_words)

    def _attempted(self, tok: Token) -> bool:
        """"tried to storm X", "attempted to take X", "attempted an assault": the attempt happened (its verb is no plan and no modal's),
        so there was a fight for X, whatever came of it."""
        head = tok.head
        return tok.dep_ in ("xcomp", "dobj") and head.lemma_.lower() in self.lang.attempt_heads and not self._irrealis(head) \
            and not self._negated(head)

    def _failed(self, tok: Token) -> bool:
        """"failed to retake X", "the army failed to dislodge A from X": an attempt told as failed (its head not
        itself negated or a plan)."""
        return self._under_realis_head(tok, self.lang.failure_heads)

    def _agreed(self, tok: Token) -> bool:
        """"the parties agreed to evacuate X": a deed agreed on (the agreeing not itself negated or a plan)."""
        return self._under_realis_head(tok, self.lang.agreement_heads)

    def _under_realis_head(self, tok: Token, heads: frozenset[str]) -> bool:
        head = tok.head
        infinitive = tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.tag_ == "TO" for c in tok.children))
        return infinitive and head.lemma_.lower() in heads and not self._negated(head) and not self._irrealis(head)

    def _irrealis(self, tok: Token) -> bool:
        lang = self.lang
        cur = tok
        came_by = ""
        # (a time clause in a question is taken as known: "any contact since the rebels took X?")
        asking = self.asking and not any(c.dep_ == "mark" and c.lower_ in lang.time_preps for c in tok.children)
        for _ in range(6):
            # (a clause told before a comma and the question after it stands: "A took X, so is Y backing them?")
            before = tok.i < cur.i and any(t.text in (",", ";") for t in tok.doc[tok.i : cur.i])
            if asking and not before and ((cur.pos_ in _VERBAL and _inverted(cur))
                                          or (cur.dep_ in ("nsubj", "nsubjpass") and _inverted(cur.head))):
                return True  # "How did the rebels take X?", "are they still holding the town?": asked, not told
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lang.modals for c in cur.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ in lang.open_marks for c in cur.children):
                return True  # "unclear whether the garrison had surrendered", "if X falls"
            if cur.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass") and any(c.dep_ in ("aux", "auxpass") and c.lower_ in lang.modals
                                                          for c in cur.head.children):
                return True  # "the fall of X would open the road to Y", "losing X would ...": a happening supposed, not told
            if cur.dep_ in ("nsubj", "nsubjpass") and (
                    any(c.dep_ in ("acomp", "oprd", "attr") and c.lemma_.lower() in lang.prospect_adjectives for c in cur.head.children)
                    or (cur.dep_ == "nsubjpass" and cur.head.lower_ in lang.prospect_adjectives)):
                return True  # "an assault on X appears imminent", "a push on X is expected": yet to come
            if cur.i != tok.i and cur.lemma_.lower() in lang.irrealis_heads and came_by != "conj" and not (
                    came_by == "advcl" and any(c.dep_ == "dobj" for c in cur.children)):
                # (a verb joined to the head is a clause of its own: "attempted an assault but failed")
                # (a head with an object of its own is a deed, not a plan over its adverbial clause: "group K
                # assumed control after the army withdrew")
                return True
            if cur.i != tok.i and self._speaker_clause(cur):
                return False  # what a party said stands as its claim, whatever governs the saying
            # (a gerund the parser made a modifier of its object's name, "Losing X would ...", is that phrase's head)
            if (cur.dep_ in ("xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj", "conj", "acomp", "attr")
                    or (cur.dep_ == "compound" and cur.tag_ == "VBG")) and cur.head.i != cur.i:
                came_by = cur.dep_
                cur = cur.head
            else:
                break
        return False

    def _now(self, tok: Token) -> bool:
        """The predicate's clause says "now" ("X, which is now under Y's control"), or tells a state in the present
        perfect over a period ("A have held X since D", "where A have been in control since D"): up to its verb."""
        cur = tok
        for _ in range(4):
            if any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in self.lang.now_words for c in cur.children):
                return True
            if cur.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") and c.lemma_ == "have"
                                                  for c in cur.children) \
                    and any(c.dep_ == "prep" and c.lower_ in self.lang.period_preps for c in cur.children):
                return True
            if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
                return False
            cur = cur.head
        return False

    def _ongoing(self, tok: Token) -> bool:
        """Whether the predicate's clause is in the present tense, simple, progressive or perfect ("clashes
        continue to be reported", "shelling has hit X", "rebels are advancing"): told as going on when
        the text was written. A nominal predicate takes the tense of the verb it is an argument of."""
        cur = tok
        for _ in range(4):  # a noun or a gerund in an argument: up to its verb
            if _clausal(cur):
                break
            if cur.head.i == cur.i:
                return False
            cur = cur.head
        else:
            return False
        if cur.dep_ == "xcomp" and cur.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ == "VB"
                                                             for c in cur.children):
            return False  # "claims to have captured X": a perfect infinitive tells a deed done before the claim
        while cur.dep_ == "xcomp" and cur.head.lemma_.lower() in self.lang.aspect_verbs | self.lang.claim_verbs:
            cur = cur.head  # "continue to be reported", "claim to be in control": the tense is the governing verb's
        tags = [c.tag_ for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if "MD" in tags or "VBD" in tags:
            return False
        return cur.tag_ in ("VBP", "VBZ") or any(t in ("VBP", "VBZ") for t in tags)

    def _hedged(self, tok: Token) -> bool:
        lang = self.lang
        cur = tok
        for _ in range(4):
            if cur.lemma_.lower() in lang.hedges or any(
                    c.lower_ in lang.hedges for c in cur.children if c.dep_ == "advmod"
                    # "struck X, likely to slow the advance", "likely due to Y": the hedge is on its own complement
                    and not any(g.dep_ in ("xcomp", "prep", "advcl") for g in c.children)):
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
                # ("it was announced by A that ...": a passive's doer is the speaker)
                subj = self._subject(cur) or self._passive_doer(cur)
                if subj is None:
                    return None
                return self._actor_of(subj) or self.media.get(subj.i) or next(
                    (self.media[c.i] for c in subj.children if c.i in self.media), None)
        return None


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


def _inverted(verb: Token) -> bool:
    """A clause in the word order of a question: an auxiliary before its subject ("did the rebels take", "are they
    holding"), or a wh-word first ("who took X"). Any subject the parser gave the verb counts: a speaker's label
    before the question ("Q: is it your view that ...") may be read as a second one."""
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")):
        if subj.tag_ in ("WP", "WDT") or (subj.left_edge.tag_ in ("WP", "WDT", "WRB") and verb.dep_ == "ROOT"):
            return True
        if any(c.dep_ in ("aux", "auxpass") and c.i < subj.i for c in verb.children) or (
                verb.lemma_ == "be" and verb.i < subj.i):
            return True
    return False

