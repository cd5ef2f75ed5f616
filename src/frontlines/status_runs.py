"""The ledger's answer kept in the database: each place's status as runs of days.

A place's status as of a day depends only on that place's assertions (``Ledger.status``), and it
can change only on a day with an assertion. So for the assertion days d1 < d2 < ... of a place, the
status as of d_i holds from d_i to the day before d_(i+1); runs with the same status are merged.
After an ingest only the places its assertions name are recomputed (:func:`refresh`), and
:func:`statuses_on` answers "who holds what on day D" with one indexed range query.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from frontlines.ledger import Ledger, baseline_assertions, build_ledger
from frontlines.models import ControlStatus
from frontlines.storage import RUN_OPEN, Store
from frontlines.theater import Theater


def _runs(ledger: Ledger, place_id: str) -> list[dict[str, Any]]:
    days = [d for d, *_ in ledger.history(place_id)]
    rows: list[dict[str, Any]] = []
    for i, day in enumerate(days):
        st = ledger.status(place_id, day)
        if st is None:
            continue
        valid_to = days[i + 1] - timedelta(days=1) if i + 1 < len(days) else RUN_OPEN
        row = {"place_id": place_id, "valid_from": day, "valid_to": valid_to, "status": st.status, "level": st.level,
               "since": st.since, "confidence": st.confidence, "evidence": list(st.evidence), "name": st.name,
               "admin1": st.admin1, "kind": st.kind, "lat": None if math.isnan(st.lat) else st.lat,
               "lon": None if math.isnan(st.lon) else st.lon}
        same = ("status", "level", "since", "confidence", "evidence")
        if rows and rows[-1]["valid_to"] == day - timedelta(days=1) and all(rows[-1][k] == row[k] for k in same):
            rows[-1]["valid_to"] = valid_to  # the same answer goes on: one run
        else:
            rows.append(row)
    return rows


def refresh(store: Store, theater: Theater, place_ids: Iterable[str] | None = None) -> int:
    """Recompute the runs of ``place_ids`` (every place with assertions or a baseline when None, or
    when nothing is materialized yet); return the number of runs written. Reading, computing and
    writing happen in one locked transaction: concurrent ingests leave the runs up to date."""
    baseline = baseline_assertions(theater)
    asked = None if place_ids is None else set(place_ids)
    if asked is not None and not asked:
        return 0

    def compute(conn: Connection) -> tuple[set[str], list[dict[str, Any]]]:
        if asked is None or Store.status_runs_in(conn) == 0:
            stored = Store.assertions_in(conn)
            wanted = {a.place_id for a in stored} | {a.place_id for a in baseline}
        else:
            wanted = asked
            stored = Store.assertions_in(conn, wanted)
        ledger = build_ledger(theater, [*[a for a in baseline if a.place_id in wanted], *stored], baseline=False)
        return wanted, [row for pid in sorted(wanted) for row in _runs(ledger, pid)]

    return store.update_status_runs(compute)


def statuses_on(store: Store, day: date | None = None, *, unmapped: bool = False) -> list[ControlStatus]:
    """Every place's status on ``day`` (the latest when None) from the materialized runs, in the
    order and shape of ``Ledger.as_of``."""
    out = []
    for r in store.status_runs_on(day):
        if r["kind"] == "unmapped" and not unmapped:
            continue
        out.append(ControlStatus(
            place_id=r["place_id"], name=r["name"] or "", lat=math.nan if r["lat"] is None else r["lat"],
            lon=math.nan if r["lon"] is None else r["lon"], status=r["status"], level=r["level"], since=r["since"],
            confidence=r["confidence"], evidence=tuple(r["evidence"] or ()), admin1=r["admin1"] or "", kind=r["kind"],
        ))
    return sorted(out, key=lambda s: (s.admin1, s.name))
