"""``cadence plan …``: import a plan and create its due items."""
from __future__ import annotations

import json
from pathlib import Path

import click
from cadence import labels
from cadence.cli.common import DATE, config, now, store
from cadence.errors import CadenceError


@click.group("plan")
def plan_group() -> None:
    """Kế hoạch: nhập kế hoạch và lập lịch các mục phải làm."""


@plan_group.command("import")
@click.argument("plan_file", metavar="PLAN")
@click.option("--from", "start", type=DATE, help="First day to schedule (plans are often issued mid-year).")
@click.option("--to", "end", type=DATE, help="Last day to schedule (default: the end of the plan's period).")
@click.option("--key", help="The plan's name in Cadence (default: the file name without extension).")
@click.option("--year", type=int, help="The plan's year where the text does not state one.")
@click.option("--follow-declared", is_flag=True, help="Follow declared yearly totals over cadences that disagree.")
@click.option("--now", "now_text", hidden=True, help="Act as if at this moment (replays, tests).")
@click.pass_context
def import_command(ctx, plan_file, start, end, key, year, follow_declared, now_text) -> None:
    """Đọc kế hoạch PLAN (.txt, .docx, .pdf, .doc, .odt, .rtf, .xlsx, bản quét hoặc .json), lưu
    và tạo các mục phải làm."""
    from cadence.store import import_plan

    if start and end and end < start:
        raise CadenceError(f"--from {start} is after --to {end}")
    plan = read_plan(Path(plan_file), year=year, limits=config(ctx).documents.limits())
    key = key or Path(plan_file).stem
    with store(ctx).transaction() as session:
        result = import_plan(session, plan, key=key, config=config(ctx), now=now(now_text),
                             start=start, end=end, follow_declared=follow_declared)
    counts = result.counts
    click.echo(labels.IMPORTED.format(key=key, start=result.start, end=result.end, created=counts.created,
                                      updated=counts.updated, unchanged=counts.unchanged, retired=counts.retired))
    for heading, notes in ((labels.READ_WARNINGS, plan.warnings), (labels.NOTES, result.notes)):
        if notes:
            click.echo(heading)
            click.echo("\n".join(f"  {note.ref or '-'}: {note.message}" for note in notes))


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
        raise CadenceError(f"{path}: no such file") from None
    except json.JSONDecodeError as error:
        raise CadenceError(f"{path}:{error.lineno}: not JSON ({error.msg})") from None
    except (KeyError, TypeError, ValueError) as error:
        raise CadenceError(f"{path}: not a plan reading ({error})") from None


@plan_group.command("list")
@click.pass_context
def list_command(ctx) -> None:
    """Liệt kê các kế hoạch đã nhập."""
    from cadence.store.plans import plan_listing

    with store(ctx).transaction() as session:
        listed = plan_listing(session)
    for plan, items in listed:
        click.echo(f"{plan.key:<36} {plan.year}  {plan.starts_on} → {plan.ends_on}  {items} mục  {plan.issuer}")


def register(group: click.Group) -> None:
    group.add_command(plan_group)
