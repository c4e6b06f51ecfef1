"""The units directory as the daemon reads it: units with their people, duties with their scope,
and each plan's coordinating chain, as plain values, a whole batch in a few queries (a national
morning touches every plan and unit: thousands of ids go to PostgreSQL as one array)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.store.ids import one_of
from cadence.store.models import AddressRow, ContactRow, DutyRow, MonitorRow, PlanRow, UnitRow
from cadence.units.model import Contact, ContactRole


@dataclass(frozen=True, slots=True)
class UnitPeople:
    id: int
    code: str
    name: str
    contacts: tuple[Contact, ...]  # the people reminded
    head: tuple[Contact, ...]  # its head, when the directory names one


@dataclass(frozen=True, slots=True)
class DutyInfo:
    id: int
    ref: str
    scope: str | None


Chain = tuple[dict[str, tuple[int, ...]], int | None]  # monitor units by scope, the issuer's unit


def unit_people(session: Session, ids: set[int]) -> dict[int, UnitPeople]:
    """The units ``ids`` with their contacts and head, each person with their addresses."""
    if not ids:
        return {}
    people: dict[int, dict[ContactRole, list[Contact]]] = defaultdict(lambda: defaultdict(list))
    for unit_id, role, name, addresses in _people(session, ids):
        people[unit_id][role].append(Contact(name=name, addresses=tuple(addresses)))
    query = select(UnitRow.id, UnitRow.code, UnitRow.name).where(one_of(session, UnitRow.id, ids))
    return {unit_id: UnitPeople(id=unit_id, code=code, name=name, contacts=tuple(people[unit_id][ContactRole.CONTACT]),
                              head=tuple(people[unit_id][ContactRole.HEAD]))
            for unit_id, code, name in session.execute(query)}


def _people(session: Session, ids: set[int]) -> list[tuple[int, ContactRole, str, list[tuple[str, str]]]]:
    """(unit, role, name, addresses) of each contact of the units that has an address, in the
    order the units file gave them."""
    query = (select(ContactRow.id, ContactRow.unit_id, ContactRow.role, ContactRow.name, AddressRow.channel,
                    AddressRow.address)
             .join(AddressRow, AddressRow.contact_id == ContactRow.id)
             .where(one_of(session, ContactRow.unit_id, ids)).order_by(ContactRow.id, AddressRow.id))
    found: dict[int, tuple[int, ContactRole, str, list[tuple[str, str]]]] = {}
    for contact_id, unit_id, role, name, channel, address in session.execute(query):
        entry = found.get(contact_id)
        if entry is None:
            entry = found[contact_id] = (unit_id, role, name or "", [])
        entry[3].append((channel, address))
    return list(found.values())


def duties_info(session: Session, ids: set[int]) -> dict[int, DutyInfo]:
    if not ids:
        return {}
    query = select(DutyRow.id, DutyRow.ref, DutyRow.scope).where(one_of(session, DutyRow.id, ids))
    return {duty_id: DutyInfo(id=duty_id, ref=ref, scope=scope) for duty_id, ref, scope in session.execute(query)}


def plan_chains(session: Session, plan_ids: set[int]) -> dict[int, Chain]:
    """Each plan's monitor units by scope, and its issuer's unit."""
    monitors = {plan_id: defaultdict(list) for plan_id in plan_ids}
    query = (select(MonitorRow.plan_id, MonitorRow.scope, MonitorRow.unit_id)
             .where(one_of(session, MonitorRow.plan_id, plan_ids)).order_by(MonitorRow.id))
    for plan_id, scope, unit_id in session.execute(query):
        if unit_id is not None and unit_id not in monitors[plan_id][scope]:
            monitors[plan_id][scope].append(unit_id)
    issuers = dict(session.execute(select(PlanRow.id, PlanRow.issuer_unit_id)
                                   .where(one_of(session, PlanRow.id, plan_ids))).all())
    return {plan_id: ({scope: tuple(ids) for scope, ids in by_scope.items()}, issuers.get(plan_id))
            for plan_id, by_scope in monitors.items()}
