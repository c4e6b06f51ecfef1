"""Board users: passwords (argon2id, the current OWASP recommendation), sessions, and the
log-in rate limit.

A session cookie carries a random token; the database keeps its SHA-256 digest, so a copy of
the database opens no session, and logging out deletes the row. Failed log-ins are counted per
user name and per client address in a sliding window; over the limit, the password is not even
checked, so guessing gets nowhere.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from cadence.config import WebConfig
from cadence.errors import CadenceError
from cadence.store.access import LoginAttemptRow, Role, SessionRow, UserPlanRow, UserRow
from cadence.store.models import PlanRow

_HASHER = PasswordHasher()
MIN_PASSWORD = 10
# Verified against when the user name is unknown, so an unknown name costs the same time as a
# wrong password and response times do not tell which names exist.
_DUMMY_HASH = _HASHER.hash("cadence-no-such-user")


@dataclass(frozen=True, kw_only=True)
class User:
    id: int
    name: str
    full_name: str
    role: Role
    plans: tuple[str, ...]  # plan keys a coordinator follows

    def sees_plan(self, key: str) -> bool:
        return self.role is Role.ADMIN or key in self.plans

    @property
    def plan_keys(self) -> tuple[str, ...] | None:
        """The plans to show; None means all of them (an admin)."""
        return None if self.role is Role.ADMIN else self.plans


class LoginRefused(Exception):
    """``limited`` True: too many failures lately (the password was not checked)."""

    def __init__(self, *, limited: bool) -> None:
        super().__init__("limited" if limited else "refused")  # the page says why, in its language
        self.limited = limited


def add_user(session: Session, *, name: str, password: str, role: Role, plans: tuple[str, ...] = (),
             full_name: str = "", now: dt.datetime) -> User:
    """A new board user; CadenceError for a taken name, a short password or an unknown plan."""
    name = _checked_name(name)
    if session.scalar(select(UserRow.id).where(func.lower(UserRow.name) == name.lower())) is not None:
        raise CadenceError("errors.users.exists", name=repr(name))
    _check_password(password)
    _check_plans(session, plans)
    row = UserRow(name=name, full_name=full_name, password_hash=_HASHER.hash(password), role=role,
                  created_at=now, disabled=False)
    session.add(row)
    session.flush()
    session.add_all(UserPlanRow(user_id=row.id, plan_key=key) for key in dict.fromkeys(plans))
    return _user(session, row)


def set_password(session: Session, name: str, password: str) -> None:
    """A new password; every session of the user ends."""
    row = _row_named(session, name)
    _check_password(password)
    row.password_hash = _HASHER.hash(password)
    session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))


def set_disabled(session: Session, name: str, disabled: bool) -> None:
    row = _row_named(session, name)
    row.disabled = disabled
    if disabled:
        session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))


def list_users(session: Session) -> list[tuple[User, bool]]:
    rows = session.scalars(select(UserRow).order_by(UserRow.name))
    return [(_user(session, row), row.disabled) for row in rows]


def log_in(session: Session, config: WebConfig, *, name: str, password: str, address: str,
           now: dt.datetime) -> tuple[str, User]:
    """A new session token and its user; LoginRefused when over the limit or wrong."""
    key = name.strip().lower()[:100]
    if _recent_failures(session, config, key, address, now) >= config.login_attempts:
        raise LoginRefused(limited=True)
    row = session.scalar(select(UserRow).where(func.lower(UserRow.name) == key))
    if not _password_ok(row, password) or row.disabled:
        session.add(LoginAttemptRow(name=key, address=address[:64], at=now))
        raise LoginRefused(limited=False)
    _rehash_if_needed(row, password)
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.name == key))
    token = secrets.token_urlsafe(32)
    session.add(SessionRow(digest=_digest(token), user_id=row.id, created_at=now,
                           expires_at=now + dt.timedelta(hours=config.session_hours)))
    return token, _user(session, row)


def session_user(session: Session, token: str | None, now: dt.datetime) -> User | None:
    """The user of a live session, or None (no cookie, expired, logged out, disabled)."""
    if not token:
        return None
    row = session.scalar(
        select(UserRow).join(SessionRow, SessionRow.user_id == UserRow.id)
        .where(SessionRow.digest == _digest(token), SessionRow.expires_at > now, UserRow.disabled.is_(False)))
    return _user(session, row) if row is not None else None


def log_out(session: Session, token: str | None, now: dt.datetime) -> None:
    """End this session, and sweep sessions that have expired meanwhile."""
    condition = SessionRow.expires_at <= now
    if token:
        condition = or_(condition, SessionRow.digest == _digest(token))
    session.execute(delete(SessionRow).where(condition))


def retry_minutes(config: WebConfig) -> int:
    return config.login_window_minutes


def _recent_failures(session: Session, config: WebConfig, key: str, address: str, now: dt.datetime) -> int:
    since = now - dt.timedelta(minutes=config.login_window_minutes)
    by_name = select(func.count()).where(LoginAttemptRow.name == key, LoginAttemptRow.at > since)
    by_address = select(func.count()).where(LoginAttemptRow.address == address, LoginAttemptRow.at > since)
    return max(session.scalar(by_name), session.scalar(by_address))


def _password_ok(row: UserRow | None, password: str) -> bool:
    try:
        return _HASHER.verify(row.password_hash if row else _DUMMY_HASH, password) and row is not None
    except (VerificationError, InvalidHashError):
        return False


def _rehash_if_needed(row: UserRow, password: str) -> None:
    """argon2's recommended parameters rise over time; a log-in upgrades the stored hash."""
    if _HASHER.check_needs_rehash(row.password_hash):
        row.password_hash = _HASHER.hash(password)


def _user(session: Session, row: UserRow) -> User:
    plans = tuple(session.scalars(select(UserPlanRow.plan_key).where(UserPlanRow.user_id == row.id)
                                  .order_by(UserPlanRow.plan_key)))
    return User(id=row.id, name=row.name, full_name=row.full_name, role=row.role, plans=plans)


def _row_named(session: Session, name: str) -> UserRow:
    row = session.scalar(select(UserRow).where(func.lower(UserRow.name) == name.strip().lower()))
    if row is None:
        raise CadenceError("errors.users.no-user", name=repr(name))
    return row


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise CadenceError("errors.users.name", name=repr(name))
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise CadenceError("errors.users.password", least=MIN_PASSWORD)


def _check_plans(session: Session, plans: tuple[str, ...]) -> None:
    known = set(session.scalars(select(PlanRow.key)))
    unknown = [key for key in plans if key not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "—"
        raise CadenceError("errors.users.plans", unknown=", ".join(unknown), known=listed)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
