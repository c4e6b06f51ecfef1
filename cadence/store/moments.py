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

from sqlalchemy import and_, func, literal, select, update
from sqlalchemy.orm import Session

from cadence.kinds import ItemStatus
from cadence.store.models import DueItem, DueMoment
from cadence.store.outbox import EscalationRow, NoticeRow
from cadence.store.upsert import driver_values, insert_ignoring_duplicates, insert_selected_ignoring_duplicates
from cadence.tz import local_moment

_MIDNIGHT = dt.time(0, 0)
_MOMENTS = DueMoment.__table__
_ITEMS = DueItem.__table__
_CLOCK = (_MOMENTS.c.id, _MOMENTS.c.due_at, _MOMENTS.c.window_start, _MOMENTS.c.status,
          _MOMENTS.c.escalation_level, _MOMENTS.c.next_action_at)


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


# --- the daemon's queue of moments: what has come, claimed by compare-and-set, pushed forward ---
#
#     UPDATE due_moments SET next_action_at = :next, status = :status, escalation_level = :level
#     WHERE id = :id AND next_action_at = :seen AND status = :seen_status
#       AND escalation_level = :seen_level

def moments_due(session: Session, now: dt.datetime, limit: int) -> list:
    """(id, due_at, window_start, status, escalation_level, next_action_at) of the moments whose
    time has come, in the order it came, then by id (two daemons lock them in the same order and
    never wait on each other in a circle); through the partial index on next_action_at."""
    query = (select(*_CLOCK).where(_MOMENTS.c.next_action_at <= now)
             .order_by(_MOMENTS.c.next_action_at, _MOMENTS.c.id).limit(limit))
    return session.execute(query).all()


def claim_moment(session: Session, moment, *, next_action_at: dt.datetime | None, status: ItemStatus,
                 level: int) -> bool:
    """Move the moment on, if it is still as ``moment`` read it (a compare-and-set: of two daemons,
    one wins); whether this one did."""
    return bool(session.execute(
        update(_MOMENTS).where(_MOMENTS.c.id == moment.id, _MOMENTS.c.next_action_at == moment.next_action_at,
                               _MOMENTS.c.status == moment.status,
                               _MOMENTS.c.escalation_level == moment.escalation_level)
        .values(next_action_at=next_action_at, status=status, escalation_level=level)
        .execution_options(synchronize_session=False)).rowcount)


def count_open(session: Session, moment) -> int:
    """How many of the moment's items are open."""
    return session.scalar(select(func.count()).where(_open_of(moment)))


def _open_of(moment):
    return of_moment(moment.due_at, moment.window_start) & (_ITEMS.c.status == ItemStatus.OPEN)


def record_steps(session: Session, moment, level: int, rung, now: dt.datetime) -> None:
    """The escalation step on every open item of the moment, in one INSERT … SELECT (nothing
    goes through Python); a step already there is kept."""
    steps = EscalationRow.__table__
    source = select(_ITEMS.c.id, literal(level, steps.c.level.type), literal(rung, steps.c.rung.type),
                    literal(now, steps.c.fired_at.type)).where(_open_of(moment))
    insert_selected_ignoring_duplicates(session, steps, ["item_id", "level", "rung", "fired_at"], source)


def push_forward(session: Session, ids: list[int], now: dt.datetime, delay: dt.timedelta) -> None:
    """Look at these moments again only after ``delay`` (they broke a step): the rest of the
    schedule goes on."""
    session.execute(update(_MOMENTS).where(_MOMENTS.c.id.in_(ids), _MOMENTS.c.next_action_at.is_not(None))
                    .values(next_action_at=now + delay)
                    .execution_options(synchronize_session=False))
