"""What the weekly digest reads, as plain values: per unit, items done on time, late and missed
in a span as of a moment (the one state policy), what is still due, progress against declared
totals, open escalations, the plans running, and the claim that makes a week's digest go once."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, select, update
from sqlalchemy.orm import Session

from cadence.kinds import ItemKind, ItemStatus, State
from cadence.schedule.model import output_label
from cadence.schedule.states import COMPLETED_STATES, AsOf
from cadence.store.models import DueItem, DutyRow, PlanRow, UnitRow
from cadence.store.outbox import DigestRunRow, EscalationRow
from cadence.store.plans import PLAN_INFO, PlanInfo, plan_info
from cadence.store.states import state_of


@dataclass(frozen=True, kw_only=True)
class Tally:
    on_time: int = 0
    late: int = 0
    missed: int = 0

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missed


@dataclass(frozen=True, kw_only=True)
class Progress:
    label: str
    done: int
    total: int


def _in_plan(plan_id: int, start: dt.datetime | None, end: dt.datetime):
    conditions = [DueItem.plan_id == plan_id, DueItem.status != ItemStatus.RETIRED, DueItem.due_at < end]
    if start is not None:
        conditions.append(DueItem.due_at >= start)
    return and_(*conditions)


def _not_completed(at: AsOf):
    """Still owed: neither done nor recorded as due before its plan was tracked."""
    return state_of(at).not_in([s.value for s in (*COMPLETED_STATES, State.BEFORE_TRACKING)])


def tallies(session: Session, plan_id: int, at: AsOf, start: dt.datetime | None, end: dt.datetime) -> dict[int, Tally]:
    """unit → the plan's items due in [start, end) done on time, late and missed as of ``at``."""
    state = state_of(at)
    sums = [func.sum(case((state == wanted.value, 1), else_=0)) for wanted in (State.DONE, State.LATE, State.MISSED)]
    query = select(DueItem.unit_id, *sums).where(_in_plan(plan_id, start, end)).group_by(DueItem.unit_id)
    return {unit: Tally(on_time=a or 0, late=b or 0, missed=c or 0) for unit, a, b, c in session.execute(query)}


def still_due(session: Session, plan_id: int, at: AsOf, start: dt.datetime, end: dt.datetime) -> dict[int, int]:
    """unit → how many of the plan's items due in [start, end) were not done as of ``at``."""
    query = (select(DueItem.unit_id, func.count()).where(_in_plan(plan_id, start, end), _not_completed(at))
             .group_by(DueItem.unit_id))
    return dict(session.execute(query).all())


def unit_names(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """unit id → (code, name)."""
    if not ids:
        return {}
    return {i: (code, name) for i, code, name in session.execute(
        select(UnitRow.id, UnitRow.code, UnitRow.name).where(UnitRow.id.in_(ids)))}


def declared_progress(session: Session, plan_id: int, at: AsOf, lang: str = "vi") -> list[Progress]:
    """Done as of ``at`` against each declared yearly total, per unit that carries the duty."""
    duties = [d for d in session.scalars(select(DutyRow).where(DutyRow.plan_id == plan_id, DutyRow.retired_at.is_(None))
                                         .order_by(DutyRow.id))
              if (d.rule or {}).get("declared_total")]
    if not duties:
        return []
    done = func.sum(case((state_of(at).in_([s.value for s in COMPLETED_STATES]), 1), else_=0))
    query = (select(DueItem.duty_id, func.count(DueItem.unit_id.distinct()), done)
             .where(DueItem.duty_id.in_([d.id for d in duties]), DueItem.status != ItemStatus.RETIRED)
             .group_by(DueItem.duty_id))
    counts = {duty: (units, finished or 0) for duty, units, finished in session.execute(query)}
    return [Progress(label=output_label(d.title, d.series, d.channel, d.period, lang=lang,
                                                rebroadcast=d.kind is ItemKind.REBROADCAST), done=counts.get(d.id, (0, 0))[1],
                     total=d.rule["declared_total"] * max(counts.get(d.id, (0, 0))[0], 1)) for d in duties]


def open_escalations(session: Session, plan_id: int, at: AsOf) -> dict[int, int]:
    """item → the highest escalation level fired by ``at``, for the plan's items not done then."""
    query = (select(EscalationRow.item_id, func.max(EscalationRow.level))
             .join(DueItem, DueItem.id == EscalationRow.item_id)
             .where(DueItem.plan_id == plan_id, EscalationRow.fired_at <= at.now, _not_completed(at),
                    DueItem.status != ItemStatus.RETIRED)
             .group_by(EscalationRow.item_id))
    return dict(session.execute(query).all())


def plans_running(session: Session, first: dt.date, last: dt.date) -> list[PlanInfo]:
    """Plans whose period meets [first, last], by key."""
    query = select(*PLAN_INFO).where(PlanRow.starts_on <= last, PlanRow.ends_on >= first).order_by(PlanRow.key)
    return [plan_info(row) for row in session.execute(query)]


def week_written(session: Session, week: str) -> bool:
    return session.scalar(select(exists().where(DigestRunRow.week == week)))


def claim_week(session: Session, week: str, now: dt.datetime) -> None:
    """The week's row in ``digest_runs``: its unique key makes a second daemon's claim fail (an
    IntegrityError, a lost race)."""
    session.add(DigestRunRow(week=week, created_at=now, messages=0))
    session.flush()


def week_done(session: Session, week: str, messages: int) -> None:
    session.execute(update(DigestRunRow).where(DigestRunRow.week == week).values(messages=messages))
