"""The daemon's clock lives on due moments: an import gives every new (due moment, window start)
a moment that wakes when its window opens and leaves the moments the daemon has moved on as they
are; people see an open item of a missed moment as missed, at the level of its own steps."""
import dataclasses
import datetime as dt

from sqlalchemy import select, update

from cadence.kinds import ItemStatus, Rung, State
from cadence.schedule.states import StatePolicy
from cadence.store.items import item_view
from cadence.store.models import DueItem, DueMoment
from cadence.store.moments import window_opens
from cadence.store.outbox import EscalationRow
from tests.cadence.support import NOW, gold, imported, load_units

NAME = "quang-ngai-province-2025"
LATER = dt.datetime(2025, 10, 1, 1, 0, tzinfo=dt.timezone.utc)


def _more_often(plan):
    """C.I.2.c's e-paper cadence raised from 2 to 4 a month: new due moments."""
    activities = []
    for activity in plan.activities:
        if activity.ref == "C.I.2.c":
            rules = tuple(dataclasses.replace(r, count=4) if r.channel == "báo điện tử" else r for r in activity.rules)
            activity = dataclasses.replace(activity, rules=rules)
        activities.append(activity)
    return dataclasses.replace(plan, activities=tuple(activities))


def _moments(store) -> dict[tuple, DueMoment]:
    with store.transaction() as session:
        return {(m.due_at, m.window_start): m for m in session.scalars(select(DueMoment))}


def test_a_reimport_adds_the_moments_it_needs_and_keeps_the_daemons_progress(store):
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME))
    with store.transaction() as session:  # as if the daemon had climbed every moment to level 2
        session.execute(update(DueMoment).values(status=ItemStatus.MISSED, escalation_level=2, next_action_at=LATER))
    before = _moments(store)
    imported(store, _more_often(gold(NAME)))
    after = _moments(store)
    with store.transaction() as session:
        pairs = set(session.execute(select(DueItem.due_at, DueItem.window_start)).all())
    assert pairs == set(after) and len(after) > len(before)
    for key, moment in after.items():
        if key in before:
            assert (moment.status, moment.escalation_level, moment.next_action_at) == (ItemStatus.MISSED, 2, LATER)
        else:
            assert (moment.status, moment.escalation_level) == (ItemStatus.OPEN, 0)
            assert moment.next_action_at == window_opens(moment.window_start)


def test_an_items_state_follows_the_policy_not_its_moments_mark_and_its_level_is_its_own(store):
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME))
    policy = StatePolicy(grace=dt.timedelta(hours=14))
    with store.transaction() as session:
        item, other = session.scalars(select(DueItem).order_by(DueItem.due_at, DueItem.id).limit(2)).all()
        assert (item.due_at, item.window_start) == (other.due_at, other.window_start)
        in_grace, after = policy.as_of(item.due_at + dt.timedelta(hours=1)), policy.as_of(policy.missed_at(item.due_at))
        session.execute(update(DueMoment).where(DueMoment.due_at == item.due_at,
                                                DueMoment.window_start == item.window_start)
                        .values(status=ItemStatus.MISSED, escalation_level=2))
        session.add_all([EscalationRow(item_id=item.id, level=level, rung=rung, fired_at=NOW)
                         for level, rung in ((1, Rung.CONTACTS), (2, Rung.HEAD))])
    with store.transaction() as session:
        assert item_view(session, item.id, in_grace).state is State.GRACE  # the moment's mark changes nothing
        seen, untold = item_view(session, item.id, after), item_view(session, other.id, after)
    assert (seen.status, seen.state, seen.escalation_level) == (ItemStatus.OPEN, State.MISSED, 2)
    assert (untold.state, untold.escalation_level) == (State.MISSED, 0)  # no step of its own
