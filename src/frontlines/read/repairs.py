"""Repairs of the dependency parse: the parser's known misreadings of report prose, mended once after the parser
for every reader downstream (:func:`repair_parse`, a spaCy component that :func:`frontlines.read.nlp.load_nlp`
adds after the parser).

Each repair names the form it mends and moves only words that fit it exactly; the tags are read, not the parts of
speech (those are set after the repairs run).
"""

from __future__ import annotations

import calendar
from typing import Any

_FINITE = frozenset({"VBD", "VBP", "VBZ"})
#: The months' names, as the calendar writes them ("December") and shortened ("Dec").
_MONTHS = frozenset(n for m in calendar.month_name if m for n in (m, m[:3]))
#: The days' names ("Saturday"): with the months, the words a "when" clause of a day hangs on.
_WEEKDAYS = frozenset(calendar.day_name)
#: Conjunctions of time the parser may read as prepositions before a clause ("as A advanced").
_SUBORDINATORS = frozenset({"as", "after", "before", "since", "until", "while", "when"})


def _has_subject(verb: Any) -> bool:
    """The verb has a subject of its own (or an expletive "there")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _subject_dep(verb: Any) -> str:
    """The label a subject moved onto ``verb`` takes: passive under a passive auxiliary."""
    return "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"


def _gerund_subjects(doc: Any) -> Any:
    """A gerund the parser hangs on a finite verb as its auxiliary ("government shelling damaged X": "government" the
    subject, "shelling" an auxiliary of "damaged") is read as it is written: the gerund is the subject, and a subject
    just before it modifies it. An auxiliary in -ing form ("having", "being") governs a participle, never a finite
    verb, so no true auxiliary is touched."""
    for tok in doc:
        head = tok.head
        if tok.dep_ != "aux" or tok.tag_ != "VBG" or head.i <= tok.i or head.tag_ not in _FINITE:
            continue
        before = doc[tok.i - 1] if tok.i else tok
        if before.dep_ == "nsubj" and before.head.i == head.i and before.tag_[:2] in ("NN", "JJ"):
            tok.dep_ = "nsubj"
            before.head = tok
            before.dep_ = "amod" if before.tag_.startswith("JJ") else "compound"
        elif not _has_subject(head):
            tok.dep_ = "nsubj"  # "In X, shelling hit Y": the verb has no other subject
    for tok in doc:
        # "Fighting on D centred on X": a gerund before a verb with no subject of its own, read as a clause on it
        # ("Fearing reprisals, residents fled": the verb has its subject, and the gerund stays a clause)
        head = tok.head
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.i > tok.i and head.dep_ == "ROOT" \
                and (head.tag_ in _FINITE or head.tag_ == "VBN") and not any(c.dep_ == "dobj" for c in tok.children) \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in head.children) \
                and not any(t.text == "," for t in doc[tok.i : head.i]):
            tok.dep_ = "nsubj"
    return doc


def _gerund_heads(doc: Any) -> Any:
    """A gerund after a singular noun that the parser hangs on the noun as a bare participle ("Government shelling was
    reported on X": "Government" the subject, "shelling" a clause on it) is read as written: the gerund heads the
    phrase in the noun's place, and the noun modifies it. Only a participle with no words of its own right after a
    singular noun ("civilians fleeing", plural, or "troops advancing on X", with an object, are left as they
    are)."""
    for tok in doc:
        head = tok.head
        if tok.dep_ != "acl" or tok.tag_ != "VBG" or head.i != tok.i - 1 or head.tag_ not in ("NN", "NNP") or any(True for _ in tok.children):
            continue
        if head.dep_ == "ROOT" or head.head.i == head.i:
            continue
        tok.head, tok.dep_ = head.head, head.dep_
        for child in [c for c in head.children if c.i < head.i]:
            child.head = tok  # ("the regime shelling": the article is the phrase's)
        head.head, head.dep_ = tok, "compound"
    return doc


def _fronted_phrase_roots(doc: Any) -> Any:
    """A sentence that opens with a place phrase and a comma ("In A and B, remaining units handed over their posts to
    C") is sometimes parsed with the preposition, or the subject, as its root and the verb as a clause on the subject.
    It is read as written: the verb is the root, the noun before it its subject, the opening phrase the verb's. Only a
    verb in the past with an object or a particle of its own is raised ("units handed over their posts", not "weapons
    seized by the army")."""
    for root in [t for t in doc if t.dep_ == "ROOT" and ((t.tag_ == "IN" and t.is_sent_start) or t.tag_.startswith("NN"))]:
        nouns = [c for c in root.children if c.dep_ == "pobj"][1:] if root.tag_ == "IN" else [root]
        for noun in nouns:
            verb = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and c.i > noun.i
                         and any(g.dep_ in ("dobj", "prt") for g in c.children)
                         and not any(g.dep_ in ("aux", "auxpass", "agent") for g in c.children)), None)
            opening = root if root.tag_ == "IN" else next((c for c in root.children if c.dep_ == "prep" and c.i < root.i), None)
            if verb is None or opening is None or not any(t.text == "," for t in doc[opening.i : noun.i]):
                continue
            verb.head = verb
            verb.dep_ = "ROOT"
            verb.tag_ = "VBD"
            noun.head = verb
            noun.dep_ = "nsubj"
            opening.head = verb
            opening.dep_ = "prep"
            break
    return doc


def _hyphenated_words(doc: Any) -> Any:
    """A hyphenated word the tokenizer split ("a counter-attack", "the A-B highway") and the parser read as
    three words of one role ("counter", "-" and "attack", each a subject of the verb) is one word again: its last
    part is the head, the parts before it modify it. Only parts written with no space around the hyphen, hung on
    the same word in the same role."""
    for hyphen in doc[1:-1]:
        first, last = doc[hyphen.i - 1], doc[hyphen.i + 1]
        if hyphen.text != "-" or first.whitespace_ or hyphen.whitespace_:
            continue
        if not (first.dep_ == hyphen.dep_ == last.dep_ and first.head.i == hyphen.head.i == last.head.i != last.i):
            continue
        first.head, first.dep_ = last, "compound"
        hyphen.head, hyphen.dep_ = last, "punct"
    return doc


def _finite_subjects(doc: Any) -> Any:
    """A past-tense verb with its own subject that the parser made the subject of a later verb ("A overran X on D,
    captured Y on E and took Z": "overran" the subject of "captured") is read as written: the first verb heads the
    sentence, and the later one is its conjunct. A finite verb is no noun phrase; only one with a subject of its own
    and a comma before the later verb is moved."""
    for verb in doc:
        later = verb.head
        if verb.tag_ != "VBD" or verb.dep_ not in ("nsubj", "csubj") or later.i <= verb.i or later.tag_ not in _FINITE:
            continue
        if later.dep_ != "ROOT" or not any(c.dep_ == "nsubj" for c in verb.children):
            continue
        if not any(t.text == "," for t in doc[verb.i : later.i]):
            continue
        verb.head = verb
        verb.dep_ = "ROOT"
        later.head = verb
        later.dep_ = "conj"
    return doc


def _lists_read_across_a_clause(doc: Any) -> Any:
    """A clause opened by a conjunction of time whose subject is a list with a participle before its last member
    ("after government troops and allied militias withdrew"): the parser reads the conjunction as a preposition with
    the first member its object, the participle ("allied") as a verb joined to the main one with the last member its
    object, and the clause's verb as another conjunct. The list is the subject of that verb, which heads a clause of
    time under the main verb; the participle describes the last member."""
    for part in doc:
        if part.tag_ != "VBD" or part.dep_ != "conj" or part.i < 3 or doc[part.i - 1].dep_ != "cc":
            continue
        main, first = part.head, doc[part.i - 2]
        prep = first.head
        if first.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _SUBORDINATORS or prep.head.i != main.i:
            continue
        last = next((c for c in part.children if c.dep_ == "dobj"), None)
        verb = doc[last.i + 1] if last is not None and last.i + 1 < len(doc) else None
        if last is None or verb is None or verb.tag_ != "VBD" or verb.head.i != main.i or verb.dep_ != "conj" \
                or _has_subject(verb) or any(c.dep_ not in ("compound", "amod", "punct", "npadvmod") for c in last.children):
            continue
        verb.head, verb.dep_ = main, "advcl"
        prep.head, prep.dep_ = verb, "mark"
        first.head, first.dep_ = verb, _subject_dep(verb)
        doc[part.i - 1].head = first
        last.head, last.dep_ = first, "conj"
        part.head, part.dep_, part.tag_ = last, "amod", "VBN"
    return doc


def _reduced_relatives(doc: Any) -> Any:
    """A passive participle with its doer after a noun ("strikes reportedly carried out by A struck X") that the parser
    made the sentence's root, with the true verb hung on it as a conjunct with no "and": the participle describes the
    noun, and the later verb is the root with the noun as its subject (also a later verb made finite by its
    auxiliary: "X and Y, both captured by A in 2020, were retaken on Saturday")."""
    for part in doc:
        if part.tag_ != "VBN" or part.dep_ != "ROOT" or any(c.dep_ in ("aux", "auxpass") for c in part.children):
            continue
        noun = next((c for c in part.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < part.i), None)
        verb = next((c for c in part.children if c.dep_ == "conj" and c.i > part.i and (c.tag_ == "VBD" or (
            c.tag_ == "VBN" and any(a.dep_ in ("aux", "auxpass") and a.tag_ in _FINITE for a in c.children)))), None)
        if noun is None or verb is None or not any(c.dep_ == "agent" for c in part.children):
            continue
        if any(c.dep_ == "cc" and part.i < c.i < verb.i for c in part.children) or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        verb.head = verb
        verb.dep_ = "ROOT"
        noun.head = verb
        noun.dep_ = _subject_dep(verb)
        part.head = noun
        part.dep_ = "acl"
        for c in [c for c in part.children if c.i < noun.i]:
            c.head = verb  # (the opening phrase, "On 1 December,", is the verb's)
    return doc


def _participles_after_a_noun(doc: Any) -> Any:
    """A passive participle with its doer set off right after a noun ("In X city, taken by A on D, the streets are
    calm") that the parser hung on the main verb as a clause: it describes the noun before its comma."""
    for part in doc:
        if part.tag_ != "VBN" or part.dep_ != "advcl" or part.i < 2 or doc[part.i - 1].text != ",":
            continue
        noun = doc[part.i - 2]
        if not noun.tag_.startswith("NN") or noun.dep_ not in ("pobj", "dobj", "appos"):
            continue
        if not any(c.dep_ == "agent" for c in part.children) or any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in part.children):
            continue
        part.head = noun
        part.dep_ = "acl"
    return doc


def _reporting_asides(doc: Any) -> Any:
    """A reporting aside set off by commas ("A took X, the monitor said, and took Y") that the parser made the head of
    the verb after it: the later verb, with no subject of its own, is the main predicate's conjunct again, and its
    subject is the main predicate's (not the one who reports it)."""
    for verb in doc:
        aside = verb.head
        if verb.dep_ != "conj" or aside.dep_ != "parataxis" or aside.head.i == aside.i or aside.i > verb.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        if not any(c.dep_ == "nsubj" for c in aside.children) or not any(t.text == "," for t in doc[aside.i : verb.i]):
            continue
        main = aside.head
        for c in [c for c in aside.children if c.dep_ in ("cc", "punct") and aside.i < c.i < verb.i]:
            c.head = main
        verb.head = main
    return doc


def _reports_read_into_a_report(doc: Any) -> Any:
    """A second verb of saying joined to the first one's reported clause ("A denied that X had been handed over and
    claimed that the army still held Y": "claimed" a conjunct of "handed"): a verb with no subject that reports a
    clause of its own ("that ...") after "and", in the tense of the verb whose clause it was hung on, is that verb's
    conjunct, said by the same subject."""
    for verb in doc:
        clause = verb.head
        if verb.dep_ != "conj" or verb.tag_ != "VBD" or clause.dep_ != "ccomp" or _has_subject(verb):
            continue
        main = clause.head
        if main.tag_ != verb.tag_ or main.i > clause.i or not _has_subject(main):
            continue
        if not any(c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children) for c in verb.children):
            continue
        for c in [c for c in clause.children if c.dep_ in ("cc", "punct") and clause.i < c.i < verb.i]:
            c.head = main
        verb.head = main
    return doc


def _objects_read_onto_a_verb(doc: Any) -> Any:
    """A list of objects read as conjuncts of their verb, or of the day a "when" clause hangs on ("dissolved on
    Saturday, when A took over the office, the police command and the security branches in X": "command" a conjunct of
    "took" or of "Saturday"). A noun joined to a verb (or to a day's name over its clause) after the verb's object is
    that object's conjunct."""
    for head in doc:
        if head.tag_.startswith("VB"):
            verb = head
        elif (head.text in _WEEKDAYS or head.text in _MONTHS) and (
                clause := next((c for c in head.children if c.dep_ == "relcl" and c.i > head.i), None)) is not None:
            verb = clause
        else:
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.i < verb.i:
            continue  # (a relative pronoun before its verb, "which A had taken", is no list's first item)
        for noun in [c for c in head.children if c.dep_ == "conj" and c.i > obj.i and c.tag_.startswith("NN")]:
            # (the list the object already holds, if any: "captured parts of A, B, and C districts" joins C to A)
            listed = [t for t in obj.subtree if t.i < noun.i and t.dep_ == "conj" and t.tag_.startswith("NN")]
            first = listed[-1] if listed else obj
            while listed and first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            noun.head = first
            for c in [c for c in head.children if c.dep_ in ("cc", "punct") and obj.i < c.i < noun.i]:
                c.head = first
    return doc


def _nouns_after_a_relative(doc: Any) -> Any:
    """A noun the parser joins to the verb of a relative clause, after the clause has closed with a comma ("struck the
    airport in X, which A had taken on Friday, as well as the base near Y": the base a conjunct of "taken") is a
    conjunct of the noun the clause tells of, as written: a verb takes no noun as its conjunct."""
    for tok in doc:
        verb = tok.head
        if tok.dep_ != "conj" or not tok.tag_.startswith("NN") or verb.dep_ != "relcl" or not verb.tag_.startswith("VB") \
                or tok.i < verb.i or not any(t.text == "," for t in doc[verb.i : tok.i]):
            continue
        noun = verb.head
        for c in [c for c in verb.children if c.dep_ in ("cc", "punct") and verb.i < c.i < tok.i]:
            c.head = noun
        tok.head = noun
    return doc


def _verbs_read_as_modifiers(doc: Any) -> Any:
    """A past verb joined by "and" to the verb before it, whose object is a name ("A attacked the pocket and, after
    hours of fighting, captured X, Y and Z"), that the parser read as a modifier of the name (the name an adverbial
    of the first verb) is the first verb's conjunct again, and the name its object."""
    for tok in doc:
        name = tok.head
        if tok.dep_ != "amod" or tok.tag_ not in ("VBD", "VBN") or name.i != tok.i + 1 or name.tag_ not in ("NNP", "NNPS"):
            continue
        verb = name.head
        if name.dep_ not in ("npadvmod", "dobj") or not verb.tag_.startswith("VB") or verb.i > tok.i \
                or not any(c.dep_ == "cc" and verb.i < c.i < tok.i for c in verb.children):
            continue
        for c in [c for c in name.children if c.i < tok.i]:
            c.head = tok  # ("after hours of fighting": the time of the second verb)
        tok.head, tok.dep_ = verb, "conj"
        name.head, name.dep_ = tok, "dobj"
    return doc


def _determiners_read_as_adverbs(doc: Any) -> Any:
    """A determiner standing alone right after a verb that has no object ("occupied both after fierce clashes"), that
    the parser read as an adverb of the preposition after it ("both after ... and ..."), is the verb's object."""
    for tok in doc:
        prep = tok.head
        if tok.dep_ != "advmod" or tok.tag_ != "DT" or tok.i == 0 or prep.i != tok.i + 1 or prep.tag_ != "IN":
            continue
        verb = doc[tok.i - 1]
        if not verb.tag_.startswith("VB") or prep.head.i != verb.i or any(c.dep_ == "dobj" for c in verb.children):
            continue
        tok.head, tok.dep_ = verb, "dobj"
    return doc


def _subjects_read_as_roots(doc: Any) -> Any:
    """A sentence the parser read as one noun phrase, its verb a participle describing the noun ("Armed groups
    infiltrated on Friday into X and clashed with the army there": "groups" the root, "infiltrated" its modifier),
    when the participle has a past verb joined to it by "and": a joined past verb shows the first is a finite verb
    too, so the participle heads the sentence and the noun is its subject. The same under a conjunction the parser
    read as a preposition ("The shelling came as armed groups infiltrated X and clashed ..."): the participle heads
    a clause of time."""
    for noun in doc:
        conj = noun.head if noun.dep_ == "pobj" and noun.head.lower_ in _SUBORDINATORS and noun.head.tag_ == "IN" else None
        if (noun.dep_ != "ROOT" and conj is None) or noun.tag_ not in ("NNS", "NNPS", "NN") or noun.i + 1 >= len(doc):
            continue
        verb = doc[noun.i + 1]
        if verb.head.i != noun.i or verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or any(
                c.dep_ in ("agent", "aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
            continue
        if not any(c.dep_ == "conj" and c.tag_ == "VBD" for c in verb.children) \
                or not any(c.dep_ == "cc" for c in verb.children):
            continue
        for c in [c for c in noun.children if c.i > verb.i]:
            c.head = verb  # (the closing stop)
        if conj is not None:
            verb.head, verb.dep_ = conj.head, "advcl"
            conj.head, conj.dep_ = verb, "mark"
        else:
            verb.head, verb.dep_ = verb, "ROOT"
        noun.head, noun.dep_ = verb, "nsubj"
    return doc


def _names_read_as_imperatives(doc: Any) -> Any:
    """A sentence that opens with a two-word name whose first word is also a verb ("Tell Rifaat fell to A", "Deir
    Hafer was shelled"): the parser reads an imperative, the first word the root, the second its object, and the
    finite verb after them a clause of saying with no subject. A clause of saying whose subject is missing, right after
    an object that is a proper name, is the sentence: the finite verb heads it, the name is its subject, the first
    word is part of the name."""
    for verb in doc:
        if verb.dep_ != "ROOT" or verb.tag_ != "VB" or not verb.is_title or not verb.is_sent_start:
            continue
        name = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if name is None or name.head.i != verb.i or name.dep_ != "dobj" or name.tag_ != "NNP":
            continue
        clause = doc[name.i + 1] if name.i + 1 < len(doc) else None
        if clause is None or clause.head.i != verb.i or clause.dep_ != "ccomp" or clause.tag_ not in (*_FINITE, "VBN") or _has_subject(clause):
            continue
        for c in [c for c in verb.children if c.i > clause.i]:
            c.head = clause  # (the closing stop)
        clause.head, clause.dep_ = clause, "ROOT"
        name.head, name.dep_ = clause, _subject_dep(clause)
        verb.head, verb.dep_ = name, "compound"
    return doc


def _names_read_as_verbs(doc: Any) -> Any:
    """A two-word name whose first word is also a verb, inside a sentence ("had used Tell X to shell A"): the
    parser reads the capitalised word as a verb with the name's second word its object. After a word in lower case (not
    a headline's capitals), such a verb is part of the name, and the name takes its place under the verb before it
    (what hung on the misread verb hangs there too)."""
    for verb in doc:
        if not verb.tag_.startswith("VB") or not verb.is_title or verb.is_sent_start or verb.i == 0 or verb.dep_ == "ROOT":
            continue
        name = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        before, head = doc[verb.i - 1], verb.head
        if name is None or name.head.i != verb.i or name.dep_ != "dobj" or name.tag_ != "NNP" or not before.is_lower:
            continue
        if head.tag_.startswith("VB"):
            dep = "dobj"
        elif head.tag_ == "IN":
            dep = "pobj"
        else:
            continue
        for c in [c for c in verb.children if c.i != name.i]:
            c.head = head
        name.head, name.dep_ = head, dep
        verb.head, verb.dep_, verb.tag_ = name, "compound", "NNP"
    return doc


def _subjects_read_as_conjuncts(doc: Any) -> Any:
    """A second clause after "and" whose subject the parser joined to the first clause's verb as a conjunct ("A fought
    their way to X, and Y, on the edge of the city, was reported lost": "Y" a conjunct of "fought", "reported" a
    conjunct with no subject): a name after "and", with a later conjunct verb of the same head that has an auxiliary
    and no subject of its own, is that verb's subject, and the words between them describe the name."""
    for verb in doc:
        if verb.dep_ != "conj" or verb.tag_ not in (*_FINITE, "VBN") or _has_subject(verb):
            continue
        first = verb.head
        if not first.tag_.startswith("VB") or not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
            continue
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            continue
        name = next((c for c in first.children if c.dep_ == "conj" and c.tag_ in ("NNP", "NNPS") and c.i < verb.i
                     and any(t.dep_ == "cc" and t.head.i == first.i for t in doc[first.i : c.i])), None)
        if name is None or any(t.dep_ == "cc" and t.head.i == first.i for t in doc[name.i : verb.i]):
            continue
        for c in [c for c in first.children if name.i < c.i < verb.i and c.dep_ == "prep"]:
            c.head = name  # (", on the rim of the city,")
        name.head = verb
        name.dep_ = _subject_dep(verb)
    return doc


def _dates_read_into_a_subject(doc: Any) -> Any:
    """A day that opens a sentence with no comma after it, run into the name of the subject ("On 6 December X and Y
    were entered"): the parser reads "6 December X" as one name, the object of "On", and leaves the verb with no
    subject. When the words before the name are a month and its day, the month is the preposition's object and the
    name the verb's subject."""
    for name in doc:
        prep, verb = name.head, name.head.head
        if name.dep_ != "pobj" or name.tag_ != "NNP" or prep.dep_ != "prep" or prep.i != prep.sent.start \
                or not verb.tag_.startswith("VB") or _has_subject(verb):
            continue
        month = next((c for c in name.children if c.dep_ == "compound" and c.text in _MONTHS and c.i < name.i), None)
        if month is None or not any(c.like_num and c.head.i in (name.i, month.i) for c in doc[prep.i + 1 : month.i + 2]):
            continue
        for c in [c for c in name.children if c.i <= month.i + 1 and c.like_num]:
            c.head, c.dep_ = month, "nummod"
        month.head, month.dep_ = prep, "pobj"
        name.head = verb
        name.dep_ = _subject_dep(verb)
    return doc


#: The quarters of the compass, which open a scene ("in the east", "in the north-west").
_QUARTERS = frozenset({"north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
                       "northeast", "northwest", "southeast", "southwest"})


def _quarters_read_into_a_subject(doc: Any) -> Any:
    """A quarter of the compass that opens a clause with no comma after it, run into the subject ("and in the east
    B's forces abandoned X"): the parser reads "the east B forces" as one noun, the object of "in",
    and leaves the verb with no subject. The quarter is the preposition's object, the rest the verb's subject."""
    for name in doc:
        prep, verb = name.head, name.head.head
        if name.dep_ != "pobj" or prep.dep_ != "prep" or not verb.tag_.startswith("VB") or _has_subject(verb) \
                or name.i + 1 != verb.i or not prep.i < name.i:
            continue
        first = min((c for c in name.subtree if c.dep_ == "compound"), key=lambda c: c.i, default=None)
        if first is None or first.lower_ not in _QUARTERS or first.i != prep.i + 2 or doc[prep.i + 1].lower_ != "the":
            continue
        for c in [c for c in name.children if c.dep_ == "det" and c.i < first.i]:
            c.head = first
        first.head, first.dep_ = prep, "pobj"
        name.head, name.dep_ = verb, _subject_dep(verb)
    return doc


def _date_labels_read_as_subjects(doc: Any) -> Any:
    """A timeline entry's day label read as a second subject of the entry's verb ("DEC. 6 (FRIDAY) - Rebels take X":
    "DEC" a subject of "take" beside "Rebels"): a month is no doer, so the label modifies the verb as a time."""
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.text.rstrip(".").capitalize() not in _MONTHS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in tok.head.children):
            tok.dep_ = "npadvmod"
    return doc


def _verbs_tagged_as_nouns(doc: Any) -> Any:
    """A sentence's root tagged as a noun that has a subject before it and an object after it ("local factions, many
    led by former rebels, overran checkpoints": "overran" a noun): a noun takes no subject and no object, so it is the
    verb (past tense, as a report tells)."""
    for tok in doc:
        if tok.dep_ != "ROOT" or tok.tag_ not in ("NN", "NNS") or any(c.dep_ in ("det", "poss", "amod") for c in tok.children):
            continue
        if any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children) and any(
                c.dep_ == "dobj" and c.i > tok.i for c in tok.children):
            tok.tag_ = "VBD"
    return doc


def _nouns_read_as_verbs(doc: Any) -> Any:
    """A plural noun in apposition after a name, tagged as a verb with the name its subject ("A and B, towns the army
    had held for years, were abandoned": "towns" a verb, the subject of "were abandoned", with A its subject): a verb
    is no subject, so the word is a noun set off by a comma after the name, the name is the subject in its place,
    and the clause on the noun describes it."""
    for tok in doc:
        if tok.tag_ != "VBZ" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i <= tok.i:
            continue
        name = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i and c.tag_ in ("NNP", "NNPS")
                     and doc[tok.i - 1].text == ","), None)
        if name is None:
            continue
        tok.tag_ = "NNS"
        name.head, name.dep_ = tok.head, tok.dep_
        tok.head, tok.dep_ = name, "appos"
        for c in tok.children:
            if c.dep_ == "ccomp":
                c.dep_ = "relcl"  # ("towns the army had held": a relative clause with no pronoun)
    return doc


def _subjects_read_into_a_participle(doc: Any) -> Any:
    """A participle clause set off by commas after the subject ("A and B, both retaken by the army in 2020, were
    abandoned"): the parser makes the names the participle's subject and leaves the finite verb after it with none.
    A participle has no subject of its own: the names are the later verb's, and the participle describes them."""
    for part in doc:
        verb = part.head
        if part.tag_ != "VBN" or part.dep_ != "advcl" or verb.i <= part.i or any(
                c.dep_ in ("aux", "auxpass") for c in part.children):
            continue
        if _has_subject(verb) or not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children):
            continue
        name = next((c for c in part.children if c.dep_ == "nsubj" and c.i < part.i and c.tag_ in ("NNP", "NNPS")), None)
        if name is None or not any(t.text == "," for t in doc[name.i : part.i]):
            continue
        name.head = verb
        name.dep_ = _subject_dep(verb)
        part.head, part.dep_ = name, "acl"
    return doc


def _verbs_read_as_relatives(doc: Any) -> Any:
    """A first clause's past verb read as a participle describing its subject ("A's units pulled back from X, and B
    entered the village": "pulled" an acl of "units", and "units" a second subject of "entered"). The participle keeps
    the "and" that joins the clauses, with no conjunct of its own, and the later verb has a subject after that "and":
    the participle is the first clause's verb, its noun that verb's subject, and the later verb its conjunct."""
    for part in doc:
        noun = part.head
        if part.tag_ not in ("VBN", "VBD") or part.dep_ != "acl" or noun.dep_ != "nsubj" or any(
                c.dep_ in ("aux", "auxpass", "agent", "conj", "nsubj", "nsubjpass") for c in part.children):
            continue
        verb = noun.head
        cc = next((c for c in part.children if c.dep_ == "cc" and c.i > part.i), None)
        if cc is None or verb.tag_ not in _FINITE or verb.i < cc.i:
            continue
        # (the later subject, or a name the parser joined to the first subject: "and B" a conjunct of "units")
        second = next((c for c in verb.children if c.dep_ == "nsubj" and cc.i < c.i < verb.i), None) or next(
            (c for c in noun.children if c.dep_ == "conj" and cc.i < c.i < verb.i), None)
        if second is None:
            continue
        second.head, second.dep_ = verb, "nsubj"
        for c in [c for c in verb.children if c.i < noun.i]:
            c.head = part  # (the opening phrase, "After a day of fighting,", is the first clause's)
        part.head, part.dep_ = part, verb.dep_
        if verb.dep_ != "ROOT":
            part.head = verb.head
        verb.head, verb.dep_ = part, "conj"
        noun.head = part
    return doc


def _objects_read_into_a_gerund(doc: Any) -> Any:
    """A fronted phrase ending in a gerund, with no comma before the clause it opens ("after four days of fighting
    the city was in A's hands", "after hours of shelling the town fell"): the parser makes the clause's subject the
    gerund's object and leaves the verb with no subject. When the finite verb comes right after that noun phrase, has
    no subject of its own and governs the phrase, the noun is its subject."""
    for g in doc:
        if g.tag_ != "VBG" or g.dep_ not in ("pcomp", "pobj"):
            continue
        obj = next((c for c in g.children if c.dep_ == "dobj" and c.i > g.i), None)
        if obj is None or obj.right_edge.i + 1 >= len(doc):
            continue
        verb = doc[obj.right_edge.i + 1]
        if verb.tag_ not in _FINITE or not any(a.i == verb.i for a in g.ancestors) \
                or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
            continue
        obj.head, obj.dep_ = verb, "nsubj"
    return doc


def _descriptions_read_as_roots(doc: Any) -> Any:
    """A subject described by a raised participle ("jets believed to be foreign struck X", "gunmen said to belong to A
    attacked Y") that the parser made the root, with the true verb, right after the infinitive, hung on it as a
    clause with no "that" and no subject, or as a conjunct with no "and": the participle describes the noun, and the
    later verb is the root."""
    for part in doc:
        if part.dep_ != "ROOT" or part.tag_ not in ("VBD", "VBN"):
            continue
        noun = next((c for c in part.children if c.dep_ == "nsubj" and c.i < part.i), None)
        inf = next((c for c in part.children if c.dep_ == "xcomp" and c.left_edge.i == part.i + 1
                    and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)), None)
        if noun is None or inf is None or inf.right_edge.i + 1 >= len(doc):
            continue
        verb = doc[inf.right_edge.i + 1]
        if verb.head.i != part.i or verb.dep_ not in ("ccomp", "conj") or verb.tag_ not in _FINITE or any(
                c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in verb.children):
            continue
        verb.head, verb.dep_ = verb, "ROOT"
        noun.head = verb
        part.head, part.dep_, part.tag_ = noun, "acl", "VBN"
        for c in [c for c in part.children if c.i < noun.i or c.i > verb.i]:
            c.head = verb  # (an opening phrase and the closing stop are the verb's)
    return doc


#: Possessive pronouns that stand alone as a predicate ("X is ours").
_OWNING = frozenset({"ours", "theirs", "yours"})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "remains", "remained", "remain"})


def _possessives_read_as_appositions(doc: Any) -> Any:
    """A possessive pronoun after a phrase set off by commas ("the city was, for practical purposes, theirs"): the
    parser hangs it on the phrase as an apposition. A copula with a subject and no complement of its own above it
    takes it as its complement."""
    for tok in doc:
        if tok.lower_ not in _OWNING or tok.dep_ not in ("appos", "conj", "npadvmod", "dobj"):
            continue
        verb = next((a for a in tok.ancestors if a.lower_ in _COPULAS), None)
        if verb is None or not any(c.dep_ == "nsubj" for c in verb.children) or any(
                c.dep_ in ("attr", "acomp") for c in verb.children):
            continue
        tok.head, tok.dep_, tok.tag_ = verb, "attr", "PRP"
    return doc


#: Nouns of a span of time that, counted or marked ("hours later", "the same day"), tell when, never where.
_TIME_NOUNS = frozenset({"day", "days", "hour", "hours", "minute", "minutes", "morning", "evening", "night", "week"})
_TIME_MARKS = frozenset({"same", "next", "following", "later", "afterwards", "after"})


def _particles_read_as_time_prepositions(doc: Any) -> Any:
    """A verb with the particle "in" or "over" followed by a time ("fighters moved in hours later", "took over the
    same day"): the parser reads the particle as a preposition with the time as its object. A time noun marked as a
    time ("the same day", "hours later") is no place it went into: the particle is the verb's, the time its adverb."""
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "over") or prep.head.i != prep.i - 1 or not prep.head.tag_.startswith("VB"):
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lower_ not in _TIME_NOUNS:
            continue
        after = doc[obj.i + 1] if obj.i + 1 < len(doc) else None
        if not (any(c.lower_ in _TIME_MARKS for c in obj.children) or (after is not None and after.lower_ in _TIME_MARKS)):
            continue
        verb = prep.head
        prep.dep_ = "prt"
        obj.head, obj.dep_ = verb, "npadvmod"
    return doc


#: Nouns of a time of day that a preposition marks as a time ("by nightfall", "at dawn"), never a word of a name.
_DAY_TIMES = frozenset({"dawn", "daybreak", "sunrise", "morning", "noon", "midday", "afternoon", "evening", "dusk",
                        "sunset", "nightfall", "night", "midnight"})


def _times_read_into_a_name(doc: Any) -> Any:
    """A time of day after a preposition, read as the first word of the capitalised name after it ("By nightfall A,
    B and C were held": "nightfall" a compound of A, or A the preposition's object): the time is the preposition's
    object, and the name, freed, is the subject of the verb the preposition hangs on, when that verb has none."""
    for tok in doc:
        prep = doc[tok.i - 1] if tok.i else None
        name = tok.head
        if (prep is None or prep.tag_ != "IN" or tok.lower_ not in _DAY_TIMES or tok.dep_ != "compound"
                or name.i != tok.i + 1 or name.tag_ not in ("NNP", "NNPS")):
            continue
        if name.dep_ == "pobj" and name.head.i == prep.i:
            verb = prep.head
            if not verb.tag_.startswith("VB") or _has_subject(verb):
                continue
            name.head, name.dep_ = verb, _subject_dep(verb)
        elif any(c.dep_ == "pobj" for c in prep.children):
            continue
        tok.head, tok.dep_, tok.tag_ = prep, "pobj", "NN"
    return doc


def _subjects_read_as_objects_of_a_subordinator(doc: Any) -> Any:
    """"A moved into X after army units and allied militias withdrew": the parser reads "after" as a preposition with
    the units its object, and "withdrew" as a clause of no subject right after them. A finite verb with no subject
    that follows a subordinator's object at once is that clause's verb: the object is its subject, the word its mark."""
    for prep in doc:
        if prep.lower_ not in _SUBORDINATORS or prep.dep_ != "prep" or prep.tag_ != "IN":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.right_edge.i + 1 >= len(doc):
            continue
        verb = doc[obj.right_edge.i + 1]
        if verb.tag_ not in _FINITE or _has_subject(verb) or verb.head.i != prep.head.i or verb.dep_ not in ("advcl", "conj"):
            continue
        obj.head, obj.dep_ = verb, _subject_dep(verb)
        prep.head, prep.dep_ = verb, "mark"
        verb.dep_ = "advcl"
    return doc


#: The repairs in the order they run (each reads the parse the ones before it left).
_REPAIRS = (
    _hyphenated_words, _date_labels_read_as_subjects, _verbs_tagged_as_nouns, _objects_read_onto_a_verb, _gerund_heads, _gerund_subjects, _fronted_phrase_roots, _reporting_asides,
    _reports_read_into_a_report, _finite_subjects,
    _lists_read_across_a_clause, _reduced_relatives, _participles_after_a_noun, _nouns_after_a_relative, _verbs_read_as_modifiers,
    _determiners_read_as_adverbs, _subjects_read_as_roots, _names_read_as_imperatives, _names_read_as_verbs, _subjects_read_as_conjuncts,
    _dates_read_into_a_subject, _quarters_read_into_a_subject, _nouns_read_as_verbs, _subjects_read_into_a_participle,
    _objects_read_into_a_gerund, _verbs_read_as_relatives, _particles_read_as_time_prepositions, _descriptions_read_as_roots,
    _possessives_read_as_appositions, _times_read_into_a_name, _subjects_read_as_objects_of_a_subordinator,
)


def repair_parse(doc: Any) -> Any:
    """The parser's known misreadings, mended once for every reader downstream. Runs after the parser and before the
    tags become parts of speech, so it reads tags alone, and a repaired word is tagged and lemmatised as it now stands."""
    for repair in _REPAIRS:
        doc = repair(doc)
    return doc
