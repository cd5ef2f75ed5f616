"""Frames: what the clause reader produces (:class:`Frame`), and the token views of a document's mentions.

A frame is one predicate of a sentence with its roles (places, source and goal, agent and loser) and
its qualifiers (negation, plans, hedges, claims). The ledger and the event builder read these fields;
nothing downstream re-reads the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.attrs import IDX, LENGTH

from frontlines.events.lexicon import FrameSpec
from frontlines.models import ActorMention, PlaceMention

Token = Any  # spacy.tokens.Token
NOT_ARMED = frozenset({"civilians", "unknown", ""})
_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_SUBJ_PRONOUNS = frozenset({"they", "it", "who", "which", "that", "them", "he", "she", "theirs"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "both"})
_RELATIVE = frozenset({"who", "which", "that"})
NEAR_RELATIONS = frozenset({"near", "around", "outskirts", "outside", "nearby", "vicinity", "approaches", "edge", "edges", "gates", "environs",
                            "ringing", "surrounding", "encircling"})


def says_no_holder(sentence: str, cues: Sequence[str]) -> bool:
    """The sentence says nobody holds its place ("with neither side in control", "changed hands more than once");
    ``cues``: the language's ``no_holder`` phrases, lower case."""
    said = sentence.lower()
    return any(cue in said for cue in cues)


def near_relation(place: PlaceMention) -> bool:
    """The mention names a place by what lies close to it ("near X", "on the outskirts of X", "around X")."""
    return bool(NEAR_RELATIONS & set(place.relation.lower().split()))


def locator_only(place: PlaceMention) -> bool:
    """The place is named by a direction or distance from it ("12 km south-west of X"): it only says where
    something else lies."""
    return bool(place.relation) and place.relation != "between" and not near_relation(place)


def object_before(tok: Token) -> Token | None:
    """The direct object of ``tok``'s head that ends right before ``tok`` ("left [X] divided")."""
    return next((c for c in tok.head.children if c.dep_ == "dobj" and c.right_edge.i + 1 == tok.i), None)


def to_infinitive(tok: Token) -> bool:
    """The verb is a to-infinitive ("to retake", "to have entered")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def negation_of(tok: Token) -> list[Token]:
    """The "not" of an adjective: its own, or its copula's ("was not clear")."""
    own = [c for c in tok.children if c.dep_ == "neg"]
    if own or tok.dep_ not in ("acomp", "attr", "oprd"):
        return own
    return [c for c in tok.head.children if c.dep_ == "neg"]


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
    ongoing: bool = False  # told in the present tense ("clashes continue in X"): going on when the text was written
    unopposed: bool = False  # taken as another side's forces left, no battle told: a transfer without a fight
    overran: bool = False  # an entry that met only slight resistance ("entered X, meeting little resistance"): it took X
    current: bool = False  # a state the clause tells as "now": the state after a change told in the same sentence
    prior: bool = False  # told in the past perfect ("A had held X since 2016"): as it stood before the story's time
    finite: bool = False  # the predicate's clause is finite and its own ("X was in A's hands"), describing no noun
    describes: bool = False  # told in a relative clause about a party ("group A, which controls X"): who it is, not news
    clause: tuple[int, int] = (-1, -1)  # the characters of the predicate's own clause (a toll told there is its own)
    failed: bool = False  # an attempt told as failed ("failed to retake X", "failed to dislodge A from X")
    agreed: bool = False  # a deed the parties agreed to ("agreed to evacuate X"): an agreement, not yet the deed
    standing: bool = False  # a taking told in a relative clause as a state ("X, which has been occupied by A"): no news
    # an entry into a place another side left in the same sentence: the place changed hands (and that withdrawal is
    # part of it)
    yielded: bool = False
    countered: bool = False  # told by a verb of meeting another's attack ("repelled an assault on X"): the doer defended
    # told in a relative clause ("the coalition that swept into X on Sunday"): its day is no day the story moves on to
    relative: bool = False
    spanning: bool = False  # told by the long span it took ("it took A four years to win X back"): history
    # the characters of relative clauses inside the predicate's clause that tell a deed of their own ("struck X, which
    # A had taken on Friday"): a day named there is that deed's, not the predicate's
    asides: tuple[tuple[int, int], ...] = ()
    fought: bool = False  # an entry whose sentence tells a battle ("after heavy clashes, A entered X")
    # the characters of time phrases on the predicate that name happenings of their own ("Following the takeover of X
    # on 5 December, A took Y on 6 December"): their days are those happenings', when the clause names its own
    time_phrases: tuple[tuple[int, int], ...] = ()

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def unsided_doer(self) -> bool:
        """The text names an armed doer that no actor of the theater stands for ("foreign troops", "our forces")."""
        return self.agent_explicit and self.agent_armed and self.agent is None

    @property
    def entered_unnamed(self) -> bool:
        """An entry that met no fight (or only slight resistance), told with nobody entering ("X was entered without a
        fight"): a taking by the theater's attacker."""
        return self.kind == "enter" and (self.unopposed or self.overran) and self.agent is None and not self.unsided_doer

    @property
    def asserts(self) -> bool:
        """Whether the frame says something happened or holds (not negated, not a plan or a belief)."""
        return not self.negated and not self.irrealis


def _attribute_not_relation(sdoc: Any, starts: list[int], place: PlaceMention) -> PlaceMention:
    """A one-word relation the parser hangs on the name as its modifier ("took nearby X": X, which is nearby) is an
    attribute of the place, not where something lies from it ("took positions near X")."""
    if not place.relation or " " in place.relation.strip():
        return place
    i = bisect.bisect_left(starts, place.start)
    word = sdoc[i - 1] if i > 0 else None
    if word is not None and word.lower_ == place.relation.strip().lower() and word.dep_ in ("amod", "advmod") \
            and word.head.i >= i and word.head.idx < place.end:
        return replace(place, relation="")
    return place


class _DocIndex:
    """Token-level views of the mention stage's places and actors, for one parsed document."""

    def __init__(self, sdoc: Any, places: Sequence[PlaceMention], actors: Sequence[ActorMention],
                 starts: list[int] | None = None, text: str | None = None, units: frozenset[str] = frozenset()):
        self.sdoc = sdoc
        self.units = units  # ids of places that are parts of a city themselves (the Reader's)
        # spaCy builds Doc.text anew on every access: keep it, and the token offsets, once per document
        self.text: str = sdoc.text if text is None else text
        self.starts: list[int] = sdoc.to_array([IDX]).tolist() if starts is None else starts
        starts = self.starts
        lengths: list[int] = sdoc.to_array([LENGTH]).tolist()
        n = len(starts)
        places = [_attribute_not_relation(sdoc, starts, p) for p in places]
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
        # each armed or other party mention once, in text order (the parties a noun may refer back to)
        self.actors = sorted({id(m): m for m in self.actor_at.values()}.values(), key=lambda m: m.start)
