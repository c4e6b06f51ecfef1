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
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang))


def percent(part: int | float, lang: str) -> str:
    """A share from 0 to 1 as a whole percent: 0.456 → "46%"."""
    from babel.numbers import format_percent

    return format_percent(part, locale=_locale(lang))


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return to_local(value).date() if isinstance(value, dt.datetime) else value


def date(value: dt.date | dt.datetime | None, lang: str) -> str:
    """05/09/2025 (vi), 5 Sep 2025 (en); a moment gives its local day; None gives ""."""
    from babel.dates import format_date

    return "" if value is None else format_date(_day_of(value), DATE[_code(lang)], locale=_locale(lang))


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
    if value is None:
        return ""
    local = to_local(value)
    return f"{date(local.date(), lang)} {local:%H:%M}"


def day_or_moment(value: dt.datetime | None, lang: str) -> str:
    """A moment given without a time ("aired on 17/09") read back as that day, not "00:00"."""
    if value is None:
        return ""
    local = to_local(value)
    return date(local.date(), lang) if local.time() == dt.time(0, 0) else moment(value, lang)


def weekday(value: dt.date | dt.datetime, lang: str) -> str:
    """The day's name as a sentence uses it: "thứ Sáu" (vi), "Fri" (en)."""
    from babel.dates import format_date

    day = _day_of(value)
    if _code(lang) == "vi":  # CLDR capitalises "Thứ Sáu"; inside a sentence it is "thứ Sáu"
        name = format_date(day, "EEEE", locale=_locale(lang))
        return name[:1].lower() + name[1:] if name.startswith("Thứ") else name
    return format_date(day, "EEE", locale=_locale(lang))


SPECS = {"num": number, "date": date, "day": short_day, "month": month, "moment": moment,
         "day_or_moment": day_or_moment, "weekday": weekday, "percent": percent}
