"""The demo: the whole loop on the embedded default, in a folder of its own, offline.

A configuration from config.example.toml (SQLite file, messages to the file outbox), the
sample plan (ke-hoach-mau-2026.txt) and its sample units directory, then a stretch of 2026
lived day by day: a pass every morning at 08:00, as `cadence run` would make, and the units
doing their work, or not:

    on time          Sở KH&CN, Phường Cẩm Thành: done on the due day
    late             Báo Quảng Ngãi (2 working days; it holds the former Đài PT-TH tỉnh),
                     Xã Trà Bồng (1 working day)
    never            Văn phòng UBND tỉnh, Đặc khu Lý Sơn, Sở Nội vụ

Reminders, escalations and the weekly digests land as files in <folder>/outbox, and the last
week's digest is also written as <folder>/digest-<week>.html for a browser.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from cadence.config import Config, example_text, load_config
from cadence.daemon.calendar import working_day_after
from cadence.daemon.context import Daemon
from cadence.daemon.digest import Week, preview, render_digest
from cadence.daemon.outlets import open_outlets, outbox_folder
from cadence.daemon.passes import run_pass
from cadence.errors import CadenceError
from cadence.sources import read_plan_file
from cadence.store import Completion, CompletionSource, import_plan, open_store, record_completion
from cadence.store.session import Store
from cadence.store.summary import due_by_unit, summary
from cadence.store.units import save_directory
from cadence.tz import local_moment, to_local
from cadence.units.toml_file import read_units_file

MARKER = ".cadence-demo"
PLAN = "samples/ke-hoach-mau-2026.txt"
UNITS = "samples/units-ke-hoach-mau-2026.toml"
MORNING, DONE_AT = dt.time(8, 0), dt.time(10, 0)
ON_TIME = {"so-khcn", "phuong-cam-thanh"}
LATE_BY = {"bao-quang-ngai": 2, "xa-tra-bong": 1}  # working days after the due date


@dataclass
class DemoReport:
    folder: Path
    start: dt.date
    end: dt.date
    items: int = 0
    completions: Counter = field(default_factory=Counter)  # "on_time" / "late" → count
    reminders: int = 0
    escalations: Counter = field(default_factory=Counter)  # level → items
    digests: int = 0
    messages: Counter = field(default_factory=Counter)  # (kind, channel) → sent
    failed: int = 0
    files: Counter = field(default_factory=Counter)  # suffix → files in the outbox
    digest_file: Path | None = None


def run_demo(folder: Path, *, language: str, start: dt.date, end: dt.date,
             progress: Callable[[dt.date], None] = lambda day: None) -> DemoReport:
    config = prepare(folder, language)
    store = open_store(config.database.url, create=True)
    try:
        load_sample(store, config, start)
        report = DemoReport(folder=folder, start=start, end=end)
        live(store, config, report, progress)
        report.digest_file = write_digest(store, config, end)
        tally(store, config, report)
        return report
    finally:
        store.close()


def prepare(folder: Path, language: str) -> Config:
    """An empty demo folder with config.toml; a folder that is not a demo's is left alone."""
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise CadenceError("errors.demo.not-a-demo-folder", folder=str(folder))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("cadence-demo\n", encoding="utf-8")
    text = re.sub(r'^language = "vi"', f'language = "{language}"', example_text(), count=1, flags=re.MULTILINE)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return load_config(folder / "config.toml")


def load_sample(store: Store, config: Config, start: dt.date) -> None:
    with resources.as_file(resources.files("cadence").joinpath(PLAN)) as plan_path, \
            resources.as_file(resources.files("cadence").joinpath(UNITS)) as units_path:
        plan, units = read_plan_file(plan_path), read_units_file(units_path)
    with store.transaction() as session:
        save_directory(session, units)
        import_plan(session, plan, key="ke-hoach-mau-2026", config=config, now=local_moment(start, dt.time(0, 0)),
                    start=start)


def completion(unit: str, due_at: dt.datetime) -> dt.datetime | None:
    """When the demo's unit reports the item done; None: never."""
    due_day = to_local(due_at).date()
    if unit in ON_TIME:
        return local_moment(due_day, DONE_AT)
    if unit in LATE_BY:
        return local_moment(working_day_after(due_day, LATE_BY[unit]), DONE_AT)
    return None


def live(store: Store, config: Config, report: DemoReport, progress) -> None:
    daemon, done_on = Daemon.build(config), _completions(store)
    with open_outlets(config) as outlets:
        day = report.start
        while day <= report.end:
            run_pass(store, daemon, local_moment(day, MORNING), outlets)
            _complete(store, done_on.get(day, ()), report)
            if day.day == 1 or day == report.end:
                progress(day)
            day += dt.timedelta(days=1)


def _completions(store: Store) -> dict[dt.date, list[tuple[int, dt.datetime, dt.datetime]]]:
    """Local day → the completions the units make that day: (item, when, its due moment)."""
    done_on: dict[dt.date, list] = {}
    with store.transaction() as session:
        for item_id, due_at, unit in due_by_unit(session):
            done = completion(unit, due_at)
            if done is not None:
                done_on.setdefault(to_local(done).date(), []).append((item_id, done, due_at))
    return done_on


def _complete(store: Store, due: list, report: DemoReport) -> None:
    with store.transaction() as session:
        for item_id, done, due_at in due:
            record_completion(session, Completion(item_id=item_id, done_at=done, source=CompletionSource.CLI,
                                                  actor="demo"), now=done)
            report.completions["on_time" if done <= due_at else "late"] += 1


def write_digest(store: Store, config: Config, end: dt.date) -> Path:
    week = Week.of(end)
    daemon = Daemon.build(config)
    with store.transaction() as session:
        context = preview(session, config, week, local_moment(end, dt.time(12, 0)))
    _, _, html = render_digest(daemon.renderer, context, config.language)
    path = config.path.parent / f"digest-{week.label}.html"
    path.write_text(html, encoding="utf-8")
    return path


def tally(store: Store, config: Config, report: DemoReport) -> None:
    with store.transaction() as session:
        found = summary(session)
    report.items, report.reminders, report.escalations = found.items, found.reminders, found.escalations
    report.messages, report.failed, report.digests = found.sent, found.failed, found.digest_weeks
    report.files = Counter(p.suffix for p in outbox_folder(config).glob("*") if p.is_file())
