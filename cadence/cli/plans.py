"""``cadence plan …``: import a plan and create its due items."""
from __future__ import annotations

from pathlib import Path

import click

from cadence.cli.common import DATE, YEAR, config, now, store
from cadence.cli.language import current, speak
from cadence.errors import CadenceError
from cadence.tz import to_local


@click.group("plan")
def plan_group() -> None:
    """Plans: import a plan and schedule its due items."""


@plan_group.command("import")
@click.argument("plan_file", type=click.Path(dir_okay=False))
@click.option("--from", "start", type=DATE)
@click.option("--to", "end", type=DATE)
@click.option("--key")
@click.option("--year", type=YEAR)
@click.option("--follow-declared", is_flag=True)
@click.option("--catch-up", is_flag=True)
@click.option("--create-units", is_flag=True)
@click.option("--as-new", is_flag=True)
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def import_command(ctx, plan_file, start, end, key, year, follow_declared, catch_up, create_units, as_new,
                   now_text) -> None:
    """Read PLAN (.txt, .docx, .pdf, .doc, .odt, .rtf, .xlsx, a scan or a reading in .json), store it
    and make its due items."""
    from cadence.diagnostics import describe
    from cadence.intake.service import approve, read_file, stage
    from cadence.schedule import default_start

    if start and end and end < start:
        raise CadenceError("errors.dates.backwards", start=start, end=end)
    read = read_file(Path(plan_file), limits=config(ctx).documents.limits(), year=year,
                     most_bytes=config(ctx).limits.data_bytes)
    plan, key, moment = read.plan, key or Path(plan_file).stem, now(now_text)
    from_today = None if start else default_start(plan, to_local(moment).date())
    with store(ctx).transaction() as session:
        draft = stage(session, key=key, read=read, by=_who(), now=moment, start=start or from_today, end=end,
                      as_new=as_new)
        result = approve(session, draft.id, config=config(ctx), by=_who(), now=moment,
                         follow_declared=follow_declared, catch_up=catch_up, create_units=create_units)
    counts = result.counts
    click.echo(speak("cli.imported", key=key, start=result.start, end=result.end, created=counts.created,
                     updated=counts.updated, unchanged=counts.unchanged, retired=counts.retired))
    click.echo("\n".join(tracking_lines(result, plan, from_today)))
    for heading, notes in (("cli.read-warnings", plan.warnings), ("cli.notes", result.notes)):
        if notes:
            click.echo(speak(heading))
            click.echo("\n".join(f"  {note.ref or '-'}: {describe(note, current())}" for note in notes))
    if result.made_units:
        click.echo(speak("intake.cli.made-units", n=len(result.made_units)))
        click.echo("\n".join(f"  {code:<40} {name}" for code, name in result.made_units))


def tracking_lines(result, plan, from_today) -> list[str]:
    """What the import's summary says of the plan's past: where the schedule starts when it
    started today, which items are before tracking, and what --catch-up would do or did."""
    from cadence.schedule import plan_span

    first = plan_span(plan)[0]
    lines = [speak("tracking.from-today", today=from_today, first=first)] if from_today else []
    if result.before_tracking:
        lines.append(speak("tracking.before", n=result.before_tracking, at=result.tracked_from,
                           state=speak("states.before_tracking")))
    elif result.tracked_from is None and result.overdue_tracked:
        lines.append(speak("tracking.caught-up", n=result.overdue_tracked))
    return lines


def _who() -> str:
    """Who acts from the command line: the system account running it."""
    import getpass

    try:
        return speak("intake.cli.by-account", account=getpass.getuser())
    except (KeyError, OSError):
        return speak("intake.cli.by-command-line")


@plan_group.command("retire")
@click.argument("plan")
@click.option("--now", "now_text", hidden=True)
@click.pass_context
def retire_command(ctx, plan, now_text) -> None:
    """Retire the plan PLAN: its open items stop, its history stays."""
    from cadence.store.intake import retire_plan

    with store(ctx).transaction() as session:
        stopped = retire_plan(session, plan, by=_who(), now=now(now_text))
    click.echo(speak("intake.cli.retired", key=plan, n=stopped))


@plan_group.command("list")
@click.pass_context
def list_command(ctx) -> None:
    """List the imported plans."""
    from cadence.store.plans import plan_listing

    with store(ctx).transaction() as session:
        listed = plan_listing(session)
    for plan, items in listed:
        click.echo(speak("cli.plan-line", key=f"{plan.key:<36}", year=plan.year, start=plan.starts_on,
                         end=plan.ends_on, items=items, issuer=plan.issuer))


def register(group: click.Group) -> None:
    group.add_command(plan_group)
