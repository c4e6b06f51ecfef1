"""Anyone who knows a user's name could lock them out when failures were counted per name: five
wrong passwords from anywhere, and the real user was refused for 15 minutes. Now failures for a
name, from all addresses together, only make each attempt wait, doubling up to a maximum; the
limits that refuse are per (name, address) and per address.

The wait is awaited through the server's ``pause``; these tests give it one that records the
seconds and returns at once, so they assert the wait asked for, never time measured."""
from __future__ import annotations

import pytest

from cadence.web import start_web_server
from cadence.web.accounts import pause_after
from tests.cadence.web.conftest import COORDINATOR, PASSWORD, csrf_of, web_config


class Pauses(list):
    """The waits asked of the server, in seconds."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def config(tmp_path):
    return web_config(tmp_path, web={"trusted_proxies": ["127.0.0.1"], "login_attempts": 3,
                                     "login_delay_seconds": 1.0, "login_delay_max_seconds": 8.0})


@pytest.fixture
def pauses() -> Pauses:
    return Pauses()


@pytest.fixture
def server(config, seeded, clock, pauses):
    running = start_web_server(config, seeded.store, clock=clock, port=0, pause=pauses)
    yield running
    running.stop()


def _attempt(client, name: str, password: str, address: str):
    page = client.get("/login", headers={"X-Forwarded-For": address})
    return client.post("/login", headers={"X-Forwarded-For": address},
                       data={"csrf": csrf_of(page.text), "name": name, "password": password, "next": "/board"})


def test_the_real_user_gets_in_after_strangers_failed_many_times_with_their_name(config, client, pauses) -> None:
    for n in range(3 * config.web.login_attempts):
        assert _attempt(client, COORDINATOR, "doan-sai", f"198.51.100.{n}").status_code == 401
    arrived = _attempt(client, COORDINATOR, PASSWORD, "192.0.2.10")
    assert arrived.status_code == 303 and "cadence_session" in arrived.cookies
    assert pauses[-1] == config.web.login_delay_max_seconds  # slowed to the most, not refused


def test_each_failure_beyond_the_allowance_doubles_the_wait(config, client, pauses) -> None:
    for n in range(config.web.login_attempts + 4):
        _attempt(client, COORDINATOR, "doan-sai", f"198.51.100.{n}")
    assert pauses == [0, 0, 0, 1, 2, 4, 8]


def test_a_success_clears_the_wait(config, client, pauses) -> None:
    for n in range(config.web.login_attempts + 1):
        _attempt(client, COORDINATOR, "doan-sai", f"198.51.100.{n}")
    assert _attempt(client, COORDINATOR, PASSWORD, "192.0.2.10").status_code == 303
    client.cookies.clear()
    _attempt(client, COORDINATOR, "doan-sai", "192.0.2.11")
    assert pauses[-1] == 0


def test_one_address_guessing_one_name_is_refused_without_a_check(config, client, pauses) -> None:
    for _ in range(config.web.login_attempts):
        assert _attempt(client, COORDINATOR, "doan-sai", "203.0.113.7").status_code == 401
    assert _attempt(client, COORDINATOR, PASSWORD, "203.0.113.7").status_code == 429
    assert _attempt(client, COORDINATOR, PASSWORD, "203.0.113.8").status_code == 303


@pytest.mark.parametrize(("failures", "seconds"), [(0, 0), (2, 0), (3, 1), (4, 2), (6, 8), (7, 8), (10_000, 8)])
def test_the_wait_grows_from_the_allowance_to_the_cap(config, failures, seconds) -> None:
    assert pause_after(failures, config.web) == seconds
