"""``cadence demo``: the main job on the embedded default, for a first look (``make demo``).

It runs the whole loop offline in a folder of its own (see ``cadence.demo``): the sample plan
and units directory on SQLite, a stretch of 2026 lived day by day with reminders, escalations
and weekly digests written to the file outbox, and prints what was sent and where to look.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import click

from cadence.catalogue import formats
from cadence.cli.common import DATE
from cadence.cli.language import current, speak


@click.command("demo")
@click.option("--folder", type=click.Path(file_okay=False), default="demo", show_default=True)
@click.option("--from", "start", type=DATE, default="2026-01-01", show_default=True)
@click.option("--to", "end", type=DATE, default="2026-03-31", show_default=True)
def demo_command(folder: str, start: dt.date, end: dt.date) -> None:
    """The whole loop on the sample plan, written to a folder: reminders, escalations, digests."""
    from cadence.demo import run_demo

    lang = current()
    click.echo(speak("demo.start", folder=folder, start=start, end=end))
    report = run_demo(Path(folder), language=lang, start=start, end=end,
                      progress=lambda day: click.echo(f"  … {formats.date(day, lang)}"))
    click.echo("\n" + summary(report))


def summary(report) -> str:
    """The closing summary of a ``cadence.demo.DemoReport``."""
    from cadence.config import load_config
    from cadence.store.outbox import MessageKind

    chain = load_config(report.folder / "config.toml").escalation.chain
    levels = "; ".join(speak("demo.level", level=level, rung=speak(f"rungs.{chain[level - 1].value}"), n=n)
                       for level, n in sorted(report.escalations.items())) or "0"
    sms = sum(n for (kind, channel), n in report.messages.items() if channel == "sms")
    config = report.folder / "config.toml"
    program = _program()
    lines = [
        speak("demo.items", items=report.items, on_time=report.completions["on_time"], late=report.completions["late"],
              done_word=speak("states.done").lower(), late_word=speak("states.late").lower()),
        speak("demo.reminders", n=report.reminders),
        speak("demo.escalations", levels=levels),
        speak("demo.digests", n=report.digests),
        speak("demo.sent", email_daily=_sent(report, MessageKind.DAILY, "email"), sms=sms,
              email_digest=_sent(report, MessageKind.DIGEST, "email"), failed=report.failed),
        "", speak("demo.where"),
        speak("demo.outbox", folder=report.folder / "outbox", eml=report.files[".eml"], json=report.files[".json"]),
        speak("demo.digest", file=report.digest_file),
        "", speak("demo.try"),
    ] + [f"  {program} --config {config} {' '.join(args)}" for args in _next_commands(report)]
    return "\n".join(lines)


def _next_commands(report) -> list[list[str]]:
    week = report.digest_file.stem.removeprefix("digest-")
    return [["due", "--overdue", "--now", str(report.end)],
            ["tick", "--now", f"{report.end + dt.timedelta(days=1)}T08:00", "--dry-run"],
            ["digest", "--week", week, "--out", "digest.html"]]


def _program() -> str:
    """How to call cadence again: `make demo` leaves it in .venv/bin, not on the PATH."""
    found = shutil.which("cadence")
    here = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if here is not None and here.name == "cadence" and (found is None or Path(found).resolve() != here):
        return os.path.relpath(here) if not os.path.relpath(here).startswith("../..") else str(here)
    return "cadence"


def _sent(report, kind, channel: str) -> int:
    return sum(n for (k, c), n in report.messages.items() if k is kind and c == channel)


def register(group: click.Group) -> None:
    group.add_command(demo_command)
