"""The step from the outbox to the channels: ``handle_one_send_batch(store, run, outlets) -> bool``.

1. Claim: one conditional UPDATE moves a batch of due PENDING rows of one channel to SENDING,
   stamped with this process's name (``… WHERE state = 'pending' … RETURNING id``; on
   PostgreSQL the candidates are read FOR UPDATE SKIP LOCKED). Only one process wins a row.
   The claim is committed before anything is sent.
2. Send, recording each outcome in its own transaction the moment the channel reports it:
   SENT; FAILED with ``permanent`` (address refused, malformed number); or back to PENDING
   with ``next_attempt_at`` pushed out by the backoff (server down, timeout, 4xx), for as long
   as the message is worth sending: ``cadence.daemon.expiry`` ends the ones that no longer
   are. One bad message never stops the others.
3. Messages all of whose items were done before they went are CANCELLED instead of sent.
4. What the channel did in the batch goes to ``cadence.daemon.outages``: a channel that keeps
   failing is told to the admins through another.

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

from cadence.catalogue import say
from cadence.channels import Outlet, channel
from cadence.daemon.context import Pass
from cadence.daemon.outages import after_batch
from cadence.store import Store, Transaction
from cadence.store.outbox import MessageState
from cadence.store.queue import Outcome, Queued, all_items_done, claim, claimers, messages, record, release, release_claims

log = logging.getLogger("cadence.daemon")


def handle_one_send_batch(store: Store, run: Pass, outlets: dict[str, Outlet]) -> bool:
    """Claim and send one batch of one channel; False when nothing is due on any channel."""
    for kind, outlet in outlets.items():
        size = channel(kind).batch(run.config.notifiers.section(kind))
        ids = claim(store, kind, size, worker=run.daemon.worker, now=run.now, claimed_at=wall_clock())
        if ids:
            _send(store, run, outlet, ids)
            return True
    return False


def _send(store: Store, run: Pass, outlet: Outlet, ids: list[int]) -> None:
    with store.transaction() as session:
        rows = messages(session, ids)
        done = all_items_done(session, ids)
    by_key = {row.key: row for row in rows}
    pending = []
    for row in rows:
        if row.id in done:
            _record(store, run, row, Outcome(state=MessageState.CANCELLED,
                                             error=say("deliveries.why-cancelled", run.config.language)))
        else:
            pending.append(as_message(row))
    heard = []
    try:
        outlet.deliver(pending, lambda delivery: heard.append(_outcome(store, run, by_key[delivery.key], delivery)))
    except BaseException:
        release(store, ids, run.daemon.worker, run.now + backoff(run, 1))  # whatever broke, the rest goes back
        raise
    transient = [error for error in heard if error is not None and not error.permanent]
    after_batch(store, run, rows[0].channel, delivered=heard.count(None), failures=len(transient),
                error=transient[-1].message if transient else None)


def as_message(row: Queued):
    """An outbox row as its channel's notifiers message (the key is the row's unique key)."""
    return channel(row.channel).message(key=row.key, recipient=row.recipient, subject=row.subject, text=row.text,
                                        html=row.html)


def _outcome(store: Store, run: Pass, row: Queued, delivery):
    """Record what became of one message; its error (None once delivered)."""
    error, attempts = delivery.error, row.attempts + 1
    if error is None:
        _record(store, run, row, Outcome(state=MessageState.SENT, attempts=attempts, sent_at=run.now))
    elif error.permanent:
        _record(store, run, row, Outcome(state=MessageState.FAILED, error=error.message, permanent=True,
                                         attempts=attempts))
    else:
        _record(store, run, row, Outcome(state=MessageState.PENDING, error=error.message, attempts=attempts,
                                         retry_at=run.now + backoff(run, attempts)))
    return error


def backoff(run: Pass, attempts: int) -> dt.timedelta:
    """Twice as long after each failed attempt, from [daemon] retry_minutes to retry_max_hours."""
    daemon = run.config.daemon
    minutes = daemon.retry_minutes * 2 ** min(attempts - 1, 20)
    return min(dt.timedelta(minutes=minutes), dt.timedelta(hours=daemon.retry_max_hours))


def _record(store: Store, run: Pass, row: Queued, outcome: Outcome) -> None:
    changed = record(store, row.id, run.daemon.worker, outcome)
    counts, state, error = run.counts, outcome.state, outcome.error
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
        log.warning("retry %s %s at %s: %s", row.channel, row.key, outcome.retry_at.isoformat(timespec="minutes"), error)


def release_stale_claims(session: Transaction, run: Pass) -> int:
    """Give back rows claimed by a process that is gone: at once when it ran on this host (its
    pid no longer exists), else after [daemon] claim_minutes."""
    expired = wall_clock() - dt.timedelta(minutes=run.config.daemon.claim_minutes)
    dead = [c for c in claimers(session) if c and c != run.daemon.worker and _dead_here(c)]
    released = release_claims(session, claimed_before=expired, claimed_by=dead)
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
