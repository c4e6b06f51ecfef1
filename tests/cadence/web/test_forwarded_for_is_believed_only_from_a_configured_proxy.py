"""X-Forwarded-For is believed only from a proxy named in [web] trusted_proxies, and then read
from the right. Believed from anyone on this machine, as uvicorn does by default, it let a
client choose its own address with each request and escape the per-address log-in limit."""
from __future__ import annotations

import ipaddress

import pytest

from cadence.web.addresses import client_address
from tests.cadence.web.conftest import COORDINATOR, PASSWORD, csrf_of, web_config

PROXIES = [ipaddress.ip_network(text) for text in ("127.0.0.1/32", "10.0.0.0/8")]


@pytest.mark.parametrize(("peer", "headers", "proxies", "expected"), [
    ("127.0.0.1", ["198.51.100.7"], [], "127.0.0.1"),  # no proxy trusted: the header means nothing
    ("203.0.113.9", ["198.51.100.7"], PROXIES, "203.0.113.9"),  # the peer is no proxy of ours
    ("127.0.0.1", ["198.51.100.7"], PROXIES, "198.51.100.7"),
    ("127.0.0.1", ["1.2.3.4, 198.51.100.7, 10.0.0.2"], PROXIES, "198.51.100.7"),  # 1.2.3.4: the client's own words
    ("127.0.0.1", ["1.2.3.4", "198.51.100.7"], PROXIES, "198.51.100.7"),  # several headers, in order
    ("127.0.0.1", ["10.0.0.3, 10.0.0.2"], PROXIES, "10.0.0.3"),  # only proxies: the farthest of them
    ("127.0.0.1", ["198.51.100.7, nonsense"], PROXIES, "127.0.0.1"),  # a malformed hop ends the walk
    ("::ffff:127.0.0.1", ["2001:db8::5"], PROXIES, "2001:db8::5"),  # dual-stack sockets name IPv4 so
    ("127.0.0.1", [], PROXIES, "127.0.0.1"),
])
def test_the_client_is_the_rightmost_address_no_trusted_proxy_wrote(peer, headers, proxies, expected) -> None:
    assert client_address(peer, headers, proxies) == expected


def _attempt(client, name: str, password: str, forwarded_for: str):
    page = client.get("/login", headers={"X-Forwarded-For": forwarded_for})
    return client.post("/login", headers={"X-Forwarded-For": forwarded_for},
                       data={"csrf": csrf_of(page.text), "name": name, "password": password, "next": "/board"})


class TestNoProxyConfigured:
    @pytest.fixture
    def config(self, tmp_path):
        return web_config(tmp_path, web={"login_attempts_per_address": 3})

    def test_a_client_that_names_a_new_address_each_time_is_still_limited_by_its_own(self, config, client) -> None:
        for n in range(config.web.login_attempts_per_address):
            assert _attempt(client, f"ten-doan-{n}", "sai", f"198.51.100.{n}").status_code == 401
        limited = _attempt(client, COORDINATOR, PASSWORD, "192.0.2.250")
        assert limited.status_code == 429 and "cadence_session" not in limited.cookies


class TestBehindATrustedProxy:
    @pytest.fixture
    def config(self, tmp_path):
        return web_config(tmp_path, web={"login_attempts_per_address": 3, "trusted_proxies": ["127.0.0.1"]})

    def test_the_addresses_the_proxy_saw_are_limited_apart(self, config, client) -> None:
        for n in range(config.web.login_attempts_per_address):
            assert _attempt(client, f"ten-doan-{n}", "sai", "198.51.100.1").status_code == 401
        assert _attempt(client, COORDINATOR, PASSWORD, "198.51.100.1").status_code == 429
        # What the client wrote left of the proxy's entry changes nothing.
        assert _attempt(client, COORDINATOR, PASSWORD, "192.0.2.77, 198.51.100.1").status_code == 429
        assert _attempt(client, COORDINATOR, PASSWORD, "192.0.2.1").status_code == 303
