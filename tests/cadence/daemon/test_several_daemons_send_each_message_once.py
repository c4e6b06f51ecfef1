"""Three `cadence run` daemons share one real PostgreSQL through a simulated September 2025
and deliver to one real SMTP server (aiosmtpd on 127.0.0.1). Midway, the daemon that is
sending at that moment is killed with SIGKILL, then started again, as systemd would.

What the test proves, from the server's side and the database's side:
- every message in the outbox reached the server exactly once, except the one the killed
  daemon had in flight: the server took it, the daemon died before hearing the 250 reply,
  another daemon sent it again (same Message-ID). The test names that message;
- nothing reached the server that the outbox does not hold;
- each week's digest was written once (one ``digest_runs`` row) and went once to each person;
- each escalation step of each item was taken by one daemon only (their logs);
- the daemons shared the sending (at least two of them sent; usually all three), and none of
  their passes failed.

The clock: ``cadence run --now 2025-09-01T00:00 --since T --speed 36000 --until 2025-10-01T00:00``
runs ten simulated hours a real second from the Unix time T, the same clock in every daemon
however long each took to start, and stops at the month's end; with ``interval_seconds = 1``
each daemon passes every ten simulated hours, the three started a third of a second (3 hours)
apart. The server takes 50 ms a message, as a real one might, so a daemon's batch of five is
still going when the next daemon wakes and claims the following five. September takes about
75 seconds.

Nothing here depends on how fast the machine is. A loaded machine makes fewer passes a
simulated day, and the checks hold for any number of passes; the test waits for conditions
(the kill happened, every daemon passed the month's end, each daemon exited), never for a
duration. The clock stops at the month's end because the daemons are stopped one after
another: on a loaded machine that took seconds, ten simulated hours each, and the last daemons
ran into October and wrote the digest of its first week (a run of ``bench.under_load`` failed
so). ``PATIENCE`` only bounds a daemon that hangs.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from cadence.config import Config
from cadence.daemon.digest import Week, digest_moment
from cadence.store import import_plan, open_store
from cadence.store.outbox import DigestRunRow, MessageRow, MessageState
from cadence.store.units import save_directory
from cadence.tz import LOCAL
from cadence.units.toml_file import parse_units
from rules.model import Activity, Monitor, Per, Plan, Rule, Scope, Window
from tests.cadence.daemon_support import local
from tests.support.smtp import RecordingHandler, Replies, running_smtp_server

SPEED = 36_000  # simulated seconds per real second
START, END = local("2025-09-01T00:00"), local("2025-10-01T00:00")
COMMUNES = 12
SECRET = "a-test-secret-of-enough-length"
SERVER_DELAY = 0.05  # seconds the server takes to accept a message
PATIENCE = 900  # real seconds: only a hung daemon takes this long (a failure, not a skip)


LAUNCHED: list[subprocess.Popen] = []  # every process the test starts (``cadence``)


@pytest.fixture
def no_daemon_outlives_the_test():
    """A failing test must not leave daemons running (asked for after the database, so it ends
    them before the database is dropped)."""
    yield
    while LAUNCHED:
        process = LAUNCHED.pop()
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """Several daemons on one database is the PostgreSQL deployment: this test runs there only."""
    with postgres_server.fresh_database("daemons") as url:
        yield url


def test_three_daemons_send_every_message_once_though_one_is_killed_midway(postgres_url, tmp_path,
                                                                          no_daemon_outlives_the_test):
    prepare_office(postgres_url)
    handler = KillingHandler()
    with running_smtp_server(handler=handler) as smtp:
        daemons = [Daemon(number, tmp_path, postgres_url, smtp.port) for number in (1, 2, 3)]
        month = Month()
        for daemon in daemons:  # a third of a pass apart, so that they wake at different times
            daemon.start(month)
            time.sleep(1 / 3)
        handler.arm({sender(d.number): d.process.pid for d in daemons},
                    at=month.real_moment(START + (END - START) / 2))
        victim, restarted = run_the_month(month, daemons, handler)
        drain(daemons + [restarted])
    in_flight = check_each_message_went_once(postgres_url, smtp.received, handler.in_flight_id())
    print(f"\ndaemon {victim.number} was killed mid-send; its message in flight, delivered twice: {in_flight}; "
          f"messages per daemon: {dict(Counter(r.mail_from for r in smtp.received))}")
    check_each_digest_went_once(postgres_url)
    check_the_daemons_shared_the_work(daemons + [restarted], smtp.received)


# --- the office: communes that never report, their heads, two monitors and the issuer ---------

def units_toml() -> str:
    communes = "".join(f"""
[[unit]]
id = "xa-{n:02d}"
name = "UBND xã Số {n:02d}"
level = "commune"
groups = ["UBND cấp xã"]
contacts = [{{ name = "Văn thư xã {n:02d}", email = "vanthu{n:02d}@xa.example.invalid" }}]
head = {{ name = "Chủ tịch xã {n:02d}", email = "chutich{n:02d}@xa.example.invalid" }}
""" for n in range(1, COMMUNES + 1))
    others = """
[[unit]]
id = "so-khcn"
name = "Sở Khoa học và Công nghệ"
contacts = [{ name = "Phòng Chuyển đổi số", email = "cds@khcn.example.invalid" }]

[[unit]]
id = "so-vhttdl"
name = "Sở Văn hóa, Thể thao và Du lịch"
contacts = [{ name = "Phòng Thông tin", email = "thongtin@vhttdl.example.invalid" }]

[[unit]]
id = "ubnd-tinh"
name = "UBND tỉnh Quảng Ngãi"
contacts = [{ name = "Văn thư UBND tỉnh", email = "vanthu@ubnd.example.invalid" }]
"""
    return communes + others


def plan() -> Plan:
    """Each commune: a weekly news item on digital transformation and a monthly page on
    administrative reform, from September."""
    window = Window(start=dt.date(2025, 9, 1), end=dt.date(2025, 12, 31), text="Từ tháng 9/2025")
    return Plan(
        file="ke-hoach-xa.txt", title="Kế hoạch truyền thông cấp xã", issuer="UBND tỉnh Quảng Ngãi", year=2025,
        activities=(
            Activity(ref="1", title="Tin chuyển đổi số", scope=Scope.CDS, lead=("UBND cấp xã",), window=window,
                     rules=(Rule(count=1, per=Per.WEEK, series="Tin CĐS"),)),
            Activity(ref="2", title="Chuyên mục cải cách hành chính", scope=Scope.CCHC, lead=("UBND cấp xã",),
                     window=window, rules=(Rule(count=1, per=Per.MONTH, series="Chuyên mục CCHC"),)),
        ),
        monitors=(Monitor(unit="Sở Khoa học và Công nghệ", scope=Scope.CDS, ref="C.1"),
                  Monitor(unit="Sở Văn hóa, Thể thao và Du lịch", scope=Scope.CCHC, ref="C.2")),
    )


def prepare_office(url: str) -> None:
    store = open_store(url, create=True)
    with store.transaction() as session:
        save_directory(session, parse_units(units_toml()))
        import_plan(session, plan(), key="xa-2025", config=Config(), now=START)
    store.close()


def sender(number: int) -> str:
    """Each daemon signs its mail differently, so the server can tell who sent what."""
    return f"cadence-{number}@so.example.invalid"


def config_toml(url: str, smtp_port: int, number: int) -> str:
    return f"""
[database]
url = "{url}"
[web]
enabled = false
base_url = "https://nhacviec.example.vn"
[reminders]
channels = ["email"]
[escalation]
channels = ["email"]
[daemon]
interval_seconds = 1
[notifiers.email]
transport = "smtp"
host = "127.0.0.1"
port = {smtp_port}
security = "plain"
sender = "Cadence {number} <{sender(number)}>"
messages_per_connection = 5
[notifiers.sms]
transport = "off"
"""


# --- the processes --------------------------------------------------------------------------

@dataclass
class Month:
    """The simulated clock every daemon follows: START at the Unix time ``began``, SPEED times
    as fast as real time."""

    began: float = field(default_factory=time.time)

    def now(self) -> dt.datetime:
        return START + dt.timedelta(seconds=(time.time() - self.began) * SPEED)

    def real_moment(self, moment: dt.datetime) -> float:
        """The monotonic time at which the simulated clock reads ``moment``."""
        return time.monotonic() + (moment - self.now()).total_seconds() / SPEED

    def options(self) -> tuple[str, ...]:
        return "--now", START.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M"), "--since", repr(self.began), \
            "--speed", str(SPEED), "--until", END.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M")


class Daemon:
    """One `cadence run` subprocess with its own config.toml (the same database, its own sender)
    and its log in a file."""

    PASS_LINE = re.compile(r" pass at (\S+): ")

    def __init__(self, number: int, folder: Path, url: str, smtp_port: int, life: int = 1) -> None:
        self.number, self.life = number, life
        self.folder = folder / f"daemon-{number}"
        self.folder.mkdir(exist_ok=True)
        self.config = self.folder / "config.toml"
        self.config.write_text(config_toml(url, smtp_port, number), encoding="utf-8")
        self.log = self.folder / f"life-{life}.log"
        self.process: subprocess.Popen | None = None

    def start(self, month: Month) -> None:
        # -v: every pass logs its line, those that found nothing too (the month's last passes,
        # at its end, find nothing: without it the test could not see them)
        self.process = cadence(self.config, "run", "-v", *month.options(), log=self.log)

    def again(self, month: Month) -> Daemon:
        """The same daemon started anew (its own config), as systemd restarts a killed service."""
        reborn = Daemon.__new__(Daemon)
        reborn.__dict__.update(self.__dict__, life=self.life + 1, log=self.folder / f"life-{self.life + 1}.log")
        reborn.start(month)
        return reborn

    def last_pass(self) -> dt.datetime | None:
        found = self.PASS_LINE.findall(self.log.read_text("utf-8", errors="replace"))
        return dt.datetime.fromisoformat(found[-1]) if found else None

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=PATIENCE)

    def text(self) -> str:
        return self.log.read_text("utf-8", errors="replace")


def cadence(config: Path, *args: str, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", "from cadence.cli import main; main()", "--config", str(config), *args]
    environment = os.environ | {"CADENCE_WEB_SECRET": SECRET}
    with open(log, "wb") as output:
        LAUNCHED.append(subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=environment))
    return LAUNCHED[-1]


def run_the_month(month: Month, daemons: list[Daemon], handler: KillingHandler) -> tuple[Daemon, Daemon]:
    """Wait for the kill and restart the victim; wait for every live daemon to pass END; stop
    them with SIGTERM (each finishes its step and exits 0). Returns the victim and its successor."""
    deadline = time.monotonic() + PATIENCE
    while not handler.killed.is_set():
        _still_running(daemons, deadline, "a daemon to send something after mid-month")
        time.sleep(0.05)
    victim = next(d for d in daemons if sender(d.number) == handler.killed_message.mail_from)
    assert victim.process.wait(timeout=10) == -signal.SIGKILL
    restarted = victim.again(month)
    live = [restarted, *(d for d in daemons if d is not victim)]
    while not all((d.last_pass() or START) >= END for d in live):
        _still_running(live, deadline, f"every daemon to pass {END:%Y-%m-%d %H:%M} UTC")
        time.sleep(0.2)
    for daemon in live:
        assert daemon.stop() == 0, daemon.text()[-3000:]
    return victim, restarted


def _still_running(daemons: list[Daemon], deadline: float, waiting_for: str) -> None:
    for daemon in daemons:
        if daemon.process.poll() is not None and daemon.process.returncode != -signal.SIGKILL:
            pytest.fail(f"daemon {daemon.number} ended ({daemon.process.returncode}):\n{daemon.text()[-3000:]}")
    if time.monotonic() > deadline:
        pytest.fail(f"waited {PATIENCE} s for {waiting_for}; last passes: "
                    + ", ".join(f"{d.number}: {d.last_pass()}" for d in daemons))


def drain(lives: list[Daemon]) -> None:
    """One last pass sends what a daemon wrote in the step it was stopped after: at a minute
    after the latest pass of any daemon, since messages wait until the moment they were written."""
    latest = max(life.last_pass() for life in lives) + dt.timedelta(minutes=1)
    log = lives[0].folder / "drain.log"
    tick = cadence(lives[0].config, "tick", "--now", latest.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M"), log=log)
    assert tick.wait(timeout=PATIENCE) == 0, log.read_text("utf-8")


# --- the server that kills the sender of one message -------------------------------------------

class KillingHandler(RecordingHandler):
    """Records every message. Once armed, the first message that arrives is recorded (the
    server has it), then the daemon that sent it (known by its sender address) is killed with
    SIGKILL before the 250 reply leaves: the message in flight, which that daemon never knew
    was delivered."""

    def __init__(self) -> None:
        super().__init__(Replies())
        self.pids: dict[str, int] = {}
        self.armed_at = float("inf")
        self.killed_message = None
        self.killed = threading.Event()

    def arm(self, pids: dict[str, int], *, at: float) -> None:
        """``pids``: sender address → process; ``at``: a time.monotonic() moment."""
        self.pids, self.armed_at = pids, at

    async def handle_DATA(self, server, session, envelope) -> str:
        await asyncio.sleep(SERVER_DELAY)
        reply = await super().handle_DATA(server, session, envelope)
        if not self.killed.is_set() and time.monotonic() >= self.armed_at and envelope.mail_from in self.pids:
            self.killed_message = self.received[-1]
            victim = self.pids[envelope.mail_from]
            os.kill(victim, signal.SIGKILL)
            _wait_until_dead(victim)
            self.killed.set()
        return reply

    def in_flight_id(self) -> str:
        return self.killed_message.message["Message-ID"]


def _wait_until_dead(pid: int) -> None:
    """Until the kernel has ended the process (a zombie now), so it can never read the reply."""
    stat = Path(f"/proc/{pid}/stat")
    while stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X"):
        time.sleep(0.001)


# --- the checks ---------------------------------------------------------------------------------

def _digest(key: str) -> str:
    """The local part of the Message-ID notifiers.mime derives from an outbox key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _message_id_digest(message_id: str) -> str:
    return message_id.strip("<>").partition("@")[0]


def _outbox(url: str) -> list[MessageRow]:
    store = open_store(url, migrate=False)
    with store.transaction() as session:
        rows = list(session.scalars(select(MessageRow).order_by(MessageRow.id)))
    store.close()
    return rows


def check_each_message_went_once(url: str, received, in_flight_id: str) -> str:
    """Returns the outbox key of the message that was in flight."""
    rows = _outbox(url)
    by_digest = {_digest(row.key): row for row in rows}
    arrivals = Counter(_message_id_digest(r.message["Message-ID"]) for r in received)
    assert {row.state for row in rows} == {MessageState.SENT}, Counter(row.state for row in rows)
    assert set(arrivals) == set(by_digest), "the server got messages the outbox does not hold, or missed some"
    twice = {by_digest[d].key: n for d, n in arrivals.items() if n > 1}
    in_flight = by_digest[_message_id_digest(in_flight_id)].key
    assert twice == {in_flight: 2}, f"only the message in flight ({in_flight}) may arrive twice"
    assert len(rows) > 100  # a month of reminders, escalations and digests, not a trickle
    return in_flight


def check_each_digest_went_once(url: str) -> None:
    store = open_store(url, migrate=False)
    with store.transaction() as session:
        weeks = list(session.scalars(select(DigestRunRow.week)))
        digests = list(session.scalars(select(MessageRow.key).where(MessageRow.kind == "digest")))
    store.close()
    expected = {w.label for w in _weeks_of_the_month() if START <= (digest_moment(Config(), w) or END) < END}
    assert sorted(weeks) == sorted(expected)
    # monitors (two) and the issuer each get one digest a week: the unique keys make it once
    assert len(digests) == 3 * len(expected)


def _weeks_of_the_month() -> list[Week]:
    first = START.astimezone(LOCAL).date()
    return [Week.of(first + dt.timedelta(days=7 * n)) for n in range(5)]


ESCALATED = re.compile(r"escalated item (\d+) \(.*?\) to level (\d+)")


def check_the_daemons_shared_the_work(daemons: list[Daemon], received) -> None:
    logs = {f"{d.number}/{d.life}": d.text() for d in daemons}
    for name, text in logs.items():
        assert "Traceback" not in text and "pass failed" not in text, f"daemon {name}:\n{text[-3000:]}"
    steps = Counter(step for text in logs.values() for step in ESCALATED.findall(text))
    assert steps and max(steps.values()) == 1, [s for s, n in steps.items() if n > 1]
    senders = Counter(r.mail_from for r in received)
    assert len(senders) >= 2, senders  # which daemons win the races is timing; usually all three
