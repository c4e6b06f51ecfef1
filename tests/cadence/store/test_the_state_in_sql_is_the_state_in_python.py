"""The one SQL expression of an item's state says what ``state_at`` says, for every rule and
every boundary of the policy (window opening, due moment, end of the grace), on both databases."""
from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import insert, select

from cadence.kinds import ItemStatus
from cadence.schedule.states import StatePolicy
from cadence.store.models import DueItem
from cadence.store.states import as_state, state_of
from cadence.tz import local_moment

POLICY = StatePolicy(grace=dt.timedelta(hours=14))
START = dt.date(2025, 9, 15)
DUE = local_moment(dt.date(2025, 9, 19), dt.time(17, 0))
SECOND = dt.timedelta(seconds=1)
COMPLETIONS = (None, DUE - dt.timedelta(days=1), DUE, DUE + SECOND, DUE + POLICY.grace, DUE + dt.timedelta(days=5))
MOMENTS = (local_moment(START, dt.time(0)) - SECOND, local_moment(START, dt.time(0)), DUE - SECOND, DUE,
           DUE + POLICY.grace - SECOND, DUE + POLICY.grace, DUE + dt.timedelta(days=10))


def test_every_rule_and_boundary_agrees(store) -> None:
    cases = list(itertools.product(ItemStatus, COMPLETIONS))
    rows = [{"id": i + 1, "plan_id": 1, "duty_id": 1, "unit_id": 1, "window_start": START, "window_end": START,
             "seq": i, "due_at": DUE, "target": 1, "threshold": 1, "done_count": 0, "status": status,
             "completed_at": completed} for i, (status, completed) in enumerate(cases)]
    with store.transaction() as session:
        session.execute(insert(DueItem), rows)
    disagreements = []
    with store.transaction() as session:
        for now in MOMENTS:
            found = dict(session.execute(select(DueItem.id, state_of(POLICY.as_of(now)))).all())
            for row in rows:
                expected = POLICY.state_at(status=row["status"], due_at=DUE, window_start=START,
                                           completed_at=row["completed_at"], now=now)
                if as_state(found[row["id"]]) is not expected:
                    disagreements.append((row["status"], row["completed_at"], now, found[row["id"]], expected))
    assert disagreements == []
    assert len(rows) * len(MOMENTS) == 6 * 6 * 7  # six statuses recorded, six completion times, seven moments
