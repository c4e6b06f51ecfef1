"""The daemon's log: the scheduler's per-minute lines ("Running job", "executed successfully")
at debug, every line naming its logger, and no timestamp when stderr is the journal's stream
(JOURNAL_STREAM); a pass that found nothing is a debug line, one that did something is info.

The scheduler is APScheduler itself, woken for real: the test waits for its job to have run
(an event), never for a length of time."""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
import threading

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from cadence.cli import logs
from tests.cadence.daemon_support import office


@pytest.fixture(autouse=True)
def restore_logging():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


def _wake_scheduler_twice() -> None:
    """A real BackgroundScheduler running a job every 0.1 s, shut down once it ran twice."""
    ran, count = threading.Event(), []

    def job() -> None:
        count.append(1)
        if len(count) >= 2:
            ran.set()

    scheduler = BackgroundScheduler()
    scheduler.add_job(job, "interval", seconds=0.1, id="pass", next_run_time=dt.datetime.now(dt.timezone.utc))
    scheduler.start()
    try:
        assert ran.wait(timeout=60), "the scheduler never ran its job"
    finally:
        scheduler.shutdown(wait=True)


def test_the_schedulers_wake_ups_are_debug_lines(tmp_path) -> None:
    out = io.StringIO()
    logs.configure(logging.INFO, stream=out, environ={})
    _wake_scheduler_twice()
    text = out.getvalue()
    assert "Running job" not in text and "executed successfully" not in text
    assert "apscheduler.scheduler: Scheduler started" in text  # once, at start: still worth a line

    verbose = io.StringIO()
    logs.configure(logging.DEBUG, stream=verbose, environ={})
    _wake_scheduler_twice()
    assert "DEBUG apscheduler.executors.default: Running job" in verbose.getvalue()


def test_each_line_names_its_logger_and_journald_gets_no_timestamp(tmp_path) -> None:
    path = tmp_path / "stderr"
    with path.open("w") as stream:
        status = os.fstat(stream.fileno())
        logs.configure(logging.INFO, stream=stream, environ={"JOURNAL_STREAM": f"{status.st_dev}:{status.st_ino}"})
        logging.getLogger("cadence.daemon").info("stopped")
        logs.configure(logging.INFO, stream=stream, environ={"JOURNAL_STREAM": "1:2"})  # another stream's
        logging.getLogger("cadence.daemon").info("stopped")
    journal, plain = path.read_text().splitlines()
    assert journal == "INFO cadence.daemon: stopped"
    assert plain.endswith(" INFO cadence.daemon: stopped") and plain[:4].isdigit()  # 2026-… timestamp


def test_a_pass_with_nothing_to_do_is_a_debug_line(database_url, tmp_path) -> None:
    out = io.StringIO()
    logs.configure(logging.INFO, stream=out, environ={})
    with office(database_url, tmp_path, "[digest]\nenabled = false\n", start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")  # reminders of Friday's bulletins
        busy = out.getvalue()
        o.tick("2025-09-16T08:01")  # nothing more that morning
    quiet = out.getvalue()[len(busy):]
    assert "INFO cadence.daemon: pass at 2025-09-16T01:00" in busy
    assert "pass at" not in quiet
