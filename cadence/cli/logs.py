"""How `cadence run`, `tick` and `web` log: one line per event, on stderr, each naming its
logger; no timestamp under journald, which stamps every line itself; the scheduler's
per-minute lines at debug.

APScheduler logs "Running job …" and "Job … executed successfully" at INFO for every wake-up,
so a daemon woken each minute wrote 2,880 such lines a day around the few that matter. Those
records are demoted to DEBUG here (shown with ``--verbose`` where a command has it), as is
the daemon's own line for a pass that found nothing to do (``cadence.daemon.passes``).

systemd's journal sets JOURNAL_STREAM to the device and inode of the stream it reads; when
stderr is that stream, lines go without a timestamp (journalctl shows its own).
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL_FORMAT = "%(levelname)s %(name)s: %(message)s"
# Loggers whose INFO records come with every wake-up of the scheduler.
EVERY_WAKE_UP = ("apscheduler.executors",)


class EveryWakeUp(logging.Filter):
    """On the handler (a logger's own filters miss its children's records): demotes a wake-up's
    INFO record to DEBUG, and lets it through only when DEBUG is shown, since a record is
    checked against its own logger's level, never again against the root's."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and record.name.startswith(EVERY_WAKE_UP):
            record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
        return record.levelno >= logging.getLogger().getEffectiveLevel()


def under_journald(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether ``stream`` is the journal's (JOURNAL_STREAM names its device and inode)."""
    wanted = environ.get("JOURNAL_STREAM", "")
    if not wanted:
        return False
    try:
        status = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):  # not a real file (a test's buffer)
        return False
    return wanted == f"{status.st_dev}:{status.st_ino}"


def configure(level: int, *, stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> None:
    """Send log records at ``level`` and above to ``stream`` (stderr), one line each."""
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(JOURNAL_FORMAT if under_journald(stream, environ) else FORMAT))
    handler.addFilter(EveryWakeUp())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
