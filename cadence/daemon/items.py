"""The step over due moments: ``handle_one_item_batch(session, run) -> bool``.

Items sharing a due moment and window start share a timeline (``timeline.decide``), so the
daemon's clock lives on their ``DueMoment``: status, escalation level, ``next_action_at``. The
step reads the moments whose time has come (``store.moments.moments_due``: a partial index on
that column, so a pass costs what is due, not the size of the schedule), decides each once, and
claims it with a compare-and-set that only matches the moment as it was read
(``store.moments.claim_moment``).

Only the process whose claim matched acts on the moment, in the same transaction: the open
items of the moment are read, escalation steps are written in one statement, and a notice per
unit and person told, naming that unit's items (the people are worked out once per audience:
``Directory.audience``). A window opening or a status turning MISSED writes the moment alone,
never its items. Two daemons on one database never both act on a moment (the loser's claim
matches nothing), and the unique keys of notices and steps make a replay harmless.
"""
from __future__ import annotations

import logging
from collections import defaultdict

from cadence.daemon.context import BrokenRows, Pass
from cadence.daemon.timeline import Decision, decide
from cadence.kinds import ItemStatus
from cadence.store import DatabaseError, Transaction
from cadence.store.moments import claim_moment, count_open, moments_due, open_items, record_steps
from cadence.store.notices import add_notices
from cadence.store.outbox import NoticeKind
from cadence.tz import to_local
from cadence.units.model import Contact

log = logging.getLogger("cadence.daemon")

_MOMENTS_PER_READ = 200


def handle_one_item_batch(session: Transaction, run: Pass) -> bool:
    """Decide, claim and act on the next moments whose time has come, about ``[daemon] batch``
    items in one transaction (at least one moment, however many items it has); False when none.
    Moments come in the order their time came, then by id: two daemons lock them in the same
    order and never wait on each other in a circle."""
    moments = moments_due(session, run.now, _MOMENTS_PER_READ)
    told = 0
    for moment in moments:
        try:
            told += _handle_moment(session, run, moment)
        except DatabaseError:
            raise  # the database's trouble (busy, gone), not this moment's: the pass looks again
        except Exception as error:
            raise BrokenRows("due_moments", [moment.id]) from error
        if told >= run.config.daemon.batch:
            break
    return bool(moments)


def _handle_moment(session: Transaction, run: Pass, moment) -> int:
    """Claim the moment and act on it; how many items were told of something."""
    policy = run.daemon.policy
    decision = decide(policy, policy.timeline(moment.due_at, moment.window_start), moment.status,
                      moment.escalation_level, run.now)
    if not claim_moment(session, moment, next_action_at=decision.next_action_at, status=decision.status,
                        level=decision.level):
        return 0
    run.counts.moments += 1
    if decision.status is ItemStatus.MISSED and moment.status is ItemStatus.OPEN:
        run.counts.missed += count_open(session, moment)
    if decision.remind is None and decision.escalate is None:
        return 0
    rows = open_items(session, moment.due_at, moment.window_start)
    run.counts.items += len(rows)
    if rows:
        run.directory.load(session, units={row[1] for row in rows}, duties={row[3] for row in rows},
                           plans={row[2] for row in rows})
        _act(session, run, moment, decision, rows)
    return len(rows)


def _act(session: Transaction, run: Pass, moment, decision: Decision, rows: list) -> None:
    if decision.remind is not None:
        _remind(session, run, moment.id, rows, decision.remind)
    if decision.escalate is not None:
        _record_steps(session, run, moment, decision.escalate)
        _escalate(session, run, moment.id, rows, decision.escalate)


def _remind(session: Transaction, run: Pass, moment_id: int, rows: list, days: int) -> None:
    channels = _open(run, run.config.reminders.channels)
    notices = _Notices(moment_id)
    for unit_id, item_ids in _by_key(rows, lambda row: row[1]).items():
        notices.add(unit_id, item_ids, _addresses(run.directory.unit(unit_id).contacts, channels))
    notices.insert(session, run, NoticeKind.REMINDER, days, None)
    run.counts.reminders += len(rows)


def _record_steps(session: Transaction, run: Pass, moment, level: int) -> None:
    """The step on every open item of the moment, in one statement: a rung with nobody to tell
    is recorded all the same."""
    record_steps(session, moment, level, run.config.escalation.chain[level - 1], run.now)


def _escalate(session: Transaction, run: Pass, moment_id: int, rows: list, level: int) -> None:
    rung = run.config.escalation.chain[level - 1]
    channels = _open(run, run.config.escalation.channels)
    scopes = {duty_id: run.directory.duty(duty_id).scope for duty_id in {row[3] for row in rows}}
    notices, told = _Notices(moment_id), {}

    def audience(row: tuple) -> tuple:
        return run.directory.audience(rung, unit_id=row[1], plan_id=row[2], scope=scopes[row[3]])

    for (unit_id, plan_id, scope), item_ids in _by_key(rows, audience).items():
        people = run.directory.people(session, rung, unit_id=unit_id, plan_id=plan_id, scope=scope)
        told[unit_id, plan_id, scope] = addresses = _addresses(people, channels)
        notices.add(unit_id, item_ids, addresses)
    _log_escalations(run, rows, lambda row: told[audience(row)], level, rung)
    notices.insert(session, run, NoticeKind.ESCALATION, level, rung)
    run.counts.escalations[level] += len(rows)


def _by_key(rows: list, key) -> dict[object, list[int]]:
    """The ids of ``rows`` (id first) grouped by ``key(row)``, in the rows' order."""
    groups: dict[object, list[int]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row[0])
    return groups


class _Notices:
    """The notices of one decision on one moment: a row per unit and address, naming the unit's
    items that address is told of (kind, level, rung, day and moment are the decision's)."""

    def __init__(self, moment_id: int) -> None:
        self.moment_id = moment_id
        self.told: dict[tuple, tuple[str, list[int]]] = {}  # (unit, channel, address) → (name, items)

    def add(self, unit_id: int, item_ids: list[int], addresses: list[tuple]) -> None:
        for channel, address, name in addresses:
            found = self.told.get((unit_id, channel, address))
            if found is None:
                found = self.told[(unit_id, channel, address)] = (name, [])
            found[1].extend(item_ids)

    def insert(self, session: Transaction, run: Pass, kind: NoticeKind, level: int, rung) -> None:
        run.counts.notices += add_notices(session, moment_id=self.moment_id, kind=kind, level=level, rung=rung,
                                          day=to_local(run.now).date(), now=run.now, told=self.told)


def _log_escalations(run: Pass, rows: list, told, level: int, rung) -> None:
    """One line per escalated item (the event), only when someone reads the log at INFO;
    ``told(row)`` gives the addresses told of it."""
    if not log.isEnabledFor(logging.INFO):
        return
    for row in rows:
        item_id, unit_id, _, duty_id = row
        log.info("escalated item %s (%s, %s) to level %s (%s): %s to tell", item_id,
                 run.directory.unit(unit_id).code, run.directory.duty(duty_id).ref, level, rung.value,
                 len({address for _, address, _ in told(row)}) or "nobody")


def _open(run: Pass, channels: tuple[str, ...]) -> tuple[str, ...]:
    """The configured channels whose transport is not "off": nobody is told on a closed one."""
    enabled = run.config.notifiers.enabled()
    return tuple(c for c in channels if c in enabled)


def _addresses(people: tuple[Contact, ...], channels: tuple[str, ...]) -> list[tuple]:
    """(channel, address, name) of each person on each open channel, each address once. (The
    addresses are walked in place: a national morning asks this tens of thousands of times.)"""
    found = {}
    for channel in channels:
        for person in people:
            for kind, address in person.addresses:
                if kind == channel and (channel, address) not in found:
                    found[(channel, address)] = (channel, address, person.name)
    return list(found.values())

