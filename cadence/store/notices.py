"""Notices: who is told of which items, one row per due moment, unit, kind, level, channel and
recipient (``outbox.NoticeRow``), written by the item step and gathered into messages by the
composing step. Read as plain ``Notice`` values."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cadence.kinds import Rung
from cadence.store.outbox import NoticeKind, NoticeRow
from cadence.store.upsert import insert_columns_ignoring_duplicates

_NOTICES = NoticeRow.__table__
_READ = (_NOTICES.c.id, _NOTICES.c.day, _NOTICES.c.channel, _NOTICES.c.recipient, _NOTICES.c.name,
         _NOTICES.c.item_ids, _NOTICES.c.kind, _NOTICES.c.level, _NOTICES.c.rung, _NOTICES.c.unit_id)


@dataclass(frozen=True, slots=True)
class Notice:
    """One person told, on one channel, of some items of one unit at one due moment."""

    id: int
    day: dt.date  # the local day it belongs to
    channel: str
    recipient: str
    name: str
    item_ids: tuple[int, ...]
    kind: NoticeKind
    level: int  # a reminder's working days before, an escalation's rung number
    rung: Rung | None
    unit_id: int


def add_notices(session: Session, *, moment_id: int, kind: NoticeKind, level: int, rung: Rung | None,
                day: dt.date, now: dt.datetime, told: dict[tuple, tuple[str, list[int]]]) -> int:
    """One notice per (unit, channel, address) → (name, items) of ``told``; the unique key keeps a
    notice once however often a pass runs. How many were offered."""
    keys, found = list(told), list(told.values())
    varying = {"unit_id": [unit for unit, _, _ in keys], "channel": [channel for _, channel, _ in keys],
               "recipient": [address for _, _, address in keys], "name": [name for name, _ in found],
               "item_ids": [items for _, items in found]}
    same = {"moment_id": moment_id, "kind": kind, "level": level, "rung": rung, "day": day, "created_at": now}
    insert_columns_ignoring_duplicates(session, _NOTICES, varying=varying, same=same)
    return len(keys)


def _person_day(notice: Notice) -> tuple:
    return notice.day, notice.channel, notice.recipient


def next_groups(session: Session, batch: int) -> list[list[Notice]]:
    """Whole groups of notices not yet in a message (a person's day on a channel), about
    ``batch`` notices in all: a group cut by the limit is left for the next call, or read whole
    when it is alone. On PostgreSQL, notices another daemon is composing are skipped."""
    query = (select(*_READ).where(_NOTICES.c.message_id.is_(None))
             .order_by(_NOTICES.c.day, _NOTICES.c.channel, _NOTICES.c.recipient, _NOTICES.c.id))
    notices = _read(session, query.limit(batch))
    groups = [list(g) for _, g in groupby(notices, key=_person_day)]
    if len(notices) < batch or not groups:
        return groups
    if len(groups) > 1:
        return groups[:-1]
    day, channel, recipient = _person_day(groups[0][0])
    whole = query.where(_NOTICES.c.day == day, _NOTICES.c.channel == channel, _NOTICES.c.recipient == recipient)
    return [_read(session, whole)]


def _read(session: Session, query) -> list[Notice]:
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return [Notice(*row) for row in session.execute(query)]


def assign(session: Session, notice_ids: list[int], message_id: int) -> bool:
    """Gather the notices into the message, if none was gathered meanwhile; whether all were."""
    claimed = session.execute(update(_NOTICES).where(_NOTICES.c.id.in_(notice_ids), _NOTICES.c.message_id.is_(None))
                              .values(message_id=message_id).execution_options(synchronize_session=False)).rowcount
    return claimed == len(notice_ids)
