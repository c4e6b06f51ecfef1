"""Fixtures of the web tests: a store with the real Lý Sơn plan and its units, a real uvicorn
server on 127.0.0.1 port 0 whose clock the test moves, an HTTP client, a board user, and a
real headless Chromium."""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from cadence.config import WEB_SECRET_ENV, Config, parse_config
from cadence.daemon.outlets import open_outlets
from cadence.daemon.context import Daemon
from cadence.daemon.passes import run_pass
from cadence.store import Store, open_store
from cadence.store.access import Role
from cadence.store.models import DueItem, UnitRow
from cadence.tz import local_moment
from cadence.web import WebServer, start_web_server
from cadence.web.accounts import add_user
from rules.model import Plan
from tests.cadence.support import ROOT, gold, imported, load_units
from tests.support.browser import ChromiumUnavailable, chromium_path

PLAN = "ly-son-special-zone-2025"
KEY = "ly-son-2025"
SECRET = "test-secret-that-signs-links-0123456789"
START = dt.datetime(2025, 9, 15, 1, 0, tzinfo=dt.timezone.utc)  # Monday 15/09/2025 08:00 in Việt Nam
COORDINATOR, PASSWORD = "dieuphoi", "mat-khau-du-dai-2025"
ARTIFACTS = ROOT / "test-artifacts"


class Clock:
    """The server's "now", moved by the test (links expire, items fall due)."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@dataclass(frozen=True)
class Seeded:
    store: Store
    units: dict[str, int]  # code → id

    def items_of(self, code: str, *, after: dt.datetime = START, limit: int = 2) -> list[int]:
        """The unit's first open items due after a moment."""
        with self.store.transaction() as session:
            query = (select(DueItem.id).where(DueItem.unit_id == self.units[code], DueItem.due_at > after)
                     .order_by(DueItem.due_at, DueItem.id).limit(limit))
            return list(session.scalars(query))

    def due_on(self, code: str, day: dt.date) -> int:
        """The unit's first item due on a local day."""
        with self.store.transaction() as session:
            query = (select(DueItem.id).where(DueItem.unit_id == self.units[code],
                                              DueItem.due_at >= local_moment(day, dt.time(0, 0)),
                                              DueItem.due_at < local_moment(day + dt.timedelta(days=1), dt.time(0, 0)))
                     .order_by(DueItem.id).limit(1))
            return session.scalar(query)

    def item(self, item_id: int) -> DueItem:
        with self.store.transaction() as session:
            return session.get(DueItem, item_id)


def web_config(folder: Path, **sections) -> Config:
    """A configuration with the test secret; ``web=``, ``notifiers=``… give sections."""
    return parse_config(sections, path=folder / "config.toml", environ={WEB_SECRET_ENV: SECRET})


def mailing_config(folder: Path, server: WebServer, smtp) -> Config:
    """The daemon's view: email through the real SMTP server, no SMS, links to the server."""
    email = {"transport": "smtp", "host": smtp.host, "port": smtp.port, "security": "plain",
             "sender": "Cadence Lý Sơn <nhacviec@lyson.example.org>"}
    return web_config(folder, web={"base_url": server.url},
                      notifiers={"email": email, "sms": {"transport": "off"}})


def daemon_pass(config: Config, store: Store, moment: dt.datetime) -> None:
    """One pass of the real daemon at ``moment``: reminders, escalations, sending. In its own
    thread, as under APScheduler (Playwright's sync API keeps an event loop in the test's)."""
    def one_pass() -> None:
        with open_outlets(config, environ={}) as outlets:
            run_pass(store, Daemon.build(config), moment, outlets)

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(one_pass).result()


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+/l/[A-Za-z0-9_-]+", text)


def seed(store: Store, plan: Plan | None = None) -> Seeded:
    """The Lý Sơn plan (or an altered copy) with its units, and a coordinator who follows it."""
    with store.transaction() as session:
        load_units(session, PLAN)
    imported(store, plan or gold(PLAN), key=KEY)
    with store.transaction() as session:
        add_user(session, name=COORDINATOR, password=PASSWORD, role=Role.COORDINATOR, plans=(KEY,),
                 full_name="Nguyễn Văn Điều Phối", now=START)
        units = dict(session.execute(select(UnitRow.code, UnitRow.id)).all())
    return Seeded(store=store, units=units)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return web_config(tmp_path)


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Seeded]:
    """On SQLite: the page tests exercise the web side; the store's queries run on both
    databases in test_board_and_export_on_both_databases."""
    store = open_store(f"sqlite:///{tmp_path / 'cadence.db'}", create=True)
    yield seed(store)
    store.close()


@pytest.fixture
def server(config: Config, seeded: Seeded, clock: Clock) -> Iterator[WebServer]:
    running = start_web_server(config, seeded.store, clock=clock, port=0)
    yield running
    running.stop()


@pytest.fixture
def client(server: WebServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=30) as http:
        yield http


@pytest.fixture
def chromium() -> str:
    """The browser binary; its absence fails in CI and skips elsewhere."""
    try:
        return chromium_path()
    except ChromiumUnavailable as error:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI must test pages in Chromium: {error}", pytrace=False)
        pytest.skip(str(error))


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF field"
    return found.group(1)


def log_in(http: httpx.Client, name: str = COORDINATOR, password: str = PASSWORD) -> httpx.Response:
    page = http.get("/login")
    return http.post("/login", data={"csrf": csrf_of(page.text), "name": name, "password": password,
                                     "next": "/board"})
