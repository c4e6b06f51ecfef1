"""The step before sending: messages no longer worth sending stop waiting, each with its reason.

A transient failure never ends a message (``cadence.daemon.send``); time does:
- a reminder (a daily message all of whose notices are reminders) is worth sending until its
  items' due moment: after that it is STALE (the items are missed, and escalation takes over);
- any other message (an escalation, a digest, a fresh link, an alert) is worth sending until
  it is ``[delivery] give_up_after_days`` old: after that it is FAILED, not ``permanent``.

Either way the row says why, with the last failure, in the office's language; `cadence outbox
retry` puts it back. The step reads only PENDING rows, so it costs the size of the backlog.
"""
from __future__ import annotations

import datetime as dt
import logging

from cadence.catalogue import say
from cadence.daemon.context import Pass
from cadence.store import Store
from cadence.store.outbox import MessageState
from cadence.store.queue import Waiting, end, past_due, too_old

log = logging.getLogger("cadence.daemon")


def handle_expiry(store: Store, run: Pass) -> int:
    """Stale reminders and messages too old to send end now; how many."""
    days = run.config.delivery.give_up_after_days
    ended = 0
    with store.transaction() as session:
        for waiting in past_due(session, run.now):
            ended += _end(session, run, waiting, MessageState.STALE,
                          _reason(run, "delivery.stale", waiting, due=waiting.due))
        for waiting in too_old(session, run.now - dt.timedelta(days=days)):
            ended += _end(session, run, waiting, MessageState.FAILED,
                          _reason(run, "delivery.too-old", waiting, days=days))
    return ended


def _reason(run: Pass, key: str, waiting: Waiting, **fields) -> str:
    lang = run.config.language
    reason = say(key, lang, **fields)
    return reason if waiting.error is None else say("delivery.last-error", lang, reason=reason, error=waiting.error)


def _end(session, run: Pass, waiting: Waiting, state: MessageState, reason: str) -> bool:
    if not end(session, waiting.id, state, reason):
        return False  # claimed meanwhile: the sending decides
    if state is MessageState.STALE:
        run.counts.stale += 1
    else:
        run.counts.failed += 1
    log.warning("%s %s %s: %s", state.value, waiting.channel, waiting.key, reason)
    return True
