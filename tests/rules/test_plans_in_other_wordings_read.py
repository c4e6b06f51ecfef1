"""A plan written the way other provinces write: other labels, other numbering, other cadences."""
from rules import read_plan

OTHER_PROVINCE = """UBND TỈNH BÌNH ĐỊNH
KẾ HOẠCH
Thông tin, tuyên truyền về chuyển đổi số trên địa bàn tỉnh năm 2026
Căn cứ Quyết định số 10/QĐ-UBND ngày 05/01/2026 của UBND tỉnh;
I. MỤC TIÊU
1. Nâng cao nhận thức.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Thông tin trên báo chí
1.1. Chuyên mục “Bình Định số” trên Báo Bình Định
+ Tần suất thực hiện: 2 kỳ/tuần (104 kỳ/năm).
+ Cơ quan, đơn vị chủ trì: Báo Bình Định.
+ Đơn vị phối hợp thực hiện: Sở Khoa học và Công nghệ, Sở Thông tin và Truyền thông.
+ Thời hạn hoàn thành: Từ tháng 3 đến tháng 12/2026.
1.2. Bản tin truyền hình về chuyển đổi số
+ Tần suất: 10 ngày một lần, thời lượng 07 phút/bản tin.
+ Đơn vị thực hiện: Đài Phát thanh và Truyền hình Bình Định.
+ Thời gian: 6 tháng cuối năm.
2. Hoạt động tại cơ sở
2.1. Tuyên truyền trên hệ thống truyền thanh cơ sở, tuần 02 buổi
+ Cơ quan chủ trì: UBND các xã, phường.
+ Thời gian: Thường xuyên.
2.2. Tổ chức hội nghị sơ kết công tác tuyên truyền
+ Cơ quan chủ trì: Sở Khoa học và Công nghệ.
+ Thời gian: Trước ngày 30/11/2026.
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ: là cơ quan đầu mối, theo dõi, đôn đốc các đơn vị triển khai Kế hoạch; tổng hợp, báo cáo UBND tỉnh định kỳ 6 tháng, năm.
2. UBND các xã, phường: báo cáo kết quả hằng quý về Sở Khoa học và Công nghệ.
"""


def reading():
    return read_plan(OTHER_PROVINCE, file="binh-dinh.txt")


def test_tasks_are_found_under_other_numbering_and_section_names():
    plan = reading()
    assert [a.ref for a in plan.activities] == ["II.1.1", "II.1.2", "II.2.1", "II.2.2"]
    assert plan.year == 2026 and plan.issuer == "UBND tỉnh Bình Định"


def test_other_labels_give_lead_support_and_windows():
    first, second, third, fourth = reading().activities
    assert first.lead == ("Báo Bình Định",)
    assert first.support == ("Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông")
    assert (str(first.window.start), str(first.window.end)) == ("2026-03-01", "2026-12-31")
    assert second.lead == ("Đài Phát thanh và Truyền hình Bình Định",)
    assert (str(second.window.start), str(second.window.end)) == ("2026-07-01", "2026-12-31")
    assert third.ongoing and third.lead == ("UBND các xã, phường",)
    assert str(fourth.window.end) == "2026-11-30"


def test_other_cadences_are_read():
    first, second, third, _ = reading().activities
    assert [(r.count, r.per.value, r.declared_total) for r in first.rules] == [(2, "week", 104)]
    assert [(r.count, r.per.value, r.every, r.duration_min) for r in second.rules] == [(1, "day", 10, 7)]
    assert [(r.count, r.per.value) for r in third.rules] == [(2, "week")]


def test_monitors_and_reports_are_read_from_other_phrasing():
    plan = reading()
    assert [(m.unit, m.scope.value) for m in plan.monitors] == [("Sở Khoa học và Công nghệ", "all")]
    assert [(r.to, [p.value for p in r.periods]) for r in plan.reports] == [
        ("UBND tỉnh", ["half_year", "year"]), ("Sở Khoa học và Công nghệ", ["quarter"])]
