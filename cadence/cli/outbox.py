"""``cadence outbox list | retry | cancel``: the messages waiting, sent, failed, stale or
cancelled, and an operator's hand on them.

Filters are the same for the three: ``--state``, ``--channel``, ``--kind``, ``--unit`` (a unit's
code: messages naming its items), ``--since`` (a local day: written from then on), ``--id``.
A bad filter is one line and exit status 2, before anything is read or changed. ``retry`` and
``cancel`` need at least one filter, so that no one empties or resends the whole outbox by a
slip of the keyboard.
"""
from __future__ import annotations

import datetime as dt
import json

import click

from cadence.catalogue import say
from cadence.cli.common import now, store
from cadence.cli.language import current, speak
from cadence.errors import CadenceError
from cadence.tz import LOCAL, UTC


def _filters(command):
    options = (
        click.option("--id", "ids", type=int, multiple=True),
        click.option("--since"),
        click.option("--unit"),
        click.option("--kind"),
        click.option("--channel"),
        click.option("--state", "states", multiple=True),
    )
    for option in options:
        command = option(command)
    return command


def _where(ctx, states, channel, kind, unit, since, ids):
    """The filters, checked: CadenceError (one line, exit 2) naming the bad one."""
    from cadence.channels import registry
    from cadence.store.outbox import MessageKind, MessageState
    from cadence.store.outbox_admin import Where, unit_exists

    checked_states = tuple(_one_of("bad-state", value, MessageState) for value in states)
    if channel is not None and channel not in registry():
        raise CadenceError("delivery.outbox.bad-channel", value=repr(channel), allowed=", ".join(registry()))
    checked_kind = _one_of("bad-kind", kind, MessageKind) if kind is not None else None
    start = None
    if since is not None:
        try:
            start = dt.datetime.combine(dt.date.fromisoformat(since), dt.time(), LOCAL).astimezone(UTC)
        except ValueError:
            raise CadenceError("delivery.outbox.bad-since", value=repr(since)) from None
    if unit is not None:
        with store(ctx).transaction() as session:
            if not unit_exists(session, unit):
                raise CadenceError("delivery.outbox.bad-unit", value=repr(unit))
    return Where(states=checked_states, channel=channel, kind=checked_kind, unit=unit, since=start, ids=tuple(ids))


def _one_of(key: str, value: str, kind):
    try:
        return kind(value)
    except ValueError:
        raise CadenceError(f"delivery.outbox.{key}", value=repr(value),
                           allowed=", ".join(member.value for member in kind)) from None


@click.group("outbox")
def outbox_group() -> None:
    """The outbox: messages to send, sent, failed, stale, cancelled."""


@outbox_group.command("list")
@_filters
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_command(ctx, states, channel, kind, unit, since, ids, limit, as_json) -> None:
    """List messages, newest first."""
    from cadence.store.outbox_admin import listed

    where = _where(ctx, states, channel, kind, unit, since, ids)
    with store(ctx).transaction() as session:
        found = listed(session, where, limit)
    if as_json:
        click.echo(json.dumps([_json(message) for message in found], ensure_ascii=False, indent=2))
        return
    lang = current()
    for message in found:
        click.echo(_line(message, lang))
    click.echo(speak("delivery.outbox.count", n=len(found)) if found else speak("delivery.outbox.nothing"))


def _line(message, lang: str) -> str:
    reason = say("delivery.outbox.reason", lang, reason=message.error) if message.error else ""
    return say("delivery.outbox.line", lang, id=message.id, state=say(f"deliveries.{message.state.value}", lang),
               channel=message.channel, kind=say(f"delivery.outbox.kind-{message.kind.value}", lang),
               recipient=message.recipient, created=message.created_at, attempts=message.attempts, reason=reason)


def _json(message) -> dict:
    """Field names as the rows' columns, states and kinds as their stored values, moments in UTC."""
    def moment(value):
        return value.astimezone(UTC).isoformat() if value else None

    return {"id": message.id, "key": message.key, "state": message.state.value, "kind": message.kind.value,
            "channel": message.channel, "recipient": message.recipient, "name": message.name,
            "created_at": moment(message.created_at), "attempts": message.attempts,
            "next_attempt_at": moment(message.next_attempt_at), "sent_at": moment(message.sent_at),
            "error": message.error, "permanent": message.permanent}


@outbox_group.command("retry")
@_filters
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def retry_command(ctx, states, channel, kind, unit, since, ids, now_text) -> None:
    """Put failed, stale or cancelled messages back to be sent at the next pass."""
    from cadence.store.outbox_admin import retry

    where = _where(ctx, states, channel, kind, unit, since, ids)
    _need_a_filter(where)
    with store(ctx).transaction() as session:
        n = retry(session, where, now(now_text))
    click.echo(speak("delivery.outbox.retried", n=n))


@outbox_group.command("cancel")
@_filters
@click.option("--reason", required=True)
@click.pass_context
def cancel_command(ctx, states, channel, kind, unit, since, ids, reason) -> None:
    """Cancel messages waiting to be sent, saying why."""
    from cadence.store.outbox_admin import cancel

    where = _where(ctx, states, channel, kind, unit, since, ids)
    _need_a_filter(where)
    with store(ctx).transaction() as session:
        n = cancel(session, where, speak("delivery.outbox.why-cancelled", reason=reason))
    click.echo(speak("delivery.outbox.cancelled", n=n))


def _need_a_filter(where) -> None:
    if where.empty:
        raise CadenceError("delivery.outbox.no-filter")


def register(group: click.Group) -> None:
    group.add_command(outbox_group)
