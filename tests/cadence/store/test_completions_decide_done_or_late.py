"""A completion is recorded with who, when and evidence; the item is done once its count meets
the threshold: on time → done, after the due moment → late; a quota counts up."""
import datetime as dt

import pytest
from sqlalchemy import select

from cadence.errors import CadenceError
from cadence.kinds import ItemStatus
from cadence.store import Completion, CompletionSource, record_completion
from cadence.store.models import CompletionRow, DueItem
from cadence.store.units import save_directory
from cadence.units.toml_file import parse_units
from rules.model import Activity, Plan, Rule
from tests.cadence.support import NOW, imported, items_of

UNITS = '[[unit]]\nid = "vp"\nname = "Văn phòng UBND tỉnh"\nlevel = "department"\n'


def _plan() -> Plan:
    portal = Activity(ref="C.I.2.đ", title="Tin, bài trên Cổng", lead=("Văn phòng UBND tỉnh",),
                      rules=(Rule(count=15, per="month", approx=True), Rule(count=1, per="week", series="Bản tin")))
    return Plan(file="p.txt", title="KH", issuer="UBND tỉnh", year=2025, activities=(portal,))


@pytest.fixture
def items(store):
    with store.transaction() as session:
        save_directory(session, parse_units(UNITS))
    imported(store, _plan())
    with store.transaction() as session:
        return {"quota": items_of(session, ref="C.I.2.đ", key="produce|||")[0],
                "weekly": items_of(session, ref="C.I.2.đ", key="produce|Bản tin||")[0]}


def _record(store, item_id: int, at: dt.datetime, **fields) -> DueItem:
    with store.transaction() as session:
        return record_completion(session, Completion(item_id=item_id, done_at=at, source=CompletionSource.CLI, **fields), now=at)


def test_done_before_the_due_moment_is_done_and_stops_the_daemon(store, items) -> None:
    weekly = items["weekly"]
    item = _record(store, weekly.id, weekly.due_at - dt.timedelta(hours=1), evidence_url="https://qtv.vn/b", actor="btv")
    assert (item.status, item.done_count) == (ItemStatus.DONE, 1)  # not open: the daemon leaves it be
    with store.transaction() as session:
        row = session.scalar(select(CompletionRow))
    assert (row.evidence_url, row.actor, row.source) == ("https://qtv.vn/b", "btv", CompletionSource.CLI)


def test_done_after_the_due_moment_is_late(store, items) -> None:
    weekly = items["weekly"]
    assert _record(store, weekly.id, weekly.due_at + dt.timedelta(days=2)).status is ItemStatus.LATE


def test_a_missed_item_completed_later_becomes_late(store, items) -> None:
    weekly = items["weekly"]
    with store.transaction() as session:
        session.get(DueItem, weekly.id).status = ItemStatus.MISSED
    assert _record(store, weekly.id, weekly.due_at + dt.timedelta(days=9)).status is ItemStatus.LATE


def test_an_approximate_quota_is_done_within_the_tolerance(store, items) -> None:
    quota = items["quota"]
    assert (quota.target, quota.threshold) == (15, 12)
    assert _record(store, quota.id, NOW, count=7).status is ItemStatus.OPEN
    item = _record(store, quota.id, NOW + dt.timedelta(days=1), count=5)
    assert (item.status, item.done_count) == (ItemStatus.DONE, 12)


def test_without_a_count_a_completion_fills_the_target(store, items) -> None:
    assert _record(store, items["quota"].id, NOW).done_count == 15


def test_a_completed_or_retired_item_refuses_another_completion(store, items) -> None:
    weekly = items["weekly"]
    _record(store, weekly.id, NOW)
    with pytest.raises(CadenceError) as refused:
        _record(store, weekly.id, NOW)
    assert refused.value.say("en") == f"item {weekly.id}: already recorded as done"
    assert str(refused.value) == f"mục {weekly.id}: đã được ghi nhận hoàn thành trước đó"
    with store.transaction() as session:
        session.get(DueItem, items["quota"].id).status = ItemStatus.RETIRED
    with pytest.raises(CadenceError) as refused:
        _record(store, items["quota"].id, NOW)
    assert refused.value.say("en") == f"item {items['quota'].id}: no longer in the plan"
