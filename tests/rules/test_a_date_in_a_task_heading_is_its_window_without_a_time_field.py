"""A task whose heading dates it ("… trong Quý III/2025") and that has no time field runs in that
window; a decision's or a law's date in a heading, a stage of years, or a time field beside it
never make the heading's date the window."""
import datetime as dt

from rules.reader import read_plan

PLAN = """KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025 của UBND xã Hòa Bình
I. NHIỆM VỤ CỤ THỂ
{task}
- Đơn vị chủ trì: Văn phòng HĐND và UBND xã.
{time}
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã: theo dõi, đôn đốc việc thực hiện Kế hoạch này.
"""


def window_of(task: str, time: str = ""):
    plan = read_plan(PLAN.format(task=task, time=time), file="t.txt")
    activity = plan.activities[0]
    return activity.window, activity


def test_a_quarter_in_the_heading_is_the_window():
    window, activity = window_of("1. Tổ chức Hội thi tìm hiểu về cải cách hành chính trong Quý III/2025")
    assert (window.start, window.end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    text = PLAN.format(task="1. Tổ chức Hội thi tìm hiểu về cải cách hành chính trong Quý III/2025", time="")
    assert text[window.span.start:window.span.end] == window.text


def test_a_range_of_days_in_the_heading_is_the_window():
    window, _ = window_of("1. Treo băng rôn tuyên truyền từ ngày 01/10 đến ngày 15/10/2025")
    assert (window.start, window.end) == (dt.date(2025, 10, 1), dt.date(2025, 10, 15))


def test_a_resolutions_date_in_the_heading_is_no_window():
    # Source of the wording: shared/plans/quang-ngai-province-2025.txt, task C.I.2.a
    window, _ = window_of("1. Thực hiện chuyên mục truyền thông về Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị")
    assert window is None


def test_a_laws_year_and_a_stage_of_years_are_no_window():
    assert window_of("1. Tuyên truyền Luật Tiếp công dân năm 2013 trên sóng phát thanh")[0] is None
    assert window_of("1. Tuyên truyền Đề án 06 giai đoạn 2022 - 2025, tầm nhìn đến năm 2030")[0] is None


def test_the_time_field_wins_over_the_heading():
    window, _ = window_of("1. Tổ chức Hội thi tìm hiểu về cải cách hành chính trong Quý III/2025",
                          "- Thời gian thực hiện: Quý IV/2025.")
    assert (window.start, window.end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
