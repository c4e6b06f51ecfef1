"""Tables that let the service be watched from outside (``cadence.store.watch``): each daemon
process's passes and send latencies, and the passwords an admin reset.

On the same ``Base`` as the rest, so migrations and the schema comparison see them; their
migration is ``0012_watching``.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cadence.store.models import Base
from cadence.store.types import UTCDateTime


class DaemonRow(Base):
    """One daemon process (its worker name, host:pid:random): when it last finished a pass,
    how many it finished, and how long its sends took, as histogram buckets per channel
    (``{"email": {"buckets": [...], "sum": seconds, "count": n}}``). Each process writes only
    its own row, so several daemons on one database never contend; readers add the rows up."""

    __tablename__ = "daemon_workers"
    worker: Mapped[str] = mapped_column(String(120), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_pass_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    passes: Mapped[int] = mapped_column(Integer, default=0)
    latency: Mapped[dict] = mapped_column(JSON, default=dict)


class PasswordResetRow(Base):
    """An admin gave a user a new password (on the command line or the accounts page)."""

    __tablename__ = "password_resets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(120))  # the admin's user name, or "cli:<login>"
