"""The pipeline, assembled in one place: ingest -> text -> mentions -> events -> ledger.

Read top to bottom: each stage is a plain function or callable object with a
typed input and output, and none reaches back into an earlier one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from frontlines.control.ledger import assertions_from_statements, build_ledger, last_word_per_document
from frontlines.control.statements import ControlRules, layout_statements, statements_from_frames
from frontlines.events.dating import date_frames
from frontlines.events.extract import EventExtractor
from frontlines.events.lexicon import load_language
from frontlines.events.merging import merge_events
from frontlines.events.reader import Reader
from frontlines.mentions.geoparse import UNMAPPED_REASON, Geoparser, unmapped_place
from frontlines.models import (
    ActorMention,
    ControlAssertion,
    Document,
    DocumentResult,
    Event,
    Extraction,
    PlaceMention,
)
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse
from frontlines.theater import Theater, load_theater

Progress = Callable[[int, int], None]


#: The words of the warning a report gets when the clause reader fails on it (its events and control are lost).
READER_FAILED = "the reader failed on this report"


class Pipeline:
    """The stages for one theater, built once and applied to many documents."""

    def __init__(self, theater: Theater, *, model: str | None = None):
        self.theater = theater
        self.model = model
        self.geoparse = Geoparser(theater)
        self.language = load_language(theater.language)
        self.read = Reader(self.language, theater.gazetteer.by_id.get(theater.capital), theater.gazetteer.seats(theater.country),
                           units=(p.id for p in theater.gazetteer.places if p.feature == "neighbourhood"))
        self.extract_events = EventExtractor(theater, self.language)
        self.control_rules = ControlRules(default_attacker=str(theater.rules.get("default_attacker", "")),
                                          adversary=dict(theater.rules.get("adversary", {})),
                                          no_holder=self.language.no_holder, cues=self.extract_events.certainty)

    def run(self, docs: Sequence[Document], progress: Progress | None = None) -> list[DocumentResult]:
        """Process documents in spaCy batches; ``progress(done, total)`` after each one."""
        results = []
        for n, analysis in enumerate(analyse(docs, model=self.model), start=1):
            doc = analysis.doc
            sentences = analysis.sentences
            actors = self.theater.actors.find(doc.text, doc.id)
            geo = self.geoparse(doc, sentences, actors=actors, persons=analysis.found)
            # Names the gazetteer lacks still carry events and control, by name (no point on the map).
            places = sorted([*geo.places, *(unmapped_place(u) for u in geo.unresolved if u.reason.startswith(UNMAPPED_REASON))],
                            key=lambda p: p.start)
            try:
                events, assertions = self._read_events(doc, analysis.spacy_doc, sentences, places, actors)
                failed: tuple[str, ...] = ()
            except Exception as exc:  # one report the reader cannot read must not lose the others
                events, assertions = [], []
                failed = (f"{doc.path or doc.id}: {READER_FAILED} ({type(exc).__name__}: {exc}); "
                          "its places are kept, its events and control statements are not (please report it)",)
            warnings = (*failed, *dict.fromkeys(w for e in events for w in e.warnings))
            if doc.published is None:
                warnings = (f"{doc.path or doc.id}: no published date; relative dates cannot be resolved", *warnings)
            results.append(DocumentResult(doc, geo.places, geo.unresolved, tuple(actors), tuple(events),
                                          tuple(assertions), warnings))
            if progress is not None:
                progress(n, len(docs))
        return results


    def _read_events(self, doc: Document, spacy_doc: Any, sentences: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                     actors: Sequence[ActorMention]) -> tuple[list[Event], list[ControlAssertion]]:
        """The clause reader's stages for one report: frames, their days, events and control assertions."""
        partisan = self.extract_events.speaks_for_a_side(doc)
        frames = self.read(doc.id, spacy_doc, sentences, places, actors,
                           voice=self.extract_events.voice_side(doc) if partisan else "")
        dates = date_frames(doc, sentences, frames, not_before=self.theater.start or self.theater.baseline_date,
                            lang=self.language)
        events = self.extract_events(doc, frames, dates, partisan, sentences, places)
        speaker = (lambda f, d=doc: self.extract_events.speaker_side(d, f)) if partisan else None
        statements = [*statements_from_frames(doc, frames, dates, self.control_rules, partisan, speaker),
                      *layout_statements(doc, sentences, places, actors, self.theater.actors.side_of_word, partisan,
                                        self.control_rules.cues)]
        by_span = {(ev.start, ev.place_id): ev.id for ev in events}
        statements = [replace(st, event=by_span.get((st.start, st.place_id), "")) for st in statements]
        assertions = last_word_per_document(assertions_from_statements(statements, self.theater, {doc.id: doc}))
        return list(events), list(assertions)


def combine(results: Sequence[DocumentResult], theater: Theater, as_of: date | None = None) -> Extraction:
    """One :class:`Extraction` for many documents: events merged across reports, control derived."""
    events = merge_events([e for r in results for e in r.events], window_days=1)
    assertions = [a for r in results for a in r.assertions]
    ledger = build_ledger(theater, assertions)
    return Extraction(
        documents=[r.doc for r in results],
        places=[p for r in results for p in r.places],
        unresolved=[u for r in results for u in r.unresolved],
        actors=[a for r in results for a in r.actors],
        events=events,
        assertions=assertions,
        control=ledger.as_of(as_of),
        warnings=[w for r in results for w in r.warnings],
    )


def extract_documents(docs: Sequence[Document], *, theater: str | Theater = "syria", model: str | None = None,
                      progress: Progress | None = None) -> Extraction:
    """Run the whole pipeline over documents and return one combined extraction."""
    th = load_theater(theater) if isinstance(theater, str) else theater
    return combine(Pipeline(th, model=model).run(docs, progress), th)


def extract(text: str, *, published: date | str | None = None, source: str = "", title: str = "",
            theater: str | Theater = "syria", model: str | None = None) -> Extraction:
    """The Python API: extract places, events and control from one report's text."""
    return extract_documents([from_text(text, source=source, published=published, title=title)],
                             theater=theater, model=model)
