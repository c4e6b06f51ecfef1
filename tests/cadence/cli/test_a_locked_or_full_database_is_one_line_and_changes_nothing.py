"""A database another process holds locked, or one that is full, is one line and exit status 3,
never a traceback, and nothing is half-written. ``tick`` used to die with a traceback after 34 s
with SQLite locked by another writer; now it waits ``[database] busy_seconds`` (SQLite retries
the step meanwhile) and then says so. The lock is a real second connection holding a write
transaction on the same file; the full disk is SQLite's own SQLITE_FULL on a real file, made by
``PRAGMA max_page_count`` on every connection the command opens (never /dev/full)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from tests.cadence.cli.undo_support import items, refused, sqlite_office  # noqa: F401
from tests.cadence.support import SAMPLES, SHARED

NOW = "2026-03-10T09:00"


def _one_line_status_3(result: tuple[int, str, str], *fragments: str) -> None:
    code, out, err = result
    assert code == 3, (code, out, err)
    assert err.startswith("cadence: ") and err.count("\n") == 1 and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, err


def _rows(path: Path) -> dict:
    """Every row of every table (read through a connection of its own, in WAL mode beside the writer)."""
    with sqlite3.connect(path) as connection:
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


@pytest.fixture
def short_wait(sqlite_office, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text(config.read_text("utf-8").replace("busy_seconds = 30", "busy_seconds = 0.5"), "utf-8")
    return sqlite_office


def test_tick_and_done_wait_then_say_the_database_is_busy(short_wait, tmp_path: Path) -> None:
    target = items(short_wait, "--now", NOW)[0]["id"]
    holder = sqlite3.connect(tmp_path / "cadence.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
        holder.execute("UPDATE due_items SET target = target")
        before = _rows(tmp_path / "cadence.db")
        for args in (("tick", "--now", NOW), ("done", str(target), "--now", NOW)):
            _one_line_status_3(short_wait(*args), "the database is busy", "0.5 seconds", "busy_seconds")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _rows(tmp_path / "cadence.db") == before
    assert short_wait("done", str(target), "--now", NOW)[0] == 0  # once the other writer is gone


def test_a_full_database_stops_the_import_whole(sqlite_office, tmp_path: Path) -> None:
    assert sqlite_office("units", "seed-province", "Quảng Ngãi")[0] == 0
    assert sqlite_office("units", "import", str(SAMPLES / "units-quang-ngai-province.toml"))[0] == 0
    before = _rows(tmp_path / "cadence.db")

    def no_room(dbapi_connection, _record) -> None:  # the file may not grow past its size now
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Engine, "connect", no_room)
    try:
        _one_line_status_3(sqlite_office("plan", "import", str(SHARED / "plans" / "quang-ngai-province-2025.txt")),
                           "full", "nothing changed")
    finally:
        event.remove(Engine, "connect", no_room)
    assert _rows(tmp_path / "cadence.db") == before
