"""The board's matrix: units × months (or weeks) of one plan, each cell the state of the
unit's items due in that column. The store reads the items (``cadence.store.board``);
the folding into cells is a pure function of those plain values, tested and timed without a server.

A cell shows its most pressing state: something missed outranks something just past due, which
outranks something due, then done late, then done on time, then not yet open, then due before
the plan was tracked (nobody owes it any more). An item's state
is the one every part of Cadence shows (``cadence.schedule.states``), read from the database.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cadence.kinds import State
from cadence.store.board import ItemPoint, UnitInfo
from cadence.units.names import fold
from cadence.web.spans import Column, column_key

PRESSING = (State.MISSED, State.GRACE, State.DUE, State.LATE, State.DONE, State.UPCOMING, State.BEFORE_TRACKING)
CHARTED = (State.DONE, State.LATE, State.MISSED)


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
