"""An organisation section that assigns work unit by unit ("1. Sở Nội vụ: …"), as ministries and
many provinces write it, gives an activity for each duty a unit can be counted or dated on, led by
that unit, with its cadences and window; follow-up, reporting, evaluation of the plan and cited
tasks stay monitors, reports and the cited tasks' units.

The duties are real wordings, each with its source below; the plan around them is written in
the five plans' style. The five real plans themselves gain no activity from their organisation
sections (tests/rules/test_real_plans_read_as_the_gold_readings.py holds them to their gold)."""
import datetime as dt
from pathlib import Path

from rules.reader import read_plan

SHARED = Path(__file__).resolve().parents[3] / "shared"

SOURCES = {
    # 1: Nghị định 09/2017/NĐ-CP, Điều 5 khoản 1
    "hethongphapluat": "https://hethongphapluat.com/nghi-dinh-09-2017-nd-cp-quy-dinh-phat-ngon-va-cung-cap-thong-tin-cho-bao-chi-cua-cac-co-quan-hanh-chinh-nha-nuoc/dieu-5",
    # 2: the reception calendar of Lạng Sơn
    "langson": "https://langson.gov.vn/thong-tin-tong-hop/lich-tiep-dan",
    # 3: Thanh Hóa, the programme "Đại biểu với cử tri"
    "thanhhoa": "https://truyenhinhthanhhoa.vn/print/mo-chuyen-muc-quotdai-bieu-voi-cu-triquot-tren-song-dai-phat-thanh-va-truyen-hinh-thanh-hoa-1808384150.htm",
    # 4: Phú Thọ, a dated reception
    "phutho": "https://baophutho.vn/chu-tich-ubnd-tinh-tiep-cong-dan-dinh-ky-thang-11-2025-242503.htm",
    # 5: Kon Tum, follow-up and a weekly report
    "kontum": "https://kontumtv.vn/tin-tuc/tin-trong-nuoc/moi-noi-dung-su-viec-van-de-bao-chi-phan-anh-phai-theo-doi-va-bao-cao-den-ket-qua-xu-ly-cuoi-cung",
    # 6: Bình Định, news items sent each quarter
    "binhdinh": "http://quynhon.binhdinh.gov.vn/tin-tu-tinh/doi-moi-hinh-thuc-noi-dung-cong-tac-truyen-thong-cai-cach-hanh-chinh.html",
    # 7: Sóc Trăng, IV. Tổ chức thực hiện
    "soctrang": "http://www.trithuccuocsong.net/thoi-gian/",
}

PLAN = """KẾ HOẠCH
Truyền thông về cải cách hành chính năm 2025 của UBND tỉnh Hòa Bình
I. NHIỆM VỤ CỤ THỂ
1. Duy trì chuyên mục cải cách hành chính trên Cổng Thông tin điện tử tỉnh
- Đơn vị chủ trì: Văn phòng UBND tỉnh.
- Thời gian thực hiện: Năm 2025.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng UBND tỉnh: chủ trì, phối hợp với các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố tổ chức cung cấp thông tin cho báo chí theo định kỳ 1 tháng một lần về hoạt động và công tác chỉ đạo, điều hành của UBND tỉnh; định kỳ hằng quý báo cáo UBND tỉnh kết quả thực hiện.
2. Chủ tịch Uỷ ban nhân dân tỉnh
a) Chủ trì tiếp công dân vào ngày 15 hàng tháng, nếu trùng vào ngày nghỉ thì tiếp vào ngày làm việc tiếp theo.
b) Chủ trì buổi tiếp công dân định kỳ tháng 11/2025 vào ngày 11/11/2025.
3. Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng Nhân dân tỉnh: phối hợp với Đài Phát thanh và Truyền hình tỉnh mở chuyên mục "Đại biểu với cử tri", phát trên sóng Đài Phát thanh và Truyền hình tỉnh định kỳ vào thứ 2, tuần thứ 3 hàng tháng.
4. Giao Sở Thông tin và Truyền thông theo dõi, đôn đốc và chủ trì tổng hợp báo cáo về Thường trực Tỉnh ủy, UBND tỉnh và Ban Tuyên giáo Tỉnh ủy trước 15h, thứ năm hàng tuần.
5. Các cơ quan, đơn vị, địa phương trên địa bàn tỉnh: định kỳ 1 lần/quý gửi tin, bài về kết quả, hoạt động, việc thực hiện nhiệm vụ CCHC về Sở Nội vụ, Báo Hòa Bình, Đài PT-TH tỉnh để xem xét, đăng bài trên chuyên trang, chuyên mục CCHC.
6. Báo Hòa Bình, Đài Phát thanh – Truyền hình tỉnh: Phối hợp Ban Dân tộc tỉnh và các ngành chức năng liên quan xây dựng chuyên trang, chuyên mục, tăng số lượng tin, bài.
7. Sở Nội vụ: hằng năm, tổ chức đánh giá kết quả thực hiện Kế hoạch này của các cơ quan, đơn vị; chủ trì thực hiện nhiệm vụ tại khoản 1 thuộc phần I của Kế hoạch này.
Trên đây là Kế hoạch truyền thông về cải cách hành chính năm 2025 của UBND tỉnh Hòa Bình.
Nơi nhận:
- Như trên;
"""


def plan():
    return read_plan(PLAN, file="hoa-binh.txt")


def by_ref(found):
    return {a.ref: a for a in found.activities}


def test_each_countable_or_dated_duty_is_an_activity_led_by_its_unit():
    activities = by_ref(plan())
    assert sorted(activities) == ["I.1", "II.1", "II.2.a", "II.2.b", "II.3"]
    office = activities["II.1"]
    assert office.lead == ("Văn phòng UBND tỉnh",)
    assert office.support == ("các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố")
    assert [(r.count, r.per.value, r.every) for r in office.rules] == [(1, "month", 1)]
    assert office.title.startswith("chủ trì, phối hợp với các sở, ban, ngành")


def test_a_day_of_the_month_and_a_dated_duty_are_read_as_in_a_task():
    activities = by_ref(plan())
    monthly = activities["II.2.a"]
    assert monthly.lead == ("Chủ tịch Uỷ ban nhân dân tỉnh",)
    assert [(r.count, r.per.value, r.day_of_month) for r in monthly.rules] == [(1, "month", 15)]
    dated = activities["II.2.b"]
    assert dated.rules == () and (dated.window.start, dated.window.end) == (dt.date(2025, 11, 11), dt.date(2025, 11, 11))


def test_a_unit_that_works_with_another_supports_it():
    programme = by_ref(plan())["II.3"]
    assert programme.lead == ("Đài Phát thanh và Truyền hình tỉnh",)
    assert programme.support == ("Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng Nhân dân tỉnh",)
    rule = programme.rules[0]
    assert (rule.count, rule.per.value, rule.weekdays, rule.week_of_month) == (1, "month", ("monday",), 3)


def test_follow_up_reports_evaluation_and_cited_tasks_are_no_new_activity():
    found = plan()
    assert {m.unit for m in found.monitors} >= {"Sở Thông tin và Truyền thông"}
    assert {(r.ref, tuple(p.value for p in r.periods)) for r in found.reports} >= {
        ("II.1", ("quarter",)), ("II.5", ("quarter",))}
    assert "Sở Nội vụ" in by_ref(found)["I.1"].lead  # the cited task gains the unit, no new task


def test_every_unit_and_rule_points_at_its_words():
    found = plan()
    for activity in (a for a in found.activities if a.ref.startswith("II.")):
        assert PLAN[activity.spans.title.start:activity.spans.title.end].rstrip(".") == activity.title
        for name, span in zip(activity.lead + activity.support, activity.spans.lead + activity.spans.support):
            assert span is not None and PLAN[span.start:span.end] == name
        for rule in activity.rules:
            assert rule.span is not None and PLAN[rule.span.start:rule.span.end] == rule.text


def test_the_five_real_plans_gain_no_activity_from_their_organisation_sections():
    counts = {}
    for path in sorted((SHARED / "plans").glob("*.txt")):
        counts[path.stem] = len(read_plan(path.read_text("utf-8"), file=path.name).activities)
    assert counts == {"ly-son-special-zone-2025": 17, "provincial-office-2025-ocr": 8,
                      "quang-ngai-province-2025": 33, "tinh-son-commune-dvctt-2025": 26,
                      "tra-bong-district-2025": 18}
