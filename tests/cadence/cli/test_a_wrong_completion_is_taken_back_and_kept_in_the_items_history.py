"""A wrong completion can be taken back: ``cadence done --undo ITEM --reason …`` returns the item
to the state the schedule gives it without the completion (here missed, since its due moment
is past), keeps the completion in the item's history marked undone (when, by whom, why), and
the item can then be completed again. Without a reason, or with nothing to undo, it is one line
and nothing changes."""
from __future__ import annotations

import sqlalchemy as sa

from cadence.store.history import completions_of
from cadence.store.session import make_engine
from sqlalchemy.orm import Session
from tests.cadence.cli.undo_support import item, items, office, refused, snapshot  # noqa: F401

NOW = "2026-03-20T09:00"


def _history(database_url: str, item_id: int):
    engine = make_engine(database_url)
    with Session(engine) as session:
        found = completions_of(session, item_id)
    engine.dispose()
    return found


def test_undo_reopens_the_item_and_keeps_the_completion_as_history(office, database_url) -> None:
    target = next(i for i in items(office, "--now", NOW) if i["window_start"] >= "2026-03-01" and i["state"] == "missed")
    day = target["window_start"]
    assert office("done", str(target["id"]), "--at", day, "--by", "vanthu", "--now", NOW)[0] == 0
    assert item(office, target["id"], NOW)["state"] in ("done", "late")
    code, out, err = office("done", "--undo", str(target["id"]), "--reason", "báo nhầm mục", "--by", "dieuphoi",
                            "--now", NOW)
    assert code == 0, err
    assert f"Undid the completion of item {target['id']}" in out and "báo nhầm mục" in out and "Overdue" in out
    after = item(office, target["id"], NOW)
    assert (after["status"], after["state"], after["done_count"], after["completed_at"]) == ("open", "missed", 0, None)
    (entry,) = _history(database_url, target["id"])
    assert (entry.actor, entry.undone_by, entry.undo_reason) == ("vanthu", "dieuphoi", "báo nhầm mục")
    assert entry.undone_at is not None
    assert office("done", str(target["id"]), "--at", day, "--now", NOW)[0] == 0  # and it can be completed again
    assert item(office, target["id"], NOW)["state"] in ("done", "late")
    assert len(_history(database_url, target["id"])) == 2


def test_undo_without_a_reason_or_with_nothing_to_undo_changes_nothing(office, snapshot) -> None:
    target = next(i for i in items(office, "--now", NOW) if i["window_start"] >= "2026-03-01")
    before = snapshot()
    refused(office("done", "--undo", str(target["id"]), "--reason", "nhầm", "--now", NOW),
            f"item {target['id']}: no completion to undo")
    assert office("done", str(target["id"]), "--at", target["window_start"], "--now", NOW)[0] == 0
    middle = snapshot()
    refused(office("done", "--undo", str(target["id"]), "--now", NOW), "give a reason")
    refused(office("done", "--undo", str(target["id"]), "--reason", "  ", "--now", NOW), "give a reason")
    refused(office("done", "--undo", "99999999", "--reason", "nhầm", "--now", NOW), "item 99999999: no such due item")
    assert snapshot() == middle != before
