"""The store, on SQLite and on PostgreSQL (the team server), behind the same interface.

PostgreSQL runs when FRONTLINES_TEST_PG_URL names a server (.ci/run starts one). In CI it must be
there: the test fails rather than skips when it is missing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from frontlines.errors import StorageError
from frontlines.pipeline import Pipeline
from frontlines.read.ingest import from_text
from frontlines.store.storage import Store, metadata

REPORTS = [
    ("Wire", "2024-11-29", "HTS fighters captured Saraqib on Friday after clashes with regime forces, killing dozens."),
    ("Monitor", "2024-11-30", "Russian warplanes struck Idlib city, killing eight civilians. The status of Mhardeh is unclear."),
]


def _backends() -> list[str]:
    # PostgreSQL is always collected, so that a plain run shows it as skipped, with the reason.
    return ["sqlite", "postgresql"]


@pytest.fixture(params=_backends())
def store(request, tmp_path: Path):
    if request.param == "sqlite":
        s = Store(str(tmp_path / "t.db"))
    else:
        url = os.environ.get("FRONTLINES_TEST_PG_URL")
        if not url and os.environ.get("CI"):
            pytest.fail("CI must provide PostgreSQL: FRONTLINES_TEST_PG_URL is not set (.ci/run starts the server)")
        if not url:
            pytest.skip("PostgreSQL: FRONTLINES_TEST_PG_URL is not set (.ci/run starts a throwaway server with "
                        "scripts/pg-test-server.sh)")
        s = Store(url)
        metadata.drop_all(s.engine)  # a clean schema for each test
        metadata.create_all(s.engine)
    yield s
    s.close()


@pytest.fixture(scope="module")
def results(syria):
    docs = [from_text(text, source=src, published=day) for src, day, text in REPORTS]
    return Pipeline(syria).run(docs)


def test_write_read_round_trip(store: Store, results) -> None:
    added, skipped = store.write(results, "syria")
    assert (added, skipped) == (2, 0)
    counts = store.counts()
    assert counts["documents"] == 2 and counts["events"] == sum(len(r.events) for r in results)
    events = store.events()
    original = {e.id: e for r in results for e in r.events}
    assert {e.id for e in events} == set(original)
    for e in events:
        assert e == original[e.id]  # every field, dates and tuples included
    assert {a.id for a in store.assertions()} == {a.id for r in results for a in r.assertions}
    assert [d.published for d in store.documents()] == [date(2024, 11, 29), date(2024, 11, 30)]


def test_same_documents_twice_change_nothing(store: Store, results) -> None:
    store.write(results, "syria")
    before = store.counts()
    assert store.write(results, "syria") == (0, 2)
    assert store.counts() == before


def test_date_filters(store: Store, results) -> None:
    store.write(results, "syria")
    assert {e.date for e in store.events(since=date(2024, 11, 30))} == {date(2024, 11, 30)}
    assert all(a.valid_from <= date(2024, 11, 29) for a in store.assertions(until=date(2024, 11, 29)))


def test_missing_sqlite_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        Store(str(tmp_path / "nope.db"), create=False)


def test_events_stored_by_older_versions_still_load(store: Store, results) -> None:
    """Before evidence was typed, an event row kept its evidence as "doc:start:end" strings."""
    from dataclasses import replace

    from sqlalchemy import update

    from frontlines.models import Evidence
    from frontlines.store.storage import events as events_table

    store.write(results, "syria")
    e = next(e for r in results for e in r.events)
    old = e.to_dict() | {"evidence": [f"{e.doc}:{e.start}:{e.end}", f"{e.doc}:0:8"]}
    with store.engine.begin() as conn:
        conn.execute(update(events_table).where(events_table.c.id == e.id).values(data=old))
    (got,) = [x for x in store.events() if x.id == e.id]
    assert got.evidence == (Evidence(e.doc, e.start, e.end), Evidence(e.doc, 0, 8))
    assert got == replace(e, evidence=(*e.evidence, Evidence(e.doc, 0, 8)))
