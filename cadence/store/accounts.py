"""Board users, their sessions and failed log-ins, as the web side reads and writes them
(``access``'s tables). No password and no session token is ever stored: argon2 hashes and
SHA-256 digests, made by ``cadence.web.accounts``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from cadence.store.access import LoginAttemptRow, Role, SessionRow, UserPlanRow, UserRow
from cadence.store.models import PlanRow
from cadence.store.watch_tables import PasswordResetRow


@dataclass(frozen=True, kw_only=True)
class Account:
    """A user as stored: what the pages know of them, and their password's hash."""

    id: int
    name: str
    full_name: str
    role: Role
    plans: tuple[str, ...]  # plan keys a coordinator follows
    password_hash: str
    disabled: bool
    must_change: bool = False  # an admin's reset: the user chooses their own password first


def account(session: Session, name: str) -> Account | None:
    """The user of that name (any case), if any."""
    row = session.scalar(select(UserRow).where(func.lower(UserRow.name) == name.strip().lower()))
    return _account(session, row) if row is not None else None


def accounts(session: Session) -> list[Account]:
    return [_account(session, row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]


def _account(session: Session, row: UserRow) -> Account:
    plans = tuple(session.scalars(select(UserPlanRow.plan_key).where(UserPlanRow.user_id == row.id)
                                  .order_by(UserPlanRow.plan_key)))
    return Account(id=row.id, name=row.name, full_name=row.full_name, role=row.role, plans=plans,
                   password_hash=row.password_hash, disabled=row.disabled, must_change=row.must_change)


def add_account(session: Session, *, name: str, full_name: str, password_hash: str, role: Role,
                plans: tuple[str, ...], now: dt.datetime) -> Account:
    row = UserRow(name=name, full_name=full_name, password_hash=password_hash, role=role, created_at=now, disabled=False)
    session.add(row)
    session.flush()
    session.add_all(UserPlanRow(user_id=row.id, plan_key=key) for key in dict.fromkeys(plans))
    session.flush()
    return _account(session, row)


def set_password_hash(session: Session, user_id: int, password_hash: str, *, must_change: bool = False) -> None:
    row = session.get(UserRow, user_id)
    row.password_hash, row.must_change = password_hash, must_change


def keep_hash(session: Session, user_id: int, password_hash: str) -> None:
    """The same password under a stronger hash (argon2's parameters rise over time)."""
    session.get(UserRow, user_id).password_hash = password_hash


def add_reset(session: Session, *, user_id: int, by: str, at: dt.datetime) -> None:
    session.add(PasswordResetRow(user_id=user_id, by=by[:120], at=at))


def resets(session: Session, user_id: int) -> list[tuple[dt.datetime, str]]:
    """When the user's password was reset, and by whom, latest first."""
    rows = session.execute(select(PasswordResetRow.at, PasswordResetRow.by).where(PasswordResetRow.user_id == user_id)
                           .order_by(PasswordResetRow.at.desc(), PasswordResetRow.id.desc()))
    return [(at, by) for at, by in rows]


def set_disabled(session: Session, user_id: int, disabled: bool) -> None:
    session.get(UserRow, user_id).disabled = disabled


def plan_keys(session: Session) -> set[str]:
    return set(session.scalars(select(PlanRow.key)))


@dataclass(frozen=True, kw_only=True)
class Failures:
    """Failed log-ins in the window: for this name from this address, from this address for
    any name, and for this name from anywhere."""

    pair: int
    address: int
    name: int


def failures(session: Session, *, name: str, address: str, since: dt.datetime) -> Failures:
    recent = select(func.count()).where(LoginAttemptRow.at > since)
    return Failures(
        pair=session.scalar(recent.where(LoginAttemptRow.name == name, LoginAttemptRow.address == address)),
        address=session.scalar(recent.where(LoginAttemptRow.address == address)),
        name=session.scalar(recent.where(LoginAttemptRow.name == name)))


def add_failure(session: Session, *, name: str, address: str, at: dt.datetime) -> None:
    session.add(LoginAttemptRow(name=name, address=address[:64], at=at))


def forget_failures(session: Session, name: str) -> None:
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.name == name))


def add_session(session: Session, *, digest: str, user_id: int, now: dt.datetime, expires_at: dt.datetime) -> None:
    session.add(SessionRow(digest=digest, user_id=user_id, created_at=now, expires_at=expires_at))


def session_account(session: Session, digest: str, now: dt.datetime) -> Account | None:
    """The user of a live session (not expired, not disabled), by the session's digest."""
    row = session.scalar(
        select(UserRow).join(SessionRow, SessionRow.user_id == UserRow.id)
        .where(SessionRow.digest == digest, SessionRow.expires_at > now, UserRow.disabled.is_(False)))
    return _account(session, row) if row is not None else None


def end_sessions(session: Session, *, user_id: int | None = None, digest: str | None = None,
                 expired_by: dt.datetime | None = None) -> None:
    """End the sessions of a user, or the one of ``digest``, and those expired by ``expired_by``."""
    conditions = []
    if user_id is not None:
        conditions.append(SessionRow.user_id == user_id)
    if digest is not None:
        conditions.append(SessionRow.digest == digest)
    if expired_by is not None:
        conditions.append(SessionRow.expires_at <= expired_by)
    if conditions:
        session.execute(delete(SessionRow).where(or_(*conditions)))
