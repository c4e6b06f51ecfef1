"""The province plan of 2025, from 1 January, with the province seeded: the PAPI bulletin on
radio has 52 items, for Báo Quảng Ngãi (the former Đài Phát thanh và Truyền hình tỉnh, merged
into it in 2025); the commune radio duty ("UBND cấp xã (Đài Truyền thanh cấp xã)", 1/month)
gives 96 × 12."""
import datetime as dt

from sqlalchemy import func, select

from cadence.store.models import DueItem, DueMoment, GroupMemberRow, GroupRow, UnitRow
from cadence.tz import local_moment
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
    assert {item.unit_id for item in papi} == {_unit(store, "bao-quang-ngai")}
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


def test_items_start_open_and_their_moments_wake_the_daemon_when_their_windows_open(store) -> None:
    with store.transaction() as session:
        load_units(session, NAME)
    imported(store, gold(NAME))
    with store.transaction() as session:
        items = session.scalars(select(DueItem)).all()
        moments = session.scalars(select(DueMoment)).all()
    assert {i.status.value for i in items} == {"open"} and {i.done_count for i in items} == {0}
    assert {(m.due_at, m.window_start) for m in moments} == {(i.due_at, i.window_start) for i in items}
    for moment in moments:
        assert moment.next_action_at == local_moment(moment.window_start, dt.time(0, 0))
        assert (moment.status.value, moment.escalation_level) == ("open", 0)


def _unit(store, code: str) -> int:
    with store.transaction() as session:
        return session.scalar(select(UnitRow.id).where(UnitRow.code == code))
