"""Working days in Việt Nam, and where a due date on a day off moves to."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from cadence.config import HolidayPolicy

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def _days_off(year: int) -> frozenset[dt.date]:
    # The holidays package knows the lunar calendar: Tết Nguyên Đán and Giỗ Tổ Hùng Vương move
    # every year (Tết 2025: 27 Jan–1 Feb), as do the days the government swaps each year.
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a Vietnamese public holiday."""
    return day.weekday() < 5 and day not in _days_off(day.year)


def shift_to_working_day(day: dt.date, policy: HolidayPolicy) -> dt.date:
    """The due date after the holiday policy: the previous (or next) working day, or as is."""
    if policy is HolidayPolicy.NONE:
        return day
    step = -_ONE_DAY if policy is HolidayPolicy.PREVIOUS else _ONE_DAY
    while not is_working_day(day):
        day += step
    return day
