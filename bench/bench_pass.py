"""The daemon's pass over a national-scale schedule: does its cost follow what is due, or the
size of the schedule?

    .venv/bin/python -m bench.bench_pass [--provinces 34] [--communes 100] [--small-communes 34]
                                         [--day 2025-09-22] [--ordinary-day 2025-09-17] [--keep DIR]
                                         [--collector-on]

Two SQLite files are built with the real import (``cadence.store.import_plan``; the plan shaped
like the Quảng Ngãi province plan, every activity carried out by every commune, as in
bench_materialise), every commune with an email contact:

- small: one province of ``--small-communes`` communes (about 26,000 items for 2025);
- national: that province and ``--provinces`` − 1 others of ``--communes`` communes each
  (about 2.6 million items).

The daemon's clock (one ``DueMoment`` per due moment and window start) is first brought to the
state a daemon passing every morning at 08:00 leaves it in (nobody completing anything, the
worst case: every item is missed and climbs the whole chain); ``settle`` walks each moment
through ``timeline.decide`` day by day. Then the 08:00 pass of a day is timed: the moments
whose next action came (windows opening, reminders, misses, escalations) are decided and
claimed, and the notices and escalation steps of their open items written. Composing the
day's messages (one per person and channel) is timed apart, and so is a pass a minute later,
when nothing is due.

1. Same work, 100× the rows: the small file, and the national file where the other provinces
   have done every item of the year (so only the first province's items are open), so both
   passes have the same due set. The ratio of their times is the figure (target ≤ 2).
2. The national morning with every province due: ``--day`` (a Monday, the heaviest day: weekly
   windows open, last week's misses escalate) and ``--ordinary-day`` (a Thursday). Target for
   a pass over the national schedule: under 1 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from sqlalchemy import event, func, select, update

from bench.bench_materialise import province_offices, province_plan
from bench.stores import reachable
from cadence.config import Config, parse_config
from cadence.daemon.compose import handle_one_composition
from cadence.daemon.context import Daemon, Pass
from cadence.daemon.items import handle_one_item_batch
from cadence.daemon.passes import collector_paused_for
from cadence.daemon.timeline import decide
from cadence.kinds import ItemStatus
from cadence.store import import_plan, open_store
from cadence.store.models import DueItem, DueMoment
from cadence.store.moments import window_opens
from cadence.store.session import Store
from cadence.store.units import save_directory
from cadence.tz import local_moment
from cadence.units.model import Directory, Group, Level, Unit

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
MORNING = dt.time(8, 0)
YEAR = 2025
CACHE_MIB = 0  # --cache-mib: SQLite page cache per connection (0: SQLite's default, 2 MiB)
COLLECTOR_ON = False  # --collector-on: the item step timed without the daemon's collector pause


def directory(communes: list[int]) -> Directory:
    """Province p (from 1) has communes[p - 1] communes, all in the group its plan names, and the
    offices its plan names (monitors, issuer); each unit has an email contact and a head."""
    units = [Unit(id=f"p{p:02d}-x{c:03d}", name=f"UBND xã {c:03d} tỉnh {p:02d}", level=Level.COMMUNE,
                  groups=(f"UBND cấp xã tỉnh {p:02d}",))
             for p, count in enumerate(communes, start=1) for c in range(1, count + 1)]
    units += [office for p in range(1, len(communes) + 1) for office in province_offices(p)]
    groups = tuple(Group(name=f"UBND cấp xã tỉnh {p:02d}") for p in range(1, len(communes) + 1))
    return Directory(units=tuple(reachable(u) for u in units), groups=groups)


def build(folder: Path, communes: list[int]) -> tuple[Config, Store, float]:
    """A migrated SQLite file with each province's plan imported; (config, store, seconds)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = parse_config({"database": {"url": f"sqlite:///{folder / 'cadence.db'}"}}, path=folder / "config.toml",
                          environ={"CADENCE_WEB_SECRET": "bench-pass-secret-0123456789"})
    store = open_store(config.database.url, create=True)
    if CACHE_MIB:
        event.listen(store.engine, "connect", lambda connection, _: connection.execute(f"PRAGMA cache_size = -{CACHE_MIB * 1024}"))
        store.engine.dispose()
    started = time.perf_counter()
    with store.transaction() as session:
        save_directory(session, directory(communes))
    for province in range(1, len(communes) + 1):
        with store.transaction() as session:
            import_plan(session, province_plan(province), key=f"p{province:02d}", config=config, now=NOW)
    return config, store, time.perf_counter() - started


def settle(store: Store, daemon: Daemon, first: dt.date, last: dt.date, done_plans: list[int] = ()) -> None:
    """The daemon's clock as a daemon passing every morning at 08:00 from ``first`` to ``last``
    leaves it (nobody completing anything): each due moment walks through ``decide`` day by day
    and gets the outcome. Every item of ``done_plans`` is done (on time); every other item open."""
    with store.transaction() as session:
        moments = session.execute(select(DueMoment.id, DueMoment.due_at, DueMoment.window_start)).all()
        for moment_id, due_at, window_start in moments:
            status, level, next_action_at = _walk(daemon, due_at, window_start, first, last)
            session.execute(update(DueMoment).where(DueMoment.id == moment_id)
                            .values(status=status, escalation_level=level, next_action_at=next_action_at))
        done = DueItem.plan_id.in_(list(done_plans))
        session.execute(update(DueItem).where(done, DueItem.status != ItemStatus.DONE)
                        .values(status=ItemStatus.DONE, done_count=DueItem.target, completed_at=DueItem.due_at)
                        .execution_options(synchronize_session=False))
        session.execute(update(DueItem).where(~done, DueItem.status != ItemStatus.OPEN)
                        .values(status=ItemStatus.OPEN, done_count=0, completed_at=None)
                        .execution_options(synchronize_session=False))
    if store.dialect == "sqlite":  # millions of rows settled in seconds: into the file, as hours of passes would be
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _walk(daemon: Daemon, due_at, window_start, first: dt.date, last: dt.date) -> tuple:
    policy = daemon.policy
    timeline = policy.timeline(due_at, window_start)
    status, level, next_action_at = ItemStatus.OPEN, 0, window_opens(window_start)
    day = first
    while day <= last and next_action_at is not None:
        moment = local_moment(day, MORNING)
        if next_action_at <= moment:
            decision = decide(policy, timeline, status, level, moment)
            status, level, next_action_at = decision.status, decision.level, decision.next_action_at
        day += dt.timedelta(days=1)
    return status, level, next_action_at


def timed(store: Store, run: Pass, step) -> float:
    """The step repeated until it finds nothing, as ``run_pass`` runs it (unless --collector-on)."""
    started = time.perf_counter()
    with nullcontext() if COLLECTOR_ON else collector_paused_for(step):
        while True:
            with store.transaction() as session:
                if not step(session, run):
                    break
    return time.perf_counter() - started


def measure(store: Store, daemon: Daemon, day: dt.date) -> dict:
    """The day's pass, composing its messages, then an idle pass."""
    run = Pass(daemon=daemon, now=local_moment(day, MORNING))
    seconds = timed(store, run, handle_one_item_batch)
    compose = timed(store, run, handle_one_composition)
    idle = Pass(daemon=daemon, now=local_moment(day, MORNING) + dt.timedelta(minutes=1))
    idle_seconds = timed(store, idle, handle_one_item_batch)
    return {"moments": run.counts.moments, "items": run.counts.items, "seconds": seconds, "notices": run.counts.notices,
            "escalations": sum(run.counts.escalations.values()), "reminders": run.counts.reminders,
            "messages": sum(run.counts.messages.values()), "compose": compose, "idle": idle_seconds}


def size(store: Store) -> int:
    with store.transaction() as session:
        return session.scalar(select(func.count()).select_from(DueItem))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--small-communes", type=int, default=34)
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2025, 9, 22))  # a Monday
    parser.add_argument("--ordinary-day", type=dt.date.fromisoformat, default=dt.date(2025, 9, 18))  # a Thursday
    parser.add_argument("--cache-mib", type=int, default=0, help="SQLite page cache (default: SQLite's 2 MiB)")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--collector-on", action="store_true",
                        help="keep Python's cycle collector on in the item step (what the pause saves)")
    args = parser.parse_args()
    global CACHE_MIB, COLLECTOR_ON
    CACHE_MIB, COLLECTOR_ON = args.cache_mib, args.collector_on
    with tempfile.TemporaryDirectory(prefix="cadence-bench-pass-") as scratch:
        run(args, args.keep or Path(scratch))


def run(args, folder: Path) -> None:
    day, start = args.day, dt.date(YEAR, 1, 1)
    eve = day - dt.timedelta(days=1)
    small_config, small, small_build = build(folder / "small", [args.small_communes])
    big_config, big, big_build = build(folder / "national", [args.small_communes] + [args.communes] * (args.provinces - 1))
    daemon = Daemon.build(big_config)
    print(f"built: small {size(small):,} items in {small_build:.1f} s; national {size(big):,} items in {big_build:.1f} s")

    settle(small, daemon, start, eve)
    small_figures = measure(small, Daemon.build(small_config), day)
    settle(big, daemon, start, eve, done_plans=list(range(2, args.provinces + 1)))
    same_figures = measure(big, daemon, day)
    report(f"1. small table, {day} 08:00", size(small), small_figures)
    report(f"1. national table, the other provinces' items all done, {day} 08:00", size(big), same_figures)
    print(f"   ratio of the two passes (same work, {size(big) / size(small):.0f}× the rows): "
          f"{same_figures['seconds'] / small_figures['seconds']:.2f} (target ≤ 2)")
    small.close()

    for when in (day, args.ordinary_day):
        settle(big, daemon, start, when - dt.timedelta(days=1))
        report(f"2. national table, every province due, {when} ({when:%A}) 08:00", size(big), measure(big, daemon, when),
               target=1.0)
    big.close()


def report(title: str, rows: int, f: dict, target: float | None = None) -> None:
    rate = f["items"] / f["seconds"] if f["seconds"] else 0
    goal = f" (target < {target:.0f} s)" if target else ""
    print(f"{title}: {rows:,} rows; the 08:00 pass decided {f['moments']:,} due moments and told of "
          f"{f['items']:,} items in {f['seconds']:.3f} s{goal}, "
          f"{rate:,.0f} items/s: {f['reminders']:,} reminded, {f['escalations']:,} escalated, "
          f"{f['notices']:,} notices; composing {f['messages']:,} messages took {f['compose']:.2f} s; "
          f"idle pass {f['idle'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
