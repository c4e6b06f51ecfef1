"""Numbers and dates as each language writes them (Babel): 11.914 and 05/09/2025 in
Vietnamese; 11,914 and 5 Sep 2025 in English, a form no reader takes for 9 May."""
import datetime as dt

import pytest

from cadence.catalogue import formats, say
from cadence.tz import LOCAL

MOMENT = dt.datetime(2025, 9, 5, 17, 0, tzinfo=LOCAL)


@pytest.mark.parametrize("lang, number, day, moment, short, weekday", [
    ("vi", "11.914", "05/09/2025", "05/09/2025 17:00", "05/09", "thứ Sáu"),
    ("en", "11,914", "5 Sep 2025", "5 Sep 2025 17:00", "5 Sep", "Fri"),
])
def test_each_language_writes_its_numbers_and_dates(lang, number, day, moment, short, weekday):
    assert formats.number(11914, lang) == number
    assert formats.date(dt.date(2025, 9, 5), lang) == day
    assert formats.moment(MOMENT, lang) == moment
    assert formats.short_day(MOMENT, lang) == short
    assert formats.weekday(MOMENT, lang) == weekday


def test_a_moment_is_read_in_the_offices_time_zone():
    late_utc = dt.datetime(2025, 9, 4, 23, 30, tzinfo=dt.timezone.utc)  # 06:30 the next day in Hà Nội
    assert formats.moment(late_utc, "vi") == "05/09/2025 06:30"
    assert formats.date(late_utc, "en") == "5 Sep 2025"


def test_a_day_given_without_a_time_reads_as_that_day():
    assert formats.day_or_moment(dt.datetime(2025, 9, 17, tzinfo=LOCAL), "vi") == "17/09/2025"
    assert formats.day_or_moment(dt.datetime(2025, 9, 17, 9, 5, tzinfo=LOCAL), "vi") == "17/09/2025 09:05"


def test_the_catalogue_says_how_a_field_reads_and_the_language_writes_it():
    fields = dict(name="Bản tin PAPI", declared=1200, count=1, per="tuần", nominal=52, then="")
    assert "1.200/năm" in say("schedule.declared-mismatch", "vi", **fields)
    assert "yearly total 1,200 " in say("schedule.declared-mismatch", "en", **fields)
    assert say("ics.window", "vi", start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30)) == "Kỳ: 01/07/2025 – 30/09/2025"
    assert say("ics.window", "en", start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30)) == "Period: 1 Jul 2025 – 30 Sep 2025"


def test_identifiers_are_not_quantities_and_are_never_grouped():
    assert say("errors.items.no-item", "vi", item=12345) == "mục 12345: không có mục phải làm này"
    assert say("cli.due.at-level", "en", level=3) == "level 3"
