"""The ``cadence`` command: one group, a module per family of subcommands.

Every word it shows is the catalogue's, in the language ``cadence.cli.language`` chooses
(``--lang`` anywhere on the line, the configuration, the environment, Vietnamese). The
configuration file is the one ``cadence.cli.config_file`` finds (``--config`` anywhere on the
line, ``CADENCE_CONFIG``, ./config.toml, /etc/cadence/config.toml). Errors a
user can act on (``CadenceError``, ``PlanReadError``, click's usage errors) become one line
on stderr, "cadence: …", and exit status 2; nothing else is caught, so a real bug still shows
its traceback.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

from cadence.cli import config_file, language
from cadence.errors import CadenceError

# Each module defines ``register(group)``; adding a family of commands is one line here.
COMMAND_MODULES = ("cadence.cli.parse", "cadence.cli.demo", "cadence.cli.setup", "cadence.cli.units",
                   "cadence.cli.plans", "cadence.cli.items", "cadence.cli.web",
                   "cadence.cli.daemon", "cadence.cli.outbox", "cadence.cli.backup")


def _version(ctx: click.Context, _param: click.Parameter, on: bool) -> None:
    """``cadence --version``: the installed distribution's version, then exit."""
    if not on or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("cadence")
    except PackageNotFoundError:  # run from a source tree that was never installed
        number = "0+unknown"
    click.echo(language.speak("install.version", version=number))
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(config_file.OPTION, "config_path", type=click.Path(dir_okay=False))
@click.option(language.OPTION, "lang", type=click.Choice(language.LANGUAGES), expose_value=False)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version)
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    ctx.ensure_object(dict)
    if config_path:  # `main` has found the file already; a caller of `cli` itself may name one
        ctx.obj["config_path"] = config_path


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(cli)


def _unreadable_plan(error: Exception) -> bool:
    """A plan the reader cannot read at all (``rules.PlanReadError``); rules is imported only if
    it was loaded, so `cadence --help` never loads the reader."""
    rules_model = sys.modules.get("rules.model")
    return rules_model is not None and isinstance(error, rules_model.PlanReadError)


def main(argv: list[str] | None = None) -> None:
    """Entry point: choose the language, run the group, turn user errors into one line and exit 2."""
    argv = sys.argv[1:] if argv is None else list(argv)
    obj: dict = {}
    try:
        named, argv = config_file.take_option(argv)
        found = config_file.find(named, os.environ)
        lang, argv = language.choose(argv, os.environ, found.path)
        language.install(lang)
        language.give_words(cli, lang)
        obj.update(config_path=str(found.path), config_found=found)
        status = cli.main(args=argv, prog_name="cadence", standalone_mode=False, obj=obj)
        if isinstance(status, int) and status:  # ctx.exit(n): click hands the status back here
            sys.exit(status)
    except CadenceError as error:
        if type(error).__name__ == "DatabaseTrouble":
            _busy(error)
        _fail(error.say(language.current()))
    except click.exceptions.Abort:
        click.echo(f"cadence: {language.speak('cli.aborted')}", err=True)
        sys.exit(1)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "cadence"
        _fail(language.speak("cli.usage-error", message=error.format_message(), command=command))
    except click.ClickException as error:
        _fail(error.format_message())
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:  # last: a busy or full database, or a plan the reader cannot read
        trouble = _database_trouble(error, obj)
        if trouble is not None:
            _busy(trouble)
        if not _unreadable_plan(error):
            raise
        from cadence.diagnostics import describe_error

        _fail(describe_error(error, language.current()))


def _database_trouble(error: Exception, obj: dict):
    """The database busy or full (``cadence.store.session.busy_or_full``), if the store was loaded."""
    session = sys.modules.get("cadence.store.session")
    if session is None:
        return None
    config = obj.get("config")
    return session.busy_or_full(error, config.database.busy_seconds if config is not None else 30.0)


def _busy(error: CadenceError) -> None:
    click.echo(f"cadence: {error.say(language.current())}", err=True)
    sys.exit(3)  # not bad input (2): the same command may succeed later


def _fail(message: str) -> None:
    click.echo(f"cadence: {message}", err=True)
    sys.exit(2)
