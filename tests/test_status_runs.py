"""The materialized ledger (issue 9, item 6): status runs in the database answer as-of queries
exactly as the in-memory ledger does, and follow each ingest."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.control.status_runs import answers_for, evidence_on, map_on, refresh, statuses_on
from frontlines.read.ingest import read_paths
from frontlines.store.batch import ingest_documents
from frontlines.store.storage import Store, day_tiles, run_tile
from frontlines.views import ledger_from_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"


def _key(statuses) -> list[tuple]:
    return [(s.place_id, s.status, s.level, s.since, round(s.confidence, 6), s.evidence, s.basis, s.reason)
            for s in statuses]


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


# -- the lean map and the CLI read the runs (issue 9: as-of from the database) --------------------


def _probes(ledger) -> list:
    days = sorted({d for pid in ledger.places() for d, *_ in ledger.history(pid)})
    return [days[0] - timedelta(days=1), *days, days[-1] + timedelta(days=30), None]


def test_the_map_answers_like_the_ledger_place_by_place(stored: Store, syria) -> None:
    ledger = ledger_from_store(stored, syria)
    for day in _probes(ledger):
        expected = ledger.as_of(day)
        day_map = map_on(stored, day)
        got = {m.place_id: (m.status, m.level, m.since, m.confidence) for m in day_map}
        assert len(day_map) == len(got) == len(expected), day
        assert got == {s.place_id: (s.status, s.level, s.since, s.confidence) for s in expected}, day
        assert all(m.valid_from <= (day or date.max) for m in day_map)
        # records without evidence from the map and the gazetteer: the ledger's, less evidence and basis
        lean = statuses_on(stored, day, gazetteer=syria.gazetteer, evidence=False)
        assert lean == [replace(s, evidence=(), basis=()) for s in expected], day
        # evidence, basis and reason are read when asked, for the places asked about
        asked = [s.place_id for s in expected[:5]]
        assert evidence_on(stored, day, asked) == {s.place_id: s.support for s in expected[:5]}
    assert {m.place_id for m in map_on(stored, None, unmapped=True)} == {s.place_id for s in ledger.as_of(None, unmapped=True)}


def test_the_map_is_read_from_its_index(stored: Store) -> None:
    if stored.engine.dialect.name != "sqlite":
        pytest.skip("the plan is SQLite's")
    from sqlalchemy import String, func, select, type_coerce

    from frontlines.store.storage import MAP_COLUMNS, status_runs

    on = Store._on(date(2024, 12, 1))
    query = select(*[type_coerce(status_runs.c[c], String) for c in MAP_COLUMNS]).where(*on).where(
        func.coalesce(status_runs.c.kind, "") != "unmapped")
    compiled = query.compile(dialect=stored.engine.dialect, compile_kwargs={"literal_binds": True})
    with stored.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    assert "COVERING INDEX ix_status_runs_map" in plan, plan


def test_runs_answer_only_for_their_theater(tmp_path: Path, stored: Store, syria, mini) -> None:
    assert answers_for(stored, syria) and not answers_for(stored, mini)
    empty = Store(str(tmp_path / "empty.db"))
    assert not answers_for(empty, syria)


def test_a_write_without_a_refresh_stops_the_runs_answering(tmp_path: Path, syria) -> None:
    from frontlines.pipeline import Pipeline

    store = Store(str(tmp_path / "desk.db"))
    ingest_documents(read_paths([EXAMPLES])[:3], store, "syria", workers=1, batch_size=4)
    assert answers_for(store, syria)
    doc = read_paths([EXAMPLES])[3]
    results = Pipeline(syria).run([doc])
    assert any(r.assertions for r in results)
    store.write(results, syria.id)  # as the desk's "add reports" does, before its refresh
    assert not answers_for(store, syria)
    written = refresh(store, syria, ())  # only the places marked stale
    assert 0 < written < store.status_runs_count() and answers_for(store, syria)
    ledger = ledger_from_store(store, syria)
    assert _key(statuses_on(store, date(2024, 12, 5))) == _key(ledger.as_of(date(2024, 12, 5)))


def _cli(*args) -> str:
    from typer.testing import CliRunner

    from frontlines.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_control_reads_the_runs_and_shows_what_the_ledger_shows(stored: Store, monkeypatch: pytest.MonkeyPatch,
                                                                 fmt: str) -> None:
    import frontlines.control.status_runs as runs_module
    import frontlines.views as views

    db = stored.target
    days = ["2024-11-26", "2024-11-29", "2024-12-01", "2024-12-05", "2025-01-10", None]
    calls: list[object] = []
    real = views.ledger_from_store
    monkeypatch.setattr(views, "ledger_from_store", lambda *a, **k: calls.append(a) or real(*a, **k))
    from_runs = {d: _cli("control", "--db", db, "-f", fmt, *(("--as-of", d) if d else ())) for d in days}
    assert not calls  # no ledger was built: the runs answered
    monkeypatch.setattr(runs_module, "answers_for", lambda store, theater: False)  # the ledger in memory
    for d in days:
        assert _cli("control", "--db", db, "-f", fmt, *(("--as-of", d) if d else ())) == from_runs[d], d
    assert len(calls) == len(days)
    if fmt == "json":
        assert any(json.loads(out)["control"] for out in from_runs.values())


def test_a_refresh_for_another_theater_recomputes_every_place(tmp_path: Path, syria, mini) -> None:
    store = Store(str(tmp_path / "two.db"))
    ingest_documents(read_paths([EXAMPLES])[:4], store, "syria", workers=1, batch_size=4)
    assert store.status_runs_theater() == "syria"
    refresh(store, mini, {"nowhere"})  # a partial refresh for another theater: all places, for it
    assert store.status_runs_theater() == mini.id and not answers_for(store, syria)
    refresh(store, syria)
    assert answers_for(store, syria)


def test_runs_from_before_the_stale_marks_are_recomputed_once(tmp_path: Path, syria) -> None:
    """A database whose runs predate migration 0006 may hold runs older than its assertions (the
    desk's writes did not refresh them): the upgrade marks its places, so they do not answer."""
    from sqlalchemy import create_engine

    from frontlines.store.migrations import upgrade

    target = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{target}")
    with engine.begin() as conn:
        upgrade(conn, "0005")
        conn.exec_driver_sql("INSERT INTO assertions (id, place_id, status, valid_from) VALUES ('a1', 'p1', 'opposition', '2024-12-01')")
        conn.exec_driver_sql("INSERT INTO status_runs (place_id, valid_from, valid_to, status) "
                             "VALUES ('p1', '2024-11-26', '9999-12-31', 'government')")
    engine.dispose()
    store = Store(str(target))
    assert store.has_stale_runs()
    empty = Store(str(tmp_path / "new.db"))
    assert not empty.has_stale_runs()


def test_runs_stored_before_typed_evidence_are_rewritten_once(tmp_path: Path, syria) -> None:
    """Runs written before migration 0007 hold their evidence as a list of ids: the upgrade marks their places
    stale so that the next refresh writes them again with their spans; a new database has nothing to mark."""
    from sqlalchemy import create_engine

    from frontlines.store.migrations import upgrade

    target = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{target}")
    with engine.begin() as conn:
        upgrade(conn, "0006")
        conn.exec_driver_sql("INSERT INTO status_runs (place_id, valid_from, valid_to, status, evidence) "
                             "VALUES ('p1', '2024-11-26', '9999-12-31', 'government', '[\"e1\"]')")
    engine.dispose()
    store = Store(str(target))
    assert store.has_stale_runs()
    assert not Store(str(tmp_path / "new.db")).has_stale_runs()
