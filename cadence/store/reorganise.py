"""Reorganisation: when a unit is dissolved or merged (in 2025 Việt Nam abolished the district
level; Trà Bồng district's duties passed to communes), its open items whose window ends on or
after the date move to the successor; items before the date, and anything done, stay with it
as history. An item the successor already has (same duty, window and sequence) is retired
rather than duplicated.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, exists, select, update
from sqlalchemy.orm import Session, aliased

from cadence.kinds import ItemStatus
from cadence.store.models import DueItem


def move_open_items(session: Session, unit_id: int, successor_id: int | None, on: dt.date) -> tuple[int, int]:
    """Move (or retire) the unit's open items from ``on``; returns (moved, retired)."""
    moving = and_(DueItem.unit_id == unit_id, DueItem.status == ItemStatus.OPEN, DueItem.window_end >= on)
    retired = _retire(session, and_(moving, _held_by(successor_id)) if successor_id else moving)
    if successor_id is None:
        return 0, retired
    moved = session.execute(
        update(DueItem).where(moving).values(unit_id=successor_id, moved_from_id=unit_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    return moved, retired


def _held_by(successor_id: int):
    other = aliased(DueItem)
    return exists(select(other.id).where(
        other.duty_id == DueItem.duty_id, other.unit_id == successor_id,
        other.window_start == DueItem.window_start, other.seq == DueItem.seq,
    ))


def _retire(session: Session, condition) -> int:
    statement = update(DueItem).where(condition).values(status=ItemStatus.RETIRED)
    return session.execute(statement.execution_options(synchronize_session=False)).rowcount
