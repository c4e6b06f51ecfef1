"""Checks before a province is seeded: one database holds one province's own bodies."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.errors import CadenceError
from cadence.store.models import UnitRow
from cadence.units.model import Directory, Level


def check_one_province(session: Session, directory: Directory) -> None:
    """Refuse to seed a province whose People's Committee id another province's holds: the
    agencies' ids ("so-noi-vu") would mix two provinces."""
    heads = [unit for unit in directory.units if unit.level is Level.PROVINCE]
    for head in heads:
        row = session.scalar(select(UnitRow).where(UnitRow.code == head.id))
        if row is not None and row.name != head.name:
            raise CadenceError("intake.errors.other-province", held=row.name, asked=head.name)
