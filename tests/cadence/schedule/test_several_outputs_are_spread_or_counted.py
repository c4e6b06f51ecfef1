"""Several outputs in a period are spread over equal parts of it; an approximate or dense count
is one item with a target; a rebroadcast shares the window of the output it repeats."""
import datetime as dt

from cadence.config import ScheduleConfig
from cadence.schedule import rule_slots
from rules.model import Rule

CONFIG = ScheduleConfig()
JANUARY = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_two_a_month_are_two_half_months() -> None:
    slots, _ = rule_slots(Rule(count=2, per="month"), *JANUARY, CONFIG, ref="x", full_year=False)
    assert [(s.window_start.day, s.window_end.day, s.target) for s in slots] == [(1, 15, 1), (16, 31, 1)]


def test_twelve_a_year_are_the_twelve_months() -> None:
    slots, _ = rule_slots(Rule(count=12, per="year"), *YEAR, CONFIG, ref="x", full_year=True)
    assert [s.window_start.month for s in slots] == list(range(1, 13))
    assert all(s.window_start.day == 1 for s in slots)


def test_about_fifteen_a_month_is_one_item_met_within_the_tolerance() -> None:
    slots, _ = rule_slots(Rule(count=15, per="month", approx=True), *JANUARY, CONFIG, ref="x", full_year=False)
    assert [(s.target, s.threshold) for s in slots] == [(15, 12)]


def test_a_dense_exact_count_is_one_item_with_a_target() -> None:
    slots, _ = rule_slots(Rule(count=5, per="month"), *JANUARY, CONFIG, ref="x", full_year=False)
    assert [(s.target, s.threshold) for s in slots] == [(5, 5)]


def test_rebroadcasts_are_one_item_in_the_window_of_their_output() -> None:
    produce, _ = rule_slots(Rule(count=1, per="month"), *JANUARY, CONFIG, ref="x", full_year=False)
    repeats, _ = rule_slots(Rule(count=3, per="month", kind="rebroadcast"), *JANUARY, CONFIG, ref="x", full_year=False)
    assert [(s.window_start, s.window_end) for s in repeats] == [(s.window_start, s.window_end) for s in produce]
    assert repeats[0].target == 3


def test_every_two_weeks_runs_in_fortnights_from_the_start() -> None:
    rule = Rule(count=1, per="week", every=2, declared_total=26)
    full, _ = rule_slots(rule, *YEAR, CONFIG, ref="x", full_year=True)
    late, _ = rule_slots(rule, dt.date(2025, 9, 1), YEAR[1], CONFIG, ref="x", full_year=False)
    assert len(full) == 26
    assert (full[0].window_start, full[0].window_end) == (dt.date(2025, 1, 1), dt.date(2025, 1, 14))
    assert late[0].window_start == dt.date(2025, 9, 1) and late[1].window_start == dt.date(2025, 9, 15)
