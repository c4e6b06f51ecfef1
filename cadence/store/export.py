"""What an export of a period reads, as plain values: one row per item due in it, with its state
as of a moment (the one policy), its duty and unit, and the completions reported for it."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadence.kinds import ItemKind, ItemStatus, State
from cadence.schedule.states import AsOf
from cadence.store.history import CompletionEntry
from cadence.store.models import CompletionRow, DueItem, DutyRow, UnitRow
from cadence.store.states import as_state, state_of
from cadence.tz import local_moment


@dataclass(frozen=True, kw_only=True)
class ExportFilter:
    plan_id: int
    start: dt.date
    end: dt.date
    scope: str | None = None
    unit_id: int | None = None


class ExportedItem(NamedTuple):
    id: int
    state: State
    due_at: dt.datetime
    window_start: dt.date
    window_end: dt.date
    done_count: int
    target: int
    completed_at: dt.datetime | None
    ref: str
    title: str
    series: str | None
    channel: str | None
    period: str | None
    kind: ItemKind
    unit_id: int
    code: str
    name: str
    level: str


def export_rows(session: Session, where: ExportFilter, at: AsOf) -> list[ExportedItem]:
    """The items due in the period, by due moment, unit and id; a year of a province is tens of
    thousands of them, so they come as tuples, not ORM objects."""
    query = (
        select(DueItem.id, state_of(at), DueItem.due_at, DueItem.window_start, DueItem.window_end,
               DueItem.done_count, DueItem.target, DueItem.completed_at, DutyRow.ref, DutyRow.title,
               DutyRow.series, DutyRow.channel, DutyRow.period, DutyRow.kind, UnitRow.id, UnitRow.code, UnitRow.name, UnitRow.level)
        .join(DutyRow, DutyRow.id == DueItem.duty_id).join(UnitRow, UnitRow.id == DueItem.unit_id)
        .where(*_conditions(where)).order_by(DueItem.due_at, UnitRow.code, DueItem.id)
    )
    return [ExportedItem(row[0], as_state(row[1]), *row[2:]) for row in session.execute(query)]


def export_completions(session: Session, where: ExportFilter) -> dict[int, list[CompletionEntry]]:
    """item → its completions, for the items due in the period."""
    query = (select(CompletionRow).join(DueItem, DueItem.id == CompletionRow.item_id)
             .join(DutyRow, DutyRow.id == DueItem.duty_id).where(*_conditions(where)).order_by(CompletionRow.id))
    found: dict[int, list[CompletionEntry]] = defaultdict(list)
    for r in session.scalars(query):
        found[r.item_id].append(CompletionEntry(actor=r.actor, source=r.source, done_at=r.done_at,
                                                recorded_at=r.recorded_at, count=r.count,
                                                evidence_url=r.evidence_url, note=r.note))
    return found


def _conditions(where: ExportFilter) -> list:
    found = [DueItem.plan_id == where.plan_id, DueItem.status != ItemStatus.RETIRED,
             DueItem.due_at >= local_moment(where.start, dt.time(0, 0)),
             DueItem.due_at < local_moment(where.end + dt.timedelta(days=1), dt.time(0, 0))]
    if where.scope:
        found.append(DutyRow.scope == where.scope)
    if where.unit_id is not None:
        found.append(DueItem.unit_id == where.unit_id)
    return found
