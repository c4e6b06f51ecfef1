"""From duties and their slots to due-item rows: who owes each slot, streamed.

Every unit string a duty names must resolve before anything is written; what does not is
listed, each on its own line with the plan file, line, ref and the closest names, and the
import stops (``cadence units map "TEXT" ID`` records the answer for next time).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from cadence.catalogue import Lines, Words
from cadence.errors import CadenceError
from cadence.schedule.fanout import Owners, Succession, spans
from cadence.schedule.model import Duty, Slot
from cadence.store.bulk import SlotEncoder
from cadence.store.models import UnitRow
from cadence.units.names import exact_key, joined_parts, variants
from cadence.units.resolve import Resolution, Resolver
from rules.model import Diagnostic, Plan


@dataclass(frozen=True, kw_only=True)
class Assignment:
    duty: Duty
    slots: list[Slot]
    owners: Owners
    notes: tuple[Diagnostic, ...] = field(default=())

    @property
    def items(self) -> int:
        return sum(len(self.owners.on(s.window_end)) for s in self.slots)


def resolve_duties(session: Session, resolver: Resolver, plan: Plan, planned: list[tuple[Duty, list[Slot]]]) -> list[Assignment]:
    """Each duty with the units that owe it; CadenceError listing every unresolved name."""
    result, problems = assign(session, resolver, plan, planned)
    if problems:
        raise CadenceError(Lines(problems.values()))
    return result


def assign(session: Session, resolver: Resolver, plan: Plan,
           planned: list[tuple[Duty, list[Slot]]]) -> tuple[list[Assignment], dict[str, Words]]:
    """Each duty with the units that owe it, and what could not be resolved (by the plan's
    text, each said with where it stands and the closest names)."""
    ids = dict(session.execute(select(UnitRow.code, UnitRow.id)).all())
    successions = {
        row.id: Succession(row.dissolved_on, row.successor_id)
        for row in session.scalars(select(UnitRow).where(UnitRow.dissolved_on.is_not(None)))
    }
    problems: dict[str, Words] = {}
    result = []
    for duty, slots in planned:
        codes, notes = _codes(resolver, plan, duty, problems)
        owners = Owners(spans([ids[c] for c in codes], successions))
        result.append(Assignment(duty=duty, slots=slots, owners=owners, notes=tuple(notes)))
    return result, problems


def unresolved(resolver: Resolver, texts) -> list[str]:
    """The names among ``texts`` that stand for no unit, as units could be made of them: the unit
    outside brackets ("Các cơ quan, đơn vị (kể cả …)" → "Các cơ quan, đơn vị"), the unknown parts
    of "A và B" when some part is known, else the whole. A group with no units is a person's to
    fill, not a new unit."""
    found: dict[str, None] = {}
    for text in texts:
        if not text.strip() or resolver.resolve(text).resolved:
            continue
        parts = joined_parts(text)
        if parts and any(resolver.resolve(part).resolved for part in parts):
            found.update((p, None) for p in parts if not resolver.resolve(p).resolved)
        else:
            readings = variants(text)
            found[readings[1] if len(readings) > 1 else readings[0]] = None
    return _once_each(found)


def _once_each(names) -> list[str]:
    """One name for each body: writings that differ only in spacing, dashes or closing
    punctuation ("Phòng Văn hoá - Xã hội", "Phòng Văn hoá – Xã hội.") make one unit."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(exact_key(name.strip(" .;,")), name)
    return list(kept.values())


def _codes(resolver: Resolver, plan: Plan, duty: Duty, problems: dict[str, Words]) -> tuple[list[str], list[Diagnostic]]:
    codes, notes = [], []
    for text in duty.units:
        found = resolver.resolve(text)
        units = resolver.unit_ids(found.targets)
        if not units:
            problems.setdefault(text, _problem(resolver, plan, duty, found))
            continue
        codes.extend(units)
        if found.how == "fuzzy":
            label = resolver.label(found.targets[0])
            notes.append(Diagnostic(ref=duty.ref, code="unit-fuzzy", args={"text": text, "label": label}, section="schedule"))
    return list(dict.fromkeys(codes)), notes


def _problem(resolver: Resolver, plan: Plan, duty: Duty, found: Resolution) -> Words:
    line = next((a.line for a in plan.activities if a.ref == duty.ref and a.line), 0)
    where = f"{plan.file or 'plan'}" + (f":{line}" if line else "")
    field_name = "from" if duty.period else "lead"
    if found.resolved:
        return Words("errors.units.empty-group", where=where, ref=duty.ref, field=field_name, text=repr(found.text))
    hints = ", ".join(f"{label} {score}" for label, score in found.suggestions) or "—"
    return Words("errors.units.unknown", where=where, ref=duty.ref, field=field_name, text=repr(found.text),
                 hints=hints)


def item_rows(connection: Connection, plan_id: int, assignments: list[Assignment],
              duty_ids: dict[tuple[str, str], int], tracked_from: dt.datetime | None = None) -> Iterator[tuple]:
    """Rows in ``bulk.COLUMNS`` order, one per (slot, owing unit), generated lazily; those due
    before ``tracked_from`` are recorded before tracking."""
    encoder = SlotEncoder(connection, tracked_from)
    for assignment in assignments:
        duty_id = duty_ids[(assignment.duty.ref, assignment.duty.key)]
        head = (plan_id, duty_id)
        for slot in assignment.slots:
            values = encoder.encode(slot)
            for unit in assignment.owners.on(slot.window_end):
                yield head + (unit,) + values
