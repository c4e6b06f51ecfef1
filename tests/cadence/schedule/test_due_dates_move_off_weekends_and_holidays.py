"""A due date on a weekend or a Vietnamese public holiday moves to the previous working day
(or the next, or stays, as configured); Tết comes from the lunar calendar."""
import dataclasses
import datetime as dt

import pytest

from cadence.config import HolidayPolicy, ScheduleConfig
from cadence.schedule import rule_slots
from cadence.schedule.workdays import is_working_day
from cadence.tz import LOCAL
from rules.model import Rule

JANUARY = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))


@pytest.mark.parametrize("policy, due", [
    (HolidayPolicy.PREVIOUS, dt.date(2025, 1, 24)),  # Tết 2025: 27 Jan–1 Feb off, 25–26 a weekend
    (HolidayPolicy.NEXT, dt.date(2025, 2, 3)),
    (HolidayPolicy.NONE, dt.date(2025, 1, 31)),
])
def test_january_items_due_in_tet_move_by_the_policy(policy, due) -> None:
    config = dataclasses.replace(ScheduleConfig(), holidays=policy)
    [slot], _ = rule_slots(Rule(count=1, per="month"), *JANUARY, config, ref="x", full_year=False)
    assert slot.due_at.astimezone(LOCAL).date() == due


def test_national_day_and_weekends_are_not_working_days() -> None:
    assert not is_working_day(dt.date(2025, 9, 2))
    assert not is_working_day(dt.date(2025, 3, 8))  # a Saturday
    assert is_working_day(dt.date(2025, 3, 7))


def test_the_due_time_is_local_and_stored_in_utc() -> None:
    config = dataclasses.replace(ScheduleConfig(), due_time=dt.time(16, 30))
    [slot], _ = rule_slots(Rule(count=1, per="month"), dt.date(2025, 3, 1), dt.date(2025, 3, 31), config, ref="x", full_year=False)
    assert slot.due_at == dt.datetime(2025, 3, 31, 9, 30, tzinfo=dt.timezone.utc)
