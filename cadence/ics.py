"""A unit's due items as an iCalendar feed staff can subscribe to (the icalendar package).

Each item is an event at its due moment (UTC, so every calendar shows it in local time), with
a stable UID so a refreshed feed updates events instead of duplicating them, an alarm the day
before (``ALARM_BEFORE``: a calendar reminds its owner even where no e-mail reaches), and the
item's completion link: a commune's staff open the event on a phone and report the work done
from there, as from a reminder. Its summary names what sets the item apart from its siblings
(the channel, a report's period).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from icalendar import Alarm, Calendar, Event

from cadence.catalogue import say
from cadence.kinds import ItemStatus, State
from cadence.schedule.model import output_label, shorten
from cadence.store.items import ItemView

EVENT_LENGTH = dt.timedelta(minutes=30)
ALARM_BEFORE = dt.timedelta(days=1)
SUMMARY_LIMIT = 80

Linker = Callable[[ItemView], str]  # the completion link of an item


def unit_calendar(items: list[ItemView], *, unit_name: str, now: dt.datetime, lang: str = "vi",
                  link: Linker | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//Cadence//{say('ics.product', lang)}//{str(lang).upper()}")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", say("ics.name", lang, unit=unit_name))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for item in items:
        calendar.add_component(_event(item, now, lang, link))
    return calendar.to_ical()


def _event(item: ItemView, now: dt.datetime, lang: str, link: Linker | None) -> Event:
    event = Event()
    url = link(item) if link is not None and item.state not in (State.DONE, State.LATE, State.RETIRED) else None
    event.add("uid", f"cadence-item-{item.id}@cadence")
    event.add("dtstamp", now)
    event.add("dtstart", item.due_at)
    event.add("dtend", item.due_at + EVENT_LENGTH)
    event.add("summary", _summary(item, lang))
    event.add("description", _description(item, lang, url))
    event.add("status", "CANCELLED" if item.status is ItemStatus.RETIRED else "CONFIRMED")
    event.add("categories", [say(f"kinds.{item.kind.value}", lang)])
    if url:
        event.add("url", url)
    if item.state in (State.UPCOMING, State.DUE):
        event.add_component(_alarm(item, lang))
    return event


def _alarm(item: ItemView, lang: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -ALARM_BEFORE)
    alarm.add("description", say("ics.alarm", lang, what=item.label(lang, SUMMARY_LIMIT)))
    return alarm


def _summary(item: ItemView, lang: str) -> str:
    kind = say(f"kinds.{item.kind.value}", lang)
    done = "✓ " if item.state in (State.DONE, State.LATE) else ""
    count = f" ({item.target})" if item.target > 1 else ""
    what = output_label(item.title, item.series, item.channel, item.period, lang=lang, limit=SUMMARY_LIMIT)
    return f"{done}{kind[:1].upper()}{kind[1:]}: {what}{count}"  # the kind leads: no "(phát lại)" again


def _description(item: ItemView, lang: str, url: str | None) -> str:
    """What to do and by when first, then where it comes from, then how to report it done: a
    link to open (``url``), else the reminder's link; never a command staff cannot run."""
    lines = [
        say("ics.what", lang, what=item.title),
        say("ics.due", lang, at=item.due_at),
        say("ics.window", lang, start=item.window_start, end=item.window_end),
        say("ics.done", lang, done=item.done_count, target=item.target, status=say(f"states.{item.state.value}", lang)),
        say("ics.plan", lang, plan=shorten(item.plan_title or item.plan, 120), ref=item.activity_ref),
    ]
    if item.channel:
        lines.insert(1, say("ics.channel", lang, channel=item.channel))
    if item.state not in (State.DONE, State.LATE, State.RETIRED):
        lines.append(say("ics.record", lang, url=url) if url else say("ics.record-by-reminder", lang))
    return "\n".join(lines)
