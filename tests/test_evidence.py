"""Evidence spans and sentence spans are typed records, not tuples or "doc:start:end" strings."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

import frontlines
from frontlines.events.merging import merge_events
from frontlines.models import Event, Evidence, TextSpan


def test_evidence_string_form_round_trips() -> None:
    span = Evidence("a1b2c3", 14, 22)
    assert str(span) == "a1b2c3:14:22"
    assert Evidence.parse(str(span)) == span
    assert Evidence.parse("a1b2c3:14:22") == span


def test_evidence_parses_its_dict_form_and_to_dict_gives_it() -> None:
    span = Evidence("doc-7", 0, 31)
    assert span.to_dict() == {"doc": "doc-7", "start": 0, "end": 31}
    assert Evidence.parse(span.to_dict()) == span
    assert Evidence.parse(json.loads(json.dumps(span.to_dict()))) == span
    assert Evidence.parse(span) is span


def test_evidence_parse_reads_from_the_right_and_refuses_what_is_not_a_span() -> None:
    assert Evidence.parse("odd:id:3:9") == Evidence("odd:id", 3, 9)
    for bad in ("no-offsets", "d:x:9", {"doc": "d", "start": 1}, 42, None):
        with pytest.raises(ValueError, match="not an evidence span"):
            Evidence.parse(bad)  # type: ignore[arg-type]


def test_text_span_is_a_pair() -> None:
    span = TextSpan(4, 19)
    start, end = span
    assert (start, end) == (4, 19) == (span.start, span.end) and span == (4, 19)


def test_extracted_events_carry_typed_evidence_and_json_dicts(syria) -> None:
    text = ("Opposition fighters took control of Saraqib on Saturday morning, a local monitor said. "
            "Later that day regime aircraft bombed Ariha, killing four civilians.")
    result = frontlines.extract(text, published="2024-11-30", theater=syria)
    assert result.events
    for e in result.events:
        assert e.evidence and all(type(x) is Evidence for x in e.evidence)
        assert e.evidence[0] == Evidence(e.doc, e.start, e.end)
        assert result.documents[0].id == e.doc
        data = json.loads(json.dumps(e.to_dict()))
        assert data["evidence"][0] == {"doc": e.doc, "start": e.start, "end": e.end}
        assert Event.from_dict(data) == e


def test_merged_events_keep_evidence_in_order_once(syria) -> None:
    text = "Opposition fighters took control of Saraqib on Saturday morning, a local monitor said."
    (e,) = [x for x in frontlines.extract(text, published="2024-11-30", theater=syria).events]
    later = replace(e, id="other", evidence=(Evidence(e.doc, 70, 79), *e.evidence))
    (merged,) = merge_events([e, later])
    assert merged.evidence == (*e.evidence, Evidence(e.doc, 70, 79))
