"""Board users: passwords (argon2id, the current OWASP recommendation), sessions, and the
log-in rate limit.

A session cookie carries a random token; the database keeps its SHA-256 digest, so a copy of
the database opens no session, and logging out deletes the row. Failed log-ins are counted in a
sliding window per (name, address) and per address; over either limit, the password is not even
checked, so guessing from one address gets nowhere. Per name, from all addresses together, they
only slow each attempt down (``login_pause``): a limit per name would let anyone lock out any
user whose name they know.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cadence.config import WebConfig
from cadence.errors import CadenceError
from cadence.store import Transaction
from cadence.store import accounts as stored
from cadence.store.access import Role

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
    must_change: bool = False  # signed in with a password an admin reset: choose one first

    def sees_plan(self, key: str) -> bool:
        return self.role in (Role.ADMIN, Role.LEADER) or key in self.plans

    @property
    def plan_keys(self) -> tuple[str, ...] | None:
        """The plans to show; None means all of them (an admin, a leader)."""
        return None if self.role in (Role.ADMIN, Role.LEADER) else self.plans

    @property
    def writes(self) -> bool:
        """Whether the user may change anything (a leader only reads)."""
        return self.role is not Role.LEADER


class LoginRefused(Exception):
    """``limited`` True: too many failures lately (the password was not checked)."""

    def __init__(self, *, limited: bool) -> None:
        super().__init__("limited" if limited else "refused")  # the page says why, in its language
        self.limited = limited


def add_user(session: Transaction, *, name: str, password: str, role: Role, plans: tuple[str, ...] = (),
             full_name: str = "", now: dt.datetime) -> User:
    """A new board user; CadenceError for a taken name, a short password or an unknown plan."""
    name = _checked_name(name)
    if stored.account(session, name) is not None:
        raise CadenceError("errors.users.exists", name=repr(name))
    _check_password(password)
    _check_plans(session, plans)
    return _user(stored.add_account(session, name=name, full_name=full_name, password_hash=_HASHER.hash(password),
                                    role=role, plans=plans, now=now))


def set_password(session: Transaction, name: str, password: str) -> None:
    """A new password; every session of the user ends."""
    found = _named(session, name)
    _check_password(password)
    stored.set_password_hash(session, found.id, _HASHER.hash(password))
    stored.end_sessions(session, user_id=found.id)


def reset_password(session: Transaction, name: str, *, by: str, now: dt.datetime) -> str:
    """A new random password for a user who forgot theirs, to be handed over once. Every session
    of the user ends, the user must choose their own password at the next log-in (so the admin
    who saw this one does not keep knowing it), and the reset is recorded with who made it."""
    found = _named(session, name)
    password = secrets.token_urlsafe(12)  # 16 characters, 96 bits: above MIN_PASSWORD, read out over a phone
    stored.set_password_hash(session, found.id, _HASHER.hash(password), must_change=True)
    stored.end_sessions(session, user_id=found.id)
    stored.add_reset(session, user_id=found.id, by=by, at=now)
    return password


def resets(session: Transaction, name: str) -> list[tuple[dt.datetime, str]]:
    """The user's password resets, latest first: when, and by whom."""
    return stored.resets(session, _named(session, name).id)


def set_disabled(session: Transaction, name: str, disabled: bool) -> None:
    found = _named(session, name)
    stored.set_disabled(session, found.id, disabled)
    if disabled:
        stored.end_sessions(session, user_id=found.id)


def list_users(session: Transaction) -> list[tuple[User, bool]]:
    return [(_user(found), found.disabled) for found in stored.accounts(session)]


def login_pause(session: Transaction, config: WebConfig, *, name: str, address: str, now: dt.datetime) -> float:
    """Seconds to wait before this attempt's password is checked; LoginRefused(limited=True)
    when this address has failed too often, for this name or for any.

    A name alone is never refused: whoever knows a user's name could otherwise lock them out
    from anywhere. Failures for a name from every address only make each attempt wait longer,
    doubling from [web] login_delay_seconds up to login_delay_max_seconds; the real user still
    gets in, a guesser spread over many addresses gets a few tries a minute."""
    counts = stored.failures(session, name=_folded(name), address=address[:64],
                             since=now - dt.timedelta(minutes=config.login_window_minutes))
    if counts.pair >= config.login_attempts or counts.address >= config.login_attempts_per_address:
        raise LoginRefused(limited=True)
    return pause_after(counts.name, config)


def pause_after(failures: int, config: WebConfig) -> float:
    """The wait after ``failures`` recent failures for one name: none below [web]
    login_attempts, then the delay doubling with each failure, up to the maximum."""
    beyond = failures - config.login_attempts
    if beyond < 0:
        return 0.0
    return min(config.login_delay_seconds * 2 ** min(beyond, 30), config.login_delay_max_seconds)


def log_in(session: Transaction, config: WebConfig, *, name: str, password: str, address: str,
           now: dt.datetime) -> tuple[str, User]:
    """A new session token and its user; LoginRefused when over the limit or wrong. The wait of
    ``login_pause`` is the caller's to keep (the page awaits it without holding a thread)."""
    key = _folded(name)
    login_pause(session, config, name=key, address=address, now=now)
    found = stored.account(session, key)
    if not _password_ok(found, password) or found.disabled:
        stored.add_failure(session, name=key, address=address, at=now)
        raise LoginRefused(limited=False)
    _rehash_if_needed(session, found, password)
    stored.forget_failures(session, key)
    token = secrets.token_urlsafe(32)
    stored.add_session(session, digest=_digest(token), user_id=found.id, now=now,
                       expires_at=now + dt.timedelta(hours=config.session_hours))
    return token, _user(found)


def _folded(name: str) -> str:
    return name.strip().lower()[:100]


def session_user(session: Transaction, token: str | None, now: dt.datetime) -> User | None:
    """The user of a live session, or None (no cookie, expired, logged out, disabled)."""
    if not token:
        return None
    found = stored.session_account(session, _digest(token), now)
    return _user(found) if found is not None else None


def log_out(session: Transaction, token: str | None, now: dt.datetime) -> None:
    """End this session, and sweep sessions that have expired meanwhile."""
    stored.end_sessions(session, digest=_digest(token) if token else None, expired_by=now)


def retry_minutes(config: WebConfig) -> int:
    return config.login_window_minutes


def _password_ok(found: stored.Account | None, password: str) -> bool:
    try:
        return _HASHER.verify(found.password_hash if found else _DUMMY_HASH, password) and found is not None
    except (VerificationError, InvalidHashError):
        return False


def _rehash_if_needed(session: Transaction, found: stored.Account, password: str) -> None:
    """argon2's recommended parameters rise over time; a log-in upgrades the stored hash."""
    if _HASHER.check_needs_rehash(found.password_hash):
        stored.keep_hash(session, found.id, _HASHER.hash(password))


def _user(found: stored.Account) -> User:
    return User(id=found.id, name=found.name, full_name=found.full_name, role=found.role, plans=found.plans,
                must_change=found.must_change)


def _named(session: Transaction, name: str) -> stored.Account:
    found = stored.account(session, name)
    if found is None:
        raise CadenceError("errors.users.no-user", name=repr(name))
    return found


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise CadenceError("errors.users.name", name=repr(name))
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise CadenceError("errors.users.password", least=MIN_PASSWORD)


def _check_plans(session: Transaction, plans: tuple[str, ...]) -> None:
    known = stored.plan_keys(session)
    unknown = [key for key in plans if key not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "—"
        raise CadenceError("errors.users.plans", unknown=", ".join(unknown), known=listed)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
