"""When a task runs: "Quý III/2025", "Thường xuyên trong năm", "Từ tháng 3 đến tháng 6/2025"."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rules.model import Window
from rules.text import fold, squash, strip_trailing

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_TOKEN = r"(?:iv|iii|ii|i|[1-4])"
_YEAR = r"(?:/|\s+nam\s+|\s+)(\d{4})"
_QUARTERS = re.compile(
    rf"quy\s+({_QUARTER_TOKEN}(?:\s*(?:-|,|va|den|–)\s*(?:quy\s+)?{_QUARTER_TOKEN})*)(?![\w])(?:{_YEAR})?"
)
_MONTH_RANGE = re.compile(
    r"tu\s+thang\s+(\d{1,2})(?:/(\d{4}))?\s+(?:den|toi)\s+(?:het\s+)?thang\s+(\d{1,2})(?:(?:/|\s+nam\s+)(\d{4}))?"
)
_MONTH = re.compile(r"(?<![\w])thang\s+(\d{1,2})(?:/|\s+nam\s+)(\d{4})")
_BEFORE = re.compile(r"(?:truoc|cham nhat|han chot)\s+(?:ngay\s+)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_DATE = re.compile(r"(?<![\w/])ngay\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_HALF = re.compile(r"(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?")
_ONGOING = re.compile(r"^(?:thuong xuyen|lien tuc|hang nam)(?![\w])")
_YEAR_ONLY = re.compile(r"(?<![\w])nam\s+(\d{4})")


@dataclass(frozen=True)
class WindowReading:
    window: Window | None
    ongoing: bool


def _year_window(year: int, text: str) -> Window:
    return Window(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text=text)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarters(match: re.Match, year: int, text: str) -> Window | None:
    numbers = [_ROMAN_QUARTERS[t] for t in re.findall(_QUARTER_TOKEN, match.group(1))]
    year = int(match.group(2)) if match.group(2) else year
    first, last = min(numbers), max(numbers)
    return Window(start=dt.date(year, 3 * first - 2, 1), end=_month_end(year, 3 * last), text=text)


def _months(match: re.Match, year: int, text: str) -> Window | None:
    first, y1, last, y2 = match.groups()
    end_year = int(y2 or y1 or year)
    start_year = int(y1 or y2 or year)
    first, last = int(first), int(last)
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None
    return Window(start=dt.date(start_year, first, 1), end=_month_end(end_year, last), text=text)


def _before(match: re.Match, year: int, text: str) -> Window | None:
    day, month, y = match.groups()
    try:
        end = dt.date(int(y or year), int(month), int(day))
    except ValueError:
        return None
    return Window(start=dt.date(end.year, 1, 1), end=end, text=text)


def _half(match: re.Match, year: int, text: str) -> Window:
    year = int(match.group(2) or year)
    if match.group(1) == "dau":
        return Window(start=dt.date(year, 1, 1), end=dt.date(year, 6, 30), text=text)
    return Window(start=dt.date(year, 7, 1), end=dt.date(year, 12, 31), text=text)


def _single_month(match: re.Match, year: int, text: str) -> Window | None:
    month, y = int(match.group(1)), int(match.group(2))
    return Window(start=dt.date(y, month, 1), end=_month_end(y, month), text=text) if 1 <= month <= 12 else None


def _date(match: re.Match, year: int, text: str) -> Window | None:
    try:
        day = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return Window(start=day, end=day, text=text)


# Tried in order: the most specific wording first.
_READERS = (
    (_QUARTERS, _quarters),
    (_MONTH_RANGE, _months),
    (_BEFORE, _before),
    (_HALF, _half),
    (_MONTH, _single_month),
    (_DATE, _date),
)


def read_window(text: str, year: int) -> WindowReading | None:
    """The window a time field states, or None where it names none we can read."""
    written = strip_trailing(squash(text))
    folded = fold(written)
    if _ONGOING.match(folded):
        stated = _YEAR_ONLY.search(folded)
        return WindowReading(_year_window(int(stated.group(1)) if stated else year, written), True)
    for pattern, reader in _READERS:
        if match := pattern.search(folded):
            window = reader(match, year, written)
            if window is not None:
                return WindowReading(window, False)
    if match := _YEAR_ONLY.search(folded):
        return WindowReading(_year_window(int(match.group(1)), written), False)
    if re.fullmatch(r"(?:trong|ca)?\s*nam(?:\s+nay)?", folded):
        return WindowReading(_year_window(year, written), False)
    return None
