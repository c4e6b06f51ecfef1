"""The kinds of wording the reader used to drop, each read as it should be (one example a kind)."""
import pytest

from rules import read_phrase


def rules(text, year=2025):
    out = []
    for r in read_phrase(text, year=year).rules:
        fields = {"count": r.count, "per": r.per.value}
        for name, default in (("every", 1), ("kind", "produce"), ("approx", False), ("on", None), ("channel", None),
                              ("weekdays", None), ("day_of_month", None), ("week_of_month", None), ("time", None)):
            value = getattr(r, name)
            value = value.value if hasattr(value, "value") else value
            if value != default:
                fields[name] = list(value) if isinstance(value, tuple) else value
        out.append(fields)
    return out


def window(text, year=2025):
    found = read_phrase(text, year=year).window
    return (str(found.start), str(found.end)) if found else None


@pytest.mark.parametrize("text, expected", [
    ("ba lần mỗi tháng", [{"count": 3, "per": "month"}]),
    ("tối thiểu hai bài mỗi tuần", [{"count": 2, "per": "week", "approx": True}]),
    ("định kỳ 03 tháng/lần và hằng năm", [{"count": 1, "per": "month", "every": 3}, {"count": 1, "per": "year"}]),
    ("hằng tháng, quý", [{"count": 1, "per": "month"}, {"count": 1, "per": "quarter"}]),
    ("phát sóng lúc 19 giờ thứ Năm hằng tuần trên kênh PTQ",
     [{"count": 1, "per": "week", "channel": "PTQ", "weekdays": ["thursday"], "time": "19:00"}]),
    ("cách một tuần phát một số", [{"count": 1, "per": "week", "every": 2}]),
    ("ngày 15 tháng 8 hằng năm", [{"count": 1, "per": "year", "on": "08-15"}]),
    ("Phát sóng 01 chương trình/tuần vào 20 giờ thứ Sáu hằng tuần (phát lại vào sáng thứ Bảy)",
     [{"count": 1, "per": "week", "weekdays": ["friday"], "time": "20:00"},
      {"count": 1, "per": "week", "kind": "rebroadcast", "weekdays": ["saturday"]}]),
    ("các ngày thứ 6, thứ 7 và chủ nhật hằng tuần", [{"count": 3, "per": "week", "weekdays": ["friday", "saturday", "sunday"]}]),
    ("thứ Hai tuần đầu tiên của tháng", [{"count": 1, "per": "month", "weekdays": ["monday"], "week_of_month": 1}]),
    ("trước ngày 20 hằng tháng", [{"count": 1, "per": "month", "day_of_month": 20}]),
    ("mỗi tháng tổ chức ít nhất 2 buổi", [{"count": 2, "per": "month", "approx": True}]),
    ("5 năm 2 lần", [{"count": 2, "per": "year", "every": 5}]),
    ("10-10 hằng năm", [{"count": 1, "per": "year", "on": "10-10"}]),
    ("10.10 hằng năm", [{"count": 1, "per": "year", "on": "10-10"}]),
    ("mỗi chương trình kéo dài 30 phút, phát sóng 01 số/tuần", [{"count": 1, "per": "week"}]),
    ("Quyết định số 123/QĐ-UBND ngày 02/01/2025", []),
])
def test_a_kind_of_wording_reads_as_it_should(text, expected):
    assert rules(text) == expected


def test_durations_are_read_wherever_they_stand():
    for text in ("mỗi chương trình kéo dài 30 phút, phát sóng 01 số/tuần", "01 số/tuần, thời lượng 30 phút/số"):
        assert [r.duration_min for r in read_phrase(text, year=2025).rules] == [30]


@pytest.mark.parametrize("text, expected", [
    ("từ ngày 05/3 đến 20/3/2025", ("2025-03-05", "2025-03-20")),
    ("từ tháng 5 đến hết năm", ("2025-05-01", "2025-12-31")),
    ("giai đoạn 2026 - 2030", ("2026-01-01", "2030-12-31")),
    ("05-3 đến 20-3-2025", ("2025-03-05", "2025-03-20")),
    ("(05/3 - 20/3/2025)", ("2025-03-05", "2025-03-20")),
    ("từ 0h00 ngày 05/3/2025 đến 24h00 ngày 20/3/2025", ("2025-03-05", "2025-03-20")),
    ("từ ngày 18 đến ngày 27 tháng 4 năm 2026", ("2026-04-18", "2026-04-27")),
    ("trong tháng 8-2025", ("2025-08-01", "2025-08-31")),
    ("đến cuối năm", ("2025-01-01", "2025-12-31")),
    ("từ quý IV/2025 đến quý II/2026", ("2025-10-01", "2026-06-30")),
    ("6 tháng cuối năm", ("2025-07-01", "2025-12-31")),
    ("9 tháng đầu năm", ("2025-01-01", "2025-09-30")),
    ("từ ngày 15/12 đến ngày 15/01/2026", ("2025-12-15", "2026-01-15")),
    ("mỗi quý", None),
    ("Quyết định số 123/QĐ-UBND ngày 02/01/2025", None),
])
def test_a_way_of_writing_dates_reads_as_its_window(text, expected):
    assert window(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("02 lần/năm (6 tháng/lần)", [{"count": 2, "per": "year"}]),  # said again in brackets: one cadence
    ("Mỗi năm tổ chức ít nhất 01 lớp tập huấn", [{"count": 1, "per": "year", "approx": True}]),  # "năm tổ", not "năm tờ"
    ("Định kỳ 6 tháng, hằng năm báo cáo kết quả về UBND tỉnh trước ngày 15/6 và 15/12",
     [{"count": 1, "per": "month", "every": 6, "day_of_month": 15}, {"count": 1, "per": "year", "on": "12-15"}]),
])
def test_wordings_beyond_the_corpus_read_as_they_say(text, expected):
    assert rules(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tổ chức 01 hội nghị sơ kết vào tháng 7/2025", ("2025-07-01", "2025-07-31")),
    ("Phát hành 04 số/năm vào tháng 3, 6, 9, 12", None),
])
def test_windows_beyond_the_corpus_read_as_they_say(text, expected):
    assert window(text) == expected
