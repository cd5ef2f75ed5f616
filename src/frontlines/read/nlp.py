"""Linguistic analysis with spaCy: sentences, tokens, entities, dependencies.

The model is a setting (``FRONTLINES_SPACY_MODEL``), loaded once per process.
Documents go through ``nlp.pipe`` in batches. The clause reader matches predicates on
lemmas, so the whole pipeline runs.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.models import Document
from frontlines.settings import SPACY_MODEL

DISABLED: tuple[str, ...] = ()
# A line break always ends a sentence; so does a run of emoji before a capital (Telegram posts).
_LINE_BREAK = re.compile(r"\n+|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF])\s+(?=[A-Z\u0600-\u06FF])")


@dataclass(frozen=True, slots=True)
class Analysis:
    """spaCy's reading of one document, kept next to the document it reads."""

    doc: Document
    spacy_doc: Any  # spacy.tokens.Doc

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Character spans of the sentences; a line break (bullets, posts, headings) or emoji before a capital ends one."""
        text = self.doc.text
        out = []
        for s in self.spacy_doc.sents:
            start = s.start_char
            for m in _LINE_BREAK.finditer(text, s.start_char, s.end_char):
                if text[start : m.start()].strip():
                    out.append((start, m.start()))
                start = m.end()
            if text[start : s.end_char].strip():
                out.append((start, s.end_char))
        return out

    @property
    def entities(self) -> list[tuple[int, int, str]]:
        """Character spans and labels of spaCy's named entities (a weak signal only)."""
        return [(e.start_char, e.end_char, e.label_) for e in self.spacy_doc.ents]


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Any:
    """Load the spaCy pipeline named by the setting (or ``model``)."""
    import spacy

    name = SPACY_MODEL.value(model)
    try:
        nlp = spacy.load(name, exclude=list(DISABLED))
    except OSError as exc:
        raise FrontlinesError(
            f"spaCy model {name!r} is not installed; run 'make install' or set FRONTLINES_SPACY_MODEL"
        ) from exc
    nlp.max_length = 25_000_000
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


def windows(text: str, size: int = WINDOW) -> list[tuple[int, int]]:
    """Consecutive spans covering ``text``, each at most ``size`` characters, cut after a
    paragraph break where there is one in the second half of the window, else after a line
    break (a sentence ends there anyway), else after a sentence end, else after a space."""
    spans: list[tuple[int, int]] = []
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
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
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


def soften_caps(text: str) -> str:
    """Words shouted in capitals ("LIBERATED", "REPELLED") in lower case, for the tagger and the lemmatizer;
    the length is unchanged, so every offset still points into the original text."""
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
    parsed = iter(nlp.pipe(pieces, batch_size=per_batch, n_process=processes))
    for doc, spans in zip(docs, cuts, strict=True):
        # spaCy read the softened pieces (same length, same offsets), so the joined Doc's text is theirs.
        read = "".join(soften_caps(doc.text[s:e]) for s, e in spans) if len(spans) > 1 else ""
        yield Analysis(doc, _joined(nlp, [next(parsed) for _ in spans], read))
