"""A plan of any size, written the way the real plans are, for timing the reader on input far
larger than any office writes: parts, numbered groups, lettered tasks with their fields, and
the cadences, windows and organisation section a plan carries."""
from __future__ import annotations

CADENCES = ("01 số/tuần (52 số/năm)", "mỗi tháng 01 chuyên mục, phát lại 03 lần", "2 tuần/1 số",
            "khoảng 15 tin, bài/tháng", "20 giờ thứ Sáu hằng tuần", "hằng quý, 6 tháng, năm", "10/10 hằng năm")
WINDOWS = ("Năm 2025.", "Quý III/2025.", "Thường xuyên.", "Tháng 3 - 6/2025.", "05/3 - 20/3/2025.")

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
    return f"{number}. Chuyên mục {number}\n- Tần suất: {cadence}.\n- Chủ trì: Sở Nội vụ.\n- Thời gian: {window}\n"


def generated_plan(tasks: int) -> str:
    """A plan with ``tasks`` numbered tasks."""
    return "".join([HEAD] + [task(n) for n in range(1, tasks + 1)] + [TAIL])


BODY = ("Truyền thông, phổ biến sâu rộng các quan điểm, chủ trương của Đảng, chính sách, pháp luật của Nhà "
        "nước về cải cách hành chính và chuyển đổi số; tình hình triển khai, kết quả đạt được và những tồn tại, "
        "hạn chế; nâng cao nhận thức của cán bộ, công chức, viên chức, người dân và doanh nghiệp về lợi ích của "
        "dịch vụ công trực tuyến, thanh toán không dùng tiền mặt và ứng dụng VNeID.")


def full_task(number: int) -> str:
    """A task the size of the real plans' (about 1.4 kB): heading, a paragraph, bullets, fields."""
    cadence = CADENCES[number % len(CADENCES)]
    window = WINDOWS[number % len(WINDOWS)]
    return (f"{number}. Thực hiện chuyên mục số {number} về cải cách hành chính và chuyển đổi số trên hệ thống "
            f"truyền thanh cấp xã, cập nhật tin, bài về kết quả triển khai các nhiệm vụ.\n{BODY}\n"
            f"- Nội dung: {BODY[:300]}\n- Tần suất: {cadence}.\n"
            f"- Đơn vị chủ trì: Đài Phát thanh và Truyền hình tỉnh.\n"
            f"- Đơn vị phối hợp: Sở Khoa học và Công nghệ; Sở Nội vụ; các cơ quan, đơn vị, địa phương liên quan.\n"
            f"- Thời gian thực hiện: {window}\n")


def plan_of_size(megabytes: float) -> str:
    """A generated plan of about ``megabytes`` MB of UTF-8, its tasks the size of the real ones'."""
    per_task = len(full_task(1).encode("utf-8"))
    count = max(1, int(megabytes * 1e6 / per_task))
    return "".join([HEAD] + [full_task(n) for n in range(1, count + 1)] + [TAIL])
