"""Long reports are parsed in bounded pieces (issue 9): offsets stay those of the full text and
the results equal a parse of the whole."""

from __future__ import annotations

import itertools

import pytest

from frontlines.pipeline import Pipeline
from frontlines.read import nlp
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse, windows

PARAGRAPHS = [
    "HTS fighters captured Saraqib on 28 November after clashes with regime forces.",
    "Russian jets struck Idlib city the next day, killing 6 civilians.\nThe strikes hit a market.",
    "Regime forces withdrew from Hama on 5 December. Opposition factions entered the city.",
    "Shelling on Tal Rifaat wounded 3 people, a local monitor said.",
]


def long_text(n: int) -> str:
    return "\n\n".join(f"{PARAGRAPHS[i % len(PARAGRAPHS)]} Item {i}." for i in range(n))


@pytest.mark.parametrize("size", [50, 120, 1000])
def test_windows_cover_the_text_in_bounded_pieces(size: int) -> None:
    text = long_text(20) + " " + "x" * 300  # a last word longer than some windows
    spans = windows(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(e - s <= size for s, e in spans)
    # a cut falls after a paragraph or line break wherever the window holds one
    for s, e in spans[:-1]:
        if "\n" in text[s + size // 2:s + size]:
            assert text[e - 1] == "\n"


def test_short_text_is_one_window() -> None:
    assert windows("Rebels took Saraqib.", 100) == [(0, 20)]


def test_pieces_give_the_same_sentences_entities_and_events(monkeypatch: pytest.MonkeyPatch, syria) -> None:
    doc = from_text(long_text(24), published="2024-12-06")
    whole = next(analyse([doc]))
    pipeline = Pipeline(syria)
    expected = pipeline.run([doc])[0]
    monkeypatch.setattr(nlp, "WINDOW", 400)
    assert len(windows(doc.text, nlp.WINDOW)) > 5
    pieces = next(analyse([doc]))
    assert pieces.spacy_doc.text == doc.text
    assert pieces.sentences == whole.sentences
    assert pieces.entities == whole.entities
    got = pipeline.run([doc])[0]
    assert [(e.id, e.start, e.end, e.date) for e in got.events] == [(e.id, e.start, e.end, e.date) for e in expected.events]
    assert [(p.place_id, p.start) for p in got.places] == [(p.place_id, p.start) for p in expected.places]


def test_entities_read_sentence_by_sentence_equal_the_whole_parse() -> None:
    """The parse leaves the entity model out; asked for, it reads the sentences one by one and
    finds what the full pipeline finds on the whole text."""
    text = ("The commander, Ahmad Khalil Hassan, told reporters on Monday that his men held the bridge.\n"
            "Two days later Maria Lopez of the Red Crescent said 40 families had left the town. "
            "Nobody was named in the third sentence.")
    full = nlp.load_nlp()(text)  # every component, the whole text at once
    expected = [(e.start_char, e.end_char, e.label_) for e in full.ents]
    analysis = next(analyse([from_text(text, published="2024-12-06")]))
    assert not analysis.spacy_doc.ents  # the parse itself found none: the model was left out
    assert any(label == "PERSON" for _s, _e, label in expected)
    assert analysis.entities == expected
    start = text.index("Khalil")
    assert analysis.found.has_person(start, start + len("Khalil"), strictly=True)
    assert not analysis.found.has_person(text.index("bridge"), text.index("bridge") + 6)


def test_entities_are_read_only_where_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(f"Sentence {i} names Omar Farouk Haddad as the speaker." for i in range(30))
    analysis = next(analyse([from_text(text, published="2024-12-06")]))
    read: list[int] = []
    ner = analysis.found._ner
    monkeypatch.setattr(analysis.found, "_ner", lambda doc: read.append(len(doc)) or ner(doc))
    start = text.index("Omar")
    assert analysis.found.has_person(start, start + 4)
    assert len(read) == 1  # one sentence read, not thirty


def test_the_model_is_loaded_once_per_process() -> None:
    """Every call to extract reuses the loaded spaCy pipeline: reloading it costs more than parsing a short report."""
    import frontlines

    frontlines.extract("Rebels took Saraqib.", published="2024-12-01")
    loaded = nlp.load_nlp.cache_info().misses
    frontlines.extract("Regime forces withdrew from Hama.", published="2024-12-05")
    assert nlp.load_nlp() is nlp.load_nlp()
    assert nlp.load_nlp.cache_info().misses == loaded


def test_a_loose_reference_mark_inside_a_sentence_does_not_split_it() -> None:
    from frontlines.read.nlp import soften_caps

    text = "On 3 December the Southern Command [14] led by local factions took Nawa."
    assert soften_caps(text) == text.replace("[14]", "    ")
    assert soften_caps("See table [2] Below.") == "See table [2] Below."  # a capital after it: not inside a sentence
