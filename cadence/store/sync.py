"""Re-importing a plan: the new schedule goes to a temporary table, then three statements bring
the due items in line, on the database side (the whole schedule never sits in memory):

1. items with the same natural key (duty, unit, window start, sequence) keep their id, status,
   completions and escalation steps; only what changed in the plan is updated (a retired item
   that is back in the plan is revived; an item whose due moment moved follows the daemon's
   clock of its new moment; an item recorded before tracking is tracked from now on when the
   import tracks it, under ``--catch-up``);
2. new keys are inserted, before tracking when their due moment had passed (``tracked_from``);
3. open, missed or before-tracking items in the imported date range that are no longer in the
   plan are retired (never deleted). Done items stay as they are: their history is the point.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, exists, insert, literal, or_, select, update

from cadence.kinds import ItemStatus
from cadence.store.bulk import COLUMNS, KEY, staging_table, write_rows
from cadence.store.models import DueItem

OPEN, DONE, LATE, MISSED, RETIRED, BEFORE = (s.value for s in (
    ItemStatus.OPEN, ItemStatus.DONE, ItemStatus.LATE, ItemStatus.MISSED, ItemStatus.RETIRED, ItemStatus.BEFORE_TRACKING))


@dataclass(frozen=True)
class SyncCounts:
    created: int
    updated: int
    retired: int
    unchanged: int


def sync_items(connection: Connection, plan_id: int, rows: Iterable[tuple], start: dt.date, end: dt.date) -> SyncCounts:
    staged = staging_table()
    staged.drop(connection, checkfirst=True)
    staged.create(connection)
    try:
        total = write_rows(connection, rows, table=staged.name)
        updated = connection.execute(_update_changed(staged)).rowcount
        created = connection.execute(_insert_new(staged)).rowcount
        retired = connection.execute(_retire_removed(staged, plan_id, start, end)).rowcount
    finally:
        staged.drop(connection)
    return SyncCounts(created=created, updated=updated, retired=retired, unchanged=total - created - updated)


def _same_key(staged, item=DueItem.__table__):
    return and_(*(item.c[k] == staged.c[k] for k in KEY))


def _update_changed(staged):
    item = DueItem.__table__
    tracked_now = and_(item.c.status == BEFORE, staged.c.status == OPEN)  # --catch-up on a re-import
    changed = or_(
        item.c.status == RETIRED, tracked_now, item.c.due_at != staged.c.due_at,
        item.c.window_end != staged.c.window_end, item.c.target != staged.c.target,
        item.c.threshold != staged.c.threshold,
    )
    reached = item.c.done_count >= staged.c.threshold
    revived = case((~reached, staged.c.status), (item.c.completed_at <= staged.c.due_at, DONE), else_=LATE)
    return (
        update(item).where(_same_key(staged), changed)
        .values(
            window_end=staged.c.window_end, due_at=staged.c.due_at,
            target=staged.c.target, threshold=staged.c.threshold,
            status=case((item.c.status == RETIRED, revived), (tracked_now, OPEN), else_=item.c.status),
        )
        .execution_options(synchronize_session=False)
    )


def _insert_new(staged):
    item = DueItem.__table__
    fresh = select(*(staged.c[c] for c in COLUMNS)).where(~exists(select(literal(1)).where(_same_key(staged))))
    # rowcount of an INSERT … SELECT is only kept when asked for (SQLAlchemy 2.x, psycopg)
    return insert(item).from_select(list(COLUMNS), fresh).execution_options(preserve_rowcount=True)


def _retire_removed(staged, plan_id: int, start: dt.date, end: dt.date):
    item = DueItem.__table__
    gone = ~exists(select(literal(1)).select_from(staged).where(_same_key(staged)))
    return (
        update(item)
        .where(item.c.plan_id == plan_id, item.c.status.in_((OPEN, MISSED, BEFORE)),
               item.c.window_end >= start, item.c.window_end <= end, gone)
        .values(status=RETIRED)
        .execution_options(synchronize_session=False)
    )
