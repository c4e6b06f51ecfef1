"""One pass of the daemon at one moment: the steps in order, each in its own transaction.

    counts = run_pass(store, daemon, now, outlets)        # what `cadence run` does each minute
    preview = dry_run(store, daemon, now)                 # `cadence tick --dry-run`

A step that breaks on some rows (``BrokenRows``) has those rows' next attempt pushed forward in
a fresh transaction before the error goes on up: the next pass does everything else, and the
broken rows come back an hour later rather than crashing every pass. A step that lost a race
to another process (its claim found the rows already taken, or SQLite found the database
changed under it) simply looks again.

``stopping`` (a threading.Event set by SIGTERM) is checked between steps: the current step
finishes, nothing new starts.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from cadence.collector import collector_paused
from cadence.daemon.compose import LostRace, handle_one_composition
from cadence.daemon.context import BrokenRows, Counts, Daemon, Pass
from cadence.daemon.digest import handle_digest
from cadence.daemon.expiry import handle_expiry
from cadence.daemon.items import handle_one_item_batch
from cadence.daemon.latency import timed
from cadence.daemon.send import handle_one_send_batch, release_stale_claims
from cadence.store import RACES, Store, lost_race
from cadence.store.moments import push_forward
from cadence.store.outbox import MessageKind, MessageState
from cadence.store.queue import due_now
from cadence.store.watch import record_pass

log = logging.getLogger("cadence.daemon")

BROKEN_ROW_DELAY = dt.timedelta(hours=1)
_RACES = 20  # looks again after a lost race, at most this many times in a row


def collector_paused_for(step) -> AbstractContextManager:
    """How ``step`` runs: the item step with the collector paused (``cadence.collector``), the
    others as they are: composing gains nothing from the pause and would hold 100 MB more at its
    peak, and sending waits on the network."""
    return collector_paused() if step is handle_one_item_batch else nullcontext()


def run_pass(store: Store, daemon: Daemon, now: dt.datetime, outlets: dict,
             stopping: threading.Event | None = None) -> Counts:
    """Items, the digest, composing, ending what is no longer worth sending, sending: everything
    due at ``now``. A pass that went through is recorded on this daemon's row, with its send
    latencies (``/healthz``, ``/metrics``)."""
    run = Pass(daemon=daemon, now=now)
    with store.transaction() as session:
        release_stale_claims(session, run)
    for step in (handle_one_item_batch, handle_digest, handle_one_composition):
        with collector_paused_for(step):
            _repeat(store, run, step, stopping)
    if not _stopped(stopping):
        handle_expiry(store, run)
    outlets = timed(outlets, run.latency)
    while not _stopped(stopping) and handle_one_send_batch(store, run, outlets):
        pass
    with store.transaction() as session:  # for /healthz and /metrics (cadence.store.watch)
        record_pass(session, worker=daemon.worker, at=now, latency=run.latency)
    # A pass that found nothing (every minute but the mornings) is a debug line, not a log entry.
    log.log(logging.INFO if run.counts.busy else logging.DEBUG, "pass at %s: %s",
            now.isoformat(timespec="minutes"), run.counts.summary())
    return run.counts


def _repeat(store: Store, run: Pass, step, stopping: threading.Event | None) -> None:
    races = 0
    while not _stopped(stopping):
        try:
            with store.transaction() as session:
                found = step(session, run)
        except BrokenRows as broken:
            with store.transaction() as session:
                push_forward(session, broken.ids, run.now, BROKEN_ROW_DELAY)
            log.error("%s broke on %s; looked at again after %s", step.__name__, broken, BROKEN_ROW_DELAY)
            raise
        except (LostRace, *RACES) as race:
            races += 1
            if races > _RACES or not (isinstance(race, LostRace) or lost_race(race)):
                raise
            log.info("%s: another process was first (%s); looking again", step.__name__, type(race).__name__)
            continue
        if not found or step is handle_digest:
            return


def _stopped(stopping: threading.Event | None) -> bool:
    return stopping is not None and stopping.is_set()


@dataclass(frozen=True, kw_only=True)
class Preview:
    """A message a pass would send."""

    key: str
    kind: MessageKind
    channel: str
    recipient: str
    subject: str
    text: str
    state: MessageState
    error: str | None


def dry_run(store: Store, daemon: Daemon, now: dt.datetime) -> tuple[Counts, list[Preview]]:
    """What a pass at ``now`` would do and send, computed in one transaction rolled back at the
    end: nothing in the database changes and nothing is sent."""
    run = Pass(daemon=daemon, now=now)
    with store.rehearsal() as session:
        while handle_one_item_batch(session, run):
            pass
        handle_digest(session, run)
        while handle_one_composition(session, run):
            pass
        return run.counts, [Preview(key=m.key, kind=m.kind, channel=m.channel, recipient=m.recipient,
                                    subject=m.subject, text=m.text, state=m.state, error=m.error)
                            for m in due_now(session, now)]
