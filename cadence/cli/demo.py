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

from cadence.cli.common import DATE

WORDS = {
    "vi": {
        "start": "Chạy thử Cadence trong thư mục {folder}: kế hoạch mẫu năm 2026, {start} → {end}, mỗi sáng một lượt.",
        "items": "Kế hoạch mẫu: {items} mục phải làm; đơn vị đã báo hoàn thành {on_time} mục đúng hạn, {late} mục muộn.",
        "reminders": "Nhắc việc: {n} lượt nhắc (mỗi người một thư/tin mỗi ngày).",
        "escalations": "Đôn đốc khi quá hạn: {levels}.",
        "level": "cấp {level} ({rung}): {n} mục",
        "digests": "Bản tin tuần: {n} tuần.",
        "sent": "Đã gửi: {email_daily} thư nhắc việc, {sms} tin nhắn SMS, {email_digest} thư bản tin tuần; {failed} không gửi được.",
        "where": "Xem kết quả:",
        "outbox": "  {folder}  ({eml} thư .eml mở bằng trình đọc thư, {json} tin SMS .json)",
        "digest": "  {file}  (bản tin tuần cuối, mở bằng trình duyệt)",
        "try": "Thử tiếp:",
        "rungs": {"contacts": "đầu mối đơn vị", "head": "lãnh đạo đơn vị", "monitor": "cơ quan đôn đốc",
                  "issuer": "cơ quan ban hành"},
    },
    "en": {
        "start": "Cadence demo in {folder}: the 2026 sample plan, {start} → {end}, a pass every morning.",
        "items": "Sample plan: {items} due items; units reported {on_time} done on time and {late} late.",
        "reminders": "Reminders: {n} (one message per person per day).",
        "escalations": "Escalations of misses: {levels}.",
        "level": "level {level} ({rung}): {n} items",
        "digests": "Weekly digests: {n} weeks.",
        "sent": "Sent: {email_daily} reminder emails, {sms} SMS, {email_digest} digest emails; {failed} could not be sent.",
        "where": "Where to look:",
        "outbox": "  {folder}  ({eml} .eml emails for any mail reader, {json} SMS as .json)",
        "digest": "  {file}  (the last weekly digest, for a browser)",
        "try": "Try next:",
        "rungs": {"contacts": "unit contacts", "head": "unit head", "monitor": "monitor", "issuer": "issuer"},
    },
}


@click.command("demo")
@click.option("--folder", type=click.Path(file_okay=False), default="demo", show_default=True,
              help="Where the demo writes its database, configuration and outbox (made afresh).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--from", "start", type=DATE, default="2026-01-01", show_default=True)
@click.option("--to", "end", type=DATE, default="2026-03-31", show_default=True)
def demo_command(folder: str, lang: str, start: dt.date, end: dt.date) -> None:
    """Chạy thử toàn bộ: kế hoạch mẫu, nhắc việc, đôn đốc, bản tin tuần (ghi ra thư mục)."""
    from cadence.demo import run_demo

    words = WORDS[lang]
    click.echo(words["start"].format(folder=folder, start=start, end=end))
    report = run_demo(Path(folder), language=lang, start=start, end=end, echo=click.echo)
    click.echo("\n" + summary(report, words))


def summary(report, words: dict) -> str:
    """The closing summary of a ``cadence.demo.DemoReport``."""
    from cadence.config import load_config
    from cadence.store.outbox import MessageKind

    chain = load_config(report.folder / "config.toml").escalation.chain
    levels = "; ".join(words["level"].format(level=level, rung=words["rungs"][chain[level - 1].value], n=n)
                       for level, n in sorted(report.escalations.items())) or "0"
    sms = sum(n for (kind, channel), n in report.messages.items() if channel == "sms")
    config = report.folder / "config.toml"
    program = _program()
    lines = [
        words["items"].format(items=report.items, on_time=report.completions["on time"], late=report.completions["late"]),
        words["reminders"].format(n=report.reminders),
        words["escalations"].format(levels=levels),
        words["digests"].format(n=report.digests),
        words["sent"].format(email_daily=_sent(report, MessageKind.DAILY, "email"), sms=sms,
                             email_digest=_sent(report, MessageKind.DIGEST, "email"), failed=report.failed),
        "", words["where"],
        words["outbox"].format(folder=report.folder / "outbox", eml=report.files[".eml"], json=report.files[".json"]),
        words["digest"].format(file=report.digest_file),
        "", words["try"],
        f"  {program} --config {config} due --overdue --now {report.end}",
        f"  {program} --config {config} tick --now {report.end + dt.timedelta(days=1)}T08:00 --dry-run",
        f"  {program} --config {config} digest --week {report.digest_file.stem.removeprefix('digest-')} --out digest.html",
    ]
    return "\n".join(lines)


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
