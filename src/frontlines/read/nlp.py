"""Linguistic analysis with spaCy: sentences, tokens, entities, dependencies.

The model is a setting (``FRONTLINES_SPACY_MODEL``), loaded once per process.
Documents go through ``nlp.pipe`` in batches. The clause reader matches predicates on
lemmas, so the whole pipeline runs.
"""

from __future__ import annotations

import bisect
import multiprocessing
import os
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.models import Document, TextSpan
from frontlines.settings import SPACY_MODEL

DISABLED: tuple[str, ...] = ()
#: Components left out of the parse and run on a sentence when its answer is asked for (:class:`Entities`).
LATER: tuple[str, ...] = ("ner",)
# A line break always ends a sentence; so does a run of emoji before a capital (Telegram posts).
_LINE_BREAK = re.compile(r"\n+|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF])\s+(?=[A-Z\u0600-\u06FF])")


def sentence_spans(text: str, spacy_doc: Any) -> list[TextSpan]:
    """Character spans of spaCy's sentences of ``text``, each also cut at a line break (bullets, posts,
    headings) and at a run of emoji before a capital."""
    out = []
    for s in spacy_doc.sents:
        start = s.start_char
        for m in _LINE_BREAK.finditer(text, s.start_char, s.end_char):
            if text[start : m.start()].strip():
                out.append(TextSpan(start, m.start()))
            start = m.end()
        if text[start : s.end_char].strip():
            out.append(TextSpan(start, s.end_char))
    return out


class Entities:
    """spaCy's named entities of one parsed document, found sentence by sentence (those of
    :func:`sentence_spans`, the same whether the text was parsed whole or in pieces) when first asked.

    The parse leaves the named-entity model out: it costs as much as the rest of the pipeline, and
    its answer is wanted for a few sentences only (a person's name as a weak veto on a place name).
    The model reads one sentence at a time (its own token-to-vector layer sees a few words each
    side, so a sentence alone gives the answer the whole text gives, save at its edges)."""

    __slots__ = ("_done", "_ner", "_spacy_doc", "_spans", "_starts")

    def __init__(self, ner: Any, spacy_doc: Any) -> None:
        self._ner = ner
        self._spacy_doc = spacy_doc
        self._starts: list[int] | None = None
        self._spans: list[TextSpan] = []
        self._done: dict[int, list[tuple[int, int, str]]] = {}

    def _sentence(self, i: int) -> list[tuple[int, int, str]]:
        found = self._done.get(i)
        if found is None:
            start, end = self._spans[i]
            sent = self._spacy_doc.char_span(start, end, alignment_mode="expand")
            found = []
            if sent is not None and len(sent):
                offset = sent.start_char
                piece = self._ner(_alone(sent))
                found = [(e.start_char + offset, e.end_char + offset, e.label_) for e in piece.ents]
            self._done[i] = found
        return found

    def _index(self) -> list[int]:
        if self._starts is None:
            self._spans = sentence_spans(self._spacy_doc.text, self._spacy_doc)
            self._starts = [s for s, _e in self._spans]
        return self._starts

    def all(self) -> list[tuple[int, int, str]]:
        """Every entity of the document: (start, end, label), in text order."""
        return [e for i in range(len(self._index())) for e in self._sentence(i)]

    def near(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The entities of the sentences that hold characters ``start`` to ``end``."""
        starts = self._index()
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = max(first, bisect.bisect_left(starts, end) - 1)
        return [e for i in range(first, min(last, len(starts) - 1) + 1) for e in self._sentence(i)]

    def has_person(self, start: int, end: int, *, strictly: bool = False) -> bool:
        """Whether a person's name holds ``start`` to ``end`` (``strictly``: and is longer)."""
        return any(s <= start and end <= e and (not strictly or e - s > end - start)
                   for s, e, label in self.near(start, end) if label == "PERSON")


def _alone(sent: Any) -> Any:
    """A new Doc of one sentence's tokens with their norms (``Span.as_doc`` copies the whole
    document's arrays first: quadratic over a long report)."""
    from spacy.tokens import Doc

    tokens = list(sent)
    doc = Doc(sent.doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    for mine, theirs in zip(doc, tokens, strict=True):
        if mine.norm != theirs.norm:  # the tokenizer's exceptions ("n't" as "not")
            mine.norm_ = theirs.norm_
    return doc


@dataclass(frozen=True, slots=True)
class Analysis:
    """spaCy's reading of one document, kept next to the document it reads; ``found`` its named
    entities, asked for sentence by sentence (:class:`Entities`)."""

    doc: Document
    spacy_doc: Any  # spacy.tokens.Doc
    found: Entities

    @property
    def sentences(self) -> list[TextSpan]:
        """Character spans of the sentences; a line break (bullets, posts, headings) or emoji before a capital ends one."""
        return sentence_spans(self.doc.text, self.spacy_doc)

    @property
    def entities(self) -> list[tuple[int, int, str]]:
        """Character spans and labels of spaCy's named entities (a weak signal only), every sentence read."""
        return self.found.all()


# A line that opens with a short label of numbers and capitalised words, holding a number, and a dash or a colon
# ("Nov. 29 - ", "06:10 GMT - ", "02 Dec, X: "): an entry of a timeline, a live page or an incident digest, never
# the wrapped rest of the line above ("12 villages - a claim ..." is).
_ENTRY_LABEL = re.compile(r"(?=[^\n]{0,14}\d)(?:[A-Z][A-Za-z]*\.?|\d[\d:./-]*)(?:,?[ \t]+(?:[A-Z][A-Za-z]*\.?|\d[\d:./-]*)){0,3}"
                          r"(?:[ \t]+[-–—]|:)[ \t]")


def _paragraph_breaks(doc: Any) -> Any:
    """A blank line ends a sentence for the parser too, and so does a Markdown heading's line and a list item's line
    (its bullet blanked, the line starts indented): a paragraph is never parsed into the one above or below it (the
    parser keeps sentence boundaries set before it runs), and so does a line that opens with an entry's label. (Measured:
    a short line with no closing stop is as often a line of wrapped prose or an infobox as a heading; it is left to the
    parser.)"""
    text = doc.text
    for i in range(1, len(doc)):
        gap = doc[i - 1]
        if not gap.is_space or "\n" not in gap.text or doc[i].is_space:
            continue
        line_start = text.rfind("\n", 0, gap.idx) + 1
        label = _ENTRY_LABEL.match(text, doc[i].idx)
        if gap.text.count("\n") >= 2 or text.startswith("#", line_start) or gap.text.rsplit("\n", 1)[1] or label:
            doc[i].is_sent_start = True
        if label:
            k = i + 1  # and the label is no sentence of its own ("02" | "Dec, X: ...")
            while k < len(doc) and doc[k].idx < label.end():
                doc[k].is_sent_start = False
                k += 1
    return doc


_FINITE = frozenset({"VBD", "VBP", "VBZ"})


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
        elif not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
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


def _reduced_relatives(doc: Any) -> Any:
    """A passive participle with its doer after a noun ("strikes reportedly carried out by A struck X") that the parser
    made the sentence's root, with the true verb hung on it as a conjunct with no "and": the participle describes the
    noun, and the later verb is the root with the noun as its subject."""
    for part in doc:
        if part.tag_ != "VBN" or part.dep_ != "ROOT" or any(c.dep_ in ("aux", "auxpass") for c in part.children):
            continue
        noun = next((c for c in part.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < part.i), None)
        verb = next((c for c in part.children if c.dep_ == "conj" and c.tag_ == "VBD" and c.i > part.i), None)
        if noun is None or verb is None or not any(c.dep_ == "agent" for c in part.children):
            continue
        if any(c.dep_ == "cc" and part.i < c.i < verb.i for c in part.children) or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        verb.head = verb
        verb.dep_ = "ROOT"
        noun.head = verb
        noun.dep_ = "nsubj"
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


def _repair_parse(doc: Any) -> Any:
    """The parser's known misreadings, mended once for every reader downstream. Runs after the parser and before the
    tags become parts of speech, so it reads tags alone, and a repaired word is tagged and lemmatised as it now stands."""
    return _participles_after_a_noun(_reduced_relatives(_finite_subjects(_reporting_asides(_fronted_phrase_roots(_gerund_subjects(_gerund_heads(_hyphenated_words(doc))))))))


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Any:
    """Load the spaCy pipeline named by the setting (or ``model``), once per process and name."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("frontlines_paragraph_breaks"):
        Language.component("frontlines_paragraph_breaks", func=_paragraph_breaks)
    if not Language.has_factory("frontlines_parse_repairs"):
        Language.component("frontlines_parse_repairs", func=_repair_parse)

    name = SPACY_MODEL.value(model)
    try:
        nlp = spacy.load(name, exclude=list(DISABLED))
    except OSError as exc:
        raise FrontlinesError(
            f"spaCy model {name!r} is not installed; run 'make install' or set FRONTLINES_SPACY_MODEL"
        ) from exc
    nlp.max_length = 25_000_000
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("frontlines_paragraph_breaks", before="parser")
        nlp.add_pipe("frontlines_parse_repairs", after="parser")
    return nlp


#: Longest piece of text spaCy parses at once, in characters. spaCy's cost and memory grow
#: faster than the text on one huge Doc; bounded pieces keep a long report linear.
WINDOW = 20_000
#: Characters spaCy holds in one batch: many short reports, or a few pieces of a long one.
BATCH_CHARS = 200_000
#: A document at least this long is parsed by several processes at once (its pieces are
#: independent, so the parse is the same); a batch of short reports stays in this process.
PARALLEL_CHARS = 4 * WINDOW
#: Processes for a long document: None for one per core (this process's CPU affinity), 1 for none.
PROCESSES: int | None = None


def parse_processes(longest_doc: int, pieces: int) -> int:
    """How many processes spaCy uses for a call whose longest document has ``longest_doc``
    characters in ``pieces`` pieces in all. More than one only for a long document, in a
    single-threaded main process on a platform that forks (the model is shared, not reloaded):
    a worker of a batch ingest leaves the other cores to its siblings."""
    if longest_doc < PARALLEL_CHARS or pieces < 2:
        return 1
    wanted = PROCESSES if PROCESSES is not None else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if wanted <= 1 or multiprocessing.parent_process() is not None or threading.active_count() > 1:
        return 1
    if (multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0]) != "fork":
        return 1
    return max(1, min(wanted, pieces))


def windows(text: str, size: int = WINDOW) -> list[TextSpan]:
    """Consecutive spans covering ``text``, each at most ``size`` characters, cut after a
    paragraph break where there is one in the second half of the window, else after a line
    break (a sentence ends there anyway), else after a sentence end, else after a space."""
    spans: list[TextSpan] = []
    start, n = 0, len(text)
    while n - start > size:
        low, high = start + size // 2, start + size
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, low, high - len(sep) + 1)
            if cut >= 0:
                cut += len(sep)
                break
        else:
            cut = high  # no whitespace in half a window: not prose, cut anywhere
        spans.append(TextSpan(start, cut))
        start = cut
    spans.append(TextSpan(start, n))
    return spans


def _joined(nlp: Any, parts: list[Any], text: str) -> Any:
    """One spaCy Doc from the parsed pieces; ``text`` is what spaCy read (the pieces, softened, end to end)."""
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc

    # spaCy's stub lacks ``exclude`` (spaCy >= 3.3 has it): the tensors would double the memory.
    joined = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    if joined.text != text:  # cannot happen when the pieces cover the text; a guard for offsets all the same
        raise FrontlinesError("internal error: pieces of a long report do not join to its text")
    return joined


_SHOUTED = re.compile(r"\b[A-Z]{6,}\b")
# A reference mark glued to a word, as encyclopedia text copies keep them ("X[2]", "Y[note 3]",
# "Z[citation needed]"): the parser would read it as part of a list's names and lose the list.
_REFERENCE_MARK = re.compile(r"(?:(?<=[\w.,;:'’)\]])|^)\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed|clarification needed)\]"
                             r"|(?<= )\[\d{1,3}\](?= [a-z])",  # or loose inside a sentence ("the X Command [21] led by")
                             re.MULTILINE)  # after a word or at the start of a line ("[37] By the evening, ...")


# A wire story's dateline at the start of a line: "BEIRUT, Dec 5 (Reuters) - ", "DAMASCUS (AP) — ", "(AFP) - ".
_DATELINE = re.compile(r"^(?:[A-Z][A-Z'’.\- ]{1,40}[A-Z](?:,\s*[A-Z][a-z]+)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
                       r"(?:\([A-Za-z][^()\n]{1,30}\)\s*)?|\([A-Za-z][^()\n]{1,30}\)\s*)[-–—]{1,2}\s", re.MULTILINE)

# A list item's bullet or a post's emoji at the start of a line ("• Shelling hit X", "⚡ BREAKING: ..."): the parser
# would read the glyph as a word (a Markdown or wiki heading's "#" and "=" are kept: they mark headings).
_BULLET = re.compile(r"^[ \t]*([^\w\s\"'“‘(\[#=<>]+)(?=[ \t])", re.MULTILINE)


def _blank_glyphs(m: re.Match[str]) -> str:
    glyphs = m.group(1)
    if all(unicodedata.category(ch)[0] in "SP" or unicodedata.category(ch) in ("Cf", "Mn") for ch in glyphs):
        return m.group(0)[: m.start(1) - m.start(0)] + " " * len(glyphs)
    return m.group(0)


# Quotation marks around a few words inside a sentence ('have "completely liberated" X', 'the army was "redeploying"'):
# the words are read as the sentence's own (a quoted sentence of five words or more keeps its marks).
_SCARE_QUOTES = re.compile(r"(?<=\w )([\"“])(\w[\w'’-]*(?: [\w'’-]+){0,3})([\"”])")


def soften_caps(text: str) -> str:
    """The text as the parser reads it: words shouted in capitals ("LIBERATED", "REPELLED") in lower
    case, for the tagger and the lemmatizer, and reference marks ("[2]"), wire datelines, list bullets and the marks of
    scare quotes blanked; the length is
    unchanged, so every offset still points into the original text."""
    text = _REFERENCE_MARK.sub(lambda m: " " * len(m.group(0)), text)
    text = _DATELINE.sub(lambda m: " " * len(m.group(0)), text)  # the parser would take the city for the subject
    text = _BULLET.sub(_blank_glyphs, text)
    text = _SCARE_QUOTES.sub(lambda m: f" {m.group(2)} ", text)
    return _SHOUTED.sub(lambda m: m.group(0).lower(), text)


def analyse(docs: Sequence[Document], *, model: str | None = None, batch_size: int = 32) -> Iterator[Analysis]:
    """Run spaCy over documents in batches, yielding one :class:`Analysis` each.

    A long document is parsed in pieces of at most :data:`WINDOW` characters (see
    :func:`windows`) joined back into one spaCy Doc, so offsets stay those of the full text."""
    nlp = load_nlp(model)
    cuts = [windows(d.text, WINDOW) for d in docs]
    longest = max((e - s for spans in cuts for s, e in spans), default=1)
    pieces = (soften_caps(d.text[s:e]) for d, spans in zip(docs, cuts, strict=True) for s, e in spans)
    processes = parse_processes(max((len(d.text) for d in docs), default=0), sum(len(spans) for spans in cuts))
    per_batch = max(1, min(batch_size, BATCH_CHARS // max(1, longest)))
    if processes > 1:
        per_batch = 1  # one piece at a time to each process: they stay busy to the end
    later = [name for name in LATER if name in nlp.pipe_names]
    parsed = iter(nlp.pipe(pieces, batch_size=per_batch, n_process=processes, disable=later))
    ner = nlp.get_pipe("ner") if "ner" in later else _no_entities
    for doc, spans in zip(docs, cuts, strict=True):
        # spaCy read the softened pieces (same length, same offsets), so the joined Doc's text is theirs.
        read = "".join(soften_caps(doc.text[s:e]) for s, e in spans) if len(spans) > 1 else ""
        parsed_doc = _joined(nlp, [next(parsed) for _ in spans], read)
        yield Analysis(doc, parsed_doc, Entities(ner, parsed_doc))


def _no_entities(doc: Any) -> Any:
    return doc
