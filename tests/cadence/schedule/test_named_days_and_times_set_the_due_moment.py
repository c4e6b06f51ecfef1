"""Rules that name their days and times are due on them: a programme aired on Saturdays is due on
Saturday at its hour, a report due "trước ngày 20 hằng tháng" on the 20th, "thứ Hai tuần đầu tiên
của tháng" on each month's first Monday; totals over a full year still hold."""
import datetime as dt

from cadence.config import ScheduleConfig
from cadence.schedule.slots import rule_slots
from cadence.tz import to_local
from rules import read_phrase

CONFIG = ScheduleConfig()
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def due(wording):
    (rule,) = read_phrase(wording, year=2025).rules
    slots, _ = rule_slots(rule, START, END, CONFIG, ref="x", full_year=True)
    return [to_local(s.due_at) for s in slots]


def test_a_programme_aired_on_saturdays_is_due_each_saturday_at_its_hour():
    moments = due("Phát sóng 01 chương trình/tuần vào 20 giờ thứ Bảy hằng tuần")
    assert len(moments) == 52
    assert {m.weekday() for m in moments} == {5} and {(m.hour, m.minute) for m in moments} == {(20, 0)}


def test_three_days_a_week_are_three_items_on_their_days():
    moments = due("các ngày thứ 6, thứ 7 và chủ nhật hằng tuần")
    assert len(moments) == 52 * 3 and {m.weekday() for m in moments} == {4, 5, 6}


def test_a_monthly_report_before_the_20th_is_due_on_the_20th_or_the_working_day_before():
    moments = due("báo cáo hằng tháng trước ngày 20")
    assert len(moments) == 12
    assert all(m.day == 20 or (m.day in (18, 19) and m.weekday() == 4) for m in moments)
    assert dt.date(2025, 1, 20) == moments[0].date()


def test_the_first_monday_of_each_month():
    moments = due("thứ Hai tuần đầu tiên của tháng")
    assert [m.date() for m in moments[:3]] == [dt.date(2025, 1, 6), dt.date(2025, 2, 3), dt.date(2025, 3, 3)]


def test_a_quarterly_deadline_falls_in_the_last_month_of_the_quarter():
    moments = due("định kỳ hằng quý, trước ngày 15 của tháng cuối quý")
    assert [m.date().month for m in moments] == [3, 6, 9, 12] and all(m.day <= 15 for m in moments)


def test_a_yearly_day_keeps_its_time():
    (moment,) = due("Ngày Chuyển đổi số quốc gia 10/10 hằng năm, lễ phát động lúc 8 giờ 30")
    assert (moment.month, moment.day, moment.hour, moment.minute) == (10, 10, 8, 30)
