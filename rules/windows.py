"""When a task runs: "Quý III/2025", "Thường xuyên trong năm", "Từ tháng 3 đến tháng 6/2025"."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from rules.model import Window
from rules.text import fold, squash, strip_trailing
from rules.vocabulary import alternation, vocabulary

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_TOKEN = r"(?:iv|iii|ii|i|[1-4])"


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    """The window wordings of the vocabulary table, as patterns over folded text."""
    vocab = vocabulary()
    w = {key: alternation(vocab.words("windows", key)) for key in vocab.table("windows")}
    year = rf"(?:/|\s+{w['year']}\s+|\s+)(\d{{4}})"
    month_year = rf"(?:/|\s+{w['year']}\s+)(\d{{4}})"
    return {
        "quarters": re.compile(
            rf"{w['quarter']}\s+({_QUARTER_TOKEN}(?:\s*(?:-|,|va|{w['until']}|–)\s*(?:{w['quarter']}\s+)?"
            rf"{_QUARTER_TOKEN})*)(?![\w])(?:{year})?"
        ),
        "month_range": re.compile(
            rf"{w['from']}\s+{w['month']}\s+(\d{{1,2}})(?:/(\d{{4}}))?\s+{w['until']}\s+{w['month']}\s+(\d{{1,2}})(?:{month_year})?"
        ),
        "month_dash": re.compile(
            rf"(?<![\w]){w['month']}\s+(\d{{1,2}})(?:/(\d{{4}}))?\s*(?:-|–|{w['until']})\s*(?:{w['month']}\s+)?(\d{{1,2}})(?:{month_year})"
        ),
        "date_range": re.compile(
            rf"(?:{w['from']}\s+)?(?:{w['day']}\s+)?(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})\s*(?:-|–|{w['until']})\s*(?:{w['day']}\s+)?(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})"
        ),
        "month": re.compile(rf"(?<![\w]){w['month']}\s+(\d{{1,2}}){month_year}"),
        "month_each_year": re.compile(rf"(?<![\w]){w['month']}\s+(\d{{1,2}})\s+{w['ongoing']}"),
        "before": re.compile(rf"{w['before']}\s+(?:{w['day']}\s+)?(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))?"),
        "date": re.compile(rf"(?<![\w/]){w['day']}\s+(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})"),
        "first_half": re.compile(rf"{w['first_half']}(?:\s+(\d{{4}}))?"),
        "second_half": re.compile(rf"{w['second_half']}(?:\s+(\d{{4}}))?"),
        "ongoing": re.compile(rf"^{w['ongoing']}(?![\w])"),
        "year": re.compile(rf"(?<![\w]){w['year']}\s+(\d{{4}})"),
        "this_year": re.compile(rf"(?:trong|ca)?\s*{w['year']}(?:\s+nay)?"),
    }


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


def _first_half(match: re.Match, year: int, text: str) -> Window:
    year = int(match.group(1) or year)
    return Window(start=dt.date(year, 1, 1), end=dt.date(year, 6, 30), text=text)


def _second_half(match: re.Match, year: int, text: str) -> Window:
    year = int(match.group(1) or year)
    return Window(start=dt.date(year, 7, 1), end=dt.date(year, 12, 31), text=text)


def _single_month(match: re.Match, year: int, text: str) -> Window | None:
    month, y = int(match.group(1)), int(match.group(2))
    return Window(start=dt.date(y, month, 1), end=_month_end(y, month), text=text) if 1 <= month <= 12 else None


def _month_each_year(match: re.Match, year: int, text: str) -> Window | None:
    """'Tháng 10 hằng năm': that month of the plan's year."""
    month = int(match.group(1))
    return Window(start=dt.date(year, month, 1), end=_month_end(year, month), text=text) if 1 <= month <= 12 else None


def _date_range(match: re.Match, year: int, text: str) -> Window | None:
    d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
    try:
        return Window(start=dt.date(y1, m1, d1), end=dt.date(y2, m2, d2), text=text)
    except ValueError:
        return None


def _date(match: re.Match, year: int, text: str) -> Window | None:
    try:
        day = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return Window(start=day, end=day, text=text)


# Tried in order: the most specific wording first.
_READERS = (
    ("quarters", _quarters),
    ("month_range", _months),
    ("month_dash", _months),
    ("date_range", _date_range),
    ("before", _before),
    ("first_half", _first_half),
    ("second_half", _second_half),
    ("month", _single_month),
    ("month_each_year", _month_each_year),
    ("date", _date),
)


def read_window(text: str, year: int) -> WindowReading | None:
    """The window a time field states, or None where it names none we can read."""
    written = strip_trailing(squash(text))
    folded = fold(written)
    patterns = _patterns()
    if patterns["ongoing"].match(folded):
        stated = patterns["year"].search(folded)
        return WindowReading(_year_window(int(stated.group(1)) if stated else year, written), True)
    for name, reader in _READERS:
        if match := patterns[name].search(folded):
            window = reader(match, year, written)
            if window is not None:
                return WindowReading(window, False)
    if match := patterns["year"].search(folded):
        return WindowReading(_year_window(int(match.group(1)), written), False)
    if patterns["this_year"].fullmatch(folded):
        return WindowReading(_year_window(year, written), False)
    return None
