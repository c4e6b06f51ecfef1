"""Saving a contacts file (``cadence.units.contacts_file``) to the directory, and finding the
units nobody would hear about.

Each row names its unit by id ("Mã đơn vị") or by name, matched as plans' names are (any name
or alias, folded; close OCR-like damage); a name that stands for no single unit is refused
with the row and the closest names. The units a file names get exactly the file's people;
units it does not name keep theirs."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from cadence.catalogue import Lines, Words
from cadence.errors import CadenceError
from cadence.kinds import ItemStatus
from cadence.store.models import AddressRow, ContactRow, DueItem, UnitRow
from cadence.store.units import load_book, replace_contacts
from cadence.units.contacts_file import ContactLine
from cadence.units.model import ContactRole
from cadence.units.resolve import Resolver, TargetKind


@dataclass(frozen=True, kw_only=True)
class ContactsSaved:
    units: int
    people: int


def save_contacts(session: Session, lines: list[ContactLine], *, file: str) -> ContactsSaved:
    """Give each unit the file names exactly the file's people; CadenceError naming each row
    whose unit is unknown, nothing saved."""
    resolver = Resolver(load_book(session))
    ids = dict(session.execute(select(UnitRow.code, UnitRow.id)).all())
    people: dict[int, list] = defaultdict(list)
    problems = []
    for line in lines:
        unit_id = ids.get(line.unit_id) if line.unit_id else _unit_of(resolver, ids, line.unit)
        if unit_id is None:
            problems.append(_unknown(resolver, line, file))
            continue
        people[unit_id].append((line.role, line.contact))
    if problems:
        raise CadenceError(Lines(problems))
    for unit_id, contacts in people.items():
        ordered = [c for c in contacts if c[0] is ContactRole.CONTACT] + [c for c in contacts if c[0] is ContactRole.HEAD]
        replace_contacts(session, unit_id, ordered)
    return ContactsSaved(units=len(people), people=sum(len(c) for c in people.values()))


def _unit_of(resolver: Resolver, ids: dict[str, int], text: str) -> int | None:
    found = resolver.resolve(text)
    if len(found.targets) != 1 or found.targets[0].kind is not TargetKind.UNIT:
        return None
    return ids.get(found.targets[0].ident)


def _unknown(resolver: Resolver, line: ContactLine, file: str) -> Words:
    if line.unit_id:
        return Words("contacts.row", place=f"{file}:{line.line}", problem=Words("contacts.no-such-id", code=repr(line.unit_id)))
    hints = ", ".join(label for label, _ in resolver.suggestions(line.unit)) or "—"
    return Words("contacts.row", place=f"{file}:{line.line}",
                 problem=Words("contacts.unknown-unit", text=repr(line.unit), hints=hints))


@dataclass(frozen=True, kw_only=True)
class Unreached:
    """A unit with nobody to tell: its id, its name, and how many open items it owes."""

    code: str
    name: str
    open_items: int


def nobody_to_tell(session: Session) -> tuple[list[Unreached], int]:
    """The units that owe open items and have no contact with an address (their reminders go
    nowhere), most items first; and how many units in all have nobody."""
    reached = exists().where(ContactRow.unit_id == UnitRow.id, AddressRow.contact_id == ContactRow.id)
    lonely = select(UnitRow.id, UnitRow.code, UnitRow.name).where(~reached, UnitRow.dissolved_on.is_(None))
    rows = session.execute(lonely).all()
    counts = dict(session.execute(select(DueItem.unit_id, func.count()).where(DueItem.status == ItemStatus.OPEN)
                                  .group_by(DueItem.unit_id)).all())
    owing = [Unreached(code=code, name=name, open_items=counts[unit_id]) for unit_id, code, name in rows if counts.get(unit_id)]
    return sorted(owing, key=lambda u: (-u.open_items, u.code)), len(rows)
