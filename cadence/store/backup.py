"""Backups and restores of the whole database, checked against this version's schema.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot
while the daemon and the web pages keep working; the copy is written beside its target under
a temporary name and renamed only once complete, so a backup (or a restore) cut short leaves
no half-written file under the real name. PostgreSQL: ``pg_dump --format=custom`` and
``pg_restore --clean``, from the postgresql-client package, when they are installed.

A restore refuses a backup whose schema revision (alembic's ``alembic_version``) is not this
version's head: an older backup is restored with the Cadence that made it, then upgraded by
opening it; a newer one would be misread. It refuses to overwrite an existing database without
``force``, and even then anything that is not a regular file (a device, a folder, a link).
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from cadence.errors import CadenceError
from cadence.store.session import alembic_config


def head_revision() -> str:
    """The schema revision this version of Cadence writes."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def backup(url: str, target: Path) -> str:
    """Write a backup of the database at ``url`` to ``target`` (which must not exist); its revision."""
    if target.exists() or target.is_symlink():
        raise CadenceError("undo.errors.backup-exists", path=str(target))
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _backup_sqlite(Path(parsed.database), target)
    return _backup_postgresql(url, target)


def restore(url: str, source: Path, *, force: bool) -> str:
    """Replace the database at ``url`` with the backup ``source``; the revision restored."""
    if not source.is_file():
        raise CadenceError("undo.errors.restore-no-file", path=str(source))
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _restore_sqlite(source, Path(parsed.database), force=force)
    return _restore_postgresql(url, source, force=force)


# --- SQLite -------------------------------------------------------------------------------

def _backup_sqlite(database: Path, target: Path) -> str:
    if not database.is_file():
        raise CadenceError("errors.database.no-file", path=str(database))
    with _closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source:
        _copy(source, target)
    return _sqlite_revision(target)


def _restore_sqlite(source: Path, database: Path, *, force: bool) -> str:
    revision = _sqlite_revision(source)
    _check_revision(source, revision)
    if database.exists() or database.is_symlink():
        if not force:
            raise CadenceError("undo.errors.restore-exists", path=str(database))
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            if (path.exists() or path.is_symlink()) and not stat.S_ISREG(os.lstat(path).st_mode):
                raise CadenceError("undo.errors.restore-not-file", path=str(path))
    with _closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_file:
        _copy(backup_file, database, journal_gone=True)
    return revision


def _copy(source: sqlite3.Connection, target: Path, *, journal_gone: bool = False) -> None:
    """``source`` into ``target`` through a temporary file beside it, renamed when complete. When
    replacing a live database, its write-ahead log and index go first: they belong to the old file."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with _closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        if journal_gone:
            for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_revision(path: Path) -> str:
    try:
        with _closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        if "no such table" in str(error):
            raise CadenceError("undo.errors.restore-no-revision", path=str(path)) from None
        raise CadenceError("undo.errors.backup-not-sqlite", path=str(path)) from None
    if found is None:
        raise CadenceError("undo.errors.restore-no-revision", path=str(path))
    return found[0]


def _check_revision(path: Path, revision: str) -> None:
    wanted = head_revision()
    if revision != wanted:
        raise CadenceError("undo.errors.restore-revision", path=str(path), found=revision, wanted=wanted)


class _closing:
    """sqlite3's connection as a context manager commits; this one closes."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *_) -> None:
        self.connection.close()


# --- PostgreSQL ---------------------------------------------------------------------------

def _backup_postgresql(url: str, target: Path) -> str:
    program = _program("pg_dump", "undo.errors.backup-no-pg-dump")
    partial = target.with_name(f".{target.name}.partial")
    try:
        _run([program, "--format=custom", f"--file={partial}", "--no-owner"], url)
        revision = _dump_revision(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return revision


def _restore_postgresql(url: str, source: Path, *, force: bool) -> str:
    program = _program("pg_restore", "undo.errors.backup-no-pg-restore")
    revision = _dump_revision(source)
    _check_revision(source, revision)
    if not force and _has_schema(url):
        raise CadenceError("undo.errors.restore-exists", path=make_url(url).render_as_string(hide_password=True))
    _run([program, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)], url, database=True)
    return revision


def _dump_revision(path: Path) -> str:
    """The revision inside a custom-format dump: pg_restore prints the table's data as SQL."""
    program = _program("pg_restore", "undo.errors.backup-no-pg-restore")
    done = subprocess.run([program, "--data-only", "--table=alembic_version", "--file=-", str(path)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CadenceError("undo.errors.restore-no-revision", path=str(path))
    found = re.search(r"COPY \S*alembic_version \(version_num\) FROM stdin;\n(\S+)\n", done.stdout)
    if found is None:
        raise CadenceError("undo.errors.restore-no-revision", path=str(path))
    return found.group(1)


def _has_schema(url: str) -> bool:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        return inspect(engine).has_table("alembic_version")
    finally:
        engine.dispose()


def _program(name: str, missing: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise CadenceError(missing)
    return found


def _run(arguments: list[str], url: str, *, database: bool = False) -> None:
    """A client program against the database of ``url``; the password goes in the environment,
    never on the command line where other users could read it."""
    parsed = make_url(url)
    environ = dict(os.environ)
    if parsed.password:
        environ["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    arguments = [*arguments[:-1], f"--dbname={plain}", arguments[-1]] if database else [*arguments, plain]
    done = subprocess.run(arguments, capture_output=True, text=True, env=environ, check=False)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise CadenceError("undo.errors.backup-failed", program=Path(arguments[0]).name, detail=detail)
