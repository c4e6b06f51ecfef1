"""A unit's due items as an iCalendar feed staff can subscribe to (the icalendar package).

Each item is an event at its due moment (UTC, so every calendar shows it in local time), with
a stable UID so a refreshed feed updates events instead of duplicating them.
"""
from __future__ import annotations

import datetime as dt
import textwrap

from icalendar import Calendar, Event

from cadence import labels
from cadence.catalogue import say
from cadence.kinds import ItemStatus, State
from cadence.store.items import ItemView

EVENT_LENGTH = dt.timedelta(minutes=30)


def unit_calendar(items: list[ItemView], *, unit_name: str, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Cadence//lịch nhắc việc//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Cadence – {unit_name}")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for item in items:
        calendar.add_component(_event(item, now))
    return calendar.to_ical()


def _event(item: ItemView, now: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"cadence-item-{item.id}@cadence")
    event.add("dtstamp", now)
    event.add("dtstart", item.due_at)
    event.add("dtend", item.due_at + EVENT_LENGTH)
    event.add("summary", _summary(item))
    event.add("description", _description(item))
    event.add("status", "CANCELLED" if item.status is ItemStatus.RETIRED else "CONFIRMED")
    event.add("categories", [labels.KIND[item.kind]])
    return event


def _summary(item: ItemView) -> str:
    what = item.series or item.title
    done = "✓ " if item.state in (State.DONE, State.LATE) else ""
    count = f" ({item.target})" if item.target > 1 else ""
    return f"{done}{labels.KIND[item.kind].capitalize()}: {textwrap.shorten(what, 80, placeholder='…')}{count}"


def _description(item: ItemView) -> str:
    lines = [
        f"Kế hoạch: {item.plan} – mục {item.activity_ref}",
        item.title,
        f"Kỳ: {item.window_start:%d/%m/%Y} – {item.window_end:%d/%m/%Y}",
        f"Đã làm: {item.done_count}/{item.target} – {say(f'states.{item.state.value}')}",
        f"Ghi nhận hoàn thành: cadence done {item.id}",
    ]
    if item.channel:
        lines.insert(2, f"Kênh: {item.channel}")
    return "\n".join(lines)
