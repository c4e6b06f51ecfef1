"""``cadence units …``: the units directory."""
from __future__ import annotations

import datetime as dt
import json

import click

from cadence.cli.common import DATE, config, now, store
from cadence.cli.language import speak
from cadence.errors import CadenceError
from cadence.units.model import COMMUNE_GROUP


@click.group("units")
def units_group() -> None:
    """The units directory: import, list, seed communes, record names, dissolve or merge."""


@units_group.command("import")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.pass_context
def import_command(ctx: click.Context, file: str | None) -> None:
    """Import a units file (units.toml)."""
    from cadence.store.units import save_directory
    from cadence.units.toml_file import read_units_file

    path = file or config(ctx).units.file
    if path is None:
        raise CadenceError("errors.units.no-file")
    directory = read_units_file(path, most_bytes=config(ctx).limits.data_bytes)
    with store(ctx).transaction() as session:
        added, updated = save_directory(session, directory)
    click.echo(speak("cli.units-saved", added=added, updated=updated))


@units_group.command("seed-province")
@click.argument("province")
@click.option("--group", default=COMMUNE_GROUP, show_default=True)
@click.pass_context
def seed_command(ctx: click.Context, province: str, group: str) -> None:
    """Add a province's communes, wards and special zones (the 2025 administrative map)."""
    from cadence.store.units import save_directory
    from cadence.units.seed import find_province, province_directory

    from cadence.store.seeding import check_one_province

    directory = province_directory(province, group=group)
    with store(ctx).transaction() as session:
        check_one_province(session, directory)
        added, updated = save_directory(session, directory, keep_contacts=True)
    name = find_province(province).name
    click.echo(speak("intake.cli.seeded", added=added, updated=updated, province=name, group=group,
                     units=len(directory.units), groups=len(directory.groups)))


@units_group.command("map")
@click.argument("text")
@click.argument("ident")
@click.pass_context
def map_command(ctx: click.Context, text: str, ident: str) -> None:
    """Record that the name TEXT in plans is the unit (or group) IDENT."""
    from cadence.store.units import add_mapping
    from cadence.units.resolve import TargetKind

    with store(ctx).transaction() as session:
        target = add_mapping(session, text, ident)
    shown = target.ident if target.kind is TargetKind.UNIT else speak("cli.group", name=target.ident)
    click.echo(speak("cli.mapped", text=text, target=shown))


@units_group.command("dissolve")
@click.argument("unit")
@click.option("--into", "successor")
@click.option("--on", "on", type=DATE, required=True)
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def dissolve_command(ctx: click.Context, unit: str, successor: str | None, on, now_text) -> None:
    """Dissolve or merge a unit from a day; its open items pass to the successor."""
    from cadence.store.units import dissolve_by_code

    with store(ctx).transaction() as session:
        moved, retired = dissolve_by_code(session, unit, successor, on, now(now_text))
    click.echo(speak("cli.dissolved", unit=unit, on=on, moved=moved, successor=successor or "—", retired=retired))


@units_group.command("restore")
@click.argument("unit")
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def restore_command(ctx: click.Context, unit: str, now_text) -> None:
    """Reverse a unit's dissolution: it exists again and its items come back from its successor."""
    from cadence.store.units import restore_by_code

    with store(ctx).transaction() as session:
        back, reopened = restore_by_code(session, unit, now(now_text))
    click.echo(speak("undo.cli.restored", unit=unit, back=back, reopened=reopened))


@units_group.command("list")
@click.option("--group")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_command(ctx: click.Context, group: str | None, as_json: bool) -> None:
    """List the units."""
    from cadence.store.units import listing

    with store(ctx).transaction() as session:
        rows = listing(session, group)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        groups = f"  [{'; '.join(row['groups'])}]" if row["groups"] else ""
        gone = "  " + speak("cli.units.dissolved", on=dt.date.fromisoformat(row["dissolved_on"])) if row["dissolved_on"] else ""
        about = speak("cli.units.about", level=speak(f"levels.{row['level']}"), contacts=len(row["contacts"]))
        click.echo(f"{row['id']:<28} {row['name']}  ({about}){groups}{gone}")
    click.echo(speak("cli.units.count", n=len(rows)))


@units_group.group("contacts")
def contacts_group() -> None:
    """Contacts as offices keep them: a sheet or a CSV file with Vietnamese headers."""


@contacts_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_context
def contacts_import_command(ctx: click.Context, file: str) -> None:
    """Import contacts from FILE (.xlsx or .csv: Đơn vị, Họ và tên, Chức vụ, Email, Điện thoại, Vai trò)."""
    from cadence.store.contacts import nobody_to_tell, save_contacts
    from cadence.units.contacts_file import read_contacts_file

    lines = read_contacts_file(file, most_bytes=config(ctx).limits.data_bytes)
    with store(ctx).transaction() as session:
        saved = save_contacts(session, lines, file=file)
        unreached, lonely = nobody_to_tell(session)
    click.echo(speak("intake.cli.contacts-saved", people=saved.people, units=saved.units))
    if unreached:
        click.echo(speak("intake.cli.nobody-to-tell", n=len(unreached)))
        click.echo("\n".join(f"  {u.code:<40} {u.name}  ({speak('intake.cli.open-items', n=u.open_items)})"
                             for u in unreached))
    click.echo(speak("intake.cli.without-contacts", n=lonely))


def register(group: click.Group) -> None:
    group.add_command(units_group)
