"""Units made from a plan (``plan import --create-units``, or "create a unit" on the intake
page): a name the directory does not know becomes a unit of the kind its type words give,
inside the plan's issuer, marked as made from that plan and with no one to tell yet. Its name
counts only in the issuer's plans: another commune's "Phòng Văn hoá – Xã hội" is another
body."""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.store.models import UnitRow
from cadence.store.units import replace_names, unit_home
from cadence.units.kinds import level_of
from cadence.units.model import Level
from cadence.units.names import name_key

_SLUG_LENGTH = 60


def make_unit(session: Session, name: str, *, plan_key: str, parent: UnitRow | None) -> UnitRow:
    """A new unit named ``name`` (as the plan writes it), inside ``parent`` (the plan's issuer)."""
    name = " ".join(name.split()).strip(" .;,")
    within = parent.code if parent is not None and parent.level != Level.PROVINCE.value else None
    code = free_code(session, slug(name, within=within))
    row = UnitRow(code=code, name=name, level=level_of(name).value, parent_id=parent.id if parent else None,
                  made_from=plan_key)
    session.add(row)
    session.flush()
    replace_names(session, names=[("name", name)], unit_id=row.id, home_id=unit_home(session, row))
    return row


def slug(name: str, *, within: str | None = None) -> str:
    """An id from a name: folded words joined by dashes ("phong-van-hoa-xa-hoi"), after the id of
    the unit it sits in when the name only counts there."""
    words = re.sub(r"[^a-z0-9 ]+", " ", name_key(name)).split()
    base = "-".join(words)[:_SLUG_LENGTH].strip("-") or "don-vi"
    return f"{within}.{base}" if within else base


def free_code(session: Session, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3``… if a unit already has it."""
    taken = set(session.scalars(select(UnitRow.code).where(UnitRow.code.startswith(wanted))))
    code, n = wanted, 1
    while code in taken:
        n += 1
        code = f"{wanted}-{n}"
    return code
