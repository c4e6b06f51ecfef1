"""``cadence plan …``: import a plan and create its due items."""
from __future__ import annotations

import json
from pathlib import Path

import click

from cadence.cli.common import DATE, config, now, store
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
@click.option("--year", type=int)
@click.option("--follow-declared", is_flag=True)
@click.option("--catch-up", is_flag=True)
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def import_command(ctx, plan_file, start, end, key, year, follow_declared, catch_up, now_text) -> None:
    """Read PLAN (.txt, .docx, .pdf, .doc, .odt, .rtf, .xlsx, a scan or a reading in .json), store it
    and make its due items."""
    from cadence.diagnostics import describe
    from cadence.schedule import default_start
    from cadence.store import import_plan

    if start and end and end < start:
        raise CadenceError("errors.dates.backwards", start=start, end=end)
    plan = read_plan(Path(plan_file), year=year, limits=config(ctx).documents.limits())
    key, moment = key or Path(plan_file).stem, now(now_text)
    from_today = None if start else default_start(plan, to_local(moment).date())
    with store(ctx).transaction() as session:
        result = import_plan(session, plan, key=key, config=config(ctx), now=moment, start=start or from_today,
                             end=end, follow_declared=follow_declared, catch_up=catch_up)
    counts = result.counts
    click.echo(speak("cli.imported", key=key, start=result.start, end=result.end, created=counts.created,
                     updated=counts.updated, unchanged=counts.unchanged, retired=counts.retired))
    click.echo("\n".join(tracking_lines(result, plan, from_today)))
    for heading, notes in (("cli.read-warnings", plan.warnings), ("cli.notes", result.notes)):
        if notes:
            click.echo(speak(heading))
            click.echo("\n".join(f"  {note.ref or '-'}: {describe(note, current())}" for note in notes))


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


def read_plan(path: Path, *, year: int | None = None, limits=None):
    """A plan file (``rules.Plan``): a reading in JSON (the shape of shared/gold/SCHEMA.md), or a
    document opened within ``limits`` (``cadence.sources.Limits``; None: the defaults)."""
    from cadence.sources import Limits, read_plan_file
    from rules.model import plan_from_json

    if path.suffix.lower() != ".json":
        return read_plan_file(path, year=year, limits=limits or Limits())
    try:
        return plan_from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise CadenceError("errors.files.no-such-file", path=str(path)) from None
    except json.JSONDecodeError as error:
        raise CadenceError("errors.plans.not-json", path=str(path), line=error.lineno, error=error.msg) from None
    except (KeyError, TypeError, ValueError) as error:
        raise CadenceError("errors.plans.not-a-reading", path=str(path), error=str(error)) from None


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
