"""Arbitrary text never crashes the reader: it reads a plan or raises PlanReadError."""
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import PlanReadError, read_phrase, read_plan
from tests.rules.plan_text import PLAN

LINES = st.sampled_from([
    "I. NHIỆM VỤ", "II. TỔ CHỨC THỰC HIỆN", "1. Việc", "a) Điểm", "1.2. Việc", "- Tần suất: 01 số/tuần",
    "- Đơn vị chủ trì: Sở Nội vụ; các sở", "- Thời gian thực hiện: Quý III/2025", "+ Bản tin: 2 số/tháng",
    "4", "", "Nơi nhận:", "điểm a, đ khoản 9 thuộc phần IV", "(52 số/năm)", "định kỳ", "Hằng năm",
])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_or_is_refused_cleanly(text):
    try:
        read_plan(text, file="x.txt", year=2025)
    except PlanReadError as error:
        assert "x.txt" in str(error)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=40))
def test_plan_like_text_reads_or_is_refused_cleanly(lines):
    try:
        read_plan("\n".join(lines), file="x.txt", year=2025)
    except PlanReadError:
        pass


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_phrase_reads(text):
    read_phrase(text, year=2025)


def test_a_known_plan_with_noise_around_it_still_reads():
    plan = read_plan("\x0c\n" + PLAN.replace("{extra}", "7\n\n") + "\n\x00", file="x.txt")
    assert len(plan.activities) == 2
