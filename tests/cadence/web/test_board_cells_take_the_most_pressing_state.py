"""The board's cells, from item points and a moment: five states, the most pressing shown."""
from __future__ import annotations

import datetime as dt

import pytest

from cadence.kinds import ItemStatus
from cadence.web.board import CellState, ItemPoint, UnitInfo, build_matrix, item_state
from cadence.web.spans import month_columns, week_columns

NOW = dt.datetime(2025, 9, 15, 1, 0, tzinfo=dt.timezone.utc)  # 08:00 on 15/09 in Việt Nam
DUE = dt.datetime(2025, 9, 20, 10, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("status, due, window_start, state", [
    (ItemStatus.DONE, DUE, dt.date(2025, 9, 1), CellState.DONE),
    (ItemStatus.LATE, DUE, dt.date(2025, 9, 1), CellState.LATE),
    (ItemStatus.MISSED, DUE, dt.date(2025, 9, 1), CellState.MISSED),
    (ItemStatus.OPEN, NOW - dt.timedelta(minutes=1), dt.date(2025, 9, 1), CellState.MISSED),  # the daemon's grace aside
    (ItemStatus.OPEN, DUE, dt.date(2025, 9, 15), CellState.DUE),  # its window began today (local)
    (ItemStatus.OPEN, DUE, dt.date(2025, 9, 16), CellState.FUTURE),
])
def test_an_items_state_at_a_moment(status, due, window_start, state) -> None:
    assert item_state(status, due, window_start, NOW) is state


def _point(item: int, unit: int, day: str, state: CellState) -> ItemPoint:
    return ItemPoint(item_id=item, unit_id=unit, due_day=dt.date.fromisoformat(day), state=state)


UNITS = {1: UnitInfo(id=1, code="xa-a", name="Xã An", level="commune"),
         2: UnitInfo(id=2, code="so-b", name="Sở Bình", level="department")}


def test_cells_gather_a_units_items_by_month_showing_the_most_pressing() -> None:
    points = [_point(1, 1, "2025-09-03", CellState.DONE), _point(2, 1, "2025-09-20", CellState.MISSED),
              _point(3, 1, "2025-10-10", CellState.FUTURE), _point(4, 2, "2025-09-30", CellState.LATE)]
    matrix = build_matrix(points, UNITS, month_columns(dt.date(2025, 9, 1), dt.date(2025, 10, 31)), by_week=False)
    assert [r.unit.code for r in matrix.rows] == ["so-b", "xa-a"]  # offices before communes
    september, october = matrix.rows[1].cells
    assert (september.state, september.total, september.completed, september.item_id) == (CellState.MISSED, 2, 1, None)
    assert (october.state, october.item_id) == (CellState.FUTURE, 3)  # one item: the cell links to it
    assert matrix.totals == {CellState.DONE: 1, CellState.MISSED: 1, CellState.FUTURE: 1, CellState.LATE: 1}
    assert matrix.per_column[0] == {CellState.DONE: 1, CellState.MISSED: 1, CellState.LATE: 1}


def test_weeks_are_iso_weeks_and_items_outside_the_span_are_left_out() -> None:
    columns = week_columns(dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert [c.label for c in columns] == ["T36", "T37", "T38", "T39", "T40"]
    points = [_point(1, 1, "2025-09-14", CellState.DONE), _point(2, 1, "2025-08-31", CellState.DONE)]
    matrix = build_matrix(points, UNITS, columns, by_week=True)
    assert [c.total for c in matrix.rows[0].cells] == [0, 1, 0, 0, 0]  # Sunday 14/09 closes week 37
