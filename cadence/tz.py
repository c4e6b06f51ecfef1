"""Time zone of the offices Cadence serves, and the conversions at the edges.

Datetimes are aware everywhere; the store keeps them in UTC and people see them in
Asia/Ho_Chi_Minh (UTC+7 all year: Việt Nam has no daylight saving time).
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = dt.timezone.utc


# The years a date a person types may fall in: wide enough for any plan or record, and far from
# the ends of the calendar (year 1, year 9999), where shifting a moment by its UTC offset or
# stepping a day overflows. Outside them a typed date is refused like a malformed one.
YEARS = range(1900, 3000)


def parse_date(text: str) -> dt.date:
    """A date typed by a user, YYYY-MM-DD, within ``YEARS``; ValueError on anything else."""
    day = dt.date.fromisoformat(text.strip())
    if day.year not in YEARS:
        raise ValueError(text)
    return day


def local_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """The aware UTC moment of a local wall-clock time on a day. A day at the calendar's very
    edge (0001-01-01 local is still year 0 in UTC) is a ValueError, like any other bad date."""
    try:
        return dt.datetime.combine(day, time, tzinfo=LOCAL).astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{day}: outside the calendar") from None


def to_local(moment: dt.datetime) -> dt.datetime:
    """A stored moment as the office reads it."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: Cadence only handles aware datetimes")
    return moment.astimezone(LOCAL)


def parse_moment(text: str, *, default_time: dt.time = dt.time(0, 0)) -> dt.datetime:
    """A date or a local date-time typed by a user ("2025-09-15", "2025-09-15T08:00") → UTC.

    Raises ValueError on anything else; callers turn it into a message naming the field.
    """
    text = text.strip()
    if len(text) == 10:
        return local_moment(parse_date(text), default_time)
    moment = dt.datetime.fromisoformat(text)
    if moment.year not in YEARS:
        raise ValueError(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{text}: outside the calendar") from None


def format_local(moment: dt.datetime | None) -> str:
    """A moment as "2025-09-15 17:00" in local time; empty for None."""
    return "" if moment is None else to_local(moment).strftime("%Y-%m-%d %H:%M")
