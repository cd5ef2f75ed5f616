"""The database schema: SQLAlchemy Core tables of documents, their results, the status runs and the desk.

Documents and what was read from them (place mentions, unresolved names, events, control
assertions), the ledger's answer materialized as status runs with their interval index
(:func:`run_tile`, :func:`day_tiles`), and the analyst's desk (users, corrections, audit). The
tables are created and changed by the Alembic migrations in :mod:`frontlines.store.migrations`;
:class:`frontlines.store.storage.Store` reads and writes them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, BigInteger, Column, Date, Float, Index, Integer, MetaData, String, Table, Text

SCHEMA_VERSION = 1
metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(32), primary_key=True), Column("source", Text), Column("published", Date),
    Column("title", Text), Column("path", Text), Column("format", String(16)), Column("url", Text),
    Column("text", Text, nullable=False), Column("theater", String(64)),
)
place_mentions = Table(
    "place_mentions", metadata,
    Column("doc", String(32), index=True), Column("start", Integer), Column("end", Integer), Column("mention", Text),
    Column("place_id", String(64), index=True), Column("name", Text), Column("lat", Float), Column("lon", Float),
    Column("kind", String(16)), Column("admin1", Text), Column("score", Float), Column("geo_precision", Integer),
    Column("relation", Text), Column("anchor_id", String(64)),
)
unresolved = Table(
    "unresolved", metadata,
    Column("doc", String(32), index=True), Column("start", Integer), Column("end", Integer), Column("mention", Text),
    Column("reason", Text),
)
events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True), Column("doc", String(32), index=True), Column("date", Date, index=True),
    Column("data", JSON, nullable=False),
)
assertions = Table(
    "assertions", metadata,
    Column("id", String(32), primary_key=True), Column("place_id", String(64), index=True), Column("status", String(32)),
    Column("level", String(16)), Column("valid_from", Date, index=True), Column("time_precision", Integer),
    Column("doc", String(32), index=True), Column("start", Integer), Column("end", Integer), Column("confidence", Float),
    Column("source", Text), Column("basis", Text), Column("scope", String(32)), Column("text", Text),
    Column("published", Date),
)
meta_table = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))
# The ledger's answer, materialized (migration 0002): one row per place and run of days with the same
# status; valid_to is the last day of the run (RUN_OPEN while it lasts). Written by status_runs.py.
# ``evidence`` (JSON) is what the status rests on, StatusSupport.to_json(): {"evidence": [spans],
# "basis": [ids], "reason": ...}; runs written before it hold a list of ids (StatusSupport reads both).
RUN_OPEN = date(9999, 12, 31)
status_runs = Table(
    "status_runs", metadata,
    Column("place_id", String(64), primary_key=True), Column("valid_from", Date, primary_key=True),
    Column("valid_to", Date, nullable=False), Column("status", String(32)), Column("level", String(16)),
    Column("since", Date), Column("confidence", Float), Column("evidence", JSON), Column("name", Text),
    Column("admin1", Text), Column("kind", String(16)), Column("lat", Float), Column("lon", Float),
    Column("tile", BigInteger),  # run_tile(valid_from, valid_to), migration 0003
    Index("ix_status_runs_days", "valid_to", "valid_from"),
    # One day's map read from the index alone (migration 0004): the tile and the first day bound the
    # range, the rest are what a map needs (no evidence, no names: the gazetteer has those).
    Index("ix_status_runs_map", "tile", "valid_from", "valid_to", "kind", "place_id", "status", "level", "since",
          "confidence"),
)
# The places whose runs are older than their assertions (migration 0006): marked by the write that
# stores the assertions, in its transaction; cleared by the refresh that recomputes them.
stale_runs = Table("stale_runs", metadata, Column("place_id", String(64), primary_key=True))
#: The columns of :meth:`Store.status_map_on`, in its order.
MAP_COLUMNS = ("place_id", "status", "level", "confidence", "valid_from", "since")
#: The ``meta`` key naming the theater whose ledger the status runs hold.
RUNS_THEATER = "status_runs.theater"


def run_tile(first: date, last: date) -> int:
    """The aligned block of days a run falls in, as one integer (an interval index on a B-tree).

    Level L is the smallest with ``first >> L == last >> L`` (day ordinals), the block is
    ``first >> L``. The runs that contain day d lie in one block per level, the one holding d, so
    an as-of query is 23 index lookups (:func:`day_tiles`) instead of a scan of half the table."""
    a, b = first.toordinal(), last.toordinal()
    level = (a ^ b).bit_length()
    return (level << 32) | (a >> level)


def day_tiles(day: date) -> list[int]:
    """Every tile a run containing ``day`` can have (ordinals are below 2**22: 23 levels)."""
    d = day.toordinal()
    return [(level << 32) | (d >> level) for level in range(23)]
# The analyst's desk (frontlines.web): accounts, review corrections (analyst assertions that
# outrank reports, applied as an overlay by frontlines.web.review) and the audit log of every change.
users_table = Table(
    "users", metadata,
    Column("name", String(64), primary_key=True), Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False), Column("session_version", Integer, nullable=False, default=0),
    Column("created", Text),
)
corrections_table = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("place_id", String(64), index=True),
    Column("action", String(16), nullable=False), Column("status", String(32)), Column("valid_from", Date),
    Column("note", Text), Column("author", String(64)), Column("created", Text), Column("undone", Integer, default=0),
)
audit_table = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("at", Text), Column("who", String(64)),
    Column("action", String(32)), Column("target", Text), Column("detail", JSON), Column("why", Text),
)
