"""What /healthz and /metrics read, and what each daemon pass leaves for them.

    record_pass(session, worker=..., at=now, latency={"email": [0.2, 0.3]})   # the daemon
    health(session)          # the last pass, the outbox's backlog and its oldest pending row
    readings(session, at)    # passes, items by state, messages by state and channel, latency

Everything is read from the database when asked, so the figures are the same whichever web
process answers and however many daemons share the database. Send latency is measured where
it happens, in the daemon, and kept as histogram buckets on the daemon's own row
(``DaemonRow``): a web server in another process (``cadence web``), or on another machine, has
no other way to know it, and Prometheus wants counts that only grow.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadence.schedule.states import AsOf
from cadence.store.outbox import MessageRow, MessageState
from cadence.store.states import state_of
from cadence.store.watch_tables import DaemonRow

# Upper bounds of the latency buckets, in seconds: an SMTP hand-over on a LAN takes tens of
# milliseconds, an SMS gateway abroad a second or two, a server that times out 30 s or more.
BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
WAITING = (MessageState.PENDING, MessageState.SENDING)


@dataclass(frozen=True, kw_only=True)
class Latency:
    """A histogram: counts per bucket of ``BUCKETS`` and one more for slower, not cumulative."""

    buckets: tuple[int, ...]
    sum: float
    count: int

    @classmethod
    def of(cls, seconds: Iterable[float]) -> Latency:
        counts = [0] * (len(BUCKETS) + 1)
        seen = list(seconds)
        for value in seen:
            counts[bisect.bisect_left(BUCKETS, value)] += 1
        return cls(buckets=tuple(counts), sum=sum(seen), count=len(seen))

    @classmethod
    def stored(cls, value: Mapping | None) -> Latency:
        if not value:
            return cls(buckets=(0,) * (len(BUCKETS) + 1), sum=0.0, count=0)
        return cls(buckets=tuple(value["buckets"]), sum=float(value["sum"]), count=int(value["count"]))

    def __add__(self, other: Latency) -> Latency:
        return Latency(buckets=tuple(a + b for a, b in zip(self.buckets, other.buckets, strict=True)),
                       sum=self.sum + other.sum, count=self.count + other.count)

    def as_stored(self) -> dict:
        return {"buckets": list(self.buckets), "sum": self.sum, "count": self.count}


def record_pass(session: Session, *, worker: str, at: dt.datetime, latency: Mapping[str, Iterable[float]]) -> None:
    """A pass of ``worker`` went through at ``at``, having sent with these latencies per channel."""
    row = session.get(DaemonRow, worker)
    if row is None:
        row = DaemonRow(worker=worker, started_at=at, passes=0, latency={})
        session.add(row)
    merged = dict(row.latency or {})
    for kind, seconds in latency.items():
        merged[kind] = (Latency.stored(merged.get(kind)) + Latency.of(seconds)).as_stored()
    row.latency = merged  # a new dict: the JSON column sees the change
    row.passes += 1
    row.last_pass_at = at


@dataclass(frozen=True, kw_only=True)
class Health:
    last_pass_at: dt.datetime | None
    backlog: int  # messages waiting to go (pending, or claimed and being sent)
    oldest_pending_at: dt.datetime | None


def health(session: Session) -> Health:
    backlog, oldest = session.execute(select(func.count(), func.min(MessageRow.created_at))
                                      .where(MessageRow.state.in_(WAITING))).one()
    return Health(last_pass_at=_aware(session.scalar(select(func.max(DaemonRow.last_pass_at)))), backlog=backlog,
                  oldest_pending_at=_aware(oldest))


@dataclass(frozen=True, kw_only=True)
class Readings:
    passes: int
    last_pass_at: dt.datetime | None
    items: dict[str, int]  # state → items
    messages: dict[tuple[str, str], int]  # (state, channel) → messages
    latency: dict[str, Latency]  # channel → histogram, every daemon's together


def readings(session: Session, at: AsOf) -> Readings:
    state = state_of(at)
    items = dict(session.execute(select(state, func.count()).group_by(state)).all())
    messages = {(s.value, channel): n for s, channel, n in session.execute(
        select(MessageRow.state, MessageRow.channel, func.count()).group_by(MessageRow.state, MessageRow.channel))}
    passes, last, latency = 0, None, {}
    for row in session.scalars(select(DaemonRow)):
        passes += row.passes
        last = max(filter(None, (last, row.last_pass_at)), default=None)
        for kind, stored in (row.latency or {}).items():
            latency[kind] = latency.get(kind, Latency.stored(None)) + Latency.stored(stored)
    return Readings(passes=passes, last_pass_at=last, items=items, messages=messages, latency=latency)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """min() over a column comes back without the column's type on SQLite: naive, in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment
