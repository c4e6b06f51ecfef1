"""A pass holds Python's cycle collector off while its item step works through the due moments
and gives it back as it found it: on after the step, on after a step that broke, off if it was
off. Composing and sending run with it on."""
import gc

import pytest

from cadence.daemon.passes import collector_paused


@pytest.fixture(autouse=True)
def _collector_restored():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_paused_inside_and_back_on_after():
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_a_pass_that_broke():
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the database went away")
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_only_the_item_step_runs_with_the_collector_paused(
        database_url, tmp_path, monkeypatch):
    from cadence.daemon import passes
    from tests.cadence.daemon_support import office

    seen = {}

    def watching(name, step):
        def watched(*args):
            seen.setdefault(name, set()).add(gc.isenabled())
            return step(*args)
        return watched

    monkeypatch.setattr(passes, "handle_one_item_batch", watching("items", passes.handle_one_item_batch))
    monkeypatch.setattr(passes, "handle_one_composition", watching("compose", passes.handle_one_composition))
    monkeypatch.setattr(passes, "handle_one_send_batch", watching("send", passes.handle_one_send_batch))
    gc.enable()
    with office(database_url, tmp_path, "[digest]\nenabled = false\n", start="2025-09-15") as o:
        assert o.tick("2025-09-16T08:00").sent == 3
    assert seen == {"items": {False}, "compose": {True}, "send": {True}} and gc.isenabled()
