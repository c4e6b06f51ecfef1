"""A channel that keeps failing is told to the admins through the other channels, once per
outage, and shown on the board's header (``cadence.store.health``).

After each batch the send step reports what the channel did. One delivery ends an outage (the
server is back; a message refused for its own sake is permanent and counts for nothing here).
Transient failures add up; once there are ``[delivery] alert_after_failures`` in a row and the
first is ``alert_after_minutes`` old, the one process that claims the outage writes an alert
to each of ``[delivery] admins`` that another enabled channel can reach (mail down: SMS to
the admins' phones; SMS down: e-mail). Both conditions, because a batch of fifty messages
meets a refused connection fifty times in a second, and a lone message retried with backoff
takes half an hour to fail five times: either alone would alarm too early or too late.
The alerts are ordinary outbox messages (kind ALERT), sent by the same step.
"""
from __future__ import annotations

import datetime as dt
import logging

from cadence.catalogue import MissingWord, say
from cadence.channels import channel as channel_of
from cadence.daemon.context import Pass
from cadence.store import Store
from cadence.store.health import Failing, claim_alert, failed, recovered
from cadence.store.outbox import MessageKind
from cadence.store.queue import Letter, free_key, queue
from cadence.tz import LOCAL

log = logging.getLogger("cadence.daemon")


def after_batch(store: Store, run: Pass, kind: str, *, delivered: int, failures: int, error: str | None) -> None:
    """What ``kind`` did in one batch: an outage ends, grows, or is told to the admins."""
    if not delivered and not failures:
        return
    with store.transaction() as session:
        if delivered:
            ended = recovered(session, kind)
            if ended is not None:
                log.warning("%s delivers again (failing since %s, %d failures)", kind,
                            ended.since.isoformat(timespec="minutes"), ended.failures)
            return
        failed(session, kind, failures, error or "", run.now)
        delivery = run.config.delivery
        outage = claim_alert(session, kind, failures=delivery.alert_after_failures,
                             since_before=run.now - dt.timedelta(minutes=delivery.alert_after_minutes), now=run.now)
        if outage is not None:
            run.counts.alerts += _alert(session, run, outage)


def _alert(session, run: Pass, outage: Failing) -> int:
    """An alert to each admin on each other enabled channel that takes the address; how many."""
    written = 0
    for other in run.config.notifiers.enabled():
        if other == outage.channel:
            continue
        for address in _reachable(other, run.config.delivery.admins):
            queue(session, _letter(session, run, outage, other, address), run.now)
            written += 1
    log.error("%s failing since %s (%d failures in a row: %s); %d alerts written to the admins", outage.channel,
              outage.since.isoformat(timespec="minutes"), outage.failures, outage.error, written)
    return written


def _reachable(kind: str, admins: tuple[str, ...]) -> list[str]:
    plugin, found = channel_of(kind), []
    for address in admins:
        try:
            found.append(plugin.address(address))
        except ValueError:
            continue  # an address of another channel
    return found


def _letter(session, run: Pass, outage: Failing, kind: str, address: str) -> Letter:
    lang = run.config.language
    what = channel_name(outage.channel, lang)
    fields = {"channel": what, "since": outage.since, "failures": outage.failures, "waiting": outage.waiting,
              "error": outage.error or ""}
    rendered = channel_of(kind).letter(subject=say("delivery.alert.subject", lang, **fields),
                                       text=say("delivery.alert.text", lang, **fields),
                                       brief=say("delivery.alert.brief", lang, **fields))
    key = free_key(session, f"alert|{outage.channel}|{outage.since.isoformat(timespec='minutes')}|{kind}|{address}")
    return Letter(key=key, kind=MessageKind.ALERT, channel=kind, recipient=address, name="", subject=rendered.subject,
                  text=rendered.text, day=run.now.astimezone(LOCAL).date())


def channel_name(kind: str, lang) -> str:
    """"Máy chủ thư", "Cổng SMS": what people call the channel's far end; a channel the
    catalogue does not name is called by its kind."""
    try:
        return say(f"delivery.channel.{kind}", lang)
    except MissingWord:
        return kind
