"""A unit's due items as an iCalendar feed staff can subscribe to (the icalendar package).

Each item is an event at its due moment (UTC, so every calendar shows it in local time), with
a stable UID so a refreshed feed updates events instead of duplicating them.
"""
from __future__ import annotations

import datetime as dt
import textwrap

from icalendar import Calendar, Event

from cadence.catalogue import say
from cadence.kinds import ItemStatus, State
from cadence.store.items import ItemView

EVENT_LENGTH = dt.timedelta(minutes=30)


def unit_calendar(items: list[ItemView], *, unit_name: str, now: dt.datetime, lang: str = "vi") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//Cadence//{say('ics.product', lang)}//{str(lang).upper()}")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", say("ics.name", lang, unit=unit_name))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for item in items:
        calendar.add_component(_event(item, now, lang))
    return calendar.to_ical()


def _event(item: ItemView, now: dt.datetime, lang: str) -> Event:
    event = Event()
    event.add("uid", f"cadence-item-{item.id}@cadence")
    event.add("dtstamp", now)
    event.add("dtstart", item.due_at)
    event.add("dtend", item.due_at + EVENT_LENGTH)
    event.add("summary", _summary(item, lang))
    event.add("description", _description(item, lang))
    event.add("status", "CANCELLED" if item.status is ItemStatus.RETIRED else "CONFIRMED")
    event.add("categories", [say(f"kinds.{item.kind.value}", lang)])
    return event


def _summary(item: ItemView, lang: str) -> str:
    what = textwrap.shorten(item.series or item.title, 80, placeholder="…")
    kind = say(f"kinds.{item.kind.value}", lang)
    done = "✓ " if item.state in (State.DONE, State.LATE) else ""
    count = f" ({item.target})" if item.target > 1 else ""
    return f"{done}{kind[:1].upper()}{kind[1:]}: {what}{count}"


def _description(item: ItemView, lang: str) -> str:
    lines = [
        say("ics.plan", lang, plan=item.plan, ref=item.activity_ref),
        item.title,
        say("ics.window", lang, start=item.window_start, end=item.window_end),
        say("ics.done", lang, done=item.done_count, target=item.target, status=say(f"states.{item.state.value}", lang)),
        say("ics.record", lang, id=item.id),
    ]
    if item.channel:
        lines.insert(2, say("ics.channel", lang, channel=item.channel))
    return "\n".join(lines)
