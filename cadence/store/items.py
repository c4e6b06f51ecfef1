"""Reading due items for people (``cadence due``, the iCalendar feed) and recording completions.

A completion is the same record whichever way it comes (CLI, CSV, web): who, when it was done,
when it was recorded, how many, evidence. The item is done once its count reaches the
threshold: DONE if that happened by the due moment, LATE otherwise (a MISSED item completed
later becomes LATE), and the daemon has nothing more to do with it (it is no longer one of its
due moment's open items).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from cadence.errors import CadenceError
from cadence.kinds import ItemKind, ItemStatus, Rung, State
from cadence.store.models import CompletionRow, CompletionSource, DueItem, DutyRow, NameRow, PlanRow, UnitRow
from cadence.schedule.completions import CompletionDates
from cadence.schedule.model import output_label, shorten
from cadence.schedule.states import OVERDUE_STATES, AsOf
from cadence.store.moments import escalation_level_of
from cadence.store.states import as_state, state_of
from cadence.tz import format_local, local_moment
from cadence.units.names import exact_key, name_key

@dataclass(frozen=True, kw_only=True)
class ItemView:
    """A due item as people see it (the fields of ``cadence due --json``)."""

    id: int
    unit_id: int
    unit: str
    unit_name: str
    plan: str
    activity_ref: str
    title: str
    series: str | None
    channel: str | None
    kind: ItemKind
    window_start: dt.date
    window_end: dt.date
    due_at: dt.datetime
    target: int
    threshold: int
    done_count: int
    status: ItemStatus  # as recorded (open, done, late, retired)
    state: State  # as people see it at the moment it was read (cadence.schedule.states)
    completed_at: dt.datetime | None
    escalation_level: int = 0  # the highest rung of the chain told of a miss (the daemon's)
    period: str | None = None  # a report's period (what sets it apart from the plan's other reports)
    plan_title: str = ""

    def label(self, lang: str = "vi", limit: int | None = None) -> str:
        """What people call the item's output, with its channel or period (``output_label``)."""
        return output_label(self.title, self.series, self.channel, self.period, lang=lang, limit=limit,
                            rebroadcast=self.kind is ItemKind.REBROADCAST)

    def to_json(self) -> dict:
        return {
            "id": self.id, "unit": self.unit, "unit_name": self.unit_name, "plan": self.plan,
            "activity_ref": self.activity_ref, "title": self.title, "series": self.series,
            "channel": self.channel, "kind": self.kind.value,
            "window_start": self.window_start.isoformat(), "window_end": self.window_end.isoformat(),
            "due": self.due_at.isoformat(), "due_local": format_local(self.due_at),
            "target": self.target, "threshold": self.threshold, "done_count": self.done_count,
            "status": self.status.value, "state": self.state.value,
            "completed_at": self.completed_at.isoformat() if self.completed_at else None,
            "escalation_level": self.escalation_level, "period": self.period,
        }


@dataclass(frozen=True, kw_only=True)
class ItemFilter:
    unit: str | None = None  # a unit id or its name
    plan: str | None = None
    start: dt.date | None = None  # due on or after (local date)
    end: dt.date | None = None  # due on or before (local date)
    overdue: bool = False  # only items past due and not done (in their grace period, or missed)
    include_retired: bool = False


def find_items(session: Session, where: ItemFilter, at: AsOf, *, limit: int | None = None) -> list[ItemView]:
    """The items ``where`` selects, with their states as of ``at``."""
    state = state_of(at)
    query = _filtered(session, _view_query(state), where, state).order_by(DueItem.due_at, UnitRow.code, DueItem.id)
    return [_view(row) for row in session.execute(query.limit(limit))]


def item_view(session: Session, item_id: int, at: AsOf) -> ItemView:
    row = session.execute(_view_query(state_of(at)).where(DueItem.id == item_id)).one_or_none()
    if row is None:
        raise CadenceError("errors.items.no-item", item=item_id)
    return _view(row)


def _view_query(state) -> Select:
    return (
        select(DueItem, DutyRow, UnitRow.code, UnitRow.name, PlanRow.key, state, escalation_level_of(), PlanRow.title)
        .join(DutyRow, DutyRow.id == DueItem.duty_id)
        .join(UnitRow, UnitRow.id == DueItem.unit_id)
        .join(PlanRow, PlanRow.id == DueItem.plan_id)
    )


def _filtered(session: Session, query: Select, where: ItemFilter, state) -> Select:
    if where.unit:
        query = query.where(DueItem.unit_id == unit_id_of(session, where.unit))
    if where.plan:
        query = query.where(DueItem.plan_id == _plan_id(session, where.plan))
    if where.start:
        query = query.where(DueItem.due_at >= local_moment(where.start, dt.time(0, 0)))
    if where.end:
        query = query.where(DueItem.due_at < local_moment(where.end + dt.timedelta(days=1), dt.time(0, 0)))
    if where.overdue:
        query = query.where(state.in_([s.value for s in OVERDUE_STATES]))
    elif not where.include_retired:
        query = query.where(DueItem.status != ItemStatus.RETIRED)
    return query


def _view(row) -> ItemView:
    item, duty, code, unit_name, plan, state, level, plan_title = row
    return ItemView(
        id=item.id, unit_id=item.unit_id, unit=code, unit_name=unit_name, plan=plan, activity_ref=duty.ref,
        title=duty.title,
        series=duty.series, channel=duty.channel, kind=duty.kind, window_start=item.window_start,
        window_end=item.window_end, due_at=item.due_at, target=item.target, threshold=item.threshold,
        done_count=item.done_count, status=item.status, state=as_state(state), completed_at=item.completed_at,
        escalation_level=level, period=duty.period, plan_title=plan_title,
    )


def units_of(session: Session, ids) -> dict[int, int]:
    """item → its unit, for the items of ``ids`` that exist."""
    return dict(session.execute(select(DueItem.id, DueItem.unit_id).where(DueItem.id.in_(list(ids)))).all())


def unit_id_of(session: Session, text: str) -> int:
    """A unit by id, or by its name or an alias (folded)."""
    found = session.scalar(select(UnitRow.id).where(UnitRow.code == text))
    if found is None:
        rows = session.execute(select(NameRow.unit_id, NameRow.text).where(
            NameRow.key == name_key(text), NameRow.unit_id.is_not(None))).all()
        units = {unit for unit, _ in rows}
        exact = {unit for unit, name in rows if exact_key(name) == exact_key(text)}
        found = next(iter(units)) if len(units) == 1 else next(iter(exact)) if len(exact) == 1 else None
    if found is None:
        raise CadenceError("errors.items.no-unit", unit=repr(text))
    return found


def _plan_id(session: Session, key: str) -> int:
    found = session.scalar(select(PlanRow.id).where(PlanRow.key == key))
    if found is None:
        known = ", ".join(session.scalars(select(PlanRow.key).order_by(PlanRow.key))) or "—"
        raise CadenceError("errors.items.no-plan", plan=repr(key), known=known)
    return found


@dataclass(frozen=True, kw_only=True)
class Completion:
    """One completion to record; ``count`` None means "whatever is left to reach the target"."""

    item_id: int
    done_at: dt.datetime
    source: CompletionSource
    actor: str = ""
    count: int | None = None
    evidence_url: str | None = None
    note: str | None = None


class CompletionDateError(CadenceError):
    """A completion dated outside what its item allows (``cadence.schedule.completions``): the
    date field is what to fix, so each caller names its own (``--at``, a CSV column, the form)."""


def check_completion(session: Session, completion: Completion, *, now: dt.datetime, lead_days: int = 0,
                     pending: int = 0) -> DueItem:
    """The item, if this completion may be recorded on it; CadenceError saying why not.
    ``pending`` counts outputs for the same item earlier in the same batch (a CSV file)."""
    item = session.get(DueItem, completion.item_id, with_for_update=True)
    if item is None:
        raise CadenceError("errors.items.no-item", item=completion.item_id)
    if item.status is ItemStatus.RETIRED:
        raise CadenceError("errors.items.retired", item=item.id)
    if item.status in (ItemStatus.DONE, ItemStatus.LATE) or item.done_count + pending >= item.threshold:
        raise CadenceError("errors.items.completed", item=item.id)
    if completion.count is not None and completion.count < 1:
        raise CadenceError("errors.items.count", item=item.id, count=completion.count)
    dating = CompletionDates(lead_days=lead_days)
    problem = dating.problem(completion.done_at, item.window_start, now)
    if problem is not None:
        raise CompletionDateError(f"undo.errors.{problem.value}", item=item.id, at=completion.done_at,
                                  opens=dating.opens(item.window_start), now=now)
    return item


def record_completion(session: Session, completion: Completion, *, now: dt.datetime, lead_days: int = 0) -> DueItem:
    """Record ``completion``; its date must lie between the item's window opening (``lead_days``
    before its start: ``[schedule] completion_lead_days``) and ``now``."""
    item = check_completion(session, completion, now=now, lead_days=lead_days)
    count = completion.count if completion.count is not None else item.target - item.done_count
    session.add(CompletionRow(
        item_id=item.id, source=completion.source, actor=completion.actor, done_at=completion.done_at,
        recorded_at=now, count=count, evidence_url=completion.evidence_url, note=completion.note,
    ))
    item.done_count += count
    if item.done_count >= item.threshold:
        item.status = ItemStatus.DONE if completion.done_at <= item.due_at else ItemStatus.LATE
        item.completed_at = completion.done_at
    session.flush()
    return item


def undo_completion(session: Session, item_id: int, *, reason: str, actor: str, now: dt.datetime) -> CompletionRow:
    """Take back the item's latest completion still standing: it stays in the item's history,
    marked undone (when, by whom, why), and the item is as it would be without it (open again
    once its count falls below its threshold: due or missed as the schedule says)."""
    item = session.get(DueItem, item_id, with_for_update=True)
    if item is None:
        raise CadenceError("errors.items.no-item", item=item_id)
    if not reason.strip():
        raise CadenceError("undo.errors.no-reason", item=item_id)
    row = session.scalars(select(CompletionRow).where(CompletionRow.item_id == item_id, CompletionRow.undone_at.is_(None))
                          .order_by(CompletionRow.recorded_at.desc(), CompletionRow.id.desc()).limit(1)).first()
    if row is None:
        raise CadenceError("undo.errors.nothing-to-undo", item=item_id)
    row.undone_at, row.undone_by, row.undo_reason = now, actor[:200], reason.strip()
    item.done_count = max(0, item.done_count - row.count)
    if item.done_count < item.threshold and item.status in (ItemStatus.DONE, ItemStatus.LATE):
        item.status, item.completed_at = ItemStatus.OPEN, None
    session.flush()
    return row


@dataclass(frozen=True, kw_only=True)
class ItemLine:
    """An item as a message shows it."""

    id: int
    unit_id: int
    unit: str
    unit_name: str
    plan: str
    plan_title: str
    ref: str
    what: str
    channel: str | None
    kind: ItemKind
    due_at: dt.datetime
    window_start: dt.date
    window_end: dt.date
    target: int
    done: int
    state: State  # as of the moment the message (or digest) is written
    period: str | None = None  # a report's period
    level: int = 0
    rung: Rung | None = None
    days_before: int | None = None


def item_lines(session: Session, ids, at: AsOf) -> dict[int, ItemLine]:
    """The items ``ids`` with their unit, plan and duty, and their states as of ``at``, in one query."""
    query = (
        select(DueItem, DutyRow.ref, DutyRow.title, DutyRow.series, DutyRow.channel, DutyRow.kind, DutyRow.period,
               UnitRow.code, UnitRow.name, PlanRow.key, PlanRow.title, state_of(at), escalation_level_of())
        .join(DutyRow, DutyRow.id == DueItem.duty_id).join(UnitRow, UnitRow.id == DueItem.unit_id)
        .join(PlanRow, PlanRow.id == DueItem.plan_id).where(DueItem.id.in_(list(ids)))
    )
    lines = {}
    for item, ref, title, series, channel, kind, period, code, unit_name, plan, plan_title, state, level in session.execute(query):
        lines[item.id] = ItemLine(
            id=item.id, unit_id=item.unit_id, unit=code, unit_name=unit_name, plan=plan, plan_title=plan_title,
            ref=ref, what=series or shorten(title), channel=channel, period=period, kind=kind, due_at=item.due_at,
            window_start=item.window_start, window_end=item.window_end, target=item.target,
            done=item.done_count, state=as_state(state), level=level)
    return lines



