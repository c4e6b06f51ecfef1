"""What a date, a month, a quarter, a half or a year written in a sentence covers.

``rules.tokens`` tags the words; here a *reference* is read at a token ("ngày 05/3",
"tháng 5/2025", "Quý III-IV/2025", "6 tháng cuối năm", "năm 2026") with the parts it leaves
unsaid kept None, and turned into its first and last day: a missing year is the plan's, and two
references joined into a range lend each other what they lack ("từ ngày 18 đến ngày 27 tháng 4
năm 2026"); a range across New Year starts the year before.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from rules.tokens import Tokens

__all__ = ["Ref", "ref_at", "ref_start", "ref_end", "ref_range", "safe_date"]

@dataclass(frozen=True)
class Ref:
    """A point or stretch of the calendar as written, with unknown parts None."""

    kind: str  # date, day, month, quarter, year, half
    first: int  # token range
    last: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    quarters: tuple[int, int] | None = None
    months: int | None = None  # "6 tháng đầu năm": how many
    from_end: bool = False  # "… cuối năm"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# -- references --------------------------------------------------------------------------------


def ref_at(t: Tokens, i: int) -> Ref | None:
    """The calendar reference starting at token i, if any."""
    tags, values, n = t.tags, t.values, len(t.tags)
    tag = tags[i]
    if tag == "D":
        day, month, year = values[i]
        return Ref("date", i, i + 1, day, month, year)
    if tag == "a" and values[i] > 0:
        return Ref("day", i, i + 1, day=values[i])
    if tag == "G":
        month, year = values[i]
        return Ref("month", i, i + 1, month=month, year=year)
    if tag == "m" and i + 1 < n:
        return _month_ref(t, i)
    if tag == "q" and i + 1 < n and tags[i + 1] in "rNG":
        return _quarter_ref(t, i)
    if tag == "N" and i + 2 < n and tags[i + 1] == "m" and tags[i + 2] == "L":
        return _half_ref(t, i)
    if tag == "y" and i + 1 < n and tags[i + 1] == "Y":
        return Ref("year", i, i + 2, year=values[i + 1])
    if tag == "Y":
        return Ref("year", i, i + 1, year=values[i])
    return None


def _year_after(t: Tokens, j: int) -> tuple[int | None, int]:
    """A year written after a month or quarter: "/2025", "-2025", "năm 2025"."""
    tags = t.tags
    if j + 1 < len(tags) and tags[j] in "/-" and tags[j + 1] == "Y":
        return t.values[j + 1], j + 2
    if j + 1 < len(tags) and tags[j] == "y" and tags[j + 1] == "Y":
        return t.values[j + 1], j + 2
    return None, j


def _month_ref(t: Tokens, i: int) -> Ref | None:
    tags, values = t.tags, t.values
    if tags[i + 1] == "G":
        month, year = values[i + 1]
        return Ref("month", i, i + 2, month=month, year=year)
    if tags[i + 1] == "N" and 1 <= values[i + 1] <= 12:
        year, end = _year_after(t, i + 2)
        return Ref("month", i, end, month=values[i + 1], year=year)
    return None


def _quarter_ref(t: Tokens, i: int) -> Ref | None:
    """"Quý III/2025", "quý III-IV/2025", "quý II, III năm 2025", "quý 2/2026", "quý II-2020"."""
    tags, values = t.tags, t.values
    if tags[i + 1] == "G":  # "quý 2/2026" reads as a month and year
        number, year = values[i + 1]
        return Ref("quarter", i, i + 2, year=year, quarters=(number, number)) if 1 <= number <= 4 else None
    numbers, j = [], i + 1
    while j < len(tags) and tags[j] in "rN" and 1 <= values[j] <= 4:
        numbers.append(values[j])
        if j + 2 < len(tags) and tags[j + 1] in "-,vJ" and tags[j + 2] in "rN" and 1 <= values[j + 2] <= 4:
            j += 2
        elif j + 3 < len(tags) and tags[j + 1] in "-,vJ" and tags[j + 2] == "q" and tags[j + 3] in "rN":
            j += 3
        else:
            j += 1
            break
    if not numbers:
        return None
    year, end = _year_after(t, j)
    return Ref("quarter", i, end, year=year, quarters=(min(numbers), max(numbers)))


def _half_ref(t: Tokens, i: int) -> Ref | None:
    """"6 tháng đầu năm", "9 tháng đầu năm 2020", "6 tháng cuối năm"."""
    months = t.values[i]
    j = i + 3
    if not (1 <= months <= 12) or j >= len(t.tags) or t.tags[j] != "y":
        return None
    year, end = (t.values[j + 1], j + 2) if j + 1 < len(t.tags) and t.tags[j + 1] == "Y" else (None, j + 1)
    return Ref("half", i, end, year=year, months=months, from_end=t.values[i + 2] == -1)


# -- from references to dates ------------------------------------------------------------------


def ref_start(ref: Ref, year: int) -> dt.date | None:
    y = ref.year or year
    if ref.kind == "date":
        return safe_date(y, ref.month, ref.day)
    if ref.kind == "month":
        return dt.date(y, ref.month, 1)
    if ref.kind == "quarter":
        return dt.date(y, 3 * ref.quarters[0] - 2, 1)
    if ref.kind == "half":
        return dt.date(y, 13 - ref.months, 1) if ref.from_end else dt.date(y, 1, 1)
    if ref.kind == "year":
        return dt.date(y, 1, 1)
    return None


def ref_end(ref: Ref, year: int) -> dt.date | None:
    y = ref.year or year
    if ref.kind == "date":
        return safe_date(y, ref.month, ref.day)
    if ref.kind == "month":
        return _month_end(y, ref.month)
    if ref.kind == "quarter":
        return _month_end(y, 3 * ref.quarters[1])
    if ref.kind == "half":
        return dt.date(y, 12, 31) if ref.from_end else _month_end(y, ref.months)
    if ref.kind == "year":
        return dt.date(y, 12, 31)
    return None


def safe_date(year: int, month: int | None, day: int | None) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (TypeError, ValueError):
        return None


def ref_range(first: Ref, second: Ref, year: int) -> tuple[dt.date, dt.date] | None:
    """Two references joined: the first borrows what it lacks from the second ("từ ngày 18
    đến ngày 27 tháng 4 năm 2026", "từ 05/3 đến 20/3/2025"); across New Year it starts the
    year before ("từ 15/12 đến 15/01/2026")."""
    end_year = second.year or first.year or year
    end = ref_end(second, end_year)
    if end is None:
        return None
    if first.kind == "day":
        first = Ref("date", first.first, first.last, first.day, second.month, first.year)
    start_year = first.year or end_year
    start = ref_start(first, start_year)
    if start is None:
        return None
    if start > end and first.year is None:
        start = ref_start(first, start_year - 1)
    return (start, end) if start and start <= end else None
