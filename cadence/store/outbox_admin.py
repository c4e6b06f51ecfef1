"""The outbox as an operator sees it: messages found by filters, put back to be sent, or
cancelled (``cadence outbox list | retry | cancel``).

    listed(session, where)              the messages, newest first
    retry(session, where, now)          FAILED, STALE, CANCELLED → PENDING, due now; how many
    cancel(session, where, reason)      PENDING → CANCELLED with the reason; how many

Each change is one conditional UPDATE on the rows the filters find, so a message a daemon
claimed meanwhile (SENDING) is left to it, and a message sent is never touched.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from cadence.store.models import UnitRow
from cadence.store.outbox import MessageKind, MessageRow, MessageState, NoticeRow

_MESSAGES = MessageRow.__table__
RETRIABLE = (MessageState.FAILED, MessageState.STALE, MessageState.CANCELLED)


@dataclass(frozen=True, kw_only=True)
class Where:
    """Filters, all of which a message must meet; empty ones are left out."""

    states: tuple[MessageState, ...] = ()
    channel: str | None = None
    kind: MessageKind | None = None
    unit: str | None = None  # a unit's code: messages naming its items
    since: dt.datetime | None = None  # written at or after
    ids: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.states or self.channel or self.kind or self.unit or self.since or self.ids)


@dataclass(frozen=True, kw_only=True)
class Listed:
    """A message as `cadence outbox list` shows it."""

    id: int
    key: str
    state: MessageState
    kind: MessageKind
    channel: str
    recipient: str
    name: str
    created_at: dt.datetime
    attempts: int
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None
    error: str | None
    permanent: bool


def unit_exists(session: Session, code: str) -> bool:
    return session.scalar(select(exists().where(UnitRow.code == code)))


def _conditions(where: Where) -> list:
    conditions = []
    if where.states:
        conditions.append(MessageRow.state.in_(where.states))
    if where.channel:
        conditions.append(MessageRow.channel == where.channel)
    if where.kind:
        conditions.append(MessageRow.kind == where.kind)
    if where.since:
        conditions.append(MessageRow.created_at >= where.since)
    if where.ids:
        conditions.append(MessageRow.id.in_(where.ids))
    if where.unit:
        unit = select(UnitRow.id).where(UnitRow.code == where.unit).scalar_subquery()
        conditions.append(exists().where(NoticeRow.message_id == MessageRow.id, NoticeRow.unit_id == unit))
    return conditions


def listed(session: Session, where: Where, limit: int | None = None) -> list[Listed]:
    query = select(MessageRow).where(*_conditions(where)).order_by(MessageRow.created_at.desc(), MessageRow.id.desc())
    if limit:
        query = query.limit(limit)
    return [Listed(id=r.id, key=r.key, state=r.state, kind=r.kind, channel=r.channel, recipient=r.recipient,
                   name=r.name, created_at=r.created_at, attempts=r.attempts, next_attempt_at=r.next_attempt_at,
                   sent_at=r.sent_at, error=r.last_error, permanent=r.permanent)
            for r in session.scalars(query)]


def retry(session: Session, where: Where, now: dt.datetime) -> int:
    """Failed, stale and cancelled messages among those found go back to PENDING, due ``now``
    (their last error stays on the row until the next attempt)."""
    ids = select(MessageRow.id).where(*_conditions(where), MessageRow.state.in_(RETRIABLE)).scalar_subquery()
    return session.execute(update(_MESSAGES).where(_MESSAGES.c.id.in_(ids), _MESSAGES.c.state.in_(RETRIABLE))
                            .values(state=MessageState.PENDING, permanent=False, next_attempt_at=now,
                                    retried_at=now, claimed_by=None)).rowcount


def cancel(session: Session, where: Where, reason: str) -> int:
    """Waiting messages among those found become CANCELLED, with ``reason``."""
    ids = select(MessageRow.id).where(*_conditions(where), MessageRow.state == MessageState.PENDING).scalar_subquery()
    return session.execute(update(_MESSAGES).where(_MESSAGES.c.id.in_(ids), _MESSAGES.c.state == MessageState.PENDING)
                           .values(state=MessageState.CANCELLED, last_error=reason)).rowcount
