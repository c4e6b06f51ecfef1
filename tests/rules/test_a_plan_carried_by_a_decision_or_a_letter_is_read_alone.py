"""A plan issued by a decision ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …", its
articles, its signature, then the plan) or sent with a cover letter ("Kính gửi: …") is found and
read as the plan alone: its title, issuer and year are the plan's, the decision's articles are no
tasks, monitors or reports, and every span still points into the document as given.

The decision and the letter are built from real wordings (sources below) around the five real
plans' texts."""
import json
import re
from pathlib import Path

import pytest

from bench.scoring import score_plan
from rules.reader import read_plan

SHARED = Path(__file__).resolve().parents[3] / "shared"
PLANS = sorted(p.stem for p in (SHARED / "gold").glob("*.json"))

# Quyết định 4216/QĐ-UBND of Thanh Hóa (2020), Quyết định 439/QĐ-UBDT (2015; its Điều 2 gives a
# unit work, which is the decision's and no task of the plan) and Quyết định 275/QĐ-TTg (2014):
# https://hethongphapluat.com/quyet-dinh-4216-qd-ubnd-nam-2020-ve-ke-hoach-chuyen-doi-so-tren-dia-ban-tinh-thanh-hoa-den-nam-2025-dinh-huong-den-nam-2030.html
# https://thuvienphapluat.vn/van-ban/Van-hoa-Xa-hoi/Quyet-dinh-439-QD-UBDT-2015-De-an-Giam-thieu-tinh-trang-tao-hon-trong-vung-dan-toc-thieu-so-292902.aspx?tab=7
# https://thuviennhadat.vn/vbpl/quyet-dinh-275-qd-ttg-nam-2014-thuc-hien-27-kl-tw-day-manh-phat-trien-kinh-te-xa-hoi-quoc-phong-an-n-221475.html
DECISION = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
-------
Số: 4216/QĐ-UBND
Thanh Hóa, ngày 30 tháng 12 năm 2024
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH KẾ HOẠCH TRUYỀN THÔNG VỀ CẢI CÁCH HÀNH CHÍNH VÀ CHUYỂN ĐỔI SỐ
ỦY BAN NHÂN DÂN TỈNH THANH HÓA
Căn cứ Luật tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030";
Theo đề nghị của Sở Thông tin và Truyền thông tại Tờ trình số 1342/TTr-STTTT ngày 31/7/2020.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch truyền thông về cải cách hành chính và chuyển đổi số (có Kế hoạch kèm theo).
Điều 2. Giao Vụ Dân tộc thiểu số chủ trì, phối hợp với Văn phòng Ủy ban và các đơn vị liên quan triển khai thực hiện theo Kế hoạch được phê duyệt, định kỳ hằng quý báo cáo Ủy ban nhân dân tỉnh.
Quyết định này có hiệu lực thi hành kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, Trưởng các ban, ngành cấp tỉnh; Chủ tịch UBND các huyện, thị xã, thành phố và Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như điều 3 Quyết định;
- Văn phòng Chính phủ (để b/c);
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
(Đã ký)
Nguyễn Văn A
"""

# Công văn 2390/BTTTT-THH (2020):
# https://thuviennhadat.vn/vbpl/cong-van-2390-btttt-thh-2020-trien-khai-chuong-trinh-chuyen-doi-so-quoc-gia-den-2025-462252.html
LETTER = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 2390/BTTTT-THH
Hà Nội, ngày 29 tháng 12 năm 2024
Kính gửi:
- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;
- Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.
Bộ Thông tin và Truyền thông trân trọng đề nghị Quý Cơ quan triển khai ngay các nhiệm vụ được giao tại Kế hoạch kèm theo.
Trân trọng đề nghị Quý Cơ quan giao đơn vị chuyên trách về công nghệ thông tin là đầu mối tổ chức, hướng dẫn, đôn đốc, kiểm tra, đánh giá thực hiện chuyển đổi số; định kỳ 6 tháng báo cáo về Bộ Thông tin và Truyền thông trước ngày 15/6/2025.
Trân trọng./.
Nơi nhận:
- Như trên;
- Lưu: VT, THH.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn B
"""

ANNEX = "(Ban hành kèm theo Quyết định số 4216/QĐ-UBND ngày 30 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh Thanh Hóa)"


def carried(carrier: str, plan: str) -> str:
    """The plan after the carrier, with the title line "KẾ HOẠCH" attached plans carry and, after
    a decision, the line under its title that names the decision."""
    if not re.search(r"^\s*KẾ HOẠCH\s*$", plan, re.MULTILINE):
        plan = "KẾ HOẠCH\n" + plan
    if carrier is DECISION:
        preamble = re.search(r"^\s*(?:Thực hiện|Thuc hién|Triển khai thực hiện (?:Quyết|Kế)|Căn cứ)", plan, re.MULTILINE)
        plan = plan[: preamble.start()] + ANNEX + "\n" + plan[preamble.start():]
    return carrier + plan


def readings(name: str, carrier: str):
    text = (SHARED / "plans" / f"{name}.txt").read_text("utf-8")
    document = carried(carrier, text)
    return read_plan(text, file=f"{name}.txt"), read_plan(document, file=f"{name}.txt"), document


@pytest.mark.parametrize("carrier", [DECISION, LETTER], ids=["decision", "letter"])
@pytest.mark.parametrize("name", PLANS)
def test_the_carried_plan_reads_as_its_gold(name, carrier):
    alone, inside, _ = readings(name, carrier)
    gold = json.loads((SHARED / "gold" / f"{name}.json").read_text("utf-8"))
    score = score_plan(gold, inside.to_json())
    assert score.activities.found == score.activities.expected and not score.activities.extra
    assert all(right == total for right, total in score.fields.values()), score.wrong
    assert (score.monitors.recall, score.monitors.precision, score.reports.recall, score.reports.precision) == (1, 1, 1, 1)
    assert (inside.year, inside.issuer) == (alone.year, alone.issuer)
    assert inside.title.endswith(alone.title.removeprefix("Kế hoạch ")) and ANNEX not in inside.title


@pytest.mark.parametrize("name", PLANS)
def test_spans_point_into_the_document_as_given(name):
    _, inside, document = readings(name, DECISION)
    for activity in inside.activities:
        for rule in activity.rules:
            written = document[rule.span.start:rule.span.end]
            assert written and rule.text.startswith(written)  # a total written elsewhere follows "…"
    for report in inside.reports:
        assert report.span is None or document[report.span.start:report.span.end].strip()


def test_the_decisions_articles_are_no_tasks_monitors_or_reports():
    _, inside, _ = readings("quang-ngai-province-2025", DECISION)
    units = {u for a in inside.activities for u in a.lead} | {m.unit for m in inside.monitors} | {r.from_ for r in inside.reports}
    assert not any("Dân tộc" in u for u in units)


def test_the_plans_year_is_not_the_decisions():
    _, inside, _ = readings("tra-bong-district-2025", DECISION)
    assert inside.year == 2025  # the decision is dated 30 December 2024


def test_a_decision_without_its_plan_is_read_as_before():
    with pytest.raises(Exception):
        read_plan(DECISION, file="decision.txt")
