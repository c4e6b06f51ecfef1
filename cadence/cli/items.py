"""``cadence due``, ``cadence done`` and ``cadence ics``: what is due, what was done."""
from __future__ import annotations

import datetime as dt
import getpass
import json

import click

from cadence import labels
from cadence.catalogue import say
from cadence.cli.common import DATE, MOMENT, config, now, store
from cadence.errors import CadenceError
from cadence.kinds import CompletionSource
from cadence.tz import format_local, to_local

DEFAULT_DAYS = 30  # without a date range, `cadence due` shows the coming month


@click.command("due")
@click.option("--unit", help="A unit id or name.")
@click.option("--plan", help="A plan's key (see `cadence plan list`).")
@click.option("--from", "start", type=DATE, help="Due on or after this day.")
@click.option("--to", "end", type=DATE, help="Due on or before this day.")
@click.option("--overdue", is_flag=True, help="Only open items already past due.")
@click.option("--all", "everything", is_flag=True, help="Every date, not just the coming 30 days.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many items.")
@click.option("--now", "now_text", hidden=True, help="Act as if at this moment (replays, tests).")
@click.pass_context
def due_command(ctx, unit, plan, start, end, overdue, everything, as_json, limit, now_text) -> None:
    """Liệt kê các mục phải làm (mặc định: 30 ngày tới)."""
    from cadence.store import ItemFilter, find_items

    if start and end and end < start:
        raise CadenceError(f"--from {start} is after --to {end}")
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
        click.echo(render_table(items))


def render_table(items: list) -> str:
    """``cadence.store.ItemView`` values as the table `cadence due` prints."""
    if not items:
        return labels.NO_ITEMS
    rows = [labels.DUE_COLUMNS] + [_row(i) for i in items]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines[:1] + ["-" * len(lines[0])] + lines[1:] + [f"— {len(items)} mục"])


def _row(item) -> tuple[str, ...]:
    what = item.series or item.title
    what = what if len(what) <= 40 else what[:39] + "…"
    if item.channel:
        what += f" ({item.channel})"
    window = f"{item.window_start:%d/%m}–{item.window_end:%d/%m}"
    return (str(item.id), format_local(item.due_at), item.unit, item.plan, item.activity_ref, what,
            labels.KIND[item.kind], window, f"{item.done_count}/{item.target}", say(f"states.{item.state.value}"),
            f"cấp {item.escalation_level}" if item.escalation_level else "")


@click.command("done")
@click.argument("item", required=False, type=int)
@click.option("--evidence", help="Where the output can be seen (an http(s) address).")
@click.option("--at", "done_at", type=MOMENT, help="When it was done (default: now).")
@click.option("--count", type=click.IntRange(min=1), help="How many outputs (default: what is left of the target).")
@click.option("--note", help="A note for the coordinators.")
@click.option("--by", "actor", help="Who did it (default: your login name).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False), help="Record the completions in a CSV file.")
@click.option("--now", "now_text", hidden=True, help="Act as if at this moment (replays, tests).")
@click.pass_context
def done_command(ctx, item, evidence, done_at, count, note, actor, csv_file, now_text) -> None:
    """Ghi nhận một mục đã hoàn thành (hoặc nhiều mục từ tệp CSV)."""
    from cadence.completions_csv import check_url
    from cadence.store import Completion, item_view, record_completion

    moment, actor = now(now_text), actor or _login()
    if csv_file:
        if item is not None:
            raise click.UsageError("give ITEM or --csv FILE, not both")
        return _done_csv(ctx, csv_file, moment, actor)
    if item is None:
        raise click.UsageError("give the ITEM number (see `cadence due`) or --csv FILE")
    try:
        evidence = check_url(evidence)
    except ValueError as error:
        raise CadenceError(f"--evidence: {error}") from None
    completion = Completion(item_id=item, done_at=done_at or moment, source=CompletionSource.CLI, actor=actor,
                            count=count, evidence_url=evidence, note=note)
    with store(ctx).transaction() as session:
        record_completion(session, completion, now=moment)
        view = item_view(session, item, _as_of(ctx, moment))
    click.echo(labels.DONE.format(id=view.id, unit=view.unit, ref=view.activity_ref, done=view.done_count,
                                  target=view.target, status=say(f"states.{view.state.value}")))


def _done_csv(ctx, csv_file: str, moment: dt.datetime, actor: str) -> None:
    from cadence.completions_csv import read_completions
    from cadence.store import record_completion

    rows, errors = read_completions(csv_file, at=moment, actor=actor)
    with store(ctx).transaction() as session:
        for line, completion in rows:
            try:
                record_completion(session, completion, now=moment)
            except CadenceError as error:
                errors.append((line, str(error)))
        if errors:  # raising inside the transaction rolls back every row of the file
            raise CadenceError("\n".join(f"{csv_file}:{line}: {message}" for line, message in sorted(errors)))
    click.echo(labels.CSV_DONE.format(count=len(rows), file=csv_file))


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@click.command("ics")
@click.option("--unit", required=True, help="A unit id or name.")
@click.option("--plan", help="Only this plan's items.")
@click.option("--now", "now_text", hidden=True, help="Act as if at this moment (replays, tests).")
@click.pass_context
def ics_command(ctx, unit, plan, now_text) -> None:
    """Xuất lịch iCalendar các mục của một đơn vị: cadence ics --unit U > U.ics"""
    from cadence.ics import unit_calendar
    from cadence.store import ItemFilter, find_items

    moment = now(now_text)
    with store(ctx).transaction() as session:
        items = find_items(session, ItemFilter(unit=unit, plan=plan), _as_of(ctx, moment))
    name = items[0].unit_name if items else unit
    click.echo(unit_calendar(items, unit_name=name, now=moment), nl=False)


def _as_of(ctx, moment: dt.datetime):
    """States as of ``moment``, under the configured grace period (the same as the board's)."""
    from cadence.schedule.states import StatePolicy

    return StatePolicy.from_config(config(ctx)).as_of(moment)


def register(group: click.Group) -> None:
    for command in (due_command, done_command, ics_command):
        group.add_command(command)
