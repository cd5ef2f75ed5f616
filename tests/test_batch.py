"""Batched, resumable, parallel and concurrent ingest (issue 9): results equal a single plain ingest's."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from frontlines.control.status_runs import answers_for, map_on, statuses_on
from frontlines.read.ingest import from_text, read_paths
from frontlines.store import batch
from frontlines.store.batch import ingest_documents
from frontlines.store.storage import Store, metadata
from frontlines.views import ledger_from_store

PLACES = ("Saraqib", "Maarat al-Numan", "Khan Shaykhun", "Hama", "Homs", "Idlib", "Aleppo", "Tal Rifaat", "Manbij",
          "Deir ez-Zor", "Daraa", "Palmyra")
ACTS = ("HTS fighters captured {p} on {d} December after clashes with regime forces.",
        "Regime forces shelled {p} on {d} December, killing {n} civilians.",
        "Russian jets struck {p} on {d} December; {n} people were wounded.",
        "Opposition factions withdrew from {p} on {d} December under heavy bombardment.")


def corpus(n: int) -> list:
    """``n`` short reports in our own words, each different (places, days, numbers vary)."""
    docs = []
    for i in range(n):
        p, act = PLACES[i % len(PLACES)], ACTS[i % len(ACTS)]
        text = act.format(p=p, d=1 + i % 9, n=2 + i) + f" Report {i}."
        docs.append(from_text(text, source=f"Desk {i % 3}", published=f"2024-12-{10 + i % 9:02d}"))
    return docs


def snapshot(store: Store) -> tuple:
    """What an ingest leaves, comparable across runs and databases."""
    docs = sorted(d.id for d in store.documents())
    events = sorted(e.id for e in store.events())
    assertions = sorted((a.place_id, a.status, a.doc, a.start) for a in store.assertions())
    return docs, events, assertions, store.counts()


def _store(kind: str, tmp_path: Path, name: str) -> Store:
    if kind == "sqlite":
        return Store(str(tmp_path / f"{name}.db"))
    url = os.environ.get("FRONTLINES_TEST_PG_URL")
    if not url:
        pytest.fail("CI must provide PostgreSQL: FRONTLINES_TEST_PG_URL is not set (.ci/run starts the server)")
    s = Store(url)
    with s.engine.begin() as conn:
        metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    s.close()
    return Store(url)


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("FRONTLINES_TEST_PG_URL") or os.environ.get("CI") else ["sqlite"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple:
    store = Store(str(tmp_path_factory.mktemp("ref") / "ref.db"))
    summary = ingest_documents(corpus(12), store, "syria", workers=1, batch_size=100)
    assert summary.added == 12 and summary.events > 0
    return snapshot(store)


def test_batches_and_workers_give_the_same_result(tmp_path: Path, reference: tuple) -> None:
    store = Store(str(tmp_path / "w.db"))
    ticks: list[tuple[int, int, int]] = []
    summary = ingest_documents(corpus(12), store, "syria", workers=2, batch_size=3,
                               progress=lambda *t: ticks.append(t))
    assert summary.added == 12 and summary.stored_before == 0
    assert snapshot(store) == reference
    assert [t[0] for t in ticks] == [0, 3, 6, 9, 12] and ticks[-1][2] == summary.events


def test_stored_documents_are_not_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: tuple) -> None:
    store = Store(str(tmp_path / "r.db"))
    ingest_documents(corpus(12), store, "syria", workers=1, batch_size=4)
    seen: list[int] = []
    original = batch.Pipeline.run

    def counting(self, docs, progress=None):
        seen.append(len(docs))
        return original(self, docs, progress)

    monkeypatch.setattr(batch.Pipeline, "run", counting)
    again = ingest_documents(corpus(14), store, "syria", workers=1, batch_size=4)
    assert (again.stored_before, again.added) == (12, 2)
    assert seen == [2]  # only the two new reports went through the pipeline


def test_an_interrupted_ingest_keeps_whole_batches_and_resumes(tmp_path: Path, reference: tuple) -> None:
    store = Store(str(tmp_path / "k.db"))

    def stop_after_two(done: int, todo: int, found: int) -> None:
        if done >= 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_documents(corpus(12), store, "syria", workers=1, batch_size=3, progress=stop_after_two)
    assert store.counts()["documents"] == 6  # two whole batches, nothing half-written
    resumed = ingest_documents(corpus(12), store, "syria", workers=1, batch_size=3)
    assert (resumed.stored_before, resumed.added) == (6, 6)
    assert snapshot(store) == reference


def test_runs_left_stale_by_a_killed_ingest_do_not_answer_until_the_next_one(tmp_path: Path, syria) -> None:
    store = Store(str(tmp_path / "stale.db"))
    ingest_documents(corpus(4), store, "syria", workers=1, batch_size=2)
    assert answers_for(store, syria)

    def killed(done: int, todo: int, found: int) -> None:
        if done >= 2:
            raise KeyboardInterrupt  # after the first batch's write, before the refresh at the end

    with pytest.raises(KeyboardInterrupt):
        ingest_documents(corpus(12)[4:], store, "syria", workers=1, batch_size=2, progress=killed)
    assert store.counts()["documents"] == 6
    assert not answers_for(store, syria)  # queries fall back to the ledger built from the assertions
    again = ingest_documents(corpus(12)[:6], store, "syria", workers=1, batch_size=2)  # nothing new to extract
    assert again.added == 0 and answers_for(store, syria)
    ledger = ledger_from_store(store, syria)
    for day in (date(2024, 12, 3), date(2024, 12, 8), None):
        mine = sorted((s.place_id, s.status, s.level, s.since, s.basis, s.evidence) for s in statuses_on(store, day))
        assert mine == sorted((s.place_id, s.status, s.level, s.since, s.basis, s.evidence) for s in ledger.as_of(day))


def test_a_long_ingest_refreshes_the_runs_on_the_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, syria) -> None:
    from frontlines.control import status_runs

    calls: list[int] = []
    real = status_runs.refresh
    monkeypatch.setattr(status_runs, "refresh", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(batch, "REFRESH_SECONDS", -1.0)  # every batch is "a while" after the last refresh
    ingest_documents(corpus(6), Store(str(tmp_path / "long.db")), "syria", workers=1, batch_size=2)
    assert len(calls) > 1
    monkeypatch.setattr(batch, "REFRESH_SECONDS", 3600.0)
    calls.clear()
    ingest_documents(corpus(12)[6:], Store(str(tmp_path / "short.db")), "syria", workers=1, batch_size=2)
    assert len(calls) == 1  # once, at the end


def _writer(target: str, start: int, stop: int) -> None:
    store = Store(target)
    ingest_documents(corpus(12)[start:stop], store, "syria", workers=1, batch_size=2)
    store.close()


@pytest.mark.parametrize("kind", _backends())
def test_four_concurrent_writers_with_overlapping_inputs(tmp_path: Path, kind: str, reference: tuple, syria) -> None:
    store = _store(kind, tmp_path, "c")
    target = str(tmp_path / "c.db") if kind == "sqlite" else os.environ["FRONTLINES_TEST_PG_URL"]
    if kind == "postgresql":  # the writers race to create the schema too
        with store.engine.begin() as conn:
            metadata.drop_all(conn)
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    store.close()
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(target, a, b)) for a, b in ((0, 7), (3, 10), (5, 12), (0, 12))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    store = Store(target)
    assert snapshot(store) == reference  # no row lost, none twice
    # the materialized ledger, refreshed by four racing writers, still answers like the ledger
    ledger = ledger_from_store(store, syria)
    for day in (date(2024, 12, 1), date(2024, 12, 9), date(2024, 12, 20), None):
        assert [(s.place_id, s.status, s.since) for s in statuses_on(store, day)] == \
            [(s.place_id, s.status, s.since) for s in ledger.as_of(day)]
        # the lean map (one index-only query) and its records agree on either database
        assert {m.place_id: (m.status, m.level, m.since, m.confidence) for m in map_on(store, day)} == \
            {s.place_id: (s.status, s.level, s.since, s.confidence) for s in ledger.as_of(day)}
        assert statuses_on(store, day, gazetteer=syria.gazetteer, evidence=False) == \
            [replace(s, evidence=(), basis=()) for s in ledger.as_of(day)]
    assert answers_for(store, syria)
    store.close()


def test_folder_ingest_does_not_follow_links_out(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "a.txt").write_text("DATE: 2024-12-01\n\nHTS fighters captured Saraqib today.\n")
    (elsewhere / "secret.txt").write_text("DATE: 2024-12-01\n\nnot a report for this folder\n")
    (folder / "link.txt").symlink_to(elsewhere / "secret.txt")
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    outside: list[Path] = []
    docs = read_paths([folder], outside=outside)
    assert sorted(Path(d.path).name for d in docs) == ["a.txt", "inside.txt"]  # a link inside the folder is read
    assert outside == [folder / "link.txt"]
    assert len(read_paths([folder], follow_links=True)) == 3


def test_local_ray_gives_the_same_result(tmp_path: Path, reference: tuple) -> None:
    # One local Ray instance, two actors each loading the pipeline once; ~30 s, the slowest test here.
    store = Store(str(tmp_path / "ray.db"))
    summary = ingest_documents(corpus(12), store, "syria", workers=2, batch_size=3, ray=True)
    assert (summary.added, summary.stored_before) == (12, 0)
    assert snapshot(store) == reference
