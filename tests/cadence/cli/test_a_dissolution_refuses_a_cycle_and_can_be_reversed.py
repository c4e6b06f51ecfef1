"""``units dissolve`` refused nothing: A into B, then B into A, left the items of both with no
unit to go to, and nothing could put them back. A cycle (direct or down a chain) is now one
line naming both units; ``units restore`` reverses a dissolution: the unit exists again, the
items that moved to its successor come back (and items retired because the successor had them
reopen), and the dissolution stays recorded, marked restored."""
from __future__ import annotations

import json

import sqlalchemy as sa

from tests.cadence.cli.undo_support import items, office, refused, snapshot  # noqa: F401

NOW = "2026-03-20T09:00"


def _owners(office) -> dict[int, str]:
    return {i["id"]: i["unit"] for i in items(office, "--now", NOW)}


def _units(office) -> list[str]:
    return sorted({i["unit"] for i in items(office, "--now", NOW)})


def test_a_cycle_is_refused_naming_both_units(office, snapshot) -> None:
    first, second, third = _units(office)[:3]
    assert office("units", "dissolve", first, "--into", second, "--on", "2026-07-01", "--now", NOW)[0] == 0
    before = snapshot()
    refused(office("units", "dissolve", second, "--into", first, "--on", "2026-08-01", "--now", NOW),
            f"cannot dissolve {second} into {first}", f"{first} was dissolved")
    assert office("units", "dissolve", second, "--into", third, "--on", "2026-08-01", "--now", NOW)[0] == 0
    refused(office("units", "dissolve", third, "--into", first, "--on", "2026-09-01", "--now", NOW),
            f"cannot dissolve {third} into {first}")
    assert snapshot()["units"] != before["units"]  # the second dissolution, allowed, only


def test_restore_puts_every_item_back(office, database_url) -> None:
    first, second = _units(office)[:2]
    owners = _owners(office)
    code, out, _ = office("units", "dissolve", first, "--into", second, "--on", "2026-07-01", "--now", NOW)
    assert code == 0
    moved = {i for i, unit in _owners(office).items() if unit != owners[i]}
    assert moved and all(owners[i] == first for i in moved)
    code, out, err = office("units", "restore", first, "--now", NOW)
    assert code == 0, err
    assert f"Restored unit {first}: {len(moved)} items came back" in out
    assert _owners(office) == owners
    listing = json.loads(office("units", "list", "--json")[1])
    assert next(u for u in listing if u["id"] == first)["dissolved_on"] is None
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        (restored,) = connection.execute(sa.text("SELECT restored_at FROM dissolutions")).one()
    engine.dispose()
    assert restored is not None
    refused(office("units", "restore", first, "--now", NOW), f"unit {first}: not dissolved")
