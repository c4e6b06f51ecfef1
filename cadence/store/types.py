"""Column types that keep the house rules on every database: datetimes are aware in Python
and stored in UTC (timestamptz on PostgreSQL; UTC text on SQLite, which has no time zones);
lists of ids are text on both."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Text
from sqlalchemy.types import TypeDecorator

UTC = dt.timezone.utc


class UTCDateTime(TypeDecorator):
    """An aware datetime in, an aware UTC datetime out; a naive one is refused (a bug)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError(f"UTCDateTime needs an aware datetime, got {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class IdList(TypeDecorator):
    """A tuple of row ids, stored as text ("12,13,40") alike on every database: a notice names
    the items it told of in its own row, so a person told of eight items is one row, not eight.
    Read as a tuple of ints; never searched by the database (readers find the row by its moment
    and unit, then look inside)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return ",".join(str(int(i)) for i in value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return tuple(int(i) for i in value.split(",")) if value else ()
