"""Cadence wordings, from the five plans and from plans we have not seen, read as rules."""
import pytest

from rules import read_phrase


def rule_tuple(rule):
    return (rule.count, rule.per.value, rule.every, rule.kind.value, rule.approx, rule.declared_total, rule.on)


# (wording, expected rules as (count, per, every, kind, approx, declared_total, on))
PHRASES = [
    # from the five plans
    ("01 số /tuần (52 số/năm)", [(1, "week", 1, "produce", False, 52, None)]),
    ("2 tuần/1 số (26 số/năm)", [(1, "week", 2, "produce", False, 26, None)]),
    ("Mỗi tháng 01 chuyên mục và phát lại 03 lần/tháng",
     [(1, "month", 1, "produce", False, None, None), (3, "month", 1, "rebroadcast", False, None, None)]),
    ("khoảng 15 tin, bài, video/tháng", [(15, "month", 1, "produce", True, None, None)]),
    ("05 tin, bài/tháng (khoản 50 tin, bài/năm)", [(5, "month", 1, "produce", True, 50, None)]),
    ("12 số/năm", [(12, "year", 1, "produce", False, None, None)]),
    ("01 số/tháng (12 kỳ/năm)", [(1, "month", 1, "produce", False, 12, None)]),
    ("Định kỳ phát sóng 01 chương trình/tháng, phát lại 03 lần/tháng",
     [(1, "month", 1, "produce", False, None, None), (3, "month", 1, "rebroadcast", False, None, None)]),
    ("Ngày Chuyển đổi số quốc gia 10/10 hằng năm", [(1, "year", 1, "produce", False, None, "10-10")]),
    ("Định kỳ hằng tháng, công khai trên Hệ thống", [(1, "month", 1, "produce", False, None, None)]),
    # wordings from other plans
    ("2 kỳ/tuần (104 kỳ/năm)", [(2, "week", 1, "produce", False, 104, None)]),
    ("10 ngày một lần", [(1, "day", 10, "produce", False, None, None)]),
    ("06 tháng/lần", [(1, "month", 6, "produce", False, None, None)]),
    ("hằng quý", [(1, "quarter", 1, "produce", False, None, None)]),
    ("ít nhất 02 tin, bài/tháng", [(2, "month", 1, "produce", True, None, None)]),
    ("tuần 02 buổi", [(2, "week", 1, "produce", False, None, None)]),
    ("tối thiểu 03 bài viết/quý", [(3, "quarter", 1, "produce", True, None, None)]),
    ("04 số/năm", [(4, "year", 1, "produce", False, None, None)]),
    ("1 lần/2 tuần", [(1, "week", 2, "produce", False, None, None)]),
    ("02 số mỗi tháng", [(2, "month", 1, "produce", False, None, None)]),
    ("HANG THANG 01 CHUYEN MUC", [(1, "month", 1, "produce", False, None, None)]),
    ("Hai tuần một số", [(1, "week", 2, "produce", False, None, None)]),
    ("Ba tháng một lần", [(1, "month", 3, "produce", False, None, None)]),
    ("Định kỳ hàng tuần", [(1, "week", 1, "produce", False, None, None)]),
    ("Mỗi quý 01 lần", [(1, "quarter", 1, "produce", False, None, None)]),
    ("01 bản tin/tuần (khoảng 50 bản tin/năm)", [(1, "week", 1, "produce", True, 50, None)]),
    ("Mỗi tuần 01 bản tin và phát lại 02 lần", [(1, "week", 1, "produce", False, None, None),
                                                (2, "week", 1, "rebroadcast", False, None, None)]),
]


@pytest.mark.parametrize("wording, expected", PHRASES, ids=[p for p, _ in PHRASES])
def test_a_wording_reads_as_its_rules(wording, expected):
    reading = read_phrase(wording, year=2025)
    assert [rule_tuple(r) for r in reading.rules] == expected


@pytest.mark.parametrize("wording", [
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
    "Quyết định số 1588/QĐ-TTg ngày 17/12/2024",
    "trong chương trình, kế hoạch công tác hằng năm của cơ quan",
    "Kế hoạch số 82/KH-UBND ngày 17/4/2025",
])
def test_numbers_that_are_not_cadences_give_no_rule(wording):
    assert read_phrase(wording, year=2025).rules == ()


def test_a_duration_per_output_is_kept():
    reading = read_phrase("02 số (chuyên mục)/tháng, 24 số/năm, thời lượng 15 phút/chuyên mục", year=2025)
    (rule,) = reading.rules
    assert (rule.duration_min, rule.declared_total) == (15, 24)


def test_several_named_series_on_one_channel_are_separate_rules():
    text = ("Trên kênh phát thanh: Bản tin PAPI: 01 số/tuần, 52 số/năm, thời lượng 05 phút/số. "
            "Bản tin PCI: 01 số/tuần, 52 số/năm, thời lượng 05 phút/số.")
    rules = read_phrase(text, year=2025).rules
    assert [(r.series, r.channel, r.declared_total) for r in rules] == [
        ("Bản tin PAPI", "kênh phát thanh", 52), ("Bản tin PCI", "kênh phát thanh", 52)]


def test_a_channel_in_brackets_belongs_to_the_cadence_before_it():
    rules = read_phrase("01 kỳ/1 trang/tháng (đối với báo in); 02 kỳ/tháng (đối với báo điện tử)", year=2025).rules
    assert [(r.count, r.channel) for r in rules] == [(1, "báo in"), (2, "báo điện tử")]


def test_a_total_that_disagrees_with_its_cadence_is_warned():
    reading = read_phrase("05 tin, bài/tháng (khoản 50 tin, bài/năm)", year=2025)
    (warning,) = reading.warnings
    assert warning.code == "total-mismatch" and (warning.args["declared"], warning.args["per_year"]) == (50, "60")


def test_a_phrase_can_name_a_window_and_a_cadence():
    reading = read_phrase("01 số/tháng từ tháng 3 đến tháng 6/2025", year=2025)
    assert [r.per.value for r in reading.rules] == ["month"]
    assert (str(reading.window.start), str(reading.window.end)) == ("2025-03-01", "2025-06-30")


def test_yearly_in_a_task_is_an_output_while_as_a_time_it_is_ongoing():
    as_time = read_phrase("Hằng năm", year=2025)
    in_text = read_phrase("Hằng năm, tổ chức các sự kiện tháng", year=2025)
    assert as_time.rules == () and as_time.ongoing
    assert [r.per.value for r in in_text.rules] == ["year"] and not in_text.ongoing
