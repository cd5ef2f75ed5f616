"""Linguistic analysis with spaCy: sentences, tokens, entities, dependencies.

The model is a setting (``FRONTLINES_SPACY_MODEL``), loaded once per process.
Documents go through ``nlp.pipe`` in batches. The clause reader matches predicates on
lemmas, so the whole pipeline runs.
"""

from __future__ import annotations

import bisect
import calendar
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
from frontlines.read.repairs import repair_parse
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
_CLOSING = frozenset('.!?:;,"”’)')  # what ends a line whose sentence is complete or goes on below
_ENTRY_LABEL = re.compile(r"(?=[^\n]{0,14}\d)(?:[A-Z][A-Za-z]*\.?|\d[\d:./-]*)(?:,?[ \t]+(?:[A-Z][A-Za-z]*\.?|\d[\d:./-]*)){0,3}"
                          r"(?:[ \t]+[-–—]|:)[ \t]")


# A line that holds nothing but a short label with a number ("6 December", "Dec. 6, 2024", "Day 3"): a heading of the
# section below it (a timeline's day), never a wrapped piece of prose (that holds a lower-case word or a stop).
_LABEL_LINE = re.compile(r"(?=[^\n]{0,20}\d)(?:[A-Z][A-Za-z]*\.?|\d[\d:./-]*),?(?:[ \t]+(?:[A-Z][A-Za-z]*\.?|\d[\d:./-]*),?){0,3}"
                         r"[ \t]*(?=\n)")
# The same label closed by a stop and followed by prose on its line ("27 November. Before dawn, A took X."): a
# chronology's day that heads its paragraph, a sentence of its own (the parser may cut it as "27" | "November.").
_LABEL_STOP = re.compile(r"(?:[A-Z][A-Za-z]*|\d{1,4})(?:,?[ \t]+(?:[A-Z][A-Za-z]*|\d{1,4})){1,3}\.(?=[ \t]+[A-Z])")


def _headline(text: str, start: int, end: int) -> bool:
    """The line ``text[start:end]`` opens with an entry's label and closes with no stop ("21:45 GMT - Fighters reach
    the suburbs"): a live page's headline, whose entry starts on the next line."""
    line = text[start:end].rstrip()
    return bool(line) and line[-1] not in _CLOSING and _ENTRY_LABEL.match(text, start) is not None


def _title_line(doc: Any, start: int, gap: Any, text: str | None = None) -> bool:
    """The line from ``start`` to the line break ``gap`` is a title over the paragraph below it: a line of its own
    (after a blank line, or the text's first), short, with no closing stop and not ending in a function word, over a
    line at least twice as long that opens with a capital ("The fall of the city" over its story). A line of wrapped
    prose runs as long as the line after it. (``text``: the doc's text, when the caller holds it: a doc joins its
    tokens anew each time it is asked for it.)"""
    text = doc.text if text is None else text
    line = text[start:gap.idx].rstrip()
    if not line or len(line) > TITLE_CHARS or line[-1] in _CLOSING or gap.i == 0 or doc[gap.i - 1].is_stop:
        return False
    if start and not text[:start].endswith(("\n\n", "\n \n")) and not text[:start].rstrip(" \t").endswith("\n\n"):
        return False
    after = gap.idx + len(gap.text)
    below = text[after:text.find("\n", after) if "\n" in text[after:] else len(text)]
    return below[:1].isupper() and len(below.rstrip()) >= 2 * len(line)


#: Longest line read as a title over the paragraph below it, in characters.
TITLE_CHARS = 60


def _stopped_label(text: str, at: int) -> re.Match[str] | None:
    """A short label of a day closed by a stop at ``at`` (a number among its words), prose after it on its line."""
    m = _LABEL_STOP.match(text, at)
    return m if m is not None and any(c.isdigit() for c in m.group()) else None


def _one_sentence(doc: Any, i: int, end: int) -> int:
    """No token after ``doc[i]`` that starts before character ``end`` starts a sentence; the index of the first token
    at or after ``end``."""
    k = i + 1
    while k < len(doc) and doc[k].idx < end:
        doc[k].is_sent_start = False
        k += 1
    return k


def _paragraph_breaks(doc: Any) -> Any:
    """A blank line ends a sentence for the parser too, and so does a Markdown heading's line and a list item's line
    (its bullet blanked, the line starts indented): a paragraph is never parsed into the one above or below it (the
    parser keeps sentence boundaries set before it runs), and so does a line that opens with an entry's label. (Measured:
    a short line with no closing stop is as often a line of wrapped prose or an infobox as a heading; it is left to the
    parser.)"""
    text = doc.text
    for i in range(len(doc)):
        gap = doc[i - 1] if i else None  # (the text's first line is a line too: a title, a heading)
        if doc[i].is_space or (gap is not None and (not gap.is_space or "\n" not in gap.text)):
            continue
        label = _ENTRY_LABEL.match(text, doc[i].idx)
        heading = _LABEL_LINE.match(text, doc[i].idx) or _stopped_label(text, doc[i].idx)
        above = text.rfind("\n", 0, gap.idx) + 1 if gap is not None else 0
        if gap is not None and (gap.text.count("\n") >= 2 or text.startswith("#", above) or gap.text.rsplit("\n", 1)[1]
                                or label or _headline(text, above, gap.idx) or _title_line(doc, above, gap, text)):
            doc[i].is_sent_start = True
        if heading:
            # the heading is one sentence of its own ("6" | "December" is none), and the line below starts another
            doc[i].is_sent_start = True
            k = _one_sentence(doc, i, heading.end())
            while k < len(doc) and doc[k].is_space:
                k += 1
            if k < len(doc):
                doc[k].is_sent_start = True
        if label:
            _one_sentence(doc, i, label.end())  # and the label is no sentence of its own ("02" | "Dec, X: ...")
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Any:
    """Load the spaCy pipeline named by the setting (or ``model``), once per process and name."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("frontlines_paragraph_breaks"):
        Language.component("frontlines_paragraph_breaks", func=_paragraph_breaks)
    if not Language.has_factory("frontlines_parse_repairs"):
        Language.component("frontlines_parse_repairs", func=repair_parse)

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
# A day's or month's name in capitals ("THURSDAY 28 NOV", a heading) stays a name: capitalized, not lowered.
_CALENDAR_NAMES = frozenset(n for n in (*calendar.day_name, *calendar.month_name) if n)


def _soften(m: re.Match[str]) -> str:
    word = m.group(0)
    return word.capitalize() if word.capitalize() in _CALENDAR_NAMES else word.lower()
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


# A hyphen with a space on each side between words is a dash ("background for new followers - A entered X"): the
# parser joins the words around a hyphen into one name, so it reads a dash in its place.
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d]) - (?=[^\W\d])")


def soften_caps(text: str) -> str:
    """The text as the parser reads it: words shouted in capitals ("LIBERATED", "REPELLED") in lower
    case, for the tagger and the lemmatizer, and reference marks ("[2]"), wire datelines, list bullets and the marks of
    scare quotes blanked, and a spaced hyphen read as the dash it stands for; the length is
    unchanged, so every offset still points into the original text."""
    text = _REFERENCE_MARK.sub(lambda m: " " * len(m.group(0)), text)
    text = _DATELINE.sub(lambda m: " " * len(m.group(0)), text)  # the parser would take the city for the subject
    text = _BULLET.sub(_blank_glyphs, text)
    text = _SCARE_QUOTES.sub(lambda m: f" {m.group(2)} ", text)
    text = _SPACED_HYPHEN.sub(" \u2014 ", text)
    return _SHOUTED.sub(_soften, text)


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
