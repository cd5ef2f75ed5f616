"""Ingest at scale: stored documents skipped before extraction, extraction in N processes or on
a Ray cluster, results written in batches (one transaction each) by the one writer.

A kill loses at most the batches not yet written; running the same ingest again skips every
document already stored (by content id) without extracting it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.models import Document, DocumentResult
from frontlines.pipeline import Pipeline
from frontlines.theater import load_theater

#: progress(documents done, documents to do, events found)
IngestProgress = Callable[[int, int, int], None]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest did."""

    read: int  # documents read from the inputs
    stored_before: int  # of those, already in the database: not extracted again
    added: int  # documents written by this ingest
    raced: int  # extracted, but another writer stored them first
    events: int  # events written
    seconds: float
    warnings: tuple[str, ...] = ()


def default_workers() -> int:
    """One extraction process per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def batches(docs: Sequence[Document], size: int) -> list[list[Document]]:
    """Documents in batches of ``size`` (the last may be shorter)."""
    return [list(docs[i:i + size]) for i in range(0, len(docs), max(1, size))]


# -- extraction in worker processes -----------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None


def _start_worker(theater: str, model: str | None) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(load_theater(theater), model=model)


def _extract_in_worker(docs: list[Document]) -> list[DocumentResult]:
    assert _WORKER_PIPELINE is not None, "worker started without its pipeline"
    return _WORKER_PIPELINE.run(docs)


def _context() -> Any:
    # fork starts a worker in milliseconds and shares the loaded theater; elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def extract_local(docs: Sequence[Document], theater: str, *, workers: int, batch_size: int,
                  model: str | None = None) -> Iterator[list[DocumentResult]]:
    """Results batch by batch (in completion order), from ``workers`` processes, or in this
    process when one worker or one batch is all there is. With several workers the batches are
    made smaller (not under 8 documents) so that each worker gets at least four: a worker left
    with the one long last batch would idle the others."""
    if workers > 1:
        batch_size = min(batch_size, max(8, -(-len(docs) // (4 * workers))))
    parts = batches(docs, batch_size)
    if not parts:
        return
    if workers <= 1 or len(parts) <= 1:
        pipeline = Pipeline(load_theater(theater), model=model)
        for part in parts:
            yield pipeline.run(part)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=_context(),
                             initializer=_start_worker, initargs=(theater, model)) as pool:
        # At most two batches in flight per worker: results are written as they come, memory stays bounded.
        todo = iter(parts)
        running: set[Future[list[DocumentResult]]] = set()
        for part in todo:
            running.add(pool.submit(_extract_in_worker, part))
            if len(running) >= 2 * workers:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
                nxt = next(todo, None)
                if nxt is not None:
                    running.add(pool.submit(_extract_in_worker, nxt))


# -- extraction on Ray ---------------------------------------------------------------------------------

def extract_ray(docs: Sequence[Document], theater: str, *, workers: int, batch_size: int, address: str | None = None,
                model: str | None = None) -> Iterator[list[DocumentResult]]:
    """Results batch by batch from Ray actors, one pipeline (model loaded once) per actor.

    ``address`` names a running cluster ("auto", "ray://head:10001"); without it a local Ray
    instance with ``workers`` CPUs is started for the run and stopped after it."""
    try:
        import ray
        from ray.util import ActorPool
    except ImportError as exc:  # pragma: no cover - ray is a pinned dependency
        raise FrontlinesError("--ray needs the 'ray' package; run 'make install'") from exc
    started_here = not ray.is_initialized()
    if started_here:
        try:
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise FrontlinesError(f"cannot reach Ray at {address or 'a local instance'}: {str(exc).splitlines()[0][:160]}") from exc
    try:
        extractor = ray.remote(num_cpus=1)(_RayExtractor)
        size = max(1, min(workers, int(ray.available_resources().get("CPU", workers)) or 1))
        pool = ActorPool([extractor.remote(theater, model) for _ in range(size)])
        yield from pool.map_unordered(lambda actor, part: actor.run.remote(part), batches(docs, batch_size))
    finally:
        if started_here:
            ray.shutdown()


class _RayExtractor:
    """A Ray actor: one pipeline, loaded when the actor starts, run on many batches."""

    def __init__(self, theater: str, model: str | None) -> None:
        self.pipeline = Pipeline(load_theater(theater), model=model)

    def run(self, docs: list[Document]) -> list[DocumentResult]:
        return self.pipeline.run(docs)


# -- the whole ingest ------------------------------------------------------------------------------------

#: Seconds between two refreshes of the status runs during a long ingest (also at least ten times
#: what the last refresh took); the runs do not answer queries while places are marked stale.
REFRESH_SECONDS = 120.0


def ingest_documents(docs: Sequence[Document], store: Any, theater: str, *, workers: int = 1, batch_size: int = 64,
                     ray: bool = False, ray_address: str | None = None, model: str | None = None,
                     progress: IngestProgress | None = None) -> IngestSummary:
    """Skip what the store holds, extract the rest, write each batch in one transaction."""
    from frontlines.control import status_runs

    started = time.perf_counter()
    th = load_theater(theater)
    theater_id = th.id
    known = store.known_ids(d.id for d in docs)
    todo = [d for d in docs if d.id not in known]
    results: Iterator[list[DocumentResult]]
    if not todo:
        results = iter(())  # nothing new: no pool, no Ray, no model loaded
    elif ray:
        results = extract_ray(todo, theater, workers=workers, batch_size=batch_size, address=ray_address, model=model)
    else:
        results = extract_local(todo, theater, workers=workers, batch_size=batch_size, model=model)
    added = raced = events = done = 0
    warnings: list[str] = []
    if progress is not None:
        progress(0, len(todo), 0)
    refreshed, refresh_cost = time.perf_counter(), 0.0
    for part in results:
        # The batch's places are marked stale in its transaction; their runs are recomputed at the end.
        new, already = store.write(part, theater_id)
        added += new
        raced += already
        events += sum(len(r.events) for r in part)
        done += len(part)
        warnings.extend(w for r in part for w in r.warnings)
        if progress is not None:
            progress(done, len(todo), events)
        if time.perf_counter() - refreshed > max(REFRESH_SECONDS, 10 * refresh_cost):
            # A long ingest brings the map up to date now and then, at most a tenth of its time.
            refreshed = time.perf_counter()
            status_runs.refresh(store, th, ())
            refresh_cost = time.perf_counter() - refreshed
            refreshed = time.perf_counter()
    # Every place marked stale (this ingest's, and those of an ingest killed before its end), once.
    status_runs.refresh(store, th, ())
    return IngestSummary(read=len(docs), stored_before=len(docs) - len(todo), added=added, raced=raced, events=events,
                         seconds=time.perf_counter() - started, warnings=tuple(warnings))
