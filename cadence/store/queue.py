"""The outbox as a queue (``outbox.MessageRow``): messages written before anything is sent,
claimed by one process at a time, each outcome recorded, claims of a dead process released, and
a broken batch pushed forward.

    queue(session, letter, now)               write a message (PENDING, or FAILED with its reason)
    claim(store, channel, size, worker, now)  PENDING → SENDING for one batch, committed at once
    record(store, id, worker, outcome)        SENT / FAILED / PENDING again (retry) / CANCELLED
    release(store, ids, worker, retry_at)     a broken batch goes back, its next attempt later
    past_due(session, now) / too_old(...)     PENDING messages no longer worth sending
    end(session, id, state, reason)           such a message STALE or FAILED, with its reason

The claim is one conditional UPDATE (``… WHERE state = 'pending' … RETURNING id``; on
PostgreSQL its candidates are read FOR UPDATE SKIP LOCKED), so only one process wins a row, and
a recorded outcome only lands while the row is still claimed by the one recording it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, select, update
from sqlalchemy.orm import Session

from cadence.kinds import ItemStatus
from cadence.store.models import DueItem, DueMoment
from cadence.store.outbox import MessageKind, MessageRow, MessageState, NoticeKind, NoticeRow
from cadence.store.session import Store

_MESSAGES = MessageRow.__table__
_OPEN = (ItemStatus.OPEN, ItemStatus.MISSED)


@dataclass(frozen=True, kw_only=True)
class Letter:
    """A message to write to the outbox: rendered, addressed, keyed. ``failed`` is why it cannot
    be sent (a template an office broke), recorded on its row instead of stopping anything."""

    key: str
    kind: MessageKind
    channel: str
    recipient: str
    name: str
    day: dt.date
    subject: str = ""
    text: str = ""
    html: str | None = None
    failed: str | None = None


@dataclass(frozen=True, kw_only=True)
class Queued:
    """A message as the queue holds it."""

    id: int
    key: str
    kind: MessageKind
    channel: str
    recipient: str
    subject: str
    text: str
    html: str | None
    state: MessageState
    attempts: int
    error: str | None


def free_key(session: Session, base: str) -> str:
    """``base``, or ``base#2``, ``#3``… when a message already has it (more notices for the same
    person the same day make a second message, never a change to one that may be on its way)."""
    key, number = base, 1
    while session.scalar(select(exists().where(MessageRow.key == key))):
        number += 1
        key = f"{base}#{number}"
    return key


def queue(session: Session, letter: Letter, now: dt.datetime) -> int:
    """Write the message, due now; its id."""
    row = _row(letter, now)
    session.add(row)
    session.flush()
    return row.id


def queue_all(session: Session, letters: list[Letter], now: dt.datetime) -> None:
    session.add_all(_row(letter, now) for letter in letters)


def _row(letter: Letter, now: dt.datetime) -> MessageRow:
    failed = letter.failed is not None
    return MessageRow(key=letter.key, kind=letter.kind, channel=letter.channel, recipient=letter.recipient,
                      name=letter.name, day=letter.day, subject=letter.subject, text=letter.text, html=letter.html,
                      state=MessageState.FAILED if failed else MessageState.PENDING, attempts=0, permanent=failed,
                      last_error=letter.failed, created_at=now, next_attempt_at=now)


def claim(store: Store, channel: str, size: int, *, worker: str, now: dt.datetime, claimed_at: dt.datetime) -> list[int]:
    """Up to ``size`` due PENDING messages of one channel become SENDING, claimed by ``worker``;
    committed before anything is sent. Their ids."""
    with store.transaction() as session:
        candidates = (select(_MESSAGES.c.id)
                      .where(_MESSAGES.c.state == MessageState.PENDING, _MESSAGES.c.channel == channel,
                             _MESSAGES.c.next_attempt_at <= now)
                      .order_by(_MESSAGES.c.next_attempt_at, _MESSAGES.c.id).limit(size))
        if store.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        statement = (update(_MESSAGES)
                     .where(_MESSAGES.c.id.in_(candidates.scalar_subquery()), _MESSAGES.c.state == MessageState.PENDING)
                     .values(state=MessageState.SENDING, claimed_by=worker, claimed_at=claimed_at)
                     .returning(_MESSAGES.c.id))
        return sorted(session.scalars(statement))


def messages(session: Session, ids: list[int]) -> list[Queued]:
    """The messages ``ids``, by id."""
    rows = session.scalars(select(MessageRow).where(MessageRow.id.in_(ids)).order_by(MessageRow.id))
    return [_queued(row) for row in rows]


def _queued(row: MessageRow) -> Queued:
    return Queued(id=row.id, key=row.key, kind=row.kind, channel=row.channel, recipient=row.recipient,
                  subject=row.subject, text=row.text, html=row.html, state=row.state, attempts=row.attempts,
                  error=row.last_error)


def all_items_done(session: Session, ids: list[int]) -> set[int]:
    """Daily messages none of whose items is still open (the items their notices named)."""
    told = defaultdict(set)  # message → the items its notices named
    for message_id, item_ids in session.execute(
            select(NoticeRow.message_id, NoticeRow.item_ids).join(MessageRow, MessageRow.id == NoticeRow.message_id)
            .where(NoticeRow.message_id.in_(ids), MessageRow.kind == MessageKind.DAILY)):
        told[message_id].update(item_ids)
    items = set().union(*told.values())
    still_open = set(session.scalars(select(DueItem.id).where(DueItem.id.in_(items), DueItem.status.in_(_OPEN))))
    return {message_id for message_id, item_ids in told.items() if not item_ids & still_open}


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What became of one message: its new state, and what goes with it."""

    state: MessageState
    error: str | None = None
    permanent: bool = False
    attempts: int | None = None  # None: unchanged (a cancelled message was never tried)
    sent_at: dt.datetime | None = None
    retry_at: dt.datetime | None = None


def record(store: Store, message_id: int, worker: str, outcome: Outcome) -> bool:
    """The outcome on the message's row, in its own transaction, if ``worker`` still holds its
    claim; whether it did."""
    values = {"state": outcome.state, "last_error": outcome.error, "permanent": outcome.permanent,
              "claimed_by": None}
    if outcome.attempts is not None:
        values["attempts"] = outcome.attempts
    if outcome.sent_at is not None:
        values["sent_at"] = outcome.sent_at
    if outcome.retry_at is not None:
        values["next_attempt_at"] = outcome.retry_at
    with store.transaction() as session:
        return bool(session.execute(update(_MESSAGES).where(_MESSAGES.c.id == message_id,
                                                             _MESSAGES.c.claimed_by == worker)
                                    .values(**values)).rowcount)


def release(store: Store, ids: list[int], worker: str, retry_at: dt.datetime) -> None:
    """Rows of a broken batch still claimed by ``worker`` go back, their next attempt pushed
    forward to ``retry_at``."""
    with store.transaction() as session:
        session.execute(update(_MESSAGES)
                        .where(_MESSAGES.c.id.in_(ids), _MESSAGES.c.state == MessageState.SENDING,
                               _MESSAGES.c.claimed_by == worker)
                        .values(state=MessageState.PENDING, claimed_by=None, next_attempt_at=retry_at))


def claimers(session: Session) -> list[str]:
    """The workers holding claims now."""
    return session.scalars(select(_MESSAGES.c.claimed_by).where(_MESSAGES.c.state == MessageState.SENDING)
                           .distinct()).all()


def release_claims(session: Session, *, claimed_before: dt.datetime, claimed_by: list[str]) -> int:
    """Claims older than ``claimed_before``, or held by ``claimed_by``, go back to PENDING; how many."""
    stale = (_MESSAGES.c.claimed_at < claimed_before) | _MESSAGES.c.claimed_by.in_(claimed_by)
    return session.execute(update(_MESSAGES).where(and_(_MESSAGES.c.state == MessageState.SENDING, stale))
                           .values(state=MessageState.PENDING, claimed_by=None)).rowcount


def due_now(session: Session, now: dt.datetime) -> list[Queued]:
    """What a pass at ``now`` would send: the messages written at ``now`` (the unsendable ones
    too, with their reasons), then those already waiting, each list by id."""
    written = select(MessageRow).where(MessageRow.next_attempt_at <= now, MessageRow.created_at == now,
                                       MessageRow.state.in_((MessageState.PENDING, MessageState.FAILED)))
    waiting = select(MessageRow).where(MessageRow.state == MessageState.PENDING, MessageRow.next_attempt_at <= now,
                                       MessageRow.created_at != now)
    return [_queued(row) for query in (written, waiting) for row in session.scalars(query.order_by(MessageRow.id))]


@dataclass(frozen=True, kw_only=True)
class Waiting:
    """A PENDING message no longer worth sending: ``due`` is when its items were due (a
    reminder), ``error`` its last failure (None if it was never tried)."""

    id: int
    key: str
    channel: str
    due: dt.datetime | None
    error: str | None


def past_due(session: Session, now: dt.datetime) -> list[Waiting]:
    """PENDING reminders (daily messages whose notices are all reminders) whose items' latest
    due moment is before ``now``. Messages written at ``now`` are left out: a pass writes only
    what is worth sending, and a busy morning's new messages cost this query nothing. So are
    those an operator put back (``retried_at``): they asked for them to go."""
    escalations = func.sum(case((NoticeRow.kind == NoticeKind.ESCALATION, 1), else_=0))
    due = func.max(DueMoment.due_at)
    query = (select(MessageRow.id, MessageRow.key, MessageRow.channel, due, MessageRow.last_error)
             .join(NoticeRow, NoticeRow.message_id == MessageRow.id)
             .join(DueMoment, DueMoment.id == NoticeRow.moment_id)
             .where(MessageRow.state == MessageState.PENDING, MessageRow.kind == MessageKind.DAILY,
                    MessageRow.created_at < now, MessageRow.retried_at.is_(None))
             .group_by(MessageRow.id, MessageRow.key, MessageRow.channel, MessageRow.last_error)
             .having(escalations == 0, due < now).order_by(MessageRow.id))
    return [Waiting(id=i, key=k, channel=c, due=d, error=e) for i, k, c, d, e in session.execute(query)]


def too_old(session: Session, written_before: dt.datetime) -> list[Waiting]:
    """PENDING messages written (or put back by an operator) before ``written_before`` that are
    not reminders (escalations, digests, links, alerts: a reminder is worth sending until its
    items are due, however old; once an operator put it back, it is given this age too)."""
    reminder_only = and_(MessageRow.kind == MessageKind.DAILY,
                         ~exists().where(NoticeRow.message_id == MessageRow.id,
                                         NoticeRow.kind == NoticeKind.ESCALATION))
    query = (select(MessageRow.id, MessageRow.key, MessageRow.channel, MessageRow.last_error)
             .where(MessageRow.state == MessageState.PENDING,
                    func.coalesce(MessageRow.retried_at, MessageRow.created_at) < written_before,
                    ~reminder_only | MessageRow.retried_at.is_not(None)).order_by(MessageRow.id))
    return [Waiting(id=i, key=k, channel=c, due=None, error=e) for i, k, c, e in session.execute(query)]


def end(session: Session, message_id: int, state: MessageState, reason: str) -> bool:
    """A PENDING message becomes ``state`` (STALE, FAILED) with its reason, unless a process
    claimed it meanwhile; whether it did."""
    return bool(session.execute(update(_MESSAGES)
                                .where(_MESSAGES.c.id == message_id, _MESSAGES.c.state == MessageState.PENDING)
                                .values(state=state, last_error=reason, permanent=False)).rowcount)
