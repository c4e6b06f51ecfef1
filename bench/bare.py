"""The bare baselines of ``bench.run_all``, measured in the same run as the figures they are set
against: the same work with nothing of Cadence around it.

- reading plans: the text pass any reader makes (Unicode NFD, combining marks dropped, đ → d,
  case folded, split into lines), over the same five plans;
- a pass: one indexed SELECT of the open items of the due moments whose ``next_action_at`` has
  come (the columns the daemon's item step reads), through the indexes, rows fetched;
- the board: one indexed SELECT of the plan's items (unit, duty, due moment, status, completion);
- sending: stdlib smtplib.send_message of the same messages already built as MIME (so only
  their serialisation and the SMTP dialogue are timed), one connection per
  ``per_connection``, to the same kind of local server.

(The materialiser's baselines, dateutil rrule expansion and a bare executemany or COPY of the
same rows, are in bench.bench_materialise and bench.stores.)
"""
from __future__ import annotations

import datetime as dt
import smtplib
import statistics
import time
import unicodedata
from pathlib import Path

from sqlalchemy import select

from cadence.kinds import ItemStatus
from cadence.store import open_store
from cadence.store.models import DueItem, DueMoment, PlanRow

_D = str.maketrans({"đ": "d", "Đ": "D"})
_REPEATS = 3


def fold_and_split(folder: Path, seconds: float) -> float:
    """MB/s of folding and splitting the plans' text, for about ``seconds``."""
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    rounds, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            _fold(text).splitlines()
        rounds += 1
    return size * rounds / (time.perf_counter() - started) / 1e6


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def due_select(url: str, now: dt.datetime) -> dict:
    """Rows and median seconds of reading what the pass reads: the moments due at ``now``
    (their partial index), then each one's open items (the index on due moment, window, status)."""
    moments = select(DueMoment.due_at, DueMoment.window_start).where(DueMoment.next_action_at <= now)
    columns = (DueItem.id, DueItem.unit_id, DueItem.plan_id, DueItem.duty_id)

    def read(connection) -> int:
        rows = 0
        for due_at, window_start in connection.execute(moments).all():
            rows += len(connection.execute(select(*columns).where(
                DueItem.due_at == due_at, DueItem.window_start == window_start,
                DueItem.status == ItemStatus.OPEN)).all())
        return rows
    return _timed(url, read)


def plan_select(url: str, plan_key: str) -> dict:
    """Rows and median seconds of reading one plan's items (what the board summarises)."""
    plan = select(PlanRow.id).where(PlanRow.key == plan_key).scalar_subquery()
    columns = (DueItem.unit_id, DueItem.duty_id, DueItem.due_at, DueItem.status, DueItem.completed_at)
    query = select(*columns).where(DueItem.plan_id == plan)
    return _timed(url, lambda connection: len(connection.execute(query).all()))


def _timed(url: str, read) -> dict:
    """Rows and median seconds of ``read(connection) -> rows``."""
    store = open_store(url, migrate=False)
    times, rows = [], 0
    with store.engine.connect() as connection:
        for _ in range(_REPEATS):
            started = time.perf_counter()
            rows = read(connection)
            times.append(time.perf_counter() - started)
    store.close()
    return {"rows": rows, "seconds": statistics.median(times)}


def smtplib_send(count: int, per_connection: int) -> dict:
    """bench_send's reminders, built as MIME beforehand, sent by smtplib; (sent, seconds)."""
    from bench.bench_send import CountingServer, reminders
    from notifiers.mime import build_mime

    now = dt.datetime.now(dt.timezone.utc)
    mails = [build_mime(m, sender="Cadence <cadence@so.gov.vn>", date=now) for m in reminders(count)]
    with CountingServer() as server:
        started = time.perf_counter()
        for first in range(0, len(mails), per_connection):
            with smtplib.SMTP("127.0.0.1", server.port) as client:
                for mail in mails[first:first + per_connection]:
                    client.send_message(mail)
        seconds = time.perf_counter() - started
    return {"sent": server.accepted, "seconds": seconds}
