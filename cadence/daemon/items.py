"""The step over due items: ``handle_one_item_batch(session, run) -> bool``.

Items whose ``next_action_at`` has come are found through the partial index on that column, so
a pass costs what is due, not the size of the schedule. Items that share a due moment, window,
status, escalation level and next action share a decision (``timeline.decide``): the step reads
those groups (the database counts them; no row comes to Python), decides each once, and claims
each group with one compare-and-set UPDATE that only matches rows still as they were read:

    UPDATE due_items SET next_action_at = :next, status = :status, escalation_level = :level
    WHERE next_action_at = :seen AND due_at = :due AND window_start = :start
      AND status = :seen_status AND escalation_level = :seen_level
    RETURNING id, unit_id, plan_id, duty_id        -- only when someone must be told

So the common work (a window opening, a status turning MISSED) never leaves the database, and
only the rows this process won get notices and escalation steps, in the same transaction: two
daemons on one database never both act on an item (the loser's UPDATE matches nothing). The
notices' unique key makes a replay harmless.
"""
from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import and_, func, select, update
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
_STATE = (_ITEMS.c.next_action_at, _ITEMS.c.due_at, _ITEMS.c.window_start, _ITEMS.c.status,
          _ITEMS.c.escalation_level)
_TOLD = (_ITEMS.c.id, _ITEMS.c.unit_id, _ITEMS.c.plan_id, _ITEMS.c.duty_id)
_CHUNK = 500  # ids per statement: well inside every database's limit on bound parameters


def handle_one_item_batch(session: Session, run: Pass) -> bool:
    """Decide, claim and act on the next groups of items whose time has come; False when none."""
    groups = _next_groups(session, run)
    if not groups:
        return False
    for group in groups:
        try:
            _handle_group(session, run, group)
        except SQLAlchemyError:
            raise  # the database's trouble (busy, gone), not these rows': the pass looks again
        except Exception as error:
            raise BrokenRows("due_items", _ids(session, group)) from error
    return True


def _next_groups(session: Session, run: Pass) -> list:
    """Groups in the order their time came, about ``[daemon] batch`` items in all (at least one
    group, however large). The order is total, so two daemons lock groups in the same order
    and never wait on each other in a circle."""
    query = (select(*_STATE, func.count()).where(_ITEMS.c.next_action_at <= run.now)
             .group_by(*_STATE).order_by(*_STATE).limit(run.config.daemon.batch))
    groups, total = [], 0
    for group in session.execute(query):
        if groups and total + group[-1] > run.config.daemon.batch:
            break
        groups.append(group)
        total += group[-1]
    return groups


def _same_state(group):
    seen, due_at, window_start, status, level, _ = group
    return and_(_ITEMS.c.next_action_at == seen, _ITEMS.c.due_at == due_at, _ITEMS.c.window_start == window_start,
                _ITEMS.c.status == status, _ITEMS.c.escalation_level == level)


def _handle_group(session: Session, run: Pass, group) -> None:
    seen, due_at, window_start, status, level, _ = group
    policy = run.daemon.policy
    decision = decide(policy, policy.timeline(due_at, window_start), status, level, run.now)
    statement = (update(_ITEMS).where(_same_state(group))
                 .values(next_action_at=decision.next_action_at, status=decision.status,
                         escalation_level=decision.level)
                 .execution_options(synchronize_session=False))
    if decision.remind is None and decision.escalate is None:
        won = session.execute(statement).rowcount
        rows = ()
    else:
        rows = session.execute(statement.returning(*_TOLD)).all()
        won = len(rows)
    run.counts.items += won
    if decision.status is ItemStatus.MISSED and status is ItemStatus.OPEN:
        run.counts.missed += won
    if rows:
        run.directory.load(session, units={r.unit_id for r in rows}, duties={r.duty_id for r in rows})
        _act(session, run, decision, rows)


def _ids(session: Session, group) -> list[int]:
    return list(session.scalars(select(_ITEMS.c.id).where(_same_state(group))))


def _act(session: Session, run: Pass, decision: Decision, rows: list) -> None:
    if decision.remind is not None:
        _remind(session, run, rows, decision.remind)
    if decision.escalate is not None:
        _escalate(session, run, rows, decision.escalate)


def _remind(session: Session, run: Pass, rows: list, days: int) -> None:
    channels, day = _open(run, run.config.reminders.channels), to_local(run.now).date()
    addresses: dict[int, list[tuple]] = {}  # unit → (channel, address, name): the same for its items
    notices = []
    for row in rows:
        if row.unit_id not in addresses:
            addresses[row.unit_id] = _addresses(run.directory.unit(row.unit_id).contacts, channels)
        notices += _notices(run, row.id, NoticeKind.REMINDER, days, None, addresses[row.unit_id], day)
    _insert_notices(session, run, notices)
    run.counts.reminders += len(rows)


def _escalate(session: Session, run: Pass, rows: list, level: int) -> None:
    rung = run.config.escalation.chain[level - 1]
    channels, day = _open(run, run.config.escalation.channels), to_local(run.now).date()
    addresses: dict[tuple, list[tuple]] = {}  # the same people for every item of a unit and scope
    notices, steps = [], []
    for row in rows:
        key = (row.unit_id, row.plan_id, run.directory.duty(row.duty_id).scope)
        if key not in addresses:
            people = run.directory.people(session, rung, unit_id=row.unit_id, plan_id=row.plan_id, scope=key[2])
            addresses[key] = _addresses(people, channels)
        told = addresses[key]
        if told:
            notices += _notices(run, row.id, NoticeKind.ESCALATION, level, rung, told, day)
        steps.append({"item_id": row.id, "level": level, "rung": rung, "fired_at": run.now,
                      "recipients": len({address for _, address, _ in told})})
    _log_escalations(run, rows, steps, level, rung)
    insert_ignoring_duplicates(session, EscalationRow.__table__, steps)
    _insert_notices(session, run, notices)
    run.counts.escalations[level] += len(rows)


def _log_escalations(run: Pass, rows: list, steps: list[dict], level: int, rung) -> None:
    """One line per escalated item (the event), only when someone reads the log at INFO."""
    if not log.isEnabledFor(logging.INFO):
        return
    for row, step in zip(rows, steps):
        log.info("escalated item %s (%s, %s) to level %s (%s): %s to tell", row.id,
                 run.directory.unit(row.unit_id).code, run.directory.duty(row.duty_id).ref, level, rung.value,
                 step["recipients"] or "nobody")


def _open(run: Pass, channels: tuple[Channel, ...]) -> tuple[Channel, ...]:
    """The configured channels whose transport is not "off": nobody is told on a closed one."""
    enabled = enabled_channels(run.config)
    return tuple(c for c in channels if c in enabled)


def _addresses(people: tuple[Person, ...], channels: tuple[Channel, ...]) -> list[tuple]:
    """(channel, address, name) of each person on each open channel, each address once."""
    found = {}
    for channel in channels:
        for person in people:
            address = person.address(channel)
            if address and (channel, address) not in found:
                found[(channel, address)] = (channel, address, person.name)
    return list(found.values())


def _notices(run: Pass, item_id: int, kind: NoticeKind, level: int, rung, told: list[tuple], day: dt.date) -> list[dict]:
    return [{"item_id": item_id, "kind": kind, "level": level, "rung": rung, "channel": channel,
             "recipient": address, "name": name, "day": day, "created_at": run.now}
            for channel, address, name in told]


def _insert_notices(session: Session, run: Pass, notices: list[dict]) -> None:
    insert_ignoring_duplicates(session, NoticeRow.__table__, notices)
    run.counts.notices += len(notices)


def push_forward(session: Session, ids: list[int], now: dt.datetime, delay: dt.timedelta) -> None:
    """Look at broken items again only after ``delay``: the rest of the schedule goes on."""
    for start in range(0, len(ids), _CHUNK):
        session.execute(update(_ITEMS).where(_ITEMS.c.id.in_(ids[start:start + _CHUNK]),
                                             _ITEMS.c.next_action_at.is_not(None))
                        .values(next_action_at=now + delay)
                        .execution_options(synchronize_session=False))
