"""Importing a revised plan updates the schedule: unchanged items keep their id and their
completions; items no longer in the plan are retired, not deleted; new ones are added."""
import dataclasses

from sqlalchemy import func, select

from cadence.kinds import ItemStatus
from cadence.store import Completion, CompletionSource, record_completion
from cadence.store.models import CompletionRow, DueItem
from tests.cadence.support import NOW, gold, imported, items_of, load_units

NAME = "quang-ngai-province-2025"


def _edited(plan):
    """The plan with C.I.2.b removed and C.I.2.c's e-paper cadence raised from 2 to 4 a month."""
    activities = []
    for activity in plan.activities:
        if activity.ref == "C.I.2.b":
            continue
        if activity.ref == "C.I.2.c":
            rules = tuple(dataclasses.replace(r, count=4) if r.channel == "báo điện tử" else r for r in activity.rules)
            activity = dataclasses.replace(activity, rules=rules)
        activities.append(activity)
    return dataclasses.replace(plan, activities=tuple(activities))


def _complete(store, item_id: int) -> None:
    with store.transaction() as session:
        done = session.get(DueItem, item_id).due_at  # within the item's window, on time
        record_completion(session, Completion(item_id=item_id, done_at=done, source=CompletionSource.CLI,
                                              evidence_url="https://baoquangngai.vn/a"), now=done)


def test_reimport_keeps_ids_and_completions_and_retires_what_was_removed(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME))
    with store.transaction() as session:
        papi = items_of(session, ref="C.II.12.c", key="produce|Bản tin PAPI|kênh phát thanh|")
        removed = items_of(session, ref="C.I.2.b")
        paper = items_of(session, ref="C.I.2.c", key="produce||báo in|")
    _complete(store, papi[0].id)
    _complete(store, removed[0].id)

    result = imported(store, _edited(gold(NAME)))

    with store.transaction() as session:
        papi_after = items_of(session, ref="C.II.12.c", key="produce|Bản tin PAPI|kênh phát thanh|")
        removed_after = items_of(session, ref="C.I.2.b")
        paper_after = items_of(session, ref="C.I.2.c", key="produce||báo in|")
        epaper_after = items_of(session, ref="C.I.2.c", key="produce||báo điện tử|")
        completions = session.scalar(select(func.count()).select_from(CompletionRow))
    assert [i.id for i in papi_after] == [i.id for i in papi]
    assert papi_after[0].status is ItemStatus.DONE and papi_after[0].done_count == 1
    assert [i.id for i in paper_after] == [i.id for i in paper]
    assert completions == 2
    assert removed_after[0].status is ItemStatus.DONE  # done work stays as it was
    assert {i.status for i in removed_after[1:]} == {ItemStatus.RETIRED}
    assert len(removed_after) == 52
    assert len([i for i in epaper_after if i.status is not ItemStatus.RETIRED]) == 48
    assert result.counts.retired >= 51 and result.counts.created > 0


def test_reimporting_the_same_plan_changes_nothing(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    first = imported(store, gold(NAME))
    again = imported(store, gold(NAME))
    with store.transaction() as session:
        total = session.scalar(select(func.count()).select_from(DueItem))
    assert (again.counts.created, again.counts.updated, again.counts.retired) == (0, 0, 0)
    assert again.counts.unchanged == first.counts.created == total


def test_a_retired_item_comes_back_when_the_plan_brings_it_back(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME))
    imported(store, _edited(gold(NAME)))
    restored = imported(store, gold(NAME))
    with store.transaction() as session:
        statuses = {i.status for i in items_of(session, ref="C.I.2.b")}
    assert statuses == {ItemStatus.OPEN}
    assert restored.counts.updated >= 52
