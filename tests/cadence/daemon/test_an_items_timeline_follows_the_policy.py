"""When an item is reminded, missed and escalated: pure functions of its due moment, the policy
and now (no database). Dates are real 2025 dates; Vietnamese holidays come from `holidays`."""
import datetime as dt

import pytest

from cadence.config import Config
from cadence.daemon.timeline import Policy, decide
from cadence.kinds import ItemStatus
from tests.cadence.daemon_support import local

POLICY = Policy.from_config(Config())  # reminders 3, 1, 0 working days before at 07:30;
# missed 14 h after due; escalation 0, 2, 5, 10 working days later at 07:30
FRIDAY_DUE = local("2025-09-19T17:00")
WEEK_START = dt.date(2025, 9, 15)


def test_reminders_fall_on_working_days_before_the_due_date_at_the_reminder_time():
    timeline = POLICY.timeline(FRIDAY_DUE, WEEK_START)
    assert [(days, m) for days, m in timeline.reminders] == [
        (3, local("2025-09-16T07:30")), (1, local("2025-09-18T07:30")), (0, local("2025-09-19T07:30"))]


def test_reminders_skip_weekends_and_lunar_tet():
    # Due Monday 3 February 2025, the first working day after Tết (27 January to 2 February).
    timeline = POLICY.timeline(local("2025-02-03T17:00"), dt.date(2025, 1, 1))
    assert [m for _, m in timeline.reminders] == [
        local("2025-01-22T07:30"), local("2025-01-24T07:30"), local("2025-02-03T07:30")]


def test_no_reminder_comes_before_the_items_window_opens():
    timeline = POLICY.timeline(FRIDAY_DUE, dt.date(2025, 9, 17))
    assert [days for days, _ in timeline.reminders] == [1, 0]


def test_a_miss_is_escalated_at_office_opening_after_each_rungs_delay_in_working_days():
    timeline = POLICY.timeline(FRIDAY_DUE, WEEK_START)
    assert timeline.missed_at == local("2025-09-20T07:00")
    assert timeline.escalations == (local("2025-09-22T07:30"), local("2025-09-24T07:30"),
                                    local("2025-09-29T07:30"), local("2025-10-06T07:30"))


def _walk(moments: list[str]):
    """Decisions for an item never completed, at each moment in turn."""
    timeline = POLICY.timeline(FRIDAY_DUE, WEEK_START)
    status, level, seen = ItemStatus.OPEN, 0, []
    for moment in moments:
        decision = decide(POLICY, timeline, status, level, local(moment))
        status, level = decision.status, decision.level
        seen.append((decision.remind, decision.escalate, decision.status, decision.next_action_at))
    return seen


def test_each_step_says_what_to_do_now_and_when_to_look_again():
    steps = _walk(["2025-09-15T00:00", "2025-09-16T08:00", "2025-09-20T07:00", "2025-09-22T07:30"])
    assert steps == [
        (None, None, ItemStatus.OPEN, local("2025-09-16T07:30")),
        (3, None, ItemStatus.OPEN, local("2025-09-18T07:30")),
        (None, None, ItemStatus.MISSED, local("2025-09-22T07:30")),
        (None, 1, ItemStatus.MISSED, local("2025-09-24T07:30")),
    ]


def test_after_downtime_only_the_level_reached_fires_and_old_reminders_are_not_sent():
    (reminder_after_its_day,) = _walk(["2025-09-17T08:00"])
    assert reminder_after_its_day[0] is None  # Tuesday's reminder is not sent on Wednesday
    (late,) = _walk(["2025-10-01T09:00"])  # down from before the due date until level 3
    assert late[1:3] == (3, ItemStatus.MISSED) and late[3] == local("2025-10-06T07:30")


def test_an_escalation_due_outside_office_hours_waits_for_the_office_to_open():
    timeline = POLICY.timeline(FRIDAY_DUE, WEEK_START)
    evening = decide(POLICY, timeline, ItemStatus.MISSED, 0, local("2025-09-22T18:00"))
    assert evening.escalate is None and evening.next_action_at == local("2025-09-23T07:30")
    morning = decide(POLICY, timeline, ItemStatus.MISSED, 0, local("2025-09-23T07:30"))
    assert morning.escalate == 1


def test_nothing_more_happens_to_an_item_once_done_or_at_the_top_of_the_chain():
    timeline = POLICY.timeline(FRIDAY_DUE, WEEK_START)
    for status in (ItemStatus.DONE, ItemStatus.LATE, ItemStatus.RETIRED):
        assert decide(POLICY, timeline, status, 0, local("2025-09-16T08:00")).next_action_at is None
    top = decide(POLICY, timeline, ItemStatus.MISSED, 4, local("2025-12-01T08:00"))
    assert top.escalate is None and top.next_action_at is None


@pytest.mark.parametrize("moment", ["2025-09-16T07:30", "2025-09-16T16:59"])
def test_a_reminder_goes_any_time_on_its_own_day_during_office_hours(moment):
    timeline = POLICY.timeline(FRIDAY_DUE, WEEK_START)
    assert decide(POLICY, timeline, ItemStatus.OPEN, 0, local(moment)).remind == 3
