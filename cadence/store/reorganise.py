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


def move_open_items(session: Session, unit_id: int, successor_id: int | None, on: dt.date) -> tuple[list[int], list[int]]:
    """Move (or retire) the unit's open items from ``on``; returns the ids (moved, retired), which
    the dissolution keeps so that it can be reversed (``restore_items``)."""
    moving = and_(DueItem.unit_id == unit_id, DueItem.status == ItemStatus.OPEN, DueItem.window_end >= on)
    retired = _retire(session, and_(moving, _held_by(successor_id)) if successor_id else moving)
    if successor_id is None:
        return [], retired
    moved = list(session.scalars(select(DueItem.id).where(moving).order_by(DueItem.id)))
    for chunk in _chunks(moved):
        session.execute(update(DueItem).where(DueItem.id.in_(chunk)).values(unit_id=successor_id, moved_from_id=unit_id)
                        .execution_options(synchronize_session=False))
    return moved, retired


def restore_items(session: Session, unit_id: int, successor_id: int | None, moved: tuple[int, ...],
                  retired: tuple[int, ...]) -> tuple[int, int]:
    """Undo ``move_open_items``: the items it moved that are still the successor's come back to
    the unit (with whatever was reported on them since), and those it retired are open again.
    Returns (moved back, reopened)."""
    back = reopened = 0
    for chunk in _chunks(list(moved)):
        back += session.execute(
            update(DueItem).where(DueItem.id.in_(chunk), DueItem.unit_id == successor_id, DueItem.moved_from_id == unit_id)
            .values(unit_id=unit_id, moved_from_id=None).execution_options(synchronize_session=False)).rowcount
    for chunk in _chunks(list(retired)):
        reopened += session.execute(
            update(DueItem).where(DueItem.id.in_(chunk), DueItem.status == ItemStatus.RETIRED)
            .values(status=ItemStatus.OPEN).execution_options(synchronize_session=False)).rowcount
    return back, reopened


_CHUNK = 900  # ids per statement: below SQLite's oldest limit on bound parameters (999)


def _chunks(ids: list[int]):
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _held_by(successor_id: int):
    other = aliased(DueItem)
    return exists(select(other.id).where(
        other.duty_id == DueItem.duty_id, other.unit_id == successor_id,
        other.window_start == DueItem.window_start, other.seq == DueItem.seq,
    ))


def _retire(session: Session, condition) -> list[int]:
    ids = list(session.scalars(select(DueItem.id).where(condition).order_by(DueItem.id)))
    for chunk in _chunks(ids):
        session.execute(update(DueItem).where(DueItem.id.in_(chunk)).values(status=ItemStatus.RETIRED)
                        .execution_options(synchronize_session=False))
    return ids
