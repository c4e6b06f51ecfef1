"""What the coordinators' board reads, as plain values: the plans a user may see, a plan's items
in a span with their states as of a moment (the one state policy, computed by the database),
its units and scopes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.kinds import ItemStatus, State
from cadence.schedule.states import AsOf
from cadence.store.models import DueItem, DutyRow, PlanRow, UnitRow
from cadence.store.plans import PLAN_INFO, PlanInfo, plan_info
from cadence.store.states import as_state, state_of
from cadence.tz import LOCAL, local_moment


@dataclass(frozen=True, slots=True)
class ItemPoint:
    """What the board's matrix needs of an item."""

    item_id: int
    unit_id: int
    due_day: dt.date  # local
    state: State


@dataclass(frozen=True, kw_only=True)
class UnitInfo:
    id: int
    code: str
    name: str
    level: str


@dataclass(frozen=True, kw_only=True)
class BoardFilter:
    plan_id: int
    start: dt.date
    end: dt.date
    scope: str | None = None
    unit_id: int | None = None


def plans(session: Session, keys: Iterable[str] | None) -> list[PlanInfo]:
    """The plans a user may see (``keys`` None: every plan), newest year first."""
    query = select(*PLAN_INFO).order_by(PlanRow.year.desc(), PlanRow.key)
    if keys is not None:
        query = query.where(PlanRow.key.in_(list(keys)))
    return [plan_info(row) for row in session.execute(query)]


def plan_by_key(session: Session, key: str) -> PlanInfo | None:
    row = session.execute(select(*PLAN_INFO).where(PlanRow.key == key)).one_or_none()
    return plan_info(row) if row is not None else None


def item_points(session: Session, where: BoardFilter, at: AsOf) -> list[ItemPoint]:
    """The plan's live items due in the filter's span, with their states as of ``at``."""
    query = (
        select(DueItem.id, DueItem.unit_id, DueItem.due_at, state_of(at))
        .where(DueItem.plan_id == where.plan_id, DueItem.status != ItemStatus.RETIRED,
               DueItem.due_at >= local_moment(where.start, dt.time(0, 0)),
               DueItem.due_at < local_moment(where.end + dt.timedelta(days=1), dt.time(0, 0)))
    )
    if where.scope:
        query = query.join(DutyRow, DutyRow.id == DueItem.duty_id).where(DutyRow.scope == where.scope)
    if where.unit_id is not None:
        query = query.where(DueItem.unit_id == where.unit_id)
    days: dict[dt.datetime, dt.date] = {}  # items of a duty share their due moments across units
    return [ItemPoint(item_id=i, unit_id=u, due_day=days.get(due) or days.setdefault(due, due.astimezone(LOCAL).date()),
                      state=as_state(state))
            for i, u, due, state in session.execute(query)]


def units_by_id(session: Session, ids: Iterable[int]) -> dict[int, UnitInfo]:
    rows = session.execute(select(UnitRow.id, UnitRow.code, UnitRow.name, UnitRow.level)
                           .where(UnitRow.id.in_(list(set(ids)))))
    return {i: UnitInfo(id=i, code=c, name=n, level=lv) for i, c, n, lv in rows}


def unit_by_id(session: Session, unit_id: int) -> UnitInfo | None:
    return units_by_id(session, [unit_id]).get(unit_id)


def unit_by_code(session: Session, code: str) -> UnitInfo | None:
    row = session.execute(select(UnitRow.id, UnitRow.code, UnitRow.name, UnitRow.level)
                          .where(UnitRow.code == code)).one_or_none()
    return UnitInfo(id=row[0], code=row[1], name=row[2], level=row[3]) if row is not None else None


def plan_units(session: Session, plan_id: int) -> list[UnitInfo]:
    """Every unit with an item in the plan (the unit filter's choices)."""
    ids = session.scalars(select(DueItem.unit_id).where(DueItem.plan_id == plan_id).distinct())
    return list(units_by_id(session, ids).values())


def plan_scopes(session: Session, plan_id: int) -> list[str]:
    query = select(DutyRow.scope).where(DutyRow.plan_id == plan_id, DutyRow.scope.is_not(None)).distinct()
    return sorted(session.scalars(query))


@dataclass(frozen=True, kw_only=True)
class ItemPlace:
    """Where an item belongs: its plan, its unit and its duty's scope (the item page's frame)."""

    plan: PlanInfo
    unit_id: int
    scope: str | None


def item_place(session: Session, item_id: int) -> ItemPlace | None:
    found = session.execute(select(DueItem.unit_id, DutyRow.scope, *PLAN_INFO)
                            .join(PlanRow, PlanRow.id == DueItem.plan_id).join(DutyRow, DutyRow.id == DueItem.duty_id)
                            .where(DueItem.id == item_id)).one_or_none()
    if found is None:
        return None
    return ItemPlace(plan=plan_info(found), unit_id=found.unit_id, scope=found.scope)
