"""``cadence run``: the one module that owns APScheduler.

APScheduler 3.x (BackgroundScheduler, Asia/Ho_Chi_Minh) only wakes the process every
``[daemon] interval_seconds``; what to do is read from the database at each pass, so nothing is
kept in the scheduler's job store and a restart forgets nothing (several daemons may share one
database: each pass claims its rows). SIGTERM or SIGINT sets ``stopping``: the step in progress
finishes, no new step starts, and the process exits.

Services run in the same process, started after the scheduler and stopped after it: each is
a function called as ``start(config, store, clock)`` that returns a function stopping the
service, or None when its configuration leaves it off. They get the daemon's own clock, so
under ``--now`` they live at the same moment as the passes. ``cadence run`` passes the web
pages (``cadence.web.service.start``); the daemon names nothing above it.
"""
from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import time
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler

from cadence.config import Config
from cadence.daemon.context import Daemon
from cadence.daemon.deadman import report_alive
from cadence.daemon.outlets import open_outlets
from cadence.daemon.passes import run_pass
from cadence.store.session import Store
from cadence.tz import LOCAL, UTC

log = logging.getLogger("cadence.daemon")

Clock = Callable[[], dt.datetime]
Service = Callable[[Config, Store, Clock], Callable[[], None] | None]


def real_clock() -> dt.datetime:
    return dt.datetime.now(UTC)


def clock_from(start: dt.datetime, speed: float = 1.0, since: float | None = None,
               end: dt.datetime | None = None) -> Clock:
    """A clock that reads ``start`` now and runs on from there, ``speed`` times as fast as real
    time (replays, demos, tests: at 36,000 a simulated month passes in about 72 seconds).
    With ``since`` (a Unix time) it read ``start`` at that moment instead: several processes
    given the same pair share one simulated clock, however long each took to start. With
    ``end`` it stops there: a replay's last passes are all at its end, never past it."""
    if since is not None:
        clock = lambda: start + dt.timedelta(seconds=(time.time() - since) * speed)  # noqa: E731
    else:
        began = time.monotonic()
        clock = lambda: start + dt.timedelta(seconds=(time.monotonic() - began) * speed)  # noqa: E731
    return clock if end is None else lambda: min(clock(), end)


def serve(config: Config, store: Store, *, clock: Clock = real_clock, stopping: threading.Event | None = None,
          services: tuple[Service, ...] = ()) -> None:
    """Run passes until ``stopping`` is set (by SIGTERM/SIGINT when called from the CLI), with
    ``services`` beside them."""
    stopping = stopping or threading.Event()
    daemon = Daemon.build(config)
    with open_outlets(config) as outlets:
        scheduler = BackgroundScheduler(timezone=str(LOCAL))
        scheduler.add_job(_pass, "interval", args=(store, daemon, clock, outlets, stopping), id="pass",
                          seconds=config.daemon.interval_seconds, next_run_time=dt.datetime.now(LOCAL),
                          max_instances=1, coalesce=True, misfire_grace_time=None)
        log.info("cadence run: worker %s, a pass every %d s, channels %s", daemon.worker,
                 config.daemon.interval_seconds, ", ".join(outlets) or "none")
        scheduler.start()
        stops: list[Callable[[], None]] = []
        try:
            stops = start_services(services, config, store, clock)
            stopping.wait()
        finally:
            log.info("stopping: letting the current step finish")
            scheduler.shutdown(wait=True)
            for stop in reversed(stops):
                stop()
    log.info("stopped")


def _pass(store: Store, daemon: Daemon, clock: Clock, outlets: dict, stopping: threading.Event) -> None:
    if stopping.is_set():
        return
    try:
        run_pass(store, daemon, clock(), outlets, stopping)
    except Exception:  # logged here; the broken rows were pushed forward; the next pass goes on
        log.exception("pass failed")
        return
    report_alive(daemon.config.daemon.deadman_url)  # silence, when passes fail or stop, is the alarm


def on_signals(stopping: threading.Event) -> None:
    """SIGTERM (systemd stop) and SIGINT (Ctrl-C) end the daemon after the current step."""
    def handler(number, _frame) -> None:
        log.info("received %s", signal.Signals(number).name)
        stopping.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def start_services(services: tuple[Service, ...], config: Config, store: Store, clock: Clock) -> list[Callable[[], None]]:
    """Start each service on the daemon's clock; the stops of those that started."""
    stops = []
    for start in services:
        stop = start(config, store, clock)
        if stop is not None:
            log.info("started %s.%s", start.__module__, start.__qualname__)
            stops.append(stop)
    return stops
