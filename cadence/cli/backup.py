"""``cadence backup FILE`` and ``cadence restore FILE``: the safety net under every other command.

Neither opens the store (opening runs migrations, and a restore must find the database as the
backup left it); both read the database's address from the configuration.
"""
from __future__ import annotations

from pathlib import Path

import click

from cadence.cli.common import config
from cadence.cli.language import speak


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_context
def backup_command(ctx: click.Context, file: str) -> None:
    """Back up the database to FILE."""
    from cadence.store.backup import backup

    revision = backup(config(ctx).database.url, Path(file))
    click.echo(speak("undo.cli.backup-done", path=file, revision=revision))


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True)
@click.pass_context
def restore_command(ctx: click.Context, file: str, force: bool) -> None:
    """Restore the database from a backup FILE."""
    from cadence.store.backup import restore

    revision = restore(config(ctx).database.url, Path(file), force=force)
    click.echo(speak("undo.cli.restore-done", path=file, revision=revision))


def register(group: click.Group) -> None:
    group.add_command(backup_command)
    group.add_command(restore_command)
