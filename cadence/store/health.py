"""Which channels are failing now (``outbox.ChannelHealthRow``): a row from a channel's first
transient failure after a success until its next success.

    failed(session, channel, count, error, now)     count more failures in a row
    recovered(session, channel)                     the channel delivered: its row goes; was it failing
    claim_alert(session, channel, failures, before, now)   True for the one process that tells the admins
    failing(session)                                the channels whose admins were told, and since when

The claim is one conditional UPDATE (``… WHERE alerted_at IS NULL``), so several daemons meeting
the same outage tell it once.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cadence.store.outbox import ChannelHealthRow, MessageRow, MessageState

_HEALTH = ChannelHealthRow.__table__


@dataclass(frozen=True, kw_only=True)
class Failing:
    """A channel failing now."""

    channel: str
    since: dt.datetime
    failures: int
    error: str | None
    waiting: int = 0  # its messages waiting to be sent again


def failed(session: Session, channel: str, count: int, error: str, now: dt.datetime) -> None:
    """``count`` more transient failures in a row on ``channel``."""
    changed = session.execute(update(_HEALTH).where(_HEALTH.c.channel == channel)
                              .values(failures=_HEALTH.c.failures + count, last_failure_at=now,
                                      last_error=error)).rowcount
    if changed:
        return
    try:
        with session.begin_nested():
            session.execute(_HEALTH.insert().values(channel=channel, failing_since=now, failures=count,
                                                    last_failure_at=now, last_error=error))
    except IntegrityError:  # another process wrote the first failure a moment before
        failed(session, channel, count, error, now)


def recovered(session: Session, channel: str) -> Failing | None:
    """The channel delivered a message: its outage, if it had one, is over (and returned)."""
    row = _row(session, channel)
    if row is None:
        return None
    ended = _failing(row)
    session.execute(delete(_HEALTH).where(_HEALTH.c.channel == channel))
    return ended


def claim_alert(session: Session, channel: str, *, failures: int, since_before: dt.datetime,
                now: dt.datetime) -> Failing | None:
    """The outage of ``channel`` if it has lasted (at least ``failures`` failures in a row, the
    first before ``since_before``) and nobody told the admins yet; now marked as told."""
    won = session.execute(update(_HEALTH)
                          .where(_HEALTH.c.channel == channel, _HEALTH.c.alerted_at.is_(None),
                                 _HEALTH.c.failures >= failures, _HEALTH.c.failing_since <= since_before)
                          .values(alerted_at=now)).rowcount
    return _failing(_row(session, channel), session) if won else None


def failing(session: Session) -> list[Failing]:
    """The channels failing now whose admins were told (an outage, not one bad moment), by name,
    each with the count of its messages waiting."""
    rows = session.scalars(select(ChannelHealthRow).where(ChannelHealthRow.alerted_at.is_not(None))
                           .order_by(ChannelHealthRow.channel))
    return [_failing(row, session) for row in rows]


def _row(session: Session, channel: str) -> ChannelHealthRow | None:
    return session.scalars(select(ChannelHealthRow).where(ChannelHealthRow.channel == channel)
                           .execution_options(populate_existing=True)).one_or_none()


def _failing(row: ChannelHealthRow, session: Session | None = None) -> Failing:
    waiting = 0
    if session is not None:
        waiting = session.scalar(select(func.count()).select_from(MessageRow)
                                 .where(MessageRow.channel == row.channel, MessageRow.state == MessageState.PENDING))
    return Failing(channel=row.channel, since=row.failing_since, failures=row.failures, error=row.last_error,
                   waiting=waiting)
