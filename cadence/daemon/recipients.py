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

from cadence.kinds import Rung
from cadence.store import Transaction
from cadence.store.directory import Chain, DutyInfo, UnitPeople, duties_info, plan_chains, unit_people
from cadence.units.model import Contact
from rules.model import Scope

_ALL = Scope.ALL.value


class Directory:
    """Units, duties and plans as the daemon needs them, cached for one pass."""

    def __init__(self) -> None:
        self._units: dict[int, UnitPeople] = {}
        self._duties: dict[int, DutyInfo] = {}
        self._plans: dict[int, Chain] = {}
        self._rungs: dict[tuple, tuple[tuple[int, ...], tuple[Contact, ...]]] = {}  # (rung, plan, scope) → units, people

    def load(self, session: Transaction, *, units=(), duties=(), plans=()) -> None:
        """Fetch what the cache lacks of these ids, and the units the plans' chains name, in a
        few queries for a whole batch (a national morning touches every plan and unit)."""
        new_plans = {p for p in plans if p not in self._plans}
        if new_plans:
            self._plans.update(plan_chains(session, new_plans))
        chain = {u for p in new_plans for ids in self._plans[p][0].values() for u in ids}
        chain.update(self._plans[p][1] for p in new_plans if self._plans[p][1] is not None)
        self._units.update(unit_people(session, {u for u in (*units, *chain) if u not in self._units}))
        self._duties.update(duties_info(session, {d for d in duties if d not in self._duties}))

    def unit(self, unit_id: int) -> UnitPeople:
        return self._units[unit_id]

    def duty(self, duty_id: int) -> DutyInfo:
        return self._duties[duty_id]

    def people(self, session: Transaction, rung: Rung, *, unit_id: int, plan_id: int, scope: str | None) -> tuple[Contact, ...]:
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

    def _rung(self, session: Transaction, rung: Rung, plan_id: int, scope: str | None) -> tuple[tuple[int, ...], tuple]:
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

    def plan_audience(self, session: Transaction, plan_id: int) -> tuple[tuple[int, ...], int | None]:
        """(monitor unit ids, issuer unit id) of a plan, for the digest."""
        self.load(session, plans=(plan_id,))
        monitors, issuer = self._plans[plan_id]
        return tuple(dict.fromkeys(u for ids in monitors.values() for u in ids)), issuer


def monitors_for(monitors: dict[str, tuple[int, ...]], scope: str | None) -> tuple[int, ...]:
    """The monitors of a task's scope (and those for all scopes); all of them when none match."""
    found = [u for s, ids in monitors.items() if s == scope or s == _ALL for u in ids]
    if not found:
        found = [u for ids in monitors.values() for u in ids]
    return tuple(dict.fromkeys(found))
