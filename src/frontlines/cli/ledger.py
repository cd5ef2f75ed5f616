"""The commands that show what the database holds: ``control``, ``events``, ``map``, ``history``,
``changes`` and the hidden ``changes-table``."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from frontlines.cli.common import DbOpt, TheaterOpt, _date, _errors, _progress, _say, _store, _theater, out
from frontlines.errors import InputError
from frontlines.read.ingest import parse_date


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


def _latest_day(snap: Any) -> date | None:
    days = [s.since for s in snap.statuses if s.since] + [e.date for e in snap.events if e.date]
    return max(days) if days else None


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
