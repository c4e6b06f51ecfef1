"""``cadence backup`` and ``cadence restore`` give an office its database back as it was: a
completion taken back after the backup is there again after the restore. A restore refuses to
overwrite without ``--force``, refuses a backup of another schema revision (naming both), and
even with ``--force`` refuses a target that is not a regular file (a FIFO here; nothing in
these tests touches /dev). SQLite through its online backup API, PostgreSQL through the real
pg_dump and pg_restore of the postgresql-client package."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from cadence.store.backup import head_revision
from tests.cadence.cli.undo_support import item, items, office, refused, sqlite_office  # noqa: F401

NOW = "2026-03-20T09:00"


def _completed(office) -> dict:
    target = next(i for i in items(office, "--now", NOW) if i["window_start"] >= "2026-03-01")
    assert office("done", str(target["id"]), "--at", target["window_start"], "--now", NOW)[0] == 0
    return target


def test_a_restore_brings_back_what_was_changed_after_the_backup(office, tmp_path: Path) -> None:
    target = _completed(office)
    saved = tmp_path / "sao-luu" / "cadence-2026-03-20.backup"
    saved.parent.mkdir()
    code, out, err = office("backup", str(saved))
    assert code == 0 and f"schema revision {head_revision()}" in out, err
    refused(office("backup", str(saved)), "the file exists")
    assert office("done", "--undo", str(target["id"]), "--reason", "thử", "--now", NOW)[0] == 0
    assert item(office, target["id"], NOW)["status"] == "open"
    refused(office("restore", str(saved)), "add --force")
    assert item(office, target["id"], NOW)["status"] == "open"
    code, out, err = office("restore", str(saved), "--force")
    assert code == 0 and "Restored the database" in out, err
    assert item(office, target["id"], NOW)["status"] in ("done", "late")


def test_a_backup_of_another_schema_revision_is_refused(sqlite_office, tmp_path: Path) -> None:
    saved = tmp_path / "cu.backup"
    assert sqlite_office("backup", str(saved))[0] == 0
    with sqlite3.connect(saved) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0009'")
    refused(sqlite_office("restore", str(saved), "--force"), "schema revision 0009", f"needs {head_revision()}")
    (tmp_path / "junk.backup").write_bytes(b"not a database at all")
    refused(sqlite_office("restore", str(tmp_path / "junk.backup"), "--force"), "not a Cadence SQLite backup")
    refused(sqlite_office("restore", str(tmp_path / "missing.backup"), "--force"), "no such backup file")


def test_force_never_overwrites_what_is_not_a_regular_file(sqlite_office, tmp_path: Path) -> None:
    saved = tmp_path / "ok.backup"
    assert sqlite_office("backup", str(saved))[0] == 0
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    config = tmp_path / "config.toml"
    text = config.read_text("utf-8")
    url = next(line for line in text.splitlines() if line.startswith("url = "))
    config.write_text(text.replace(url, f'url = "sqlite:///{fifo}"'), "utf-8")
    refused(sqlite_office("restore", str(saved), "--force"), "fifo.db: not a regular file")
    assert fifo.is_fifo()
