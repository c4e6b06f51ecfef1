"""The measured steps of ``bench.run_all``, each a plain function that runs in its own process
(``bench.children``) and returns plain values. They call the project's own benchmark modules
(bench_parse, bench_materialise, bench_pass, bench_board, bench_send), so a figure here is the
figure those scripts print, measured on the database given by URL.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
import time
from pathlib import Path

from cadence.tz import local_moment

DAY = dt.date(2025, 9, 22)  # a Monday, the heaviest: weekly windows open, last week's misses escalate
ORDINARY_DAY = dt.date(2025, 9, 18)  # a Thursday (bench_pass's two national days)
MORNING = dt.time(8, 0)
SECRET = "bench-run-all-secret-0123456789"


def parse(seconds: float) -> dict:
    from bench.bench_parse import PLANS, measure

    texts = {p.name: p.read_text("utf-8") for p in sorted(PLANS.glob("*.txt"))}
    rate, count, _ = measure(texts, seconds)
    return {"mb_s": rate, "plans": len(texts), "kb": sum(len(t.encode("utf-8")) for t in texts.values()) / 1e3}


def materialise(url: str, provinces: int) -> dict:
    from bench.bench_materialise import materialise as run

    items, seconds = run(url, provinces)
    return {"items": items, "seconds": seconds}


def rrule(provinces: int, communes: int) -> dict:
    from bench.bench_materialise import bare_rrule

    occurrences, seconds = bare_rrule(provinces, communes)
    return {"occurrences": occurrences, "seconds": seconds}


def _daemon(url: str):
    from cadence.config import parse_config
    from cadence.daemon.context import Daemon

    folder = Path(tempfile.mkdtemp(prefix="cadence-bench-"))
    config = parse_config({"database": {"url": url}}, path=folder / "config.toml",
                          environ={"CADENCE_WEB_SECRET": SECRET})
    return Daemon.build(config)


def settle(url: str, last: dt.date, done_plans: list[int] = ()) -> float:
    """Bring the daemon's clock to where a daemon passing each morning since 1 January leaves it
    after the pass of ``last``, nobody completing anything but the items of ``done_plans``, all
    done (bench_pass.settle); and forget what earlier measured passes wrote (notices,
    escalation steps, messages), so that each pass starts clean. Seconds it took: set-up, not a
    figure."""
    from bench.bench_pass import settle as run
    from cadence.store import open_store
    from cadence.store.outbox import DigestRunRow, EscalationRow, MessageRow, NoticeRow

    started = time.perf_counter()
    store = open_store(url, migrate=False)
    with store.transaction() as session:
        for model in (NoticeRow, EscalationRow, MessageRow, DigestRunRow):
            session.query(model).delete()
    run(store, _daemon(url), dt.date(last.year, 1, 1), last, done_plans=done_plans)
    if store.dialect == "postgresql":
        _vacuum(url)
    store.close()
    return time.perf_counter() - started


def _vacuum(url: str) -> None:
    """Settling rewrites the moments, possibly millions of items (the other provinces' done or
    open again) and deletes the last pass's notices and steps in seconds, where a year of
    mornings would change a few thousand rows a day with autovacuum keeping up: leave the
    tables as autovacuum would (dead row versions gone, planner statistics fresh), or the pass
    would be timed on dead rows that no office's database carries."""
    from bench.stores import connect

    with connect(url) as connection:
        connection.autocommit = True
        connection.execute("VACUUM (ANALYZE) due_items, due_moments, notices, escalations, outbox_messages")
        connection.execute("CHECKPOINT")  # the settling's writes on disk, not flushed during the pass


def daily_pass(url: str, day: dt.date) -> dict:
    """bench_pass.measure: the 08:00 pass of ``day``, composing its messages, an idle pass."""
    from bench.bench_pass import measure
    from cadence.store import open_store

    store = open_store(url, migrate=False)
    figures = measure(store, _daemon(url), day)
    store.close()
    return figures


def pass_moment(day: dt.date) -> dt.datetime:
    return local_moment(day, MORNING)


def seed_board(url: str) -> dict:
    """bench_board.seed: the province plan from its text, its units, an admin, past items mostly
    done, added to whatever the database holds (at national size, millions of other items)."""
    from bench.bench_board import seed

    started = time.perf_counter()
    store, items = seed(url)
    store.close()
    return {"items": items, "seconds": time.perf_counter() - started}


def board(url: str, runs: int) -> dict:
    """bench_board.measure: median of GET /board over loopback HTTP; the other pages in ``lines``."""
    from bench.bench_board import measure
    from cadence.store import open_store

    store = open_store(url, migrate=False)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), tempfile.TemporaryDirectory() as folder:
        median = measure(store, Path(folder), runs)
    store.close()
    return {"median_ms": median, "lines": printed.getvalue().splitlines()}


def send(count: int, per_connection: int) -> dict:
    """bench_send: ``count`` reminder emails built and sent by notifiers' SmtpChannel to a local
    aiosmtpd in another process."""
    from bench.bench_send import CountingServer, reminders
    from notifiers import Security, SmtpChannel, SmtpConfig

    messages = reminders(count)
    with CountingServer() as server:
        config = SmtpConfig(host="127.0.0.1", port=server.port, sender="Cadence <cadence@so.gov.vn>",
                            security=Security.PLAIN, messages_per_connection=per_connection)
        started = time.perf_counter()
        deliveries = SmtpChannel(config).send_many(messages)
        seconds = time.perf_counter() - started
    return {"sent": server.accepted, "failed": sum(1 for d in deliveries if not d.ok), "seconds": seconds}
