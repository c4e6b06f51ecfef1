"""What the store commands share: the configuration and the store, opened once per command,
the clock read once at the edge, and date options that say which option was wrong."""
from __future__ import annotations

import datetime as dt

import click

from cadence.catalogue import Words
from cadence.cli import config_file
from cadence.cli.language import speak
from cadence.errors import CadenceError
from cadence.kinds import LARGEST_ID
from cadence.tz import UTC, YEARS, parse_date, parse_moment

# The configuration and the store are imported when a command first asks for them, never at
# start: `cadence --help` loads click and the command modules only (bench/bench_startup.py).


def config(ctx: click.Context):
    """The configuration (``cadence.config.Config``), read once per command."""
    obj = ctx.find_root().ensure_object(dict)
    if "config" not in obj:
        from cadence.config import load_config

        found = obj.get("config_found")
        if found is not None and not found.chosen:  # nothing named, nothing found: say where we looked
            raise CadenceError("errors.install.no-config", looked=", ".join(map(str, found.looked)),
                               variable=config_file.ENV)
        obj["config"] = load_config(obj.get("config_path", "config.toml"))
    return obj["config"]


def store(ctx: click.Context):
    """The store (``cadence.store.Store``), opened once per command and closed with it."""
    obj = ctx.find_root().ensure_object(dict)
    if "store" not in obj:
        from cadence.store import open_store

        settings = config(ctx).database
        obj["store"] = open_store(settings.url, busy_seconds=settings.busy_seconds)
        ctx.find_root().call_on_close(obj["store"].close)
    return obj["store"]


def now(value: str | None = None) -> dt.datetime:
    """The moment a command acts at: ``--now`` when given (replaying, tests), else the clock."""
    if not value:
        return dt.datetime.now(UTC)
    try:
        return parse_moment(value)
    except ValueError:
        expected = Words("errors.expected", expected=Words("expect.date-or-moment"), value=repr(value))
        raise CadenceError("errors.field", field="--now", problem=expected) from None


class DateType(click.ParamType):
    """A calendar date YYYY-MM-DD; a bad one is a usage error naming the option."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(value)
        except ValueError:
            self.fail(speak("errors.expected", expected=Words("expect.date"), value=repr(value)), param, ctx)


class MomentType(click.ParamType):
    """A local date or date-time ("2025-09-15", "2025-09-15T08:00"), as an aware UTC moment."""

    name = "YYYY-MM-DD[THH:MM]"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.datetime):
            return value
        try:
            return parse_moment(value)
        except ValueError:
            self.fail(speak("errors.expected", expected=Words("expect.date-or-moment"), value=repr(value)), param, ctx)


DATE = DateType()
MOMENT = MomentType()
ID = click.IntRange(1, LARGEST_ID)  # an item's number: larger ones name no row (and overflow SQL)
YEAR = click.IntRange(YEARS.start, YEARS.stop - 1)
COUNT = click.IntRange(1, LARGEST_ID)
