"""A client that sends its request a byte at a time (the "slow loris") used to hold a connection
for as long as it liked: uvicorn times out only idle kept-alive connections. Now the headers
must be in within [web] header_seconds and the whole request within body_seconds.

A raw socket on loopback keeps sending, a byte every tenth of a second, well under any idle
timeout; the server must close it. The bound is generous (30 s for a 1 s deadline): the test
asserts that the server closes, not how fast."""
from __future__ import annotations

import select
import socket
import time

import pytest

from tests.cadence.web.conftest import web_config

GENEROUS = 30.0


@pytest.fixture
def config(tmp_path):
    return web_config(tmp_path, web={"header_seconds": 1, "body_seconds": 2, "keep_alive_seconds": 5})


def _trickle(server, head: bytes, drip: bytes) -> bool:
    """Send ``head``, then ``drip`` a byte at a time; True once the server has closed."""
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(head)
        give_up = time.monotonic() + GENEROUS
        for byte in (drip * 10_000)[: 10_000]:
            if time.monotonic() > give_up:
                return False
            readable, _, _ = select.select([sock], [], [], 0.1)
            try:
                if readable and sock.recv(4096) == b"":
                    return True
                sock.sendall(bytes([byte]))
            except (ConnectionResetError, BrokenPipeError):
                return True
    return False


def test_headers_sent_slowly_are_cut_off(server) -> None:
    assert _trickle(server, b"GET /login HTTP/1.1\r\nHost: x\r\n", b"X-Slow: aaaaaaaaaaaaaaaaaaaaaaa")


def test_a_body_sent_slowly_is_cut_off(server) -> None:
    head = (b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 100000\r\n\r\n")
    assert _trickle(server, head, b"name=a&")


def test_a_request_sent_at_once_is_answered_and_the_connection_kept(server) -> None:
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        for _ in range(2):
            sock.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while b"</html>" not in answer:
                chunk = sock.recv(65536)
                assert chunk, "the server closed a connection that sent its request at once"
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200")
