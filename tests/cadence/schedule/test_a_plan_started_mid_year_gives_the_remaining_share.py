"""A plan issued mid-year ("--from 2025-09-01") produces the calendar's remaining share of a
declared total and says so in the import notes."""
import datetime as dt

from cadence.config import ScheduleConfig
from cadence.schedule import rule_slots
from rules.model import Rule
from cadence.diagnostics import describe

PAPI = Rule(count=1, per="week", series="Bản tin PAPI", channel="kênh phát thanh", declared_total=52)


def test_weekly_from_september_gives_the_17_weeks_left_and_a_note() -> None:
    slots, notes = rule_slots(PAPI, dt.date(2025, 9, 1), dt.date(2025, 12, 31), ScheduleConfig(), ref="C.II.12.c", full_year=False)
    assert len(slots) == 17
    assert slots[0].window_start == dt.date(2025, 9, 1)
    assert [n.code for n in notes] == ["declared-partial"]
    assert (notes[0].args["produced"], notes[0].args["declared"]) == (17, 52)
    assert "17" in describe(notes[0]) and "52" in describe(notes[0])


def test_a_month_cut_by_the_start_gets_its_share_of_a_quota() -> None:
    quota = Rule(count=15, per="month", approx=True)
    slots, _ = rule_slots(quota, dt.date(2025, 9, 16), dt.date(2025, 12, 31), ScheduleConfig(), ref="x", full_year=False)
    assert [s.target for s in slots] == [8, 15, 15, 15]  # 15 days of September's 30
