"""The ledger's answer kept in the database: each place's status as runs of days.

A place's status as of a day depends only on that place's assertions (``Ledger.status``), and it
can change only on a day with an assertion. So for the assertion days d1 < d2 < ... of a place, the
status as of d_i holds from d_i to the day before d_(i+1); runs with the same status are merged.
A write of assertions marks their places stale in its transaction; a refresh (at the end of an
ingest, and now and then during a long one) recomputes the marked places only, and
:func:`statuses_on` answers "who holds what on day D" with one indexed range query.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection

from frontlines.control.ledger import Ledger, baseline_assertions, build_ledger
from frontlines.mentions.gazetteer import Gazetteer
from frontlines.models import ControlStatus, StatusSupport
from frontlines.store.storage import RUN_OPEN, Store
from frontlines.theater import Theater


@dataclass(frozen=True, slots=True)
class MapStatus:
    """What one day's map needs of a place: its status (the side holding it, or contested), level,
    confidence, since when it holds and the first day of the stored run that answers; no evidence, basis
    or reason (:func:`evidence_on` reads them when asked)."""

    place_id: str
    status: str
    level: str
    confidence: float
    valid_from: date
    since: date | None


@dataclass(frozen=True, slots=True)
class DayMap:
    """One day's map as columns (one tuple per field of :class:`MapStatus`, place by place): built
    without a record per place, which would cost as much as the query. Iterate for records."""

    day: date | None
    place_id: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    confidence: tuple[float, ...] = ()
    valid_from: tuple[date, ...] = ()
    since: tuple[date | None, ...] = ()

    def __len__(self) -> int:
        return len(self.place_id)

    def __iter__(self) -> Iterator[MapStatus]:
        for row in zip(self.place_id, self.status, self.level, self.confidence, self.valid_from, self.since, strict=True):
            yield MapStatus(*row)


def _days(values: Iterable[Any]) -> tuple[Any, ...]:
    """Dates from the driver's values (ISO text on SQLite), each distinct value parsed once."""
    parsed: dict[Any, Any] = {None: None, "": None}
    out = []
    for v in values:
        d = parsed.get(v, parsed)
        if d is parsed:
            d = parsed[v] = date.fromisoformat(v) if isinstance(v, str) else v
        out.append(d)
    return tuple(out)


def _runs(ledger: Ledger, place_id: str) -> list[dict[str, Any]]:
    days = [d for d, *_ in ledger.history(place_id)]
    rows: list[dict[str, Any]] = []
    for i, day in enumerate(days):
        st = ledger.status(place_id, day)
        if st is None:
            continue
        valid_to = days[i + 1] - timedelta(days=1) if i + 1 < len(days) else RUN_OPEN
        row = {"place_id": place_id, "valid_from": day, "valid_to": valid_to, "status": st.status, "level": st.level,
               "since": st.since, "confidence": st.confidence, "evidence": st.support.to_json(), "name": st.name,
               "admin1": st.admin1, "kind": st.kind, "lat": None if math.isnan(st.lat) else st.lat,
               "lon": None if math.isnan(st.lon) else st.lon}
        same = ("status", "level", "since", "confidence", "evidence")
        if rows and rows[-1]["valid_to"] == day - timedelta(days=1) and all(rows[-1][k] == row[k] for k in same):
            rows[-1]["valid_to"] = valid_to  # the same answer goes on: one run
        else:
            rows.append(row)
    return rows


def refresh(store: Store, theater: Theater, place_ids: Iterable[str] | None = None) -> int:
    """Recompute the runs of ``place_ids`` and of every place marked stale (every place with
    assertions or a baseline when None, or when nothing is materialized yet); return the number of
    runs written. Reading, computing and writing happen in one locked transaction: concurrent
    ingests leave the runs up to date, and a write's stale marks are cleared only with its
    assertions counted."""
    baseline = baseline_assertions(theater)
    asked = None if place_ids is None else set(place_ids)

    def compute(conn: Connection) -> tuple[set[str], list[dict[str, Any]]]:
        if asked is None or Store.status_runs_in(conn) == 0:
            stored = Store.assertions_in(conn)
            wanted = {a.place_id for a in stored} | {a.place_id for a in baseline}
        else:
            wanted = asked | Store.stale_in(conn)
            stored = Store.assertions_in(conn, wanted)
        ledger = build_ledger(theater, [*[a for a in baseline if a.place_id in wanted], *stored], baseline=False)
        return wanted, [row for pid in sorted(wanted) for row in _runs(ledger, pid)]

    def compute_for_theater(conn: Connection) -> tuple[set[str], list[dict[str, Any]]]:
        nonlocal asked
        if asked is not None and Store.status_runs_theater_in(conn) != theater.id:
            asked = None  # runs of another theater, or of an unknown one: all of them again
        return compute(conn)

    return store.update_status_runs(compute_for_theater, theater=theater.id)


def answers_for(store: Store, theater: Theater) -> bool:
    """Whether the stored runs hold ``theater``'s ledger (they exist, were computed for it, and no
    place's runs are older than its assertions), so that :func:`statuses_on` may answer for it
    instead of a ledger built in memory."""
    return (store.status_runs_theater() == theater.id and store.status_runs_count() > 0
            and not store.has_stale_runs())


def map_on(store: Store, day: date | None = None, *, unmapped: bool = False,
           bbox: tuple[float, float, float, float] | None = None) -> DayMap:
    """One day's map (the latest when None) from the materialized runs: one query answered from an
    index, no evidence, places in no particular order. Place for place it equals ``Ledger.as_of``.
    ``bbox`` (west, south, east, north): only the places in that box (PostGIS where available)."""
    pids, statuses, levels, confidences, firsts, sinces = store.status_map_on(day, unmapped=unmapped, bbox=bbox)
    return DayMap(day, tuple(pids), tuple(statuses), tuple(levels), tuple(confidences), _days(firsts), _days(sinces))


def evidence_on(store: Store, day: date | None, place_ids: Iterable[str]) -> dict[str, StatusSupport]:
    """What the status of ``place_ids`` on ``day`` (the latest when None) rests on: evidence spans,
    basis ids and reason, as ``ControlStatus.support`` has them."""
    return store.status_evidence_on(day, place_ids)


def statuses_on(store: Store, day: date | None = None, *, unmapped: bool = False,
                gazetteer: Gazetteer | None = None, evidence: bool = True) -> list[ControlStatus]:
    """Every place's status on ``day`` (the latest when None) from the materialized runs, in the
    order and shape of ``Ledger.as_of``.

    With the theater's ``gazetteer`` and ``evidence=False`` the records are built from the lean map
    query (:func:`map_on`) and the gazetteer's names and points, with no evidence, basis or reason:
    the same records less those, at a fraction of the cost. Runs stored by older versions (a list of
    ids) give their ids as ``basis`` and no evidence spans until their places are recomputed."""
    if gazetteer is not None and not evidence and not unmapped:
        return _from_map(map_on(store, day), gazetteer)
    out = []
    for r in store.status_runs_on(day):
        if r["kind"] == "unmapped" and not unmapped:
            continue
        support = StatusSupport.from_json(r["evidence"])
        out.append(ControlStatus(
            place_id=r["place_id"], name=r["name"] or "", lat=math.nan if r["lat"] is None else r["lat"],
            lon=math.nan if r["lon"] is None else r["lon"], status=r["status"], level=r["level"], since=r["since"],
            confidence=r["confidence"], evidence=support.evidence, admin1=r["admin1"] or "", kind=r["kind"],
            basis=support.basis, reason=support.reason,
        ))
    return sorted(out, key=lambda s: (s.admin1, s.name))


def _from_map(day_map: DayMap, gazetteer: Gazetteer) -> list[ControlStatus]:
    out = []
    by_id = gazetteer.by_id
    for pid, status, level, confidence, since in zip(day_map.place_id, day_map.status, day_map.level,
                                                     day_map.confidence, day_map.since, strict=True):
        place = by_id.get(pid)
        if place is None:
            continue  # a place the theater's gazetteer lacks: Ledger.as_of leaves it out too
        out.append(ControlStatus(place_id=pid, name=place.name, lat=place.lat, lon=place.lon, status=status, level=level,
                                 since=since, confidence=confidence, admin1=place.admin1, kind=place.kind))
    out.sort(key=attrgetter("admin1", "name"))
    return out
