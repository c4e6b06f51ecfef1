"""The daemon's tables (issue 4): notices, the outbox of messages, escalation steps, digest runs.

Kept apart from ``models`` (the schedule's tables) but on the same ``Base``; their migration is
``0003_daemon``. What each holds:

- ``notices``: one row per due moment, unit, kind, level, channel and recipient, naming the
  items it told of: "remind this person of these three items of their commune 3 days before",
  "tell the unit's head that these items were missed (level 2)". The unique key (moment, unit,
  kind, level, channel, recipient) is the idempotency key: a notice exists at most once however
  often a pass runs or crashes. An item has one moment and one unit, so an item is told at most
  once per kind, level, channel and recipient. A notice belongs to one message.
- ``outbox_messages``: what is sent, rendered, written before sending. One message per person,
  channel and day gathers that day's notices (no storm of SMS), and one per person and week
  carries the digest. ``key`` is unique and becomes the Message-ID, so a message resent after
  a crash is recognisably the same one. State PENDING → SENDING (claimed by one process) →
  SENT; or FAILED (a permanent error, or an escalation or digest still not delivered at
  ``[delivery] give_up_after_days``); or STALE (a reminder whose items' due moment passed
  before it could go); or CANCELLED (its items were done before it went, or an operator
  cancelled it). A transient failure only puts it back to PENDING, later: a message is retried
  for as long as it is worth sending (``cadence.daemon.expiry``). ``last_error`` says why on
  every row that did not go.
- ``channel_health``: one row per channel that is failing now: since when, how many transient
  failures in a row, and when the admins were told (once per outage; ``cadence.daemon.outages``).
- ``escalations``: each escalation step of an item, once per level, with when it fired (a rung
  with nobody to tell is still recorded; whom it told are the step's notices).
- ``digest_runs``: one row per ISO week whose digest was written: the claim that makes the
  weekly digest go once, whichever process gets there first.

The web pages read an item's history from ``notices`` (joined to ``outbox_messages`` for when
and whether it went) and ``escalations``.
"""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from cadence.kinds import Rung
from cadence.store.models import Base, _enum
from cadence.store.types import IdList, UTCDateTime


class NoticeKind(str, enum.Enum):
    REMINDER = "reminder"  # level: working days before the due date
    ESCALATION = "escalation"  # level: the rung of the chain, from 1


class MessageKind(str, enum.Enum):
    DAILY = "daily"  # a person's reminders and escalations of one day
    DIGEST = "digest"  # a person's weekly digest
    LINK = "link"  # a fresh completion link, asked for on the page of an expired one (cadence.web)
    ALERT = "alert"  # to the admins, through another channel: this one keeps failing


class MessageState(str, enum.Enum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # will not go: a permanent error, or too old (the reason on the row)
    STALE = "stale"  # a reminder whose items were due before it could go
    CANCELLED = "cancelled"  # its items were done, or an operator cancelled it


class MessageRow(Base):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_state_next_attempt_at", "state", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    kind: Mapped[MessageKind] = mapped_column(_enum(MessageKind, 10))
    channel: Mapped[str] = mapped_column(String(8))  # a channel's kind (cadence.channels)
    recipient: Mapped[str] = mapped_column(String(200))  # an address of the channel's kind
    name: Mapped[str] = mapped_column(String(200), default="")
    day: Mapped[dt.date] = mapped_column(Date)  # local day (daily) or the week's Monday (digest)
    subject: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text)
    state: Mapped[MessageState] = mapped_column(_enum(MessageState, 10), default=MessageState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    permanent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # when an operator put it back to be sent (`cadence outbox retry`): from then on its age
    # counts from here, and a reminder past due is sent all the same (the operator asked)
    retried_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class NoticeRow(Base):
    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("moment_id", "unit_id", "kind", "level", "channel", "recipient"),
        Index("ix_notices_unassigned", "day", "channel", "recipient",
              sqlite_where=text("message_id IS NULL"), postgresql_where=text("message_id IS NULL")),
        # Only notices already gathered into a message: a notice is written without one, and
        # the morning's thousands of new notices then cost this index nothing.
        Index("ix_notices_message_id", "message_id",
              sqlite_where=text("message_id IS NOT NULL"), postgresql_where=text("message_id IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No foreign keys to due_moments, units or due_items (migration 0005): a busy morning writes
    # thousands of rows, and on PostgreSQL each key is a trigger fired per row. Items and
    # moments are never deleted (retired), so the references stay good.
    moment_id: Mapped[int] = mapped_column(Integer)  # found through the unique key, which starts with it
    unit_id: Mapped[int] = mapped_column(Integer)  # the unit whose items these are
    item_ids: Mapped[tuple[int, ...]] = mapped_column(IdList)  # the unit's items of the moment told of
    kind: Mapped[NoticeKind] = mapped_column(_enum(NoticeKind, 12))
    level: Mapped[int] = mapped_column(SmallInteger)
    rung: Mapped[Rung | None] = mapped_column(_enum(Rung, 10))
    channel: Mapped[str] = mapped_column(String(8))  # a channel's kind (cadence.channels)
    recipient: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200), default="")
    day: Mapped[dt.date] = mapped_column(Date)  # the local day it belongs to
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id"))


class EscalationRow(Base):
    """Keyed by what it is, (item, level): no surrogate id, so a step written costs one index."""

    __tablename__ = "escalations"
    item_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    rung: Mapped[Rung] = mapped_column(_enum(Rung, 10))
    fired_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class DigestRunRow(Base):
    __tablename__ = "digest_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week: Mapped[str] = mapped_column(String(10), unique=True)  # ISO week, "2025-W38"
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    messages: Mapped[int] = mapped_column(Integer, default=0)


class ChannelHealthRow(Base):
    """A channel failing now: a row from its first transient failure after a success until its
    next success (then the row is deleted). ``alerted_at`` is set by the one process that told
    the admins, so an outage is told once however many daemons and messages meet it."""

    __tablename__ = "channel_health"
    channel: Mapped[str] = mapped_column(String(8), primary_key=True)
    failing_since: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # transient failures in a row
    last_failure_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    alerted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
