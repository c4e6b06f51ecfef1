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
from itertools import groupby

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from cadence.daemon.context import Pass
from cadence.daemon.render import daily_context, item_lines, render_daily
from cadence.store.outbox import MessageKind, MessageRow, MessageState, NoticeRow

log = logging.getLogger("cadence.daemon")


class LostRace(Exception):
    """Another process composed some of these notices first: roll back and look again."""


def handle_one_composition(session: Session, run: Pass) -> bool:
    """Compose the messages of one batch of unassigned notices; False when there are none."""
    groups = _next_groups(session, run.config.daemon.batch)
    if not groups:
        return False
    lines = item_lines(session, {item_id for group in groups for n in group for item_id in n.item_ids},
                       run.daemon.policy.states.as_of(run.now))
    for group in groups:
        _compose(session, run, group, lines)
    return True


def _person_day(notice: NoticeRow) -> tuple:
    return notice.day, notice.channel, notice.recipient


def _next_groups(session: Session, batch: int) -> list[list[NoticeRow]]:
    """Whole groups of notices (a person's day on a channel), about ``batch`` notices in all:
    a group cut by the limit is left for the next call, or read whole when it is alone."""
    query = (select(NoticeRow).where(NoticeRow.message_id.is_(None))
             .order_by(NoticeRow.day, NoticeRow.channel, NoticeRow.recipient, NoticeRow.id))
    notices = session.scalars(_locked(session, query.limit(batch))).all()
    groups = [list(g) for _, g in groupby(notices, key=_person_day)]
    if len(notices) < batch or not groups:
        return groups
    if len(groups) > 1:
        return groups[:-1]
    day, channel, recipient = _person_day(groups[0][0])
    whole = query.where(NoticeRow.day == day, NoticeRow.channel == channel, NoticeRow.recipient == recipient)
    return [list(session.scalars(_locked(session, whole)))]


def _locked(session: Session, query):
    """On PostgreSQL, skip notices another daemon is composing."""
    return query.with_for_update(skip_locked=True) if session.get_bind().dialect.name == "postgresql" else query


def _compose(session: Session, run: Pass, notices: list[NoticeRow], lines) -> None:
    first = notices[0]
    row = MessageRow(
        key=_free_key(session, f"{first.day.isoformat()}/{first.channel}/{first.recipient}"),
        kind=MessageKind.DAILY, channel=first.channel, recipient=first.recipient, name=first.name,
        day=first.day, state=MessageState.PENDING, attempts=0, permanent=False,
        created_at=run.now, next_attempt_at=run.now, subject="", text="")
    try:
        context = daily_context(notices, lines, _link_maker(run))
        row.subject, row.text, row.html = render_daily(run.daemon.renderer, context, first.channel,
                                                       run.config.language)
    except Exception as error:  # a template an office edited, or a link: recorded, never fatal
        _record_broken(row, error)
    session.add(row)
    session.flush()
    ids = [n.id for n in notices]
    claimed = session.execute(update(NoticeRow).where(NoticeRow.id.in_(ids), NoticeRow.message_id.is_(None))
                              .values(message_id=row.id).execution_options(synchronize_session=False)).rowcount
    if claimed != len(ids):
        raise LostRace(row.key)
    run.counts.messages[MessageKind.DAILY] += 1
    log.info("queued %s %s for %s (%d notices)%s", row.channel, row.key, row.recipient, len(ids),
             f": NOT SENDABLE: {row.last_error}" if row.state is MessageState.FAILED else "")


def _record_broken(row: MessageRow, error: Exception) -> None:
    row.state, row.permanent = MessageState.FAILED, True
    row.last_error = str(error) if str(error) else type(error).__name__
    log.error("message %s cannot be written: %s", row.key, row.last_error)


def _free_key(session: Session, base: str) -> str:
    key, number = base, 1
    while session.scalar(select(exists().where(MessageRow.key == key))):
        number += 1
        key = f"{base}#{number}"
    return key


def _link_maker(run: Pass):
    """Completion links for the web pages (issue 5): signed, expiring, one per unit."""
    from cadence.links import completion_url

    return lambda item_ids, unit_id: completion_url(run.config, list(item_ids), unit_id, run.now)
