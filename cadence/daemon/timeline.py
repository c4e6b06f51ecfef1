"""What happens to a due item, and when: pure functions of its due moment, the policy and now.

An item's life, for the default policy (reminders 3 and 1 working days before and the morning
it is due at 07:30; missed 14 hours after the due time; escalation at 0, 2, 5 and 10 working
days after the miss, at office opening):

    window opens → reminders → due → missed → level 1 → level 2 → level 3 → level 4

``decide`` is called whenever the item's ``next_action_at`` has come. It says what to do now
(a reminder, an escalation, the status MISSED) and when to look at the item next, which is
always later than now, or never (None) once nothing more can happen. Rules that make a
restart after downtime behave:

- a reminder belongs to its own day: it is sent between its moment and that day's closing,
  never later (the next reminder, or the escalation, covers the item);
- an escalation fires at the highest level reached, once, skipping the levels that fell
  inside the downtime; it waits for office hours if now is outside them;
- reminders before the item's window opens are not sent (a daily item is not reminded days
  ahead, nor a task before its quarter starts).

Items sharing a due moment and window share a timeline, so the pass computes it once per
distinct pair (the policy caches it).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cadence.daemon.calendar import OfficeCalendar, working_day_after, working_day_before
from cadence.errors import CadenceError
from cadence.kinds import ItemStatus
from cadence.schedule.states import StatePolicy
from cadence.tz import local_moment, to_local

_ACTIVE = (ItemStatus.OPEN, ItemStatus.MISSED)
_MIDNIGHT = dt.time(0, 0)


@dataclass(frozen=True, slots=True)
class Timeline:
    reminders: tuple[tuple[int, dt.datetime], ...]  # (working days before, moment), in time order
    missed_at: dt.datetime
    escalations: tuple[dt.datetime, ...]  # level k fires at escalations[k - 1]


@dataclass(frozen=True, slots=True)
class Decision:
    status: ItemStatus
    level: int  # the escalation level after this decision
    next_action_at: dt.datetime | None
    remind: int | None = None  # send the reminder for this many days before, now
    escalate: int | None = None  # fire this escalation level, now


def _outside_hours(key: str, calendar: OfficeCalendar, time: dt.time) -> CadenceError:
    return CadenceError("errors.config.within-hours", key=key, opens=f"{calendar.opens:%H:%M}",
                        closes=f"{calendar.closes:%H:%M}", value=f"{time:%H:%M}")


@dataclass(frozen=True)
class Policy:
    reminder_days: tuple[int, ...]
    reminder_time: dt.time
    states: StatePolicy  # when an item counts as missed: the board, the digest and the CLI say the same
    delays: tuple[int, ...]
    calendar: OfficeCalendar
    _timelines: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_config(cls, config) -> Policy:
        calendar = OfficeCalendar(config.daemon.office_opens, config.daemon.office_closes)
        reminders = config.reminders
        if reminders.days_before and not calendar.opens <= reminders.time < calendar.closes:
            raise _outside_hours("reminders.time", calendar, reminders.time)
        digest = config.digest
        if digest.enabled and not calendar.opens <= digest.time < calendar.closes:
            raise _outside_hours("digest.time", calendar, digest.time)
        return cls(reminder_days=reminders.days_before, reminder_time=reminders.time,
                   states=StatePolicy.from_config(config), delays=config.escalation.delays_days, calendar=calendar)

    def timeline(self, due_at: dt.datetime, window_start: dt.date) -> Timeline:
        key = (due_at, window_start)
        found = self._timelines.get(key)
        if found is None:
            if len(self._timelines) > 100_000:
                self._timelines.clear()
            found = self._timelines[key] = self._build(due_at, window_start)
        return found

    def _build(self, due_at: dt.datetime, window_start: dt.date) -> Timeline:
        opens = local_moment(window_start, _MIDNIGHT)
        due_day = to_local(due_at).date()
        reminders = []
        for days in self.reminder_days:
            moment = local_moment(working_day_before(due_day, days), self.reminder_time)
            if opens <= moment < due_at and all(moment != m for _, m in reminders):
                reminders.append((days, moment))
        missed_at = self.states.missed_at(due_at)
        return Timeline(reminders=tuple(reminders), missed_at=missed_at,
                        escalations=tuple(self._escalation(missed_at, d) for d in self.delays))

    def _escalation(self, missed_at: dt.datetime, delay: int) -> dt.datetime:
        first = self.calendar.next_open(missed_at)
        if delay == 0:
            return first
        return self.calendar.opening(working_day_after(to_local(first).date(), delay))


def decide(policy: Policy, timeline: Timeline, status: ItemStatus, level: int, now: dt.datetime) -> Decision:
    """What to do with an item at ``now``, and when to look at it next."""
    if status not in _ACTIVE:
        return Decision(status=status, level=level, next_action_at=None)
    missed = status is ItemStatus.MISSED or now >= timeline.missed_at
    if not missed:
        remind = _fresh_reminder(policy, timeline, now)
        upcoming = [m for _, m in timeline.reminders if m > now] + [timeline.missed_at]
        return Decision(status=ItemStatus.OPEN, level=level, next_action_at=min(upcoming), remind=remind)
    reached = sum(1 for m in timeline.escalations if m <= now)
    escalate = reached if reached > level and policy.calendar.is_open(now) else None
    fired = escalate or level
    later = [m for m in timeline.escalations[fired:] if m > now]
    if reached > fired:  # a level is due but the office is closed: wait for it to open
        later.append(policy.calendar.next_open(now))
    return Decision(status=ItemStatus.MISSED, level=fired, next_action_at=min(later, default=None),
                    escalate=escalate)


def _fresh_reminder(policy: Policy, timeline: Timeline, now: dt.datetime) -> int | None:
    """The reminder whose moment has come today and whose day is not yet over, if any."""
    fresh = None
    for days, moment in timeline.reminders:
        if moment <= now < policy.calendar.closing(to_local(moment).date()):
            fresh = days
    return fresh
