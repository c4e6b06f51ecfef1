"""10,000 reminder emails through the daemon's whole path to a local SMTP server: the target is
under 60 seconds.

    .venv/bin/python -m bench.bench_outbox [--count 10000]

A store (SQLite file) holds ``--count`` communes, each with one email contact and one monthly
item due Tuesday 30 September 2025; the pass of Thursday 25 September (three working days
before) reminds every one. Timed apart, as `cadence run` does them:

1. the item pass (items decided, claimed, notices written);
2. composing: one message per person, rendered from the templates (Vietnamese, text and HTML,
   with a signed completion link), written to the outbox table;
3. sending: rows claimed from the outbox, sent through SMTP (one connection per 100), each
   outcome recorded in the database as soon as the server answers.

The server is a real aiosmtpd in another process on 127.0.0.1 (bench_send's), counting what it
accepts.
"""
from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from bench.bench_pass import timed
from bench.bench_send import CountingServer
from cadence.config import parse_config
from cadence.daemon.outlets import open_outlets
from cadence.daemon.compose import handle_one_composition
from cadence.daemon.context import Daemon, Pass
from cadence.daemon.items import handle_one_item_batch
from cadence.daemon.send import handle_one_send_batch
from cadence.store import import_plan, open_store
from cadence.store.units import save_directory
from cadence.tz import local_moment
from cadence.units.model import Contact, Directory, Group, Level, Unit
from rules.model import Activity, Per, Plan, Rule, Scope, Window

GROUP = "UBND cấp xã"
PASS_AT = local_moment(dt.date(2025, 9, 25), dt.time(8, 0))


def office(count: int) -> Directory:
    units = tuple(Unit(id=f"xa-{n:05d}", name=f"UBND xã số {n}", level=Level.COMMUNE, groups=(GROUP,),
                       contacts=(Contact.of(f"Văn thư xã số {n}", email=f"vanthu{n:05d}@xa.example.invalid"),))
                  for n in range(count))
    return Directory(units=units, groups=(Group(name=GROUP),))


def plan() -> Plan:
    window = Window(start=dt.date(2025, 9, 1), end=dt.date(2025, 9, 30), text="Tháng 9/2025")
    radio = Activity(ref="1", title="Chuyên mục Chuyển đổi số trên Đài Truyền thanh xã", scope=Scope.CDS,
                     lead=(GROUP,), window=window, rules=(Rule(count=1, per=Per.MONTH, series="Chuyên mục CĐS"),))
    return Plan(file="bench.txt", title="Kế hoạch truyền thông (bench)", issuer="UBND tỉnh", year=2025,
                activities=(radio,))


def setup(folder: Path, port: int, count: int):
    text = {"database": {"url": f"sqlite:///{folder / 'cadence.db'}"},
            "digest": {"enabled": False},
            "notifiers": {"email": {"transport": "smtp", "host": "127.0.0.1", "port": port, "security": "plain",
                                    "sender": "Cadence <cadence@so.example.invalid>"},
                          "sms": {"transport": "off"}}}
    config = parse_config(text, path=folder / "config.toml", environ={"CADENCE_WEB_SECRET": "bench-outbox-secret-0123"})
    store = open_store(config.database.url, create=True)
    with store.transaction() as session:
        save_directory(session, office(count))
        import_plan(session, plan(), key="bench", config=config, now=local_moment(dt.date(2025, 9, 1), dt.time(0, 0)))
    return config, store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    with CountingServer() as server:
        with tempfile.TemporaryDirectory(prefix="cadence-bench-outbox-") as folder:
            measure(Path(folder), server.port, args.count)
    print(f"server accepted: {server.accepted:,}")


def measure(folder: Path, port: int, count: int) -> None:
    config, store = setup(folder, port, count)
    run = Pass(daemon=Daemon.build(config), now=PASS_AT)
    items = timed(store, run, handle_one_item_batch)
    compose = timed(store, run, handle_one_composition)
    started = time.perf_counter()
    with open_outlets(config, environ={}) as outlets:
        while handle_one_send_batch(store, run, outlets):
            pass
    send = time.perf_counter() - started
    store.close()
    total = items + compose + send
    counts = run.counts
    print(f"{counts.reminders:,} items reminded, {counts.notices:,} notices, {sum(counts.messages.values()):,} messages, "
          f"{counts.sent:,} sent, {counts.failed} failed")
    print(f"item pass {items:.2f} s; composing {compose:.2f} s ({sum(counts.messages.values()) / compose:,.0f}/s); "
          f"sending {send:.2f} s ({counts.sent / send:,.0f}/s, each outcome recorded)")
    print(f"total {total:.1f} s for {counts.sent:,} emails (target: 10,000 in under 60 s)")


if __name__ == "__main__":
    main()
