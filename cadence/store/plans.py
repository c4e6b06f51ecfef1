"""Storing a plan: its rows (plan, activities, monitors, duties) keyed so a revised plan keeps
identity, and its due items materialised through ``cadence.schedule``. One transaction: an
error leaves the database as it was."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from cadence.catalogue import Words
from cadence.collector import collector_paused
from cadence.config import Config, TotalsPolicy
from cadence.errors import CadenceError
from cadence.kinds import ItemStatus
from cadence.schedule import Duty, duties_of, plan_span, slots_for
from cadence.store.bulk import write_rows
from cadence.store.made_units import make_unit
from cadence.store.materialise import Assignment, item_rows, resolve_duties, unresolved
from cadence.store.moments import add_missing_moments
from cadence.store.models import ActivityRow, DueItem, DutyRow, MonitorRow, PlanRow, UnitRow
from cadence.store.sync import SyncCounts, sync_items
from cadence.store.units import load_book
from cadence.units.resolve import NameBook, Resolver, TargetKind
from rules.model import Diagnostic, Plan


@dataclass(frozen=True, kw_only=True)
class PlanInfo:
    """A stored plan as people see it."""

    id: int
    key: str
    title: str
    issuer: str
    year: int
    starts_on: dt.date
    ends_on: dt.date


# The columns of a PlanInfo: a plan's row also holds its whole reading, which listing plans must
# not parse (at a country's size, the board's list of plans spent 25 ms a page doing so).
PLAN_INFO = (PlanRow.id, PlanRow.key, PlanRow.title, PlanRow.issuer, PlanRow.year, PlanRow.starts_on, PlanRow.ends_on)


def plan_info(row) -> PlanInfo:
    """From a row selected with ``PLAN_INFO`` (or a whole ``PlanRow``)."""
    return PlanInfo(id=row.id, key=row.key, title=row.title, issuer=row.issuer, year=row.year,
                    starts_on=row.starts_on, ends_on=row.ends_on)


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    key: str
    start: dt.date
    end: dt.date
    counts: SyncCounts
    notes: tuple[Diagnostic, ...]
    per_duty: tuple[tuple[str, str, int], ...]  # (ref, key, items) for the summary
    before_tracking: int = 0  # the plan's items recorded as due before it was tracked
    tracked_from: dt.datetime | None = None  # None: every item tracked (--catch-up)
    overdue_tracked: int = 0  # under --catch-up, the items already past due that the daemon will escalate
    made_units: tuple[tuple[str, str], ...] = ()  # (id, name) of each unit made from the plan


def plan_listing(session: Session) -> list[tuple[PlanInfo, int]]:
    """Every stored plan, by key, with how many items it has."""
    counts = dict(session.execute(select(DueItem.plan_id, func.count()).group_by(DueItem.plan_id)).all())
    return [(plan_info(row), counts.get(row.id, 0)) for row in session.execute(select(*PLAN_INFO).order_by(PlanRow.key))]


@collector_paused()
def import_plan(
    session: Session, plan: Plan, *, key: str, config: Config, now: dt.datetime,
    start: dt.date | None = None, end: dt.date | None = None, follow_declared: bool = False,
    catch_up: bool = False, create_units: bool = False,
) -> ImportResult:
    """Store ``plan`` under ``key`` and bring its due items in line for [start, end]. Items due
    before ``now`` are recorded before tracking (never reminded, never escalated), unless
    ``catch_up``: then they are tracked, and the next pass escalates what was missed. Unit names
    are read from the plan's issuer (``cadence.units.resolve``: where a name counts);
    ``create_units`` makes a unit of each name that stands for none (the issuer first).

    The cycle collector rests meanwhile (``cadence.collector``): the import only adds objects
    (every name of the store, then the items' rows), and at a country's size the collector's
    walks over them cost a sixth of the import."""
    start, end = _range(plan, start, end)
    schedule = replace(config.schedule, declared_totals=TotalsPolicy.DECLARED) if follow_declared else config.schedule
    duties, notes = duties_of(plan, schedule)
    planned = [(d, *slots_for(d, start, end, schedule, year=plan.year)) for d in duties]
    notes += [n for _, _, duty_notes in planned for n in duty_notes]
    scheduled = [(d, s) for d, s, _ in planned if s]
    book = load_book(session)  # one read of every name for both the issuer and the plan's units
    issuer, made = plan_issuer(session, plan, key=key, config=config, create=create_units, book=book)
    resolver = plan_resolver(session, config, issuer, book=None if made else book)
    if create_units:
        texts = [t for d, _ in scheduled for t in d.units] + [m.unit for m in plan.monitors]
        for text in unresolved(resolver, texts):
            if not resolver.resolve(text).resolved:  # one made a moment ago may be it (OCR damage)
                made.append(make_unit(session, text, plan_key=key, parent=issuer))
                resolver = plan_resolver(session, config, issuer)
    assignments = resolve_duties(session, resolver, plan, scheduled)
    plan_row, monitor_notes = _save_plan(session, plan, key, start, end, now, resolver, issuer)
    duty_ids = _save_duties(session, plan_row.id, plan, duties, now)
    tracked_from = None if catch_up else now
    counts = _write_items(session, plan_row.id, assignments, duty_ids, start, end, tracked_from)
    add_missing_moments(session, plan_row.id)
    per_duty = tuple((a.duty.ref, a.duty.key, a.items) for a in assignments)
    notes += [n for a in assignments for n in a.notes] + monitor_notes
    return ImportResult(key=key, start=start, end=end, counts=counts, notes=tuple(notes), per_duty=per_duty,
                        tracked_from=tracked_from, made_units=tuple((row.code, row.name) for row in made),
                        **_past_items(session, plan_row.id, now))


def _past_items(session, plan_id: int, now: dt.datetime) -> dict[str, int]:
    """How many of the plan's items are recorded before tracking, and how many tracked ones are
    already past due (the import's summary says both)."""
    counts = dict(session.execute(
        select(DueItem.status, func.count()).where(DueItem.plan_id == plan_id, DueItem.due_at < now,
                                                   DueItem.status.in_((ItemStatus.BEFORE_TRACKING, ItemStatus.OPEN)))
        .group_by(DueItem.status)).all())
    return {"before_tracking": counts.get(ItemStatus.BEFORE_TRACKING, 0), "overdue_tracked": counts.get(ItemStatus.OPEN, 0)}


def plan_resolver(session: Session, config: Config, issuer: UnitRow | None, *,
                  book: NameBook | None = None) -> Resolver:
    """A resolver reading names from the plan's issuer; ``book``: the names already read, when
    nothing was added since (reading them costs most at a country's size)."""
    return Resolver(book if book is not None else load_book(session), issuer=issuer.code if issuer else None,
                    accept=config.units.fuzzy_accept, suggest=config.units.fuzzy_suggest)


def plan_issuer(session: Session, plan: Plan, *, key: str, config: Config, create: bool = False,
                book: NameBook | None = None) -> tuple[UnitRow | None, list[UnitRow]]:
    """The unit that issued the plan (read from nowhere in particular), made from the plan when
    ``create`` and no unit is it; and the units made."""
    if not plan.issuer.strip():
        return None, []
    resolver = plan_resolver(session, config, None, book=book)
    unit_id = _single_unit(session, resolver, plan.issuer)
    if unit_id is not None:
        return session.get(UnitRow, unit_id), []
    if not create or resolver.resolve(plan.issuer).resolved:
        return None, []
    made = make_unit(session, plan.issuer, plan_key=key, parent=None)
    return made, [made]


def _range(plan: Plan, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    first, last = plan_span(plan)
    start, end = start or first, end or last
    if end < start:
        raise CadenceError("errors.dates.backwards", start=start, end=end)
    if end < first or start > last:
        raise CadenceError("errors.plans.outside", start=start, end=end, first=first, last=last)
    return max(start, first), min(end, last)


def _write_items(session, plan_id, assignments: list[Assignment], duty_ids, start, end, tracked_from) -> SyncCounts:
    connection = session.connection()
    rows = item_rows(connection, plan_id, assignments, duty_ids, tracked_from)
    has_items = session.scalar(select(exists().where(DueItem.plan_id == plan_id)))
    if has_items:
        return sync_items(connection, plan_id, rows, start, end)
    return SyncCounts(created=write_rows(connection, rows), updated=0, retired=0, unchanged=0)


def _save_plan(session, plan: Plan, key, start, end, now, resolver: Resolver,
               issuer: UnitRow | None) -> tuple[PlanRow, list[Diagnostic]]:
    row = session.scalar(select(PlanRow).where(PlanRow.key == key)) or PlanRow(key=key)
    row.title, row.issuer, row.year, row.file = plan.title, plan.issuer, plan.year, plan.file
    row.issuer_unit_id = issuer.id if issuer else None
    row.retired_at = row.retired_by = None
    row.starts_on, row.ends_on, row.reading, row.imported_at = start, end, plan.to_json(), now
    session.add(row)
    session.flush()
    return row, _save_monitors(session, row.id, plan, resolver)


def _single_unit(session, resolver: Resolver, text: str) -> int | None:
    """The one unit a name stands for (an issuer, a monitor), or None."""
    found = resolver.resolve(text) if text.strip() else None
    if not found or len(found.targets) != 1 or found.targets[0].kind is not TargetKind.UNIT:
        return None
    return session.scalar(select(UnitRow.id).where(UnitRow.code == found.targets[0].ident))


def _save_monitors(session, plan_id: int, plan: Plan, resolver: Resolver) -> list[Diagnostic]:
    """The plan's coordinating chain. A monitor that names no known unit is kept as text and
    reported: escalation to it cannot reach anyone until it is mapped."""
    session.execute(delete(MonitorRow).where(MonitorRow.plan_id == plan_id))
    notes = []
    for monitor in plan.monitors:
        unit_id = _single_unit(session, resolver, monitor.unit)
        if unit_id is None:
            notes.append(Diagnostic(ref=monitor.ref, code="monitor-unresolved", args={"unit": monitor.unit},
                                    section="schedule"))
        session.add(MonitorRow(plan_id=plan_id, ref=monitor.ref, scope=monitor.scope.value,
                               unit_text=monitor.unit, unit_id=unit_id))
    return notes


def _save_duties(session, plan_id: int, plan: Plan, duties: list[Duty], now) -> dict[tuple[str, str], int]:
    activities = _save_activities(session, plan_id, plan, now)
    existing = {(d.ref, d.key): d for d in session.scalars(select(DutyRow).where(DutyRow.plan_id == plan_id))}
    ids = {}
    for duty in duties:
        row = existing.pop((duty.ref, duty.key), None) or DutyRow(plan_id=plan_id, ref=duty.ref, key=duty.key)
        _fill_duty(row, duty, activities.get(duty.ref) if duty.period is None else None)
        session.add(row)
        session.flush()
        ids[(duty.ref, duty.key)] = row.id
    for gone in existing.values():
        gone.retired_at = gone.retired_at or now
    return ids


def _fill_duty(row: DutyRow, duty: Duty, activity_id: int | None) -> None:
    row.activity_id, row.kind, row.title = activity_id, duty.kind, duty.title
    row.scope = duty.scope.value if duty.scope else None
    row.series, row.channel = duty.series, duty.channel
    row.rule = duty.rule.to_json() if duty.rule else None
    row.period = duty.period.value if duty.period else None
    row.to_text, row.units_text, row.retired_at = duty.to, list(duty.units), None


def _save_activities(session, plan_id: int, plan: Plan, now) -> dict[str, int]:
    existing = {a.ref: a for a in session.scalars(select(ActivityRow).where(ActivityRow.plan_id == plan_id))}
    ids = {}
    for activity in plan.activities:
        row = existing.pop(activity.ref, None) or ActivityRow(plan_id=plan_id, ref=activity.ref)
        window = activity.window
        row.title, row.scope, row.ongoing = activity.title, activity.scope.value if activity.scope else None, activity.ongoing
        row.window_start, row.window_end = (window.start, window.end) if window else (None, None)
        row.lead, row.support, row.directs = list(activity.lead), list(activity.support), list(activity.directs)
        row.retired_at = None
        session.add(row)
        session.flush()
        ids[activity.ref] = row.id
    session.execute(update(ActivityRow).where(ActivityRow.id.in_([a.id for a in existing.values()]))
                    .values(retired_at=now))
    return ids


def make_plan_unit(session: Session, name: str, *, plan: Plan, key: str, config: Config) -> str:
    """A unit made from a name the plan writes, inside the plan's issuer (itself made when no
    unit is it); its id."""
    issuer, _ = plan_issuer(session, plan, key=key, config=config, create=True)
    return make_unit(session, name, plan_key=key, parent=issuer).code
