"""Tables of the intake: every version of a plan as it was read (the file, the text the reader
saw, the reading, who uploaded it and who approved it), and the corrections people made to a
plan's reading, kept per plan so that every re-import applies them again.

Kept apart from ``models`` but on the same ``Base``; their migration is ``0009_intake``.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cadence.store.models import Base
from cadence.store.types import UTCDateTime


class PlanVersionRow(Base):
    """One reading of a plan: a draft awaiting review, the approved one, or one it replaced.

    ``text`` is what the reader saw (for a scan, what Tesseract recognised) and ``pages`` the
    page of its lines as runs ``[[first line, page], …]``; ``reading`` is the Plan as read, with
    its spans into ``text`` (SCHEMA.md shape), before any correction."""

    __tablename__ = "plan_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_key: Mapped[str] = mapped_column(String(120), index=True)
    status: Mapped[str] = mapped_column(String(10))  # draft, approved, replaced, discarded
    file_name: Mapped[str] = mapped_column(String(500))
    stored_as: Mapped[str | None] = mapped_column(String(200))  # the upload's name in [intake] folder
    file_digest: Mapped[str] = mapped_column(String(64))
    text_digest: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    pages: Mapped[list] = mapped_column(JSON)
    reading: Mapped[dict] = mapped_column(JSON)
    title: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)  # the range asked for (--from, --to)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    uploaded_by: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    as_new: Mapped[bool] = mapped_column(Boolean, default=False)  # a person said: not the plan it resembles


class OverrideRow(Base):
    """A correction to a plan's reading: ``field`` of the activity ``target`` (its ref; "" for
    the plan's monitors and reports) is ``value``. ``original`` is what the reading said when
    the correction was made: a later version that still says it has the correction applied; one
    that says something else changed that part, and the plan's new words win."""

    __tablename__ = "plan_overrides"
    __table_args__ = (UniqueConstraint("plan_key", "target", "field"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_key: Mapped[str] = mapped_column(String(120))
    target: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(20))
    value: Mapped[dict | list | None] = mapped_column(JSON)
    original: Mapped[dict | list | None] = mapped_column(JSON)
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
