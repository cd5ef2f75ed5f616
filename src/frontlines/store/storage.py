"""Storage behind one small interface: SQLite by default, PostgreSQL for a team.

SQLAlchemy Core tables; one writer (:meth:`Store.write`) that puts a batch of
documents' results in one transaction, so readers never see half a report and
re-ingesting a document changes nothing (documents are keyed by a content
hash). Many processes may write at once: rows are inserted with ``ON CONFLICT
DO NOTHING`` and a document's rows are written only by the transaction that
inserted the document; the schema is created by Alembic migrations under a
lock (PostgreSQL advisory lock, SQLite ``BEGIN IMMEDIATE``), once.

The tables are declared in :mod:`frontlines.store.schema`; this module stays their import
location.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    Table,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from frontlines.errors import StorageError
from frontlines.models import ControlAssertion, Document, DocumentResult, Event, PlaceMention, StatusSupport, Unresolved
from frontlines.store.schema import (
    MAP_COLUMNS,
    RUN_OPEN,
    RUNS_THEATER,
    SCHEMA_VERSION,
    assertions,
    day_tiles,
    documents,
    events,
    meta_table,
    metadata,
    place_mentions,
    run_tile,
    stale_runs,
    status_runs,
    unresolved,
)

# The desk's tables, re-exported (the web desk imports them from here).
from frontlines.store.schema import audit_table as audit_table
from frontlines.store.schema import corrections_table as corrections_table
from frontlines.store.schema import users_table as users_table


def _url(target: str) -> str:
    return target if "://" in target else f"sqlite:///{Path(target)}"


_BUSY_SECONDS = 120  # a writer waits this long for another's transaction before giving up
_SCHEMA_LOCK = 0x66726F6E  # PostgreSQL advisory lock key held while migrating ("fron")
_WRITE_LOCK = 0x66726F6F


def _why(exc: BaseException) -> str:
    """The driver's first line of an error: never the SQL statement or its parameters."""
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [""])[0]
    return f"{orig.__class__.__name__}: {first[:160]}"


class Store:
    """A frontlines database (SQLite file or any SQLAlchemy URL)."""

    def __init__(self, target: str, *, create: bool = True):
        self.target = target
        if "://" not in target:
            path = Path(target)
            if not create and not path.exists():
                raise StorageError(f"database {target} does not exist; run 'frontlines ingest' first")
            if path.exists() and path.is_dir():
                raise StorageError(f"database path {target} is a directory")
        url = _url(target)
        try:
            connect_args = {"timeout": _BUSY_SECONDS} if url.startswith("sqlite") else {}
            self.engine: Engine = create_engine(url, future=True, connect_args=connect_args)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot open database {_shown_target(target)}: {_why(exc)}") from exc

    def _lock(self, conn: Connection, key: int) -> None:
        """Serialize writers of this database for the rest of ``conn``'s transaction."""
        if self.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif self.engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})

    def _migrate(self) -> None:
        """Bring the schema to the newest migration, once, whoever else opens the database now."""
        from frontlines.store.migrations import HEAD, upgrade

        def current(conn: Connection) -> bool:
            names = set(inspect(conn).get_table_names())
            if "alembic_version" not in names or not set(metadata.tables) <= names:
                return False
            return conn.scalar(text("SELECT version_num FROM alembic_version")) == HEAD

        with self.engine.connect() as conn:
            if current(conn):
                return
        with self.engine.begin() as conn:
            self._lock(conn, _SCHEMA_LOCK)
            if not current(conn):  # another process may have finished while this one waited
                upgrade(conn)
                metadata.create_all(conn, checkfirst=True)  # tables declared after the last migration

    def close(self) -> None:
        """Release connections."""
        self.engine.dispose()

    # -- the one writer ---------------------------------------------------------------------------

    def _insert_new(self, table: Table) -> Any:
        """``INSERT ... ON CONFLICT DO NOTHING`` on the table's primary key."""
        name = self.engine.dialect.name
        if name == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        if name == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        return insert(table)  # other databases: the document check below keeps rows unique

    def write(self, results: Iterable[DocumentResult], theater: str) -> tuple[int, int]:
        """Store results; return (documents added, documents already present). All in one transaction.

        Safe with concurrent writers: a document's rows are written only by the transaction that
        inserted the document, so the same report ingested by two processes is stored once."""
        added = skipped = 0
        try:
            with self.engine.begin() as conn:
                # The write lock now: no read-then-write deadlock on SQLite; on PostgreSQL a refresh of
                # the status runs cannot clear a stale mark between this write's mark and its commit.
                self._lock(conn, _WRITE_LOCK)
                stale: set[str] = set()
                for r in results:
                    d = r.doc
                    row = {"id": d.id, "source": d.source, "published": d.published, "title": d.title, "path": d.path,
                           "format": d.format, "url": d.url, "text": d.text, "theater": theater}
                    if self.engine.dialect.name not in ("sqlite", "postgresql") and conn.scalar(
                            select(documents.c.id).where(documents.c.id == d.id)) is not None:
                        skipped += 1
                        continue
                    # RETURNING says whether this transaction inserted the row (rowcount is unreliable here).
                    if conn.execute(self._insert_new(documents).values(**row).returning(documents.c.id)).first() is None:
                        skipped += 1
                        continue
                    added += 1
                    if r.places:
                        conn.execute(insert(place_mentions), [_mention_row(p) for p in r.places])
                    if r.unresolved:
                        conn.execute(insert(unresolved), [u.to_dict() for u in r.unresolved])
                    if r.events:
                        conn.execute(self._insert_new(events), [
                            {"id": e.id, "doc": e.doc, "date": e.date, "data": e.to_dict()} for e in r.events])
                    if r.assertions:
                        conn.execute(self._insert_new(assertions), [
                            a.to_dict() | {"valid_from": a.valid_from, "published": a.published} for a in r.assertions])
                        stale.update(a.place_id for a in r.assertions)
                self._mark_stale(conn, stale)
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot write to {_shown_target(self.target)}: {_why(exc)}") from exc
        return added, skipped

    def _mark_stale(self, conn: Connection, place_ids: set[str]) -> None:
        """Mark the runs of ``place_ids`` stale (in sorted order: concurrent writers never deadlock)."""
        wanted = sorted(place_ids)
        if self.engine.dialect.name not in ("sqlite", "postgresql"):
            wanted = [p for p in wanted if conn.scalar(select(stale_runs.c.place_id).where(stale_runs.c.place_id == p)) is None]
        for i in range(0, len(wanted), 500):
            conn.execute(self._insert_new(stale_runs), [{"place_id": p} for p in wanted[i:i + 500]])

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` of documents already stored (to skip them before extraction)."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        try:
            with self.engine.connect() as conn:
                for i in range(0, len(wanted), 500):
                    found.update(conn.scalars(select(documents.c.id).where(documents.c.id.in_(wanted[i:i + 500]))))
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot read {_shown_target(self.target)}: {_why(exc)}") from exc
        return found

    # -- readers ----------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts per table."""
        with self.engine.connect() as conn:
            return {t.name: conn.scalar(select(func.count()).select_from(t)) or 0
                    for t in (documents, place_mentions, unresolved, events, assertions)}

    def documents(self) -> list[Document]:
        """All stored documents, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents).order_by(documents.c.published, documents.c.id)).mappings()
            return [Document(id=r["id"], text=r["text"], source=r["source"] or "", published=r["published"],
                             title=r["title"] or "", path=r["path"] or "", format=r["format"] or "text",
                             url=r["url"] or "") for r in rows]

    def events(self, since: date | None = None, until: date | None = None) -> list[Event]:
        """Stored events (one per document mention; merge across reports with ``events.merge_events``)."""
        query = select(events.c.data).order_by(events.c.date, events.c.doc, events.c.id)
        if since is not None:
            query = query.where(events.c.date >= since)
        if until is not None:
            query = query.where(events.c.date <= until)
        with self.engine.connect() as conn:
            return [Event.from_dict(json.loads(d) if isinstance(d, str) else d) for d in conn.scalars(query)]

    def update_status_runs(self, compute: Callable[[Connection], tuple[set[str], list[dict[str, Any]]]],
                           theater: str = "") -> int:
        """Read, compute and replace status runs in one transaction holding the writers' lock, so
        that of two concurrent refreshes of a place the later one sees every committed assertion.
        ``compute(conn)`` reads what it needs through ``conn`` (:meth:`assertions_in`) and returns
        the places it recomputed and their new runs, whose stale marks it clears; return the number
        of runs written. ``theater``: the theater whose ledger the runs hold, recorded for
        :meth:`status_runs_theater`."""
        try:
            with self.engine.begin() as conn:
                self._lock(conn, _WRITE_LOCK)
                places, rows = compute(conn)
                conn.execute(meta_table.delete().where(meta_table.c.key == RUNS_THEATER))
                if theater:
                    conn.execute(insert(meta_table), [{"key": RUNS_THEATER, "value": theater}])
                wanted = sorted(places)
                for i in range(0, len(wanted), 500):
                    conn.execute(status_runs.delete().where(status_runs.c.place_id.in_(wanted[i:i + 500])))
                    conn.execute(stale_runs.delete().where(stale_runs.c.place_id.in_(wanted[i:i + 500])))
                if rows:
                    conn.execute(insert(status_runs), [r | {"tile": run_tile(r["valid_from"], r["valid_to"])} for r in rows])
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot write to {_shown_target(self.target)}: {_why(exc)}") from exc
        return len(rows)

    @staticmethod
    def assertions_in(conn: Connection, place_ids: Iterable[str] | None = None) -> list[ControlAssertion]:
        """Stored control assertions about ``place_ids`` (all when None), read through ``conn``."""
        if place_ids is None:
            return [ControlAssertion(**dict(r)) for r in conn.execute(select(assertions)).mappings()]
        wanted = list(dict.fromkeys(place_ids))
        out: list[ControlAssertion] = []
        for i in range(0, len(wanted), 500):
            query = select(assertions).where(assertions.c.place_id.in_(wanted[i:i + 500]))
            out.extend(ControlAssertion(**dict(r)) for r in conn.execute(query).mappings())
        return out

    @staticmethod
    def stale_in(conn: Connection) -> set[str]:
        """The places whose runs are older than their assertions, read through ``conn``."""
        return set(conn.scalars(select(stale_runs.c.place_id)))

    def has_stale_runs(self) -> bool:
        """Whether some place's runs are older than its assertions (the runs do not answer then)."""
        try:
            with self.engine.connect() as conn:
                return conn.scalar(select(stale_runs.c.place_id).limit(1)) is not None
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot read {_shown_target(self.target)}: {_why(exc)}") from exc

    @staticmethod
    def status_runs_theater_in(conn: Connection) -> str:
        """The theater whose ledger the status runs hold ("" when not recorded), read through ``conn``."""
        return conn.scalar(select(meta_table.c.value).where(meta_table.c.key == RUNS_THEATER)) or ""

    def status_runs_theater(self) -> str:
        """The theater whose ledger the status runs hold ("" when none is recorded: runs written
        before the theater was recorded, or by a caller that did not say)."""
        try:
            with self.engine.connect() as conn:
                return self.status_runs_theater_in(conn)
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot read {_shown_target(self.target)}: {_why(exc)}") from exc

    @staticmethod
    def status_runs_in(conn: Connection) -> int:
        """How many status runs are materialized (0: never built), read through ``conn``."""
        return conn.scalar(select(func.count()).select_from(status_runs)) or 0

    def status_runs_count(self) -> int:
        """How many status runs are materialized (0: never built)."""
        with self.engine.connect() as conn:
            return self.status_runs_in(conn)

    @staticmethod
    def _on(day: date) -> Any:
        """The runs that hold ``day``: a range of ``ix_status_runs_map`` per tile level."""
        return (status_runs.c.tile.in_(day_tiles(day)), status_runs.c.valid_from <= day, status_runs.c.valid_to >= day)

    def status_runs_on(self, day: date | None) -> list[dict[str, Any]]:
        """The materialized status of every place on ``day`` (the latest when None): one indexed query."""
        day = day or RUN_OPEN
        query = select(status_runs).where(*self._on(day))
        with self.engine.connect() as conn:
            names = list(status_runs.c.keys())
            return [dict(zip(names, r, strict=True)) for r in conn.execute(query)]

    @property
    def postgis(self) -> bool:
        """Whether places carry PostGIS points here (PostgreSQL with the extension: migration 0005)."""
        if self.engine.dialect.name != "postgresql":
            return False
        if not hasattr(self, "_postgis"):
            with self.engine.connect() as conn:
                self._postgis = conn.exec_driver_sql(
                    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'status_runs' "
                    "AND column_name = 'geom'"
                ).first() is not None
        return self._postgis

    def status_map_on(self, day: date | None, *, unmapped: bool = False,
                      bbox: tuple[float, float, float, float] | None = None) -> tuple[list[Any], ...]:
        """One day's map (the latest when None) as columns: a list per name of :data:`MAP_COLUMNS`,
        place by place in no particular order, no evidence; places known only by name when
        ``unmapped``. One query answered from ``ix_status_runs_map`` without reading the table. Dates
        as the driver gives them (ISO text on SQLite, ``date`` on PostgreSQL). ``bbox`` (west, south,
        east, north in degrees) keeps the places inside it: the GiST index of the PostGIS points where
        there are some, else lat/lon (places with no point are outside every box)."""
        day = day or RUN_OPEN
        # Dates as the driver gives them: SQLAlchemy's per-value date processing would double the time.
        cols = [type_coerce(status_runs.c[c], String) if c in ("valid_from", "since") else status_runs.c[c]
                for c in MAP_COLUMNS]
        query = select(*cols).where(*self._on(day))
        if not unmapped:
            query = query.where(func.coalesce(status_runs.c.kind, "") != "unmapped")
        if bbox is not None:
            west, south, east, north = (float(v) for v in bbox)
            if self.postgis:
                query = query.where(text("geom && ST_MakeEnvelope(:west, :south, :east, :north, 4326)").bindparams(
                    west=west, south=south, east=east, north=north))
            else:
                query = query.where(status_runs.c.lon.between(west, east), status_runs.c.lat.between(south, north))
        columns: tuple[list[Any], ...] = tuple([] for _ in MAP_COLUMNS)
        try:
            with self.engine.connect() as conn:
                # A few hundred rows at a time into columns: rows are freed at once, so 20,000 of them do
                # not set off the garbage collector's full passes (they cost more than the query).
                result = conn.execute(query)
                while chunk := result.fetchmany(500):
                    for column, values in zip(columns, zip(*chunk, strict=True), strict=True):
                        column.extend(values)
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot read {_shown_target(self.target)}: {_why(exc)}") from exc
        return columns

    def status_evidence_on(self, day: date | None, place_ids: Iterable[str]) -> dict[str, StatusSupport]:
        """The evidence, basis and reason of the runs holding ``day`` (the latest when None) for
        ``place_ids``: what a map leaves out until a place is asked about. The ``evidence`` column
        holds :meth:`StatusSupport.to_json`'s object, or an older version's list of ids (read too)."""
        day = day or RUN_OPEN
        wanted = list(dict.fromkeys(place_ids))
        out: dict[str, StatusSupport] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                query = select(status_runs.c.place_id, status_runs.c.evidence).where(
                    status_runs.c.place_id.in_(wanted[i:i + 500]), status_runs.c.valid_from <= day,
                    status_runs.c.valid_to >= day)
                out.update((pid, StatusSupport.from_json(ev)) for pid, ev in conn.execute(query))
        return out

    def assertions(self, until: date | None = None) -> list[ControlAssertion]:
        """Stored control assertions (valid from ``until`` or earlier when given)."""
        query = select(assertions)
        if until is not None:
            query = query.where(assertions.c.valid_from <= until)
        with self.engine.connect() as conn:
            return [ControlAssertion(**dict(r)) for r in conn.execute(query).mappings()]

    def places(self) -> list[PlaceMention]:
        """Stored place mentions."""
        with self.engine.connect() as conn:
            return [PlaceMention(**dict(r), alternatives=()) for r in conn.execute(select(place_mentions)).mappings()]

    def unresolved(self) -> list[Unresolved]:
        """Stored unresolved mentions."""
        with self.engine.connect() as conn:
            return [Unresolved(**dict(r)) for r in conn.execute(select(unresolved)).mappings()]


def _mention_row(p: PlaceMention) -> dict[str, Any]:
    row = p.to_dict()
    row.pop("alternatives", None)
    row.pop("feature", None)  # (read from the gazetteer while reading; not part of the stored mention)
    return row


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={_BUSY_SECONDS * 1000}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _shown_target(target: str) -> str:
    """A database as named in messages: a URL without its password."""
    if "://" not in target:
        return target
    try:
        from sqlalchemy.engine import make_url

        return make_url(target).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return target.split("://", 1)[0] + "://..."


def open_store(target: str, *, create: bool = True) -> Store:
    """Open (and create if asked) a store."""
    return Store(target, create=create)


__all__: Sequence[str] = ("SCHEMA_VERSION", "Store", "open_store")
