"""Role filling for the clause reader: which tokens a predicate's roles are.

Read on the dependency parse: objects and subjects along coordination and participial chains, the
objects of prepositions, agents of passives, and subjects the small parser hangs elsewhere (a heading
above, a date phrase). The places those tokens stand for are read by :mod:`frontlines.events.place_roles`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from frontlines.events.frames import _NOMINAL, _RELATIVE, _VERBAL, Token, locator_only
from frontlines.events.lexicon import FrameSpec
from frontlines.events.place_roles import _PlaceRoles
from frontlines.models import ActorMention, PlaceMention


class _Roles(_PlaceRoles):
    """The role-filling half of a sentence reader (:class:`frontlines.events.clause._Sentence`)."""

    _fight_words: frozenset[str]  # verbs and nouns of fighting or an advance (set by the sentence reader)

    def _party(self, tok: Token | None) -> tuple[ActorMention | None, str, bool, bool]:
        """(actor, side, armed, explicit) for a role token: read by the qualifiers half."""
        raise NotImplementedError

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
            if role == "where" and noun is None and "obj" in roles and spec.control != "none" and self._objects(pred):
                # "X, where a new cabinet took office": a verb of taking whose patient is its object took no place there
                # (violence is still where it happened: "X, where jets bombed the bridge")
                continue
            tokens = self._role_tokens(role, pred, noun)
            if not tokens and role == "subj" and spec.subject_place and noun is None and pred.dep_ == "conj":
                # "X was abandoned and passed to the rebels": the place the first verb's passive tells of
                tokens = [c for c in pred.head.children if c.dep_ == "nsubjpass" and c.i in self.idx.place_at]
            for tok in tokens:
                if spec.subject_place and role == "subj" and tok.i in self.idx.actor_at and tok.i not in self.idx.place_at:
                    continue
                out += self._places_of(tok, partial)
                if (role == "obj" or role.startswith("prep:")) and spec.control == "none":
                    out += self._listed_targets(tok, partial)
                if role in ("subj", "subjpass"):  # "A, a hill ..., and the towns of B and C changed hands"
                    out += [p for x in tok.conjuncts if x.i > tok.i for p in self._places_of(x, partial)]
        if not out and "obj" in roles and noun is None:
            out += self._next_place(pred)
        if roles is spec.place and spec.control == "none" and noun is None and all(p.kind == "region" or locator_only(p) for p in out):
            # "in the desert, gunmen attacked a group of herders east of X": a violent act is placed where its object was
            # ("struck a vehicle near A, south of B": A, which B only locates)
            out += [p for o in self._objects(pred) for p in self._inside(o)]
            # ... or where a direction hung on the verb points ("attacked herders east of X")
            out += [self.idx.place_at[g.i] for c in pred.children if c.dep_ in ("npadvmod", "advmod")
                    for pr in c.children if pr.dep_ == "prep" for g in pr.children
                    if g.dep_ == "pobj" and g.i in self.idx.place_at and g.i in self.ids]
        if out and noun is None:
            # "pulled out of X, the centre of the province, and the town of Y": the parser joins the last member of a
            # list broken by an apposition to the verb; a noun joined to a verb is the list's next member
            joined = [p for c in pred.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i > pred.i
                      for p in self._places_of(c, partial)]
            if all(p.place_id in partial for p in out):
                partial.extend(p.place_id for p in joined)  # ("parts of A, B and C districts": parts of each)
            out += joined
        if out and roles is spec.place:
            # "X is liberated together with Y and Z", "X fell along with Y": the companions share the role
            for c in pred.children:
                if c.dep_ == "prep" and c.lower_ == "with" and any(g.lower_ in ("together", "along") for g in c.children):
                    out += [p for g in c.children if g.dep_ == "pobj" for p in self._places_of(g, partial)]
                    out += [p for g in c.children if g.dep_ == "pobj" for x in g.conjuncts for p in self._places_of(x, partial)]
        out = self._extend_lists(out, partial)
        seen: set[tuple[str, int]] = set()
        unique = []
        for p in out:
            if locator_only(p) and any(q.start < p.start and not locator_only(q) and q.relation != "between"
                                       and q.kind != "region" for q in out):
                continue  # "took A, 20 km north of B", "seized A north of B": B only says where A lies (a region does not)
            if (p.place_id, p.start) not in seen:
                seen.add((p.place_id, p.start))
                unique.append(p)
        return unique

    def _listed_targets(self, obj: Token, partial: list[str]) -> list[PlaceMention]:
        """"hit areas of A, a market in B and the outskirts of C": the parser hangs the next targets on A as its
        apposition; a list of nouns of no place class there are targets of their own (not "A, a town in B", which
        says what A is). Only for violence that moves no line."""
        out: list[PlaceMention] = []
        for t in obj.subtree:
            named = t.head.i in self.idx.place_at or any(c.dep_ == "compound" and c.i in self.idx.place_at
                                                         for c in t.head.children)  # ("A city, a market in B")
            # (a list: one apposition alone may say what A is, "A, a hub near B")
            if t.dep_ == "appos" and named and t.i not in self.idx.place_at and t.conjuncts \
                    and t.lemma_.lower() not in self.lang.place_class and t.pos_ == "NOUN":
                for x in (t, *t.conjuncts):
                    out += [p for c in x.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
                            for p in self._places_of(g, partial)]
        return out

    def _passive_doer(self, verb: Token) -> Token | None:
        """The object of a passive verb's "by" ("positions vacated by A", "it was announced by A"), else None."""
        return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)

    def _raised(self, verb: Token) -> Token | None:
        """The subject of a passive verb that an infinitive hangs on, the infinitive's doer ("A were reported to have
        pulled out of X", "B is said to have entered Y"); None for any other verb."""
        head = verb.head
        if verb.dep_ not in ("advcl", "xcomp") or head.pos_ not in _VERBAL or not any(c.tag_ == "TO" for c in verb.children) \
                or not any(c.dep_ == "auxpass" for c in head.children):
            return None
        return next((c for c in head.children if c.dep_ == "nsubjpass"), None)

    def _measured_from(self, tok: Token) -> Token | None:
        """The place a distance is measured to, when ``tok`` is the point it is measured from ("A, 15 km from B":
        A), else None."""
        unit, link = tok.head.head, tok.head
        if tok.dep_ != "pobj" or link.lower_ not in self.lang.geoparse.get("distance_links", ()) or unit.dep_ not in ("appos", "npadvmod") \
                or not any(re.fullmatch(u, unit.lower_) for u in self.lang.geoparse.get("distance_units", ())):
            return None
        return unit.head

    def _argument_noun(self, noun: Token) -> bool:
        """An event noun that is what the clause is about: a subject or object, the head of a headline, a
        complement of another noun ("reports of shelling", "an escalation in airstrikes"), or joined to one."""
        for _ in range(3):
            if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT", "appos", "attr"):
                return True
            if self._folded_into_date(noun):
                return True  # "On 6 December clashes broke out in X" (no comma): the parser folds the subject into the date
            if noun.dep_ == "compound" and noun.head.lemma_.lower() in self.lang.blast_nouns:
                noun = noun.head  # "a landmine explosion killed two shepherds": the blast of the weapon named before it
                continue
            if noun.dep_ == "pobj" and noun.head.head.pos_ in _NOMINAL and noun.head.lower_ not in self.lang.time_preps \
                    and noun.head.head.lemma_.lower() not in self.lang.period_nouns:  # ("the first week of fighting")
                return True
            if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
                return True  # "a clinic was put out of service by a drone strike": the passive's doer
            if noun.dep_ in ("pobj", "pcomp") and noun.head.lower_ in ("in", "by") and (
                    noun.head.head.lemma_.lower() in self.lang.harm_verbs or noun.head.head.lemma_.lower() == "die"):
                return True  # "were killed in clashes near X", "died in the shelling of X": the toll's cause
            if noun.dep_ != "conj":
                return False
            noun = noun.head
        return False

    def _role_token(self, roles: Sequence[str], pred: Token, noun: Token | None) -> Token | None:
        for role in roles:
            toks = self._role_tokens(role, pred, noun)
            if len(toks) > 1 and role.startswith("prep:"):
                # ("far to the east, B handed X to A": of two phrases with the word, a direction is no party)
                toks = [t for t in toks if not self._bearing(t)] or toks
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
                # (also of a counted happening: "jets carried out dozens of strikes on X")
                if base.dep_ == "pobj" and base.head.lower_ == "of" and (
                        base.head.head.lemma_.lower() in self.lang.quantity_nouns or base.head.head.tag_ == "CD"):
                    base = base.head.head
                if base.dep_ in ("dobj", "attr") and base.head.pos_ in _VERBAL:
                    if base.head.lemma_.lower() in self.lang.counter_verbs:
                        return []  # "the army repelled an assault on X": the assault is not the army's
                    s = self._subject(base.head)
                    return [s] if s is not None else []
                if base.dep_ == "pobj" and base.head.lower_ in self.lang.instrument_preps and base.head.head.pos_ in _VERBAL:
                    # "jets of A responded with strikes on X": the deed the verb is done with is its armed subject's
                    # ("residents woke up with shelling on X": people who do not fight did not shell)
                    s = self._subject(base.head.head)
                    return [s] if s is not None and self._party(s)[2] else []
                return []
            s = self._subject(pred)
            return [s] if s is not None else []
        if role == "sayer":
            # "A announced that a ceasefire had been reached": a deed told in the passive with no doer, under a party's
            # announcement, is that party's
            if nominal or not any(c.dep_ == "auxpass" for c in pred.children) or any(c.dep_ == "agent" for c in pred.children) \
                    or pred.dep_ != "ccomp" or pred.head.lemma_.lower() not in self.lang.claim_verbs:
                return []
            s = self._subject(pred.head)
            return [s] if s is not None else []
        if role == "subjpass:by":
            # "X was abandoned by A": the passive's subject, when the passive names its doer ("growers who were left
            # with unsold produce" is no place left by anyone)
            if nominal or not any(c.dep_ == "agent" for c in pred.children):
                return []
            role = "subjpass"
        if role == "subjpass":
            if nominal:
                return []
            found = [c for c in pred.children if c.dep_ == "nsubjpass"]
            if not found and pred.dep_ == "acl" and pred.tag_ == "VBN":
                found = [pred.head]  # "the town, captured by the rebels on Friday"
            if not found and pred.dep_ == "conj" and pred.head.pos_ in _VERBAL and not any(
                    c.dep_ in ("nsubj", "expl") for c in pred.children):
                # ("X was shelled and later captured"; not "X was handed to A, and B abandoned Y": B's own clause)
                found = [c for c in pred.head.children if c.dep_ == "nsubjpass"]
            if not found and pred.dep_ == "xcomp" and pred.head.pos_ in _VERBAL and (
                    any(c.dep_ == "auxpass" for c in pred.children)
                    or (pred.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in pred.head.children))):
                # "X appears to have been taken by A", "X is believed to have been retaken", "X was reported lost": the
                # raising verb's subject
                found = [c for c in pred.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            # (the main verb, or one the parser hung on a label before a colon: "BREAKING: X liberated!")
            headline = pred.dep_ == "ROOT" or (pred.head.dep_ == "ROOT" and any(
                t.text == ":" for t in pred.doc[pred.head.i : pred.i]))
            if not found and pred.tag_ in ("VBD", "VBN") and headline and not any(
                    c.dep_ in ("dobj", "ccomp", "xcomp", "agent", "aux", "auxpass", "prt") for c in pred.children):
                # a headline's or a post's "X liberated!", "X shelled overnight": a place cannot do the deed to nothing;
                # with the auxiliary left out, the place the deed was done to is the subject
                found = [c for c in pred.children if c.dep_ == "nsubj" and c.i in self.idx.place_at
                         and self.idx.place_at[c.i].kind != "country"]
            return self._in(found)
        if role == "obj":
            if nominal:
                return []
            return self._in(self._objects(pred))
        if role == "by":
            agents = [g for c in base.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not agents and nominal:  # "strikes carried out by A", "shelling attributed ... by": the participle's doer
                agents = [g for a in base.children if a.dep_ == "acl" and a.tag_ == "VBN" for c in a.children
                          if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not agents:  # "by" as a plain preposition: only a party, never "by noon" or "by car"
                # (or people who do not fight: "a strike by teachers" is theirs, and no strike of war)
                agents = [g for c in base.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                          if g.dep_ == "pobj" and (self._actor_of(g) is not None or g.lemma_.lower() in self.lang.military_nouns
                                                   or self._civilian_word(g))]
            return self._in(agents)
        if role == "posspl":
            # "X's capture", "the town's handover": a place as the possessor of the happening is what was taken
            return self._in([c for c in base.children if c.dep_ == "poss"]) if nominal else []
        if role == "poss":
            # "a rebel strike", "the army's shelling"; through the weapon that names the deed: "a rebel drone strike",
            # "an army artillery barrage"
            mods = [c for c in base.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
            # (and through the first half of a hyphenated noun: "a government counter-attack")
            mods += [g for c in mods if c.dep_ == "compound" and c.i not in self.idx.actor_at and (
                     c.lower_ in self.lang.weapons or (c.i + 2 == base.i and c.nbor(1).text == "-"))
                     for g in c.children if g.dep_ in ("compound", "amod", "poss", "nmod")]
            return self._in([c for c in mods if c.i in self.idx.actor_at or c.lemma_.lower() in self.lang.military_nouns])
        if role.startswith("withprep:"):
            # "clashed with A's forces in X": the fight is where the party fought with was
            words = role[9:].split()
            partners = [g for c in base.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                        if g.dep_ == "pobj" and self._names_party(g)]
            return self._in([o for p in partners for o in self._prep_objects(p, words)])
        if role.startswith("landprep:"):
            # "overtook territory in X", "gained ground around X": the land taken lies in X
            words = role[9:].split()
            land = [o for o in self._objects(pred) if o.lemma_.lower() in self.lang.territory_nouns]
            return self._in([o for obj in land for o in self._prep_objects(obj, words)]) if not nominal else []
        if role.startswith("objprep:"):
            # "repelled an attack on X": the preposition hangs on the verb's object
            words = role[8:].split()
            # (also on the attack's "by"-party, where the parser hangs its goal: "an attempt by A towards X")
            objs = self._objects(pred)
            objs += [g for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                     if g.dep_ == "pobj"]
            return self._in([o for obj in objs for o in self._prep_objects(obj, words)]) if not nominal else []
        if role in ("between", "with"):
            # "clashes between A and B": A is the first party (ACLED's actor1), B the other; "clashes with A": A the
            # other party. (The parser may hang the phrase on the verb the noun is the subject of: "fighting was
            # reported in X between A and B")
            heads = [base, base.head] if nominal and base.dep_ in ("nsubj", "nsubjpass") and base.head.pos_ in _VERBAL else [base]
            preps = self.lang.between_preps if role == "between" else {"with"}
            # (and a day or the place the parser hung the phrase on: "reported in X on 8 December between A and B",
            # "clashes erupted in X between A and B")
            heads += [g for h in list(heads) for c in h.children if c.dep_ == "prep" for g in c.children
                      if g.dep_ == "pobj" and (g.lower_ in self.lang.calendar_words or g.i in self.idx.place_at)]
            # (not a clause opened by "with": "clashes intensified, with A pushing into X" tells what A did)
            firsts = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                      for g in c.children if g.dep_ == "pobj" and not any(x.dep_ == "acl" and x.tag_ == "VBG" for x in g.children)]
            return self._in([g for g in firsts if self._names_party(g)])
        if role == "where":
            # "X, where rebels declared victory", "the town, where fighting raged": the relative's antecedent
            clause, where = pred, False
            while True:
                # ("X, where forces appear to have melted away": the parser may hang "where" on the verb below)
                where = where or any(c.lower_ in self.lang.where_words and c.dep_ == "advmod" for c in clause.children)
                if clause.dep_ in ("relcl", "ROOT") or clause.head.i == clause.i or clause.head.pos_ not in _VERBAL:
                    break
                clause = clause.head
            if clause.dep_ == "relcl" and where:
                # (all of a coordination: "around A and B, where the two sides clashed")
                head = self._measured_from(clause.head) or clause.head
                return self._in(sorted({head, *head.conjuncts}, key=lambda t: t.i))
            return []
        if role == "there":
            # "A took control there": an adverb of place standing for the places named just before (kept as a token
            # the place reader resolves: see _places_of)
            return self._in([c for c in pred.children if c.dep_ == "advmod" and c.lower_ in self.lang.there_words])
        if role.startswith("headprep:"):
            # "launched an operation on 30 November on X": the preposition hangs on the verb the noun is the object of
            words = role[9:].split()
            if not nominal or base.dep_ != "dobj" or base.head.pos_ not in _VERBAL:
                return []
            return self._in(self._prep_objects(base.head, words))
        if role == "subjstay":
            # "troops who had remained in X handed over their positions", "soldiers stationed in X surrendered": where the
            # subject's relative clause or participle says it was
            stays = self._subject_clauses(pred, self.lang.copulas | self.lang.posted_verbs, nominal)
            return self._in([o for c in stays for o in self._prep_objects(c, ["in"]) + self._prep_objects(c, ["at"])])
        if role == "subjheld":
            # "fighters who had held X since 2013 withdrew", "units guarding X abandoned their posts": what the subject's
            # relative clause or present participle says it held or guarded
            held = self._subject_clauses(pred, self._control_verbs | self.lang.guard_verbs, nominal, present_only=True)
            return self._in([o for c in held for o in self._objects(c)])
        if role.startswith("subjprep:"):
            # "control of X passed to the rebels": the preposition hangs on the verb's subject
            words = role[9:].split()
            subj = self._own_subject(pred, nominal)
            return self._in(self._prep_objects(subj, words)) if subj is not None else []
        if role.startswith("prep:"):
            words = role[5:].split()
            found = self._prep_objects(base, words)
            if not found and noun is not None and noun.i != pred.i:
                found = self._prep_objects(pred, words)
            if not found and nominal and base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ in _NOMINAL:
                found = self._prep_objects(base.head.head, words)  # "footage of troops in X", "positions of the army in X"
            if not found and nominal and base.dep_ == "nsubj" and base.head.lemma_.lower() in self.lang.copulas:
                found = self._prep_objects(base.head, words)  # "its fighters are in X", "troops remained in X"
            if not found and nominal and self._weak and base.dep_ == "nsubjpass" \
                    and base.head.lemma_.lower() in self.lang.harm_verbs:
                found = self._prep_objects(base.head, words)  # "seven of its fighters were killed in X": they were there
            if not found and nominal and base.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and base.head.pos_ in _VERBAL \
                    and words[0] not in ("of", "by", "to") and not self._weak:
                found = self._prep_objects(base.head, words)  # "airstrikes killed ten people in X"
            # ("factions, to whom the army handed over X": the relative pronoun stands for the clause's antecedent)
            found = [pred.head if t.tag_ in ("WP", "WDT") and pred.dep_ == "relcl" and not nominal else t for t in found]
            return self._in(found)
        return []

    @staticmethod
    def _own_subject(pred: Token, nominal: bool) -> Token | None:
        """The verb's own subject (a nominal predicate has none of its own here)."""
        return None if nominal else next((c for c in pred.children if c.dep_ == "nsubj"), None)

    def _subject_clauses(self, pred: Token, verbs: frozenset[str], nominal: bool, present_only: bool = False) -> list[Token]:
        """The relative clauses and participles on the verb's own subject whose verb is one of ``verbs``
        ("troops who had remained in X", "units guarding X"); ``present_only``: participles only in -ing."""
        subj = self._own_subject(pred, nominal)
        if subj is None:
            return []
        return [c for c in subj.children if c.lemma_.lower() in verbs and (
            c.dep_ == "relcl" or (c.dep_ == "acl" and (c.tag_ == "VBG" or not present_only)))]

    def _inside(self, obj: Token) -> list[PlaceMention]:
        """The places named inside an object's phrase, not inside a clause of its own."""
        at = self.idx.place_at
        out: list[PlaceMention] = []
        for t in obj.subtree:
            if t.i == obj.i or t.i not in at or t.i not in self.ids or (out and out[-1] is at[t.i]):
                continue
            if any(a.pos_ in _VERBAL for a in t.ancestors if a.i != obj.i and obj.is_ancestor(a)):
                continue
            out.append(at[t.i])
        return out

    @staticmethod
    def _label(tok: Token) -> bool:
        """A name or a heading standing as a label before a colon ("X: the rebels entered X city", "Key points:
        group A took X"): the parser may hang it on the verb as a second subject."""
        after = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
        return any(c.text == ":" and c.i > tok.i for c in tok.children) or (after is not None and after.text == ":")

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
        if objs:
            # "seized A on Monday and B on Tuesday": the parser joins B to the day
            days = [g for c in pred.children if c.dep_ == "prep" for g in c.children
                    if g.dep_ == "pobj" and g.lower_ in self.lang.calendar_words]
            out += [x for d in days for x in d.conjuncts if x.i > d.i and x.i in self.idx.place_at]
            # ("seized A on D1, B on D2 and C on D3": the parser may hang B on the verb as a bare noun of time)
            out += [c for c in pred.children if c.dep_ == "npadvmod" and c.i > objs[0].i and c.i in self.idx.place_at]
        return out

    def _first_person(self, tok: Token) -> bool:
        """"we", "our forces", a holder "ours" / "our (hands)": the speaker's own side."""
        poss = next((c.lower_ for c in tok.children if c.dep_ == "poss"), "")
        if tok.lower_ in self.lang.first_person_holders or (bool(poss) and f"{poss} {tok.lower_}" in self.lang.first_person):
            return True
        # "units of our armed forces": part of the speaker's own forces
        return tok.lemma_.lower() in self.lang.military_nouns and any(
            g.dep_ == "pobj" and self._first_person(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children)

    def _stray_party(self, first: Token, verb: Token) -> Token | None:
        """"A left X on Saturday and the group B, moving up from Y, took Z", "A withdrew from X and B entered the city": a
        party between two coordinated verbs that the parser joined to a noun that is no party (the day, the place
        left) is the second verb's subject."""
        at = self.idx.actor_at
        for t in self.tokens:
            if first.i < t.i < verb.i and t.dep_ == "conj" and t.i in at and at[t.i].side not in ("civilians", "") \
                    and t.head.i not in at and t.head.pos_ in _NOMINAL:
                return t
        return None

    def _day_word(self, tok: Token) -> bool:
        """A month or weekday name ("November", "Saturday")."""
        return tok.lower_.rstrip(".") in self.lang.calendar_words or tok.lemma_.lower() in self.lang.calendar_words

    def _subject(self, verb: Token, depth: int = 0) -> Token | None:
        if depth > 4:
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return None  # a passive verb's subject is what it happened to, not who did it
        if verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head.pos_ in _VERBAL:
            # a verb of control: "the rebels were forced to withdraw" (its passive subject), "forced the army to
            # leave X" (its object, when that is an armed party) is who does what the infinitive says
            # ("forcing thousands of people to flee": the counted people, no party, are who flee)
            # (a noun of fighting is no controller: "launched a counter-offensive to regain X", its subject regains)
            ctrl = next((c for c in verb.head.children if c.dep_ == "nsubjpass"
                         or (c.dep_ == "dobj" and c.i < verb.i and not {c.lower_, c.lemma_.lower()} & self._fight_words
                             and (self._names_party(c) or self._civilian_word(c)
                                  or c.lemma_.lower() in self.lang.quantity_nouns or c.tag_ == "CD"))), None)
            if ctrl is not None:
                return ctrl
        # a subject of the verb's own line first: a heading above may hang a second one on it; a label before a
        # colon ("X: the rebels entered X city") last
        # (the parser may hang the subject on the auxiliary of a verb it read as a noun: "the rebels had overrun X")
        kids = [*verb.children, *(g for c in verb.children if c.dep_ == "aux" and c.i < verb.i for g in c.children)]
        # (a fronted time the parser made a second subject is no doer: "The same day, November 30, rebels took X")
        subjects = sorted((c for c in kids if c.dep_ in ("nsubj", "csubj")),
                          key=lambda c: (c.i not in self.ids, self._label(c), c.lemma_.lower() in self.lang.period_nouns,
                                         # (two subjects where a dash parts a lead-in: the one after the dash)
                                         any(t.text in ("\u2014", "\u2013", ":", ";") for t in c.doc[min(c.i, verb.i) : max(c.i, verb.i)])))
        if subjects and self._first_person(subjects[0]):
            # "Group A's media: our forces entered X", "Rebels: we took X": the label is the speaker, the forces its own
            speaker = next((t for t in self.tokens if t.i < subjects[0].i and self._label(t) and self._names_party(t)), None)
            if speaker is not None:
                return speaker
        for c in subjects:
            if self._day_word(c):
                # "By Saturday, 30 November, the greater part of X had fallen": the parser may make the fronted day
                # the subject, and the subject its apposition
                c = next((a for a in c.children if a.dep_ == "appos" and a.pos_ in ("NOUN", "PROPN")), c)
            if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                head = verb.head
                if {head.lower_, head.lemma_.lower()} & self._fight_words and head.dep_ == "dobj" \
                        and head.head.lemma_.lower() in self.lang.launch_verbs \
                        and not any(c.i in self.idx.actor_at for c in head.children):
                    # "the army launched a counteroffensive that regained X": who launched it regained X ("tried to
                    # blunt an offensive that drove it out of X" is no launching; "an A offensive" names its own doer)
                    return self._subject(head.head, depth + 1) or head
                return head
            if c.i not in self.ids:
                return self._line_subject(verb) or c
            return c
        # (or hang it on the fronted day, an adverb of the verb, as its apposition)
        fronted = next((a for c in verb.children if c.dep_ == "npadvmod" and c.i < verb.i and self._day_word(c)
                        for a in c.children if a.dep_ == "appos" and a.pos_ in ("NOUN", "PROPN")), None)
        if fronted is not None:
            return fronted
        if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL:
            stray = self._stray_party(verb.head, verb)
            if stray is not None:
                return stray
            # "units were sent to X and took up positions there": the first verb's passive subject does the second
            shared = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None) if verb.tag_ in ("VBD", "VBZ", "VBP") else None
            # (an armed party: "the base was besieged and captured" shares its passive, the base does not capture)
            armed = shared is not None and (shared.i in self.idx.actor_at or shared.lower_ in self.lang.military_nouns)
            return shared if armed else self._subject(verb.head, depth + 1)
        raised = self._raised(verb)
        if raised is not None:
            return raised
        if verb.dep_ in ("advcl", "xcomp", "pcomp") and verb.tag_ in ("VBG", "VB", "VBN") and verb.head.pos_ in _VERBAL:
            return self._subject(verb.head, depth + 1)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in self.lang.accuse_verbs:
            # "monitors accused the A of having shelled X": the accused did it
            accused = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
            if accused is not None:
                return accused
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in _VERBAL:
            return self._subject(verb.head.head, depth + 1)  # "regrouped in X after losing Y": the army lost Y
        if verb.dep_ in ("relcl", "acl") and any(c.tag_ == "TO" for c in verb.children) and verb.head.dep_ == "dobj" \
                and verb.head.head.pos_ in _VERBAL:
            return self._subject(verb.head.head, depth + 1)  # "the army launched an offensive to retake X"
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return verb.head
        for c in verb.children:
            if c.dep_ == "npadvmod" and c.i < verb.i and c.i in self.idx.actor_at and c.i in self.ids \
                    and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == "-"):
                # "ABC controlled X": a party's acronym read as an adverbial noun is still the subject ("A-held",
                # hyphenated, only describes a noun the parser lost)
                return c
        for c in verb.children:
            # "On 3 December US forces captured X" (no comma): the parser reads "December US forces" as the date's
            # phrase; the noun after the date is the subject
            # ("In the early hours of 5 December opposition fighters captured X": however deep the date's phrase)
            if c.dep_ == "prep" and c.i < verb.i:
                for g in c.subtree:
                    if g.pos_ in ("NOUN", "PROPN") and self._folded_into_date(g):
                        return g
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and (verb.lemma_.lower() in self.lang.intransitive_verbs
                                                          or any(c.dep_ == "dobj" for c in verb.children)):
            # "Rebel units clashed near X" parsed as "units [who were] clashed": a verb with no passive reading
            # (or with an object of its own) is the noun's own act
            return verb.head
        return self._line_subject(verb)

    def _folded_into_date(self, tok: Token) -> bool:
        """The parser read a noun as the object of a date's preposition ("On 3 December US forces ...", no comma):
        a non-date noun under the preposition with a day or month as its compound."""
        return tok.dep_ == "pobj" and tok.lower_ not in self.lang.calendar_words and any(
            c.dep_ in ("compound", "nmod") and c.lower_ in self.lang.calendar_words for c in tok.children)

    def _line_subject(self, verb: Token) -> Token | None:
        """When the parser joined this line to another ("...changes\nX advanced, capturing Y"), the party
        the line names before the verb, itself hung outside the line, is the verb's subject."""
        for t in self.tokens:
            if t.i >= verb.i or t.i not in self.idx.actor_at:
                continue
            head = t  # up the party's noun phrase ("Northern opposition forces": the head noun "forces")
            while head.dep_ in ("compound", "amod", "nmod") and head.head.i in self.ids and head.head.i != head.i:
                head = head.head
            if head.pos_ in ("PROPN", "NOUN") and head.head.i not in self.ids:
                return head
        return None

    def _prep_objects(self, tok: Token, words: list[str]) -> list[Token]:
        holders = [tok] + [c for c in tok.children if c.dep_ in ("prt", "advmod", "acomp", "conj") and c.pos_ != "VERB"]
        preps = [(h, c) for h in holders for c in h.children]
        preps += [(h, x) for h, c in list(preps) if c.dep_ == "prep" for x in c.conjuncts]  # "the capture of A and of B"
        after = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and after is not None and after.dep_ == "prep" \
                and after.head.i == tok.head.i and tok.head.tag_ != "VBG" and len(words) == 1:
            # "footage showed fighters in the villages of X": the parser hung the noun's place on the verb (not on a
            # participle: "abandoned by retreating forces in X" tells where they were before they left)
            preps.append((tok, after))
        out: list[Token] = []
        for h, c in preps:
            if c.lower_ != words[0] or (c.dep_ not in ("prep", "agent", "dative", "prt", "advmod")
                                        and not (c.dep_ == "conj" and c.pos_ == "ADP")):
                continue
            if len(words) == 1:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            else:
                objs = [g for cc in c.children if cc.lower_ == words[1] for g in cc.children if g.dep_ == "pobj"]
                if not objs and h.i == tok.i:  # "out" and "of" both on the verb
                    objs = [g for cc in tok.children if cc.lower_ == words[1] and cc.dep_ == "prep"
                            for g in cc.children if g.dep_ == "pobj"]
            for o in objs:
                if o.dep_ == "pcomp" and o.tag_ == "VBG":
                    # "abandoned X to advancing A units": the participle describes the party the parser made its object
                    o = next((g for g in o.children if g.dep_ == "dobj" and self._names_party(g)), o)
                out.append(o)
                out += [x for x in o.conjuncts if x.i > o.i]
                if len(words) == 1 and o.lower_ in self.lang.calendar_words:
                    # "launched it on 30 November on X": the parser hangs the second "on" on the date
                    out += [g for cc in o.children if cc.dep_ == "prep" and cc.lower_ == words[0]
                            for g in cc.children if g.dep_ == "pobj"]
        return out
