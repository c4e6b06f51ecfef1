"""``one_of`` (an array on PostgreSQL, IN on SQLite) finds exactly the rows whose id is among
thousands given, none for an empty list, and composes with other conditions."""
from sqlalchemy import select

from cadence.store.ids import one_of
from cadence.store.models import UnitRow
from cadence.store.units import save_directory
from cadence.units.model import Directory, Level, Unit


def _communes(count: int) -> Directory:
    return Directory(units=tuple(Unit(id=f"xa-{n}", name=f"UBND xã {n}", level=Level.COMMUNE) for n in range(count)))


def test_thousands_of_ids_none_and_a_further_condition(store):
    with store.transaction() as session:
        save_directory(session, _communes(50))
        ids = sorted(session.scalars(select(UnitRow.id)))
        wanted = [*ids[::3], *range(10_000, 14_000)]  # ids that exist, and thousands that do not
        found = session.scalars(select(UnitRow.id).where(one_of(session, UnitRow.id, wanted)).order_by(UnitRow.id))
        assert list(found) == ids[::3]
        assert session.scalars(select(UnitRow.id).where(one_of(session, UnitRow.id, []))).all() == []
        named = select(UnitRow.code).where(one_of(session, UnitRow.id, iter(ids)), UnitRow.code == "xa-7")
        assert session.scalars(named).all() == ["xa-7"]
