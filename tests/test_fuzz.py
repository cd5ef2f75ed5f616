"""Property tests over every reader and over frontlines.extract (issue 9): any input ends in a
result or a FrontlinesError, never another exception. Bounded here to keep `make test` fast;
`make fuzz` runs the same properties over many more inputs (FRONTLINES_FUZZ_EXAMPLES)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import frontlines
from frontlines.errors import FrontlinesError
from frontlines.mentions.dates import find_dates, resolve_event_date
from frontlines.models import Extraction
from frontlines.pipeline import READER_FAILED
from frontlines.read.ingest import parse_date, read_file
from frontlines.settings import max_bytes
from fuzz_strategies import DOCUMENTS, any_date, published_value, report_text

EXAMPLES = int(os.environ.get("FRONTLINES_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize="FRONTLINES_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
_DIR = Path(tempfile.mkdtemp(prefix="frontlines-fuzz-"))
documents = st.sampled_from(sorted(DOCUMENTS)).flatmap(lambda suffix: st.tuples(st.just(suffix), DOCUMENTS[suffix]))


@FUZZ
@given(documents, st.binary(max_size=40), st.booleans())
def test_readers_return_documents_or_input_errors(doc: tuple[str, str], junk: bytes, prefix: bool) -> None:
    suffix, content = doc
    data = content.encode("utf-8", "surrogatepass")
    path = _DIR / f"report{suffix}"
    path.write_bytes(junk + data if prefix else data)
    try:
        docs = read_file(path)
    except FrontlinesError as exc:
        assert len(str(exc)) < 400 + len(str(path))
        return
    for d in docs:
        assert d.text.strip()
        for value in (d.text, d.title, d.source, d.url):
            value.encode("utf-8")  # storable and printable: no lone surrogates
            assert "\x1b" not in value
        assert d.published is None or date(1800, 1, 1) <= d.published <= date(2199, 12, 31)


@FUZZ
@given(report_text(), published_value)
def test_extract_returns_a_result_or_a_frontlines_error(text: str, published) -> None:
    try:
        result = frontlines.extract(text, published=published)
    except FrontlinesError:
        return
    assert isinstance(result, Extraction)
    # (the pipeline keeps a reader defect from ending a run; fuzzing must still see it)
    assert not [w for w in result.warnings if READER_FAILED in w]
    result.to_dict()


@FUZZ
@given(report_text(), st.one_of(st.none(), any_date), st.one_of(st.none(), any_date))
def test_dates_never_raise(text: str, published, context) -> None:
    for span in find_dates(text, published, context=context):
        assert text[span.start:span.end] == span.text
    resolve_event_date(text, published, context=context, trigger_start=len(text) // 2)


@FUZZ
@given(st.one_of(st.text(max_size=80), published_value.map(str)))
def test_parse_date_and_settings_refuse_cleanly(value: str) -> None:
    for call in (lambda: parse_date(value), lambda: max_bytes(value)):
        with contextlib.suppress(FrontlinesError):
            call()
