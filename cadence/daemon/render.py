"""From notices to the words of a message: the template context of a person's daily message,
the helpers templates use, and rendering a message's parts.

A daily message has three sections, each a list of units with their items and one completion
link per unit (``cadence.links.completion_url``: signed, expiring, for exactly those items):

    own        the person's own unit missed these (escalation to the unit's contacts)
    escalated  items of units the person oversees, escalated to them (head, monitor, issuer)
    upcoming   items coming due (reminders)

Long lists are cut (a monitor of a whole province may hear of hundreds of misses in one day):
each section names at most ``MAX_UNITS`` units and each unit ``MAX_ITEMS`` items, and says how
many more there are. The words live in the templates (``<locale>/words.j2``), so an office
can change them without touching code.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from cadence.channels import registry
from cadence.kinds import Rung
from cadence.store.items import ItemLine
from cadence.store.outbox import NoticeKind
from cadence.tz import to_local
from notifiers import Renderer

MAX_UNITS = 30
MAX_ITEMS = 20
LINK_ITEMS = 200  # what one completion link may carry (cadence.links)


def daily_context(notices, lines: dict[int, ItemLine], link) -> dict:
    """The context of one person's daily message. ``link(item_ids, unit_id)`` gives the
    completion link (or None); ``notices`` are theirs for the day, on one channel."""
    sections = {"own": {}, "escalated": {}, "upcoming": {}}
    for notice in notices:
        name = _section(notice)
        for item_id in notice.item_ids:
            line = lines.get(item_id)
            if line is None:
                continue
            shown = sections[name].get(line.id)
            if shown is None or (shown.level or 0) < notice.level:
                sections[name][line.id] = _with_notice(line, notice)
    links = _links(sections, link)
    first = notices[0]
    context = {name: _by_unit(found.values(), links) for name, found in sections.items()}
    context.update(
        recipient={"name": first.name, "address": first.recipient}, day=first.day,
        counts={name: len(found) for name, found in sections.items()},
        total=sum(len(found) for found in sections.values()),
        links=[{"unit": unit_name, "url": url} for (unit_name, url) in links.values() if url],
    )
    return context


def _section(notice) -> str:
    if notice.kind is NoticeKind.REMINDER:
        return "upcoming"
    return "own" if notice.rung is Rung.CONTACTS else "escalated"


def _with_notice(line: ItemLine, notice) -> ItemLine:
    if notice.kind is NoticeKind.REMINDER:
        return replace(line, days_before=notice.level)
    return replace(line, level=notice.level, rung=notice.rung)


def _links(sections: dict, link) -> dict[int, tuple[str, str | None]]:
    """One link per unit, for all of that unit's items in the message."""
    ids = defaultdict(list)
    names = {}
    for found in sections.values():
        for line in found.values():
            ids[line.unit_id].append(line.id)
            names[line.unit_id] = line.unit_name
    return {unit: (names[unit], link(sorted(set(items))[:LINK_ITEMS], unit)) for unit, items in ids.items()}


def _by_unit(lines, links: dict) -> dict:
    """{"units": [{"name", "code", "link", "lines", "more"}], "more_units": n}."""
    units = defaultdict(list)
    for line in sorted(lines, key=lambda l: (l.unit_name, l.due_at, l.id)):
        units[line.unit_id].append(line)
    shown = []
    for unit_id, found in list(units.items())[:MAX_UNITS]:
        shown.append({"name": found[0].unit_name, "code": found[0].unit, "link": links[unit_id][1],
                      "lines": found[:MAX_ITEMS], "more": max(0, len(found) - MAX_ITEMS)})
    return {"units": shown, "more_units": max(0, len(units) - MAX_UNITS)}


def render_daily(renderer: Renderer, context: dict, kind: str, locale) -> tuple[str, str, str | None]:
    """(subject, text, html) of a daily message on the channel ``kind`` (each channel picks its
    templates: an SMS has only text). Raises RenderError."""
    rendered = registry()[kind].render(renderer, context, locale)
    return rendered.subject, rendered.text, rendered.html


# --- helpers the templates use --------------------------------------------------------------

def _when(moment: dt.datetime) -> str:
    """"19/09/2025 17:00", local time."""
    return to_local(moment).strftime("%d/%m/%Y %H:%M")


def _day(value: dt.date | dt.datetime) -> str:
    """"19/09/2025"."""
    if isinstance(value, dt.datetime):
        value = to_local(value).date()
    return value.strftime("%d/%m/%Y")


def _short_day(value: dt.date | dt.datetime) -> str:
    """"19/09" (SMS)."""
    if isinstance(value, dt.datetime):
        value = to_local(value).date()
    return value.strftime("%d/%m")


def _weekday(value: dt.date | dt.datetime) -> int:
    """Monday 0 … Sunday 6, for the templates' own weekday names."""
    if isinstance(value, dt.datetime):
        value = to_local(value).date()
    return value.weekday()


def _percent(part: int, whole: int) -> int:
    return 0 if whole <= 0 else max(0, min(100, round(100 * part / whole)))


FILTERS = {"when": _when, "day": _day, "short_day": _short_day, "weekday": _weekday, "percent": _percent}
