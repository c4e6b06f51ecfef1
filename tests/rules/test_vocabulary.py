"""Each table of the vocabulary reads a wording taken from a real plan or a public page.

The five plans are in shared/plans; every other wording is a row of tests/rules/wordings (its
address in the row and in SOURCES.md) or a page named beside the entry in vocabulary.toml.
"""
import pytest

from rules import read_phrase, read_plan
from rules.channels import mentions
from rules.outline import label_field
from rules.scope import single_scope
from rules.tables import header_field
from rules.tokens import tokenize
from rules.units import split_units
from rules.vocabulary import vocabulary
from tests.rules.plan_text import PLAN


def reading(text, year=2024):
    found = read_phrase(text, year=year)
    rules = [(r.count, r.per.value, r.every) for r in found.rules]
    return rules, (str(found.window.start), str(found.window.end)) if found.window else None


def test_labels_name_their_fields():  # quang-ngai-province-2025.txt, provincial-office-2025-ocr.txt
    assert [label_field(x) for x in ("Đơn vị chủ trì", "Pon vi phéi hop", "Thời gian thực hiện", "Tần suất")] == [
        "lead", "support", "time", "frequency"]


def test_ocr_spellings_are_read():  # provincial-office-2025-ocr.txt
    assert label_field("Bon vi chu tri") == "lead"


def test_sections_find_the_tasks_and_the_organisation():  # tests/rules/plan_text.py, in the plans' style
    plan = read_plan(PLAN.replace("{extra}", ""), file="p.txt")
    assert [a.ref for a in plan.activities] == ["II.1.a", "II.1.b"] and plan.monitors


def test_scopes_name_their_domain():  # quang-ngai-province-2025.txt
    assert single_scope("Về Chuyển đổi số").value == "CĐS"


def test_cadence_words():  # tests/rules/wordings/cadence.jsonl (nld.com.vn, stttt.thuathienhue.gov.vn)
    assert reading("Mỗi tháng tiếp công dân ít nhất 2 ngày")[0] == [(2, "month", 1)]
    assert reading("cung cấp thông tin báo chí trên Cổng Thông tin điện tử tỉnh mười ngày một lần")[0] == [(1, "day", 10)]


def test_numbers_as_words():  # stttt.thuathienhue.gov.vn: "mười ngày một lần"
    assert tokenize("mười ngày một lần").values[0] == 10


def test_weekdays():  # nld.com.vn: "tiếp công dân vào ngày thứ sáu của tuần lễ cuối tháng"
    (rule,) = read_phrase("tiếp công dân vào ngày thứ sáu của tuần lễ cuối tháng", year=2024).rules
    assert (rule.weekdays, rule.week_of_month) == (("friday",), -1)


def test_documents_and_their_signing_dates():  # snv.kiengiang.gov.vn
    assert reading("Ngày 11/03/2021, UBND tỉnh đã ban hành Kế hoạch số 47/KH-UBND") == ([], None)


def test_generic_channels():  # baoquangngai.vn: "phát trên sóng phát thanh"
    assert [m.name for m in mentions("phát trên sóng phát thanh vào lúc 20h30")] == ["kênh phát thanh"]


def test_channel_names():  # tienphong.vn: "phát sóng lúc 21h … trên VTV1"; baoninhthuan.com.vn
    assert [m.name for m in mentions("Trên VTV1, phim hiện phát sóng lúc 21h")] == ["VTV1"]
    assert [m.name for m in mentions("Tạp chí Dân tộc (Ủy ban dân tộc) – Phát hành 1 kỳ/tháng")] == ["Tạp chí Dân tộc"]


def test_series_heads():  # quang-ngai-province-2025.txt: "Bản tin PAPI: 01 số/tuần"
    (rule,) = read_phrase("Bản tin PAPI: 01 số/tuần, 52 số/năm, thời lượng 05 phút/số", year=2025).rules
    assert rule.series == "Bản tin PAPI"


def test_windows():  # tests/rules/wordings/window.jsonl (thuvienbinhthuan.com.vn, hcmcpv.org.vn)
    assert reading("Thời gian thực hiện tập trung trong tháng 5 và xuyên suốt trong năm 2023.")[1] == ("2023-01-01", "2023-12-31")
    assert reading("Giai đoạn 2014 – 2019, TPHCM chủ động triển khai")[1] == ("2014-01-01", "2019-12-31")


def test_unit_heads():  # quang-ngai-province-2025.txt
    assert split_units("Sở Khoa học và Công nghệ; các cơ quan, đơn vị, địa phương liên quan.") == [
        "Sở Khoa học và Công nghệ", "các cơ quan, đơn vị, địa phương liên quan"]


def test_organisation():  # tra-bong-district-2025.txt: "định kỳ hàng quý báo cáo về UBND huyện"
    plan = read_plan(PLAN.replace("{extra}", ""), file="p.txt")
    assert [(r.to, [p.value for p in r.periods]) for r in plan.reports] == [("UBND huyện", ["quarter"])]


def test_title():  # the plans' title lines: "KẾ HOẠCH … năm 2026 của UBND xã Hòa Bình"
    plan = read_plan(PLAN.replace("{extra}", ""), file="p.txt")
    assert (plan.year, plan.issuer) == (2026, "UBND xã Hòa Bình")


def test_carrier():  # hethongphapluat.com, Quyết định 4216/QĐ-UBND: "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …"
    from rules.carrier import carried_plan

    text = "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nKẾ HOẠCH\nTruyền thông năm 2026\n"
    assert carried_plan(text).splitlines()[2:] == ["KẾ HOẠCH", "Truyền thông năm 2026"]


def test_every_table_has_a_row_here():
    tested = {"labels", "ocr", "sections", "scopes", "cadence", "numbers", "weekdays", "documents", "channels",
              "channel_names", "series", "windows", "units", "organisation", "title", "tables", "carrier"}
    assert set(vocabulary().data) == tested


@pytest.mark.parametrize("section", ["cadence", "numbers", "weekdays", "documents", "channel_names", "windows", "carrier"])
def test_added_entries_name_their_source(section):
    """Entries of the tables added after the five plans carry the page they were read from."""
    from importlib import resources

    text = resources.files("rules").joinpath("data/vocabulary.toml").read_text("utf-8")
    body = text.split(f"[{section}]", 1)[1].split("\n[", 1)[0]
    assert "# Source: https://" in body


def test_table_headers_name_their_fields():  # the labels of quang-ngai-province-2025.txt as column headers
    headers = ("STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Tần suất")
    assert [header_field(h) for h in headers] == ["number", "content", "lead", "support", "time", "frequency"]
