"""``cadence due``, ``cadence done`` and ``cadence ics``: what is due, what was done."""
from __future__ import annotations

import datetime as dt
import getpass
import json

import click

from cadence.catalogue import Lines, Words, formats, say
from cadence.cli.common import COUNT, DATE, ID, MOMENT, config, now, store
from cadence.cli.language import current, speak
from cadence.errors import CadenceError
from cadence.kinds import CompletionSource
from cadence.tz import to_local

DEFAULT_DAYS = 30  # without a date range, `cadence due` shows the coming month


@click.command("due")
@click.option("--unit")
@click.option("--plan")
@click.option("--from", "start", type=DATE)
@click.option("--to", "end", type=DATE)
@click.option("--overdue", is_flag=True)
@click.option("--all", "everything", is_flag=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def due_command(ctx, unit, plan, start, end, overdue, everything, as_json, limit, now_text) -> None:
    """List due items (by default the coming 30 days)."""
    from cadence.store import ItemFilter, find_items

    if start and end and end < start:
        raise CadenceError("errors.dates.backwards", start=start, end=end)
    moment = now(now_text)
    if not (start or end or overdue or everything):
        start = to_local(moment).date()
        end = start + dt.timedelta(days=DEFAULT_DAYS)
    where = ItemFilter(unit=unit, plan=plan, start=start, end=end, overdue=overdue)
    with store(ctx).transaction() as session:
        items = find_items(session, where, _as_of(ctx, moment), limit=limit)
    if as_json:
        click.echo(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(items, current()))


WIDTH = 100  # a terminal's columns the table fits in (an 80-column one wraps only the longest titles)
DUE_COLUMNS = ("id", "due", "unit", "what", "done", "status", "level")
UNIT_WIDTH = 16  # a unit's id, cut: the full name is in --json
GAP = "  "


def render_table(items: list, lang: str) -> str:
    """``cadence.store.ItemView`` values as the table `cadence due` prints: at most ``WIDTH``
    columns, days as the language writes them (05/09/2025), the plans' titles as headings, and
    each item's ref, series or title, channel or report period in one column that takes the
    room the others leave."""
    if not items:
        return say("cli.due.none", lang)
    columns = [c for c in DUE_COLUMNS if c != "level" or any(i.escalation_level for i in items)]
    header = tuple(say(f"cli.due.{name}", lang) for name in columns)
    fixed = [_cells(i, lang, columns, what_width=0) for i in items]
    widths = [max(len(r[c]) for r in [header, *fixed]) for c in range(len(columns))]
    what = columns.index("what")
    widths[what] = max(len(header[what]), WIDTH - sum(w for c, w in enumerate(widths) if c != what) - len(GAP) * (len(columns) - 1))
    lines, plan = [_line(header, widths), "-" * WIDTH], None
    for item in items:
        if item.plan != plan:
            plan = item.plan
            lines.append(_plan_heading(item, lang))
        lines.append(_line(_cells(item, lang, columns, what_width=widths[what]), widths))
    return "\n".join(lines + [say("cli.due.count", lang, n=len(items))])


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    return GAP.join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()


def _plan_heading(item, lang: str) -> str:
    from cadence.schedule.model import shorten

    return f"# {shorten(item.plan_title or item.plan, WIDTH - len(item.plan) - 5)} ({item.plan})"


def _cells(item, lang: str, columns: list[str], *, what_width: int) -> tuple[str, ...]:
    unit = item.unit if len(item.unit) <= UNIT_WIDTH else item.unit[:UNIT_WIDTH - 1] + "…"
    label = item.label(lang, max(what_width - len(item.activity_ref) - 1, 1)) if what_width else ""
    cells = {
        "id": str(item.id), "due": formats.date(item.due_at, lang), "unit": unit,
        "what": _fit(f"{item.activity_ref} {label}", what_width) if label else "", "done": f"{item.done_count}/{item.target}",
        "status": say(f"states.{item.state.value}", lang),
        "level": say("cli.due.at-level", lang, level=item.escalation_level) if item.escalation_level else "",
    }
    return tuple(cells[c] for c in columns)


def _fit(text: str, width: int) -> str:
    """A cell cut to its column, should a channel and a period together outrun the room."""
    return text if len(text) <= width else text[:width - 1] + "…"


@click.command("done")
@click.argument("item", required=False, type=ID)
@click.option("--evidence")
@click.option("--at", "done_at", type=MOMENT)
@click.option("--count", type=COUNT)
@click.option("--note")
@click.option("--by", "actor")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False))
@click.option("--undo", "undo_item", type=click.IntRange(min=1))
@click.option("--reason")
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def done_command(ctx, item, evidence, done_at, count, note, actor, csv_file, undo_item, reason, now_text) -> None:
    """Record an item done (or many, from a CSV file), or take a completion back (--undo ITEM --reason …)."""
    from cadence.completions_csv import check_url
    from cadence.store import Completion, item_view, record_completion
    from cadence.store.items import CompletionDateError

    moment, actor = now(now_text), actor or _login()
    if undo_item is not None:
        if item is not None or csv_file:
            raise click.UsageError(speak("cli.done.both"))
        return _undo(ctx, undo_item, reason or "", actor, moment)
    if csv_file:
        if item is not None:
            raise click.UsageError(speak("cli.done.both"))
        return _done_csv(ctx, csv_file, moment, actor)
    if item is None:
        raise click.UsageError(speak("cli.done.what"))
    try:
        evidence = check_url(evidence)
    except ValueError as error:
        raise CadenceError("errors.field", field="--evidence", problem=error.args[0]) from None
    completion = Completion(item_id=item, done_at=done_at or moment, source=CompletionSource.CLI, actor=actor,
                            count=count, evidence_url=evidence, note=note)
    with store(ctx).transaction() as session:
        try:
            record_completion(session, completion, now=moment, lead_days=config(ctx).schedule.completion_lead_days)
        except CompletionDateError as error:
            raise CadenceError("errors.field", field="--at", problem=error.words) from None
        view = item_view(session, item, _as_of(ctx, moment))
    click.echo(speak("cli.done.recorded", id=view.id, unit=view.unit, ref=view.activity_ref, done=view.done_count,
                     target=view.target, status=speak(f"states.{view.state.value}")))


def _undo(ctx, item: int, reason: str, actor: str, moment: dt.datetime) -> None:
    """``cadence done --undo ITEM --reason …``: the item's latest completion taken back, kept in its history."""
    from cadence.store import item_view
    from cadence.store.items import undo_completion

    with store(ctx).transaction() as session:
        row = undo_completion(session, item, reason=reason, actor=actor, now=moment)
        view = item_view(session, item, _as_of(ctx, moment))
    click.echo(speak("undo.cli.undone", id=view.id, unit=view.unit, ref=view.activity_ref, at=row.done_at,
                     reason=row.undo_reason, done=view.done_count, target=view.target,
                     status=speak(f"states.{view.state.value}")))


def _done_csv(ctx, csv_file: str, moment: dt.datetime, actor: str) -> None:
    from cadence.completions_csv import read_completions
    from cadence.store import record_completion
    from cadence.store.items import CompletionDateError

    found = read_completions(csv_file, at=moment, actor=actor,
                             most_bytes=config(ctx).limits.data_bytes)
    rows, errors = found.rows, found.errors
    lead_days = config(ctx).schedule.completion_lead_days
    with store(ctx).transaction() as session:
        for line, completion in rows:
            try:
                record_completion(session, completion, now=moment, lead_days=lead_days)
            except CompletionDateError as error:
                errors.append((line, Words("errors.field", field=found.column("at"), problem=error.words)))
            except CadenceError as error:
                errors.append((line, error.words))
        if errors:  # raising inside the transaction rolls back every row of the file
            raise CadenceError(Lines(Words("errors.csv.row", path=csv_file, line=line, problem=problem)
                                     for line, problem in sorted(errors, key=lambda e: e[0])))
    click.echo(speak("cli.done.csv", count=len(rows), file=csv_file))


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@click.command("ics")
@click.option("--unit", required=True)
@click.option("--plan")
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def ics_command(ctx, unit, plan, now_text) -> None:
    """A unit's items as an iCalendar feed: cadence ics --unit U > U.ics"""
    from cadence.ics import unit_calendar
    from cadence.store import ItemFilter, find_items

    moment = now(now_text)
    with store(ctx).transaction() as session:
        items = find_items(session, ItemFilter(unit=unit, plan=plan), _as_of(ctx, moment))
    name = items[0].unit_name if items else unit
    link = _calendar_links(config(ctx), moment)
    click.echo(unit_calendar(items, unit_name=name, now=moment, lang=current(), link=link), nl=False)


def _calendar_links(settings, moment: dt.datetime):
    """Each event's completion link, valid ``[web] link_days`` past its item's due moment (a
    calendar is kept for months); none when links would open only on this machine, since a
    calendar file leaves it (a warning on stderr says which key to set)."""
    from cadence.links import completion_url, reachable

    if not reachable(settings):
        click.echo(speak("cli.ics.no-links", path=str(settings.path)), err=True)
        return None
    lasting = dt.timedelta(days=settings.web.link_days)
    return lambda item: completion_url(settings, [item.id], item.unit_id, moment,
                                       expires=max(moment, item.due_at) + lasting)


def _as_of(ctx, moment: dt.datetime):
    """States as of ``moment``, under the configured grace period (the same as the board's)."""
    from cadence.schedule.states import StatePolicy

    return StatePolicy.from_config(config(ctx)).as_of(moment)


def register(group: click.Group) -> None:
    for command in (due_command, done_command, ics_command):
        group.add_command(command)
