"""What the desk shows, computed from the store, the theater and the corrections, with caches.

The ledger and the corrections are read once per *generation* of the database (documents stored
plus audit rows: both only grow), so every request for a day after the first is a lookup. Another
process writing to the same database (the CLI, a second server) bumps the generation too.
"""

from __future__ import annotations

import gzip
import json
import math
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from frontlines.areas import control_areas
from frontlines.events import merge_events
from frontlines.exports import geometry_json, side_color, statuses_geojson
from frontlines.geoparse import unmapped_id
from frontlines.ledger import Ledger, event_of
from frontlines.models import ControlAssertion, ControlStatus, Event
from frontlines.storage import Store, documents
from frontlines.theater import Theater
from frontlines.views import ledger_from_store, theater_boundary, theater_regions
from frontlines.web import review
from frontlines.web.review import Correction

HIDDEN_KINDS = ("region", "country", "route")
GENERATION_TTL_S = 1.0


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
        self._lock = threading.Lock()
        self._state: _State | None = None
        self._days: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._generation: tuple[int, int] | None = None
        self._building: dict[tuple[Any, ...], threading.Lock] = {}
        self._checked = 0.0

    # -- generations and caches -------------------------------------------------------------------

    def generation(self) -> tuple[int, int]:
        """Documents stored and corrections made (both only grow), looked up at most once a second.

        Writes through this desk call :meth:`invalidate`, so they show at once; writes by another
        process (the CLI, a second server) show within a second.
        """
        now = time.monotonic()
        if self._generation is not None and now - self._checked < GENERATION_TTL_S:
            return self._generation
        with self.store.engine.connect() as conn:
            docs = int(conn.scalar(select(func.count()).select_from(documents)) or 0)
        self._generation, self._checked = (docs, review.review_generation(self.store)), now
        return self._generation

    def invalidate(self) -> None:
        """Forget the cached generation (after a write through this desk)."""
        self._generation = None

    def state(self) -> _State:
        gen = self.generation()
        with self._lock:
            if self._state is None or self._state.generation != gen:
                ledger = ledger_from_store(self.store, self.theater)
                corrections = review.by_place(review.load_corrections(self.store))
                events = merge_events(self.store.events(), window_days=1)
                docs = {d.id: {"id": d.id, "source": d.source, "title": d.title,
                               "published": d.published.isoformat() if d.published else None, "url": d.url}
                        for d in self.store.documents()}
                self._state = _State(gen, ledger, corrections, events, docs)
                self._days.clear()
            return self._state

    def _cached(self, key: tuple[Any, ...], build: Any) -> Any:
        state = self.state()
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
            value = build(state)
            with self._lock:
                self._days[full] = value
                self._building.pop(full, None)
                while len(self._days) > 256:
                    self._days.popitem(last=False)
        return value

    def warm(self) -> None:
        """Compute every day of the period once (control and areas), so readers find them cached."""
        first, last = self.days()
        if first is None or last is None:
            return
        for n in range((last - first).days + 1):
            day = first + timedelta(days=n)
            self.control_json(day, gzipped=True)
            self.areas_json(day, gzipped=True)

    def peek(self, key: tuple[Any, ...]) -> Any | None:
        """A cached view if it is there and current, without computing anything (for the event loop)."""
        state = self._state
        if state is None or state.generation != self.generation():
            return None
        with self._lock:
            return self._days.get((state.generation, *key))

    def day_key(self, view: str, day: date | None, gzipped: bool) -> tuple[Any, ...]:
        """The cache key of a day's encoded view (``control`` or ``areas``)."""
        return (view, day, "gzip") if gzipped else (view, day)

    # -- views ------------------------------------------------------------------------------------

    def statuses(self, day: date | None, *, unmapped: bool = False) -> list[ControlStatus]:
        """Statuses on a day (latest if None) with the analyst's corrections applied."""
        def build(state: _State) -> list[ControlStatus]:
            base = [s for s in state.ledger.as_of(day, unmapped=unmapped) if s.kind not in HIDDEN_KINDS]
            return review.overlay(base, state.ledger, day, state.corrections, unmapped=unmapped)
        return self._cached(("statuses", day, unmapped), build)

    def control_json(self, day: date | None, *, gzipped: bool = False) -> bytes:
        """GET /api/control as bytes (gzip-compressed if asked): place points with status, level, confidence."""
        def build(state: _State) -> bytes:
            fc = statuses_geojson(self.statuses(day), None, (), day)
            return json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        return self._encoded(self.day_key("control", day, False), build, gzipped)

    def areas_json(self, day: date | None, *, gzipped: bool = False) -> bytes:
        """GET /api/areas as bytes (gzip-compressed if asked): areas of control and front lines."""
        def build(state: _State) -> bytes:
            statuses = self.statuses(day)
            areas = control_areas(statuses, theater_boundary(self.theater)) if statuses else None
            fc = statuses_geojson((), areas, (), day)
            return json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        return self._encoded(self.day_key("areas", day, False), build, gzipped)

    def _encoded(self, key: tuple[Any, ...], build: Any, gzipped: bool) -> bytes:
        raw: bytes = self._cached(key, build)
        if not gzipped:
            return raw
        # Compressed once per day and generation: a 20,000-place day is megabytes of GeoJSON.
        return self._cached(self.day_key(key[0], key[1], True), lambda state: gzip.compress(raw, compresslevel=5))

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
