"""Migration 0011 on SQLite and on a real PostgreSQL: an office's completions, written at 0009,
keep every value through the upgrade and stand (none is undone); a completion may then be
marked undone and a dissolution recorded. Going back, an undone completion is deleted (the
older Cadence would count it again) and the dissolutions' table goes."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from cadence.store.session import upgrade
from tests.cadence.store.test_migrations_carry_data_on_both_backends import ROWS, _as_at_this_revision, _downgrade

BEFORE = "0010"
THIS = "0011"
SECOND = {**ROWS["completions"], "id": 2, "evidence_url": None}


def _completions(engine) -> dict[int, object]:
    with engine.connect() as connection:
        return dict(connection.execute(sa.text("SELECT id, count FROM completions ORDER BY id")).all())


def test_completions_stand_after_the_upgrade_and_undone_ones_go_on_the_way_back(engine) -> None:
    upgrade(engine, BEFORE)
    with engine.begin() as connection:
        for name, row in ROWS.items():
            if name in sa.inspect(connection).get_table_names():
                connection.execute(_as_at_this_revision(connection, name).insert(), [row])
        connection.execute(_as_at_this_revision(connection, "completions").insert(), [SECOND])
    upgrade(engine, THIS)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM completions WHERE undone_at IS NULL")).scalar() == 2
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE completions SET undone_at = :at, undone_by = 'dieuphoi', "
                                   "undo_reason = 'nhầm' WHERE id = 2"),
                           {"at": dt.datetime(2025, 3, 15, tzinfo=dt.timezone.utc)})
        connection.execute(sa.text("INSERT INTO dissolutions (unit_id, effective_on, dissolved_at, moved_ids, "
                                   "retired_ids) VALUES (1, :on, :at, '1', '')"),
                           {"on": dt.date(2025, 7, 1), "at": dt.datetime(2025, 6, 30, tzinfo=dt.timezone.utc)})
    _downgrade(engine, BEFORE)
    assert list(_completions(engine)) == [1]
    with engine.connect() as connection:
        assert "dissolutions" not in sa.inspect(connection).get_table_names()
        assert "undone_at" not in {c["name"] for c in sa.inspect(connection).get_columns("completions")}
