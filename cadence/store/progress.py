"""Progress per activity over the whole plan: outputs done against what the plan declares
("Bản tin PAPI: 38/52"), or, where it declares no total, against the outputs its items ask for.

A declared total ("52 số/năm") is one unit's total; a duty carried out by every commune owes
it once per unit. An output counts once it is reported, on time or late.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from cadence.kinds import ItemKind, ItemStatus, State
from cadence.schedule.model import output_label
from cadence.schedule.states import AsOf
from cadence.store.models import DueItem, DutyRow
from cadence.store.states import state_of


@dataclass(frozen=True, kw_only=True)
class Progress:
    ref: str
    label: str
    items: int
    units: int
    on_time: int
    late: int
    missed: int
    outputs: int  # reported outputs, each item counted up to its target
    expected: int  # the declared total × units, else the items' targets
    declared: int | None  # one unit's declared yearly total, when the plan states one

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.outputs / self.expected)) if self.expected else 0


def plan_progress(session: Session, plan_id: int, at: AsOf, *, scope: str | None = None,
                  unit_id: int | None = None, lang: str = "vi") -> list[Progress]:
    """One row per duty of the plan, in the plan's order of activities, with states as of ``at``."""
    state = state_of(at)
    done = DueItem.status.in_((ItemStatus.DONE, ItemStatus.LATE))
    outputs = case((DueItem.done_count > DueItem.target, DueItem.target), else_=DueItem.done_count)
    query = (
        select(DutyRow.id, DutyRow.ref, DutyRow.title, DutyRow.series, DutyRow.channel, DutyRow.period, DutyRow.kind, DutyRow.rule,
               func.count(DueItem.id), func.count(DueItem.unit_id.distinct()),
               func.sum(case((state == State.DONE.value, 1), else_=0)),
               func.sum(case((state == State.LATE.value, 1), else_=0)),
               func.sum(case((state == State.MISSED.value, 1), else_=0)),
               func.sum(case((done, outputs), else_=DueItem.done_count)), func.sum(DueItem.target))
        .join(DueItem, DueItem.duty_id == DutyRow.id)
        .where(DutyRow.plan_id == plan_id, DueItem.status != ItemStatus.RETIRED)
        .group_by(DutyRow.id)  # the other columns depend on it (PostgreSQL cannot group by JSON)
        .order_by(DutyRow.id)
    )
    if scope:
        query = query.where(DutyRow.scope == scope)
    if unit_id is not None:
        query = query.where(DueItem.unit_id == unit_id)
    return [_progress(row, lang) for row in session.execute(query)]


LABEL_LIMIT = 90  # characters of a row's label on the board; the channel or period always shows


def _progress(row, lang: str) -> Progress:
    _, ref, title, series, channel, period, kind, rule, items, units, on_time, late, missed, outputs, targets = row
    declared = (rule or {}).get("declared_total")
    return Progress(
        ref=ref, label=output_label(title, series, channel, period, lang=lang, limit=LABEL_LIMIT,
                                        rebroadcast=kind is ItemKind.REBROADCAST), items=items, units=units, on_time=on_time or 0,
        late=late or 0, missed=missed or 0, outputs=min(outputs or 0, targets or 0),
        expected=declared * units if declared else targets or 0, declared=declared,
    )

