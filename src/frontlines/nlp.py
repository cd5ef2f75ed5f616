"""Linguistic analysis with spaCy: sentences, tokens, entities, dependencies.

The model is a setting (``FRONTLINES_SPACY_MODEL``), loaded once per process.
Documents go through ``nlp.pipe`` in batches. The lemmatizer is not needed and
is disabled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.models import Document
from frontlines.settings import SPACY_MODEL

DISABLED = ("lemmatizer",)
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


def analyse(docs: Sequence[Document], *, model: str | None = None, batch_size: int = 32) -> Iterator[Analysis]:
    """Run spaCy over documents in batches, yielding one :class:`Analysis` each."""
    nlp = load_nlp(model)
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        yield Analysis(doc, parsed)
