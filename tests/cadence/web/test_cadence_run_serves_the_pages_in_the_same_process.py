"""`cadence run` starts the pages as one of its services (cadence.web.service.start, handed to
cadence.daemon.loop.serve) when [web] enabled, on the daemon's clock, and stops them with it."""
from __future__ import annotations

import socket

import httpx
import pytest

from cadence.daemon.loop import real_clock, start_services
from cadence.links import completion_url, token_of
from cadence.web.service import start as pages
from tests.cadence.web.conftest import START, web_config


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_daemons_services_include_the_pages(seeded, tmp_path) -> None:
    port = _free_port()
    stops = start_services((pages,), web_config(tmp_path, web={"port": port}), seeded.store, real_clock)
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/login").status_code == 200
    finally:
        for stop in stops:
            stop()
    assert len(stops) == 1


def test_no_pages_when_web_is_off(seeded, tmp_path) -> None:
    assert start_services((pages,), web_config(tmp_path, web={"enabled": False}), seeded.store, real_clock) == []


@pytest.mark.parametrize("clock, status", [(lambda: START, 200), (real_clock, 410)], ids=["daemon's clock", "real time"])
def test_the_pages_read_links_on_the_daemons_clock(seeded, tmp_path, clock, status) -> None:
    """Under `cadence run --now 2025-09-15…` a link written by the daemon works on its pages:
    they judge its expiry by the daemon's clock, not by the machine's (where it expired long ago)."""
    port = _free_port()
    config = web_config(tmp_path, web={"port": port})
    item = seeded.items_of("ls-tt-truyen-thong")[0]
    token = token_of(completion_url(config, [item], seeded.item(item).unit_id, START))
    stops = start_services((pages,), config, seeded.store, clock)
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/l/{token}").status_code == status
    finally:
        for stop in stops:
            stop()
