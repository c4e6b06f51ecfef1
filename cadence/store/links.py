"""What completion links keep in the database: revocations (``link_revocations``: one link by
its digest, every link of a unit issued before a moment, or every link) and the fresh links
units ask for (``link_requests``). No token is ever stored: a link is named by its digest."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from cadence.kinds import ItemStatus
from cadence.store.access import LinkRequestRow, LinkRevocationRow
from cadence.store.models import DueItem


def is_revoked(session: Session, *, digest: str, unit_id: int, issued_at: dt.datetime) -> bool:
    before = LinkRevocationRow.issued_before > issued_at
    match = or_(
        LinkRevocationRow.digest == digest,
        and_(LinkRevocationRow.unit_id == unit_id, before),
        and_(LinkRevocationRow.unit_id.is_(None), LinkRevocationRow.digest.is_(None), before),
    )
    return session.scalar(select(LinkRevocationRow.id).where(match).limit(1)) is not None


def revoke(session: Session, *, now: dt.datetime, reason: str = "", digest: str | None = None,
           unit_id: int | None = None, issued_before: dt.datetime | None = None) -> None:
    """Void one link (by ``digest``), every link of ``unit_id`` issued before ``issued_before``, or
    with neither, every link issued before it."""
    session.add(LinkRevocationRow(digest=digest, unit_id=unit_id, issued_before=issued_before, revoked_at=now,
                                  reason=reason))


def last_request(session: Session, unit_id: int) -> dt.datetime | None:
    """When the unit last asked for a fresh link, if ever."""
    return session.scalar(select(func.max(LinkRequestRow.requested_at)).where(LinkRequestRow.unit_id == unit_id))


def add_request(session: Session, *, unit_id: int, item_ids: list[int], digest: str, now: dt.datetime) -> int:
    request = LinkRequestRow(unit_id=unit_id, item_ids=list(item_ids), link_digest=digest, requested_at=now)
    session.add(request)
    session.flush()
    return request.id


def handled(session: Session, request_id: int, now: dt.datetime, outcome: str) -> None:
    request = session.get(LinkRequestRow, request_id)
    request.handled_at, request.outcome = now, outcome


def still_open(session: Session, unit_id: int, item_ids) -> list[int]:
    """Those of ``item_ids`` that are the unit's and still open (or missed), by id."""
    return sorted(session.scalars(select(DueItem.id).where(_open_of(unit_id), DueItem.id.in_(list(item_ids)))))


def current(session: Session, unit_id: int, today: dt.date, most: int) -> list[int]:
    """Up to ``most`` of the unit's open items whose window has begun, the soonest due first."""
    query = (select(DueItem.id).where(_open_of(unit_id), DueItem.window_start <= today)
             .order_by(DueItem.due_at).limit(most))
    return sorted(session.scalars(query))


def _open_of(unit_id: int):
    return (DueItem.unit_id == unit_id) & DueItem.status.in_((ItemStatus.OPEN, ItemStatus.MISSED))


def own_items(session: Session, unit_id: int, item_ids) -> list[int]:
    """Those of ``item_ids`` still the unit's and still in the plan, by due moment."""
    query = select(DueItem.id).where(DueItem.id.in_(list(item_ids)), DueItem.unit_id == unit_id,
                                     DueItem.status != ItemStatus.RETIRED).order_by(DueItem.due_at, DueItem.id)
    return list(session.scalars(query))
