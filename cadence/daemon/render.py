"""From notices to the words of a message: the template context of a person's daily message,
the helpers templates use, and rendering a message's parts.

A daily message has three sections, each a list of units with their items and one completion
link per unit (``cadence.links.completion_url``: signed, expiring, for exactly those items):

    own        the person's own unit missed these (escalation to the unit's contacts)
    escalated  items of units the person oversees, escalated to them (head, monitor, issuer)
    upcoming   items coming due (reminders)

Long lists are cut (a monitor of a whole province may hear of hundreds of misses in one day):
each section names at most ``MAX_UNITS`` units and each unit ``MAX_ITEMS`` items, and says how
many more there are. The templates hold the layout; every word comes from the catalogue
through the ``say`` global (``cadence.catalogue``), and an office changes a word in its own
``<language>/words.toml`` (see ``words_for``), without touching code or templates.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import jinja2

from cadence.catalogue import LANGUAGES, BadWords, formats, read_overrides, voice
from cadence.channels import registry
from cadence.errors import CadenceError
from cadence.kinds import Rung
from cadence.store.items import ItemLine
from cadence.store.outbox import NoticeKind
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


# --- what the templates use -----------------------------------------------------------------

def _percent(part: int, whole: int) -> int:
    return 0 if whole <= 0 else max(0, min(100, round(100 * part / whole)))


def _in_language(format_value):
    """A filter that writes its value as the message's language does (the template's ``locale``)."""
    return jinja2.pass_context(lambda context, value: format_value(value, context["locale"]))


FILTERS = {"when": _in_language(formats.moment), "day": _in_language(formats.date),
           "short_day": _in_language(formats.short_day), "weekday": _in_language(formats.weekday),
           "num": _in_language(formats.number), "percent": _percent}


def template_globals(overrides: dict[str, dict[str, str]]) -> dict:
    """``say(key, **fields)`` for the message templates: the catalogue in the message's
    language, with the office's words (``overrides[language]``) standing in for ours."""
    voices = {(lang, html): voice(lang, overrides.get(lang), html=html) for lang in LANGUAGES for html in (False, True)}

    @jinja2.pass_context
    def say(context, key: str, /, **fields) -> str:
        return voices[context["locale"], bool(context.eval_ctx.autoescape)](key, **fields)

    return {"say": say}


def words_for(folder: Path | None) -> dict[str, dict[str, str]]:
    """The office's words, ``<folder>/<language>/words.toml``, checked against the catalogue."""
    if folder is None:
        return {}
    try:
        return {lang: read_overrides(folder / lang / "words.toml", lang) for lang in LANGUAGES}
    except BadWords as error:
        raise CadenceError(error.words) from None
