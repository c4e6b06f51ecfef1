"""``cadence run``, ``cadence tick`` and ``cadence digest``: the daemon, one pass, a digest preview."""
from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import click

from cadence.cli.common import MOMENT, config, now, store
from cadence.errors import CadenceError
from cadence.tz import format_local

LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"
PREVIEW_LINES = 40  # of an email's text in a dry run


@click.command("run")
@click.option("--now", "start", type=MOMENT, hidden=True,
              help="Start the clock at this moment instead of the real time (replays, tests).")
@click.option("--speed", type=click.FloatRange(min=1.0), default=1.0, hidden=True,
              help="With --now: run the clock this many times as fast (several daemons through a month).")
@click.option("--since", type=float, hidden=True,
              help="With --now: the Unix time at which the clock read --now (one clock for several daemons).")
@click.pass_context
def run_command(ctx, start, speed, since) -> None:
    """Chạy dịch vụ nhắc việc: nhắc hạn, đôn đốc khi quá hạn, bản tin tuần."""
    from cadence.daemon.loop import clock_from, on_signals, real_clock, serve

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT, stream=sys.stderr)
    stopping = threading.Event()
    on_signals(stopping)
    clock = clock_from(start, speed, since) if start else real_clock
    from cadence.web.service import start as pages  # the pages share the daemon's clock

    serve(config(ctx), store(ctx), clock=clock, stopping=stopping, services=(pages,))


@click.command("tick")
@click.option("--now", "moment", type=MOMENT, help="Act as if at this local moment (default: now).")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; change nothing.")
@click.option("-v", "--verbose", is_flag=True, help="Log each event.")
@click.pass_context
def tick_command(ctx, moment, dry_run, verbose) -> None:
    """Chạy một lượt như dịch vụ làm tại thời điểm --now (xem trước với --dry-run)."""
    from cadence.daemon.context import Daemon
    from cadence.daemon.outlets import open_outlets
    from cadence.daemon.passes import dry_run as preview_pass, run_pass

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format=LOG_FORMAT, stream=sys.stderr)
    moment = moment or now()
    daemon = Daemon.build(config(ctx))
    if dry_run:
        counts, previews = preview_pass(store(ctx), daemon, moment)
        click.echo(render_previews(previews, daemon))
        click.echo(summary(moment, counts, dry=True))
        return
    with open_outlets(config(ctx)) as outlets:
        counts = run_pass(store(ctx), daemon, moment, outlets)
    click.echo(summary(moment, counts, dry=False))


def summary(moment, counts, *, dry: bool) -> str:
    """The closing lines of `cadence tick`, from a pass's ``Counts``."""
    levels = ", ".join(f"cấp {level}: {n}" for level, n in sorted(counts.escalations.items())) or "không"
    written = sum(counts.messages.values())
    head = f"Lượt chạy lúc {format_local(moment)}" + (" (chạy thử, không thay đổi gì)" if dry else "")
    lines = [f"{head}: xét {counts.moments} mốc hạn; {counts.missed} mục mới quá hạn; nhắc {counts.reminders} mục; "
             f"đôn đốc {sum(counts.escalations.values())} mục ({levels}); {counts.digests} bản tin tuần; "
             f"{written} thư/tin nhắn được soạn."]
    if dry:
        lines.append("Sẽ gửi các thư/tin nhắn liệt kê ở trên.")
    else:
        lines.append(f"Đã gửi {counts.sent}; thử lại sau {counts.retried}; lỗi {counts.failed}; bỏ {counts.cancelled}.")
    return "\n".join(lines)


def render_previews(previews: list, daemon) -> str:
    """What a dry run would send (``passes.Preview`` values), each message shown as it travels."""
    from cadence.channels import channel

    if not previews:
        return "Không có gì để gửi."
    notifiers = daemon.config.notifiers
    blocks = []
    for item in previews:
        head = f"— {item.channel} → {item.recipient}  [{item.key}]"
        plugin = channel(item.channel)
        if item.error:
            blocks.append(f"{head}\n  KHÔNG GỬI ĐƯỢC: {item.error}")
        elif plugin.short:
            blocks.append(f"{head}\n  {plugin.travels_as(notifiers.section(item.channel), item.text)}")
        else:
            lines = item.text.strip().splitlines()
            body = "\n".join("  " + line if line else "" for line in lines[:PREVIEW_LINES])
            more = f"\n  … ({len(lines) - PREVIEW_LINES} dòng nữa)" if len(lines) > PREVIEW_LINES else ""
            blocks.append(f"{head}\n  {item.subject}\n\n{body}{more}")
    return "\n\n".join(blocks) + "\n"


@click.command("digest")
@click.option("--week", "week_text", required=True, help="An ISO week, e.g. 2025-W38.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the HTML here (default: print the text).")
@click.option("--plan", "plan_key", help="Only this plan.")
@click.option("--lang", type=click.Choice(["vi", "en"]), help="Language (default: [notifiers] language).")
@click.option("--now", "now_text", hidden=True, help="Act as if at this moment (replays, tests).")
@click.pass_context
def digest_command(ctx, week_text, out, plan_key, lang, now_text) -> None:
    """Xem trước bản tin tuần: cadence digest --week 2025-W38 --out digest.html"""
    from cadence.daemon.context import Daemon
    from cadence.daemon.digest import Week, preview, render_digest

    week = Week.parse(week_text)
    settings = config(ctx)
    daemon = Daemon.build(settings)
    with store(ctx).transaction() as session:
        context = preview(session, settings, week, now(now_text), plan_key=plan_key)
    if not context["plans"]:
        raise CadenceError(f"--week {week.label}: no plan runs that week (see `cadence plan list`)")
    subject, text, html = render_digest(daemon.renderer, context, lang or settings.notifiers.language)
    if out:
        Path(out).write_text(html, encoding="utf-8")
        click.echo(f"Đã ghi bản tin tuần {week.label} ({len(context['plans'])} kế hoạch) vào {out}.")
    else:
        click.echo(f"{subject}\n\n{text}")


def register(group: click.Group) -> None:
    for command in (run_command, tick_command, digest_command):
        group.add_command(command)
