"""An item's story for its detail page: the daemon's reminders and escalations (``notices``,
with whether and when their message went, and ``escalations``, a step recorded even when
nobody could be told), completions (who, when, from where, evidence) and fresh-link requests."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.kinds import CompletionSource
from cadence.store.access import LinkRequestRow
from cadence.store.models import CompletionRow, DueItem
from cadence.store.moments import notices_of
from cadence.store.outbox import EscalationRow, MessageRow, NoticeKind, NoticeRow


@dataclass(frozen=True, kw_only=True)
class CompletionEntry:
    """One report of work done: who, from where, when it was done and recorded, how many, evidence."""

    actor: str
    source: CompletionSource
    done_at: dt.datetime
    recorded_at: dt.datetime
    count: int
    evidence_url: str | None
    note: str | None
    undone_at: dt.datetime | None = None  # taken back (``cadence done --undo``, the item page): counted no more
    undone_by: str | None = None
    undo_reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class LinkRequest:
    requested_at: dt.datetime
    handled_at: dt.datetime | None
    outcome: str | None


@dataclass(frozen=True, kw_only=True)
class SentMessage:
    """One notice: a reminder (level: working days before the due date) or an escalation
    (level: the rung of the chain) for one person on one channel."""

    at: dt.datetime  # when it went, else when it was written
    kind: str  # "reminder", "escalation"
    level: int
    rung: str | None
    channel: str
    recipient: str
    name: str
    state: str | None  # the message's state; None while not yet gathered into a message
    error: str | None


@dataclass(frozen=True, kw_only=True)
class EscalationStep:
    level: int
    rung: str
    fired_at: dt.datetime
    recipients: int


@dataclass(frozen=True, kw_only=True)
class History:
    completions: tuple[CompletionEntry, ...]
    link_requests: tuple[LinkRequest, ...]
    messages: tuple[SentMessage, ...] = ()
    escalations: tuple[EscalationStep, ...] = ()


def item_history(session: Session, item_id: int) -> History:
    item = session.get(DueItem, item_id)
    messages = _messages(session, item)
    return History(completions=completions_of(session, item_id, by_record=True),
                   link_requests=tuple(_link_requests(session, item)), messages=tuple(messages),
                   escalations=tuple(_escalations(session, item.id, messages)))


def completions_of(session: Session, item_id: int, *, by_record: bool = False) -> tuple[CompletionEntry, ...]:
    """The item's completions, as recorded (or by id)."""
    order = (CompletionRow.recorded_at, CompletionRow.id) if by_record else (CompletionRow.id,)
    rows = session.scalars(select(CompletionRow).where(CompletionRow.item_id == item_id).order_by(*order))
    return tuple(CompletionEntry(actor=r.actor, source=r.source, done_at=r.done_at, recorded_at=r.recorded_at,
                                 count=r.count, evidence_url=r.evidence_url, note=r.note, undone_at=r.undone_at,
                                 undone_by=r.undone_by, undo_reason=r.undo_reason) for r in rows)


def _messages(session: Session, item: DueItem) -> list[SentMessage]:
    notices = sorted(notices_of(session, item), key=lambda notice: (notice.created_at, notice.id))
    ids = {notice.message_id for notice in notices if notice.message_id is not None}
    messages = {row.id: row for row in session.execute(
        select(MessageRow.id, MessageRow.state, MessageRow.sent_at, MessageRow.last_error).where(MessageRow.id.in_(ids)))}
    return [_sent(notice, messages.get(notice.message_id)) for notice in notices]


def _sent(notice: NoticeRow, message) -> SentMessage:
    return SentMessage(at=(message and message.sent_at) or notice.created_at, kind=notice.kind.value,
                       level=notice.level, rung=notice.rung.value if notice.rung else None,
                       channel=notice.channel, recipient=notice.recipient, name=notice.name,
                       state=message.state.value if message else None, error=message and message.last_error)


def _escalations(session: Session, item_id: int, messages: list[SentMessage]) -> list[EscalationStep]:
    """Each step with how many people it told: the distinct recipients of its notices."""
    told = {}
    for m in messages:
        if m.kind == NoticeKind.ESCALATION.value:
            told.setdefault(m.level, set()).add(m.recipient)
    rows = session.scalars(select(EscalationRow).where(EscalationRow.item_id == item_id).order_by(EscalationRow.level))
    return [EscalationStep(level=r.level, rung=r.rung.value, fired_at=r.fired_at, recipients=len(told.get(r.level, ())))
            for r in rows]


def _link_requests(session: Session, item: DueItem) -> list[LinkRequest]:
    """The unit's requests that named this item (JSON lists cannot be searched the same way on
    every database, so the unit's few requests are filtered here)."""
    rows = session.scalars(select(LinkRequestRow).where(LinkRequestRow.unit_id == item.unit_id)
                           .order_by(LinkRequestRow.requested_at))
    return [LinkRequest(requested_at=r.requested_at, handled_at=r.handled_at, outcome=r.outcome)
            for r in rows if item.id in r.item_ids]
