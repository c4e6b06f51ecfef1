"""Due items carry no foreign keys (they cost PostgreSQL a trigger per inserted row; see
cadence.store.models.DueItem), so their references are kept right by construction. This test
checks that on both backends: after a real plan is imported with its units, re-imported with
an activity gone and a cadence changed, and a unit is dissolved into a successor, every item
still refers to a plan, a duty of that same plan, and units that exist."""
from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa

from cadence.store.models import DueItem, DutyRow, PlanRow, UnitRow
from cadence.store.units import dissolve_by_code
from tests.cadence.support import gold, imported, load_units

PLAN = "tra-bong-district-2025"


def test_every_item_refers_to_its_plan_duty_and_units_after_imports_and_a_reorganisation(store) -> None:
    plan = gold(PLAN)
    with store.transaction() as session:
        load_units(session, PLAN)
    imported(store, plan, key=PLAN)
    imported(store, _edited(plan), key=PLAN)
    with store.transaction() as session:
        owner = session.scalar(sa.select(UnitRow.code).join(DueItem, DueItem.unit_id == UnitRow.id).limit(1))
        successor = session.scalar(sa.select(UnitRow.code).where(UnitRow.code != owner).limit(1))
        moved, _ = dissolve_by_code(session, owner, successor, dt.date(2025, 7, 1))
    assert moved > 0
    with store.transaction() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(DueItem)) > 0
        assert _orphans(session) == {"plan": 0, "duty": 0, "unit": 0, "moved_from": 0}


def _edited(plan):
    """The plan revised: its first activity gone, the first rule of the next one with rules
    twice as often."""
    kept = list(plan.activities[1:])
    at = next(i for i, activity in enumerate(kept) if activity.rules)
    rule, *others = kept[at].rules
    kept[at] = dataclasses.replace(kept[at], rules=(dataclasses.replace(rule, count=rule.count * 2), *others))
    return dataclasses.replace(plan, activities=tuple(kept))


def _orphans(session) -> dict[str, int]:
    item, duty, plan = DueItem.__table__, DutyRow.__table__, PlanRow.__table__
    unit, moved_from = UnitRow.__table__.alias("unit"), UnitRow.__table__.alias("moved_from")
    checks = {
        "plan": sa.select(item.c.id).outerjoin(plan, plan.c.id == item.c.plan_id).where(plan.c.id.is_(None)),
        # the duty must exist and belong to the item's own plan
        "duty": sa.select(item.c.id).outerjoin(duty, sa.and_(duty.c.id == item.c.duty_id,
                                                             duty.c.plan_id == item.c.plan_id))
                  .where(duty.c.id.is_(None)),
        "unit": sa.select(item.c.id).outerjoin(unit, unit.c.id == item.c.unit_id).where(unit.c.id.is_(None)),
        "moved_from": sa.select(item.c.id).outerjoin(moved_from, moved_from.c.id == item.c.moved_from_id)
                        .where(item.c.moved_from_id.is_not(None), moved_from.c.id.is_(None)),
    }
    return {name: session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
            for name, query in checks.items()}
