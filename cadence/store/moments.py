"""Due moments (``models.DueMoment``): the daemon's clock, one row per distinct (due moment,
window start) of the items.

An import adds the moments its items need (``add_missing_moments``); the daemon first looks at
a new moment when its window opens, local midnight of ``window_start``. An item joining a
moment the daemon has already moved on (a re-import that adds a unit) shares the moment's state
from then on: it is not reminded or escalated for steps that went out before it existed.

An item's notices are found through its moment and unit (``notices_of``). A moment's status is
the daemon's clock, not what people are shown: they see an item's state as the one policy gives
it (``cadence.store.states``), and its level through ``escalation_level_of``, the highest of its
own escalation steps (which stays true after it is done).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from cadence.kinds import ItemStatus
from cadence.store.models import DueItem, DueMoment
from cadence.store.outbox import EscalationRow, NoticeRow
from cadence.store.upsert import driver_values, insert_ignoring_duplicates
from cadence.tz import local_moment

_MIDNIGHT = dt.time(0, 0)


def add_missing_moments(session: Session, plan_id: int) -> int:
    """A moment for every (due_at, window_start) of the plan's items that has none yet; how many."""
    wanted = set(session.execute(
        select(DueItem.due_at, DueItem.window_start).where(DueItem.plan_id == plan_id).distinct()).all())
    if not wanted:
        return 0
    first = min(due_at for due_at, _ in wanted)
    known = set(session.execute(select(DueMoment.due_at, DueMoment.window_start).where(DueMoment.due_at >= first)).all())
    rows = [{"due_at": due_at, "window_start": start, "status": ItemStatus.OPEN, "escalation_level": 0,
             "next_action_at": window_opens(start)} for due_at, start in sorted(wanted - known)]
    insert_ignoring_duplicates(session, DueMoment.__table__, rows)
    return len(rows)


@lru_cache(maxsize=4096)
def window_opens(day: dt.date) -> dt.datetime:
    """When the daemon first looks at a moment: the start of its window, local midnight."""
    return local_moment(day, _MIDNIGHT)


def open_items(session: Session, due_at: dt.datetime, window_start: dt.date) -> list[tuple[int, int, int, int]]:
    """(id, unit_id, plan_id, duty_id) of a moment's open items, by id. A national morning reads
    a hundred thousand of them, so they come as the driver's plain tuples (a third of the time
    SQLAlchemy's row objects take), through the index on (due_at, window_start, status)."""
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    values = driver_values(connection.dialect, DueItem.__table__,
                           {"due_at": due_at, "window_start": window_start, "status": ItemStatus.OPEN})
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(f"SELECT id, unit_id, plan_id, duty_id FROM due_items WHERE due_at = {marker} "
                       f"AND window_start = {marker} AND status = {marker} ORDER BY id", values)
        return cursor.fetchall()
    finally:
        cursor.close()


def of_moment(due_at, window_start):
    """The condition "an item of this moment" (the index on due_items (due_at, window_start, status))."""
    return and_(DueItem.due_at == due_at, DueItem.window_start == window_start)


def notices_of(session: Session, item: DueItem) -> list:
    """The notices that told of ``item``: those of its moment and unit that name it."""
    moment = select(DueMoment.id).where(DueMoment.due_at == item.due_at,
                                        DueMoment.window_start == item.window_start).scalar_subquery()
    query = select(NoticeRow).where(NoticeRow.moment_id == moment, NoticeRow.unit_id == item.unit_id)
    return [notice for notice in session.scalars(query) if item.id in notice.item_ids]


def escalation_level_of():
    """The highest rung of the chain told of the item's miss (0: none)."""
    highest = select(func.max(EscalationRow.level)).where(EscalationRow.item_id == DueItem.id).scalar_subquery()
    return func.coalesce(highest, 0).label("escalation_level")
