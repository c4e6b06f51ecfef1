"""``cadence demo``: the main job on the embedded default, for a first look.

For now it reads the sample plan that ships with Cadence and prints the reading; the daemon
work extends it to the whole loop (schedule, reminders, escalations, digest into an outbox).
"""
from __future__ import annotations

from importlib import resources

import click

from cadence.cli.parse import render_plan
from cadence.sources import read_plan_file


def sample_plan_path():
    return resources.files("cadence").joinpath("samples/ke-hoach-mau-2026.txt")


@click.command("demo")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def demo_command(lang: str) -> None:
    """Chạy thử: đọc kế hoạch mẫu kèm theo và in cách hiểu."""
    with resources.as_file(sample_plan_path()) as path:
        plan = read_plan_file(path)
    click.echo(render_plan(plan, lang))
    click.echo(f"\n({len(plan.activities)} nhiệm vụ, {sum(len(a.rules) for a in plan.activities)} tần suất; "
               f"kế hoạch mẫu: {path})")


def register(group: click.Group) -> None:
    group.add_command(demo_command)
