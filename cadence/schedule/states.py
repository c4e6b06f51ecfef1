"""The one policy of an item's state: where an item stands at a moment, as everyone says it.

The board, the digest, the exports, the item pages, the messages and the CLI all show an item's
``State`` as these rules give it, in order, the first that holds:

    the item left the plan                               → RETIRED
    done by now, and by its due moment                   → DONE
    done by now, after its due moment                    → LATE
    due before Cadence began tracking it                 → BEFORE_TRACKING
    not done, its due moment plus the grace is past      → MISSED
    not done, its due moment is past                     → GRACE
    its window has begun (local midnight)                → DUE
    otherwise                                            → UPCOMING

"Before tracking" is how an import records an item whose due moment had already passed when
the plan was imported (``recorded_status``; ``plan import --catch-up`` tracks them instead): a
plan imported late would otherwise count its whole past as missed and escalate all of it at
once. Such an item is never reminded or escalated, and counts neither as missed nor as owed;
a completion reported for it later still makes it done or late.

"Done by now" reads the completion time, not the record, so a state as of a past moment (last
week's digest, previewed today) reads the same whenever it is asked. The grace period
(``[escalation] grace_hours``) is the one the daemon waits before it counts an item missed and
escalates it (``Policy.missed_at``): an item due at 17:00 is not missed on the board while the
daemon still treats it as due.

The rules are data (``RULES``): ``state_at`` reads them over plain values here, and
``cadence.store.states`` turns the same rules into one SQL expression, so a query and a value
in hand can never disagree (a test compares them on both databases).
"""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from cadence.kinds import ItemStatus, State
from cadence.tz import to_local


class Test(str, enum.Enum):
    """What the rules ask of an item at a moment."""

    RETIRED = "retired"  # the item left the plan
    DONE_BY_DUE = "done_by_due"  # completed by now, and by its due moment
    DONE = "done"  # completed by now
    BEFORE_TRACKING = "before_tracking"  # recorded as due before Cadence tracked it
    GRACE_OVER = "grace_over"  # its due moment plus the grace is past
    PAST_DUE = "past_due"  # its due moment is past
    WINDOW_OPEN = "window_open"  # its window has begun (local midnight of its first day)


RULES: tuple[tuple[Test, State], ...] = (
    (Test.RETIRED, State.RETIRED),
    (Test.DONE_BY_DUE, State.DONE),
    (Test.DONE, State.LATE),
    (Test.BEFORE_TRACKING, State.BEFORE_TRACKING),
    (Test.GRACE_OVER, State.MISSED),
    (Test.PAST_DUE, State.GRACE),
    (Test.WINDOW_OPEN, State.DUE),
)
OTHERWISE = State.UPCOMING

OPEN_STATES = (State.DUE, State.GRACE, State.MISSED)  # not done, and something can still be done
OVERDUE_STATES = (State.GRACE, State.MISSED)  # past the due moment, not done
COMPLETED_STATES = (State.DONE, State.LATE)


def recorded_status(due_at: dt.datetime, tracked_from: dt.datetime | None) -> ItemStatus:
    """How an import records a new item: before tracking when its due moment came before
    ``tracked_from`` (the import's moment; None with ``--catch-up``: every item is tracked)."""
    if tracked_from is not None and due_at < tracked_from:
        return ItemStatus.BEFORE_TRACKING
    return ItemStatus.OPEN


@dataclass(frozen=True, slots=True)
class AsOf:
    """The moment states are read as of, with what the rules compare against."""

    now: dt.datetime
    grace_cutoff: dt.datetime  # due moments at or before this are past their grace
    today: dt.date  # the local day of ``now``


@dataclass(frozen=True)
class StatePolicy:
    """The grace period an item has after its due moment before it counts as missed."""

    grace: dt.timedelta

    @classmethod
    def from_config(cls, config) -> StatePolicy:
        return cls(grace=dt.timedelta(hours=config.escalation.grace_hours))

    def missed_at(self, due_at: dt.datetime) -> dt.datetime:
        """When an item not done by then counts as missed."""
        return due_at + self.grace

    def as_of(self, now: dt.datetime) -> AsOf:
        return AsOf(now=now, grace_cutoff=now - self.grace, today=to_local(now).date())

    def state_at(self, *, status: ItemStatus, due_at: dt.datetime, window_start: dt.date,
                 completed_at: dt.datetime | None, now: dt.datetime) -> State:
        """The state of an item at ``now``."""
        at = self.as_of(now)
        facts = (status, due_at, window_start, completed_at)
        return next((state for test, state in RULES if _HOLDS[test](facts, at)), OTHERWISE)


def _done(facts, at: AsOf) -> bool:
    completed_at = facts[3]
    return completed_at is not None and completed_at <= at.now


_HOLDS = {
    Test.RETIRED: lambda facts, at: facts[0] is ItemStatus.RETIRED,
    Test.DONE_BY_DUE: lambda facts, at: _done(facts, at) and facts[3] <= facts[1],
    Test.DONE: _done,
    Test.BEFORE_TRACKING: lambda facts, at: facts[0] is ItemStatus.BEFORE_TRACKING,
    Test.GRACE_OVER: lambda facts, at: facts[1] <= at.grace_cutoff,
    Test.PAST_DUE: lambda facts, at: facts[1] <= at.now,
    Test.WINDOW_OPEN: lambda facts, at: facts[2] <= at.today,
}
