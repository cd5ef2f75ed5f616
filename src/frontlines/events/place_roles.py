"""The places a role stands for, for the clause reader (:class:`frontlines.events.roles._Roles` builds on it).

A role token's places: its name, an appositive ("the town of X"), a part of a place ("parts of X", "several
villages in X"), a list the small parser attaches wrongly, and nouns or pronouns that refer back to places ("the
town", "these villages", "them"; what they stand for is in :mod:`frontlines.events.references`); and the parties a
token names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from frontlines.events.frames import _DETERMINERS, _NOMINAL, _RELATIVE, _VERBAL, Token, near_relation
from frontlines.events.phrases import list_gap
from frontlines.events.references import _References
from frontlines.mentions.gazetteer import haversine_km
from frontlines.models import ActorMention, PlaceMention

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _clausal(tok: Token) -> bool:
    """Whether ``tok`` heads a clause: a verb, but not a gerund standing as a noun in an argument
    ("shelling was reported in X": the gerund is the subject, the clause is the verb's)."""
    return tok.pos_ in _VERBAL and not (tok.tag_ == "VBG" and tok.dep_ in _ARGUMENT_DEPS)


PART_KM = 15.0  # how far a named part of a town ("the A quarter of B") may lie from the town's point


# a list's item: a bullet at the start of a line, or the indent the reader leaves where it blanked one
_BULLET = re.compile(r"[ \t]+\S|[ \t]*[-•*–][ \t]")

class _PlaceRoles(_References):
    """Places and parties of role tokens, within one sentence."""

    tokens: list[Token]
    ids: range
    starts: list[int]
    _weak: bool
    _loose: bool
    _control_verbs: frozenset[str]

    def _civilian_word(self, tok: Token) -> bool:
        """The token is a noun for people who do not fight ("civilians", "families", "shepherds")."""
        return tok.lemma_.lower() in self.lang.civilian_nouns or tok.lower_ in self.lang.civilian_nouns

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
            if p.start < self.span[0] and p.start in self._named_alone:
                continue  # "the airport", referring back to one place of an earlier sentence's list, is that place alone
            k = bisect.bisect_right(idx.place_starts, p.start)
            prev = p
            while k < len(idx.places) and idx.places[k].start < self.span[1]:
                nxt = idx.places[k]
                if nxt.start < prev.end:
                    k += 1
                    continue
                gap = text[prev.end : nxt.start]
                if not list_gap(gap):
                    break
                if nxt.kind == "region" and prev.kind != "region" and prev.admin1 and nxt.admin1 == prev.admin1 \
                        and any(w.lower() in self.lang.area_preps for w in gap.split()):
                    # "took A, in northern X, and B": the governorate that holds A locates it, and is no member
                    prev = nxt
                    k += 1
                    continue
                if self._opens_clause(nxt):
                    break  # "fought near A, and B was reported lost": B is the subject of a clause of its own
                if (nxt.place_id, nxt.start) not in have:
                    out.append(nxt)
                    have.add((nxt.place_id, nxt.start))
                    if partial is not None and p.place_id in partial:
                        partial.append(nxt.place_id)
                prev = nxt
                k += 1
        return out

    def _opens_clause(self, place: PlaceMention) -> bool:
        """Whether the words of ``place`` are the subject of a verb (the first member of a list of subjects, not a later
        one, which the parser joins to the first)."""
        words = self.idx.sdoc.char_span(place.start, place.end, alignment_mode="expand")
        return words is not None and len(words) > 0 and words.root.dep_ in ("nsubj", "nsubjpass")

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
            return []  # "captured the country's third-largest city": the country owns what was taken
        between = [t for t in self.tokens if end <= t.idx < p.start]
        if list_head:
            # ("including the towns of A", "including on the eastern side of A": a part of a place listed)
            between = [t for t in between if not (t.lower_ == "of" or t.pos_ in ("DET", "ADJ") or t.lemma_.lower() in self.lang.place_class
                                                  or t.lemma_.lower() in self.lang.partial
                                                  or (t.pos_ == "ADP" and t.i == pred.i + 1))]
        if any(t.pos_ in ("ADP", "VERB", "SCONJ", "PUNCT") for t in between) or len(between) > 3:
            return []  # "advancing on X", "moved, X": not an object
        return [p]

    def _names_party(self, tok: Token) -> bool:
        """The token names an armed party: an actor of the dictionary or a unit noun of the pack."""
        return self._actor_of(tok) is not None or tok.lower_ in self.lang.military_nouns

    def _bearing(self, tok: Token) -> bool:
        """A compass word ("north", "south-west", "northern") standing as a noun."""
        word = tok.lower_
        bearings = self.lang.geoparse_tables.get("bearings", {})
        stems = {word, *(word[: -len(s)] for s in self.lang.geoparse.get("compass_suffixes", ()) if word.endswith(s))}
        return tok.pos_ in ("NOUN", "PROPN", "ADV") and bool(stems & set(bearings))

    def _located(self, tok: Token, objects: bool = False) -> list[Token]:
        """The named places a direction locates ("A and B north of X", "A, north of X"): names the parser hung on
        the direction word, or the place the direction word hangs on; with ``objects``, the object of the verb it
        hangs on ("abandoned the towns of A and B north of X"). None when ``tok`` is no direction."""
        if not self._bearing(tok):
            return []
        named = [c for c in tok.children if c.dep_ in ("nmod", "compound", "amod") and c.i < tok.i and c.i in self.idx.place_at]
        if not named and tok.dep_ in ("advmod", "npadvmod", "amod") and tok.head.i in self.idx.place_at:
            named = [tok.head]
        if not named and objects and tok.dep_ in ("advmod", "npadvmod") and tok.head.pos_ in _VERBAL:
            named = [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i]
            return [x for c in named for x in (c, *c.conjuncts)]
        # (the whole list the parser hung on the direction: "seized A, B and C north-west of X", A and B under C)
        found = {x.i: x for c in named for x in c.subtree if x.i in self.idx.place_at}
        return [found[i] for i in sorted(found)]

    def _places_of(self, tok: Token, partial: list[str], depth: int = 0) -> list[PlaceMention]:
        """The places a role token stands for: its name, an appositive ("the town of X"), a part of a
        place ("parts of X", contested), or a noun or pronoun referring back ("the town", "it")."""
        idx, lang = self.idx, self.lang
        if depth > 3:
            return []
        if tok.i in idx.place_at:
            return [idx.place_at[tok.i]]
        if tok.lemma_.lower() in lang.quantity_nouns and tok.i not in idx.place_at:
            # "a string of villages west of X, among them A and B": the counted places are the places
            of_what = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if of_what:
                return [p for g in of_what for p in self._places_of(g, partial, depth + 1)]
        clause = tok.head
        while clause.dep_ in ("ccomp", "xcomp") and clause.head.i != clause.i and clause.head.pos_ in _VERBAL:
            clause = clause.head  # "X, which they announced they had captured": the relative of the clause above
        if tok.lower_ in _RELATIVE and clause.dep_ == "relcl":
            antecedent = clause.head
            for _ in range(4):  # "X, held by A since 2016, which B captured": the parser hangs the relative on the year
                if antecedent.i in idx.place_at or not (antecedent.tag_ == "CD" or antecedent.lower_ in lang.calendar_words) \
                        or antecedent.head.i == antecedent.i:
                    break
                antecedent = antecedent.head
                while antecedent.i not in idx.place_at and antecedent.dep_ in ("prep", "pobj", "acl", "agent") \
                        and antecedent.head.i != antecedent.i:
                    antecedent = antecedent.head
            if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "of" and antecedent.head.head.lemma_.lower() in lang.partial \
                    and not any(c.dep_ == "amod" and c.lower_ in lang.majority_adjectives for c in antecedent.head.head.children):
                # "the A neighbourhood of X, which B still held": the parser hangs the relative on X; it tells of the
                # part (X only in part)
                antecedent = antecedent.head.head
            located = self._located(antecedent.head.head, objects=True) \
                if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "of" else []
            if located:
                # "the towns of A and B north of X, which C entered": X only says where A and B lie; they were entered
                return [p for a in located for p in self._places_of(a, partial, depth + 1)]
            # "X, a town that A has held since D"; "A and B, which C occupied": all of a coordination before the
            # relative ("struck X, which C had taken, and Y": C took X alone)
            return [p for a in (antecedent, *(c for c in antecedent.conjuncts if c.i < tok.i))
                    for p in self._places_of(a, partial, depth + 1)]
        located = self._located(tok)
        if located and tok.i not in idx.place_at:
            # "the towns of A and B north of X": the parser hangs the named towns on the direction
            return [p for a in located for p in self._places_of(a, partial, depth + 1)]
        if tok.dep_ == "appos" and tok.head.i in idx.place_at and tok.lemma_.lower() in lang.place_class:
            return [idx.place_at[tok.head.i]]  # "X, a mostly rural town": the town is X
        appositives = [c for c in tok.children if c.dep_ == "appos"]
        if appositives and self._bearing(tok):
            # "North of X, the towns of A and B fell": a fronted direction the parser made the subject, the
            # places themselves its appositive
            return [p for c in appositives for p in self._places_of(c, partial, depth + 1)]
        lemma = tok.lemma_.lower()
        # a part noun as written, plural ("regions of X", "sections", "quarters") as well as by its lemma
        part_noun = lemma in lang.partial or (tok.tag_ == "NNS" and tok.lower_ in lang.partial)
        # ("the greater part of X", "most neighbourhoods of X" are most of X)
        part_noun = part_noun and not any(c.dep_ in ("amod", "det") and c.lower_ in lang.majority_adjectives for c in tok.children)
        # "the town of X" names X; "the country's third-largest city" names no city of its own (see above: the one its sentence named)
        named = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss", "amod") and c.i in idx.place_at
                 and idx.place_at[c.i].kind != "country"]
        if named and self._names_its_member(tok):
            # "the A town of B": B is the town, A only says where it lies; "the A district of B": B is a part of A
            of_places = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                         if g.dep_ == "pobj" for p in self._places_of(g, partial, depth + 1)]
            if part_noun:
                parts = [idx.place_at[c.i] for c in named if not self._far_part(c)]
                if parts and all(p.place_id in idx.units for p in parts) and not any(p.place_id in idx.units for p in of_places):
                    # "the A neighbourhood of X", A a neighbourhood the gazetteer knows: A itself, and X only in part
                    partial.extend(p.place_id for p in of_places)
                    return parts + of_places
                partial.extend(p.place_id for p in parts)
                return of_places + parts
            return of_places
        if named and lemma in lang.place_class:
            # "the A and B districts of C city": every named one, and the city partly
            listed = [idx.place_at[c.i] for c in named if not self._far_part(c)]
            listed += [idx.place_at[x.i] for c in named for x in c.conjuncts if x.i in idx.place_at and not self._far_part(c)]
            if part_noun:
                whole = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                         if g.dep_ == "pobj" for p in self._places_of(g, partial, depth + 1)]
                # "X's western districts", "X's A district": the owner is the whole the parts lie in
                whole += [idx.place_at[c.i] for c in named if c.dep_ == "poss"]
                partial.extend(p.place_id for p in whole)
                listed += [p for p in whole if p not in listed]
            return listed
        if tok.lower_ in lang.place_anaphora and not any((c.dep_ == "prep" and c.lower_ == "of") or (
                c.dep_ == "appos" and c.i in idx.place_at) for c in tok.children) and any(
                c.dep_ == "poss" and (
                c.lemma_.lower() in lang.country_nouns or (c.i in idx.place_at and idx.place_at[c.i].kind == "country"))
                for c in tok.children):
            # "swept into X, seizing the country's fourth-largest city": the city its own sentence named
            return [p for p in self._antecedents(tok, lang.place_anaphora[tok.lower_], plural=False) if p.start >= self.span[0]]
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
        if part_noun and not within:
            # "the city centre", "the town outskirts": the part of the place the noun before it refers back to
            # ("the city's western districts": the same, with the noun as the owner)
            ref = next((c for c in tok.children if (c.dep_ == "compound" or (
                c.dep_ == "poss" and any(d.lower_ in _DETERMINERS for d in c.children))) and c.lower_ in lang.place_anaphora), None)
            if ref is not None:
                found = self._antecedents(ref, lang.place_anaphora[ref.lower_], plural=False)
                partial.extend(p.place_id for p in found)
                return found
            # ("its western districts", "its outskirts": the parts of the settlement named last)
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ == "its"), None)
            if owner is not None:
                found = self._antecedents(owner, "settlement", plural=False)[-1:]
                partial.extend(p.place_id for p in found)
                return found
        if part_noun and of and tok.tag_ in ("NNS", "NNPS") and lemma in lang.place_class \
                and any(x.i in idx.place_at for o in of for x in o.conjuncts):
            # "the neighbourhoods of A and B", "the districts of A and B": the list names the units themselves (as
            # "the town of A"), not parts of each ("the neighbourhoods of X": parts of X)
            for o in of:
                out += self._places_of(o, partial, depth + 1)
                out += [p for x in o.conjuncts for p in self._places_of(x, partial, depth + 1)]
            return out
        if part_noun and of and tok.tag_ in ("NN", "NNP") and all(
                o.i in idx.place_at and idx.place_at[o.i].place_id in idx.units for o in of):
            # "the Kurdish-majority district of A", "the quarter of A" where A is itself a neighbourhood: the unit A,
            # whole (as "the town of A"), not a part of it
            for o in of:
                out += self._places_of(o, partial, depth + 1)
            return out
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
            # "withdrew from their positions in X", "abandoned its posts at X": the posts stand for X ("positions
            # near X": near it, a relation the place mention keeps)
            where = ("in", "at", "on", "inside", "within", "near", "around", "outside")
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in where]
            # "positions vacated by A in X": on the participle; "took over positions in X": hung on the verb
            preps += [c for a in tok.children if a.dep_ == "acl" for c in a.subtree
                      if c.dep_ == "prep" and c.lower_ in where]
            if not preps and tok.dep_ == "dobj":
                preps = [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ in where and c.i > tok.i]
            if not preps and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.right_edge.i + 1 < len(tok.doc):
                # "withdrew from positions in X": the parser hung "in X" on the verb, right after the positions
                after = tok.doc[tok.right_edge.i + 1]
                preps = [after] if after.dep_ == "prep" and after.lower_ in where and after.head.i == tok.head.head.i else []
            # ("positions in and around X": the object of the last preposition is the first one's too)
            preps += [x for c in preps for x in c.conjuncts if x.pos_ == "ADP"]
            for g in (g for c in preps for g in c.children if g.dep_ == "pobj"):
                # ("checkpoints on the A-B highway at X and Y": a road's posts are where the road's own words put them)
                road = g.i in idx.place_at and idx.place_at[g.i].kind == "route"
                # (or that the parser hung on the verb after the road: "abandoned checkpoints on the highway at X")
                hosts = [g, *([tok.head] if tok.dep_ == "dobj" else [])] if road else []
                on_road = [p for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in where and c.lower_ != "on"
                           and c.i > g.i for x in c.children if x.dep_ == "pobj" for p in self._places_of(x, partial, depth + 1)]
                out += on_road or self._places_of(g, partial, depth + 1)
            if any(p.kind == "route" for p in out) and any(p.kind != "route" for p in out):
                out = [p for p in out if p.kind != "route"]  # ("posts on the highway at X": at X)
            if out:
                return out
        if lemma in lang.position_nouns or tok.lower_ in lang.position_nouns or lemma in lang.place_class:
            # "the checkpoints ringing X", "the villages surrounding X": a participle of lying around a place (the
            # mention keeps its relation: near X; and each place of its list is reached only in part)
            ringed = [g for a in tok.children if a.dep_ == "acl" and a.tag_ == "VBG" for g in a.children
                      if g.dep_ == "dobj" and g.i in idx.place_at and near_relation(idx.place_at[g.i])]
            out += [idx.place_at[x.i] for g in ringed for x in (g, *g.conjuncts) if x.i in idx.place_at]
            if out:
                partial.extend(p.place_id for p in out)
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
        listed = self._listed_after(tok) if (lemma in lang.place_class or tok.lower_ in lang.position_nouns) \
            and tok.tag_ in ("NNS", "NNPS") else []
        if listed:
            # "left the towns around X, including A, B and C", "captured 20 villages, among them A and B", "moved into
            # positions in the zone, including on the side of A"
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
        counted = any(c.dep_ == "nummod" for c in tok.children)  # "the two Shia towns" refers back, whatever names it
        # ("all three towns": a count under "all" refers back as surely as one under "the")
        if tok.lower_ in lang.place_anaphora and (any(c.lower_ in _DETERMINERS for c in tok.children) or (
                counted and any(c.lower_ in lang.region_full for c in tok.children))) \
                and (counted or not any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.children)) \
                and not any(c.dep_ == "prep" and any(o.dep_ == "pobj" and o.lower_ in lang.quarter_nouns for o in c.children)
                            for c in tok.children) \
                and not any(c.dep_ == "prep" and c.lower_ == "of" and any(
                    o.dep_ == "pobj" and o.pos_ == "NOUN" and o.lower_ not in lang.place_anaphora and o.i not in self.idx.place_at
                    for o in c.children) for c in tok.children):
            # ("the main city in the east", "the area of separation": described afresh, by a quarter or a common noun)
            return self._antecedents(tok, lang.place_anaphora[tok.lower_], plural=tok.tag_ in ("NNS", "NNPS"))
        if tok.lower_ in lang.pair_pronouns and tok.dep_ in ("nsubj", "nsubjpass") and all(
                c.dep_ == "prep" and c.lower_ == "of" and [g.tag_ for g in c.children] == ["WDT"] for c in tok.children):
            # "the army's defence rested on A and on the town of B. Both were lost on Thursday": the two places before
            # (so too "A and B, both of which fell the next day")
            return self._antecedents(tok, "any", plural=True)[-2:]
        if tok.lower_ in lang.place_anaphora and not any(c.dep_ == "det" for c in tok.children) \
                and tok.i > 0 and tok.doc[tok.i - 1].text == ":":
            # an incident line "D, X: Town fell to A": the bare class noun after the label is the labelled place
            return self._label_place(tok)
        if tok.lower_ in lang.there_words and tok.dep_ == "advmod":
            return self._antecedents(tok, "any", plural=True, within=300)  # "took control there"
        if tok.lower_ == "it" and (tok.dep_ in ("nsubj", "nsubjpass", "dobj") or (
                tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in lang.region_hedges | lang.region_full | lang.partial)):
            # (and "held most of it", "parts of it": the share of the place just named)
            return self._antecedents(tok, "any", plural=False, within=300)
        if tok.tag_ == "CD" and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and (n := self._count(tok)) >= 2 and any(
                c.dep_ in ("det", "predet") and (c.lower_ in lang.region_full or c.lower_ in _DETERMINERS) for c in tok.children) and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            # "all three were under A's control", "assessed the four as held": the last places named, that many
            found = self._antecedents(tok, "any", plural=True, within=400)
            return found[-n:] if len(found) >= n else []
        if tok.lower_ in lang.pair_words and tok.dep_ in ("dobj", "pobj") and not any(True for _ in tok.children):
            found = self._antecedents(tok, "any", plural=True, within=400)
            return found[-2:] if len(found) >= 2 else []  # "moved into both": the two places just named
        if tok.lower_ == "them" and tok.dep_ == "dobj":
            if self._party_before(tok):
                return []  # "K units withdrew after tribal fighters attacked them": them are the K units, not places
            return self._antecedents(tok, "any", plural=True, within=400)
        return []

    def _label_place(self, tok: Token, alone: bool = False) -> list[PlaceMention]:
        """The place that labels the token's line, right before the line's first colon and after at most a short
        label ("02 Dec, X: gunmen shot a man"), if any (``alone``: only when the text after the colon, up to the
        token's sentence end, names no place of its own)."""
        text = self.idx.text
        line = text.rfind("\n", 0, tok.idx) + 1
        colon = text.find(":", line, tok.idx)
        if colon < 0 or colon - line > 60:
            return []
        places, starts = self.idx.places, self.idx.place_starts
        found = [p for p in places[bisect.bisect_left(starts, line) : bisect.bisect_left(starts, colon)]
                 if p.end <= colon and not text[p.end : colon].strip() and p.start - line <= 25]
        if alone and bisect.bisect_left(starts, self.span[1]) > bisect.bisect_right(starts, colon):
            return []  # (a place of its own after the colon)
        return found[-1:]

    def _heading_place(self, tok: Token) -> list[PlaceMention]:
        """The place a list's heading names, for a bullet line under it that names none ("X" on a line of its own,
        then "- Held by A since D"): the heading is the line just above the bullets and holds one place alone."""
        text, places, starts = self.idx.text, self.idx.places, self.idx.place_starts
        line = text.rfind("\n", 0, tok.idx) + 1
        own = places[bisect.bisect_left(starts, line) : bisect.bisect_left(starts, self.span[1])]
        if not _BULLET.match(text, line) or any(p.kind not in ("country", "region") for p in own):
            return []  # (not a bullet, or one that names a place of its own)
        end = line - 1
        while end > 0:
            start = text.rfind("\n", 0, end) + 1
            content = text[start:end].strip()
            if not content:
                return []
            if not _BULLET.match(text, start):
                found = [p for p in places[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
                         if p.mention == content and p.kind != "region"]
                return found[:1]
            end = start - 1
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
                # a party, or people ("to protect the people after the army abandoned them"): not places; a plural
                # place noun ("took three villages ... shelled them") stands for places
                lemma = t.lemma_.lower()
                return self._names_party(t) or not (lemma in self.lang.place_class or lemma in self.lang.place_anaphora
                                                     or t.lower_ in self.lang.place_anaphora)
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

    def _far_part(self, tok: Token) -> bool:
        """A place named as a part of another ("the A neighbourhood of B") that lies far from it: a namesake of a part
        the gazetteer lacks (A a village elsewhere), not a place of the happening; B is where it happened."""
        if tok.i not in self.idx.place_at:
            return False
        part = self.idx.place_at[tok.i]
        tok = self._head_word(tok)
        head = tok.head
        if tok.dep_ not in ("compound", "nmod", "amod") or head.lemma_.lower() not in self.lang.partial:
            return False
        wholes = [self.idx.place_at[g.i] for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj" and g.i in self.idx.place_at]
        return bool(wholes) and all(haversine_km(w.lat, w.lon, part.lat, part.lon) > PART_KM for w in wholes)

    def _names_its_member(self, tok: Token) -> bool:
        """A singular place noun with a place after "of" ("the A town of B"): the "of" place is the one meant."""
        return (tok.tag_ == "NN" and tok.lemma_.lower() in self.lang.place_class
                and any(g.i in self.idx.place_at for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"))

    def _clause_places(self, pred: Token) -> list[PlaceMention]:
        """Places in the predicate's own clause (events only): not inside another clause's verb."""
        root = pred
        if pred.dep_ == "pcomp" and pred.head.dep_ in ("agent", "prep") and pred.head.head.lemma_.lower() in self.lang.harm_verbs:
            root = pred.head.head  # "the hospital in X was damaged by shelling": the gerund's places are its harm's
        while not _clausal(root) and root.dep_ not in ("ROOT",) and root.head.i != root.i:
            root = root.head
        out: list[PlaceMention] = []
        tokens = list(root.subtree)
        inner = {t.i for t in tokens}
        if root.dep_ == "relcl" and root.head.pos_ in _NOMINAL:
            # "a hospital in X that was damaged in a strike": the relative stands for its antecedent, places and all
            tokens = [t for t in root.head.subtree if t.i not in inner] + tokens
        for t in tokens:
            if t.i not in self.ids or t.i not in self.idx.place_at:
                continue
            cur, ok = t, True
            top = root.i if t.i in inner else root.head.i  # (the antecedent's words: up to the antecedent)
            while cur.i != top and cur.head.i != cur.i:
                cur = cur.head
                if cur.i != root.i and cur.pos_ in _VERBAL and cur.dep_ in ("ccomp", "advcl", "relcl", "conj", "xcomp", "parataxis") \
                        and not (cur.dep_ == "xcomp" and cur.head.lemma_.lower() in self.lang.aspect_verbs) \
                        and not (cur.dep_ == "advcl" and cur.head.i == root.i  # (with no subject of its own)
                                 and any(c.dep_ == "mark" and c.lower_ in self.lang.scene_marks for c in cur.children)
                                 and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)):
                    ok = False
                    break
            if (t.dep_ in ("compound", "nmod", "amod") and self._names_its_member(t.head)) or self._far_part(t):
                continue  # "the A town of B": A only locates B
            p = self.idx.place_at[t.i]
            if ok and (not out or out[-1] is not p):
                out.append(p)
        # a place only headed for ("pushing into A and towards B", "the advance towards B") is no scene when the clause
        # has one; alone, it is where the fighting is told ("clashes as rebels advanced towards B")
        heading = {id(self.idx.place_at[t.i]) for t in tokens if t.i in self.idx.place_at and self._heading(t)}
        return [p for p in out if id(p) not in heading] or out

    def _heading(self, tok: Token) -> bool:
        """The place is the object of a preposition of heading ("towards A and B")."""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ == "pobj" and tok.head.lower_ in self.lang.heading_preps

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
        if tok.i in at and at[tok.i].side != "unknown":
            return at[tok.i]
        # a generic armed noun of no side ("gunmen") named by a party that has one: "Islamic State gunmen"
        own = at.get(tok.i)
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss", "appos") and c.i in at:
                return at[c.i]  # ("a coalition, the A, took X": the party in apposition)
        for c in tok.children:  # "A commander B C", "the A General Command": the party two compounds away
            if c.dep_ == "compound" and (c.lemma_.lower() in self.lang.military_nouns or c.lemma_.lower() in self.lang.member_nouns
                                         or (c.pos_ == "PROPN" and tok.pos_ == "PROPN")):
                found = next((at[g.i] for g in c.children if g.dep_ in ("compound", "amod") and g.i in at), None)
                if found is not None:
                    return found
        for c in tok.children:  # "A-affiliated groups", "B-aligned units": the party inside the modifier
            if c.dep_ in ("amod", "compound") and c.pos_ in ("VERB", "ADJ"):
                for g in c.children:
                    if g.dep_ in ("npadvmod", "compound", "nmod", "advmod") and g.i in at:
                        return at[g.i]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in self.lang.membership_preps:
                for g in c.children:
                    if g.i in at:
                        return at[g.i]
                    # ("remnants of the A garrison": the party naming the noun after "of")
                    named = next((at[x.i] for x in g.children if x.dep_ in ("compound", "amod") and x.i in at), None)
                    if named is not None and g.lemma_.lower() in self.lang.military_nouns:
                        return named
            if c.dep_ == "amod" and c.lower_ in ("loyal", "allied", "affiliated", "linked", "aligned"):
                # "fighters loyal to A", "units affiliated with B"
                for g in (g for p in c.children if p.dep_ == "prep" for g in p.children):
                    if g.i in at:
                        return at[g.i]
            if c.dep_ == "acl" and c.lemma_.lower() in self.lang.description_verbs and any(
                    x.dep_ == "xcomp" for x in c.children):  # "gunmen believed to belong to A", "said to be from B"
                found = next((at[g.i] for x in c.children if x.dep_ == "xcomp" for g in x.subtree if g.i in at), None)
                if found is not None:
                    return found
            if c.dep_ == "acl" and c.lemma_.lower() in self.lang.leader_verbs:  # "fighters led by A"
                for g in (g for a in c.children if a.dep_ == "agent" for g in a.children):
                    if g.i in at:
                        return at[g.i]
                    found = next((at[x.i] for x in g.children if x.dep_ in ("compound", "appos") and x.i in at), None)
                    if found is not None:
                        return found
        for word in (tok, *(g for c in tok.children if c.dep_ == "prep" and c.lower_ in self.lang.membership_preps
                            for g in c.children if g.dep_ == "pobj" and g.i not in at)):
            # "a coalition calling itself A took X", "fighters from a group known as A": the noun is the party it is
            # called
            named = next((at[g.i] for c in word.children if c.dep_ == "acl" and c.lemma_.lower() in self.lang.naming_verbs
                          for g in c.subtree if g.i in at and g.i != word.i), None)
            if named is not None:
                return named
        if own is None:
            # "the command took X", "fighters of the command", "the command's units": the party whose name that noun
            # ends, named before
            for word in (tok, *(c for c in tok.children if c.dep_ == "poss"),
                         *(g for c in tok.children if c.dep_ == "prep" and c.lower_ in self.lang.membership_preps
                           for g in c.children if g.dep_ == "pobj")):
                named = self._named_by_head(word)
                if named is not None:
                    return named
        return own
