"""After each pass that went through, the daemon calls [daemon] deadman_url, so a service outside
notices when the calls stop (the Healthchecks pattern). A URL that fails never stops the
passes; a pass that failed makes no call.

Real parts: ``cadence run``'s loop (APScheduler, a pass every second) in a thread, an HTTP
server on 127.0.0.1 as the monitoring service, a closed port as one that is down, a PostgreSQL
URL where nothing listens as a database that is gone. Waits end on what happened (a call
arrived, a pass was recorded, a failure was logged), with a generous bound."""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from cadence.config import parse_config
from cadence.daemon.loop import serve
from cadence.schedule.states import StatePolicy
from cadence.store import Store, open_store
from cadence.store.watch import readings
from tests.support.http import Reply, running_http_server
from tests.support.smtp import closed_port

PATIENCE = 60.0  # real seconds; a failure when passed, not a measure of speed


def _config(folder, url: str):
    return parse_config({"daemon": {"interval_seconds": 1, "deadman_url": url},
                         "notifiers": {"email": {"transport": "off"}, "sms": {"transport": "off"}}},
                        path=folder / "config.toml", environ={})


@contextmanager
def _daemon(config, store: Store) -> Iterator[None]:
    stopping = threading.Event()
    thread = threading.Thread(target=serve, args=(config, store), kwargs={"stopping": stopping}, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopping.set()
        thread.join(PATIENCE)


def _until(condition: Callable[[], bool]) -> bool:
    give_up = time.monotonic() + PATIENCE
    while time.monotonic() < give_up:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _passes(store: Store, config) -> int:
    with store.transaction() as session:
        return readings(session, StatePolicy.from_config(config).as_of(_now())).passes


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def test_each_pass_calls_the_url(tmp_path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'cadence.db'}", create=True)
    with running_http_server() as monitor:
        monitor.reply = Reply(200, "OK", "text/plain")
        config = _config(tmp_path, monitor.url("/ping/0f3c-office"))
        with _daemon(config, store):
            assert _until(lambda: len(monitor.requests) >= 2)
        assert {(r.method, r.path) for r in monitor.requests} == {("GET", "/ping/0f3c-office")}
        assert _passes(store, config) >= len(monitor.requests) - 1  # a call follows each recorded pass
    store.close()


def test_a_monitor_that_fails_or_is_down_never_stops_the_passes(tmp_path, caplog) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'cadence.db'}", create=True)
    caplog.set_level(logging.WARNING, logger="cadence.daemon")
    with running_http_server() as monitor:
        monitor.reply = Reply(500, "down", "text/plain")
        config = _config(tmp_path, monitor.url("/ping"))
        with _daemon(config, store):
            assert _until(lambda: len(monitor.requests) >= 3)  # it answered 500, and was called again
    with closed_port() as port:
        config = _config(tmp_path, f"http://127.0.0.1:{port}/ping")
        before = _passes(store, config)
        with _daemon(config, store):
            assert _until(lambda: _passes(store, config) >= before + 3)
    store.close()
    said = [r.getMessage() for r in caplog.records]
    assert "dead-man URL answered 500" in said and "dead-man URL not reached: ConnectError" in said
    assert not any("pass failed" in line for line in said)


def test_a_pass_that_failed_makes_no_call(tmp_path, caplog) -> None:
    failed = threading.Event()

    class Noticed(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage() == "pass failed":
                failed.set()

    handler = Noticed()
    logging.getLogger("cadence.daemon").addHandler(handler)
    try:
        with closed_port() as port, running_http_server() as monitor:
            gone = open_store(f"postgresql+psycopg://cadence@127.0.0.1:{port}/cadence", migrate=False)
            with _daemon(_config(tmp_path, monitor.url("/ping")), gone):
                assert failed.wait(PATIENCE)
            gone.close()
            assert monitor.requests == []
    finally:
        logging.getLogger("cadence.daemon").removeHandler(handler)
