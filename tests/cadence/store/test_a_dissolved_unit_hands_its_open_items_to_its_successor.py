"""Reorganisation: in 2025 Việt Nam abolished the district level and Trà Bồng district's duties
passed to communes. A unit dissolved into a successor from a date hands over its open items
from that date; what it did before stays as its history; later imports follow it."""
import datetime as dt

from sqlalchemy import select

from cadence.kinds import ItemStatus
from cadence.store import Completion, CompletionSource, record_completion
from cadence.store.models import DueItem, UnitRow
from cadence.store.units import dissolve_by_code, save_directory
from cadence.units.toml_file import parse_units
from rules.model import Activity, Plan, Rule
from tests.cadence.support import NOW, imported

UNITS = """
[[unit]]
id = "tb-tt-truyen-thong"
name = "Trung tâm Truyền thông - Văn hóa - Thể thao huyện"
level = "agency"

[[unit]]
id = "xa-tra-bong"
name = "Xã Trà Bồng"
level = "commune"
"""
JULY = dt.date(2025, 7, 1)


def _plan() -> Plan:
    radio = Activity(ref="III.1.2.b", title="Chuyên mục phát thanh", lead=("Trung tâm Truyền thông - Văn hóa - Thể thao huyện",),
                     rules=(Rule(count=1, per="month"),))
    return Plan(file="tra-bong.txt", title="KH", issuer="UBND huyện Trà Bồng", year=2025, activities=(radio,))


def _owners(store) -> dict[int, str]:
    with store.transaction() as session:
        rows = session.execute(select(DueItem.window_start, UnitRow.code, DueItem.status, DueItem.moved_from_id)
                               .join(UnitRow, UnitRow.id == DueItem.unit_id).order_by(DueItem.window_start)).all()
    return {start.month: (code, status, moved) for start, code, status, moved in rows}


def test_open_items_from_the_date_move_and_history_stays(store) -> None:
    with store.transaction() as session:
        save_directory(session, parse_units(UNITS))
    imported(store, _plan())
    with store.transaction() as session:
        march = session.scalars(select(DueItem).order_by(DueItem.window_start)).all()[2]
        done = march.due_at  # within March's window, on time
        record_completion(session, Completion(item_id=march.id, done_at=done, source=CompletionSource.CLI), now=done)
        moved, retired = dissolve_by_code(session, "tb-tt-truyen-thong", "xa-tra-bong", JULY)
    owners = _owners(store)
    assert (moved, retired) == (6, 0)
    assert {owners[m][0] for m in range(1, 7)} == {"tb-tt-truyen-thong"}
    assert owners[3][1] is ItemStatus.DONE
    assert {owners[m][0] for m in range(7, 13)} == {"xa-tra-bong"}
    assert all(owners[m][2] is not None for m in range(7, 13))  # moved_from records the old owner


def test_a_later_import_gives_the_successor_the_items_from_the_date(store) -> None:
    with store.transaction() as session:
        save_directory(session, parse_units(UNITS))
        dissolve_by_code(session, "tb-tt-truyen-thong", "xa-tra-bong", JULY)
    imported(store, _plan())
    owners = _owners(store)
    assert [owners[m][0] for m in (6, 7)] == ["tb-tt-truyen-thong", "xa-tra-bong"]


def test_a_units_file_can_record_the_dissolution(store) -> None:
    text = UNITS.replace('level = "agency"', 'level = "agency"\ndissolved = { on = 2025-07-01, into = "xa-tra-bong" }')
    with store.transaction() as session:
        save_directory(session, parse_units(text))
    imported(store, _plan())
    assert _owners(store)[12][0] == "xa-tra-bong"


def test_dissolving_without_a_successor_retires_the_open_items(store) -> None:
    with store.transaction() as session:
        save_directory(session, parse_units(UNITS))
    imported(store, _plan())
    with store.transaction() as session:
        assert dissolve_by_code(session, "tb-tt-truyen-thong", None, JULY) == (0, 6)
    assert {_owners(store)[m][1] for m in range(7, 13)} == {ItemStatus.RETIRED}
