"""The databases the store benchmarks fill: an SQLite file (WAL, as Cadence opens it) or a
database on a throwaway real PostgreSQL server, with a directory of communes shaped like a
province (100 communes) or the country (34 provinces, about 3,300 communes), each with an
email contact so that the daemon's pass has someone to tell.

The functions taking URLs run in child processes (``bench.children``); the ``Databases`` value
that makes the URLs lives in the parent.
"""
from __future__ import annotations

import dataclasses
import enum
import sqlite3
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from bench.bench_materialise import national_directory
from cadence.store import open_store
from cadence.store.bulk import COLUMNS, copy_types
from cadence.store.units import save_directory
from cadence.units.model import Contact, Directory, Unit

# What due items refer to, in the order foreign keys need (the bare insert's target gets them).
REFERENCED = ("unit_groups", "units", "unit_contacts", "unit_group_members", "unit_group_includes",
              "unit_names", "plans", "activities", "monitors", "duties")


class Backend(str, enum.Enum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"

    @property
    def label(self) -> str:
        return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[self.value]


@dataclass(frozen=True)
class Size:
    name: str
    provinces: int
    communes: int  # per province

    @property
    def units(self) -> int:
        return self.provinces * self.communes

    @property
    def label(self) -> str:
        return f"{self.name} ({self.provinces} × {self.communes:,} communes)"


class Databases:
    """Fresh, empty databases of one backend: files in ``folder``, or databases on ``server``
    (a tests.support.postgres.PostgresServer), all gone when the run ends."""

    def __init__(self, backend: Backend, folder: Path, server=None) -> None:
        self.backend, self.folder, self.server = backend, folder, server

    def fresh(self, name: str) -> str:
        if self.backend is Backend.SQLITE:
            return f"sqlite:///{self.folder / f'{name}.db'}"
        return self.server.create_database(name)


def directory(provinces: int, communes: int) -> Directory:
    """bench_materialise's national directory (communes, each province's monitors and issuer),
    reachable: every unit with one email contact and a head with an email address, so every rung
    of the escalation chain has somebody to tell."""
    plain = national_directory(provinces, communes)
    return dataclasses.replace(plain, units=tuple(reachable(u) for u in plain.units))


def reachable(unit: Unit) -> Unit:
    return dataclasses.replace(unit, contacts=(Contact.of("Văn thư", email=f"{unit.id}@bench.example.invalid"),),
                               head=Contact.of("Chủ tịch", email=f"head.{unit.id}@bench.example.invalid"))


def prepare(url: str, provinces: int, communes: int) -> float:
    """A migrated database with the directory saved; seconds it took."""
    started = time.perf_counter()
    store = open_store(url, create=True)
    with store.transaction() as session:
        save_directory(session, directory(provinces, communes))
    store.close()
    return time.perf_counter() - started


def twin(source: str, target: str) -> None:
    """``target``: migrated, with every row due items refer to copied from ``source``, and no
    due item: where the bare insert writes the same rows the materialiser wrote."""
    open_store(target, create=True).close()
    if make_url(source).get_backend_name() == "sqlite":
        _twin_sqlite(_path(source), _path(target))
    else:
        _twin_postgresql(source, target)


def _twin_sqlite(source: Path, target: Path) -> None:
    connection = sqlite3.connect(target)
    connection.execute("ATTACH DATABASE ? AS source", (str(source),))
    for table in REFERENCED:
        connection.execute(f"INSERT INTO {table} SELECT * FROM source.{table}")
    connection.commit()
    connection.close()


def _twin_postgresql(source: str, target: str) -> None:
    with connect(source) as reading, connect(target) as writing:
        for table in REFERENCED:
            with reading.cursor().copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as out, \
                    writing.cursor().copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as into:
                for block in out:
                    into.write(block)


def bare_insert(source: str, target: str, provinces: int) -> tuple[int, float]:
    """(rows, seconds) writing the due items ``source`` holds into ``target`` by the database's
    own bulk path, plan by plan, one transaction each: sqlite3 executemany, or PostgreSQL
    binary COPY through psycopg. Reading the rows is not timed."""
    if make_url(source).get_backend_name() == "sqlite":
        from bench.bench_materialise import bare_executemany

        return bare_executemany(_path(source), _path(target), provinces)
    return _bare_copy(source, target, provinces)


def _bare_copy(source: str, target: str, provinces: int) -> tuple[int, float]:
    from sqlalchemy.dialects import postgresql

    types = copy_types(postgresql.dialect())
    query = f"SELECT {', '.join(COLUMNS)} FROM due_items WHERE plan_id = %s ORDER BY id"
    statement = f"COPY due_items ({', '.join(COLUMNS)}) FROM STDIN (FORMAT BINARY)"
    total, elapsed = 0, 0.0
    with connect(source) as reading, connect(target) as writing:
        for plan_id in range(1, provinces + 1):
            rows = reading.execute(query, (plan_id,)).fetchall()
            started = time.perf_counter()
            with writing.cursor().copy(statement) as copy:
                copy.set_types(types)
                for row in rows:
                    copy.write_row(row)
            writing.commit()
            elapsed += time.perf_counter() - started
            total += len(rows)
    return total, elapsed


def connect(url: str) -> psycopg.Connection:
    parsed = make_url(url)
    return psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username, dbname=parsed.database)


def _path(url: str) -> Path:
    return Path(make_url(url).database)


def scratch_database(stack: ExitStack, sqlite_file: Path, postgres: bool) -> str:
    """The URL of a database for one benchmark's run: ``sqlite_file``, or with ``postgres`` a
    fresh database on the tests' throwaway PostgreSQL server, stopped when ``stack`` closes."""
    if not postgres:
        return f"sqlite:///{sqlite_file}"
    from tests.support.postgres import running_postgres

    server = stack.enter_context(running_postgres())
    return stack.enter_context(server.fresh_database())
