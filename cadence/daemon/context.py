"""What the steps of a pass share: the daemon's fixed parts (built once per process from the
configuration) and one pass's moment, caches and counts."""
from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cadence.config import Config
from cadence.daemon.recipients import Directory
from cadence.daemon.timeline import Policy
from cadence.errors import CadenceError
from notifiers import Renderer

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "messages"


@dataclass(frozen=True)
class Daemon:
    """The fixed parts: configuration, policy, templates, and this process's name in claims."""

    config: Config
    policy: Policy
    renderer: Renderer
    worker: str

    @classmethod
    def build(cls, config: Config) -> Daemon:
        return cls(config=config, policy=Policy.from_config(config), renderer=renderer(config), worker=worker_name())


def renderer(config: Config) -> Renderer:
    """Our templates, behind the office's own folder when [notifiers] templates names one.
    Templates are checked now, so a broken one is reported at start-up."""
    from cadence.daemon.render import FILTERS, template_globals, words_for  # templates' helpers live with the contexts

    override = config.notifiers.templates
    if override is not None and not override.is_dir():
        raise CadenceError("errors.config.templates-folder", path=str(override))
    return Renderer(TEMPLATES, override=override, filters=FILTERS, globals=template_globals(words_for(override)))


def worker_name() -> str:
    """host:pid:random — the host and pid let a restarted daemon on the same machine take back
    at once what a killed one had claimed; the random part tells two lives of a pid apart."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass
class Counts:
    """What a pass did, for the log line and `cadence tick`'s summary."""

    moments: int = 0  # due moments decided (each a group of items sharing a timeline)
    items: int = 0  # items reminded or escalated
    missed: int = 0
    reminders: int = 0  # items reminded
    escalations: Counter = field(default_factory=Counter)  # level → items
    notices: int = 0
    messages: Counter = field(default_factory=Counter)  # kind → messages written
    digests: int = 0  # digest runs (weeks)
    sent: int = 0
    failed: int = 0
    retried: int = 0
    cancelled: int = 0
    stale: int = 0  # reminders whose items were due before they could go
    alerts: int = 0  # alerts to the admins written (a channel keeps failing)

    @property
    def busy(self) -> bool:
        """Whether the pass did anything at all."""
        return any((self.moments, self.items, self.missed, self.notices, sum(self.messages.values()), self.digests,
                    self.sent, self.failed, self.retried, self.cancelled, self.stale, self.alerts))

    def summary(self) -> str:
        """The pass as the daemon's log line (logs are for operators, in English as the libraries' are)."""
        levels = ", ".join(f"{level}: {n}" for level, n in sorted(self.escalations.items())) or "0"
        return (f"{self.moments} due moments decided, {self.items} items told of, {self.missed} newly missed, {self.reminders} reminded, "
                f"escalated by level {{{levels}}}, {self.notices} notices, "
                f"{sum(self.messages.values())} messages written, {self.digests} digest runs, "
                f"{self.sent} sent, {self.retried} to retry, {self.failed} failed, {self.cancelled} cancelled, "
                f"{self.stale} stale, {self.alerts} alerts")


@dataclass
class Pass:
    """One pass at one moment."""

    daemon: Daemon
    now: dt.datetime
    directory: Directory = field(default_factory=Directory)
    counts: Counts = field(default_factory=Counts)
    latency: dict[str, list[float]] = field(default_factory=dict)  # channel → seconds per message sent

    @property
    def config(self) -> Config:
        return self.daemon.config


class BrokenRows(Exception):
    """A step failed on these rows. The driver pushes their next attempt forward in a fresh
    transaction, then lets the original error propagate: one bad row cannot stop every pass."""

    def __init__(self, table: str, ids: list[int]) -> None:
        super().__init__(f"{table}: rows {ids[:10]}{'…' if len(ids) > 10 else ''}")
        self.table, self.ids = table, ids
