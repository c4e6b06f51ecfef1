"""``cadence units …``: the units directory."""
from __future__ import annotations

import json

import click

from cadence import labels
from cadence.cli.common import DATE, config, store
from cadence.errors import CadenceError
from cadence.units.model import COMMUNE_GROUP


@click.group("units")
def units_group() -> None:
    """Danh mục đơn vị: nhập, liệt kê, thêm xã/phường, ghi nhớ tên gọi, giải thể/sáp nhập."""


@units_group.command("import")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.pass_context
def import_command(ctx: click.Context, file: str | None) -> None:
    """Nhập tệp danh mục đơn vị (units.toml)."""
    from cadence.store.units import save_directory
    from cadence.units.toml_file import read_units_file

    path = file or config(ctx).units.file
    if path is None:
        raise CadenceError("units import: name a FILE, or set units.file in the configuration")
    directory = read_units_file(path)
    with store(ctx).transaction() as session:
        added, updated = save_directory(session, directory)
    click.echo(labels.UNITS_SAVED.format(added=added, updated=updated))


@units_group.command("seed-province")
@click.argument("province")
@click.option("--group", default=COMMUNE_GROUP, show_default=True, help="The group the communes join.")
@click.pass_context
def seed_command(ctx: click.Context, province: str, group: str) -> None:
    """Thêm các xã, phường, đặc khu của một tỉnh (bản đồ hành chính 2025)."""
    from cadence.store.units import save_directory
    from cadence.units.seed import find_province, province_directory

    directory = province_directory(province, group=group)
    with store(ctx).transaction() as session:
        added, updated = save_directory(session, directory)
    name = find_province(province).name
    click.echo(labels.SEEDED.format(added=added, updated=updated, province=name, group=group))


@units_group.command("map")
@click.argument("text")
@click.argument("ident")
@click.pass_context
def map_command(ctx: click.Context, text: str, ident: str) -> None:
    """Ghi nhớ rằng tên TEXT trong kế hoạch là đơn vị (hoặc nhóm) IDENT."""
    from cadence.store.units import add_mapping

    with store(ctx).transaction() as session:
        target = add_mapping(session, text, ident)
    click.echo(labels.MAPPED.format(text=text, target=target))


@units_group.command("dissolve")
@click.argument("unit")
@click.option("--into", "successor", help="The unit that takes over its duties.")
@click.option("--on", "on", type=DATE, required=True, help="The first day it no longer exists.")
@click.pass_context
def dissolve_command(ctx: click.Context, unit: str, successor: str | None, on) -> None:
    """Giải thể hoặc sáp nhập đơn vị từ một ngày; các mục còn mở chuyển sang đơn vị kế thừa."""
    from cadence.store.units import dissolve_by_code

    with store(ctx).transaction() as session:
        moved, retired = dissolve_by_code(session, unit, successor, on)
    click.echo(labels.DISSOLVED.format(unit=unit, on=on, moved=moved, successor=successor or "—", retired=retired))


@units_group.command("list")
@click.option("--group", help="Only the units of this group.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_command(ctx: click.Context, group: str | None, as_json: bool) -> None:
    """Liệt kê các đơn vị."""
    from cadence.store.units import listing

    with store(ctx).transaction() as session:
        rows = listing(session, group)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        groups = f"  [{'; '.join(row['groups'])}]" if row["groups"] else ""
        gone = f"  (giải thể từ {row['dissolved_on']})" if row["dissolved_on"] else ""
        click.echo(f"{row['id']:<28} {row['name']}  ({row['level']}, {len(row['contacts'])} liên hệ){groups}{gone}")
    click.echo(f"— {len(rows)} đơn vị")


def register(group: click.Group) -> None:
    group.add_command(units_group)
