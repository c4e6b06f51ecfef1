"""An item's story for its detail page: completions (who, when, from where, evidence) and
fresh-link requests, oldest first."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.store.access import LinkRequestRow
from cadence.store.models import CompletionRow, DueItem


@dataclass(frozen=True, kw_only=True)
class LinkRequest:
    requested_at: dt.datetime
    handled_at: dt.datetime | None
    outcome: str | None


@dataclass(frozen=True, kw_only=True)
class SentMessage:
    """A reminder or escalation the daemon recorded for the item."""

    at: dt.datetime
    what: str
    to: str
    outcome: str


@dataclass(frozen=True, kw_only=True)
class History:
    completions: tuple[CompletionRow, ...]
    link_requests: tuple[LinkRequest, ...]
    messages: tuple[SentMessage, ...] = ()


def item_history(session: Session, item: DueItem) -> History:
    completions = session.scalars(select(CompletionRow).where(CompletionRow.item_id == item.id)
                                  .order_by(CompletionRow.recorded_at, CompletionRow.id))
    return History(completions=tuple(completions), link_requests=tuple(_link_requests(session, item)))


def _link_requests(session: Session, item: DueItem) -> list[LinkRequest]:
    """The unit's requests that named this item (JSON lists cannot be searched the same way on
    every database, so the unit's few requests are filtered here)."""
    rows = session.scalars(select(LinkRequestRow).where(LinkRequestRow.unit_id == item.unit_id)
                           .order_by(LinkRequestRow.requested_at))
    return [LinkRequest(requested_at=r.requested_at, handled_at=r.handled_at, outcome=r.outcome)
            for r in rows if item.id in r.item_ids]
