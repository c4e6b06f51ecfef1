"""The intake in the store: versions of plans as read (drafts, the approved one, those it
replaced), the corrections kept per plan, plans that look like one another, and retiring a plan.
Reads return plain values."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from cadence.errors import CadenceError
from cadence.kinds import ItemStatus
from cadence.store.intake_tables import OverrideRow, PlanVersionRow
from cadence.store.models import DueItem, PlanRow

DRAFT, APPROVED, REPLACED, DISCARDED = "draft", "approved", "replaced", "discarded"


@dataclass(frozen=True, kw_only=True)
class Version:
    """One reading of a plan, as the intake pages and commands see it."""

    id: int
    key: str
    status: str
    file_name: str
    stored_as: str | None
    text: str
    pages: tuple[tuple[int, int], ...]
    reading: dict
    text_digest: str
    title: str
    issuer: str
    year: int
    starts_on: dt.date | None
    ends_on: dt.date | None
    uploaded_by: str
    uploaded_at: dt.datetime
    approved_by: str | None
    approved_at: dt.datetime | None
    as_new: bool


def _version(row: PlanVersionRow) -> Version:
    return Version(id=row.id, key=row.plan_key, status=row.status, file_name=row.file_name, stored_as=row.stored_as,
                   text=row.text, pages=tuple(tuple(p) for p in row.pages or ()), reading=row.reading,
                   text_digest=row.text_digest, title=row.title, issuer=row.issuer, year=row.year,
                   starts_on=row.starts_on, ends_on=row.ends_on, uploaded_by=row.uploaded_by,
                   uploaded_at=row.uploaded_at, approved_by=row.approved_by, approved_at=row.approved_at,
                   as_new=row.as_new)


def add_version(session: Session, *, key: str, file_name: str, stored_as: str | None, file_digest: str,
                text: str, pages: tuple, text_digest: str, reading: dict, uploaded_by: str, now: dt.datetime,
                starts_on: dt.date | None = None, ends_on: dt.date | None = None, as_new: bool = False) -> Version:
    """A new draft of the plan ``key``."""
    row = PlanVersionRow(plan_key=key, status=DRAFT, file_name=file_name[:500], stored_as=stored_as,
                         file_digest=file_digest, text_digest=text_digest, text=text, pages=[list(p) for p in pages],
                         reading=reading, title=reading.get("title", ""), issuer=reading.get("issuer", "")[:300],
                         year=int(reading["year"]), starts_on=starts_on, ends_on=ends_on, uploaded_by=uploaded_by[:200],
                         uploaded_at=now, as_new=as_new)
    session.add(row)
    session.flush()
    return _version(row)


def version(session: Session, version_id: int) -> Version | None:
    row = session.get(PlanVersionRow, version_id)
    return _version(row) if row is not None else None


def approved_version(session: Session, key: str) -> Version | None:
    row = session.scalar(select(PlanVersionRow).where(PlanVersionRow.plan_key == key, PlanVersionRow.status == APPROVED)
                         .order_by(PlanVersionRow.id.desc()).limit(1))
    return _version(row) if row is not None else None


def drafts(session: Session) -> list[Version]:
    rows = session.scalars(select(PlanVersionRow).where(PlanVersionRow.status == DRAFT).order_by(PlanVersionRow.id.desc()))
    return [_version(row) for row in rows]


def mark_approved(session: Session, version_id: int, *, by: str, now: dt.datetime) -> None:
    """The version is the plan's approved reading; the one before it is replaced; who and when is kept."""
    row = session.get(PlanVersionRow, version_id)
    session.execute(update(PlanVersionRow).where(PlanVersionRow.plan_key == row.plan_key, PlanVersionRow.status == APPROVED)
                    .values(status=REPLACED))
    row.status, row.approved_by, row.approved_at = APPROVED, by[:200], now


def discard(session: Session, version_id: int) -> Version:
    """A draft set aside; a plan never approved loses the corrections made to it."""
    row = session.get(PlanVersionRow, version_id)
    row.status = DISCARDED
    if approved_version(session, row.plan_key) is None:
        session.execute(delete(OverrideRow).where(OverrideRow.plan_key == row.plan_key))
    return _version(row)


def rekey(session: Session, version_id: int, key: str, *, as_new: bool) -> None:
    """The draft is a version of the plan ``key`` after all (or, ``as_new``, a plan of its own)."""
    row = session.get(PlanVersionRow, version_id)
    row.plan_key, row.as_new = key, as_new


def look_alikes(session: Session, *, key: str, text_digest: str, title: str, issuer: str, year: int) -> list[str]:
    """Plans under other keys that are this one under another file name: the same text, or the
    same title, issuer and year (case and spacing aside; compared here, as SQLite lowers ASCII
    letters only)."""
    query = (select(PlanVersionRow.plan_key, PlanVersionRow.text_digest, PlanVersionRow.title, PlanVersionRow.issuer)
             .where(PlanVersionRow.plan_key != key, PlanVersionRow.status.in_((APPROVED, REPLACED)),
                    or_(PlanVersionRow.text_digest == text_digest, PlanVersionRow.year == year)))
    wanted = (_plain(title), _plain(issuer))
    found = {k for k, digest, t, i in session.execute(query) if digest == text_digest or (_plain(t), _plain(i)) == wanted}
    return sorted(found)


def _plain(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def plan_exists(session: Session, key: str) -> bool:
    return session.scalar(select(PlanRow.id).where(PlanRow.key == key)) is not None


@dataclass(frozen=True, kw_only=True)
class StoredCorrection:
    target: str
    field: str
    value: Any
    original: Any
    made_by: str
    made_at: dt.datetime


def corrections(session: Session, key: str) -> list[StoredCorrection]:
    rows = session.scalars(select(OverrideRow).where(OverrideRow.plan_key == key).order_by(OverrideRow.id))
    return [StoredCorrection(target=r.target, field=r.field, value=r.value, original=r.original, made_by=r.made_by,
                             made_at=r.made_at) for r in rows]


def put_correction(session: Session, key: str, *, target: str, field: str, value: Any, original: Any, by: str,
                   now: dt.datetime) -> None:
    """Record (or replace) the correction of one field."""
    row = session.scalar(select(OverrideRow).where(OverrideRow.plan_key == key, OverrideRow.target == target,
                                                   OverrideRow.field == field))
    if row is None:
        row = OverrideRow(plan_key=key, target=target, field=field)
        session.add(row)
    row.value, row.original, row.made_by, row.made_at = value, original, by[:200], now
    session.flush()


def remove_correction(session: Session, key: str, *, target: str, field: str) -> None:
    session.execute(delete(OverrideRow).where(OverrideRow.plan_key == key, OverrideRow.target == target,
                                              OverrideRow.field == field))


def retire_plan(session: Session, key: str, *, by: str, now: dt.datetime) -> int:
    """The plan's open items stop (retired, never deleted); what was done stays its history.
    Returns how many items stopped."""
    plan = session.scalar(select(PlanRow).where(PlanRow.key == key))
    if plan is None:
        raise CadenceError("intake.errors.no-plan", key=repr(key))
    stopped = session.execute(update(DueItem).where(DueItem.plan_id == plan.id,
                                                    DueItem.status.in_((ItemStatus.OPEN, ItemStatus.MISSED)))
                              .values(status=ItemStatus.RETIRED).execution_options(synchronize_session=False)).rowcount
    plan.retired_at, plan.retired_by = now, by[:200]
    return stopped


@dataclass(frozen=True, kw_only=True)
class PlanSummary:
    key: str
    title: str
    issuer: str
    year: int
    items: int
    retired_at: dt.datetime | None
    approved_by: str | None
    approved_at: dt.datetime | None


def plan_summaries(session: Session, keys: tuple[str, ...] | None) -> list[PlanSummary]:
    """Stored plans (those of ``keys``; None: all) with their item counts and last approval."""
    counts = dict(session.execute(select(DueItem.plan_id, func.count()).group_by(DueItem.plan_id)).all())
    query = select(PlanRow).order_by(PlanRow.key)
    if keys is not None:
        query = query.where(PlanRow.key.in_(keys))
    found = []
    for row in session.scalars(query):
        approved = approved_version(session, row.key)
        found.append(PlanSummary(key=row.key, title=row.title, issuer=row.issuer, year=row.year,
                                 items=counts.get(row.id, 0), retired_at=row.retired_at,
                                 approved_by=approved.approved_by if approved else None,
                                 approved_at=approved.approved_at if approved else None))
    return found


def follow_plan(session: Session, user_id: int, key: str) -> None:
    """A coordinator who approved a plan follows it (its board is theirs)."""
    from cadence.store.access import UserPlanRow

    if session.get(UserPlanRow, (user_id, key)) is None:
        session.add(UserPlanRow(user_id=user_id, plan_key=key))
        session.flush()


def unit_choices(session: Session) -> tuple[list[tuple[str, str]], list[str]]:
    """Every unit (id, name) by name, and every group's name: what a name can be mapped to."""
    from cadence.store.models import GroupRow, UnitRow

    units = [tuple(row) for row in session.execute(select(UnitRow.code, UnitRow.name)
                                                   .where(UnitRow.dissolved_on.is_(None)).order_by(UnitRow.name))]
    groups = list(session.scalars(select(GroupRow.name).order_by(GroupRow.name)))
    return units, groups
