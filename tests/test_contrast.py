"""The contrast set: conflict-like words with no military or territorial meaning.

``tests/contrast/en.tsv`` holds sentences written for this project (``category<TAB>sentence``)
that use the verbs and nouns of war reporting ("took", "fell", "captured", "stormed", "offensive",
"control") next to places of the Syria gazetteer, in sentences about prices, aid, politics, sport,
weather, history, farming, health, business, culture and figures of speech. None of them reports a
fight or a change of control, so the whole set must give no event and no control assertion, read
as one document and read category by category. A handful of military sentences, also our own,
are the positive control: each must give something, so an extractor that finds nothing cannot pass.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

import frontlines
from frontlines.models import Extraction

CONTRAST = Path(__file__).parent / "contrast" / "en.tsv"
PUBLISHED = "2024-12-01"
MIN_SENTENCES = 240
MIN_PER_CATEGORY = 20


def _rows() -> list[tuple[str, str]]:
    with CONTRAST.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == ["category", "sentence"], f"{CONTRAST}: bad header {header}"
        return [(row[0], row[1]) for row in reader if row]


ROWS = _rows()
CATEGORIES = sorted({category for category, _ in ROWS})


@cache
def _extract(sentences: tuple[str, ...]) -> tuple[Extraction, str, list[tuple[int, int]]]:
    """One document of the sentences, blank lines between them; also where each sentence lies."""
    result = frontlines.extract("\n\n".join(sentences), published=PUBLISHED)
    (document,) = result.documents
    spans, cursor = [], 0
    for sentence in sentences:
        start = document.text.find(sentence, cursor)
        assert start >= 0, f"sentence not found in the ingested text: {sentence!r}"
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return result, document.text, spans


def _offenders(sentences: tuple[str, ...]) -> dict[str, list[str]]:
    """Sentence -> what was extracted from it (events and control assertions)."""
    result, text, spans = _extract(sentences)
    found: dict[str, list[str]] = {}

    def owner(start: int, end: int) -> str:
        for sentence, (s, e) in zip(sentences, spans, strict=True):
            if s < end and start < e:
                return sentence
        return f"(outside any sentence) {text[start:end]!r}"

    for event in result.events:
        # A happening reported by several sentences is one event; its evidence lists them all.
        where = {(event.start, event.end)}
        where.update((span.start, span.end) for span in event.evidence)
        for sentence in dict.fromkeys(owner(start, end) for start, end in sorted(where)):
            found.setdefault(sentence, []).append(
                f"event {event.event_type} / {event.sub_event_type} at {event.location} ({event.actor1_side})")
    for assertion in result.assertions:
        found.setdefault(owner(assertion.start, assertion.end), []).append(
            f"control {assertion.place_id} -> {assertion.status} ({assertion.basis})")
    return found


def _report(found: dict[str, list[str]], total: int) -> str:
    lines = [f"{len(found)} of {total} contrast sentences gave events or control assertions:"]
    for sentence, what in found.items():
        lines.append(f"  {sentence}")
        lines.extend(f"      {item}" for item in what)
    return "\n".join(lines)


def test_contrast_file_is_well_formed() -> None:
    sentences = [sentence for _, sentence in ROWS]
    assert len(sentences) >= MIN_SENTENCES
    assert len(set(sentences)) == len(sentences), "duplicate sentences"
    counts = Counter(category for category, _ in ROWS)
    assert len(counts) >= 10, counts
    assert min(counts.values()) >= MIN_PER_CATEGORY, counts
    assert all(s.strip() == s and s.endswith(".") for s in sentences)


def test_contrast_sentences_name_places() -> None:
    """The set is a contrast only if the reader sees places in it: most sentences must name one."""
    sentences = tuple(sentence for _, sentence in ROWS)
    result, _, spans = _extract(sentences)
    with_place = {i for i, (s, e) in enumerate(spans) for p in result.places if s <= p.start < e}
    assert len(with_place) >= 0.9 * len(sentences), (
        f"only {len(with_place)} of {len(sentences)} sentences have a resolved place mention")


def test_whole_contrast_set_gives_no_event_and_no_control() -> None:
    sentences = tuple(sentence for _, sentence in ROWS)
    found = _offenders(sentences)
    assert not found, _report(found, len(sentences))


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_gives_no_event_and_no_control(category: str) -> None:
    sentences = tuple(sentence for c, sentence in ROWS if c == category)
    found = _offenders(sentences)
    assert not found, f"[{category}] " + _report(found, len(sentences))


# Positive control: military sentences of our own wording; each must give an event or an assertion.
MILITARY = [
    "Rebel fighters captured Saraqib on Friday after a night of heavy fighting.",
    "Government artillery shelled the southern edge of Idlib on Saturday, killing two people.",  # (in the period)
    "HTS fighters seized Maarat al-Numan and pushed on towards Khan Shaykhun.",
    "Syrian army units withdrew from Hama on Thursday as the rebels entered the city.",
    "Russian warplanes struck a market in Ariha, killing four civilians.",
]


@pytest.mark.parametrize("sentence", MILITARY)
def test_military_sentences_do_give_something(sentence: str) -> None:
    result = frontlines.extract(sentence, published=PUBLISHED)
    assert result.events or result.assertions, f"nothing extracted from {sentence!r}"
