"""When an office can be told something: working days (Vietnamese public holidays and lunar Tết
excluded, from the `holidays` package through ``cadence.schedule.workdays``) between the hours
the office opens and closes, in Asia/Ho_Chi_Minh.

Nobody wants a reminder at 3 a.m. or on the first day of Tết: every moment at which the daemon
sends something is an office moment, and a moment outside office hours waits for the next
opening.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from cadence.schedule.workdays import is_working_day
from cadence.tz import local_moment, to_local

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class OfficeCalendar:
    opens: dt.time
    closes: dt.time

    def is_open(self, moment: dt.datetime) -> bool:
        local = to_local(moment)
        return is_working_day(local.date()) and self.opens <= local.time() < self.closes

    def next_open(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` itself when the office is open then, else the next opening."""
        if self.is_open(moment):
            return moment
        local = to_local(moment)
        day = local.date()
        if not (is_working_day(day) and local.time() < self.opens):
            day = working_day_after(day, 1)
        return self.opening(day)

    def opening(self, day: dt.date) -> dt.datetime:
        return local_moment(day, self.opens)

    def closing(self, day: dt.date) -> dt.datetime:
        return local_moment(day, self.closes)


@lru_cache(maxsize=8192)
def working_day_before(day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day before ``day``; with 0, ``day`` itself when it is a working
    day, else the working day before it."""
    if count == 0:
        while not is_working_day(day):
            day -= _DAY
        return day
    while count:
        day -= _DAY
        count -= is_working_day(day)
    return day


@lru_cache(maxsize=8192)
def working_day_after(day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``day`` (with 0: ``day``, or the next working day)."""
    if count == 0:
        while not is_working_day(day):
            day += _DAY
        return day
    while count:
        day += _DAY
        count -= is_working_day(day)
    return day
