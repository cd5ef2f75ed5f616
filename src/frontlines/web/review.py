"""Review: analyst corrections as an overlay on the ledger, their audit log, and the review queue.

The ledger (``frontlines.control.ledger``) is never edited. A correction is an analyst assertion kept in its
own table (``corrections``) and applied on top of the ledger's statuses when a view is built:

* ``correct`` sets a place's status from a day: the analyst's word outranks every report-derived
  status of that day and of the days after it, until the reports record a *new* change (a status
  whose run starts after the correction's day) or a later correction replaces it.
* ``confirm`` is the same with the status the machine gave: an analyst signs it.
* ``reject`` says the machine's status (its status and the day its run started) is wrong; the
  place falls back to what the ledger said the day before that run began.

Every correction and every undo writes an audit row (who, when, what, why) in the same
transaction. Undoing marks the correction undone; nothing is deleted.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from frontlines.control.ledger import Ledger
from frontlines.errors import InputError
from frontlines.mentions.gazetteer import Gazetteer
from frontlines.models import CONTESTED, UNKNOWN, ControlStatus, Record
from frontlines.store.storage import Store, audit_table, corrections_table

ACTIONS: tuple[str, ...] = ("correct", "confirm", "reject")
ANALYST = "analyst"  # the level of a status set by a person
LOW_CONFIDENCE = 0.5
MAX_NOTE = 2000


@dataclass(frozen=True, slots=True)
class Correction(Record):
    """One analyst assertion about a place's control from a day."""

    id: int
    place_id: str
    action: str
    status: str
    valid_from: date
    note: str
    author: str
    created: str
    undone: bool = False


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _correction(row: Any) -> Correction:
    return Correction(id=row["id"], place_id=row["place_id"], action=row["action"], status=row["status"] or "",
                      valid_from=row["valid_from"], note=row["note"] or "", author=row["author"] or "",
                      created=row["created"] or "", undone=bool(row["undone"]))


def load_corrections(store: Store, *, include_undone: bool = False, place_id: str | None = None) -> list[Correction]:
    """Stored corrections, oldest first."""
    query = select(corrections_table).order_by(corrections_table.c.id)
    if not include_undone:
        query = query.where(corrections_table.c.undone == 0)
    if place_id is not None:
        query = query.where(corrections_table.c.place_id == place_id)
    with store.engine.connect() as conn:
        return [_correction(r) for r in conn.execute(query).mappings()]


def review_generation(store: Store) -> int:
    """A number that grows with every correction and every undo (for caches)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(func.count(), func.sum(corrections_table.c.undone)).select_from(corrections_table)).first()
    return int(row[0] or 0) * 2 + int(row[1] or 0) if row else 0  # undoing changes it as well as adding


def add_correction(store: Store, *, place_id: str, action: str, status: str, valid_from: date, note: str,
                   author: str) -> Correction:
    """Store a correction and its audit row in one transaction."""
    if action not in ACTIONS:
        raise InputError(f"action {action!r}: use one of {', '.join(ACTIONS)}")
    if len(note) > MAX_NOTE:
        raise InputError(f"the note is longer than {MAX_NOTE} characters")
    created = _now()
    with store.engine.begin() as conn:
        key = conn.execute(insert(corrections_table).values(
            place_id=place_id, action=action, status=status, valid_from=valid_from, note=note, author=author,
            created=created, undone=0)).inserted_primary_key
        assert key is not None
        cid = key[0]
        conn.execute(insert(audit_table).values(
            at=created, who=author, action=action, target=place_id,
            detail={"correction": cid, "status": status, "valid_from": valid_from.isoformat()}, why=note))
    return Correction(int(cid), place_id, action, status, valid_from, note, author, created)


def undo_correction(store: Store, correction_id: int, *, author: str, note: str) -> Correction:
    """Mark a correction undone (audited); raise InputError if there is no such live correction."""
    with store.engine.begin() as conn:
        row = conn.execute(select(corrections_table).where(corrections_table.c.id == correction_id)).mappings().first()
        if row is None:
            raise LookupError(f"no correction {correction_id}")
        if row["undone"]:
            raise InputError(f"correction {correction_id} is already undone")
        conn.execute(update(corrections_table).where(corrections_table.c.id == correction_id).values(undone=1))
        conn.execute(insert(audit_table).values(
            at=_now(), who=author, action="undo", target=row["place_id"],
            detail={"correction": correction_id, "status": row["status"],
                    "valid_from": row["valid_from"].isoformat() if row["valid_from"] else None}, why=note))
    return replace(_correction(row), undone=True)


def audit_log(store: Store, limit: int = 200) -> list[dict[str, Any]]:
    """The latest audit rows, newest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit_table).order_by(audit_table.c.id.desc()).limit(limit)).mappings()
        return [dict(r) for r in rows]


def log_event(store: Store, *, who: str, action: str, target: str, detail: dict[str, Any], why: str = "") -> None:
    """An audit row for a change that is not a correction (reports added, users managed)."""
    with store.engine.begin() as conn:
        conn.execute(insert(audit_table).values(at=_now(), who=who, action=action, target=target, detail=detail, why=why))


# -- the overlay ----------------------------------------------------------------------------------

def by_place(corrections: Iterable[Correction]) -> dict[str, list[Correction]]:
    """Live corrections grouped by place, in the order they were made."""
    out: dict[str, list[Correction]] = defaultdict(list)
    for c in corrections:
        if not c.undone:
            out[c.place_id].append(c)
    return out


def _analyst_status(c: Correction, base: ControlStatus | None, gazetteer: Gazetteer) -> ControlStatus:
    place = gazetteer.by_id.get(c.place_id)
    if place is not None:
        name, lat, lon, admin1, kind = place.name, place.lat, place.lon, place.admin1, place.kind
    elif base is not None:
        name, lat, lon, admin1, kind = base.name, base.lat, base.lon, base.admin1, base.kind
    else:
        name, lat, lon, admin1, kind = c.place_id.removeprefix("name:").replace("-", " ").title(), math.nan, math.nan, "", "unmapped"
    return ControlStatus(place_id=c.place_id, name=name, lat=lat, lon=lon, status=c.status, level=ANALYST,
                         since=c.valid_from, confidence=1.0, admin1=admin1, kind=kind, basis=(f"correction:{c.id}",))


def corrected_status(ledger: Ledger, place_id: str, day: date | None, corrections: Sequence[Correction]) -> ControlStatus | None:
    """The status of one place on ``day`` with the analyst's corrections applied."""
    base = ledger.status(place_id, day)
    live = [c for c in corrections if day is None or c.valid_from <= day]
    rejected = [c for c in live if c.action == "reject"]
    for _ in range(8):  # a rejected run falls back to the run before it, which may be rejected too
        if base is None or not any(c.status == base.status and c.valid_from == base.since for c in rejected):
            break
        assert base.since is not None
        base = ledger.status(place_id, base.since - timedelta(days=1))
    asserted = [c for c in live if c.action != "reject"]
    if not asserted:
        return base
    latest = max(asserted, key=lambda c: (c.valid_from, c.id))
    if base is not None and base.since is not None and base.since > latest.valid_from and base.level != ANALYST:
        return base  # the reports recorded a new change after the analyst's day
    return _analyst_status(latest, base, ledger.gazetteer)


def overlay(statuses: Sequence[ControlStatus], ledger: Ledger, day: date | None,
            corrections: dict[str, list[Correction]], *, unmapped: bool = False) -> list[ControlStatus]:
    """Statuses for a day with corrections applied (corrected places may appear, or drop out)."""
    out = []
    seen = set()
    for s in statuses:
        seen.add(s.place_id)
        fixed = corrected_status(ledger, s.place_id, day, corrections[s.place_id]) if s.place_id in corrections else s
        if fixed is not None:
            out.append(fixed)
    for place_id, cs in corrections.items():
        if place_id in seen or (not unmapped and place_id not in ledger.gazetteer.by_id):
            continue
        fixed = corrected_status(ledger, place_id, day, cs)
        if fixed is not None and fixed.kind not in ("region", "country", "route"):
            out.append(fixed)
    return sorted(out, key=lambda s: (s.admin1, s.name))


# -- the queue ------------------------------------------------------------------------------------

def review_queue(statuses: Sequence[ControlStatus], unmapped_names: dict[str, tuple[int, str]],
                 corrections: dict[str, list[Correction]]) -> list[dict[str, Any]]:
    """What needs a person on a day: claimed-only, contested, low confidence, places the gazetteer lacks."""
    items = []
    for s in statuses:
        if s.level == ANALYST:
            continue
        reasons = []
        if s.level == "claimed":
            reasons.append("claimed only")
        if s.status == CONTESTED:
            reasons.append("contested")
        if s.confidence < LOW_CONFIDENCE:
            reasons.append("low confidence")
        if s.kind == "unmapped":
            reasons.append("not in the gazetteer")
        if reasons:
            items.append({"place_id": s.place_id, "name": s.name, "admin1": s.admin1, "status": s.status,
                          "level": s.level, "confidence": s.confidence, "since": s.since.isoformat() if s.since else None,
                          "reasons": reasons, "corrections": len(corrections.get(s.place_id, []))})
    queued = {i["place_id"] for i in items} | {s.place_id for s in statuses}
    for place_id, (mentions, spelling) in sorted(unmapped_names.items(), key=lambda kv: -kv[1][0]):
        if place_id not in queued:
            items.append({"place_id": place_id, "name": spelling,
                          "admin1": "", "status": UNKNOWN, "level": "", "confidence": 0.0, "since": None,
                          "reasons": ["not in the gazetteer"], "mentions": mentions, "corrections": 0})
    return items
