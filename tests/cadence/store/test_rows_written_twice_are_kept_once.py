"""The daemon's writes are idempotent on SQLite and on a real PostgreSQL: notices given column by
column (one unnest INSERT on PostgreSQL, executemany on SQLite) and escalation steps written by
INSERT … SELECT skip the rows whose key is already there, and every value reads back as it went
in (enums, the local day, aware moments, a missing rung)."""
import datetime as dt

from sqlalchemy import literal, select

from cadence.kinds import Rung
from cadence.store.models import DueItem
from cadence.store.outbox import EscalationRow, NoticeKind, NoticeRow
from cadence.store.upsert import (insert_columns_ignoring_duplicates, insert_ignoring_duplicates,
                                  insert_selected_ignoring_duplicates)

MORNING = dt.datetime(2025, 9, 22, 1, 0, tzinfo=dt.timezone.utc)  # 08:00 in Hà Nội
DAY = dt.date(2025, 9, 22)


def _notices(session, told: dict[int, list[int]], recipient="vanthu@xa.example.invalid", kind=NoticeKind.REMINDER,
             rung=None):
    """A notice per unit of ``told`` (unit → the ids of its items), all of moment 1."""
    units = list(told)
    varying = {"unit_id": units, "item_ids": [told[unit] for unit in units], "channel": ["email"] * len(units),
               "recipient": [recipient] * len(units), "name": ["Văn thư"] * len(units)}
    same = {"moment_id": 1, "kind": kind, "level": 1, "rung": rung, "day": DAY, "created_at": MORNING}
    insert_columns_ignoring_duplicates(session, NoticeRow.__table__, varying=varying, same=same)


def test_notices_written_twice_are_kept_once_and_read_back_as_written(store):
    with store.transaction() as session:
        _notices(session, {10: [1, 2], 11: [3]})
    with store.transaction() as session:
        _notices(session, {11: [3], 12: [4, 5, 6]})  # a replay, and one more unit
        _notices(session, {12: [4]}, kind=NoticeKind.ESCALATION, rung=Rung.CONTACTS)  # another key
    with store.transaction() as session:
        rows = session.scalars(select(NoticeRow).order_by(NoticeRow.id)).all()
    assert [(n.unit_id, n.item_ids, n.kind) for n in rows] == [
        (10, (1, 2), NoticeKind.REMINDER), (11, (3,), NoticeKind.REMINDER), (12, (4, 5, 6), NoticeKind.REMINDER),
        (12, (4,), NoticeKind.ESCALATION)]
    first = rows[0]
    assert (first.moment_id, first.channel, first.recipient, first.name, first.level, first.rung, first.day,
            first.created_at, first.message_id) == (
        1, "email", "vanthu@xa.example.invalid", "Văn thư", 1, None, DAY, MORNING, None)
    assert rows[-1].rung is Rung.CONTACTS


def test_rows_as_dicts_and_no_rows_at_all(store):
    row = {"moment_id": 2, "unit_id": 7, "item_ids": (70, 71), "kind": NoticeKind.REMINDER, "level": 3, "rung": None,
           "channel": "sms", "recipient": "0912 345 678", "name": "", "day": DAY, "created_at": MORNING}
    with store.transaction() as session:
        insert_ignoring_duplicates(session, NoticeRow.__table__, [row, row])
        insert_ignoring_duplicates(session, NoticeRow.__table__, [])
        _notices(session, {})
    with store.transaction() as session:
        assert session.scalars(select(NoticeRow.item_ids)).all() == [(70, 71)]


def test_escalation_steps_selected_twice_are_kept_once(store):
    from tests.cadence.support import gold, imported, load_units

    with store.transaction() as session:
        load_units(session, "quang-ngai-province-2025")
    imported(store, gold("quang-ngai-province-2025"))
    steps = EscalationRow.__table__
    with store.transaction() as session:
        first = session.scalars(select(DueItem).order_by(DueItem.due_at, DueItem.id).limit(1)).one()
        same_moment = (DueItem.due_at == first.due_at) & (DueItem.window_start == first.window_start)
        items = session.scalars(select(DueItem.id).where(same_moment)).all()
        source = select(DueItem.id, literal(1, steps.c.level.type), literal(Rung.CONTACTS, steps.c.rung.type),
                        literal(MORNING, steps.c.fired_at.type)).where(same_moment)
        columns = ["item_id", "level", "rung", "fired_at"]
        insert_selected_ignoring_duplicates(session, steps, columns, source)
        insert_selected_ignoring_duplicates(session, steps, columns, source)
    with store.transaction() as session:
        written = session.scalars(select(EscalationRow).order_by(EscalationRow.item_id)).all()
    assert len(items) > 1
    assert [(e.item_id, e.level, e.rung, e.fired_at) for e in written] == [
        (i, 1, Rung.CONTACTS, MORNING) for i in sorted(items)]
