"""INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike: rows whose unique key is
already there are skipped, which is what makes the daemon's notices and escalation steps
idempotent (a replayed pass, or a second daemon, adds nothing).

A busy morning writes tens of thousands of these rows, so they go straight to the driver's
executemany: each column's value is encoded once by the column type's own bind processor (the
same conversion SQLAlchemy would make: enums to their values, aware datetimes to UTC), without
building a statement per row.
"""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Select, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


def insert_ignoring_duplicates(session: Session, table: Table, rows: list[dict]) -> None:
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    _check(dialect)
    columns = tuple(rows[0])
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    statement = (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))}) "
                 "ON CONFLICT DO NOTHING")
    connection.exec_driver_sql(statement, _encoded(table, dialect, columns, rows))


def insert_selected_ignoring_duplicates(session: Session, table: Table, columns: list[str], source: Select) -> None:
    """INSERT … SELECT by the same rule, for rows the database already has in hand (the daemon's
    escalation steps for every open item of a moment): nothing goes through Python."""
    name = session.connection().dialect.name
    _check(session.connection().dialect)
    dialect_insert = sqlite.insert if name == "sqlite" else postgresql.insert
    session.execute(dialect_insert(table).from_select(columns, source).on_conflict_do_nothing())


def _check(dialect: Dialect) -> None:
    if dialect.name not in ("sqlite", "postgresql"):
        raise RuntimeError(f"inserting while ignoring duplicates: no support for {dialect.name}")


def _encoded(table: Table, dialect: Dialect, columns: tuple[str, ...], rows: list[dict]) -> list[tuple]:
    """Rows as driver values. The same few values recur in every row of a batch (the moment,
    the day, the kind), so each column's conversions are remembered for the batch."""
    converters = []
    for name in columns:
        processor = _processor(table, name, dialect)
        converters.append(None if processor is None else _Remembered(processor))
    return [tuple(row[name] if convert is None else convert(row[name]) for name, convert in zip(columns, converters))
            for row in rows]


class _Remembered(dict):
    def __init__(self, processor) -> None:
        super().__init__()
        self.processor = processor

    def __call__(self, value):
        try:
            return self[value]
        except KeyError:
            found = self[value] = self.processor(value)
            return found


@lru_cache(maxsize=256)
def _processor(table: Table, column: str, dialect: Dialect):
    type_ = table.c[column].type
    return type_.dialect_impl(dialect).bind_processor(dialect)
