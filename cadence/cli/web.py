"""``cadence web`` (the pages alone), ``cadence users …`` (board accounts) and ``cadence
links …`` (make or revoke a completion link by hand).

Passwords are never taken on the command line (it shows in the process list and the shell's
history): they are typed at a prompt, or read from a file or standard input for scripts.
"""
from __future__ import annotations

import logging
import sys

import click
from cadence.cli.common import ID, config, now, store
from cadence.cli.language import speak
from cadence.errors import CadenceError
from cadence.kinds import Role


@click.command("web")
@click.option("--host")
@click.option("--port", type=click.IntRange(0, 65535))
@click.pass_context
def web_command(ctx, host, port) -> None:
    """The pages alone (completion links, the board), without the reminders."""
    from cadence.cli import logs
    from cadence.web import serve  # uvicorn is loaded only by the commands that serve

    logs.configure(logging.INFO)  # one line per request
    settings = config(ctx)
    url = f"http://{host or settings.web.host}:{settings.web.port if port is None else port}/board"
    click.echo(speak("cli.web-serving", url=url))
    serve(settings, store(ctx), host=host, port=port)


@click.group("users")
def users_group() -> None:
    """Board accounts (coordinators, admins)."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.COORDINATOR.value, show_default=True)
@click.option("--plans", default="")
@click.option("--full-name", default="")
@click.option("--password-file", type=click.File("r"))
@click.pass_context
def users_add(ctx, name, role, plans, full_name, password_file) -> None:
    """Add a user: cadence users add NAME --role coordinator --plans KEY[,KEY]"""
    from cadence.web.accounts import add_user

    keys = tuple(k.strip() for k in plans.split(",") if k.strip())
    # A coordinator given no plans follows the plans they upload on the intake pages.
    password = _password(password_file)
    with store(ctx).transaction() as session:
        user = add_user(session, name=name, password=password, role=Role(role), plans=keys,
                        full_name=full_name, now=now())
    click.echo(speak("cli.users.added", name=user.name, role=speak(f"roles.{user.role.value}"),
                     plans=", ".join(user.plans) or speak("cli.users.every-plan")))


@users_group.command("list")
@click.pass_context
def users_list(ctx) -> None:
    """List the users."""
    from cadence.web.accounts import list_users

    with store(ctx).transaction() as session:
        users = list_users(session)
    for user, disabled in users:
        plans = speak("cli.users.every-plan") if user.role is Role.ADMIN else ", ".join(user.plans)
        state = "\t" + speak("cli.users.locked") if disabled else ""
        click.echo(f"{user.name}\t{speak(f'roles.{user.role.value}')}\t{plans}{state}")


@users_group.command("passwd")
@click.argument("name")
@click.option("--password-file", type=click.File("r"))
@click.pass_context
def users_passwd(ctx, name, password_file) -> None:
    """Set a new password (the user's open sessions end)."""
    from cadence.web.accounts import set_password

    password = _password(password_file)
    with store(ctx).transaction() as session:
        set_password(session, name, password)
    click.echo(speak("cli.users.password-changed", name=name))


@users_group.command("reset-password")
@click.argument("name")
@click.pass_context
def users_reset_password(ctx, name) -> None:
    """A temporary password for a user who forgot theirs, printed once; their sessions end and
    they choose their own at the next log-in. Recorded as made by this login."""
    import getpass

    from cadence.web.accounts import reset_password

    with store(ctx).transaction() as session:
        password = reset_password(session, name, by=f"cli:{getpass.getuser()}", now=now())
    click.echo(speak("watcher.users.cli-reset", name=name))
    click.echo(password)


@users_group.command("disable")
@click.argument("name")
@click.option("--enable", is_flag=True)
@click.pass_context
def users_disable(ctx, name, enable) -> None:
    """Lock (or unlock) an account; its open sessions end."""
    from cadence.web.accounts import set_disabled

    with store(ctx).transaction() as session:
        set_disabled(session, name, not enable)
    click.echo(speak("cli.users.unlocked" if enable else "cli.users.locked-now", name=name))


def _password(source) -> str:
    if source is not None:
        return source.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CadenceError("errors.users.no-terminal")
    return click.prompt(speak("cli.users.password"), hide_input=True, confirmation_prompt=speak("cli.users.again"))


@click.group("links")
def links_group() -> None:
    """Completion links: make one by hand, revoke."""


@links_group.command("url")
@click.argument("items", nargs=-1, required=True, type=ID)
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def links_url(ctx, items, now_text) -> None:
    """Print a completion link for items (of one unit)."""
    from cadence.links import completion_url
    from cadence.store.items import units_of

    with store(ctx).transaction() as session:
        units = units_of(session, items)
    missing = sorted(set(items) - set(units))
    if missing:
        raise CadenceError("errors.items.no-item", item=missing[0])
    if len(set(units.values())) != 1:
        raise CadenceError("errors.items.one-unit")
    click.echo(completion_url(config(ctx), sorted(units), next(iter(units.values())), now(now_text)))


@links_group.command("revoke")
@click.argument("link", required=False)
@click.option("--unit")
@click.option("--all", "everything", is_flag=True)
@click.option("--reason", default="")
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def links_revoke(ctx, link, unit, everything, reason, now_text) -> None:
    """Revoke a link (its address or token), every link of a unit, or all."""
    from cadence.links import revoke_link, revoke_links, token_of
    from cadence.store.items import unit_id_of

    if sum(bool(x) for x in (link, unit, everything)) != 1:
        raise click.UsageError(speak("cli.links.which"))
    moment = now(now_text)
    with store(ctx).transaction() as session:
        if link:
            revoke_link(session, token_of(link), now=moment, reason=reason)
        else:
            unit_id = unit_id_of(session, unit) if unit else None
            revoke_links(session, unit_id=unit_id, now=moment, reason=reason)
    click.echo(speak("cli.links.revoked"))


def register(group: click.Group) -> None:
    for command in (web_command, users_group, links_group):
        group.add_command(command)
