"""The tables. Changing one means a new migration in cadence/migrations/versions/ (a test
compares the migrated schema with these models).

Identity survives re-imports through natural keys: a unit by ``code``, a plan by ``key``, an
activity by (plan, ref), a duty by (plan, ref, key) and a due item by (duty, unit,
window_start, seq). Nothing a user may have touched is deleted: removed duties and items
are retired.
"""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, Boolean, Date, Enum, ForeignKey, Index, Integer, MetaData, SmallInteger, String, Text
from sqlalchemy import UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cadence.kinds import CompletionSource, ItemKind, ItemStatus
from cadence.store.types import IdList, UTCDateTime
from cadence.units.model import ContactRole

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(kind: type[enum.Enum], length: int) -> Enum:
    """Enums stored as their values, as plain strings (no CHECK, so a later issue can add states)."""
    return Enum(kind, native_enum=False, create_constraint=False, length=length,
                values_callable=lambda members: [m.value for m in members], validate_strings=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UnitRow(Base):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    dissolved_on: Mapped[dt.date | None] = mapped_column(Date)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    made_from: Mapped[str | None] = mapped_column(String(120))  # a plan's key: made by plan import --create-units


class ContactRow(Base):
    """A person (or a shared mailbox) of a unit: one of the people reminded, or its head."""

    __tablename__ = "unit_contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    role: Mapped[ContactRole] = mapped_column(_enum(ContactRole, 8), default=ContactRole.CONTACT)
    name: Mapped[str] = mapped_column(String(200), default="")


class AddressRow(Base):
    """How a contact is reached on one channel: the channel's kind (``cadence.channels``) and an
    address of that channel's kind, checked by the channel when the units file was read."""

    __tablename__ = "contact_addresses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("unit_contacts.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(200))


class GroupRow(Base):
    __tablename__ = "unit_groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))  # the unit it is "of"


class GroupMemberRow(Base):
    __tablename__ = "unit_group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("unit_groups.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)


class GroupIncludeRow(Base):
    __tablename__ = "unit_group_includes"
    group_id: Mapped[int] = mapped_column(ForeignKey("unit_groups.id", ondelete="CASCADE"), primary_key=True)
    included_id: Mapped[int] = mapped_column(ForeignKey("unit_groups.id", ondelete="CASCADE"), primary_key=True)


class NameRow(Base):
    """Every name a unit or group answers to, by its folded key: names, aliases, and the
    answers recorded with ``cadence units map`` (source "mapping"), reused on every import.
    A key is not unique: two real names can fold alike ("Xã Ba Tô", "Xã Ba Tơ"), and the same
    words name different bodies at different homes (``cadence.units.resolve``: where a name
    counts): ``home_id`` is the unit within whose plans the name counts, NULL for everywhere."""

    __tablename__ = "unit_names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    text: Mapped[str] = mapped_column(String(400))
    source: Mapped[str] = mapped_column(String(10))  # name, alias, mapping
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("unit_groups.id", ondelete="CASCADE"))
    home_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(String(300))
    issuer_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    year: Mapped[int] = mapped_column(Integer)
    file: Mapped[str] = mapped_column(String(500))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    reading: Mapped[dict] = mapped_column(JSON)  # the Plan as read (SCHEMA.md shape)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # its open items stopped then
    retired_by: Mapped[str | None] = mapped_column(String(200))


class ActivityRow(Base):
    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("plan_id", "ref"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(String(10))
    window_start: Mapped[dt.date | None] = mapped_column(Date)
    window_end: Mapped[dt.date | None] = mapped_column(Date)
    ongoing: Mapped[bool] = mapped_column(Boolean, default=False)
    lead: Mapped[list] = mapped_column(JSON)
    support: Mapped[list] = mapped_column(JSON)
    directs: Mapped[list] = mapped_column(JSON)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class MonitorRow(Base):
    """Who follows up on whom (đầu mối): the coordinating chain misses escalate to."""

    __tablename__ = "monitors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(40))
    scope: Mapped[str] = mapped_column(String(10))
    unit_text: Mapped[str] = mapped_column(String(400))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))


class DutyRow(Base):
    """A rule of an activity, its check-in or one-off task, or a report period: what items come from."""

    __tablename__ = "duties"
    __table_args__ = (UniqueConstraint("plan_id", "ref", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id"))
    ref: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(400))
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind, 12))
    title: Mapped[str] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(String(10))
    series: Mapped[str | None] = mapped_column(String(300))
    channel: Mapped[str | None] = mapped_column(String(100))
    rule: Mapped[dict | None] = mapped_column(JSON)  # the Rule as read, for counts and totals
    period: Mapped[str | None] = mapped_column(String(12))  # a report's period
    to_text: Mapped[str | None] = mapped_column(String(400))  # a report's recipient
    units_text: Mapped[list] = mapped_column(JSON)  # the plan's unit strings for this duty
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class DueItem(Base):
    """One output (or quota, check-in, report) one unit owes by one moment.

    The daemon's clock is not here but on the item's ``DueMoment`` (same ``due_at`` and
    ``window_start``): every open item of a moment shares its reminders and escalations, so a
    pass writes one moment row where it would otherwise rewrite thousands of items. An item row
    changes when a person completes it, or when a re-import or reorganisation moves it.
    """

    __tablename__ = "due_items"
    __table_args__ = (
        UniqueConstraint("duty_id", "unit_id", "window_start", "seq"),
        Index("ix_due_items_due_at_window_start_status", "due_at", "window_start", "status"),  # a moment's open items
        Index("ix_due_items_unit_id_due_at", "unit_id", "due_at"),
        Index("ix_due_items_plan_id_due_at", "plan_id", "due_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No foreign keys on this table's references (plan, duty, unit, moved_from; migration 0004):
    # on PostgreSQL each is a trigger fired for every inserted row, and the four of them cut a
    # national import (2.5 million items by COPY) from about 147,000 to 55,000 items/s. The ids
    # are right by construction: an import writes ids it read or created in the same
    # transaction, and plans, duties and units are never deleted (retired, dissolved). A test
    # checks that no item refers to a missing row after imports, re-imports and reorganisation.
    plan_id: Mapped[int] = mapped_column(Integer)
    duty_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[dt.date] = mapped_column(Date)
    window_end: Mapped[dt.date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(SmallInteger, default=0)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    target: Mapped[int] = mapped_column(Integer, default=1)
    threshold: Mapped[int] = mapped_column(Integer, default=1)  # count that makes it done
    done_count: Mapped[int] = mapped_column(Integer, default=0)
    # 16 characters: "before_tracking" (migration 0008)
    status: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus, 16), default=ItemStatus.OPEN)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    moved_from_id: Mapped[int | None] = mapped_column(Integer)  # reorganisation


class DueMoment(Base):
    """The daemon's clock for every item due at one moment with one window start.

    Items sharing (``due_at``, ``window_start``) share a timeline (``cadence.daemon.timeline``):
    the same reminders, the same miss, the same escalation steps. Their state as far as the
    daemon is concerned lives here, once: ``status`` (OPEN, or MISSED once the grace period
    ran out), the highest ``escalation_level`` fired, and ``next_action_at``, when the daemon
    must look again (NULL once nothing more can happen). The pass reads ``WHERE next_action_at
    <= :now`` through a partial index, so it costs what is due, not the size of the schedule.
    An item done is simply no longer one of its moment's open items; its own escalation steps
    (table ``escalations``) stay its history.
    """

    __tablename__ = "due_moments"
    __table_args__ = (
        UniqueConstraint("due_at", "window_start"),
        Index("ix_due_moments_next_action_at", "next_action_at",
              sqlite_where=text("next_action_at IS NOT NULL"),
              postgresql_where=text("next_action_at IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    window_start: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus, 16), default=ItemStatus.OPEN)  # open or missed
    escalation_level: Mapped[int] = mapped_column(SmallInteger, default=0)
    next_action_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class CompletionRow(Base):
    """One report of work done, from the CLI, a CSV file or the web: who, when, evidence."""

    __tablename__ = "completions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("due_items.id", ondelete="CASCADE"), index=True)
    source: Mapped[CompletionSource] = mapped_column(_enum(CompletionSource, 8))
    actor: Mapped[str] = mapped_column(String(200), default="")
    done_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    count: Mapped[int] = mapped_column(Integer, default=1)
    evidence_url: Mapped[str | None] = mapped_column(String(1000))
    note: Mapped[str | None] = mapped_column(Text)
    # Taken back (``cadence done --undo``, the item page's button): kept as history, counted no more.
    undone_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    undone_by: Mapped[str | None] = mapped_column(String(200))
    undo_reason: Mapped[str | None] = mapped_column(Text)


class DissolutionRow(Base):
    """A unit dissolved (or merged) on a day, with the items that moved to its successor and
    those retired because the successor had them already, so that ``cadence units restore``
    can put everything back as it was. ``restored_at`` is set once it has been reversed."""

    __tablename__ = "dissolutions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    dissolved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    moved_ids: Mapped[tuple] = mapped_column(IdList, default=())
    retired_ids: Mapped[tuple] = mapped_column(IdList, default=())
    restored_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


# The intake's tables (each version of a plan as read, and the corrections people made), likewise.
from cadence.store import intake_tables as _intake  # noqa: E402,F401
# The web side's tables (links, users, sessions) live in their own module, on this Base.
from cadence.store import access as _access  # noqa: E402,F401
# The daemon's tables (notices, outbox, escalations, digest runs), likewise.
from cadence.store import outbox as _outbox  # noqa: E402,F401
# What lets the service be watched (daemon passes, send latency) and password resets, likewise.
from cadence.store import watch_tables as _watch  # noqa: E402,F401
