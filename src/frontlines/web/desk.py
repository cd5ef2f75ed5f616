"""What the desk shows, computed from the store, the theater and the corrections, with caches.

The ledger and the corrections are read once per *generation* of the database (documents stored,
corrections made and undone: all only grow), so every request for a day after the first is a lookup.
Another process writing to the same database (the CLI, a second server) bumps the generation too: on
SQLite the next request notices from the database files' size and time (two ``stat`` calls), and at
most a second later in any case (PostgreSQL: within a second).

A day's GeoJSON is kept as :class:`Encoded` bytes (plain and gzip) with an ETag derived from its
content, so a reader that already has the day gets a 304 and no body.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import itertools
import json
import math
import os
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from frontlines.control.areas import control_areas
from frontlines.control.ledger import Ledger, event_of
from frontlines.events.merging import merge_events
from frontlines.mentions.geoparse import unmapped_id
from frontlines.models import ControlAssertion, ControlStatus, Event
from frontlines.store.storage import Store, documents
from frontlines.theater import Theater
from frontlines.views import ledger_from_store, theater_boundary, theater_regions
from frontlines.views.exports import geometry_json, side_color, statuses_geojson
from frontlines.web import review
from frontlines.web.encode import control_bytes
from frontlines.web.review import Correction

HIDDEN_KINDS = ("region", "country", "route")
GENERATION_TTL_S = 1.0
DAY_VIEWS = ("control", "areas")


def _view_key(view: str, day: date | None, zipped: bool) -> tuple[Any, ...]:
    """The cache key of a day's encoded view."""
    return ("view", view, day, zipped)


def _settle() -> None:
    """Move what is alive now out of the cyclic collector's reach (``gc.freeze``).

    A state holds millions of objects that live until the next generation; without this, each full
    collection walks all of them (1-1.8 s at 20,000 places, finding nothing) and stops the event
    loop for that long. Frozen objects are still freed by reference counting when a newer state
    replaces them (the records hold no cycles).
    """
    gc.freeze()


def _not_older(have: tuple[int, int], want: tuple[int, int]) -> bool:
    """Whether a state of generation ``have`` may answer for ``want`` (each count only grows)."""
    return all(h >= w for h, w in zip(have, want, strict=True))


def _sqlite_files(store: Store) -> tuple[str, str] | None:
    """The SQLite database file and its write-ahead log, or None (another database, in memory)."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = os.path.abspath(url.database)
    return path, path + "-wal"


@dataclass(frozen=True, slots=True)
class Encoded:
    """A day's view as sent: the body (gzip-compressed or not) and its strong ETag (quoted)."""

    body: bytes
    etag: str
    gzipped: bool


def encoded(raw: bytes) -> Encoded:
    """Plain bytes with an ETag from their content (the same bytes give the same tag after a restart)."""
    return Encoded(raw, '"' + hashlib.blake2b(raw, digest_size=12).hexdigest() + '"', False)


def gzip_encoded(plain: Encoded) -> Encoded:
    """The gzip variant: deterministic bytes (no time stamp), an ETag of its own (RFC 9110 8.8.3)."""
    return Encoded(gzip.compress(plain.body, compresslevel=5, mtime=0), plain.etag[:-1] + '-gz"', True)


@dataclass(frozen=True, slots=True)
class _Checked:
    """The generation as last read from the database, and what it was read under."""

    generation: tuple[int, int]
    epoch: int
    at: float
    files: tuple[tuple[int, int, int], ...] | None


@dataclass(frozen=True, slots=True)
class _State:
    generation: tuple[int, int]
    ledger: Ledger
    corrections: dict[str, list[Correction]]
    events: list[Event]
    docs: dict[str, dict[str, Any]]


class Desk:
    """Cached views of one store for one theater."""

    def __init__(self, store: Store, theater: Theater):
        self.store = store
        self.theater = theater
        self._lock = threading.Lock()  # held briefly: the caches' dictionaries
        self._loading = threading.Lock()  # held while a generation's state is read from the store
        self._state: _State | None = None
        self._days: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._checked: _Checked | None = None
        self._epochs = itertools.count(1)
        self._epoch = 0  # bumped by invalidate(); a generation read under an older epoch is not trusted
        self._building: dict[tuple[Any, ...], threading.Lock] = {}
        self._files = _sqlite_files(store)

    # -- generations and caches -------------------------------------------------------------------

    def generation(self) -> tuple[int, int]:
        """Documents stored and corrections made or undone (all only grow).

        Read from the database again after :meth:`invalidate` (every write through this desk calls
        it), when the SQLite files changed (a write by another process: the CLI, a second server or
        worker), and at least once a second whatever the files say.
        """
        epoch, files, now = self._epoch, self._file_signature(), time.monotonic()
        checked = self._checked
        if (checked is not None and checked.epoch == epoch and checked.files == files
                and now - checked.at < GENERATION_TTL_S):
            return checked.generation
        # epoch and files are taken *before* the query: a write that lands while it runs leaves
        # them stale in what is stored, so the next call reads the generation again.
        with self.store.engine.connect() as conn:
            docs = int(conn.scalar(select(func.count()).select_from(documents)) or 0)
        generation = (docs, review.review_generation(self.store))
        self._checked = _Checked(generation, epoch, now, files)
        return generation

    def invalidate(self) -> None:
        """Forget the cached generation (after a write through this desk)."""
        self._epoch = next(self._epochs)  # atomic: two writers at once still both change it

    def _file_signature(self) -> tuple[tuple[int, int, int], ...] | None:
        """Size, time and inode of the SQLite database and its write-ahead log (None: not SQLite)."""
        if self._files is None:
            return None
        out = []
        for path in self._files:
            try:
                st = os.stat(path)
            except OSError:
                out.append((0, 0, 0))
            else:
                out.append((st.st_size, st.st_mtime_ns, st.st_ino))
        return tuple(out)

    def state(self) -> _State:
        """The ledger, corrections, events and documents of the current generation (or a newer one)."""
        gen = self.generation()
        current = self._state
        if current is not None and _not_older(current.generation, gen):
            return current
        with self._loading:  # one thread loads; the event loop's peek() never waits for it
            current = self._state
            if current is None or not _not_older(current.generation, gen):
                ledger = ledger_from_store(self.store, self.theater)
                corrections = review.by_place(review.load_corrections(self.store))
                events = merge_events(self.store.events(), window_days=1)
                docs = {d.id: {"id": d.id, "source": d.source, "title": d.title,
                               "published": d.published.isoformat() if d.published else None, "url": d.url}
                        for d in self.store.documents()}
                current = _State(gen, ledger, corrections, events, docs)
                with self._lock:
                    self._state = current
                    self._days.clear()
                _settle()
            return current

    def _cached(self, key: tuple[Any, ...], build: Any, state: _State | None = None) -> Any:
        state = state or self.state()
        full = (state.generation, *key)
        with self._lock:
            if full in self._days:
                self._days.move_to_end(full)
                return self._days[full]
            building = self._building.setdefault(full, threading.Lock())
        with building:  # one thread computes a view; the others asking for it wait for its result
            with self._lock:
                if full in self._days:
                    return self._days[full]
            try:
                value = build(state)
            except BaseException:
                with self._lock:
                    self._building.pop(full, None)
                raise
            with self._lock:
                if self._state is state:  # not a generation that was replaced meanwhile
                    self._days[full] = value
                    while len(self._days) > 256:
                        self._days.popitem(last=False)
                self._building.pop(full, None)
        return value

    def warm(self) -> None:
        """Compute every day of the period once (control and areas), so readers find them cached."""
        first, last = self.days()
        if first is None or last is None:
            return
        for n in range((last - first).days + 1):
            day = first + timedelta(days=n)
            for view in DAY_VIEWS:
                self.day_view(view, day, zipped=True)

    def peek(self, view: str, day: date | None, *, zipped: bool) -> Encoded | None:
        """A day's view if it is cached and current, without computing anything (for the event loop)."""
        state = self._state
        if state is None or state.generation != self.generation():
            return None
        with self._lock:
            found: Encoded | None = self._days.get((state.generation, *_view_key(view, day, zipped)))
        return found

    # -- views ------------------------------------------------------------------------------------

    def statuses(self, day: date | None, *, unmapped: bool = False, state: _State | None = None) -> list[ControlStatus]:
        """Statuses on a day (latest if None) with the analyst's corrections applied."""
        def build(state: _State) -> list[ControlStatus]:
            base = [s for s in state.ledger.as_of(day, unmapped=unmapped) if s.kind not in HIDDEN_KINDS]
            out = review.overlay(base, state.ledger, day, state.corrections, unmapped=unmapped)
            _settle()
            return out
        return self._cached(("statuses", day, unmapped), build, state)

    def day_view(self, view: str, day: date | None, *, zipped: bool = False) -> Encoded:
        """GET /api/control (place points with status, level, confidence) or /api/areas (areas of
        control and front lines) for a day, encoded once per generation, gzip-compressed if asked."""
        if view not in DAY_VIEWS:
            raise ValueError(f"no day view {view!r}")
        state = self.state()

        def build(state: _State) -> Encoded:
            statuses = self.statuses(day, state=state)
            if view == "control":
                return encoded(control_bytes(statuses, day))  # = statuses_geojson(statuses, None, (), day) as JSON
            areas = control_areas(statuses, theater_boundary(self.theater)) if statuses else None
            fc = statuses_geojson((), areas, (), day)
            return encoded(json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode())

        plain: Encoded = self._cached(_view_key(view, day, False), build, state)
        if not zipped:
            return plain
        # Compressed once per day and generation: a 20,000-place day is megabytes of GeoJSON.
        return self._cached(_view_key(view, day, True), lambda _: gzip_encoded(plain), state)

    def events(self, since: date | None = None, until: date | None = None, *, types: Sequence[str] = (),
               side: str = "", place: str = "") -> list[Event]:
        """Merged events, filtered by day range, ACLED event or sub-event type, side and place."""
        wanted_types = {t.casefold() for t in types if t}
        folded_place = place.casefold().strip()
        out = []
        for e in self.state().events:
            if since and (e.date is None or e.date < since):
                continue
            if until and (e.date is None or e.date > until):
                continue
            if wanted_types and e.event_type.casefold() not in wanted_types and e.sub_event_type.casefold() not in wanted_types:
                continue
            if side and side not in (e.actor1_side, e.actor2_side):
                continue
            if folded_place and folded_place not in (e.place_id.casefold(), e.location.casefold()):
                continue
            out.append(e)
        return out

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.state().events if e.id == event_id), None)

    def days(self) -> tuple[date | None, date | None]:
        """The slider's range: the theater's period, widened to the data."""
        def build(state: _State) -> tuple[date | None, date | None]:
            seen = [e.date for e in state.events if e.date] + [
                d for pid in state.ledger.places() for d, *_ in state.ledger.history(pid)[-1:]]
            first = min([d for d in (self.theater.start, *seen) if d], default=None)
            last = max([d for d in (self.theater.end, *seen) if d], default=None)
            return first, last
        return self._cached(("days",), build)

    def known_place(self, place_id: str) -> bool:
        state = self.state()
        return place_id in self.theater.gazetteer.by_id or place_id in state.ledger.places() or place_id in self.unmapped_names()

    def unmapped_names(self) -> dict[str, tuple[int, str]]:
        """Names the gazetteer lacks, by ``name:`` id: how often reports used them, and the first spelling."""
        def build(state: _State) -> dict[str, tuple[int, str]]:
            counts: Counter[str] = Counter()
            spelling: dict[str, str] = {}
            for u in self.store.unresolved():
                pid = unmapped_id(u.mention)
                if pid != "name:":
                    counts[pid] += 1
                    spelling.setdefault(pid, u.mention)
            return {pid: (n, spelling[pid]) for pid, n in counts.items()}
        return self._cached(("unmapped",), build)

    def history(self, place_id: str) -> dict[str, Any]:
        """A place's status day by day, each day with its evidence, and the analyst's corrections."""
        state = self.state()
        place = self.theater.gazetteer.by_id.get(place_id)
        days = []
        for day, status, level, confidence, supporting in state.ledger.history(place_id):
            days.append({"day": day.isoformat(), "status": status, "level": level, "confidence": confidence,
                         "evidence": [self._evidence(a, state) for a in supporting]})
        corrections = review.load_corrections(self.store, include_undone=True, place_id=place_id)
        for c in corrections:
            if not c.undone:
                days.append({"day": c.valid_from.isoformat(), "status": c.status, "level": review.ANALYST,
                             "confidence": 1.0, "correction": c.to_dict(), "evidence": []})
        days.sort(key=lambda d: (d["day"], d["level"] == review.ANALYST))
        current = review.corrected_status(state.ledger, place_id, None, state.corrections.get(place_id, []))
        events = [e.to_dict() for e in state.events if e.place_id == place_id]
        name = place.name if place else place_id.removeprefix("name:").replace("-", " ").title()
        return {
            "place": {"id": place_id, "name": name, "admin1": place.admin1 if place else "",
                      "kind": place.kind if place else "unmapped",
                      "lat": place.lat if place else None, "lon": place.lon if place else None},
            "current": current.to_dict() if current else None,
            "history": days,
            "corrections": [c.to_dict() for c in corrections],
            "events": events,
        }

    def _evidence(self, a: ControlAssertion, state: _State) -> dict[str, Any]:
        doc = state.docs.get(a.doc, {})
        return {"text": a.text, "status": a.status, "level": a.level, "confidence": a.confidence,
                "source": a.source or doc.get("source", ""), "title": doc.get("title", ""),
                "published": a.published.isoformat() if a.published else doc.get("published"),
                "doc": a.doc, "start": a.start, "end": a.end, "basis": a.basis, "scope": a.scope,
                "event_id": event_of(a) if any(e.id == event_of(a) for e in state.events) else None}

    def queue(self, day: date | None) -> list[dict[str, Any]]:
        state = self.state()
        return review.review_queue(self.statuses(day, unmapped=True), self.unmapped_names(), state.corrections)

    def status_on(self, place_id: str, day: date | None) -> ControlStatus | None:
        state = self.state()
        return review.corrected_status(state.ledger, place_id, day, state.corrections.get(place_id, []))

    def basemap(self) -> dict[str, Any]:
        """Offline base map: the theater boundary, governorates, and any ``basemap/*.geojson`` it ships."""
        def build(state: _State) -> dict[str, Any]:
            features: list[dict[str, Any]] = []
            boundary = geometry_json(theater_boundary(self.theater))
            if boundary:
                features.append({"type": "Feature", "geometry": boundary,
                                 "properties": {"layer": "boundary", "name": self.theater.country_name}})
            for name, poly in sorted(theater_regions(self.theater).items()):
                gj = geometry_json(poly)
                if gj:
                    features.append({"type": "Feature", "geometry": gj, "properties": {"layer": "region", "name": name}})
            for path in sorted(Path(self.theater.folder).glob("basemap/*.geojson")):
                data = json.loads(path.read_text(encoding="utf-8"))
                for f in data.get("features", []):
                    props = dict(f.get("properties") or {})
                    props.setdefault("layer", path.stem)
                    features.append({"type": "Feature", "geometry": f.get("geometry"), "properties": props})
            return {"type": "FeatureCollection", "features": features}
        return self._cached(("basemap",), build)

    def sides(self) -> dict[str, dict[str, str]]:
        colors = self.theater.side_colors()
        out = {sid: {"name": getattr(s, "name", sid), "color": side_color(sid, colors)}
               for sid, s in self.theater.actors.sides.items()}
        for extra in ("contested", "unknown"):
            out.setdefault(extra, {"name": extra, "color": side_color(extra, colors)})
        return out


def finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None
