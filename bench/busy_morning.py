"""A busy morning, measured: 200 people open the completion links of their reminders and post
their completions at once, for 60 s, while the daemon passes.

Run: .venv/bin/python -m bench.busy_morning [--clients 200] [--seconds 60] [--postgres]

Set-up (not measured): a migrated SQLite file (or, with --postgres, a throwaway real PostgreSQL
server started as the tests start one), the Quảng Ngãi province's communes and the sample
units, the province plan read by the real reader and imported for 2025 (about 12,000 items).
The moment is 15/09/2025 08:00. Open items whose window has begun are split into one link per
client (up to 40 items of one unit each, as a reminder lists them; fewer when that is what it
takes to give each client a link).

Measured: the server (real uvicorn, ``cadence.web.start_web_server``) runs in a child process,
with the daemon's passes (``run_pass`` every 2 s on a thread of that process, file outbox) on the
same database; the clients (httpx async, one connection each) run in this process, so they do not
share the server's interpreter. Each client loops: GET its link page, POST the next of its items
done (303 expected), until the time is up. Reported: requests per second, p50/p95/p99/max
latency, errors (any other status, or an exception), completion rows written by the pages
against completions the clients saw accepted (each must be recorded exactly once), and the
daemon's passes.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import re
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bench.stores import scratch_database
from cadence.config import WEB_SECRET_ENV, parse_config
from cadence.kinds import CompletionSource, ItemStatus
from cadence.links import completion_url
from cadence.sources import read_plan_file
from cadence.store import import_plan, open_store
from cadence.store.models import CompletionRow as Completion, DueItem
from cadence.store.units import save_directory
from cadence.units.seed import province_directory
from cadence.units.toml_file import read_units_file

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT.parent / "shared" / "plans" / "quang-ngai-province-2025.txt"
UNITS = ROOT / "cadence" / "samples" / "units-quang-ngai-province.toml"
NOW = dt.datetime(2025, 9, 15, 1, 0, tzinfo=dt.timezone.utc)  # Monday 08:00 in Việt Nam
KEY = "quang-ngai-2025"
SECRET = "bench-secret-that-signs-links-0123456789"
PER_LINK = 40
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def config_for(folder: Path, url: str):
    return parse_config({"database": {"url": url}, "web": {"base_url": "http://127.0.0.1:1"},
                         "notifiers": {"email": {"transport": "outbox"}, "sms": {"transport": "off"}}},
                        path=folder / "config.toml", environ={WEB_SECRET_ENV: SECRET})


def seed(url: str, folder: Path, clients: int) -> list[str]:
    """The store with the plan imported; one link path per client."""
    store = open_store(url, create=True)
    config = config_for(folder, url)
    with store.transaction() as session:
        save_directory(session, province_directory("Quảng Ngãi"))
        save_directory(session, read_units_file(UNITS))
        import_plan(session, read_plan_file(PLAN, year=2025), key=KEY, config=config, now=NOW - dt.timedelta(days=300))
        rows = session.execute(select(DueItem.id, DueItem.unit_id).where(
            DueItem.status == ItemStatus.OPEN, DueItem.window_start <= NOW.date())
            .order_by(DueItem.unit_id, DueItem.id)).all()
    store.close()
    by_unit: dict[int, list[int]] = defaultdict(list)
    for item_id, unit_id in rows:
        by_unit[unit_id].append(item_id)
    size = PER_LINK
    while True:  # links as long as a reminder's, shorter if that is what it takes to give every client one
        chunks = [(unit, ids[i:i + size]) for unit, ids in by_unit.items() for i in range(0, len(ids), size)]
        if len(chunks) >= clients or size == 1:
            break
        size -= 1
    chunks.sort(key=lambda chunk: -len(chunk[1]))
    return [completion_url(config, ids, unit, NOW).removeprefix("http://127.0.0.1:1") for unit, ids in chunks[:clients]]


def serve(url: str, folder: str, ready, stop) -> None:
    """The child process: the pages on a free port, and the daemon passing every 2 s."""
    from cadence.daemon.context import Daemon
    from cadence.daemon.outlets import open_outlets
    from cadence.daemon.passes import run_pass
    from cadence.web import start_web_server

    config = config_for(Path(folder), url)
    store = open_store(url)
    server = start_web_server(config, store, clock=lambda: NOW, port=0)
    passes = []

    def daemon() -> None:
        began = time.monotonic()
        with open_outlets(config, environ={}) as outlets:
            while not stop.is_set():
                run_pass(store, Daemon.build(config), NOW + dt.timedelta(seconds=time.monotonic() - began), outlets)
                passes.append(1)
                stop.wait(2)

    thread = threading.Thread(target=daemon, daemon=True)
    thread.start()
    ready.put(server.port)
    stop.wait()
    thread.join(120)
    server.stop()
    store.close()
    ready.put(len(passes))


async def client(base: str, path: str, until: float, latencies: list[float], errors: list[str], accepted: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=False) as http:
        items = [int(i) for i in re.findall(r'name="item" value="(\d+)"', (await http.get(path)).text)]
        for item in items:
            if time.monotonic() >= until:
                return
            page = await _timed(http.get(path), latencies, errors, 200)
            if page is None:
                continue
            token = CSRF.search(page.text).group(1)
            done = await _timed(http.post(path, data={"csrf": token, "item": str(item), "evidence": "",
                                                      "aired_on": "", "note": "", "reporter": "bench"}),
                                latencies, errors, 303)
            if done is not None:
                accepted.append(item)
        while time.monotonic() < until:  # every item of the link done: keep reading the page
            await _timed(http.get(path), latencies, errors, 200)


async def _timed(request, latencies: list[float], errors: list[str], expected: int):
    started = time.perf_counter()
    try:
        answer = await request
    except httpx.HTTPError as error:
        errors.append(type(error).__name__)
        return None
    latencies.append(time.perf_counter() - started)
    if answer.status_code != expected:
        errors.append(str(answer.status_code))
        return None
    return answer


async def load(base: str, paths: list[str], seconds: float):
    latencies, errors, accepted = [], [], []
    until = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(*(client(base, path, until, latencies, errors, accepted) for path in paths))
    return latencies, errors, accepted, time.monotonic() - started


def recorded(url: str) -> tuple[int, int]:
    """Completion rows written by the pages, and the items they cover (each once if all is well)."""
    store = open_store(url)
    with store.transaction() as session:
        rows = session.scalar(select(func.count()).select_from(Completion).where(Completion.source == CompletionSource.WEB))
        items = session.scalar(select(func.count(func.distinct(Completion.item_id))).where(
            Completion.source == CompletionSource.WEB))
    store.close()
    return rows, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--postgres", action="store_true", help="Use a throwaway real PostgreSQL server.")
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        url = scratch_database(stack, Path(folder) / "busy.db", args.postgres)
        paths = seed(url, Path(folder), args.clients)
        context = multiprocessing.get_context("spawn")
        ready, stop = context.Queue(), context.Event()
        child = context.Process(target=serve, args=(url, folder, ready, stop))
        child.start()
        port = ready.get(timeout=120)
        latencies, errors, accepted, took = asyncio.run(load(f"http://127.0.0.1:{port}", paths, args.seconds))
        stop.set()
        passes = ready.get(timeout=300)
        child.join(60)
        rows, items = recorded(url)
    _report("PostgreSQL" if args.postgres else "SQLite", len(paths), latencies, errors, accepted, took, rows, items, passes)


def _report(backend, clients, latencies, errors, accepted, took, rows, items, passes) -> None:
    ms = sorted(1000 * t for t in latencies)
    cut = statistics.quantiles(ms, n=100) if len(ms) > 1 else [0] * 99
    exact = rows == items == len(accepted) == len(set(accepted))
    print(f"busy morning on {backend}: {clients} clients for {took:.0f} s, {passes} daemon passes meanwhile")
    print(f"  {len(ms):,} requests answered, {len(ms) / took:.1f} per second; "
          f"latency p50 {cut[49]:.0f} ms, p95 {cut[94]:.0f} ms, p99 {cut[98]:.0f} ms, max {ms[-1]:.0f} ms")
    print(f"  errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    print(f"  completions accepted {len(accepted):,}; rows written {rows:,} for {items:,} items: "
          + ("each recorded exactly once" if exact else "MISMATCH"))


if __name__ == "__main__":
    main()
