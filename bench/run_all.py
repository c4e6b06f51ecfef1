"""Every benchmark of the project in one command: reading plans, materialising the schedule, the
daemon's pass, sending email, the coordinators' board; on SQLite and on a real PostgreSQL, at a
province's size and the country's. Each figure comes with the peak memory of the process that
measured it and its speed relative to a bare baseline measured in the same run; the table is
written to bench/RESULTS.md (and printed).

    .venv/bin/python -m bench.run_all                          # everything: about 8 min here
    .venv/bin/python -m bench.run_all --sizes province         # a quick look: about 2 min
    .venv/bin/python -m bench.run_all --only materialise,pass --backends postgresql

Sizes: a province is 1 province × 100 communes; the country 34 provinces × 97 communes (3,298:
the 2025 map has 34 provinces and about 3,300 communes), each commune carrying every activity
and report of the Quảng Ngãi province plan (bench_materialise): about 768 items a commune a
year, 2.5 million in all. PostgreSQL is Debian's, started for the run in a temporary folder
(tests/support/postgres.py) with its durability settings back on (fsync, synchronous commit,
full-page writes: what an office's server runs), default memory settings.

Ratios are "how fast, relative to bare": the bare baseline's time over ours for the same work
(1.0: as fast as the bare part alone; 0.5: twice its time).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import platform
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from tempfile import TemporaryDirectory

from bench import bare, steps, stores
from bench.children import ChildFailed, Measured, in_child
from bench.stores import Backend, Databases, Size

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BENCHMARKS = ("startup", "parse", "materialise", "pass", "send", "board")
DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
NOT_YET = "not yet available"
# What each benchmark needs from the project's bench modules (they are written with the
# features; a missing one gives a clearly marked row, not a crash).
NEEDS = {"startup": ("bench.bench_startup", "measure"), "parse": ("bench.bench_parse", "measure"), "materialise": ("bench.bench_materialise", "materialise"),
         "pass": ("bench.bench_pass", "settle", "measure"), "send": ("bench.bench_send", "reminders", "_serve"),
         "board": ("bench.bench_board", "seed", "measure")}


@dataclass(frozen=True)
class Row:
    benchmark: str
    backend: str
    size: str
    figure: str
    peak: str = ""
    baseline: str = ""
    ratio: str = ""
    target: str = ""


class Run:
    """One run's options, its rows, and notes for the details section."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.began = time.monotonic()

    def wants(self, benchmark: str) -> bool:
        return benchmark in self.args.only

    def say(self, text: str) -> None:
        minutes = (time.monotonic() - self.began) / 60
        print(f"[{minutes:5.1f} min] {text}", file=sys.stderr, flush=True)


def available(benchmark: str) -> bool:
    module, *names = NEEDS[benchmark]
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError:
        return False
    return all(hasattr(loaded, name) for name in names)


def mb(measured: Measured) -> str:
    return f"{measured.peak_mb:,.0f} MB"


def verdict(ok: bool, text: str) -> str:
    return f"{text}: {'met' if ok else '**missed**'}"


# --- startup, parse, send: no database -------------------------------------------------------------

def startup_rows(run: Run) -> None:
    if not available("startup"):
        run.rows.append(Row("startup (cadence --help)", "—", "—", NOT_YET))
        return
    run.say("startup")
    from bench.bench_startup import TARGET, measure

    found = measure()
    run.rows.append(Row("startup (cadence --help)", "—", f"medians of {found['runs']} fresh processes",
                        f"{found['help'] * 1000:.0f} ms", "", f"python -c \"import click\": {found['click'] * 1000:.0f} ms",
                        f"{found['click'] / found['help']:.2f}",
                        verdict(found["ratio"] <= TARGET, f"≤ {TARGET:g} × import click ({found['ratio']:.2f} ×)")))


def parse_rows(run: Run) -> None:
    if not available("parse"):
        run.rows.append(Row("parse", "—", "the 5 real plans", NOT_YET))
        return
    run.say("parse")
    ours = in_child(steps.parse, run.args.parse_seconds)
    from bench.bench_parse import PLANS

    base = in_child(bare.fold_and_split, PLANS, run.args.parse_seconds)
    figures = ours.value
    run.rows.append(Row("parse (rules.read_plan)", "—", f"the {figures['plans']} real plans, {figures['kb']:.0f} kB",
                        f"{figures['mb_s']:.2f} MB/s", mb(ours), f"fold + split lines: {base.value:.1f} MB/s",
                        f"{figures['mb_s'] / base.value:.3f}", verdict(figures["mb_s"] >= 2, "≥ 2 MB/s")))


def send_rows(run: Run, size: Size) -> None:
    count = run.args.emails[size.name]
    if not available("send"):
        run.rows.append(Row("send", "—", f"{count:,} emails", NOT_YET))
        return
    run.say(f"send {count:,} emails")
    ours = in_child(steps.send, count, 100)
    base = in_child(bare.smtplib_send, count, 100)
    seconds, sent = ours.value["seconds"], ours.value["sent"]
    target = verdict(seconds < 60 * count / 10_000, f"10,000 in < 60 s ({60 * count / 10_000:.0f} s for {count:,})")
    run.rows.append(Row("send (notifiers SMTP, text + HTML)", "—", f"{size.name}: {count:,} reminder emails",
                        f"{sent:,} in {seconds:.1f} s: {sent / seconds:,.0f}/s", mb(ours),
                        f"smtplib.send_message of the built MIME: {base.value['sent'] / base.value['seconds']:,.0f}/s",
                        f"{base.value['seconds'] / seconds:.2f}", target))


# --- the store benchmarks: one database per backend and size ----------------------------------------

def store_rows(run: Run, databases: Databases, size: Size, rrule: Measured | None) -> None:
    backend = databases.backend
    url = databases.fresh(f"bench_{size.name}")
    run.say(f"{backend.label}, {size.label}: directory of {size.units:,} communes")
    in_child(stores.prepare, url, size.provinces, size.communes)
    materialise_rows(run, databases, size, url, rrule)
    if run.wants("pass"):
        pass_rows(run, backend, size, url)
    if run.wants("board"):
        board_rows(run, backend, size, url)


def materialise_rows(run: Run, databases: Databases, size: Size, url: str, rrule: Measured | None) -> None:
    backend = databases.backend
    run.say(f"{backend.label}, {size.name}: materialise")
    ours = in_child(steps.materialise, url, size.provinces)
    items, seconds = ours.value["items"], ours.value["seconds"]
    rate = items / seconds
    if not run.wants("materialise"):
        return
    twin = databases.fresh(f"bare_{size.name}")
    in_child(stores.twin, url, twin)
    rows, bare_seconds = in_child(stores.bare_insert, url, twin, size.provinces).value
    bare_rate = rows / bare_seconds
    how = "executemany" if backend is Backend.SQLITE else "binary COPY"
    label = f"{size.label}, {items:,} items"
    figure = f"{rate:,.0f} items/s ({seconds:.1f} s)"
    run.rows.append(Row("materialise (plan import)", backend.label, label, figure, mb(ours),
                        f"bare {how} of the same rows: {bare_rate:,.0f} rows/s", f"{rate / bare_rate:.2f}",
                        verdict(rate >= 100_000 and rate >= bare_rate / 2 and ours.peak_mb < 500,
                                "≥ 100,000/s, ≥ 0.5 of bare, < 500 MB")))
    if rrule is not None:
        rrule_rate = rrule.value["occurrences"] / rrule.value["seconds"]
        run.rows.append(Row("materialise (plan import)", backend.label, label, figure, mb(ours),
                            f"dateutil rrule expansion alone: {rrule_rate:,.0f} occurrences/s",
                            f"{rate / rrule_rate:.2f}", ""))


# The daemon's 08:00 pass, as bench_pass measures it (nobody completing anything: every item
# is missed and climbs the whole chain). In the province table, the province's Monday; in the
# national table, first the same work (the other provinces have done every item, so only the
# first province's items are open: the cost must follow what is due, not the table), then every province due on an ordinary Thursday and on the heaviest
# Monday. The province table's seconds per item, for the ratio, are kept in ``reference``.
reference: dict[Backend, float] = {}


def pass_rows(run: Run, backend: Backend, size: Size, url: str) -> None:
    if not available("pass"):
        run.rows.append(Row("pass (daemon, 08:00)", backend.label, size.label, NOT_YET))
        return
    if size.provinces == 1:
        f = one_pass(run, backend, size, url, steps.DAY, "the province's Monday",
                     steps.DAY - dt.timedelta(days=1))
        reference[backend] = f["seconds"] / max(f["items"], 1)
        return
    others = list(range(2, size.provinces + 1))
    f = one_pass(run, backend, size, url, steps.DAY, "Monday, only the first province's items open",
                 steps.DAY - dt.timedelta(days=1), others)
    if backend in reference:
        ratio = f["seconds"] / max(f["items"], 1) / reference[backend]
        run.rows[-1] = replace(run.rows[-1], target=verdict(f["seconds"] < 1 and ratio <= 2,
                                                            f"< 1 s; per item {ratio:.2f} × the province table's (≤ 2)"))
    for day, what in ((steps.ORDINARY_DAY, "ordinary Thursday, every province due"),
                      (steps.DAY, "Monday, every province due (the heaviest)")):
        one_pass(run, backend, size, url, day, what, day - dt.timedelta(days=1))


def one_pass(run: Run, backend: Backend, size: Size, url: str, day: dt.date, what: str, eve: dt.date,
             done_plans: list[int] = ()) -> dict:
    run.say(f"{backend.label}, {size.name}: pass of {day} ({what})")
    settled = in_child(steps.settle, url, eve, done_plans).value
    base = in_child(bare.due_select, url, steps.pass_moment(day)).value
    ours = in_child(steps.daily_pass, url, day)
    f = ours.value
    run.notes.append(f"pass, {backend.label}, {size.name}, {what}: {f['moments']:,} due moments decided, "
                     f"{f['items']:,} items told of something, {f['reminders']:,} "
                     f"reminded, {f['escalations']:,} escalated, {f['notices']:,} notices; composing "
                     f"{f['messages']:,} messages {f['compose']:.2f} s; idle pass {f['idle'] * 1000:.1f} ms "
                     f"(set-up {settled:.0f} s)")
    run.rows.append(Row(f"pass (daemon, 08:00), {what}", backend.label, size.label,
                        f"{f['seconds']:.3f} s: {f['items']:,} items told, {f['notices']:,} notices", mb(ours),
                        f"indexed reads of the due moments' {base['rows']:,} open items: {base['seconds']:.3f} s",
                        f"{base['seconds'] / f['seconds']:.2f}", verdict(f["seconds"] < 1, "< 1 s")))
    return f


def board_rows(run: Run, backend: Backend, size: Size, url: str) -> None:
    if not available("board"):
        run.rows.append(Row("board (GET /board)", backend.label, size.label, NOT_YET))
        return
    run.say(f"{backend.label}, {size.name}: board set-up")
    seeded = in_child(steps.seed_board, url).value
    from bench.bench_board import KEY

    base = in_child(bare.plan_select, url, KEY).value
    run.say(f"{backend.label}, {size.name}: board")
    ours = in_child(steps.board, url, run.args.board_runs)
    median = ours.value["median_ms"]
    run.notes.append(f"board, {backend.label}, {size.name} ({seeded['items']:,} items in the database; "
                     f"set-up {seeded['seconds']:.0f} s):\n" + "\n".join(f"    {line.strip()}" for line in ours.value["lines"]))
    run.rows.append(Row("board (GET /board, province plan)", backend.label, f"{size.label}, {seeded['items']:,} items",
                        f"median {median:.0f} ms over HTTP", mb(ours),
                        f"indexed SELECT of the plan's {base['rows']:,} items: {base['seconds'] * 1000:.0f} ms",
                        f"{base['seconds'] * 1000 / median:.2f}", verdict(median < 300, "< 300 ms")))


# --- the run ----------------------------------------------------------------------------------------

def run_everything(run: Run, scratch: Path, server) -> None:
    if run.wants("startup"):
        startup_rows(run)
    if run.wants("parse"):
        parse_rows(run)
    store_benchmarks = [b for b in ("materialise", "pass", "board") if run.wants(b)]
    for size in run.args.sizes:
        rrule = None
        if run.wants("materialise"):
            run.say(f"{size.name}: bare rrule expansion")
            rrule = in_child(steps.rrule, size.provinces, size.communes)
        for backend in run.args.backends if store_benchmarks else ():
            folder = scratch / f"{backend.value}-{size.name}"
            folder.mkdir()
            store_rows(run, Databases(backend, folder, server), size, rrule)
        if run.wants("send"):
            send_rows(run, size)


def table(rows: list[Row]) -> str:
    head = ("Benchmark", "Backend", "Size", "Figure", "Peak memory", "Bare baseline (same run)",
            "Speed vs bare", "Target")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join((r.benchmark, r.backend, r.size, r.figure, r.peak, r.baseline, r.ratio, r.target))
              + " |" for r in rows]
    return "\n".join(lines)


def report(run: Run, postgres_version: str) -> str:
    args = run.args
    minutes = (time.monotonic() - run.began) / 60
    sizes = ", ".join(s.label for s in args.sizes)
    return "\n".join([
        "# Benchmarks", "",
        f"`.venv/bin/python -m bench.run_all` ({' '.join(sys.argv[1:]) or 'all defaults'}), "
        f"{dt.date.today():%d/%m/%Y}, {minutes:.0f} minutes; {platform.machine()}, "
        f"{_cores()} cores, Python {platform.python_version()}, SQLite {_sqlite_version()}, {postgres_version}.",
        f"Sizes: {sizes}. Peak memory: the peak resident size (VmHWM) of the process that measured "
        "the figure (interpreter and imports included). Speed vs bare: the bare baseline's time over "
        "ours for the same work. The pass is bench_pass's worst case: nobody completes anything, so "
        "every item is missed and climbs the whole chain.", "",
        table(run.rows), "",
        "Details:", "",
        *(f"- {note}" for note in run.notes), "",
    ])


def _cores() -> int:
    import os

    return os.cpu_count() or 0


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="province,national", help="province, national, or both")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help=f"any of {', '.join(BENCHMARKS)}")
    parser.add_argument("--provinces", type=int, default=34, help="national size: provinces")
    parser.add_argument("--communes", type=int, default=97, help="national size: communes a province")
    parser.add_argument("--board-runs", type=int, default=10)
    parser.add_argument("--parse-seconds", type=float, default=3.0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    known = {"province": Size("province", 1, 100), "national": Size("national", args.provinces, args.communes)}
    args.sizes = [known[name.strip()] for name in args.sizes.split(",")]
    args.backends = [Backend(name.strip()) for name in args.backends.split(",")]
    args.only = {name.strip() for name in args.only.split(",")}
    args.emails = {"province": 1_000, "national": 10_000}
    unknown = args.only - set(BENCHMARKS)
    if unknown:
        parser.error(f"--only: unknown benchmark(s) {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> None:
    run = Run(options(argv))
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(TemporaryDirectory(prefix="cadence-bench-all-")))
        server, version = None, "no PostgreSQL"
        if Backend.POSTGRESQL in run.args.backends:
            from tests.support.postgres import running_postgres

            server = stack.enter_context(running_postgres(DURABLE))
            version = _postgres_version(server)
        run_everything(run, scratch, server)
    text = report(run, version)
    run.args.out.write_text(text, encoding="utf-8")
    print(text)
    run.say(f"written to {run.args.out}")


def _postgres_version(server) -> str:
    with stores.connect(server.url()) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {version.split()[0]} (fsync on)"


if __name__ == "__main__":
    try:
        main()
    except ChildFailed as failure:
        sys.exit(f"bench.run_all: {failure}")
