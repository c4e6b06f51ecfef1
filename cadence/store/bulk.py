"""Writing due items in bulk: streamed in batches, never the whole schedule in memory.

A slot's values (dates, due moment) are the same for every unit that owes it, so they are
encoded once per slot through the columns' own SQLAlchemy bind processors (cached: a year has a
few hundred distinct due moments) and each unit adds only its id. SQLite gets executemany on
the DBAPI cursor; PostgreSQL gets COPY, its bulk path.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from functools import lru_cache

from sqlalchemy import Column, Connection, MetaData, Table

from cadence.schedule.model import Slot
from cadence.schedule.states import recorded_status
from cadence.store.models import DueItem

COLUMNS = ("plan_id", "duty_id", "unit_id", "window_start", "window_end", "seq", "due_at",
           "target", "threshold", "done_count", "status")
KEY = ("duty_id", "unit_id", "window_start", "seq")
BATCH = 5000


class SlotEncoder:
    """Slot values in the form the connection's driver takes, memoised per distinct value.
    A slot due before ``tracked_from`` is recorded before tracking (``recorded_status``)."""

    def __init__(self, connection: Connection, tracked_from: dt.datetime | None = None):
        dialect = connection.dialect
        table = DueItem.__table__
        self._date = _cached(_processor(table.c.window_start.type, dialect))
        self._moment = _cached(_processor(table.c.due_at.type, dialect))
        self._status = lru_cache(maxsize=4096)(lambda due_at: recorded_status(due_at, tracked_from).value)

    def encode(self, slot: Slot) -> tuple:
        """(window_start, window_end, seq, due_at, target, threshold, done_count, status)."""
        return (self._date(slot.window_start), self._date(slot.window_end), slot.seq,
                self._moment(slot.due_at), slot.target, slot.threshold, 0, self._status(slot.due_at))


def _processor(type_, dialect):
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _cached(processor):
    if processor is None:
        return lambda value: value
    return lru_cache(maxsize=4096)(lambda value: None if value is None else processor(value))


def write_rows(connection: Connection, rows: Iterable[tuple], table: str = "due_items") -> int:
    """Insert rows (in COLUMNS order) in batches; returns how many."""
    if connection.dialect.name == "postgresql":
        return _copy(connection, rows, table)
    placeholders = ", ".join("?" for _ in COLUMNS)
    statement = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    cursor = connection.connection.driver_connection.cursor()
    total = 0
    for batch in batched(rows, BATCH):
        cursor.executemany(statement, batch)
        total += len(batch)
    cursor.close()
    return total


def _copy(connection: Connection, rows: Iterable[tuple], table: str) -> int:
    """COPY in PostgreSQL's binary format: the server parses no text (about 15 % faster)."""
    cursor = connection.connection.driver_connection.cursor()
    total = 0
    with cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(copy_types(connection.dialect))
        for row in rows:
            copy.write_row(row)
            total += 1
    cursor.close()
    return total


def copy_types(dialect) -> list[str]:
    """The columns' PostgreSQL type names ("integer", "timestamp with time zone", "varchar"), as
    binary COPY needs them, from the models' own column types."""
    table = DueItem.__table__
    return [table.c[name].type.compile(dialect=dialect).split("(")[0].lower() for name in COLUMNS]


def batched(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def staging_table() -> Table:
    """A temporary table shaped like the due items' COLUMNS, for re-imports."""
    source = DueItem.__table__
    return Table("staged_items", MetaData(), *(Column(c, source.c[c].type) for c in COLUMNS),
                 prefixes=["TEMPORARY"])
