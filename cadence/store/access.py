"""Tables of the web side (issue 5): who may see the board, and what completion links may do.

Kept apart from ``models`` (the schedule's tables) but on the same ``Base``, so migrations and
the schema comparison see them; their migration is ``0002_web_access``. No token or password is
stored: links and sessions are kept as SHA-256 digests, passwords as argon2 hashes.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from cadence.kinds import Role
from cadence.store.models import Base, _enum
from cadence.store.types import UTCDateTime


class LinkRevocationRow(Base):
    """A revoked link (by ``digest``), or every link of a unit issued before a moment (a contact
    left the unit), or with neither, every link issued before it (the secret leaked)."""

    __tablename__ = "link_revocations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str | None] = mapped_column(String(64), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    issued_before: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(300), default="")


class LinkRequestRow(Base):
    """Someone holding an expired, revoked or used link asked for a fresh one for its unit.
    The daemon sends the fresh link to the unit's contacts and stamps ``handled_at``."""

    __tablename__ = "link_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    item_ids: Mapped[list] = mapped_column(JSON)
    link_digest: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    handled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(300))


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(_enum(Role, 12))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The password was given by an admin (a reset): the user must choose their own before
    # anything else (migration 0012).
    must_change: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class UserPlanRow(Base):
    """A plan a coordinator follows, by its key (a plan may be re-imported; its key stays)."""

    __tablename__ = "user_plans"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    plan_key: Mapped[str] = mapped_column(String(120), primary_key=True)


class SessionRow(Base):
    """A logged-in browser. The cookie holds a random token; only its digest is kept, so
    logging out (deleting the row) ends the session everywhere at once."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class LoginAttemptRow(Base):
    """A failed log-in, by folded name and by client address: the rate limit counts these."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
