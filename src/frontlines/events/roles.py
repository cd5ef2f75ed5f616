"""Role filling for the clause reader: which places and parties a predicate's roles stand for.

Read on the dependency parse: objects and subjects along coordination and participial chains, the
objects of prepositions, appositives ("the town of X"), parts of places ("parts of X"), lists that the
small parser attaches wrongly, and nouns or pronouns that refer back to a place ("the town", "it").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from frontlines.events.frames import _DETERMINERS, _NOMINAL, _RELATIVE, _VERBAL, NEAR_RELATIONS, Token, _DocIndex
from frontlines.events.lexicon import FrameSpec, Language
from frontlines.events.phrases import list_gap
from frontlines.models import ActorMention, PlaceMention

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _clausal(tok: Token) -> bool:
    """Whether ``tok`` heads a clause: a verb, but not a gerund standing as a noun in an argument
    ("shelling was reported in X": the gerund is the subject, the clause is the verb's)."""
    return tok.pos_ in _VERBAL and not (tok.tag_ == "VBG" and tok.dep_ in _ARGUMENT_DEPS)


class _Roles:
    """The role-filling half of a sentence reader (:class:`frontlines.events.clause._Sentence`)."""

    lang: Language
    idx: _DocIndex
    tokens: list[Token]
    ids: range
    span: tuple[int, int]
    starts: list[int]
    _weak: bool
    _loose: bool

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
        out = self._extend_lists(out, partial)
        seen: set[tuple[str, int]] = set()
        unique = []
        for p in out:
            if p.relation and p.relation != "between" and not NEAR_RELATIONS & set(p.relation.lower().split()) \
                    and any(q.start < p.start and not q.relation for q in out):
                continue  # "took A, 20 km north of B", "seized A north of B": B only says where A lies
            if (p.place_id, p.start) not in seen:
                seen.add((p.place_id, p.start))
                unique.append(p)
        return unique

    def _extend_lists(self, found: list[PlaceMention], partial: list[str] | None = None) -> list[PlaceMention]:
        """Coordination read on the surface too: a place followed by ", B, C and D" stands with them
        (the small parser often attaches long lists of names wrongly); in a list of parts ("parts of A, B
        and C districts") every member is a part (``partial``)."""
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
                    if partial is not None and p.place_id in partial:
                        partial.append(nxt.place_id)
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
        if p.kind == "country" and not list_head:
            return []  # "captured Syria's third-largest city": the country owns what was taken
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
            if self._folded_into_date(noun):
                return True  # "On 6 December clashes broke out in X" (no comma): the parser folds the subject into the date
            if noun.dep_ == "pobj" and noun.head.head.pos_ in _NOMINAL and noun.head.lower_ not in self.lang.time_preps:
                return True
            if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by") and (
                    noun.head.head.lemma_.lower() in self.lang.harm_verbs or noun.head.head.lemma_.lower() == "die"):
                return True  # "were killed in clashes near X", "died in the shelling of X": the toll's cause
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
        if role == "between":
            # "clashes between A and B": A is the first party (ACLED's actor1), B the other
            firsts = [g for c in base.children if c.dep_ == "prep" and c.lower_ in self.lang.between_preps
                      for g in c.children if g.dep_ == "pobj"]
            return self._in([g for g in firsts if self._names_party(g)])
        if role == "where":
            # "X, where rebels declared victory", "the town, where fighting raged": the relative's antecedent
            clause = pred
            while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i and clause.head.pos_ in _VERBAL:
                clause = clause.head
            if clause.dep_ == "relcl" and any(c.lower_ in self.lang.where_words and c.dep_ == "advmod" for c in clause.children):
                return self._in([clause.head])
            return []
        if role.startswith("headprep:"):
            # "launched an operation on 30 November on X": the preposition hangs on the verb the noun is the object of
            words = role[9:].split()
            if not nominal or base.dep_ != "dobj" or base.head.pos_ not in _VERBAL:
                return []
            return self._in(self._prep_objects(base.head, words))
        if role.startswith("subjprep:"):
            # "control of X passed to the rebels": the preposition hangs on the verb's subject
            words = role[9:].split()
            subj = next((c for c in pred.children if c.dep_ == "nsubj"), None) if not nominal else None
            return self._in(self._prep_objects(subj, words)) if subj is not None else []
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
        if verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head.pos_ in _VERBAL:
            # a verb of control: "the rebels were forced to withdraw" (its passive subject), "forced the army to
            # leave X" (its object, when that is an armed party) is who does what the infinitive says
            ctrl = next((c for c in verb.head.children if c.dep_ == "nsubjpass"
                         or (c.dep_ == "dobj" and c.i < verb.i and self._names_party(c))), None)
            if ctrl is not None:
                return ctrl
        # a subject of the verb's own line first: a heading above may hang a second one on it
        subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), key=lambda c: c.i not in self.ids)
        for c in subjects:
            if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            if c.i not in self.ids:
                return self._line_subject(verb) or c
            return c
        if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL:
            # "units were sent to X and took up positions there": the first verb's passive subject does the second
            shared = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None) if verb.tag_ in ("VBD", "VBZ", "VBP") else None
            # (an armed party: "the base was besieged and captured" shares its passive, the base does not capture)
            armed = shared is not None and (shared.i in self.idx.actor_at or shared.lower_ in self.lang.military_nouns)
            return shared if armed else self._subject(verb.head, depth + 1)
        if verb.dep_ in ("advcl", "xcomp", "pcomp") and verb.tag_ in ("VBG", "VB", "VBN") and verb.head.pos_ in _VERBAL:
            return self._subject(verb.head, depth + 1)
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in _VERBAL:
            return self._subject(verb.head.head, depth + 1)  # "regrouped in X after losing Y": the army lost Y
        if verb.dep_ in ("relcl", "acl") and any(c.tag_ == "TO" for c in verb.children) and verb.head.dep_ == "dobj" \
                and verb.head.head.pos_ in _VERBAL:
            return self._subject(verb.head.head, depth + 1)  # "the army launched an offensive to retake X"
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return verb.head
        for c in verb.children:
            if c.dep_ == "npadvmod" and c.i < verb.i and c.i in self.idx.actor_at and c.i in self.ids:
                return c  # "HTS controlled X": a party's acronym read as an adverbial noun is still the subject
        for c in verb.children:
            # "On 3 December US forces captured X" (no comma): the parser reads "December US forces" as the date's
            # phrase; the noun after the date is the subject
            if c.dep_ == "prep" and c.i < verb.i:
                for g in c.children:
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

    def _names_party(self, tok: Token) -> bool:
        """The token names an armed party: an actor of the dictionary or a unit noun of the pack."""
        return self._actor_of(tok) is not None or tok.lower_ in self.lang.military_nouns

    def _line_subject(self, verb: Token) -> Token | None:
        """When the parser joined this line to another ("...changes\nX advanced, capturing Y"), the party
        the line names before the verb, itself hung outside the line, is the verb's subject."""
        for t in self.tokens:
            if t.i >= verb.i or t.i not in self.idx.actor_at:
                continue
            head = t  # up the party's noun phrase ("Syrian opposition forces": the head noun "forces")
            while head.dep_ in ("compound", "amod", "nmod") and head.head.i in self.ids and head.head.i != head.i:
                head = head.head
            if head.pos_ in ("PROPN", "NOUN") and head.head.i not in self.ids:
                return head
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
                    if len(words) == 1 and o.lower_ in self.lang.calendar_words:
                        # "launched it on 30 November on X": the parser hangs the second "on" on the date
                        out += [g for cc in o.children if cc.dep_ == "prep" and cc.lower_ == words[0]
                                for g in cc.children if g.dep_ == "pobj"]
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
        part_noun = lemma in lang.partial
        # "the town of X" names X; "Syria's third-largest city" names no city (the country only owns it)
        named = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss", "amod") and c.i in idx.place_at
                 and idx.place_at[c.i].kind != "country"]
        if named and lemma in lang.place_class:
            # "the A and B districts of C city": every named one, and the city partly
            listed = [idx.place_at[c.i] for c in named]
            listed += [idx.place_at[x.i] for c in named for x in c.conjuncts if x.i in idx.place_at]
            if part_noun:
                whole = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                         if g.dep_ == "pobj" for p in self._places_of(g, partial, depth + 1)]
                partial.extend(p.place_id for p in whole)
                listed += whole
            return listed
        out: list[PlaceMention] = []
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        within = of or [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "inside", "within")
                         for g in c.children if g.dep_ == "pobj"]  # "a neighbourhood in the city of X"
        if part_noun and not within and tok.i + 1 < len(tok.doc):
            # "took A as well as a neighbourhood in X" with "in X" hung on the verb: the phrase right after
            # a part noun is where the part lies
            nxt = tok.doc[tok.i + 1]
            if nxt.dep_ == "prep" and nxt.lower_ in ("of", "in", "inside", "within") and nxt.head.i != tok.i:
                within = [g for g in nxt.children if g.dep_ == "pobj"]
        if part_noun and within:
            for o in within:
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
                # "the villages of A and B as well as a neighbourhood in C": the conjuncts the names do not cover
                out += [p for x in o.conjuncts if x.i not in idx.place_at for p in self._places_of(x, partial, depth + 1)]
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
        plural_class = next((c for c in tok.children if c.dep_ == "compound" and c.tag_ in ("NNS", "NNPS")
                             and c.lemma_.lower() in lang.place_class), None)
        if plural_class is not None and tok.i not in idx.place_at:
            # "seized several villages west of X, including A": the parser made "west" the object and
            # "villages" its modifier; the villages are what was seized
            tok, lemma = plural_class, plural_class.lemma_.lower()
        listed = self._listed_after(tok) if lemma in lang.place_class and tok.tag_ in ("NNS", "NNPS") else []
        if listed:
            # "left the towns around X, including A, B and C", "captured 20 villages, among them A and B"
            return listed
        if lang.place_anaphora.get(tok.lower_) == "settlement" and tok.tag_ in ("NNS", "NNPS"):
            # "took several villages in X", "30 towns and villages across X": unnamed settlements inside an area
            # are parts of it (never the area whole, nor places named before)
            inside = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in lang.area_preps
                      for g in c.children if g.dep_ == "pobj"]
            nxt = tok.doc[tok.i + 1] if not inside and tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in lang.area_preps and nxt.head.i == tok.head.i:
                inside = [g for g in nxt.children if g.dep_ == "pobj"]  # the parser hung "in X" on the verb
            for o in inside:
                out += self._places_of(o, partial, depth + 1)
                out += [p for x in o.conjuncts for p in self._places_of(x, partial, depth + 1)]
            if out:
                partial.extend(p.place_id for p in out)
                return out
        if tok.lower_ in lang.place_anaphora and any(c.lower_ in _DETERMINERS for c in tok.children) \
                and not any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.children):
            return self._antecedents(tok, lang.place_anaphora[tok.lower_], plural=tok.tag_ in ("NNS", "NNPS"))
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return self._antecedents(tok, "any", plural=False, within=300)
        if tok.lower_ == "them" and tok.dep_ == "dobj":
            if self._party_before(tok):
                return []  # "the SDF withdrew after tribal fighters attacked them": them are the SDF, not places
            return self._antecedents(tok, "any", plural=True, within=400)
        return []

    def _party_before(self, pronoun: Token) -> bool:
        """The nearest plural noun or place before a pronoun, in its sentence, is an armed party. The subjects of
        the pronoun's own verbs are passed over (a verb's object is not its subject: "forces tried to retake them")."""
        own: set[int] = set()
        verb = pronoun.head
        for _ in range(4):
            own |= {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
            if verb.head.i == verb.i or verb.dep_ not in ("xcomp", "conj"):
                break
            verb = verb.head
        for t in reversed([t for t in self.tokens if t.i < pronoun.i]):
            if t.i in own:
                continue
            if t.i in self.idx.place_at:
                if t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children):
                    return False  # a list of places: "took A and B ... retook them"
                continue  # one place alone is never "them"

            if t.tag_ in ("NNS", "NNPS") and t.dep_ not in ("compound", "amod"):
                return self._names_party(t)
        return False

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
        while not _clausal(root) and root.dep_ not in ("ROOT",) and root.head.i != root.i:
            root = root.head
        out: list[PlaceMention] = []
        for t in root.subtree:
            if t.i not in self.ids or t.i not in self.idx.place_at:
                continue
            cur, ok = t, True
            while cur.i != root.i and cur.head.i != cur.i:
                cur = cur.head
                if cur.i != root.i and cur.pos_ in _VERBAL and cur.dep_ in ("ccomp", "advcl", "relcl", "conj", "xcomp", "parataxis") \
                        and not (cur.dep_ == "xcomp" and cur.head.lemma_.lower() in self.lang.aspect_verbs):
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

    def _actor_of(self, tok: Token) -> ActorMention | None:
        at = self.idx.actor_at
        if tok.i in at:
            return at[tok.i]
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i in at:
                return at[c.i]
        for c in tok.children:  # "A-affiliated groups", "B-aligned units": the party inside the modifier
            if c.dep_ in ("amod", "compound") and c.pos_ in ("VERB", "ADJ"):
                for g in c.children:
                    if g.dep_ in ("npadvmod", "compound", "nmod", "advmod") and g.i in at:
                        return at[g.i]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "loyal", "including"):
                for g in c.children:
                    if g.i in at:
                        return at[g.i]
        return None
