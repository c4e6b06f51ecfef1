"""Python's cycle collector rests while rows are made in bulk (a plan's import, the daemon's
item step) and is given back as it was found: on after the step, on after a step that broke,
off if it was off. Composing and sending run with it on."""
import datetime as dt
import gc

import pytest

from cadence.collector import collector_paused


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


def test_back_on_after_a_step_that_broke():
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the database went away")
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def _watching(seen: dict, name: str, step):
    def watched(*args, **kwargs):
        seen.setdefault(name, set()).add(gc.isenabled())
        return step(*args, **kwargs)
    return watched


def test_only_the_item_step_of_a_pass_runs_with_the_collector_paused(database_url, tmp_path, monkeypatch):
    from cadence.daemon import passes
    from tests.cadence.daemon_support import office

    seen: dict = {}
    for name, step in (("items", "handle_one_item_batch"), ("compose", "handle_one_composition"),
                       ("send", "handle_one_send_batch")):
        monkeypatch.setattr(passes, step, _watching(seen, name, getattr(passes, step)))
    gc.enable()
    with office(database_url, tmp_path, "[digest]\nenabled = false\n", start="2025-09-15") as o:
        assert o.tick("2025-09-16T08:00").sent == 3
    assert seen == {"items": {False}, "compose": {True}, "send": {True}} and gc.isenabled()


def test_an_import_runs_with_the_collector_paused_and_gives_it_back(store, monkeypatch):
    from cadence.store import plans
    from tests.cadence.support import gold, imported, load_units

    seen: dict = {}
    monkeypatch.setattr(plans, "write_rows", _watching(seen, "write", plans.write_rows))
    monkeypatch.setattr(plans, "load_book", _watching(seen, "names", plans.load_book))
    with store.transaction() as session:
        load_units(session, "ly-son-special-zone-2025")
    gc.enable()
    result = imported(store, gold("ly-son-special-zone-2025"))
    assert result.counts.created > 0
    assert seen == {"write": {False}, "names": {False}} and gc.isenabled()


def test_an_import_that_fails_gives_the_collector_back(store):
    from cadence.errors import CadenceError
    from tests.cadence.support import gold, imported

    gc.enable()
    with pytest.raises(CadenceError):
        imported(store, gold("ly-son-special-zone-2025"), start=dt.date(2031, 1, 1))
    assert gc.isenabled()
