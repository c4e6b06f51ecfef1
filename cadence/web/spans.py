"""The stretches of time the board shows and the exports cover, named as offices name them:
"2025-09" (a month), "2025-Q3" (a quarter), "2025-H2" (six months), "2025" (a year).

On the ``decree`` basis a span is the reporting period of Nghị định 09/2019/NĐ-CP instead of
the calendar one: from the 15th of the month before it to the 14th of its last month (so
"2025-Q3" is 15/06 – 14/09), the cut-off offices use for "báo cáo định kỳ".
"""
from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from cadence.catalogue import say


class SpanKind(str, enum.Enum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


_MONTHS = {SpanKind.MONTH: 1, SpanKind.QUARTER: 3, SpanKind.HALF: 6, SpanKind.YEAR: 12}
_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$")


@dataclass(frozen=True, kw_only=True)
class Span:
    """Dates inclusive."""

    code: str
    kind: SpanKind
    start: dt.date
    end: dt.date
    decree: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the board: a calendar month or an ISO week."""

    key: tuple[int, int]
    label: str
    start: dt.date
    end: dt.date


def parse_span(code: str, *, decree: bool = False) -> Span:
    """"2025", "2025-H2", "2025-Q3" or "2025-09" as dates; ValueError on anything else."""
    match = _PATTERN.match(code.strip().upper())
    if not match:
        raise ValueError(f"expected 2025, 2025-H2, 2025-Q3 or 2025-09, got {code!r}")
    year, month, quarter, half = match.groups()
    kind, first = _kind_and_first(int(year), month, quarter, half)
    start = dt.date(int(year), first, 1)
    end = start + relativedelta(months=_MONTHS[kind]) - dt.timedelta(days=1)
    if decree:  # Nghị định 09/2019/NĐ-CP: the 15th of the month before to the 14th of the last month
        start, end = start - relativedelta(months=1) + dt.timedelta(days=14), end.replace(day=14)
    return Span(code=code.strip().upper(), kind=kind, start=start, end=end, decree=decree)


def _kind_and_first(year: int, month: str | None, quarter: str | None, half: str | None) -> tuple[SpanKind, int]:
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"no month {month} in a year")
        return SpanKind.MONTH, int(month)
    if quarter is not None:
        return SpanKind.QUARTER, 3 * int(quarter) - 2
    if half is not None:
        return SpanKind.HALF, 6 * int(half) - 5
    return SpanKind.YEAR, 1


def span_codes(day: dt.date) -> dict[SpanKind, str]:
    """The month, quarter, half and year that contain ``day``, as codes (the export menu)."""
    return {
        SpanKind.MONTH: f"{day.year}-{day.month:02d}",
        SpanKind.QUARTER: f"{day.year}-Q{(day.month - 1) // 3 + 1}",
        SpanKind.HALF: f"{day.year}-H{1 if day.month <= 6 else 2}",
        SpanKind.YEAR: f"{day.year}",
    }


def month_columns(start: dt.date, end: dt.date, lang: str = "vi") -> list[Column]:
    columns, first = [], start.replace(day=1)
    while first <= end:
        last = first + relativedelta(months=1) - dt.timedelta(days=1)
        label = say("web.month-column", lang, month=first.month, year=first.year % 100)
        columns.append(Column(key=(first.year, first.month), label=label,
                              start=max(first, start), end=min(last, end)))
        first = last + dt.timedelta(days=1)
    return columns


def week_columns(start: dt.date, end: dt.date, lang: str = "vi") -> list[Column]:
    """ISO weeks (Monday to Sunday) touching the span, labelled by their number ("T38", "W38")."""
    columns, monday = [], start - dt.timedelta(days=start.weekday())
    while monday <= end:
        year, week, _ = monday.isocalendar()
        columns.append(Column(key=(year, week), label=say("web.week-column", lang, week=week), start=max(monday, start),
                              end=min(monday + dt.timedelta(days=6), end)))
        monday += dt.timedelta(days=7)
    return columns


def column_key(day: dt.date, by_week: bool) -> tuple[int, int]:
    if by_week:
        year, week, _ = day.isocalendar()
        return year, week
    return day.year, day.month
