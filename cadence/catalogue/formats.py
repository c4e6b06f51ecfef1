"""Numbers, dates and moments as each language writes them, through Babel (CLDR data).

Vietnamese groups thousands with a dot and writes day/month/year: 11.914; 05/09/2025;
05/09/2025 17:00. English groups with a comma and writes the day, the month's short name and
the year, "5 Sep 2025", because "05/09/2025" reads as May in the United States and as
September in Britain, and a deadline must not be read two ways. Moments are shown in the
offices' time zone (Asia/Ho_Chi_Minh). Identifiers (item numbers, years, codes) are not
quantities and are never grouped: only what the catalogue marks ``{n:num}`` is.

The catalogue calls these through format specs in its templates (``{count:num}``,
``{due:moment}``), so a sentence decides how its values read, in each language.
"""
from __future__ import annotations

import datetime as dt
import functools

from cadence.tz import to_local

# CLDR patterns: "dd/MM/y" is what Vietnamese offices write; "d MMM y" is unambiguous English.
DATE = {"vi": "dd/MM/y", "en": "d MMM y"}
SHORT_DAY = {"vi": "dd/MM", "en": "d MMM"}
MONTH = {"vi": "MM/y", "en": "MMM y"}
TIME = "HH:mm"


def _code(lang) -> str:
    """"vi" or "en", from the code or from a str enum holding it (cadence.config.Language)."""
    return str(getattr(lang, "value", lang))


def _locale(lang):
    return _babel_locale(_code(lang))


@functools.cache
def _babel_locale(code: str):
    from babel import Locale  # Babel loads its locale data on first use, not at start-up

    return Locale.parse(code)


def number(value: int | float, lang: str) -> str:
    """11914 → "11.914" (vi), "11,914" (en); 0.5 → "0,5" (vi)."""
    if isinstance(value, int) and not isinstance(value, bool):  # counts: most numbers said
        return f"{value:,}".replace(",", _group_symbol(_code(lang)))
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang))


@functools.cache
def _group_symbol(code: str) -> str:
    """The language's thousands separator ("." vi, "," en), from CLDR; groups of three in both."""
    from babel.numbers import get_group_symbol

    return get_group_symbol(_babel_locale(code))


def percent(part: int | float, lang: str) -> str:
    """A share from 0 to 1 as a whole percent: 0.456 → "46%"."""
    from babel.numbers import format_percent

    return format_percent(part, locale=_locale(lang))


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return to_local(value).date() if isinstance(value, dt.datetime) else value


def date(value: dt.date | dt.datetime | None, lang: str) -> str:
    """05/09/2025 (vi), 5 Sep 2025 (en); a moment gives its local day; None gives ""."""
    return "" if value is None else _date(_day_of(value), _code(lang))


@functools.lru_cache(maxsize=4096)
def _date(day: dt.date, code: str) -> str:
    """Cached: a year's export or a monitor's digest names the same few hundred days again and
    again (every item of a due moment shares its day), and Babel takes some 10 µs a date."""
    from babel.dates import format_date

    return format_date(day, DATE[code], locale=_babel_locale(code))


def short_day(value: dt.date | dt.datetime | None, lang: str) -> str:
    """05/09 (vi), 5 Sep (en): where the year goes without saying (an SMS, a column)."""
    from babel.dates import format_date

    return "" if value is None else format_date(_day_of(value), SHORT_DAY[_code(lang)], locale=_locale(lang))


def month(value: dt.date, lang: str) -> str:
    """09/2025 (vi), Sep 2025 (en)."""
    from babel.dates import format_date

    return format_date(value, MONTH[_code(lang)], locale=_locale(lang))


def moment(value: dt.datetime | None, lang: str) -> str:
    """An aware moment in local time: 05/09/2025 17:00 (vi), 5 Sep 2025 17:00 (en)."""
    return "" if value is None else _moment(value, _code(lang))


@functools.lru_cache(maxsize=4096)
def _moment(value: dt.datetime, code: str) -> str:
    local = to_local(value)
    return f"{_date(local.date(), code)} {local:%H:%M}"


def day_or_moment(value: dt.datetime | None, lang: str) -> str:
    """A moment given without a time ("aired on 17/09") read back as that day, not "00:00"."""
    if value is None:
        return ""
    local = to_local(value)
    return date(local.date(), lang) if local.time() == dt.time(0, 0) else moment(value, lang)


def weekday(value: dt.date | dt.datetime, lang: str) -> str:
    """The day's name as a sentence uses it: "thứ Sáu" (vi), "Fri" (en)."""
    return _weekday(_day_of(value).weekday(), _code(lang))


@functools.cache
def _weekday(number: int, code: str) -> str:
    from babel.dates import get_day_names

    if code == "vi":  # CLDR writes "Thứ Sáu", "Chủ Nhật"; a sentence writes "thứ Sáu", "Chủ nhật"
        first, _, second = get_day_names("wide", locale=_babel_locale(code))[number].partition(" ")
        return f"thứ {second}" if first == "Thứ" else f"{first} {second.lower()}"
    return get_day_names("abbreviated", locale=_babel_locale(code))[number]


SPECS = {"num": number, "date": date, "day": short_day, "month": month, "moment": moment,
         "day_or_moment": day_or_moment, "weekday": weekday, "percent": percent}


# A spreadsheet's own formats for date and date-time cells (Excel's codes), so that a cell
# holds a real date that sorts, filters and sums, and reads as the language writes it.
_SPREADSHEET = {"vi": ("dd/mm/yyyy", "dd/mm/yyyy hh:mm"), "en": ("d mmm yyyy", "d mmm yyyy hh:mm")}


def spreadsheet_formats(lang: str) -> tuple[str, str]:
    """(a date cell's number format, a date-time cell's) in ``lang``."""
    return _SPREADSHEET[_code(lang)]
