"""The step over due items: ``handle_one_item_batch(session, run) -> bool``.

It reads up to ``[daemon] batch`` items whose ``next_action_at`` has come, through the partial
index on that column, so its cost follows what is due, not the size of the schedule. Items that
share a due moment, window, status, level and next action share a decision (``timeline``), so
the batch is decided group by group and each group is claimed with one compare-and-set UPDATE:

    UPDATE due_items SET next_action_at = :next, status = :status, escalation_level = :level
    WHERE id IN (…) AND next_action_at = :seen AND status = :seen_status AND escalation_level = :seen_level
    RETURNING id

Only the rows this process won get notices and escalation records, in the same transaction, so
two daemons on one database never both act on an item (on PostgreSQL the read also skips rows
another daemon holds: FOR UPDATE SKIP LOCKED). The notices' unique key makes a replay harmless.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cadence.daemon.channels import enabled_channels
from cadence.daemon.context import BrokenRows, Pass
from cadence.daemon.recipients import Person
from cadence.daemon.settings import Channel
from cadence.daemon.timeline import Decision, decide
from cadence.schedule.model import ItemStatus
from cadence.store.models import DueItem
from cadence.store.outbox import EscalationRow, NoticeKind, NoticeRow
from cadence.store.upsert import insert_ignoring_duplicates
from cadence.tz import to_local

log = logging.getLogger("cadence.daemon")

_ITEMS = DueItem.__table__
_COLUMNS = (_ITEMS.c.id, _ITEMS.c.unit_id, _ITEMS.c.plan_id, _ITEMS.c.duty_id, _ITEMS.c.due_at,
            _ITEMS.c.window_start, _ITEMS.c.status, _ITEMS.c.escalation_level, _ITEMS.c.next_action_at)
_CHUNK = 500  # ids per statement: well inside every database's limit on bound parameters


def handle_one_item_batch(session: Session, run: Pass) -> bool:
    """Decide, claim and act on one batch of items whose time has come; False when none."""
    query = (select(*_COLUMNS).where(_ITEMS.c.next_action_at <= run.now)
             .order_by(_ITEMS.c.next_action_at).limit(run.config.daemon.batch))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = session.execute(query).all()
    if not rows:
        return False
    run.directory.load(session, units={r.unit_id for r in rows}, duties={r.duty_id for r in rows})
    for (due_at, window_start, status, level, seen), members in _groups(rows).items():
        try:
            timeline = run.daemon.policy.timeline(due_at, window_start)
            decision = decide(run.daemon.policy, timeline, status, level, run.now)
            won = _claim(session, members, decision, seen=(seen, status, level))
            _act(session, run, decision, [m for m in members if m.id in won], newly_missed=status is ItemStatus.OPEN)
        except SQLAlchemyError:
            raise  # the database's trouble (busy, gone), not these rows': the pass looks again
        except Exception as error:
            raise BrokenRows("due_items", [m.id for m in members]) from error
    run.counts.items += len(rows)
    return True


def _groups(rows) -> dict[tuple, list]:
    groups = defaultdict(list)
    for row in rows:
        groups[(row.due_at, row.window_start, row.status, row.escalation_level, row.next_action_at)].append(row)
    return groups


def _claim(session: Session, members: list, decision: Decision, *, seen: tuple) -> set[int]:
    """The ids whose row still looked as we read it, now moved on to the decision."""
    seen_next, seen_status, seen_level = seen
    won: set[int] = set()
    ids = [m.id for m in members]
    for start in range(0, len(ids), _CHUNK):
        statement = (
            update(_ITEMS)
            .where(_ITEMS.c.id.in_(ids[start:start + _CHUNK]), _ITEMS.c.next_action_at == seen_next,
                   _ITEMS.c.status == seen_status, _ITEMS.c.escalation_level == seen_level)
            .values(next_action_at=decision.next_action_at, status=decision.status, escalation_level=decision.level)
            .returning(_ITEMS.c.id)
        )
        won.update(session.scalars(statement))
    return won


def _act(session: Session, run: Pass, decision: Decision, rows: list, *, newly_missed: bool) -> None:
    if not rows:
        return
    if decision.status is ItemStatus.MISSED and newly_missed:
        run.counts.missed += len(rows)
    if decision.remind is not None:
        _remind(session, run, rows, decision.remind)
    if decision.escalate is not None:
        _escalate(session, run, rows, decision.escalate)


def _remind(session: Session, run: Pass, rows: list, days: int) -> None:
    channels = _open(run, run.config.reminders.channels)
    notices = []
    for row in rows:
        people = run.directory.unit(row.unit_id).contacts
        notices += _notices(run, row.id, NoticeKind.REMINDER, days, None, people, channels)
    _insert_notices(session, run, notices)
    run.counts.reminders += len(rows)


def _escalate(session: Session, run: Pass, rows: list, level: int) -> None:
    rung = run.config.escalation.chain[level - 1]
    notices, steps = [], []
    for row in rows:
        scope = run.directory.duty(row.duty_id).scope
        people = run.directory.people(session, rung, unit_id=row.unit_id, plan_id=row.plan_id, scope=scope)
        mine = _notices(run, row.id, NoticeKind.ESCALATION, level, rung, people, _open(run, run.config.escalation.channels))
        notices += mine
        steps.append({"item_id": row.id, "level": level, "rung": rung, "fired_at": run.now,
                      "recipients": len({n["recipient"] for n in mine})})
        log.info("escalated item %s (%s, %s) to level %s (%s): %s to tell", row.id, run.directory.unit(row.unit_id).code,
                 run.directory.duty(row.duty_id).ref, level, rung.value, steps[-1]["recipients"] or "nobody")
    insert_ignoring_duplicates(session, EscalationRow.__table__, steps)
    _insert_notices(session, run, notices)
    run.counts.escalations[level] += len(rows)


def _open(run: Pass, channels: tuple[Channel, ...]) -> tuple[Channel, ...]:
    """The configured channels whose transport is not "off": nobody is told on a closed one."""
    enabled = enabled_channels(run.config)
    return tuple(c for c in channels if c in enabled)


def _notices(run: Pass, item_id: int, kind: NoticeKind, level: int, rung, people: tuple[Person, ...],
             channels: tuple[Channel, ...]) -> list[dict]:
    day: dt.date = to_local(run.now).date()
    found = {}
    for channel in channels:
        for person in people:
            address = person.address(channel)
            if address and (channel, address) not in found:
                found[(channel, address)] = {
                    "item_id": item_id, "kind": kind, "level": level, "rung": rung, "channel": channel,
                    "recipient": address, "name": person.name, "day": day, "created_at": run.now}
    return list(found.values())


def _insert_notices(session: Session, run: Pass, notices: list[dict]) -> None:
    insert_ignoring_duplicates(session, NoticeRow.__table__, notices)
    run.counts.notices += len(notices)


def push_forward(session: Session, ids: list[int], now: dt.datetime, delay: dt.timedelta) -> None:
    """Look at broken items again only after ``delay``: the rest of the schedule goes on."""
    for start in range(0, len(ids), _CHUNK):
        session.execute(update(_ITEMS).where(_ITEMS.c.id.in_(ids[start:start + _CHUNK]),
                                             _ITEMS.c.next_action_at.is_not(None))
                        .values(next_action_at=now + delay))
