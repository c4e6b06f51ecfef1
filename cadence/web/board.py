"""The board's matrix: units × months (or weeks) of one plan, each cell the state of the
unit's items due in that column. Queries return plain rows; the folding into cells is a pure
function of those rows and ``now``, so it can be tested and timed without a server.

A cell shows its most pressing state: something missed outranks something just past due, which
outranks something due, then done late, then done on time, then not yet open. An item's state
is the one every part of Cadence shows (``cadence.schedule.states``), read from the database.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.kinds import ItemStatus, State
from cadence.schedule.states import AsOf
from cadence.store.models import DueItem, DutyRow, PlanRow, UnitRow
from cadence.store.states import as_state, state_of
from cadence.tz import LOCAL, local_moment
from cadence.units.names import fold
from cadence.web.spans import Column, column_key


PRESSING = (State.MISSED, State.GRACE, State.DUE, State.LATE, State.DONE, State.UPCOMING)
CHARTED = (State.DONE, State.LATE, State.MISSED)


@dataclass(frozen=True, slots=True)
class ItemPoint:
    """What the matrix needs of an item."""

    item_id: int
    unit_id: int
    due_day: dt.date  # local
    state: State


@dataclass(frozen=True, kw_only=True)
class Cell:
    counts: dict[State, int]
    item_id: int | None  # the item, when the cell holds exactly one

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def state(self) -> State | None:
        return next((s for s in PRESSING if self.counts.get(s)), None)

    @property
    def completed(self) -> int:
        return self.counts.get(State.DONE, 0) + self.counts.get(State.LATE, 0)


EMPTY = Cell(counts={}, item_id=None)


@dataclass(frozen=True, kw_only=True)
class UnitInfo:
    id: int
    code: str
    name: str
    level: str


@dataclass(frozen=True, kw_only=True)
class Row:
    unit: UnitInfo
    cells: tuple[Cell, ...]
    totals: dict[State, int]


@dataclass(frozen=True, kw_only=True)
class Matrix:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    totals: dict[State, int]  # over the whole matrix
    per_column: tuple[dict[State, int], ...]  # for the chart


@dataclass(frozen=True, kw_only=True)
class BoardFilter:
    plan_id: int
    start: dt.date
    end: dt.date
    scope: str | None = None
    unit_id: int | None = None


def plan_rows(session: Session, keys: Iterable[str] | None) -> list[PlanRow]:
    """The plans a user may see (``keys`` None: every plan), newest year first."""
    query = select(PlanRow).order_by(PlanRow.year.desc(), PlanRow.key)
    if keys is not None:
        query = query.where(PlanRow.key.in_(list(keys)))
    return list(session.scalars(query))


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


def plan_units(session: Session, plan_id: int) -> list[UnitInfo]:
    """Every unit with an item in the plan (the unit filter's choices), in board order."""
    ids = session.scalars(select(DueItem.unit_id).where(DueItem.plan_id == plan_id).distinct())
    return sorted(units_by_id(session, ids).values(), key=unit_order)


def plan_scopes(session: Session, plan_id: int) -> list[str]:
    query = select(DutyRow.scope).where(DutyRow.plan_id == plan_id, DutyRow.scope.is_not(None)).distinct()
    return sorted(session.scalars(query))


def unit_order(unit: UnitInfo) -> tuple:
    """Provincial offices before communes, then by name as people read it (folded)."""
    return (unit.level == "commune", fold(unit.name), unit.code)


def build_matrix(points: list[ItemPoint], units: dict[int, UnitInfo], columns: list[Column],
                 by_week: bool) -> Matrix:
    """Fold item points into cells; units without items in the span get no row."""
    index = {c.key: i for i, c in enumerate(columns)}
    grid: dict[int, list[list[ItemPoint]]] = defaultdict(lambda: [[] for _ in columns])
    for point in points:
        column = index.get(column_key(point.due_day, by_week))
        if column is not None:
            grid[point.unit_id][column].append(point)
    rows = tuple(_row(units[u], cells) for u, cells in sorted(grid.items(), key=lambda kv: unit_order(units[kv[0]])))
    per_column = tuple(_sum(row.cells[i].counts for row in rows) for i in range(len(columns)))
    return Matrix(columns=tuple(columns), rows=rows, totals=_sum(r.totals for r in rows), per_column=per_column)


def _row(unit: UnitInfo, cells: list[list[ItemPoint]]) -> Row:
    built = tuple(_cell(points) for points in cells)
    return Row(unit=unit, cells=built, totals=_sum(c.counts for c in built))


def _cell(points: list[ItemPoint]) -> Cell:
    if not points:
        return EMPTY
    counts: dict[State, int] = {}
    for point in points:
        counts[point.state] = counts.get(point.state, 0) + 1
    return Cell(counts=counts, item_id=points[0].item_id if len(points) == 1 else None)


def _sum(many: Iterable[dict[State, int]]) -> dict[State, int]:
    total: dict[State, int] = {}
    for counts in many:
        for state, n in counts.items():
            total[state] = total.get(state, 0) + n
    return total
