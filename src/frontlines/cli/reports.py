"""The commands that read report files: ``extract`` (print what the reports say) and ``ingest`` (store it)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontlines import settings
from frontlines.cli.common import DbOpt, TheaterOpt, _date, _errors, _progress, _say, _store, _theater, err, out
from frontlines.models import Extraction
from frontlines.read.ingest import read_paths


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


@contextmanager
def _ingest_progress(total: int) -> Iterator[Callable[[int, int, int], None]]:
    """Documents, events and the rate, on stderr when it is a terminal and the job is not tiny."""
    if total < 5 or not sys.stderr.isatty():
        yield lambda done, n, found: None
        return
    from rich.progress import TaskProgressColumn

    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[events]} events"), TextColumn("{task.fields[rate]:.1f} docs/s"),
               TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=total, events=0, rate=0.0)

        def tick(done: int, todo: int, found: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            bar.update(task, total=todo, completed=done, events=found, rate=done / elapsed if elapsed else 0.0)

        yield tick


def _run(paths: list[Path], published: str | None, source: str | None, theater: str | None) -> tuple[Any, list[Any]]:
    from frontlines.pipeline import Pipeline

    when = _date(published, "published date")
    th = _theater(theater)
    max_bytes = settings.max_bytes()
    docs = read_paths(paths, source=source, published=when, max_bytes=max_bytes)
    with _progress(len(docs), "extracting") as tick:
        results = Pipeline(th).run(docs, progress=tick)
    return th, results


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories.")],
    published: Annotated[str | None, typer.Option(help="Published date for reports that lack one (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, typer.Option(help="Source name for reports that lack one.")] = None,
    theater: TheaterOpt = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json: one object; jsonl: one per document.")] = ExtractFormat.json,
) -> None:
    """Extract places, events and control statuses from reports and print them."""
    from frontlines.pipeline import combine

    with _errors():
        th, results = _run(paths, published, source, theater)
        for r in results:
            for w in r.warnings:
                _say(f"warning: {w}")
        if format is ExtractFormat.jsonl:
            for r in results:
                sys.stdout.write(json.dumps(combine([r], th).to_dict(), ensure_ascii=False) + "\n")
            return
        result = combine(results, th)
        if format is ExtractFormat.json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            _print_extraction_table(result)


def _print_extraction_table(result: Extraction) -> None:
    """Three tables: the places named (once each), the events, and control as the reports leave it."""
    places: dict[str, list[Any]] = {}
    for p in result.places:
        places.setdefault(p.place_id, [p, 0])[1] += 1
    table = Table(title=f"{len(places)} places named in {len(result.documents)} documents")
    for col in ("place", "id", "kind", "governorate", "lat", "lon", "mentions"):
        table.add_column(col)
    for p, n in sorted(places.values(), key=lambda pn: (-pn[1], pn[0].name)):
        table.add_row(p.name, p.place_id, p.kind, p.admin1, f"{p.lat:.4f}", f"{p.lon:.4f}", str(n))
    out.print(table)
    if result.unresolved:
        out.print("unresolved: " + ", ".join(sorted({u.mention for u in result.unresolved})))
    table = Table(title=f"{len(result.events)} events from {len(result.documents)} documents")
    for col in ("date", "type", "actor1 (side)", "actor2 (side)", "location", "fat.", "certainty"):
        table.add_column(col)
    for e in result.events:
        table.add_row(str(e.date or "?"), e.sub_event_type, f"{e.actor1} ({e.actor1_side})",
                      f"{e.actor2} ({e.actor2_side})" if e.actor2_side else "", e.location, str(e.fatalities),
                      e.certainty + (f" by {e.claimed_by}" if e.claimed_by else ""))
    out.print(table)
    table = Table(title=f"Control after these reports: {len(result.control)} places")
    for col in ("place", "governorate", "status", "level", "since", "conf.", "evidence"):
        table.add_column(col)
    for s in result.control:
        table.add_row(s.name, s.admin1, s.status, s.level, str(s.since or "?"), f"{s.confidence:.2f}", str(len(s.basis)))
    out.print(table)
    out.print(f"places resolved: {len(result.places)}, unresolved: {len(result.unresolved)}")


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories.")],
    db: DbOpt = None,
    published: Annotated[str | None, typer.Option(help="Published date for reports that lack one (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, typer.Option(help="Source name for reports that lack one.")] = None,
    theater: TheaterOpt = None,
    workers: Annotated[int | None, typer.Option(help="Extraction processes (or Ray actors); default: one per core.")] = None,
    batch: Annotated[int | None, typer.Option(help="Documents written per transaction (default 64).")] = None,
    ray: Annotated[bool, typer.Option("--ray", help="Extract on a Ray cluster (a local one without --ray-address).")] = False,
    ray_address: Annotated[str | None, typer.Option(help="Ray cluster address, e.g. auto or ray://head:10001.")] = None,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Read links that lead out of a folder.")] = False,
) -> None:
    """Store reports with their mentions, events and control assertions (same report twice: no change).

    Documents already stored are skipped before extraction; results are written in batches, so an
    interrupted ingest keeps what it wrote and a rerun continues from there."""
    from frontlines.store.batch import default_workers, ingest_documents

    with _errors():
        when = _date(published, "published date")
        _theater(theater)  # a bad theater is refused before any file is read
        n_workers = settings.positive_int(settings.WORKERS, None if workers is None else str(workers), low=0) or default_workers()
        batch_size = settings.positive_int(settings.BATCH, None if batch is None else str(batch), high=100_000)
        outside: list[Path] = []
        docs = read_paths(paths, source=source, published=when, max_bytes=settings.max_bytes(),
                          follow_links=follow_links, outside=outside)
        if outside:
            _say(f"warning: skipped {len(outside)} link(s) leading out of the folder, e.g. {outside[0]} "
                 "(--follow-links reads them)")
        undated = [d for d in docs if d.published is None]
        if undated:
            _say(f"warning: {len(undated)} report(s) have no date (no DATE: line; --published gives one): "
                 f"{', '.join(d.path or d.id for d in undated[:5])}{' ...' if len(undated) > 5 else ''}; "
                 "their events are dated only where the text names a day")
        store = _store(db, create=True)
        with _ingest_progress(len(docs)) as tick:
            summary = ingest_documents(docs, store, settings.THEATER.value(theater),
                                       workers=n_workers, batch_size=batch_size, ray=ray or bool(ray_address),
                                       ray_address=ray_address, progress=tick)
        counts = store.counts()
        _say(f"ingested {summary.added} new document(s), {summary.stored_before + summary.raced} already present; "
             f"{settings.DATABASE.value(db)} holds {counts['documents']} documents, {counts['events']} events, {counts['assertions']} assertions")
