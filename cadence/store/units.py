"""The units directory in the store: saving a units file, recording mappings, reading the
names back for resolution, and reorganisation (a unit dissolved into a successor).

Where a name counts (``cadence.units.resolve``) is its row's ``home_id``: a unit's names count
in the plans of its parent, unless the parent is the province's People's Committee (then
everywhere); a unit made from a plan's names only in its issuer's plans; a group's names in the
plans of the unit it is ``of``."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cadence.catalogue import Words
from cadence.channels import registry
from cadence.errors import CadenceError
from cadence.store.directory import unit_people
from cadence.store.models import (AddressRow, ContactRow, DissolutionRow, DueItem, GroupIncludeRow, GroupMemberRow,
                                  GroupRow, NameRow, UnitRow)
from cadence.store.reorganise import move_open_items, restore_items
from cadence.units.model import Contact, ContactRole, Directory, Group, Level, Unit
from cadence.units.names import exact_key, name_key
from cadence.units.resolve import Name, NameBook, Target, TargetKind


def save_directory(session: Session, directory: Directory, *, keep_contacts: bool = False) -> tuple[int, int]:
    """Add or update every unit and group of a units file; returns (added, updated).
    Units absent from the file stay: they may have history. ``keep_contacts``: a unit given
    without contacts keeps those it has (seeding never forgets an office's contacts)."""
    added = updated = 0
    rows = {}
    for unit in directory.units:
        row = session.scalar(select(UnitRow).where(UnitRow.code == unit.id))
        added, updated = (added + 1, updated) if row is None else (added, updated + 1)
        rows[unit.id] = _save_unit(session, row, unit, keep_contacts=keep_contacts)
    session.flush()
    for unit in directory.units:
        _link_unit(session, rows[unit.id], unit)
    for unit in directory.units:
        names = [("name", unit.name)] + [("alias", a) for a in unit.aliases]
        replace_names(session, names=names, unit_id=rows[unit.id].id, home_id=unit_home(session, rows[unit.id]))
    groups = {g.name: _group_row(session, g.name) for g in directory.groups}
    for group in directory.groups:
        _save_group(session, groups[group.name], group)
    for unit in directory.units:
        _join_groups(session, rows[unit.id], unit)
    return added, updated


def _save_unit(session: Session, row: UnitRow | None, unit: Unit, *, keep_contacts: bool) -> UnitRow:
    row = row or UnitRow(code=unit.id)
    row.name, row.level = unit.name, unit.level.value
    row.made_from = unit.made_from if unit.made_from else (row.made_from if keep_contacts else None)
    session.add(row)
    session.flush()
    if not keep_contacts or unit.contacts or unit.head:
        replace_contacts(session, row.id, [(ContactRole.CONTACT, c) for c in unit.contacts]
                         + ([(ContactRole.HEAD, unit.head)] if unit.head else []))
    return row


def replace_contacts(session: Session, unit_id: int, contacts: list[tuple[ContactRole, Contact]]) -> None:
    """The unit's contacts and head become exactly ``contacts``, each with its addresses."""
    old = select(ContactRow.id).where(ContactRow.unit_id == unit_id).scalar_subquery()
    session.execute(delete(AddressRow).where(AddressRow.contact_id.in_(old)))
    session.execute(delete(ContactRow).where(ContactRow.unit_id == unit_id))
    rows = [ContactRow(unit_id=unit_id, role=role, name=contact.name) for role, contact in contacts]
    session.add_all(rows)
    session.flush()
    session.add_all(AddressRow(contact_id=row.id, channel=kind, address=address)
                    for row, (_, contact) in zip(rows, contacts) for kind, address in contact.addresses)


def _link_unit(session: Session, row: UnitRow, unit: Unit) -> None:
    row.parent_id = _unit_by_code(session, unit.parent, _field_of(unit.id, "parent")).id if unit.parent else None
    if unit.dissolved_on:
        successor = _unit_by_code(session, unit.successor, _field_of(unit.id, "dissolved.into")) if unit.successor else None
        dissolve(session, row, successor, unit.dissolved_on)


def _join_groups(session: Session, row: UnitRow, unit: Unit) -> None:
    for name in unit.groups:
        group = _group_row(session, name)
        if session.get(GroupMemberRow, (group.id, row.id)) is None:
            session.add(GroupMemberRow(group_id=group.id, unit_id=row.id))


def unit_home(session: Session, row: UnitRow) -> int | None:
    """Where the unit's names count: its parent's plans, unless the parent is the province's
    People's Committee or there is none (then everywhere)."""
    if row.parent_id is None:
        return None
    parent = session.get(UnitRow, row.parent_id)
    return None if parent.level == Level.PROVINCE.value and not row.made_from else parent.id


def _save_group(session: Session, row: GroupRow, group: Group) -> None:
    row.owner_id = _unit_by_code(session, group.of, Words("errors.units.the-group", name=repr(group.name))).id if group.of else None
    names = [("name", group.name)] + [("alias", a) for a in group.aliases]
    replace_names(session, group_id=row.id, names=names, home_id=row.owner_id)
    session.execute(delete(GroupIncludeRow).where(GroupIncludeRow.group_id == row.id))
    for name in group.includes:
        session.add(GroupIncludeRow(group_id=row.id, included_id=_group_row(session, name).id))


def _group_row(session: Session, name: str) -> GroupRow:
    row = session.scalar(select(GroupRow).where(GroupRow.name == name))
    row = row or _group_named(session, name)
    if row is None:
        row = GroupRow(name=name)
        session.add(row)
        session.flush()
        replace_names(session, group_id=row.id, names=[("name", name)], home_id=None)
    return row


def replace_names(session: Session, *, names: list[tuple[str, str]], home_id: int | None, unit_id=None,
                   group_id=None) -> None:
    """A unit's (or group's) names and aliases become exactly ``names``, counting at ``home_id``;
    mappings stay. The same words may name other bodies elsewhere, never at the same home."""
    owner = NameRow.unit_id == unit_id if unit_id is not None else NameRow.group_id == group_id
    session.execute(delete(NameRow).where(owner, NameRow.source.in_(("name", "alias"))))
    session.flush()
    for source, text in names:
        key = name_key(text)
        same = session.scalars(select(NameRow).where(NameRow.key == key)).all()
        if any((row.unit_id, row.group_id) == (unit_id, group_id) for row in same):
            continue
        clash = next((row for row in same if exact_key(row.text) == exact_key(text) and row.home_id == home_id), None)
        if clash is not None:  # names that only fold alike ("Ba Tô", "Ba Tơ") may coexist
            raise CadenceError("errors.units.name-taken", name=repr(text), owner=_describe(session, clash))
        session.add(NameRow(key=key, text=text, source=source, unit_id=unit_id, group_id=group_id, home_id=home_id))
        session.flush()


def _describe(session: Session, row: NameRow) -> Words:
    if row.unit_id is not None:
        key = "errors.units.the-unit-mapped" if row.source == "mapping" else "errors.units.the-unit"
        return Words(key, code=repr(session.get(UnitRow, row.unit_id).code))
    return Words("errors.units.the-group", name=repr(session.get(GroupRow, row.group_id).name))


def _field_of(unit: str, field: str) -> Words:
    return Words("errors.units.unit-field", unit=Words("errors.units.the-unit", code=repr(unit)), field=field)


def _unit_by_code(session: Session, code: str, where: str | Words) -> UnitRow:
    row = session.scalar(select(UnitRow).where(UnitRow.code == code))
    if row is None:
        raise CadenceError("errors.units.no-unit-id", where=where, code=repr(code))
    return row


def add_mapping(session: Session, text: str, ident: str) -> Target:
    """Record that the plan string ``text`` means the unit ``ident`` (or the group so named): an
    alias a person gave, kept however units files change, counting where the target's own name
    counts. A mapping is consulted before names, so it also settles names that fold alike."""
    unit = session.scalar(select(UnitRow).where(UnitRow.code == ident))
    group = None if unit else _group_named(session, ident)
    if unit is None and group is None:
        raise CadenceError("errors.units.map-target", ident=repr(ident))
    home = unit_home(session, unit) if unit else group.owner_id
    key = name_key(text)
    rows = session.scalars(select(NameRow).where(NameRow.key == key, _at(home))).all()
    named = [r for r in rows if r.source != "mapping"]
    if len({(r.unit_id, r.group_id) for r in named}) == 1:
        if (named[0].unit_id, named[0].group_id) == ((unit.id, None) if unit else (None, group.id)):
            return _target(unit, group)
        raise CadenceError("errors.units.map-taken", text=repr(text), owner=_describe(session, named[0]))
    row = next((r for r in rows if r.source == "mapping"), None) or NameRow(key=key, source="mapping", home_id=home)
    row.text, row.unit_id, row.group_id = text, unit.id if unit else None, group.id if group else None
    session.add(row)
    session.flush()
    return _target(unit, group)


def _at(home: int | None):
    return NameRow.home_id.is_(None) if home is None else NameRow.home_id == home


def _target(unit: UnitRow | None, group: GroupRow | None) -> Target:
    return Target(TargetKind.UNIT, unit.code) if unit else Target(TargetKind.GROUP, group.name)


def _group_named(session: Session, name: str) -> GroupRow | None:
    named = session.scalars(select(NameRow).where(NameRow.key == name_key(name), NameRow.group_id.is_not(None))).all()
    groups = {row.group_id for row in named}
    return session.get(GroupRow, groups.pop()) if len(groups) == 1 else None


def load_book(session: Session) -> NameBook:
    """Every name in the store, with where each counts, ready for a Resolver. Names are told
    apart by their diacritics (``exact_key``) only under a folded key that stands for several
    targets: any other key needs no telling apart, and at a country's size working out every
    name's exact key was most of the reading."""
    units = session.execute(select(UnitRow.id, UnitRow.code, UnitRow.name, UnitRow.parent_id, UnitRow.made_from)).all()
    codes = {row.id: row.code for row in units}
    made = {row.id for row in units if row.made_from}
    groups = {row.id: row for row in session.execute(select(GroupRow.id, GroupRow.name, GroupRow.owner_id))}
    entries: dict[str, list[Name]] = defaultdict(list)
    texts: dict[str, list[tuple[str, Target]]] = defaultdict(list)
    query = (select(NameRow.key, NameRow.text, NameRow.source, NameRow.unit_id, NameRow.group_id, NameRow.home_id)
             .order_by(NameRow.id))
    for key, text, source, unit_id, group_id, home_id in session.execute(query):
        target = Target(TargetKind.UNIT, codes[unit_id]) if unit_id else Target(TargetKind.GROUP, groups[group_id].name)
        only = home_id is not None and (unit_id in made or group_id is not None)
        entries[key].append(Name(target, home=codes.get(home_id), only_home=only, recorded=source == "mapping"))
        texts[key].append((text, target))
    labels = {Target(TargetKind.UNIT, row.code): row.name for row in units}
    labels.update({Target(TargetKind.GROUP, g.name): g.name for g in groups.values()})
    return NameBook(entries={k: tuple(v) for k, v in entries.items()}, exact=_told_apart(texts),
                    labels=labels, members=_members(session, codes, groups), includes=_includes(session, groups),
                    parents={row.code: codes[row.parent_id] for row in units if row.parent_id in codes})


def _told_apart(texts: dict[str, list[tuple[str, Target]]]) -> dict[str, tuple[Target, ...]]:
    """By ``exact_key``, the targets of the names whose folded key stands for several targets."""
    exact: dict[str, list[Target]] = defaultdict(list)
    for named in texts.values():
        if len({target for _, target in named}) < 2:
            continue
        for text, target in named:
            alike = exact[exact_key(text)]
            if target not in alike:
                alike.append(target)
    return {k: tuple(v) for k, v in exact.items()}


def _members(session: Session, codes: dict[int, str], groups: dict) -> dict[str, tuple[str, ...]]:
    members: dict[str, list[str]] = defaultdict(list)
    for group_id, unit_id in session.execute(select(GroupMemberRow.group_id, GroupMemberRow.unit_id)):
        members[groups[group_id].name].append(codes[unit_id])
    return {g: tuple(sorted(m)) for g, m in members.items()}


def _includes(session: Session, groups: dict) -> dict[str, tuple[str, ...]]:
    includes: dict[str, list[str]] = defaultdict(list)
    for group_id, included in session.execute(select(GroupIncludeRow.group_id, GroupIncludeRow.included_id)):
        includes[groups[group_id].name].append(groups[included].name)
    return {g: tuple(i) for g, i in includes.items()}


def dissolve(session: Session, unit: UnitRow, successor: UnitRow | None, on: dt.date,
             now: dt.datetime | None = None) -> tuple[int, int]:
    """The unit ceases on ``on``: its open items from then on move to the successor (or are
    retired when there is none); its history stays, and the dissolution is recorded with the
    items it touched so that ``restore`` can reverse it. A successor that is itself, or that
    was dissolved into this unit (directly or down a chain), is refused: the items would have
    no unit left to go to. Returns (moved, retired)."""
    if successor is not None and successor.id == unit.id:
        raise CadenceError("errors.units.into-itself", code=repr(unit.code))
    if successor is not None:
        _refuse_cycle(session, unit, successor)
    unit.dissolved_on, unit.successor_id = on, successor.id if successor else None
    session.flush()
    moved, retired = move_open_items(session, unit.id, successor.id if successor else None, on)
    _record_dissolution(session, unit, on, moved, retired, now)
    return len(moved), len(retired)


def _refuse_cycle(session: Session, unit: UnitRow, successor: UnitRow) -> None:
    seen, step = set(), successor
    while step is not None and step.successor_id is not None and step.id not in seen:
        seen.add(step.id)
        if step.successor_id == unit.id:
            raise CadenceError("undo.errors.dissolve-cycle", unit=unit.code, successor=successor.code)
        step = session.get(UnitRow, step.successor_id)


def _record_dissolution(session: Session, unit: UnitRow, on: dt.date, moved: list[int], retired: list[int],
                        now: dt.datetime | None) -> None:
    """One record per dissolution; a units file imported again adds what it moved to the same one."""
    row = _standing_dissolution(session, unit.id)
    if row is not None and row.effective_on == on and row.successor_id == unit.successor_id:
        row.moved_ids, row.retired_ids = (*row.moved_ids, *moved), (*row.retired_ids, *retired)
    else:
        session.add(DissolutionRow(unit_id=unit.id, successor_id=unit.successor_id, effective_on=on,
                                   dissolved_at=now if now is not None else func.now(),
                                   moved_ids=tuple(moved), retired_ids=tuple(retired)))
    session.flush()


def _standing_dissolution(session: Session, unit_id: int) -> DissolutionRow | None:
    return session.scalars(select(DissolutionRow).where(DissolutionRow.unit_id == unit_id,
                                                        DissolutionRow.restored_at.is_(None))
                           .order_by(DissolutionRow.id.desc()).limit(1)).first()


def restore_by_code(session: Session, code: str, now: dt.datetime) -> tuple[int, int]:
    """Reverse the unit's dissolution: it exists again, the items that moved to its successor
    come back (with what was reported on them since), those retired are open again; the
    dissolution stays recorded, marked restored. Returns (moved back, reopened)."""
    unit = _unit_by_code(session, code, "UNIT")
    if unit.dissolved_on is None:
        raise CadenceError("undo.errors.not-dissolved", unit=unit.code)
    record = _standing_dissolution(session, unit.id)
    if record is None:  # dissolved before dissolutions were recorded: what moved still says where from
        moved = tuple(session.scalars(select(DueItem.id).where(DueItem.unit_id == unit.successor_id,
                                                               DueItem.moved_from_id == unit.id)))
        back = restore_items(session, unit.id, unit.successor_id, moved, ())
    else:
        back = restore_items(session, unit.id, record.successor_id, record.moved_ids, record.retired_ids)
        record.restored_at = now
    unit.dissolved_on, unit.successor_id = None, None
    session.flush()
    return back


def listing(session: Session, group: str | None = None) -> list[dict]:
    """Every unit (or those of ``group``) as ``cadence units list --json`` shows it: id, name,
    level, aliases (a person's mappings among them), parent, groups, contacts (each with its
    addresses under the units file's keys), the plan it was made from, and when it was dissolved."""
    query = select(UnitRow).order_by(UnitRow.code)
    if group:
        group_row = session.scalar(select(GroupRow).where(GroupRow.name == group))
        if group_row is None:
            raise CadenceError("errors.units.no-group", name=repr(group))
        query = query.join(GroupMemberRow, GroupMemberRow.unit_id == UnitRow.id).where(GroupMemberRow.group_id == group_row.id)
    units = list(session.scalars(query))
    memberships: dict[int, list[str]] = defaultdict(list)
    for unit_id, name in session.execute(select(GroupMemberRow.unit_id, GroupRow.name).join(GroupRow)):
        memberships[unit_id].append(name)
    aliases: dict[int, list[str]] = defaultdict(list)
    for unit_id, text in session.execute(select(NameRow.unit_id, NameRow.text).where(
            NameRow.unit_id.is_not(None), NameRow.source != "name").order_by(NameRow.id)):
        aliases[unit_id].append(text)
    codes = dict(session.execute(select(UnitRow.id, UnitRow.code)).all())
    people = unit_people(session, {u.id for u in units})
    fields = {kind: plugin.field for kind, plugin in registry().items()}
    return [{"id": u.code, "name": u.name, "level": u.level, "aliases": aliases[u.id],
             "parent": codes.get(u.parent_id), "groups": sorted(memberships[u.id]),
             "contacts": [{"name": c.name} | {fields.get(k, k): a for k, a in c.addresses} for c in people[u.id].contacts],
             "head": [{"name": c.name} | {fields.get(k, k): a for k, a in c.addresses} for c in people[u.id].head],
             "made_from": u.made_from,
             "dissolved_on": u.dissolved_on.isoformat() if u.dissolved_on else None} for u in units]


def dissolve_by_code(session: Session, code: str, into: str | None, on: dt.date,
                     now: dt.datetime | None = None) -> tuple[int, int]:
    unit = _unit_by_code(session, code, "UNIT")
    successor = _unit_by_code(session, into, "--into") if into else None
    return dissolve(session, unit, successor, on, now)


def edit_unit(session: Session, code: str, *, name: str, aliases: list[str], level: Level,
              contacts: list[tuple[ContactRole, Contact]]) -> None:
    """A person's edit of a unit on the units page: its name, aliases, level and people. A unit
    made from a plan that a person edits is theirs now: no longer marked as made from it."""
    row = _unit_by_code(session, code, "UNIT")
    row.name, row.level, row.made_from = name, level.value, None
    session.flush()
    replace_names(session, names=[("name", name)] + [("alias", a) for a in aliases], unit_id=row.id,
                  home_id=unit_home(session, row))
    replace_contacts(session, row.id, contacts)
