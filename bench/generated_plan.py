"""A plan of any size, written the way the real plans are, for timing the reader on input far
larger than any office writes: parts, numbered groups, lettered tasks with their fields, and
the cadences, windows and organisation section a plan carries."""
from __future__ import annotations

CADENCES = ("01 số/tuần (52 số/năm)", "Mỗi tháng 01 chuyên mục và phát lại 03 lần/tháng", "2 tuần/1 số",
            "khoảng 15 tin, bài, video/tháng", "phát sóng lúc 20 giờ thứ Sáu hằng tuần trên kênh PTQ",
            "báo cáo định kỳ hằng quý, 6 tháng, năm", "10/10 hằng năm")
WINDOWS = ("Năm 2025.", "Quý III/2025.", "Thường xuyên.", "Từ tháng 3 đến tháng 6/2025.", "từ ngày 05/3 đến 20/3/2025.")

HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
KẾ HOẠCH
Truyền thông về cải cách hành chính và chuyển đổi số năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của cán bộ, công chức và người dân về chuyển đổi số.
II. NHIỆM VỤ, HOẠT ĐỘNG CỤ THỂ
"""
TAIL = """III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
a) Làm đầu mối, theo dõi, đôn đốc việc thực hiện Kế hoạch này; định kỳ hằng quý báo cáo UBND tỉnh.
2. Các sở, ban, ngành
a) Báo cáo kết quả định kỳ 6 tháng, năm về Sở Khoa học và Công nghệ.
Nơi nhận:
- Như trên;
"""


def task(number: int) -> str:
    """One numbered task, about a hundred bytes, as short plans write them."""
    cadence = CADENCES[number % len(CADENCES)]
    window = WINDOWS[number % len(WINDOWS)]
    return (f"{number}. Chuyên mục số {number} về cải cách hành chính\n"
            f"- Tần suất: {cadence}.\n- Chủ trì: Sở Nội vụ.\n- Thời gian: {window}\n")


def generated_plan(tasks: int) -> str:
    """A plan with ``tasks`` numbered tasks."""
    return "".join([HEAD] + [task(n) for n in range(1, tasks + 1)] + [TAIL])


def plan_of_size(megabytes: float) -> str:
    """A generated plan of about ``megabytes`` MB of UTF-8."""
    sample = generated_plan(1000)
    return generated_plan(max(1, int(1000 * megabytes * 1e6 / len(sample.encode("utf-8")))))
