"""Time fields read as windows: quarters, ranges, months, years, dates, ongoing."""
import pytest

from rules.windows import read_window

WINDOWS = [
    ("Năm 2025.", "2025-01-01", "2025-12-31", False),
    ("Quý III/2025", "2025-07-01", "2025-09-30", False),
    ("Quý III-IV/2025", "2025-07-01", "2025-12-31", False),
    ("Quý III, IV/2025", "2025-07-01", "2025-12-31", False),
    ("Trong quý II, III năm 2025", "2025-04-01", "2025-09-30", False),
    ("Thường xuyên trong năm", "2025-01-01", "2025-12-31", True),
    ("Thường xuyên", "2025-01-01", "2025-12-31", True),
    ("Hàng năm.", "2025-01-01", "2025-12-31", True),
    ("Thuong xuyén trong nam.", "2025-01-01", "2025-12-31", True),  # OCR
    ("Từ tháng 3 đến tháng 6/2025", "2025-03-01", "2025-06-30", False),
    ("Trước ngày 30/11/2025", "2025-01-01", "2025-11-30", False),
    ("6 tháng đầu năm", "2025-01-01", "2025-06-30", False),
    ("6 tháng cuối năm 2026", "2026-07-01", "2026-12-31", False),
    ("Tháng 10/2025", "2025-10-01", "2025-10-31", False),
    ("Quý 2/2026", "2026-04-01", "2026-06-30", False),
    ("Trong năm", "2025-01-01", "2025-12-31", False),
    ("Tháng 6/2025 - Tháng 8/2025", "2025-06-01", "2025-08-31", False),
    ("Tháng 6 - 8/2025", "2025-06-01", "2025-08-31", False),
    ("Từ ngày 01/3/2025 đến ngày 30/6/2025", "2025-03-01", "2025-06-30", False),
    ("Tháng 10 hằng năm", "2025-10-01", "2025-10-31", False),
    ("Trước 30/6/2025", "2025-01-01", "2025-06-30", False),
]


@pytest.mark.parametrize("text, start, end, ongoing", WINDOWS, ids=[w[0] for w in WINDOWS])
def test_a_time_field_reads_as_its_window(text, start, end, ongoing):
    reading = read_window(text, 2025)
    assert (str(reading.window.start), str(reading.window.end), reading.ongoing) == (start, end, ongoing)


def test_the_window_keeps_the_words_it_was_read_from():
    assert read_window("Quý III/2025.", 2025).window.text == "Quý III/2025"


def test_a_time_that_names_no_period_is_not_a_window():
    assert read_window("Theo kế hoạch của tỉnh", 2025) is None
