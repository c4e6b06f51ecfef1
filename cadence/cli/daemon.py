"""``cadence run``, ``cadence tick`` and ``cadence digest``: the daemon, one pass, a digest preview."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

import click

from cadence.cli import logs
from cadence.cli.common import MOMENT, config, now, store
from cadence.cli.language import current, speak
from cadence.errors import CadenceError

PREVIEW_LINES = 40  # of an email's text in a dry run
SENDS_FAILED = 1  # `tick`'s exit status when a message failed or waits for a retry (2: bad input)


@click.command("run")
# Hidden, for replays and tests: --now starts the clock at that moment instead of the real time;
# --speed runs it that many times as fast; --since is the Unix time at which it read --now (one
# clock for several daemons through a month); --until stops it there (passes go on at that
# moment), so that a replay never runs past its end however long its processes take to stop.
@click.option("--now", "start", type=MOMENT, hidden=True)
@click.option("--speed", type=click.FloatRange(min=1.0), default=1.0, hidden=True)
@click.option("--since", type=float, hidden=True)
@click.option("--until", "end", type=MOMENT, hidden=True)
@click.option("-v", "--verbose", is_flag=True)
@click.pass_context
def run_command(ctx, start, speed, since, end, verbose) -> None:
    """The daemon: reminders, escalation of misses, weekly digests."""
    from cadence.daemon.loop import clock_from, on_signals, real_clock, serve
    from cadence.links import check_reachable

    check_reachable(config(ctx))

    logs.configure(logging.DEBUG if verbose else logging.INFO)
    stopping = threading.Event()
    on_signals(stopping)
    clock = clock_from(start, speed, since, end) if start else real_clock
    from cadence.web.service import start as pages  # the pages share the daemon's clock

    serve(config(ctx), store(ctx), clock=clock, stopping=stopping, services=(pages,))


@click.command("tick")
@click.option("--now", "moment", type=MOMENT)
@click.option("--dry-run", is_flag=True)
@click.option("-v", "--verbose", is_flag=True)
@click.pass_context
def tick_command(ctx, moment, dry_run, verbose) -> None:
    """One pass as the daemon makes it at --now (a preview with --dry-run)."""
    from cadence.daemon.context import Daemon
    from cadence.daemon.deadman import report_alive
    from cadence.daemon.outlets import open_outlets
    from cadence.daemon.passes import dry_run as preview_pass, run_pass
    from cadence.links import check_reachable

    logs.configure(logging.INFO if verbose else logging.WARNING)
    moment = moment or now()
    daemon = Daemon.build(config(ctx))
    if dry_run:
        counts, previews = preview_pass(store(ctx), daemon, moment)
        click.echo(render_previews(previews, daemon))
        click.echo(summary(moment, counts, dry=True))
        return
    check_reachable(config(ctx))
    with open_outlets(config(ctx)) as outlets:
        counts = run_pass(store(ctx), daemon, moment, outlets)
    report_alive(daemon.config.daemon.deadman_url)  # a timer running tick is watched like `cadence run`
    click.echo(summary(moment, counts, dry=False))
    if counts.failed or counts.retried:  # a script or a timer sees that something did not go
        click.echo(f"cadence: {speak('tick.outcome.not-all-sent', failed=counts.failed, retried=counts.retried)}", err=True)
        ctx.exit(SENDS_FAILED)


def summary(moment, counts, *, dry: bool) -> str:
    """The closing lines of `cadence tick`, from a pass's ``Counts``."""
    levels = ", ".join(speak("tick.level", level=level, n=n) for level, n in sorted(counts.escalations.items()))
    lines = [speak("tick.dry-run" if dry else "tick.pass", at=moment, moments=counts.moments, missed=counts.missed,
                   reminded=counts.reminders, escalated=sum(counts.escalations.values()),
                   levels=levels or speak("tick.no-levels"), digests=counts.digests,
                   written=sum(counts.messages.values()))]
    if dry:
        lines.append(speak("tick.would-send"))
    else:
        lines.append(speak("tick.sent", sent=counts.sent, retried=counts.retried, failed=counts.failed,
                           cancelled=counts.cancelled))
    return "\n".join(lines)


def render_previews(previews: list, daemon) -> str:
    """What a dry run would send (``passes.Preview`` values), each message shown as it travels."""
    from cadence.channels import channel

    if not previews:
        return speak("tick.nothing")
    notifiers = daemon.config.notifiers
    blocks = []
    for item in previews:
        head = f"— {item.channel} → {item.recipient}  [{item.key}]"
        plugin = channel(item.channel)
        if item.error:
            blocks.append(f"{head}\n  {speak('tick.cannot-send', error=item.error)}")
        elif plugin.short:
            blocks.append(f"{head}\n  {plugin.travels_as(notifiers.section(item.channel), item.text)}")
        else:
            lines = item.text.strip().splitlines()
            body = "\n".join("  " + line if line else "" for line in lines[:PREVIEW_LINES])
            more = f"\n  … ({speak('tick.more-lines', n=len(lines) - PREVIEW_LINES)})" if len(lines) > PREVIEW_LINES else ""
            blocks.append(f"{head}\n  {item.subject}\n\n{body}{more}")
    return "\n\n".join(blocks) + "\n"


@click.command("digest")
@click.option("--week", "week_text", required=True)
@click.option("--out", type=click.Path(dir_okay=False))
@click.option("--plan", "plan_key")
@click.option("--now", "now_text", hidden=True)  # act as if at this moment (replays, tests)
@click.pass_context
def digest_command(ctx, week_text, out, plan_key, now_text) -> None:
    """A weekly digest, previewed: cadence digest --week 2025-W38 --out digest.html"""
    from cadence.daemon.context import Daemon
    from cadence.daemon.digest import Week, preview, render_digest

    week = Week.parse(week_text)
    settings = config(ctx)
    daemon = Daemon.build(settings)
    with store(ctx).transaction() as session:
        context = preview(session, settings, week, now(now_text), plan_key=plan_key)
    if not context["plans"]:
        raise CadenceError("errors.digest.no-plans", week=week.label)
    subject, text, html = render_digest(daemon.renderer, context, current())
    if out:
        Path(out).write_text(html, encoding="utf-8")
        click.echo(speak("tick.digest-written", week=week.label, plans=len(context["plans"]), file=out))
    else:
        click.echo(f"{subject}\n\n{text}")


def register(group: click.Group) -> None:
    for command in (run_command, tick_command, digest_command):
        group.add_command(command)
