"""``cadence init``: a configuration file and an empty, migrated database."""
from __future__ import annotations

import re
from pathlib import Path

import click

from cadence.cli.language import speak
from cadence.errors import CadenceError


def with_database_url(text: str, url: str) -> str:
    """The example with ``[database] url`` set (the first ``url =`` line after ``[database]``)."""
    pattern = re.compile(r"(\[database\][^\[]*?^url\s*=\s*)\"[^\"]*\"", re.MULTILINE | re.DOTALL)
    quoted = url.replace("\\", "\\\\").replace('"', '\\"')
    return pattern.sub(lambda m: f'{m.group(1)}"{quoted}"', text, count=1)


@click.command("init")
@click.option("--database", "database_url")
@click.option("--force", is_flag=True)
@click.pass_context
def init_command(ctx: click.Context, database_url: str | None, force: bool) -> None:
    """A configuration file (from config.example.toml) and a migrated database."""
    from cadence.config import example_text, load_config
    from cadence.store import open_store

    path = Path(ctx.find_root().obj["config_path"])
    if path.exists() and not force and database_url:
        raise CadenceError("errors.setup.exists", path=str(path))
    if not path.exists() or force:
        text = example_text()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(with_database_url(text, database_url) if database_url else text, encoding="utf-8")
    config = load_config(path)
    store = open_store(config.database.url, create=True)
    store.close()
    shown = store.engine.url.render_as_string(hide_password=True)
    click.echo(speak("cli.initialised", config=path, database=shown))


def register(group: click.Group) -> None:
    group.add_command(init_command)
