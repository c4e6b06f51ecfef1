"""The step from the outbox to the channels: ``handle_one_send_batch(store, run, outlets) -> bool``.

1. Claim: one conditional UPDATE moves a batch of due PENDING rows of one channel to SENDING,
   stamped with this process's name (``… WHERE state = 'pending' … RETURNING id``; on
   PostgreSQL the candidates are read FOR UPDATE SKIP LOCKED). Only one process wins a row.
   The claim is committed before anything is sent.
2. Send, recording each outcome in its own transaction the moment the channel reports it:
   SENT; FAILED with ``permanent`` (address refused, malformed number); or back to PENDING
   with ``next_attempt_at`` pushed out by the backoff (server down, timeout) until
   ``[daemon] max_attempts`` is used up, then FAILED. One bad message never stops the others.
3. Messages all of whose items were done before they went are CANCELLED instead of sent.

So a daemon killed at any moment leaves: SENT rows (delivered), PENDING rows (not yet
tried), and SENDING rows claimed by the dead process. The first SENDING row of its batch is
the one that was in flight (the channel may or may not have taken it); the rest were never
tried. ``release_stale_claims`` gives them all back: at once when the dead process ran on this
machine, else after ``[daemon] claim_minutes``. At most that one message can go twice, with
the same Message-ID.

A claim is a lease on real time, stamped and judged by the wall clock, never by the pass's
``now``: daemons replaying different moments (``cadence tick --now``, a sped-up clock in
tests) or lagging behind one another must not see a live claim as an old one and send its
messages a second time.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections import defaultdict

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from cadence.catalogue import say
from cadence.channels import Outlet, channel
from cadence.daemon.context import Pass
from cadence.kinds import ItemStatus
from cadence.store.models import DueItem
from cadence.store.outbox import MessageKind, MessageRow, MessageState, NoticeRow
from cadence.store.session import Store
from notifiers import Delivery

log = logging.getLogger("cadence.daemon")

_MESSAGES = MessageRow.__table__
_OPEN = (ItemStatus.OPEN, ItemStatus.MISSED)


def handle_one_send_batch(store: Store, run: Pass, outlets: dict[str, Outlet]) -> bool:
    """Claim and send one batch of one channel; False when nothing is due on any channel."""
    for kind, outlet in outlets.items():
        ids = claim(store, run, kind, channel(kind).batch(run.config.notifiers.section(kind)))
        if ids:
            _send(store, run, outlet, ids)
            return True
    return False


def claim(store: Store, run: Pass, kind: str, size: int) -> list[int]:
    with store.transaction() as session:
        candidates = (select(_MESSAGES.c.id)
                      .where(_MESSAGES.c.state == MessageState.PENDING, _MESSAGES.c.channel == kind,
                             _MESSAGES.c.next_attempt_at <= run.now)
                      .order_by(_MESSAGES.c.next_attempt_at, _MESSAGES.c.id).limit(size))
        if store.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        statement = (update(_MESSAGES)
                     .where(_MESSAGES.c.id.in_(candidates.scalar_subquery()), _MESSAGES.c.state == MessageState.PENDING)
                     .values(state=MessageState.SENDING, claimed_by=run.daemon.worker, claimed_at=wall_clock())
                     .returning(_MESSAGES.c.id))
        return sorted(session.scalars(statement))


def _send(store: Store, run: Pass, outlet: Outlet, ids: list[int]) -> None:
    with store.transaction() as session:
        rows = session.scalars(select(MessageRow).where(MessageRow.id.in_(ids)).order_by(MessageRow.id)).all()
        done = _all_items_done(session, ids)
    by_key = {row.key: row for row in rows}
    pending = []
    for row in rows:
        if row.id in done:
            _record(store, run, row, MessageState.CANCELLED, error=say("deliveries.why-cancelled", run.config.language))
        else:
            pending.append(as_message(row))
    try:
        outlet.deliver(pending, lambda delivery: _outcome(store, run, by_key[delivery.key], delivery))
    except BaseException:
        _release(store, run, ids)  # whatever broke, the rest of the batch goes back to the queue
        raise


def as_message(row):
    """An outbox row as its channel's notifiers message (the key is the row's unique key)."""
    return channel(row.channel).message(key=row.key, recipient=row.recipient, subject=row.subject, text=row.text,
                                        html=row.html)


def _all_items_done(session: Session, ids: list[int]) -> set[int]:
    """Daily messages none of whose items is still open or missed."""
    told = defaultdict(set)  # message → the items its notices named
    for message_id, item_ids in session.execute(
            select(NoticeRow.message_id, NoticeRow.item_ids).join(MessageRow, MessageRow.id == NoticeRow.message_id)
            .where(NoticeRow.message_id.in_(ids), MessageRow.kind == MessageKind.DAILY)):
        told[message_id].update(item_ids)
    items = set().union(*told.values())
    still_open = set(session.scalars(select(DueItem.id).where(DueItem.id.in_(items), DueItem.status.in_(_OPEN))))
    return {message_id for message_id, item_ids in told.items() if not item_ids & still_open}


def _outcome(store: Store, run: Pass, row: MessageRow, delivery: Delivery) -> None:
    error = delivery.error
    if error is None:
        _record(store, run, row, MessageState.SENT)
        return
    attempts = row.attempts + 1
    if error.permanent or attempts >= run.config.daemon.max_attempts:
        reason = error.message if error.permanent else say("deliveries.gave-up", run.config.language,
                                                           attempts=attempts, error=error.message)
        _record(store, run, row, MessageState.FAILED, error=reason, permanent=error.permanent)
    else:
        retry_at = run.now + backoff(run, attempts)
        _record(store, run, row, MessageState.PENDING, error=error.message, retry_at=retry_at)


def backoff(run: Pass, attempts: int) -> dt.timedelta:
    """Twice as long after each failed attempt, from [daemon] retry_minutes to retry_max_hours."""
    daemon = run.config.daemon
    minutes = daemon.retry_minutes * 2 ** min(attempts - 1, 20)
    return min(dt.timedelta(minutes=minutes), dt.timedelta(hours=daemon.retry_max_hours))


def _record(store: Store, run: Pass, row: MessageRow, state: MessageState, *, error: str | None = None,
            permanent: bool = False, retry_at: dt.datetime | None = None) -> None:
    values = {"state": state, "last_error": error, "permanent": permanent, "claimed_by": None}
    if state is not MessageState.CANCELLED:
        values["attempts"] = row.attempts + 1
    if state is MessageState.SENT:
        values["sent_at"] = run.now
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    with store.transaction() as session:
        changed = session.execute(update(_MESSAGES).where(_MESSAGES.c.id == row.id,
                                                          _MESSAGES.c.claimed_by == run.daemon.worker)
                                  .values(**values)).rowcount
    _count_and_log(run, row, state, error, retry_at, changed)


def _count_and_log(run: Pass, row: MessageRow, state: MessageState, error, retry_at, changed: int) -> None:
    counts = run.counts
    if not changed:
        log.warning("%s %s: its claim was taken over meanwhile; outcome %s not recorded", row.channel,
                    row.key, state.value)
    elif state is MessageState.SENT:
        counts.sent += 1
        log.info("sent %s %s to %s", row.channel, row.key, row.recipient)
    elif state is MessageState.CANCELLED:
        counts.cancelled += 1
        log.info("cancelled %s %s: %s", row.channel, row.key, error)
    elif state is MessageState.FAILED:
        counts.failed += 1
        log.warning("failed %s %s to %s: %s", row.channel, row.key, row.recipient, error)
    else:
        counts.retried += 1
        log.warning("retry %s %s at %s: %s", row.channel, row.key, retry_at.isoformat(timespec="minutes"), error)


def _release(store: Store, run: Pass, ids: list[int]) -> None:
    """Rows of a broken batch still claimed by us go back, their next attempt pushed forward."""
    with store.transaction() as session:
        session.execute(update(_MESSAGES)
                        .where(_MESSAGES.c.id.in_(ids), _MESSAGES.c.state == MessageState.SENDING,
                               _MESSAGES.c.claimed_by == run.daemon.worker)
                        .values(state=MessageState.PENDING, claimed_by=None,
                                next_attempt_at=run.now + backoff(run, 1)))


def release_stale_claims(session: Session, run: Pass) -> int:
    """Give back rows claimed by a process that is gone: at once when it ran on this host (its
    pid no longer exists), else after [daemon] claim_minutes."""
    expired = wall_clock() - dt.timedelta(minutes=run.config.daemon.claim_minutes)
    claimers = session.scalars(select(_MESSAGES.c.claimed_by).where(_MESSAGES.c.state == MessageState.SENDING)
                               .distinct()).all()
    dead = [c for c in claimers if c and c != run.daemon.worker and _dead_here(c)]
    stale = (_MESSAGES.c.claimed_at < expired) | _MESSAGES.c.claimed_by.in_(dead)
    released = session.execute(update(_MESSAGES).where(and_(_MESSAGES.c.state == MessageState.SENDING, stale))
                               .values(state=MessageState.PENDING, claimed_by=None)).rowcount
    if released:
        log.warning("took back %d messages claimed by processes that stopped (%s)", released, ", ".join(dead) or "expired")
    return released


def wall_clock() -> dt.datetime:
    """Real time, for claims only (see the module's docstring); the schedule's time is ``run.now``."""
    return dt.datetime.now(dt.timezone.utc)


def _dead_here(worker: str) -> bool:
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False
