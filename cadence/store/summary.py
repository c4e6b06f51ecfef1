"""What a run of the daemon did, counted from the store (the demo's closing summary), and the
items a replay completes, as plain values."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadence.store.models import DueItem, UnitRow
from cadence.store.outbox import EscalationRow, MessageKind, MessageRow, MessageState, NoticeKind, NoticeRow


@dataclass(frozen=True, kw_only=True)
class Summary:
    items: int
    reminders: int  # (item, days before) pairs reminded
    escalations: Counter = field(default_factory=Counter)  # level → items
    sent: Counter = field(default_factory=Counter)  # (message kind, channel) → messages sent
    failed: int = 0
    digest_weeks: int = 0


def summary(session: Session) -> Summary:
    reminded = {(item_id, level) for item_ids, level in session.execute(
        select(NoticeRow.item_ids, NoticeRow.level).where(NoticeRow.kind == NoticeKind.REMINDER)) for item_id in item_ids}
    levels = Counter(dict(session.execute(select(EscalationRow.level, func.count()).group_by(EscalationRow.level)).all()))
    sent = session.execute(select(MessageRow.kind, MessageRow.channel, func.count())
                           .where(MessageRow.state == MessageState.SENT).group_by(MessageRow.kind, MessageRow.channel))
    return Summary(items=session.scalar(select(func.count()).select_from(DueItem)), reminders=len(reminded),
                   escalations=levels, sent=Counter({(kind, channel): n for kind, channel, n in sent}),
                   failed=session.scalar(select(func.count()).where(MessageRow.state == MessageState.FAILED)),
                   digest_weeks=len(set(session.scalars(select(MessageRow.day).where(MessageRow.kind == MessageKind.DIGEST)))))


def due_by_unit(session: Session) -> list[tuple[int, dt.datetime, str]]:
    """(item, due moment, unit code) of every item."""
    query = select(DueItem.id, DueItem.due_at, UnitRow.code).join(UnitRow, UnitRow.id == DueItem.unit_id)
    return [tuple(row) for row in session.execute(query)]
