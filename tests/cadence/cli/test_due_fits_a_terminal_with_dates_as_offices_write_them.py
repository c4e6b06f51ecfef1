"""`cadence due` fits 100 columns (it was 180 wide), writes days as dd/mm/yyyy (it wrote ISO
moments), heads each plan's rows with the plan's title, and keeps each item's channel or
report period however long its title."""
from __future__ import annotations

import datetime as dt
import re

from cadence.cli.items import WIDTH, render_table
from cadence.config import Config
from cadence.schedule.states import StatePolicy
from cadence.store import ItemFilter, find_items
from tests.cadence.support import gold, imported, load_units

NAME = "quang-ngai-province-2025"
AT = StatePolicy.from_config(Config()).as_of(dt.datetime(2025, 9, 15, 1, 0, tzinfo=dt.timezone.utc))


def _table(store, lang: str, **where) -> str:
    with store.transaction() as session:
        items = find_items(session, ItemFilter(plan="qn", **where), AT)
    return render_table(items, lang)


def test_the_table_fits_and_writes_days_as_dd_mm_yyyy(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME), key="qn")
    table = _table(store, "vi", unit="bao-quang-ngai", start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= WIDTH == 100
    assert not re.search(r"\d{4}-\d{2}-\d{2}", table)
    assert re.search(r"\b31/03/2025\b", table)
    assert lines[2] == f"# {gold(NAME).title[:60]}"[:len(lines[2])] or lines[2].startswith("# Kế hoạch")
    assert lines[2].endswith("(qn)")
    paper = [line for line in lines if " C.I.2.c " in line]
    assert any("(báo in)" in line for line in paper) and any("(báo điện tử)" in line for line in paper)
    english = _table(store, "en", unit="so-noi-vu")
    assert max(len(line) for line in english.splitlines()) <= WIDTH
    assert "(quarterly)" in english and "(half-yearly)" in english and "(yearly)" in english
