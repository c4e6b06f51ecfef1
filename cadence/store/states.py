"""An item's state at a moment as one SQL expression, built from the rules of
``cadence.schedule.states`` (the same rules ``state_at`` reads in Python):

    CASE WHEN status = 'retired' THEN 'retired'
         WHEN completed_at <= :now AND completed_at <= due_at THEN 'done'
         WHEN completed_at <= :now THEN 'late'
         WHEN status = 'before_tracking' THEN 'before_tracking'
         WHEN due_at <= :now - grace THEN 'missed'
         WHEN due_at <= :now THEN 'grace'
         WHEN window_start <= :today THEN 'due'
         ELSE 'upcoming' END

Every read that shows a state (board, progress, digest, exports, item pages, messages, the
CLI) selects or counts this expression, so the database answers with the policy's own words.
"""
from __future__ import annotations

from sqlalchemy import Table, and_, case, literal

from cadence.kinds import ItemStatus, State
from cadence.schedule.states import OTHERWISE, RULES, AsOf, Test
from cadence.store.models import DueItem



def state_of(at: AsOf, items: Table | None = None):
    """The state of each row of ``items`` (the due items' table, or an alias of it) as of ``at``."""
    columns = (items if items is not None else DueItem.__table__).c
    whens = [(_SQL[test](columns, at), literal(state.value)) for test, state in RULES]
    return case(*whens, else_=literal(OTHERWISE.value)).label("state")


def _done(c, at: AsOf):
    return and_(c.completed_at.is_not(None), c.completed_at <= at.now)


_SQL = {
    Test.RETIRED: lambda c, at: c.status == ItemStatus.RETIRED,
    Test.DONE_BY_DUE: lambda c, at: and_(_done(c, at), c.completed_at <= c.due_at),
    Test.DONE: _done,
    Test.BEFORE_TRACKING: lambda c, at: c.status == ItemStatus.BEFORE_TRACKING,
    Test.GRACE_OVER: lambda c, at: c.due_at <= at.grace_cutoff,
    Test.PAST_DUE: lambda c, at: c.due_at <= at.now,
    Test.WINDOW_OPEN: lambda c, at: c.window_start <= at.today,
}


def as_state(value: str) -> State:
    """A state read back from the database."""
    return _BY_VALUE[value]


_BY_VALUE = {state.value: state for state in State}
