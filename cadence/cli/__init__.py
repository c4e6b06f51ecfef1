"""The ``cadence`` command: one group, a module per family of subcommands.

Errors a user can act on (``CadenceError``, ``PlanReadError``) become one line on stderr and
exit status 2; nothing else is caught, so a real bug still shows its traceback.
"""
from __future__ import annotations

import importlib
import sys

import click

from cadence.errors import CadenceError

# Each module defines ``register(group)``; adding a family of commands is one line here.
COMMAND_MODULES = ("cadence.cli.parse", "cadence.cli.demo", "cadence.cli.setup", "cadence.cli.units",
                   "cadence.cli.plans", "cadence.cli.items", "cadence.cli.web",
                   "cadence.cli.daemon")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="CADENCE_CONFIG",
    default="config.toml",
    show_default=True,
    help="The configuration file.",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str) -> None:
    """Cadence: lịch nhắc việc tự động từ kế hoạch truyền thông."""
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(cli)


def _unreadable_plan(error: Exception) -> bool:
    """A plan the reader cannot read at all (``rules.PlanReadError``); rules is imported only if
    it was loaded, so `cadence --help` never loads the reader."""
    rules_model = sys.modules.get("rules.model")
    return rules_model is not None and isinstance(error, rules_model.PlanReadError)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the group, turning user errors into one line and exit 2."""
    try:
        cli.main(args=argv, standalone_mode=False)
    except CadenceError as error:
        click.echo(f"cadence: {error}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("cadence: aborted", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(2)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:  # last: only a plan the reader cannot read is the user's to fix
        if not _unreadable_plan(error):
            raise
        click.echo(f"cadence: {error}", err=True)
        sys.exit(2)
