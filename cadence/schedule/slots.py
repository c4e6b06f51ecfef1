"""A duty's due slots in a date range: plain values in, plain values out; no clock, no store.

Semantics (each configurable in ``[schedule]`` where offices differ):
- N per week is N per ISO week, N per month per calendar month; "every 2 weeks" runs in
  14-day stretches from the window's start.
- Several outputs in a period are spread over equal parts of it (2/month → two half-months),
  as long as each part lasts ``spread_min_days``; an approximate count ("khoảng 15 tin,
  bài/tháng"), a count too dense to spread and every rebroadcast are one item per period with
  a target count. A rebroadcast item shares the window of the output it repeats.
- A period cut by the window's start gets its share of the count (at least one).
- A one-off task is one item due at the end of its window; an ongoing task without a
  countable output gets a check-in per ``check_in`` period; a fixed yearly day ("10/10 hằng
  năm") is an item on that day, never moved; a report is due ``report_due_days`` after each
  cut-off of Nghị định 09/2019/NĐ-CP.
- Due at ``due_time`` in Asia/Ho_Chi_Minh, moved off weekends and public holidays by
  ``holidays`` (previous working day by default).
"""
from __future__ import annotations

import datetime as dt
import math

from cadence.config import CheckInPeriod, ScheduleConfig
from cadence.schedule.model import Duty, ItemKind, Note, Slot
from cadence.schedule.periods import Period, nominal_days, periods, report_periods, split
from cadence.schedule.totals import fit_to_declared
from cadence.schedule.workdays import shift_to_working_day
from cadence.tz import local_moment
from rules.model import Per, Rule

_CHECK_IN_PER = {CheckInPeriod.WEEK: Per.WEEK, CheckInPeriod.MONTH: Per.MONTH, CheckInPeriod.QUARTER: Per.QUARTER}


def slots_for(
    duty: Duty, start: dt.date, end: dt.date, config: ScheduleConfig, *, year: int
) -> tuple[list[Slot], list[Note]]:
    """The slots of ``duty`` whose due date falls in [start, end], and notes for the import."""
    if duty.kind is ItemKind.TASK:  # due at the end of its own window, if that is in range
        due_in_range = start <= duty.end <= end
        return ([_slot(config, max(start, duty.start), duty.end, 0, 1)] if due_in_range else []), []
    start, end = max(start, duty.start), min(end, duty.end)
    if end < start:
        return [], []
    if duty.kind is ItemKind.CHECK_IN:
        return [_slot(config, p.start, p.end, 0, 1) for p in periods(_CHECK_IN_PER[config.check_in], 1, start, end)], []
    if duty.kind is ItemKind.REPORT:
        return [_report_slot(config, p) for p in report_periods(duty.period, start, end)], []
    full_year = start <= dt.date(year, 1, 1) and end >= dt.date(year, 12, 31)
    return rule_slots(duty.rule, start, end, config, ref=duty.ref, full_year=full_year)


def rule_slots(
    rule: Rule, start: dt.date, end: dt.date, config: ScheduleConfig, *, ref: str, full_year: bool
) -> tuple[list[Slot], list[Note]]:
    """The slots of one countable cadence in [start, end]."""
    if rule.on:
        return _fixed_day_slots(rule, start, end, config), []
    found = periods(rule.per, rule.every, start, end)
    counts = [_prorated(rule.count, p) for p in found]
    fitted = fit_to_declared(rule, counts, ref=ref, full_year=full_year, policy=config.declared_totals)
    slots = []
    for period, count in zip(found, fitted.counts):
        if count:
            slots.extend(_period_slots(rule, period, count, config))
    return slots, list(fitted.notes)


def _prorated(count: int, period: Period) -> int:
    if not period.clipped:
        return count
    return max(1, round(count * period.days / period.full_days))


def is_quota(rule: Rule, config: ScheduleConfig) -> bool:
    """One item with a target count, rather than one item per output."""
    if rule.approx or rule.kind.value == "rebroadcast":
        return True
    return nominal_days(rule.per, rule.every) / rule.count < config.spread_min_days


def _period_slots(rule: Rule, period: Period, count: int, config: ScheduleConfig) -> list[Slot]:
    if is_quota(rule, config):
        return [_slot(config, period.start, period.end, 0, count, approx=rule.approx)]
    if count == 1:
        return [_slot(config, period.start, period.end, 0, 1)]
    return [_slot(config, s, e, i, 1) for i, (s, e) in enumerate(split(period, count))]


def _fixed_day_slots(rule: Rule, start: dt.date, end: dt.date, config: ScheduleConfig) -> list[Slot]:
    """A named day of the year ("Ngày Chuyển đổi số quốc gia 10/10"): the event happens on that
    day, so the due date is not moved off a weekend."""
    month, day = (int(x) for x in rule.on.split("-"))
    days = [dt.date(y, month, day) for y in range(start.year, end.year + 1)]
    moment = config.due_time
    return [
        Slot(d, d, 0, local_moment(d, moment), rule.count, rule.count)
        for d in days
        if start <= d <= end
    ]


def _report_slot(config: ScheduleConfig, period: Period) -> Slot:
    due = period.end + dt.timedelta(days=config.report_due_days)
    return _slot(config, period.start, period.end, 0, 1, due_day=due)


def _slot(
    config: ScheduleConfig, start: dt.date, end: dt.date, seq: int, target: int,
    *, approx: bool = False, due_day: dt.date | None = None,
) -> Slot:
    day = shift_to_working_day(due_day or end, config.holidays)
    return Slot(start, end, seq, local_moment(day, config.due_time), target, threshold(target, approx, config))


def threshold(target: int, approx: bool, config: ScheduleConfig) -> int:
    """How many outputs count as done: an approximate target ("khoảng 15") is met within the
    configured tolerance (15 with 0.2 → 12)."""
    if not approx:
        return target
    return max(1, math.ceil(target * (1 - config.approx_tolerance) - 1e-9))
