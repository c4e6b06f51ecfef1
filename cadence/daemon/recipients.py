"""Who is told: the units directory and the plan's coordinating chain, read once per pass.

The chain of a miss, rung by rung: the unit's contacts (the people who were reminded), the
unit's head, the plan's monitor (đầu mối) for the task's scope, the authority that issued the
plan. A plan may name several monitors for a scope (the province plan names Sở Văn hóa, Thể
thao và Du lịch and the Văn phòng UBND tỉnh for CCHC): all of them hear of it. A monitor "for
all" matches any scope; a task whose scope no monitor covers goes to all the plan's monitors.
A unit is never escalated to itself as its own monitor (that rung is then recorded with
nobody to tell).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.kinds import Rung
from cadence.store.ids import one_of
from cadence.store.models import ContactRow, DutyRow, MonitorRow, PlanRow, UnitRow
from rules.model import Scope

_ALL = Scope.ALL.value


@dataclass(frozen=True, slots=True)
class Person:
    """Someone to tell, with an address per channel kind; a blank address is no address."""

    name: str
    addresses: tuple[tuple[str, str], ...]  # (channel kind, address)

    def address(self, kind: str) -> str | None:
        return next((address for k, address in self.addresses if k == kind), None)


def person(name: str | None, addresses) -> Person:
    return Person(name=name or "", addresses=tuple((k, a.strip()) for k, a in addresses if a and a.strip()))


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    code: str
    name: str
    contacts: tuple[Person, ...]
    head: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class DutyInfo:
    id: int
    ref: str
    scope: str | None


class Directory:
    """Units, duties and plans as the daemon needs them, cached for one pass."""

    def __init__(self) -> None:
        self._units: dict[int, UnitInfo] = {}
        self._duties: dict[int, DutyInfo] = {}
        self._plans: dict[int, tuple[dict[str, tuple[int, ...]], int | None]] = {}
        self._rungs: dict[tuple, tuple[tuple[int, ...], tuple[Person, ...]]] = {}  # (rung, plan, scope) → units, people

    def load(self, session: Session, *, units=(), duties=(), plans=()) -> None:
        """Fetch what the cache lacks of these ids, and the units the plans' chains name, in a
        few queries for a whole batch (a national morning touches every plan and unit)."""
        new_plans = {p for p in plans if p not in self._plans}
        if new_plans:
            self._plans.update(_plan_chains(session, new_plans))
        chain = {u for p in new_plans for ids in self._plans[p][0].values() for u in ids}
        chain.update(self._plans[p][1] for p in new_plans if self._plans[p][1] is not None)
        self._load_units(session, {u for u in (*units, *chain) if u not in self._units})
        self._load_duties(session, {d for d in duties if d not in self._duties})

    def unit(self, unit_id: int) -> UnitInfo:
        return self._units[unit_id]

    def duty(self, duty_id: int) -> DutyInfo:
        return self._duties[duty_id]

    def people(self, session: Session, rung: Rung, *, unit_id: int, plan_id: int, scope: str | None) -> tuple[Person, ...]:
        """Who hears of a miss of ``unit_id``'s item at this rung."""
        if rung is Rung.CONTACTS:
            return self.unit(unit_id).contacts
        if rung is Rung.HEAD:
            return self.unit(unit_id).head
        units, people = self._rung(session, rung, plan_id, scope)
        if unit_id not in units:
            return people
        return tuple(p for u in units if u != unit_id for p in self.unit(u).contacts)  # never told of its own miss

    @staticmethod
    def audience(rung: Rung, *, unit_id: int, plan_id: int, scope: str | None) -> tuple:
        """(unit, plan, scope) reduced to what ``people`` depends on at this rung: items with the
        same audience are told to the same people, so they are worked out once."""
        if rung in (Rung.CONTACTS, Rung.HEAD):
            return unit_id, None, None
        return unit_id, plan_id, scope if rung is Rung.MONITOR else None

    def _rung(self, session: Session, rung: Rung, plan_id: int, scope: str | None) -> tuple[tuple[int, ...], tuple]:
        """The units a plan's monitor or issuer rung names for a scope, and their people; worked
        out once a pass (a national morning asks tens of thousands of times)."""
        key = (rung, plan_id, scope)
        if key not in self._rungs:
            self.load(session, plans=(plan_id,))  # with the units of its chain
            monitors, issuer = self._plans[plan_id]
            units = tuple(u for u in (monitors_for(monitors, scope) if rung is Rung.MONITOR else (issuer,))
                          if u is not None)
            self._rungs[key] = units, tuple(p for u in units for p in self.unit(u).contacts)
        return self._rungs[key]

    def plan_audience(self, session: Session, plan_id: int) -> tuple[tuple[int, ...], int | None]:
        """(monitor unit ids, issuer unit id) of a plan, for the digest."""
        self.load(session, plans=(plan_id,))
        monitors, issuer = self._plans[plan_id]
        return tuple(dict.fromkeys(u for ids in monitors.values() for u in ids)), issuer

    def _load_units(self, session: Session, ids: set[int]) -> None:
        if not ids:
            return
        contacts = defaultdict(list)
        query = (select(ContactRow.unit_id, ContactRow.name, ContactRow.email, ContactRow.phone)
                 .where(one_of(session, ContactRow.unit_id, ids)).order_by(ContactRow.id))
        for unit_id, name, email, phone in session.execute(query):
            contacts[unit_id].append(person(name, (("email", email), ("sms", phone))))
        query = select(UnitRow.id, UnitRow.code, UnitRow.name, UnitRow.head_name, UnitRow.head_email,
                       UnitRow.head_phone).where(one_of(session, UnitRow.id, ids))
        for unit_id, code, name, head_name, head_email, head_phone in session.execute(query):
            head = (person(head_name, (("email", head_email), ("sms", head_phone))),) if head_email or head_phone else ()
            self._units[unit_id] = UnitInfo(id=unit_id, code=code, name=name, contacts=tuple(contacts[unit_id]),
                                            head=head)

    def _load_duties(self, session: Session, ids: set[int]) -> None:
        if ids:
            query = select(DutyRow.id, DutyRow.ref, DutyRow.scope).where(one_of(session, DutyRow.id, ids))
            for duty_id, ref, scope in session.execute(query):
                self._duties[duty_id] = DutyInfo(id=duty_id, ref=ref, scope=scope)


def _plan_chains(session: Session, plan_ids: set[int]) -> dict[int, tuple[dict[str, tuple[int, ...]], int | None]]:
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


def monitors_for(monitors: dict[str, tuple[int, ...]], scope: str | None) -> tuple[int, ...]:
    """The monitors of a task's scope (and those for all scopes); all of them when none match."""
    found = [u for s, ids in monitors.items() if s == scope or s == _ALL for u in ids]
    if not found:
        found = [u for ids in monitors.values() for u in ids]
    return tuple(dict.fromkeys(found))
