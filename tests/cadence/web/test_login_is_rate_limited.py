"""Log-in is limited: after [web] login_attempts failures for one name from one address, or
login_attempts_per_address failures from one address for any names, within
login_window_minutes, even the right password is refused from there (without being checked)
until the window has passed. Addresses come from X-Forwarded-For only because these tests
name 127.0.0.1 in [web] trusted_proxies (a reverse proxy on this machine)."""
from __future__ import annotations

import pytest

from tests.cadence.web.conftest import COORDINATOR, PASSWORD, csrf_of, web_config


@pytest.fixture
def config(tmp_path):
    return web_config(tmp_path, web={"trusted_proxies": ["127.0.0.1"], "login_attempts_per_address": 8})


def _attempt(client, name: str, password: str, address: str = "203.0.113.7"):
    page = client.get("/login", headers={"X-Forwarded-For": address})
    return client.post("/login", headers={"X-Forwarded-For": address},
                       data={"csrf": csrf_of(page.text), "name": name, "password": password, "next": "/board"})


def test_the_right_password_is_refused_after_too_many_failures_until_the_window_passes(
        config, client, clock) -> None:
    for _ in range(config.web.login_attempts):
        refused = _attempt(client, COORDINATOR, "doan-sai-mat-khau")
        assert refused.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu." in refused.text
    limited = _attempt(client, COORDINATOR, PASSWORD)
    assert limited.status_code == 429 and "Đăng nhập sai quá nhiều lần" in limited.text
    assert "cadence_session" not in limited.cookies
    clock.advance(minutes=config.web.login_window_minutes, seconds=1)
    assert _attempt(client, COORDINATOR, PASSWORD).status_code == 303


def test_failures_count_per_address_across_names(config, client) -> None:
    for n in range(config.web.login_attempts_per_address):
        assert _attempt(client, f"ten-doan-{n}", "sai").status_code == 401
    assert _attempt(client, COORDINATOR, PASSWORD).status_code == 429
    assert _attempt(client, COORDINATOR, PASSWORD, address="192.0.2.1").status_code == 303


def test_a_success_clears_the_names_failures(config, client) -> None:
    for _ in range(config.web.login_attempts - 1):
        _attempt(client, COORDINATOR, "sai", address="192.0.2.9")
    assert _attempt(client, COORDINATOR, PASSWORD, address="192.0.2.9").status_code == 303
    client.cookies.clear()
    for _ in range(config.web.login_attempts - 1):
        assert _attempt(client, COORDINATOR, "sai", address="192.0.2.9").status_code == 401
    assert _attempt(client, COORDINATOR, PASSWORD, address="192.0.2.9").status_code == 303
