"""A plan's duties: each rule of each activity, each ongoing task's check-in, each one-off
task, and each period of each reporting duty."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

from cadence.catalogue import say
from cadence.config import CheckInPeriod, ScheduleConfig
from cadence.schedule.model import Duty, ItemKind
from rules.model import Activity, Diagnostic, Plan, Report, ReportPeriod, Rule


def plan_span(plan: Plan) -> tuple[dt.date, dt.date]:
    """The dates a plan covers: its year, stretched to any activity window beyond it."""
    start, end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    for activity in plan.activities:
        if activity.window:
            start, end = min(start, activity.window.start), max(end, activity.window.end)
    return start, end


def default_start(plan: Plan, today: dt.date) -> dt.date | None:
    """Where an import's schedule starts when no --from is given: today, once the plan has
    begun and while it runs (its past is no one's to be reminded of); None, the plan's own
    start, before it begins or after it is over (an old plan imported as a record, every item
    of it before tracking)."""
    first, last = plan_span(plan)
    return today if first < today <= last else None


def duties_of(plan: Plan, config: ScheduleConfig) -> tuple[list[Duty], list[Diagnostic]]:
    """Every duty of the plan, and notes on what was assumed (a task with no lead unit goes
    to the plan's issuer; a report with no stated period gets the configured ones)."""
    duties: list[Duty] = []
    notes: list[Diagnostic] = []
    for activity in plan.activities:
        duties.extend(_activity_duties(activity, plan, config, notes))
    for report in plan.reports:
        duties.extend(_report_duties(report, plan, config, notes))
    return _with_unique_keys(duties), notes


def _activity_duties(activity: Activity, plan: Plan, config: ScheduleConfig, notes: list) -> Iterator[Duty]:
    window = activity.window
    start, end = (window.start, window.end) if window else (dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31))
    units = tuple(u for u in activity.lead if u.strip())
    if not units:
        units = (plan.issuer,)
        notes.append(Diagnostic(ref=activity.ref, code="no-lead", args={"issuer": plan.issuer}, section="schedule"))
    common = dict(ref=activity.ref, title=activity.title, units=tuple(units), start=start, end=end, scope=activity.scope)
    if activity.rules:
        for rule in activity.rules:
            yield Duty(key=rule_key(rule), kind=ItemKind(rule.kind.value), rule=rule, **common)
    elif activity.ongoing:
        if config.check_in is not CheckInPeriod.NONE:
            yield Duty(key="check_in", kind=ItemKind.CHECK_IN, **common)
    else:
        yield Duty(key="task", kind=ItemKind.TASK, **common)


def rule_key(rule: Rule) -> str:
    """What names a rule's output: kind, series, channel and fixed day, not its count."""
    return "|".join([rule.kind.value, rule.series or "", rule.channel or "", rule.on or ""])


def _with_unique_keys(duties: list[Duty]) -> list[Duty]:
    """Two duties under one ref with the same key (two identical rules) get "#2", "#3"."""
    taken: set[tuple[str, str]] = set()
    result = []
    for duty in duties:
        key, n = duty.key, 1
        while (duty.ref, key) in taken:
            n += 1
            key = f"{duty.key}#{n}"
        taken.add((duty.ref, key))
        result.append(duty if key == duty.key else replace(duty, key=key))
    return result


def _report_duties(report: Report, plan: Plan, config: ScheduleConfig, notes: list) -> Iterator[Duty]:
    periods = tuple(ReportPeriod(p) for p in report.periods or config.unstated_report_periods)
    if not report.from_.strip():
        notes.append(Diagnostic(ref=report.ref, code="report-no-unit", section="schedule"))
        return
    if not report.periods:
        chosen = ", ".join(p.value for p in periods)  # none: said as schedule.none-chosen
        notes.append(Diagnostic(ref=report.ref, code="report-no-period", args={"chosen": chosen}, section="schedule"))
    start, end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    for period in periods:
        yield Duty(
            ref=report.ref, key=f"report|{report.scope.value}|{period.value}", kind=ItemKind.REPORT,
            title=report.text or say("schedule.report-title", "vi", scope=report.scope.value), units=(report.from_,),
            start=start, end=end, scope=report.scope, period=period, to=report.to,
        )
