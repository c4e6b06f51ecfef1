"""``cadence web`` (the pages alone), ``cadence users …`` (board accounts) and ``cadence
links …`` (make or revoke a completion link by hand).

Passwords are never taken on the command line (it shows in the process list and the shell's
history): they are typed at a prompt, or read from a file or standard input for scripts.
"""
from __future__ import annotations

import logging
import sys

import click
from cadence.cli.common import config, now, store
from cadence.errors import CadenceError
from cadence.kinds import Role


@click.command("web")
@click.option("--host", help="Listen on this address (default: [web] host).")
@click.option("--port", type=click.IntRange(0, 65535), help="Listen on this port (default: [web] port).")
@click.pass_context
def web_command(ctx, host, port) -> None:
    """Chạy trang web (báo cáo hoàn thành qua liên kết, bảng theo dõi) không kèm bộ nhắc việc."""
    from cadence.cli.daemon import LOG_FORMAT
    from cadence.web import serve  # uvicorn is loaded only by the commands that serve

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT, stream=sys.stderr)  # one line per request
    settings = config(ctx)
    click.echo(f"cadence web: http://{host or settings.web.host}:{settings.web.port if port is None else port}/board")
    serve(settings, store(ctx), host=host, port=port)


@click.group("users")
def users_group() -> None:
    """Tài khoản xem bảng theo dõi (điều phối viên, quản trị)."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.COORDINATOR.value, show_default=True)
@click.option("--plans", default="", help="Plan keys a coordinator follows, comma-separated.")
@click.option("--full-name", default="", help="The name shown on the pages.")
@click.option("--password-file", type=click.File("r"), help="Read the password from this file ('-': standard input).")
@click.pass_context
def users_add(ctx, name, role, plans, full_name, password_file) -> None:
    """Thêm người dùng: cadence users add NAME --role coordinator --plans KEY[,KEY]"""
    from cadence.web.accounts import add_user

    keys = tuple(k.strip() for k in plans.split(",") if k.strip())
    if role == Role.COORDINATOR.value and not keys:
        raise CadenceError("--plans: a coordinator needs at least one plan (or use --role admin)")
    password = _password(password_file)
    with store(ctx).transaction() as session:
        user = add_user(session, name=name, password=password, role=Role(role), plans=keys,
                        full_name=full_name, now=now())
    click.echo(f"Đã thêm người dùng {user.name} ({user.role.value}; {', '.join(user.plans) or 'mọi kế hoạch'}).")


@users_group.command("list")
@click.pass_context
def users_list(ctx) -> None:
    """Liệt kê người dùng."""
    from cadence.web.accounts import list_users

    with store(ctx).transaction() as session:
        users = list_users(session)
    for user, disabled in users:
        plans = "mọi kế hoạch" if user.role is Role.ADMIN else ", ".join(user.plans)
        state = "\t(đã khóa)" if disabled else ""
        click.echo(f"{user.name}\t{user.role.value}\t{plans}{state}")


@users_group.command("passwd")
@click.argument("name")
@click.option("--password-file", type=click.File("r"), help="Read the password from this file ('-': standard input).")
@click.pass_context
def users_passwd(ctx, name, password_file) -> None:
    """Đặt mật khẩu mới (mọi phiên đăng nhập của người dùng kết thúc)."""
    from cadence.web.accounts import set_password

    password = _password(password_file)
    with store(ctx).transaction() as session:
        set_password(session, name, password)
    click.echo(f"Đã đổi mật khẩu của {name}.")


@users_group.command("disable")
@click.argument("name")
@click.option("--enable", is_flag=True, help="Unlock the account instead.")
@click.pass_context
def users_disable(ctx, name, enable) -> None:
    """Khóa (hoặc mở khóa) tài khoản; phiên đăng nhập đang mở kết thúc."""
    from cadence.web.accounts import set_disabled

    with store(ctx).transaction() as session:
        set_disabled(session, name, not enable)
    click.echo(f"Đã {'mở khóa' if enable else 'khóa'} tài khoản {name}.")


def _password(source) -> str:
    if source is not None:
        return source.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CadenceError("no terminal to type a password at: give --password-file FILE (or - for stdin)")
    return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")


@click.group("links")
def links_group() -> None:
    """Liên kết báo cáo hoàn thành: tạo bằng tay, thu hồi."""


@links_group.command("url")
@click.argument("items", nargs=-1, required=True, type=int)
@click.option("--now", "now_text", hidden=True, help="Act as if at this moment (replays, tests).")
@click.pass_context
def links_url(ctx, items, now_text) -> None:
    """In liên kết báo cáo hoàn thành cho các mục (cùng một đơn vị)."""
    from cadence.links import completion_url
    from cadence.store.items import units_of

    with store(ctx).transaction() as session:
        units = units_of(session, items)
    missing = sorted(set(items) - set(units))
    if missing:
        raise CadenceError(f"item {missing[0]}: no such due item")
    if len(set(units.values())) != 1:
        raise CadenceError("a link is for the items of one unit; these belong to several")
    click.echo(completion_url(config(ctx), sorted(units), next(iter(units.values())), now(now_text)))


@links_group.command("revoke")
@click.argument("link", required=False)
@click.option("--unit", help="Revoke every link of this unit issued until now.")
@click.option("--all", "everything", is_flag=True, help="Revoke every link issued until now.")
@click.option("--reason", default="", help="Why (kept with the revocation).")
@click.option("--now", "now_text", hidden=True, help="Act as if at this moment (replays, tests).")
@click.pass_context
def links_revoke(ctx, link, unit, everything, reason, now_text) -> None:
    """Thu hồi một liên kết (URL hoặc mã), mọi liên kết của một đơn vị, hoặc tất cả."""
    from cadence.links import revoke_link, revoke_links, token_of
    from cadence.store.items import unit_id_of

    if sum(bool(x) for x in (link, unit, everything)) != 1:
        raise click.UsageError("give one of LINK, --unit U or --all")
    moment = now(now_text)
    with store(ctx).transaction() as session:
        if link:
            revoke_link(session, token_of(link), now=moment, reason=reason)
        else:
            unit_id = unit_id_of(session, unit) if unit else None
            revoke_links(session, unit_id=unit_id, now=moment, reason=reason)
    click.echo("Đã thu hồi.")


def register(group: click.Group) -> None:
    for command in (web_command, users_group, links_group):
        group.add_command(command)
