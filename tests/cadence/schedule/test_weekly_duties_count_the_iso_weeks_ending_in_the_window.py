"""N per week is N per ISO week; a week belongs to the window its Sunday falls in, so a full
year gives exactly the declared 52 (and the week straddling New Year belongs to the next)."""
import datetime as dt

from cadence.config import ScheduleConfig
from cadence.schedule import rule_slots
from rules.model import Rule

CONFIG = ScheduleConfig()
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def weekly(**fields) -> Rule:
    return Rule(count=1, per="week", **fields)


def test_a_weekly_bulletin_has_52_items_in_2025() -> None:
    slots, notes = rule_slots(weekly(declared_total=52), *YEAR_2025, CONFIG, ref="x", full_year=True)
    assert len(slots) == 52
    assert notes == []


def test_the_first_week_is_clipped_to_1_january_and_the_last_ends_on_28_december() -> None:
    slots, _ = rule_slots(weekly(), *YEAR_2025, CONFIG, ref="x", full_year=True)
    assert (slots[0].window_start, slots[0].window_end) == (dt.date(2025, 1, 1), dt.date(2025, 1, 5))
    assert slots[-1].window_end == dt.date(2025, 12, 28)


def test_a_year_that_starts_on_a_sunday_still_gives_the_declared_52() -> None:
    year = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))  # 1 January 2023 was a Sunday: 53 Sundays
    undeclared, _ = rule_slots(weekly(), *year, CONFIG, ref="x", full_year=True)
    declared, _ = rule_slots(weekly(declared_total=52), *year, CONFIG, ref="x", full_year=True)
    assert len(undeclared) == 53
    assert len(declared) == 52
    assert declared[0].window_end == dt.date(2023, 1, 8)  # the one-day first week is the one dropped


def test_a_weekly_item_due_on_sunday_moves_to_friday_at_the_due_time() -> None:
    slots, _ = rule_slots(weekly(), dt.date(2025, 3, 3), dt.date(2025, 3, 9), CONFIG, ref="x", full_year=False)
    local = slots[0].due_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert (local.date(), local.hour) == (dt.date(2025, 3, 7), 17)
