"""The command line: a thin layer over the library. Only this module exits the process.

Every :class:`FrontlinesError` becomes one line on stderr and exit status 2;
nothing is written to the database unless the whole input was read.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from frontlines import settings
from frontlines.errors import FrontlinesError, InputError
from frontlines.models import Extraction
from frontlines.read.ingest import clean_text, parse_date, read_paths

app = typer.Typer(
    help="frontlines: conflict reports -> places, ACLED-style events and a day-by-day control ledger.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
    context_settings={"max_content_width": 110},
)
gazetteer_app = typer.Typer(help="Look up and extend the theater gazetteer.", no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        from frontlines import __version__

        sys.stdout.write(f"frontlines {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """frontlines: conflict reports -> places, ACLED-style events and a day-by-day control ledger."""
app.add_typer(gazetteer_app, name="gazetteer")
# Report text reaches these consoles: no markup ("[/bold]", "[link=...]") and no emoji codes are read in it.
out = Console(highlight=False, markup=False, emoji=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, markup=False, emoji=False)
_LONGEST_MESSAGE = 400  # characters: an error quotes file names and values, never a whole report


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class ControlFormat(StrEnum):
    json = "json"
    table = "table"
    geojson = "geojson"


class EventsFormat(StrEnum):
    csv = "csv"
    json = "json"


class TableFormat(StrEnum):
    table = "table"
    json = "json"


DbOpt = Annotated[str | None, typer.Option("--db", metavar="DB", help=settings.DATABASE.help + " Default: ./frontlines.db.")]
TheaterOpt = Annotated[str | None, typer.Option("--theater", metavar="NAME", help=settings.THEATER.help + " Default: syria.")]
DateOpt = Annotated[str | None, typer.Option(help="A day, YYYY-MM-DD.")]


def _date(value: str | None, what: str) -> date | None:
    return parse_date(value, what=what) if value else None


def _say(message: str) -> None:
    """One unwrapped line on stderr (errors must stay one line, whatever the terminal width)."""
    line = " ".join(clean_text(message).split())
    if len(line) > _LONGEST_MESSAGE:
        line = line[: _LONGEST_MESSAGE - 3] + "..."
    sys.stderr.write(line + "\n")


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except FrontlinesError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        _say("interrupted")
        raise typer.Exit(130) from None
    except OSError as exc:
        _say(f"error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "))
        raise typer.Exit(2) from None


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for long work (hidden for small jobs and when not a terminal)."""
    if total < 5 or not sys.stderr.isatty():
        yield lambda done, n: None
        return
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done, n: bar.update(task, completed=done)


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


def _latest_day(snap: Any) -> date | None:
    days = [s.since for s in snap.statuses if s.since] + [e.date for e in snap.events if e.date]
    return max(days) if days else None


def _theater_cache_clear() -> None:
    from frontlines.theater import load_theater

    load_theater.cache_clear()  # the next command in this process sees the new places


def _theater(name: str | None) -> Any:
    from frontlines.theater import load_theater

    return load_theater(settings.THEATER.value(name))


def _store(db: str | None, *, create: bool = False) -> Any:
    from frontlines.errors import StorageError
    from frontlines.store.storage import open_store

    target = settings.DATABASE.value(db)
    if not create and "://" not in target and not Path(target).exists():
        hint = (" ('make demo' wrote out/demo.db: add --db out/demo.db or export FRONTLINES_DB=out/demo.db)"
                if Path("out/demo.db").exists() else "")
        raise StorageError(f"database {target} does not exist; run 'frontlines ingest' first{hint}")
    return open_store(target, create=create)


def _run(paths: list[Path], published: str | None, source: str | None, theater: str | None) -> tuple[Any, list[Any]]:
    from frontlines.pipeline import Pipeline

    when = _date(published, "published date")
    th = _theater(theater)
    max_bytes = settings.max_bytes()
    docs = read_paths(paths, source=source, published=when, max_bytes=max_bytes)
    with _progress(len(docs), "extracting") as tick:
        results = Pipeline(th).run(docs, progress=tick)
    return th, results


@app.command()
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


@app.command()
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


@app.command()
def control(
    db: DbOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Status as of this day (YYYY-MM-DD); default: latest.")] = None,
    known_by: Annotated[str | None, typer.Option("--known-by", help="Use only reports published by this day.")] = None,
    theater: TheaterOpt = None,
    format: Annotated[ControlFormat, typer.Option("--format", "-f")] = ControlFormat.table,
) -> None:
    """Who controls what, as of a day, with confidence and evidence.

    The status runs the ingest keeps in the database answer when they hold this theater's ledger
    (one indexed query); else, and with --known-by, the ledger is built from the assertions."""
    with _errors():
        th = _theater(theater)
        day = _date(as_of, "--as-of date")
        snap = _control_snapshot(_store(db), th, day, _date(known_by, "--known-by date"), format)
        if format is ControlFormat.json:
            from frontlines.views import latest_day

            shown = day or latest_day(snap)  # "latest" still names the day it shows
            payload = {"as_of": shown.isoformat() if shown else None, "control": [s.to_dict() for s in snap.statuses]}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        elif format is ControlFormat.geojson:
            from frontlines.views import latest_day
            from frontlines.views.exports import statuses_geojson

            sys.stdout.write(json.dumps(statuses_geojson(snap.statuses, snap.areas, snap.events, day or latest_day(snap))) + "\n")
        else:
            table = Table(title=f"Control as of {day or 'latest'}: {len(snap.statuses)} places")
            for col in ("place", "governorate", "status", "level", "since", "conf.", "evidence"):
                table.add_column(col)
            for s in snap.statuses:
                table.add_row(s.name, s.admin1, s.status, s.level, str(s.since), f"{s.confidence:.2f}", str(len(s.basis)))
            out.print(table)


def _control_snapshot(store: Any, th: Any, day: date | None, known_by: date | None, format: ControlFormat) -> Any:
    """What ``control`` shows: from the status runs when they answer for ``th`` (the same statuses
    as the ledger's), else the ledger's snapshot. Events only where the output uses them."""
    from frontlines.control import status_runs
    from frontlines.views import Snapshot, merged_events, snapshot, theater_boundary

    geojson = format is ControlFormat.geojson
    if known_by is not None or not status_runs.answers_for(store, th):
        return snapshot(store, th, day, with_areas=geojson, known_by=known_by)
    statuses = [s for s in status_runs.statuses_on(store, day) if s.kind not in ("region", "country", "route")]
    wants_events = geojson or (format is ControlFormat.json and day is None)  # "latest" names its day from them
    day_events = (merged_events(store, day, day) if day else merged_events(store)) if wants_events else []
    areas = None
    if geojson and statuses:
        from frontlines.control.areas import control_areas

        areas = control_areas(statuses, theater_boundary(th))
    return Snapshot(day, statuses, areas, day_events)


@app.command()
def events(
    db: DbOpt = None,
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    theater: TheaterOpt = None,
    format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.csv,
) -> None:
    """Events, one per happening across reports: CSV in ACLED's column order, or JSON."""
    from frontlines.events.acled import acled_context, unlocated, write_acled_csv
    from frontlines.views import merged_events

    with _errors():
        th = _theater(theater)
        store = _store(db)
        evs = merged_events(store, _date(since, "--since date"), _date(until, "--until date"))
        if format is EventsFormat.json:
            sys.stdout.write(json.dumps([e.to_dict() for e in evs], ensure_ascii=False, indent=1) + "\n")
        else:
            ctx = acled_context(th, store.documents())
            buf = io.StringIO()
            write_acled_csv(buf, evs, ctx)
            sys.stdout.write(buf.getvalue())
            lost = unlocated(evs, ctx)
            if lost:
                names = ", ".join(sorted({e.location for e in lost}))
                _say(f"warning: {len(lost)} event(s) have no point and no governorate (blank coordinates and "
                     f"geo_precision): {names}")


@app.command(name="map")
def map_(
    output: Annotated[Path, typer.Option("-o", "--output", help="FILE.png, .gif (with --animate), .geojson, .gpkg or .kml")],
    db: DbOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Day to draw (YYYY-MM-DD); default: latest.")] = None,
    animate: Annotated[tuple[str, str] | None, typer.Option(help="Two days D1 D2: one frame per day, into a .gif.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First day of a time-aware .geojson/.gpkg/.kml export.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day of a time-aware export (with --from).")] = None,
    theater: TheaterOpt = None,
) -> None:
    """Draw control areas, front lines, places and events, or export them.

    With --from and --to, a .geojson, .gpkg or .kml holds every day: places with
    valid_from/valid_to dates, areas and front lines once per day (QGIS's temporal controller,
    Google Earth's time slider).
    """
    from frontlines.views import (
        days_between,
        export_range,
        export_snapshot,
        map_context,
        snapshot,
        theater_boundary,
        theater_regions,
    )
    from frontlines.views.maps import render_animation, render_map

    with _errors():
        th = _theater(theater)
        store = _store(db)
        if (start is None) != (end is None):
            raise InputError("--from and --to go together")
        if start and end and (animate or as_of):
            raise InputError("--from/--to exports a range of days; leave out --as-of and --animate")
        output.parent.mkdir(parents=True, exist_ok=True)
        if start and end:
            d1, d2 = parse_date(start, what="--from date"), parse_date(end, what="--to date")
            n = export_range(store, th, d1, d2, output)
            _say(f"wrote {output} ({n} days, {d1} to {d2})")
            return
        if animate:
            first, last = (parse_date(d, what="--animate date") for d in animate)
            if output.suffix.lower() != ".gif":
                raise InputError(f"{output}: --animate writes a .gif")
            days = days_between(first, last)
            with _progress(len(days), "frames") as tick:
                frames = []
                for n, day in enumerate(days, start=1):
                    s = snapshot(store, th, day)
                    frames.append((day, s.statuses, s.areas, s.events))
                    tick(n, len(days))
            render_animation(output, frames, theater_regions(th), theater_boundary(th), th.side_colors(), title=th.name,
                             population={p.id: p.population for p in th.gazetteer.places}, **map_context(th))
        else:
            as_of_day = _date(as_of, "--as-of date")
            snap = snapshot(store, th, as_of_day)
            if output.suffix.lower() == ".png":
                population = {p.id: p.population for p in th.gazetteer.places}
                render_map(output, snap.statuses, snap.areas, snap.events, theater_regions(th), theater_boundary(th),
                           th.side_colors(), as_of_day or _latest_day(snap), title=th.name, population=population,
                           **map_context(th))
            else:
                export_snapshot(snap, output)
        _say(f"wrote {output}")


@app.command()
def history(
    place: Annotated[str, typer.Argument(help="Place name (any spelling) or id.")],
    db: DbOpt = None,
    theater: TheaterOpt = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """The control timeline of one place, with the evidence sentences."""
    from frontlines.mentions.geoparse import unmapped_id
    from frontlines.views import ledger_from_store

    with _errors():
        th = _theater(theater)
        ledger = ledger_from_store(_store(db), th)
        ids = [place] if place in th.gazetteer.by_id else [c.place.id for c in th.gazetteer.lookup(place)]
        known = set(ledger.places())
        # A place the gazetteer lacks is kept in the ledger by its name.
        ids = [i for i in [*ids, unmapped_id(place)] if i in known] or ids[:1]
        if not ids:
            raise InputError(f"no place named {place!r} in the {th.id} gazetteer or the ledger; "
                             "try 'frontlines gazetteer search'")
        if format is TableFormat.json:
            payload = [_history_json(pid, th.gazetteer.by_id.get(pid), place, ledger.history(pid)) for pid in ids]
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
            return
        for pid in ids:
            p = th.gazetteer.by_id.get(pid)
            out.print(Text.assemble((p.name if p else place, "bold"),
                                    f" ({p.admin1}, {pid})" if p else f" ({pid}: not on the map)"))
            timeline = ledger.history(pid)
            if not timeline:
                out.print("  no control statements recorded")
            for day, status, level, conf, supporting in timeline:
                out.print(f"  {day}  {status:<11} {level:<8} {conf:.2f}")
                for a in supporting:
                    out.print(f"      [{a.source or a.doc}] {a.status}: {a.text}", markup=False)


def _history_json(pid: str, p: Any, asked: str, timeline: list[Any]) -> dict[str, Any]:
    return {
        "place_id": pid, "name": p.name if p else asked, "admin1": p.admin1 if p else "",
        "timeline": [
            {"date": day.isoformat(), "status": status, "level": level, "confidence": round(conf, 3),
             "evidence": [{"source": a.source or a.doc, "doc": a.doc, "start": a.start, "end": a.end,
                           "status": a.status, "text": a.text} for a in supporting]}
            for day, status, level, conf, supporting in timeline
        ],
    }


@app.command()
def changes(
    start: Annotated[str, typer.Option("--from", metavar="YYYY-MM-DD", help="First day.")],
    end: Annotated[str, typer.Option("--to", metavar="YYYY-MM-DD", help="Last day.")],
    db: DbOpt = None,
    theater: TheaterOpt = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """What changed hands between two days, with evidence."""
    from frontlines.views import ledger_from_store

    with _errors():
        th = _theater(theater)
        d1, d2 = parse_date(start, what="--from date"), parse_date(end, what="--to date")
        if d2 < d1:
            raise InputError(f"--to {d2} is before --from {d1}")
        ledger = ledger_from_store(_store(db), th)
        if format is TableFormat.json:
            rows = [{"place_id": after.place_id, "name": after.name, "admin1": after.admin1,
                     "before": before.status if before else None, "after": after.status,
                     "since": after.since.isoformat() if after.since else None, "level": after.level,
                     "evidence": [a.text for a in ledger.history(after.place_id)[-1][4]]}
                    for before, after in ledger.changes(d1, d2)]
            payload = {"from": d1.isoformat(), "to": d2.isoformat(), "changes": rows}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
            return
        table = Table(title=f"Changes {d1} -> {d2}")
        for col in ("place", "governorate", "before", "after", "since", "level", "evidence"):
            table.add_column(col)
        for before, after in ledger.changes(d1, d2):
            evidence = "; ".join(a.text[:90] for a in ledger.history(after.place_id)[-1][4][:1])
            table.add_row(after.name, after.admin1, before.status if before else "-", after.status, str(after.since),
                          after.level, evidence)
        out.print(table)


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="A gold JSON file or a folder of them.")],
    reports: Annotated[Path | None, typer.Option(help="Folder of the reports the gold annotates (default: ../reports next to the gold).")] = None,
    theater: TheaterOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Precision and recall of places, events and control against gold annotations."""
    from frontlines.evaluate import evaluate, format_report

    with _errors():
        if gold.is_dir() and not any(gold.glob("*.json")):
            raise InputError(f"{gold}: no gold annotations (*.json) in this folder; see docs/gold-format.md")
        report = evaluate(gold, reports_dir=reports, theater=_theater(theater))
        if format == "json":
            sys.stdout.write(json.dumps(report, indent=1) + "\n")
        else:
            out.print(format_report(report), markup=False)


@app.command(name="eval-real")
def eval_real(
    gold: Annotated[Path, typer.Argument(help="The real-report gold folder (JSON files and split.toml).")],
    texts: Annotated[Path, typer.Option(help="Folder of the report texts the gold annotates.")],
    part: Annotated[str, typer.Option(help="heldout, development or all")] = "heldout",
    theater: TheaterOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Score against the gold of real reports (docs/real-gold.md): places, control, events, claims."""
    from frontlines.evaluate_real import format_real, score_real

    with _errors():
        if format not in ("table", "json"):
            raise InputError(f"--format must be table or json, not {format!r}")
        report = score_real(texts, gold, part=part, theater=_theater(theater))
        if format == "json":
            sys.stdout.write(json.dumps(report, indent=1, default=str) + "\n")
        else:
            out.print(format_real(report), markup=False)


@app.command(name="changes-table", hidden=True)
def changes_table(db: DbOpt = None, theater: TheaterOpt = None) -> None:
    """Day-by-day control changes over the whole ledger (used by make demo)."""
    from frontlines.views import ledger_from_store

    with _errors():
        th = _theater(theater)
        ledger = ledger_from_store(_store(db), th)
        days = sorted({d for pid in ledger.places() for d, *_ in ledger.history(pid)})
        table = Table(title="Control changes, day by day")
        for col in ("day", "place", "governorate", "from", "to", "level", "conf."):
            table.add_column(col)
        previous: dict[str, str] = {}
        for day in days:
            for s in ledger.as_of(day):
                if s.kind in ("region", "country"):
                    continue
                if s.place_id not in previous and th.baseline_date and day <= th.baseline_date:
                    previous[s.place_id] = s.status  # the starting state, not a change
                    continue
                if previous.get(s.place_id) != s.status:
                    table.add_row(str(day), s.name, s.admin1, previous.get(s.place_id, "-"), s.status, s.level,
                                  f"{s.confidence:.2f}")
                    previous[s.place_id] = s.status
        out.print(table)


@gazetteer_app.command("search")
def gazetteer_search(
    name: Annotated[str, typer.Argument(help="A place name in any spelling.")],
    limit: Annotated[int, typer.Option(help="How many candidates.")] = 10,
    theater: TheaterOpt = None,
) -> None:
    """Candidates for a name, with scores."""
    with _errors():
        th = _theater(theater)
        table = Table(title=f"Candidates for {name!r}")
        for col in ("score", "id", "name", "kind", "governorate", "country", "lat", "lon"):
            table.add_column(col)
        for place, score in th.gazetteer.search(name, limit):
            table.add_row(f"{score:.2f}", place.id, place.name, place.kind, place.admin1, place.country,
                          f"{place.lat:.4f}", f"{place.lon:.4f}")
        out.print(table)


class Kind(StrEnum):
    settlement = "settlement"
    facility = "facility"
    terrain = "terrain"
    region = "region"
    route = "route"


@gazetteer_app.command("add")
def gazetteer_add(
    name: Annotated[str, typer.Argument(help="The place's name.")],
    lat: Annotated[float, typer.Option(help="Latitude (WGS84).")],
    lon: Annotated[float, typer.Option(help="Longitude (WGS84).")],
    kind: Annotated[Kind, typer.Option(help="What sort of place it is.")] = Kind.settlement,
    alias: Annotated[list[str] | None, typer.Option(help="Another spelling (repeatable).")] = None,
    admin1: Annotated[str, typer.Option(help="Governorate (default: that of the nearest place).")] = "",
    force: Annotated[bool, typer.Option("--force", help="Add it even outside the theater or next to a namesake.")] = False,
    theater: TheaterOpt = None,
) -> None:
    """Add a place to your copy of the theater (kept in FRONTLINES_HOME, used from the next run on).

    Refused unless --force: a point outside the theater (with a hint when latitude and longitude
    look swapped) and a place of the same name within 1 km of one already known."""
    from dataclasses import replace

    from frontlines.mentions.gazetteer_import import add_user_places, make_place
    from frontlines.views import check_user_place, readable_id

    with _errors():
        th = _theater(theater)
        place = make_place(name, lat, lon, kind.value, aliases=alias or (), admin1=admin1, theater=th)
        for warning in check_user_place(th, place.name, lat, lon, force=force):
            _say(f"warning: {warning}")
        place = replace(place, id=readable_id(place.name) or place.id)
        path = add_user_places(th.id, [place])
        _theater_cache_clear()
        _say(f"added {place.name} ({place.kind}, {place.admin1 or '?'}) as {place.id} to {path}")


@gazetteer_app.command("import")
def gazetteer_import(
    path: Annotated[Path, typer.Argument(help="A GeoNames country dump: XX.txt or XX.zip (19 columns).")],
    alternate_names: Annotated[Path | None, typer.Option(help="alternateNamesV2 file (.txt or .zip) to add spellings.")] = None,
    theater: TheaterOpt = None,
) -> None:
    """Import a full GeoNames country dump so every village of the country resolves."""
    from frontlines.mentions.gazetteer_import import add_user_places, merge_places, read_geonames_dump

    with _errors():
        th = _theater(theater)
        result = read_geonames_dump(path, country=th.country, alternate_names=alternate_names,
                                    existing=th.gazetteer.places)
        merged = merge_places(th.gazetteer.places, result.places, near_km=3.0)
        target = add_user_places(th.id, merged)
        _theater_cache_clear()
        skipped = ", ".join(f"{reason}: {n}" for reason, n in sorted(result.skipped.items()))
        _say(f"imported {len(merged)} places into {target} (read {len(result.places)}; skipped {skipped or 'none'})")
        for w in result.warnings[:20]:
            _say(f"warning: {w}")


users_app = typer.Typer(help="Accounts for the web desk (frontlines serve).", no_args_is_help=True)
app.add_typer(users_app, name="users")


class Role(StrEnum):
    viewer = "viewer"
    editor = "editor"
    admin = "admin"


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Publish the map: anyone reads, no sign-in, no changes.")] = False,
    theater: TheaterOpt = None,
) -> None:
    """The analyst's desk: a web map with a day slider, evidence, review and sign-in."""
    import uvicorn

    from frontlines.web import create_app

    with _errors():
        web = create_app(settings.DATABASE.value(db), theater=theater, read_only=read_only, warm=True)
        _say(f"frontlines desk on http://{host}:{port}/" + (" (read-only)" if read_only else ""))
    uvicorn.run(web, host=host, port=port, log_level="warning")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Account name.")],
    role: Annotated[Role, typer.Option(help="viewer reads; editor adds reports and reviews; admin manages users.")] = Role.viewer,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, envvar="FRONTLINES_PASSWORD",
                                          help="Asked for when not given (or set FRONTLINES_PASSWORD).")] = "",
    db: DbOpt = None,
) -> None:
    """Add a desk account, or reset an existing one's password and role (its sessions end)."""
    from frontlines.web.auth import add_user

    with _errors():
        user = add_user(_store(db, create=True), name, password, role.value)
        _say(f"user {user.name} has the {user.role} role")


@users_app.command("list")
def users_list(db: DbOpt = None) -> None:
    """Desk accounts and their roles."""
    from frontlines.web.auth import list_users

    with _errors():
        for user in list_users(_store(db)):
            out.print(f"{user.name}\t{user.role}", markup=False)


_DAY_OPTIONS = frozenset({"as_of", "known_by", "since", "until", "published", "start", "end", "animate"})
_METAVARS = {"output": "FILE", "reports": "DIR", "alternate_names": "FILE"}


def _tidy_help(command: Any) -> None:
    """Name option values in help (YYYY-MM-DD, FILE...) instead of Python types (<str>, <path>)."""
    for param in command.params:
        # typer ships its own copy of click: test the kind of parameter by its attributes.
        if getattr(param, "param_type_name", "") != "option" or param.metavar is not None or param.is_flag:
            continue
        descriptor = getattr(param, "type_descriptor", None)
        if (descriptor is not None and descriptor.is_choice) or not param.name:
            continue
        name = "YYYY-MM-DD" if param.name in _DAY_OPTIONS else _METAVARS.get(param.name, param.name.upper())
        param.metavar = f"{name} {name}" if param.nargs == 2 else name
    for sub in getattr(command, "commands", {}).values():
        _tidy_help(sub)


def main() -> None:
    """Entry point of the ``frontlines`` command."""
    command = typer.main.get_command(app)
    _tidy_help(command)
    command()


if __name__ == "__main__":
    main()
