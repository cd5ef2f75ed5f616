"""Qualifiers for the clause reader: whether the clause asserts anything (the parties who act are read by
:mod:`frontlines.events.parties`).

Qualifiers are read above the predicate: negation and denials, plans, beliefs and modals, the aim of an attack,
hedges, a fight that was none ("without a fight", said of its own predicate), and the speaker whose claim the clause
is.
"""

from __future__ import annotations

from collections.abc import Sequence

from frontlines.events.frames import _SUBJ_PRONOUNS, _VERBAL, Token, negation_of, to_infinitive
from frontlines.events.parties import _Parties
from frontlines.events.place_roles import _clausal
from frontlines.models import ActorMention, PlaceMention

_NOMINAL_OR_GERUND = frozenset({"NOUN", "PROPN", "VERB"})


class _Qualifiers(_Parties):
    """Qualifiers of a sentence reader (:class:`frontlines.events.clause._Sentence`): whether a clause asserts
    anything, and whose claim it is (the parties are read by :class:`frontlines.events.parties._Parties`)."""

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
            came_by_prep = cur.dep_ == "prep"
            if cur.dep_ == "conj" and cur.pos_ in _VERBAL and cur.head.lemma_.lower() in self.lang.denials:
                break  # "A denied that X had fallen and claimed that it held Y": a verb joined to the denial is no denial
            cur = cur.head
            if cur.lemma_.lower() in self.lang.confirm_verbs and any(c.dep_ == "nsubj" for c in cur.children):
                break  # "the army denied it, but B confirmed that X had fallen": what B confirms stands
            # (a verb reached through its preposition is where the thing is, not a denial: "X lies in rebel-held land")
            if (cur.lemma_.lower() in self.lang.denials and not came_by_prep) or any(
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
        if not to_infinitive(tok):
            return False
        if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children):
            return False  # "appear to have entered X", "said to have taken X": told as done
        head = tok.head.lemma_.lower()
        lang = self.lang
        return tok.dep_ in ("advcl", "relcl", "acl", "xcomp") and head not in lang.realized_heads \
            and head not in lang.hedges and head not in lang.claim_verbs

    def _under_deal(self, pred: Token) -> bool:
        """"entered X under an agreement with its notables", "took over X under a deal", "took X after reaching a deal
        with the army", "following an agreement": done as agreed, no fight."""
        for c in pred.children:
            if c.dep_ != "prep" or c.lower_ not in self.lang.deal_preps:
                continue
            heads = [g for g in c.children if g.dep_ == "pobj"]
            # ("after reaching a deal": the deal is the object of the gerund the preposition governs)
            heads += [o for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG" and not negation_of(g)
                      for o in g.children if o.dep_ == "dobj"]
            if any(h.lemma_.lower() in self.lang.deal_nouns and not any(d.lower_ in ("no", "failed") for d in h.children)
                   for h in heads):
                return True
        return False

    def _unopposed(self, taker: str, pred: Token | None = None) -> bool:
        """Another side's armed party leaves in this sentence ("as government forces retreated", "after the
        army abandoned the city") and no battle is told in it, or the sentence says so ("without a fight"): what
        is taken or entered changes hands without a fight. A cue said of another predicate joined to ``pred`` is that
        one's ("captured A after clashes and took B without a fight": only B was unopposed)."""
        if self.tokens and self.lang.nonviolent:
            said = self.idx.text[self.span[0] : self.span[1]].lower()
            for cue in self.lang.nonviolent:
                at = said.find(cue)
                if at >= 0 and (pred is None or self._said_of(self.span[0] + at, pred)):
                    return True
        if pred is not None and any(c.dep_ == "amod" and c.lower_ in self.lang.vacated_adjectives
                                    for o in pred.children if o.dep_ in ("dobj", "nsubjpass") for c in o.children):
            return True  # "occupied the abandoned posts on X": what was taken had been left
        if pred is not None and any(v.lemma_.lower() in self.lang.result_verbs and any(
                c.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and c.lower_ in self.lang.vacated_adjectives for c in v.children)
                for v in (pred, *(c for c in pred.children if c.dep_ == "conj"))):
            return True  # "reached X and found the army's positions deserted": the holder had left before
        resisted = [t for t in self.tokens if t.lower_ in self.lang.resistance_nouns or t.lemma_.lower() in self.lang.resistance_nouns]
        if any(self._denied_noun_phrase(t) and (pred is None or self._said_of(t.idx, pred)) for t in resisted):
            return True  # "met no resistance", "without firing a shot"
        fought = self._fight_told()
        if fought is not None:
            return not fought  # "with no reports of clashes", "without any fighting": the sentence says so
        # (measured: a leaving from another place in the sentence is mostly one retreat with the taking, "B withdrew
        # from Y, and A occupied X as B retreated")
        return self._left_by_other(taker, pred)[1] != ""

    def _fight_told(self) -> bool | None:
        """Whether the sentence tells a battle: True; False when every battle word it has is denied ("without any
        fighting"); None when it has none."""
        # (an attributive participle is no battle: "the surrounding villages")
        battles = [t for t in self.tokens if (t.lower_ in self._battle_words or t.lemma_.lower() in self._battle_words)
                   and t.dep_ != "amod"]
        if not battles:
            return None
        return not all(self._denied_noun_phrase(t) for t in battles)

    def _left_by_other(self, taker: str, pred: Token | None = None,
                       places: Sequence[PlaceMention] = ()) -> tuple[ActorMention | None, str]:
        """The side, other than ``taker``, whose armed party the sentence says left ("as government forces retreated",
        "after the army abandoned the city", "B pulled its fighters out, and A entered X"), with the party named; "" when
        none. Given the deed's ``places``, a leaving from another place is not its ("B pulled out of Y, and A entered X")."""
        own = {p.place_id for p in places}
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
            actor, side, armed, _explicit = self._party(subj)
            # (the place left, not the one gone to: "withdrew from X toward Y", "pulled out of X" leave X)
            elsewhere = bool(own) and t.pos_ == "VERB" and any(
                c.dep_ == "prep" and c.lower_ in ("from", "out", "of") and any(
                    g.i in self.idx.place_at and self.idx.place_at[g.i].place_id not in own for g in c.subtree)
                for c in (*t.children, *(g for p in t.children if p.dep_ in ("prt", "advmod") for g in p.children)))
            if armed and side and side != taker and not elsewhere and (pred is None or self._said_of(t.head.idx, pred)):
                return actor, side  # (not a leaving told of another deed: "overran A, and took B as the troops melted away")
        return None, ""

    def _slight_resistance(self, pred: Token) -> bool:
        """The deed met only slight resistance ("entered X, meeting little resistance", "against light resistance", "with
        barely a shot fired"): a fight too small to hold the place, said of ``pred``."""
        words = self.lang.resistance_nouns | self._battle_words  # (or a battle: "after brief clashes")
        return any((t.lower_ in words or t.lemma_.lower() in words)
                   and any((c.dep_ == "amod" and c.lower_ in self.lang.slight_adjectives)
                           or (c.dep_ in ("advmod", "det") and c.lower_ in self.lang.slight_adverbs)
                           or any(g.dep_ == "advmod" and g.lower_ in self.lang.slight_adverbs for g in c.children)
                           for c in t.children)
                   and self._said_of(t.idx, pred) for t in self.tokens)

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
        cur = prev = tok
        came_by = ""
        # (a time clause in a question is taken as known: "any contact since the rebels took X?")
        asking = self.asking and not any(c.dep_ == "mark" and c.lower_ in lang.time_preps for c in tok.children)
        for _ in range(6):
            # (a clause told before a comma and the question after it stands: "A took X, so is Y backing them?")
            before = tok.i < cur.i and any(t.text in (",", ";") for t in tok.doc[tok.i : cur.i])
            if asking and not before and ((cur.pos_ in _VERBAL and _inverted(cur))
                                          or (cur.dep_ in ("nsubj", "nsubjpass") and _inverted(cur.head))):
                return True  # "How did the rebels take X?", "are they still holding the town?": asked, not told
            if cur.i != tok.i and cur.lemma_.lower() in lang.confirm_verbs and not any(c.dep_ == "neg" for c in cur.children) \
                    and any(c.dep_ == "aux" and c.lower_ in lang.ability_modals for c in cur.children):
                return False  # "we can now confirm that X has fallen": the confirmation tells it
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
            if cur.i != tok.i and cur.lemma_.lower() in lang.assessment_verbs and self._author_speaks(cur):
                return False  # "we consider X to be under A's control", "we judge X contested": the author's assessment
            if cur.i != tok.i and cur.lemma_.lower() in lang.irrealis_heads and came_by != "conj" and not (
                    came_by == "advcl" and any(c.dep_ == "dobj" for c in cur.children)) and not (
                    came_by == "ccomp" and cur.lemma_.lower() in lang.claim_verbs and _indicative(prev)):
                # ("insisted that X remained under army control": a verb of saying over a clause told as fact is a
                # claim; over a bare verb it is a demand, "insisted that the town be handed over")
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
                prev, cur = cur, cur.head
            else:
                break
        return False

    def _author_speaks(self, verb: Token) -> bool:
        """The verb's subject is the text's own first person ("we assess", "I believe"), outside any quotation (a
        quoted "we" is a speaker's, whose belief is no assessment)."""
        if not any(c.dep_ == "nsubj" and c.lower_ in self.lang.author_pronouns for c in verb.children):
            return False
        before = [t.text for t in self.tokens if t.i < verb.i]
        return before.count('"') % 2 == 0 and "\u201c" not in before and "\u2018" not in before

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
        cur = self._clause_verb(tok)
        if cur is None:
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

    @staticmethod
    def _clause_verb(tok: Token) -> Token | None:
        """The verb whose clause the predicate is in (a noun or a gerund in an argument: up to its verb)."""
        cur = tok
        for _ in range(4):
            if _clausal(cur):
                return cur
            if cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    def _finite(self, tok: Token) -> bool:
        """Whether the predicate's clause is a finite clause of its own, not one that describes a noun ("X was in A's
        hands", "A holds X"; not "X, held by A since 2011", "X, which A held")."""
        verb = self._clause_verb(tok)
        if verb is None or verb.dep_ in ("relcl", "acl", "amod", "appos"):
            return False
        return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
                                                        for c in verb.children)

    def _past_perfect(self, tok: Token) -> bool:
        """Whether the predicate's clause is in the past perfect ("B had held the town since 2016", "X had been
        in A's hands"): a state told as it stood before the time the story is at. A noun takes its verb's tense."""
        cur = self._clause_verb(tok)
        return cur is not None and any(c.dep_ == "aux" and c.tag_ == "VBD" and c.lemma_.lower() in self.lang.perfect_auxiliaries
                   for c in cur.children)

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
                if subj.lower_ in _SUBJ_PRONOUNS and subj.i not in self.idx.actor_at:
                    return self._speaker_before(subj)  # "A says X fell. It says Y held": A again
                return self._speaker_of(subj)
        return None

    def _speaker_of(self, subj: Token) -> ActorMention | None:
        return self._actor_of(subj) or self.media.get(subj.i) or next(
            (self.media[c.i] for c in subj.children if c.i in self.media), None)

    def _speaker_before(self, pronoun: Token) -> ActorMention | None:
        """The party a pronoun that opens a sentence's report stands for: the subject of the sentence before, when a
        party or an outlet ("The ministry denied it. It says the city is calm": the ministry)."""
        sent = pronoun.sent
        if pronoun.i != next((t.i for t in sent if not t.is_punct and not t.is_space), -1) or sent.start == 0:
            return None
        before = self.idx.sdoc[sent.start - 1].sent
        return next((found for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
                     and (found := self._speaker_of(t)) is not None), None)


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


def _indicative(verb: Token) -> bool:
    """The clause's verb is told as fact: a past or third-person present form, or a perfect or progressive ("had
    fallen", "was held"), not a bare form ("be handed over", "withdraw")."""
    return verb.tag_ in ("VBD", "VBZ") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ")
                                              for c in verb.children)
