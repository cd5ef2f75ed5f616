"""Linear cost in report length (issue 9): the indexes that replace per-mention scans answer
exactly as the scans did, and a long report is parsed the same in one process or several."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.events.merging import merge_events
from frontlines.mentions.geoparse import Spans
from frontlines.pipeline import Pipeline
from frontlines.read import nlp
from frontlines.read.ingest import from_text
from frontlines.read.nlp import analyse

span = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(span, max_size=12), span)
def test_spans_answer_like_the_scans(spans: list[tuple[int, int]], probe: tuple[int, int]) -> None:
    index, (start, end) = Spans(spans), probe
    assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    assert index.contains(start, end) == any(s <= start and end <= e for s, e in spans)
    assert index.contains(start, end, strictly=True) == any(
        s <= start and end <= e and e - s > end - start for s, e in spans)
    expected = next(((s, e) for s, e in spans if s <= start < e), (0, 0))
    assert index.holding(start) == expected


def test_sentences_of_a_long_report_are_found_by_bisection() -> None:
    sentences = [(i * 10, i * 10 + 8) for i in range(10_000)]
    index = Spans(sentences)
    assert index.holding(55_003) == (55_000, 55_008)
    assert index.holding(55_009) == (0, 0)


def _merge_by_scan(events, window_days=0):  # the quadratic original, as the reference
    from dataclasses import replace

    from frontlines.events.merging import _combine_certainty, _outranks, same_happening

    kept = []
    for ev in events:
        match = next((i for i, k in enumerate(kept) if same_happening(k, ev, window_days)), None)
        if match is None:
            kept.append(ev)
            continue
        k = kept[match]
        figures = [f for f in (k.fatalities, ev.fatalities) if f]
        primary = ev if _outranks(ev, k) else k
        kept[match] = replace(primary, evidence=tuple(dict.fromkeys(k.evidence + ev.evidence)),
                              sources=tuple(dict.fromkeys(k.sources + ev.sources)),
                              fatalities=min(figures) if figures else 0,
                              fatalities_text=k.fatalities_text or ev.fatalities_text,
                              date=min(d for d in (k.date, ev.date) if d is not None) if k.date or ev.date else None,
                              certainty=_combine_certainty(k, ev))
    return kept


TEXT = ("Opposition factions captured Saraqib on 28 November after clashes with regime forces. "
        "Russian jets struck Idlib city on 29 November, killing 6 civilians. "
        "Regime forces withdrew from Hama on 5 December. Opposition factions entered Hama the same day. "
        "Shelling on Tal Rifaat wounded 3 people on 2 December, a local monitor said. "
        "HTS fighters took Saraqib on 29 November.")


def test_grouped_merge_equals_the_scan(syria) -> None:
    docs = [from_text(TEXT.replace("28 November", f"{d} November"), published="2024-12-06", source=f"s{d}")
            for d in (26, 27, 28, 29)]
    events = [e for r in Pipeline(syria).run(docs) for e in r.events]
    assert len(events) > 8
    for window in (0, 1, 3):
        assert merge_events(events, window) == _merge_by_scan(events, window)


def test_actor_cues_next_to_actor_names_like_the_scan(syria) -> None:
    actors = syria.actors
    text = " ".join(["The rebels and regime artillery hit Saraqib; rebel-held areas; government troops; opposition "
                     "fighters of Hayat Tahrir al-Sham; regime warplanes; pro-regime militias; the Syrian army, HTS"] * 40)
    taken = [(a.start, a.end) for a in actors._find_actors(text, "d", 0)]
    expected = [m.span() for m in actors._cues.finditer(text) if not any(s < m.end() and m.start() < e for s, e in taken)]
    got = [(a.start, a.end) for a in actors.find(text, "d") if a.actor_id.startswith("side:")]
    assert got == expected and len(got) >= 40 and len(taken) >= 80


def test_a_long_report_with_shouted_words_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    # A capitalised word changes case for spaCy (same length): the pieces must still join.
    monkeypatch.setattr(nlp, "WINDOW", 300)
    text = "\n\n".join(f"BREAKING: Opposition factions LIBERATED Saraqib. Item {i}." for i in range(30))
    got = next(analyse([from_text(text, published="2024-12-06")]))
    assert len(got.spacy_doc.text) == len(text) and got.sentences


def test_several_processes_parse_a_long_report_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(f"{TEXT} Item {i}." for i in range(12))
    doc = from_text(text, published="2024-12-06")
    monkeypatch.setattr(nlp, "WINDOW", 600)
    monkeypatch.setattr(nlp, "PROCESSES", 1)
    one = next(analyse([doc])).spacy_doc
    monkeypatch.setattr(nlp, "PARALLEL_CHARS", 1000)
    monkeypatch.setattr(nlp, "PROCESSES", 2)
    if nlp.parse_processes(len(text), 10) < 2:
        pytest.skip("no fork here, or not the main process: one process only")
    two = next(analyse([doc])).spacy_doc

    def key(d):
        return ([(t.idx, t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_)
                 for t in d], [(e.start_char, e.end_char, e.label_) for e in d.ents])

    assert key(one) == key(two)


def test_short_reports_stay_in_one_process() -> None:
    assert nlp.parse_processes(5_000, 1) == 1
    assert nlp.parse_processes(nlp.PARALLEL_CHARS - 1, 40) == 1


def _alternation(words: list[str]) -> str:
    import re

    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.sampled_from(["al", "al-", "al-nusra", "nusra", "Army", "arm", "army of", "army of islam", "SAA", "SA",
                                 "sdf", "ß", "é", "x"]), min_size=1, max_size=8, unique=True),
       st.lists(st.sampled_from(["al", "al-nusra", "Nusra", "ARMY", "army of Islam", "SAA", "SA", "Sdf", "é", "-", " ",
                                 ", ", "x", "armyx", "ss", "SS"]), max_size=20))
def test_a_trie_matches_like_the_alternation(words: list[str], parts: list[str]) -> None:
    import re

    from frontlines.mentions.actors import _trie

    words = [w.casefold() for w in words]
    text = "".join(parts)
    for flags in (re.I, 0):
        old = re.compile(r"(?<![\w-])(?:" + _alternation(words) + r")(?![\w])", flags)
        new = re.compile(r"(?<![\w-])(?:" + _trie(sorted(set(words), key=len, reverse=True)) + r")(?![\w])", flags)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_the_theater_aliases_match_as_before(syria) -> None:
    import re

    from frontlines.mentions.actors import _is_acronym

    actors = syria.actors
    words = sorted(actors._by_alias, key=len, reverse=True)
    old = re.compile(r"(?<![\w-])(?:(?i:" + "|".join(re.escape(w) for w in words if not _is_acronym(w)) + ")|"
                     + "|".join(re.escape(w) for w in words if _is_acronym(w)) + r")(?![\w])")
    text = " ".join(f"{w}, {w.upper()} {w.title()}s {w}-held x{w} {w}" for w in words)
    assert [m.span() for m in actors._pattern.finditer(text)] == [m.span() for m in old.finditer(text)]
