"""Lý Sơn's plan was issued mid-year: imported ``--from 2025-09-01`` it has only items from then
on, fortnights anchored at 1 September, and notes saying the declared total is a share."""
import datetime as dt

from sqlalchemy import func, select

from cadence.store.models import DueItem
from tests.cadence.support import gold, imported, items_of, load_units

NAME = "ly-son-special-zone-2025"


def test_nothing_is_due_before_september(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    result = imported(store, gold(NAME), start=dt.date(2025, 9, 1))
    with store.transaction() as session:
        earliest_due = session.scalar(select(func.min(DueItem.due_at)))
        fortnightly = items_of(session, ref="C.I.2.a")
    assert result.start == dt.date(2025, 9, 1)
    assert earliest_due >= dt.datetime(2025, 8, 31, 17, tzinfo=dt.timezone.utc)  # 1 Sep 00:00 local
    assert fortnightly[0].window_start == dt.date(2025, 9, 1)
    assert len(fortnightly) == 8  # 1 Sep … 21 Dec: eight whole fortnights end by 31 December
    assert any(n.code == "declared-partial" and n.ref == "C.I.2.a" for n in result.notes)
