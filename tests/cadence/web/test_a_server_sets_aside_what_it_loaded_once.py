"""A server takes what the process loaded to start out of the cycle collector's reach, once:
full collections then walk only what requests make. A second server in the same process (a test
run starts many) sets nothing more aside."""
import gc

import pytest

from cadence import collector
from cadence.web import start_web_server


@pytest.fixture
def nothing_set_aside(monkeypatch):
    gc.unfreeze()
    monkeypatch.setattr(collector, "_set_aside", False)
    yield
    gc.unfreeze()


def test_the_first_server_sets_aside_what_is_loaded(nothing_set_aside, store, config, clock) -> None:
    assert gc.get_freeze_count() == 0
    server = start_web_server(config, store, clock=clock, port=0)
    try:
        assert gc.get_freeze_count() > 0
    finally:
        server.stop()


def test_a_second_call_sets_nothing_more_aside(nothing_set_aside) -> None:
    collector.set_aside_what_is_loaded()
    frozen = gc.get_freeze_count()
    made_since = [[n] for n in range(1000)]
    collector.set_aside_what_is_loaded()
    assert frozen > 0 and gc.get_freeze_count() == frozen and len(made_since) == 1000
