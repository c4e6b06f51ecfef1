"""INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike: rows whose unique key is
already there are skipped, which is what makes the daemon's notices and escalation steps
idempotent (a replayed pass, or a second daemon, adds nothing)."""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def insert_ignoring_duplicates(session: Session, table: Table, rows: list[dict]) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    try:
        insert = _INSERTS[dialect]
    except KeyError:
        raise RuntimeError(f"insert_ignoring_duplicates: no support for {dialect}") from None
    session.execute(insert(table).on_conflict_do_nothing(), rows)
