"""The materialized ledger (issue 9, item 6): status runs in the database answer as-of queries
exactly as the in-memory ledger does, and follow each ingest."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.batch import ingest_documents
from frontlines.ingest import read_paths
from frontlines.status_runs import refresh, statuses_on
from frontlines.storage import Store, day_tiles, run_tile
from frontlines.views import ledger_from_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"


def _key(statuses) -> list[tuple]:
    return [(s.place_id, s.status, s.level, s.since, round(s.confidence, 6), tuple(s.evidence)) for s in statuses]


@pytest.fixture(scope="module")
def stored(tmp_path_factory, syria):
    store = Store(str(tmp_path_factory.mktemp("runs") / "runs.db"))
    docs = read_paths([EXAMPLES])
    half = len(docs) // 2
    ingest_documents(docs[:half], store, "syria", workers=1, batch_size=4)
    ingest_documents(docs[half:], store, "syria", workers=1, batch_size=4)  # incremental, batch by batch
    return store


def test_runs_answer_like_the_ledger_every_day(stored: Store, syria) -> None:
    ledger = ledger_from_store(stored, syria)
    days = sorted({d for pid in ledger.places() for d, *_ in ledger.history(pid)})
    assert stored.status_runs_count() > 0 and len(days) > 5
    probes = [days[0] - timedelta(days=1), *days, days[-1] + timedelta(days=30), None]
    for day in probes:
        assert _key(statuses_on(stored, day)) == _key(ledger.as_of(day)), day
    assert _key(statuses_on(stored, None, unmapped=True)) == _key(ledger.as_of(None, unmapped=True))


def test_a_full_refresh_changes_nothing_after_incremental_ones(stored: Store, syria) -> None:
    before = _key(statuses_on(stored, date(2024, 12, 1)))
    count = refresh(stored, syria)
    assert count == stored.status_runs_count()
    assert _key(statuses_on(stored, date(2024, 12, 1))) == before


def test_runs_are_disjoint_per_place(stored: Store) -> None:
    with stored.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT place_id, valid_from, valid_to FROM status_runs ORDER BY place_id, valid_from").all()
    by_place: dict[str, list[tuple[str, str]]] = {}
    for pid, a, b in rows:
        by_place.setdefault(pid, []).append((a, b))
    for runs in by_place.values():
        for (a1, b1), (a2, _) in itertools.pairwise(runs):
            assert a1 <= b1 < a2


@settings(max_examples=300, deadline=None, database=None)
@given(st.dates(), st.integers(0, 4000), st.integers(0, 4000))
def test_a_run_is_found_from_any_of_its_days(first: date, length: int, offset: int) -> None:
    # The tile lookup may return runs that do not hold the day (the query filters them); it must
    # never miss one that does.
    last = date.fromordinal(min(date.max.toordinal(), first.toordinal() + length))
    day = date.fromordinal(min(last.toordinal(), first.toordinal() + offset))
    assert run_tile(first, last) in day_tiles(day)
