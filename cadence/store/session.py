"""The one place that opens the database: engine, sessions, and migrations on open.

SQLite gets write-ahead logging (the daemon and the web pages read while an import writes),
foreign keys on, and a busy timeout so a second process waits instead of failing.
Migrations are alembic scripts packaged in ``cadence/migrations``, run from code: no
alembic.ini for a user to find.
"""
from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from cadence.errors import CadenceError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

Transaction = Session  # what ``Store.transaction()`` yields: callers hand it to the store's functions
DatabaseError = SQLAlchemyError  # the database's trouble (busy, gone), never one row's
RACES = (IntegrityError, OperationalError)  # what losing a race to another process looks like


def lost_race(error: Exception) -> bool:
    """Another process got there first: a unique key it wrote, SQLite's answer when someone wrote
    since this transaction began reading (in WAL mode the busy timeout cannot help a reader that
    wants to write), or PostgreSQL breaking a rare lock cycle between two daemons. Either way,
    looking again is the answer; any other error is not a race."""
    if isinstance(error, IntegrityError):
        return True
    if isinstance(error, OperationalError):
        text = str(error.orig)
        return any(sign in text for sign in ("database is locked", "deadlock detected", "could not serialize"))
    return False


class DatabaseTrouble(CadenceError):
    """The database is busy (another process holds its write lock past the wait) or full (the
    disk, or SQLite's page limit): nothing was written, since the step's transaction rolled back,
    and running again later may succeed. The CLI says it in one line, exit status 3."""


_BUSY = ("database is locked", "database is busy", "lock timeout", "could not obtain lock")
_FULL = ("database or disk is full", "no space left on device", "disk full", "could not extend file")


def busy_or_full(error: BaseException, busy_seconds: float = 30.0) -> DatabaseTrouble | None:
    """The error as a busy or full database, or None if it is something else."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return DatabaseTrouble("undo.errors.full")
    if not isinstance(error, SQLAlchemyError):
        return None
    text = str(getattr(error, "orig", error)).lower()
    if any(sign in text for sign in _BUSY):
        return DatabaseTrouble("undo.errors.busy", seconds=f"{busy_seconds:g}")
    if any(sign in text for sign in _FULL):
        return DatabaseTrouble("undo.errors.full")
    return None


@dataclass(frozen=True)
class Store:
    """An open database: ``with store.transaction() as session:`` commits, or rolls back on error."""

    engine: Engine
    sessions: sessionmaker

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.sessions.begin() as session:
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def rehearsal(self) -> Iterator[Session]:
        """A transaction that is rolled back at the end whatever happens in it: what a step would
        do, without doing it (``cadence tick --dry-run``)."""
        with self.engine.connect() as connection:
            transaction = connection.begin()
            session = Session(bind=connection)
            try:
                yield session
            finally:
                session.close()
                transaction.rollback()

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, migrate: bool = True, create: bool = False, busy_seconds: float = 30.0) -> Store:
    """Open the database at ``url``, bringing its schema up to date. An SQLite file that does
    not exist is an error unless ``create`` (``cadence init``) asks for it. ``busy_seconds``:
    how long SQLite retries a step another process's write lock holds up before it gives up
    (``[database] busy_seconds``; the CLI then says so in one line, ``busy_or_full``)."""
    engine = make_engine(url, create=create, busy_seconds=busy_seconds)
    try:
        if migrate:
            upgrade(engine)
    except OperationalError as error:
        engine.dispose()
        trouble = busy_or_full(error, busy_seconds)
        if trouble is not None:
            raise trouble from None
        raise CadenceError("errors.database.refused", url=engine.url.render_as_string(hide_password=True),
                           error=str(error.orig)) from None
    return Store(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def make_engine(url: str, *, create: bool = False, busy_seconds: float = 30.0) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CadenceError("errors.database.not-a-url", url=repr(url)) from None
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except ModuleNotFoundError as missing:  # the driver is an extra: pip install 'cadence[postgresql]'
            raise CadenceError("errors.database.no-driver", backend=parsed.get_backend_name(),
                               driver=repr(missing.name)) from None
    path = parsed.database
    if path and path != ":memory:" and not create and not Path(path).exists():
        raise CadenceError("errors.database.no-file", path=path)
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": busy_seconds})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed data
    cursor.close()


def alembic_config() -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations that are missing, inside one transaction.

    On SQLite, foreign keys are off meanwhile and checked before the commit (SQLite's own
    procedure for altering tables): a migration that rebuilds a table, SQLite's only way to
    drop a constraint, would otherwise cascade-delete every row that refers to it."""
    config = alembic_config()
    with engine.connect() as connection, _foreign_keys_off(connection):
        with connection.begin():
            if _current(connection) == ScriptDirectory.from_config(config).get_current_head():
                return
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            _check_foreign_keys(connection)


@contextmanager
def _foreign_keys_off(connection) -> Iterator[None]:
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys = OFF")  # only outside a transaction
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        connection.commit()


def _check_foreign_keys(connection) -> None:
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise CadenceError("errors.database.broken-rows", rows=broken[:5])


def _current(connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
