"""An item's state at a moment follows one policy, in order: left the plan, done by its due
moment, done after it, missed once the grace period is over, just past due within it, due once
its window has begun, else not yet open. Done counts from the completion time, so a state as
of an earlier moment reads the same whenever it is asked."""
from __future__ import annotations

import datetime as dt

import pytest

from cadence.kinds import ItemStatus, State
from cadence.schedule.states import StatePolicy
from cadence.tz import local_moment

POLICY = StatePolicy(grace=dt.timedelta(hours=14))
DUE = local_moment(dt.date(2025, 9, 19), dt.time(17, 0))  # Friday 17:00
START = dt.date(2025, 9, 15)


def at(day: str, time: str) -> dt.datetime:
    return local_moment(dt.date.fromisoformat(day), dt.time.fromisoformat(time))


@pytest.mark.parametrize("status, completed, now, state", [
    (ItemStatus.OPEN, None, at("2025-09-14", "23:59"), State.UPCOMING),  # the day before its window
    (ItemStatus.OPEN, None, at("2025-09-15", "00:00"), State.DUE),  # local midnight: the window opens
    (ItemStatus.OPEN, None, at("2025-09-19", "16:59"), State.DUE),
    (ItemStatus.OPEN, None, at("2025-09-19", "17:00"), State.GRACE),  # the due moment itself
    (ItemStatus.OPEN, None, at("2025-09-20", "06:59"), State.GRACE),  # 13 h 59 after it
    (ItemStatus.OPEN, None, at("2025-09-20", "07:00"), State.MISSED),  # 14 h: the grace is over
    (ItemStatus.MISSED, None, at("2025-09-19", "18:00"), State.GRACE),  # a moment's mark changes nothing
    (ItemStatus.DONE, at("2025-09-19", "17:00"), at("2025-09-22", "08:00"), State.DONE),
    (ItemStatus.LATE, at("2025-09-19", "20:00"), at("2025-09-22", "08:00"), State.LATE),  # done within the grace
    (ItemStatus.LATE, at("2025-09-23", "10:00"), at("2025-09-22", "08:00"), State.MISSED),  # as of before it was done
    (ItemStatus.LATE, at("2025-09-19", "20:00"), at("2025-09-19", "19:00"), State.GRACE),
    (ItemStatus.RETIRED, None, at("2025-09-22", "08:00"), State.RETIRED),
    (ItemStatus.RETIRED, at("2025-09-18", "08:00"), at("2025-09-22", "08:00"), State.RETIRED),
])
def test_the_rules_in_order(status, completed, now, state) -> None:
    assert POLICY.state_at(status=status, due_at=DUE, window_start=START, completed_at=completed, now=now) is state


def test_an_item_counts_as_missed_when_the_daemon_escalates_it() -> None:
    missed_at = POLICY.missed_at(DUE)
    before = POLICY.state_at(status=ItemStatus.OPEN, due_at=DUE, window_start=START, completed_at=None,
                             now=missed_at - dt.timedelta(seconds=1))
    after = POLICY.state_at(status=ItemStatus.OPEN, due_at=DUE, window_start=START, completed_at=None, now=missed_at)
    assert (before, after) == (State.GRACE, State.MISSED)


def test_without_grace_an_item_is_missed_at_its_due_moment() -> None:
    strict = StatePolicy(grace=dt.timedelta(0))
    assert strict.state_at(status=ItemStatus.OPEN, due_at=DUE, window_start=START, completed_at=None, now=DUE) is State.MISSED
