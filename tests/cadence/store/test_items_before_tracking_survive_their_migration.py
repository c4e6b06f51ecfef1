"""Migration 0008 on SQLite and on a real PostgreSQL: an office's items, written at 0007, keep
every value through the upgrade; the status column then holds "before_tracking" (PostgreSQL
refused it at 0007, 10 characters); going back turns such items into retired ones, which the
older Cadence never reminds or escalates either."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from cadence.store.session import upgrade
from tests.cadence.store.test_migrations_carry_data_on_both_backends import ROWS, _as_at_this_revision, _downgrade

UTC = dt.timezone.utc
BEFORE = "0007"
THIS = "0008"
ITEM = {**ROWS["due_items"], "id": 2, "seq": 1, "status": "open", "done_count": 0, "completed_at": None}


def _statuses(engine) -> dict[int, str]:
    with engine.connect() as connection:
        return dict(connection.execute(sa.text("SELECT id, status FROM due_items ORDER BY id")).all())


def test_items_keep_their_rows_and_may_then_be_before_tracking(engine) -> None:
    upgrade(engine, BEFORE)
    with engine.begin() as connection:
        for name, row in ROWS.items():
            connection.execute(_as_at_this_revision(connection, name).insert(), [row])
        connection.execute(_as_at_this_revision(connection, "due_items").insert(), [ITEM])
    if engine.dialect.name == "postgresql":  # what 0008 is for: 15 characters did not fit
        with pytest.raises(sa.exc.DataError), engine.begin() as connection:
            connection.execute(sa.text("UPDATE due_items SET status = 'before_tracking' WHERE id = 2"))
    upgrade(engine, THIS)
    assert _statuses(engine) == {1: "done", 2: "open"}
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE due_items SET status = 'before_tracking' WHERE id = 2"))
    assert _statuses(engine) == {1: "done", 2: "before_tracking"}
    _downgrade(engine, BEFORE)
    assert _statuses(engine) == {1: "done", 2: "retired"}
