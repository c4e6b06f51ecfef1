"""The province plan of 2025, from 1 January, with the 96 communes seeded: the PAPI bulletin on
radio has 52 items; the commune radio duty ("UBND cấp xã (Đài Truyền thanh cấp xã)", 1/month)
gives 96 × 12."""
from sqlalchemy import func, select

from cadence.store.models import DueItem, GroupMemberRow, GroupRow, UnitRow
from tests.cadence.support import gold, imported, items_of, load_units

NAME = "quang-ngai-province-2025"


def test_papi_radio_bulletin_and_commune_radio_duty(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME))
    with store.transaction() as session:
        papi = items_of(session, ref="C.II.12.c", key="produce|Bản tin PAPI|kênh phát thanh|")
        commune_radio = items_of(session, ref="C.I.2.g")
        one_commune = items_of(session, ref="C.I.2.g", unit="xa-tinh-khe")
    assert len(papi) == 52
    assert {item.unit_id for item in papi} == {_unit(store, "dai-ptth")}
    assert len(commune_radio) == 96 * 12
    assert len({item.unit_id for item in commune_radio}) == 96
    assert [item.window_start.month for item in one_commune] == list(range(1, 13))


def test_seeding_the_province_adds_its_96_communes_to_one_group(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
        members = session.scalar(
            select(func.count()).select_from(GroupMemberRow).join(GroupRow).where(GroupRow.name == "UBND cấp xã"))
        ly_son = session.scalar(select(UnitRow).where(UnitRow.name == "Đặc khu Lý Sơn"))
    assert members == 96
    assert ly_son.level == "commune"


def test_items_start_open_with_their_window_as_the_next_action(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME))
    with store.transaction() as session:
        item = session.scalars(select(DueItem).order_by(DueItem.id)).first()
    assert item.status.value == "open" and item.done_count == 0
    assert item.next_action_at.tzinfo is not None and item.due_at.tzinfo is not None
    assert item.next_action_at <= item.due_at


def _unit(store, code: str) -> int:
    with store.transaction() as session:
        return session.scalar(select(UnitRow.id).where(UnitRow.code == code))
