"""The board's cells, from item points: a unit's items of a column, the most pressing state shown
(the states themselves come from the one policy: tests/cadence/schedule)."""
from __future__ import annotations

import datetime as dt

from cadence.kinds import State
from cadence.web.board import ItemPoint, UnitInfo, build_matrix
from cadence.web.spans import month_columns, week_columns

def _point(item: int, unit: int, day: str, state: State) -> ItemPoint:
    return ItemPoint(item_id=item, unit_id=unit, due_day=dt.date.fromisoformat(day), state=state)


UNITS = {1: UnitInfo(id=1, code="xa-a", name="Xã An", level="commune"),
         2: UnitInfo(id=2, code="so-b", name="Sở Bình", level="department")}


def test_cells_gather_a_units_items_by_month_showing_the_most_pressing() -> None:
    points = [_point(1, 1, "2025-09-03", State.DONE), _point(2, 1, "2025-09-20", State.MISSED),
              _point(3, 1, "2025-10-10", State.UPCOMING), _point(4, 2, "2025-09-30", State.LATE),
              _point(5, 2, "2025-10-02", State.GRACE), _point(6, 2, "2025-10-03", State.DUE)]
    matrix = build_matrix(points, UNITS, month_columns(dt.date(2025, 9, 1), dt.date(2025, 10, 31)), by_week=False)
    assert [r.unit.code for r in matrix.rows] == ["so-b", "xa-a"]  # offices before communes
    september, october = matrix.rows[1].cells
    assert (september.state, september.total, september.completed, september.item_id) == (State.MISSED, 2, 1, None)
    assert (october.state, october.item_id) == (State.UPCOMING, 3)  # one item: the cell links to it
    assert matrix.rows[0].cells[1].state is State.GRACE  # just past due outranks due
    assert matrix.totals == {State.DONE: 1, State.MISSED: 1, State.UPCOMING: 1, State.LATE: 1, State.GRACE: 1,
                             State.DUE: 1}
    assert matrix.per_column[0] == {State.DONE: 1, State.MISSED: 1, State.LATE: 1}


def test_weeks_are_iso_weeks_and_items_outside_the_span_are_left_out() -> None:
    columns = week_columns(dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert [c.label for c in columns] == ["T36", "T37", "T38", "T39", "T40"]
    points = [_point(1, 1, "2025-09-14", State.DONE), _point(2, 1, "2025-08-31", State.DONE)]
    matrix = build_matrix(points, UNITS, columns, by_week=True)
    assert [c.total for c in matrix.rows[0].cells] == [0, 1, 0, 0, 0]  # Sunday 14/09 closes week 37
