"""`plan import --create-units`: a name the plan writes in two ways (an en dash and a hyphen,
"Văn hoá" and "Văn hóa", a capital or not, a closing full stop) is one new unit, not two and
not an error."""
from sqlalchemy import select

from cadence.store.models import UnitRow
from tests.cadence.support import imported, plan_file, seed_province
from cadence.sources import read_plan_file


def test_ly_son_makes_one_unit_for_each_body_it_names(store) -> None:
    with store.transaction() as session:
        seed_province(session)
    result = imported(store, read_plan_file(plan_file("ly-son-special-zone-2025")), key="ly-son", create_units=True)
    made = [name for _, name in result.made_units]
    with store.transaction() as session:
        named = session.scalars(select(UnitRow.name).where(UnitRow.made_from == "ly-son")).all()
    assert sorted(named) == sorted(made)
    culture = [n for n in made if n.startswith("Phòng Văn ho")]
    centre = [n for n in made if n.startswith("Trung tâm Truyền thông")]
    assert len(culture) == 1 and len(centre) == 1, made
