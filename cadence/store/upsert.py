"""INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike: rows whose unique key is
already there are skipped, which is what makes the daemon's notices and escalation steps
idempotent (a replayed pass, or a second daemon, adds nothing).

A busy morning writes tens of thousands of these rows, so they never become a statement each.
Rows come column by column: the values that differ from row to row, and those every row shares
(the moment, the day, the kind). Each value is encoded once by the column type's own bind
processor (the same conversion SQLAlchemy would make: enums to their values, aware datetimes to
UTC). PostgreSQL then gets one statement whatever the number of rows, ``INSERT … SELECT FROM
unnest(arrays)``; SQLite, which has no arrays and no network between it and us, gets the
driver's executemany.
"""
from __future__ import annotations

import itertools
from functools import lru_cache

from sqlalchemy import Select, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session


def insert_ignoring_duplicates(session: Session, table: Table, rows: list[dict]) -> None:
    """Rows as dicts, all with the same keys."""
    if rows:
        insert_columns_ignoring_duplicates(session, table, varying={name: [row[name] for row in rows] for name in rows[0]})


def insert_columns_ignoring_duplicates(session: Session, table: Table, *, varying: dict[str, list],
                                       same: dict | None = None) -> None:
    """Rows given column by column: ``varying`` holds a list per column (one value per row, all
    lists as long), ``same`` the values every row shares."""
    same = same or {}
    if not next(iter(varying.values()), None):
        return
    connection = session.connection()
    _check(connection.dialect)
    columns = {name: _encoded_column(table, connection.dialect, name, values) for name, values in varying.items()}
    shared = dict(zip(same, driver_values(connection.dialect, table, same)))
    if connection.dialect.name == "postgresql":
        _insert_unnested(connection, table, columns, shared)
    else:
        _insert_many(connection, table, columns, shared)


def _insert_unnested(connection: Connection, table: Table, columns: dict[str, list], shared: dict) -> None:
    dialect = connection.dialect
    arrays = ", ".join(f"%b::{_sql_type(table, name, dialect)}[]" for name in columns)  # binary: no quoting
    constants = "".join(f", %s::{_sql_type(table, name, dialect)}" for name in shared)
    statement = (f"INSERT INTO {table.name} ({', '.join([*columns, *shared])}) "
                 f"SELECT u.*{constants} FROM unnest({arrays}) AS u ON CONFLICT DO NOTHING")
    connection.exec_driver_sql(statement, (*shared.values(), *columns.values()))  # in the statement's order


def _insert_many(connection: Connection, table: Table, columns: dict[str, list], shared: dict) -> None:
    names = [*columns, *shared]
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = (f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([marker] * len(names))}) "
                 "ON CONFLICT DO NOTHING")
    constants = (itertools.repeat(value) for value in shared.values())
    cursor = connection.connection.driver_connection.cursor()  # takes the rows as they are made
    cursor.executemany(statement, zip(*columns.values(), *constants))
    cursor.close()


def insert_selected_ignoring_duplicates(session: Session, table: Table, columns: list[str], source: Select) -> None:
    """INSERT … SELECT by the same rule, for rows the database already has in hand (the daemon's
    escalation steps for every open item of a moment): nothing goes through Python."""
    dialect = session.connection().dialect
    _check(dialect)
    dialect_insert = sqlite.insert if dialect.name == "sqlite" else postgresql.insert
    session.execute(dialect_insert(table).from_select(columns, source).on_conflict_do_nothing())


def _check(dialect: Dialect) -> None:
    if dialect.name not in ("sqlite", "postgresql"):
        raise RuntimeError(f"inserting while ignoring duplicates: no support for {dialect.name}")


def driver_values(dialect: Dialect, table: Table, values: dict) -> tuple:
    """Values of ``table``'s columns as the driver takes them, in the dict's order."""
    return tuple(_encoded_column(table, dialect, name, [value])[0] for name, value in values.items())


def _encoded_column(table: Table, dialect: Dialect, name: str, values: list) -> list:
    """A column's values as the driver takes them. The same few values recur in a column (the
    channel, a person's address), so each conversion is remembered for the call."""
    processor = _processor(table, name, dialect)
    if processor is None:
        return values
    remembered: dict = {}
    encoded = []
    for value in values:
        try:
            encoded.append(remembered[value])
        except KeyError:
            remembered[value] = processor(value)
            encoded.append(remembered[value])
        except TypeError:  # a value that is never the same twice (a notice's list of items)
            encoded.append(processor(value))
    return encoded


@lru_cache(maxsize=256)
def _processor(table: Table, column: str, dialect: Dialect):
    type_ = table.c[column].type
    return type_.dialect_impl(dialect).bind_processor(dialect)


@lru_cache(maxsize=256)
def _sql_type(table: Table, column: str, dialect: Dialect) -> str:
    """The column's type as PostgreSQL names it in a cast ("integer", "varchar(12)", …)."""
    return table.c[column].type.compile(dialect=dialect)
