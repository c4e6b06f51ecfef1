"""The schedule a plan would make, worked out without writing anything: items per unit per
month, each duty's first due moments, and each declared total against its cadence; and the
names that stand for no unit yet, with the closest names of their kind. What the intake page
shows before a coordinator approves."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.config import Config, TotalsPolicy
from cadence.schedule import duties_of, plan_span, slots_for
from cadence.schedule.model import output_label
from cadence.store.materialise import assign, unresolved
from cadence.store.models import UnitRow
from cadence.store.plans import plan_issuer, plan_resolver
from cadence.tz import to_local
from cadence.units.resolve import Target
from rules.model import Diagnostic, Plan

FIRST_DUE = 3  # due moments shown per duty


@dataclass(frozen=True, kw_only=True)
class DutyPreview:
    ref: str
    key: str
    label: str
    kind: str
    rule: dict | None
    units: int
    items: int  # for all its units
    first_due: tuple[dt.datetime, ...]
    declared: int | None  # the yearly total the plan states
    per_unit: int  # items per unit in the range


@dataclass(frozen=True, kw_only=True)
class UnitRowPreview:
    code: str
    name: str
    months: tuple[int, ...]
    total: int


@dataclass(frozen=True, kw_only=True)
class Unknown:
    """A name that stands for no unit, with the closest names of its kind."""

    text: str
    refs: tuple[str, ...]
    suggestions: tuple[tuple[Target, float, str], ...]  # a target, its score, its name


@dataclass(frozen=True, kw_only=True)
class Preview:
    start: dt.date
    end: dt.date
    months: tuple[dt.date, ...]
    rows: tuple[UnitRowPreview, ...]
    duties: tuple[DutyPreview, ...]
    unknown: tuple[Unknown, ...]
    issuer: tuple[str, str] | None  # (id, name) of the unit that issued it, when known
    notes: tuple[Diagnostic, ...]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def preview_plan(session: Session, plan: Plan, *, key: str, config: Config, start: dt.date | None = None,
                 end: dt.date | None = None, follow_declared: bool = False) -> Preview:
    first, last = plan_span(plan)
    start, end = max(start or first, first), min(end or last, last)
    schedule = replace(config.schedule, declared_totals=TotalsPolicy.DECLARED) if follow_declared else config.schedule
    duties, notes = duties_of(plan, schedule)
    planned = [(d, *slots_for(d, start, end, schedule, year=plan.year)) for d in duties]
    notes += [n for _, _, duty_notes in planned for n in duty_notes]
    scheduled = [(d, s) for d, s, _ in planned if s]
    issuer, _ = plan_issuer(session, plan, key=key, config=config)
    resolver = plan_resolver(session, config, issuer)
    assignments, _ = assign(session, resolver, plan, scheduled)
    names = dict(session.execute(select(UnitRow.id, UnitRow.name)).all())
    codes = dict(session.execute(select(UnitRow.id, UnitRow.code)).all())
    months = _months(start, end)
    per_unit: dict[int, Counter] = defaultdict(Counter)
    duty_views = []
    for a in assignments:
        owners = [(slot, a.owners.on(slot.window_end)) for slot in a.slots]
        for slot, units in owners:
            month = to_local(slot.due_at).date().replace(day=1)
            for unit in units:
                per_unit[unit][month] += 1
        unit_count = len({u for _, units in owners for u in units})
        duty_views.append(DutyPreview(
            ref=a.duty.ref, key=a.duty.key, label=output_label(a.duty.title, a.duty.series, a.duty.channel),
            kind=a.duty.kind.value, rule=a.duty.rule.to_json() if a.duty.rule else None, units=unit_count,
            items=sum(len(units) for _, units in owners), first_due=tuple(s.due_at for s in a.slots[:FIRST_DUE]),
            declared=a.duty.rule.declared_total if a.duty.rule else None,
            per_unit=len(a.slots) if unit_count else 0))
    rows = tuple(sorted((UnitRowPreview(code=codes[u], name=names[u], months=tuple(c[m] for m in months),
                                        total=sum(c.values())) for u, c in per_unit.items()),
                        key=lambda r: (-r.total, r.name)))
    texts = {t: None for d, _ in scheduled for t in d.units} | {m.unit: None for m in plan.monitors}
    unknown = tuple(Unknown(text=t, refs=_refs(t, scheduled, plan), suggestions=_named(resolver, t))
                    for t in unresolved(resolver, texts))
    return Preview(start=start, end=end, months=months, rows=rows, duties=tuple(duty_views), unknown=unknown,
                   issuer=(issuer.code, issuer.name) if issuer else None,
                   notes=tuple(notes) + tuple(n for a in assignments for n in a.notes))


def _refs(text: str, scheduled, plan: Plan) -> tuple[str, ...]:
    refs = [d.ref for d, _ in scheduled if any(text in u or u in text for u in d.units)]
    refs += [m.ref for m in plan.monitors if text in m.unit or m.unit in text]
    return tuple(dict.fromkeys(refs))


def _months(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    found, month = [], start.replace(day=1)
    while month <= end:
        found.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return tuple(found)


def _named(resolver, text: str) -> tuple[tuple[Target, float, str], ...]:
    """The suggestions for a name, each with the name a person knows it by."""
    return tuple((target, score, resolver.book.labels.get(target, target.ident))
                 for target, score in resolver.suggested(text))
