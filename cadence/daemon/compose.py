"""The step from notices to messages: ``handle_one_composition(session, run) -> bool``.

All the notices of one person, channel and day become one message (one SMS a day, however many
items), rendered now and written to the outbox before anything is sent. The message key is
``<day>/<channel>/<recipient>``; should more notices for the same person arrive later the same
day (an item created during the day), they make a second message, ``…#2``: never a change to a
message that may already be on its way.

A template that fails, or a link that cannot be made, does not stop anything: the message is
written FAILED with the reason (template and line) and the other messages go on.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from cadence.daemon.context import Pass
from cadence.daemon.render import daily_context, render_daily
from cadence.store import Transaction
from cadence.store.items import item_lines
from cadence.store.notices import Notice, assign, next_groups
from cadence.store.outbox import MessageKind
from cadence.store.queue import Letter, free_key, queue

log = logging.getLogger("cadence.daemon")


class LostRace(Exception):
    """Another process composed some of these notices first: roll back and look again."""


def handle_one_composition(session: Transaction, run: Pass) -> bool:
    """Compose the messages of one batch of unassigned notices; False when there are none."""
    groups = next_groups(session, run.config.daemon.batch)
    if not groups:
        return False
    lines = item_lines(session, {item_id for group in groups for n in group for item_id in n.item_ids},
                       run.daemon.policy.states.as_of(run.now))
    for group in groups:
        _compose(session, run, group, lines)
    return True


def _compose(session: Transaction, run: Pass, notices: list[Notice], lines) -> None:
    first = notices[0]
    key = free_key(session, f"{first.day.isoformat()}/{first.channel}/{first.recipient}")
    letter = Letter(key=key, kind=MessageKind.DAILY, channel=first.channel, recipient=first.recipient,
                    name=first.name, day=first.day)
    try:
        context = daily_context(notices, lines, _link_maker(run))
        subject, text, html = render_daily(run.daemon.renderer, context, first.channel, run.config.language)
        letter = replace(letter, subject=subject, text=text, html=html)
    except Exception as error:  # a template an office edited, or a link: recorded, never fatal
        letter = replace(letter, failed=str(error) or type(error).__name__)
        log.error("message %s cannot be written: %s", key, letter.failed)
    message_id = queue(session, letter, run.now)
    if not assign(session, [n.id for n in notices], message_id):
        raise LostRace(key)
    run.counts.messages[MessageKind.DAILY] += 1
    log.info("queued %s %s for %s (%d notices)%s", letter.channel, key, letter.recipient, len(notices),
             f": NOT SENDABLE: {letter.failed}" if letter.failed else "")


def _link_maker(run: Pass):
    """Completion links for the web pages: signed, expiring, one per unit."""
    from cadence.links import completion_url

    return lambda item_ids, unit_id: completion_url(run.config, list(item_ids), unit_id, run.now)
