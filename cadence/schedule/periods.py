"""Calendar periods inside a window: ISO weeks, calendar months, quarters, years, day runs.

The rule that makes declared totals come out right: a period belongs to a window when its
LAST day lies in the window. A year has 52 or 53 ISO weeks touching it, but exactly 52 weeks
ending in it unless 1 January is a Sunday; so "01 số/tuần (52 số/năm)" gives 52 items for
2025, and the partial week at the end of December belongs to the next year's plan. A period
that began before the window is clipped to the window and keeps its full length on record, so
its count can be prorated.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, MONTHLY, SU, WEEKLY, rrule

from rules.model import Per, ReportPeriod

_MONTHS = {Per.MONTH: 1, Per.QUARTER: 3, Per.YEAR: 12}
_NOMINAL_DAYS = {Per.DAY: 1, Per.WEEK: 7, Per.MONTH: 30, Per.QUARTER: 91, Per.YEAR: 365}


class Period(NamedTuple):
    """Dates inclusive; ``full_days`` is the length before clipping to the window."""

    start: dt.date
    end: dt.date
    full_days: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def clipped(self) -> bool:
        return self.days < self.full_days


def nominal_days(per: Per, every: int = 1) -> int:
    """The length a cadence's period usually has, for deciding whether to spread or count."""
    return _NOMINAL_DAYS[Per(per)] * every


def periods(per: Per, every: int, start: dt.date, end: dt.date) -> list[Period]:
    """The periods of ``every`` × ``per`` whose last day lies in [start, end]."""
    per = Per(per)
    if per is Per.DAY:
        return _runs(start, end, every)
    if per is Per.WEEK:
        return _iso_weeks(start, end) if every == 1 else _runs(start, end, 7 * every)
    return _month_periods(_MONTHS[per] * every, _anchor(per, every, start), start, end)


def _day(moment: dt.datetime) -> dt.date:
    return moment.date()


def _runs(start: dt.date, end: dt.date, days: int) -> list[Period]:
    """Runs of ``days`` days anchored at the window's start ("2 tuần/1 số", "10 ngày một lần")."""
    firsts = rrule(DAILY, interval=days, dtstart=start, until=end)
    ends = ((_day(f), _day(f) + dt.timedelta(days=days - 1)) for f in firsts)
    return [Period(s, e, days) for s, e in ends if e <= end]


def _iso_weeks(start: dt.date, end: dt.date) -> list[Period]:
    """ISO weeks (Monday to Sunday) whose Sunday lies in the window."""
    sundays = rrule(WEEKLY, byweekday=SU, dtstart=start, until=end)
    return [Period(max(start, _day(s) - dt.timedelta(days=6)), _day(s), 7) for s in sundays]


def _anchor(per: Per, every: int, start: dt.date) -> dt.date:
    """Calendar periods start on the 1st of a month, quarter or year; "every N" counts from
    the period the window starts in."""
    if per is Per.YEAR:
        return dt.date(start.year, 1, 1)
    if per is Per.QUARTER:
        return dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    return start.replace(day=1)


def _month_periods(months: int, anchor: dt.date, start: dt.date, end: dt.date) -> list[Period]:
    firsts = rrule(MONTHLY, interval=months, dtstart=anchor, until=end)
    result = []
    for first in map(_day, firsts):
        last = first + relativedelta(months=months) - dt.timedelta(days=1)
        if start <= last <= end:
            result.append(Period(max(first, start), last, (last - first).days + 1))
    return result


def split(period: Period, parts: int) -> list[tuple[dt.date, dt.date]]:
    """A period in ``parts`` equal pieces: whole months where the period is made of months
    that divide evenly (12/year → months, 4/year → quarters), else equal runs of days
    (2/month → 1–15 and 16–end)."""
    months = _whole_months(period)
    if months and months % parts == 0:
        step = months // parts
        firsts = [period.start + relativedelta(months=step * i) for i in range(parts)]
        return [(f, f + relativedelta(months=step) - dt.timedelta(days=1)) for f in firsts]
    days = period.days
    bounds = [days * i // parts for i in range(parts + 1)]
    return [
        (period.start + dt.timedelta(days=bounds[i]), period.start + dt.timedelta(days=bounds[i + 1] - 1))
        for i in range(parts)
        if bounds[i + 1] > bounds[i]
    ]


def _whole_months(period: Period) -> int:
    if period.start.day != 1 or (period.end + dt.timedelta(days=1)).day != 1:
        return 0
    delta = relativedelta(period.end + dt.timedelta(days=1), period.start)
    return delta.years * 12 + delta.months


# Nghị định 09/2019/NĐ-CP, Điều 12 (thời gian chốt số liệu báo cáo định kỳ): a monthly report
# covers the 15th of the previous month to the 14th of the month; quarterly, six-monthly and
# yearly reports likewise run from the 15th of the month before the period to the 14th of its
# last month (the yearly one: 15 December of the year before to 14 December).
_REPORT_MONTHS = {ReportPeriod.MONTH: 1, ReportPeriod.QUARTER: 3, ReportPeriod.HALF_YEAR: 6, ReportPeriod.YEAR: 12}


def report_periods(period: ReportPeriod, start: dt.date, end: dt.date) -> list[Period]:
    """Reporting periods whose cut-off (the 14th of their last month) lies in [start, end]."""
    months = _REPORT_MONTHS[ReportPeriod(period)]
    result = []
    for year in range(start.year, end.year + 1):
        for last_month in range(months, 13, months):
            cutoff = dt.date(year, last_month, 14)
            begin = cutoff + dt.timedelta(days=1) - relativedelta(months=months)
            if start <= cutoff <= end:
                result.append(Period(begin, cutoff, (cutoff - begin).days + 1))
    return result
