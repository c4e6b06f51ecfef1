"""The five real plans laid out as offices send them read (almost) as their careful readings:
tasks in tables of several styles, Word's automatic numbering, .doc and .odt made by LibreOffice,
a PDF with a text layer made from the table, and a spreadsheet appendix.

Each layout is built from the plan's text by general code (tests/support/layouts.py); the full
figures per layout, scans included, come from `python -m bench.score_layouts`.
"""
import json
from pathlib import Path

import pytest

from cadence.sources import read_plan_file
from rules.scoring import score_plan
from tests.support.layouts import STYLES, convert, plan_parts, write_numbered_docx, write_table_docx

SHARED = Path(__file__).resolve().parents[3] / "shared"
PLANS = sorted(p.stem for p in (SHARED / "gold").glob("*.json"))


def field_share(plan_name: str, path: Path) -> float:
    gold = json.loads((SHARED / "gold" / f"{plan_name}.json").read_text("utf-8"))
    score = score_plan(gold, read_plan_file(path).to_json())
    right = sum(r for r, _ in score.fields.values())
    total = sum(t for _, t in score.fields.values())
    assert score.activities.found == score.activities.expected, score.wrong
    assert score.activities.extra == 0
    return right / total


def text_of(plan_name: str) -> str:
    return (SHARED / "plans" / f"{plan_name}.txt").read_text("utf-8")


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("plan_name", PLANS)
def test_a_plan_with_its_tasks_in_a_table_reads_its_gold_fields(tmp_path, plan_name, style):
    path = write_table_docx(tmp_path / f"{plan_name}.docx", text_of(plan_name), STYLES[style])
    assert field_share(plan_name, path) >= 0.95


@pytest.mark.parametrize("plan_name", PLANS)
def test_a_plan_typed_with_word_numbering_reads_its_gold_fields(tmp_path, plan_name):
    path = write_numbered_docx(tmp_path / f"{plan_name}.docx", text_of(plan_name))
    assert field_share(plan_name, path) >= 0.95


@pytest.mark.parametrize("fmt, layout", [("doc", "numbered"), ("odt", "table"), ("rtf", "table-two-headers")])
@pytest.mark.parametrize("plan_name", PLANS)
def test_a_plan_saved_by_libreoffice_in_another_format_reads_its_gold_fields(tmp_path, plan_name, fmt, layout):
    source = tmp_path / f"{plan_name}.docx"
    if layout == "numbered":
        write_numbered_docx(source, text_of(plan_name))
    else:
        write_table_docx(source, text_of(plan_name), STYLES[layout])
    converted = convert(source, fmt, tmp_path / "converted")
    assert field_share(plan_name, converted) >= 0.95


@pytest.mark.parametrize("plan_name", ["quang-ngai-province-2025", "ly-son-special-zone-2025"])
def test_a_pdf_of_the_task_table_reads_its_gold_fields(tmp_path, plan_name):
    source = write_table_docx(tmp_path / f"{plan_name}.docx", text_of(plan_name), STYLES["table"])
    assert field_share(plan_name, convert(source, "pdf", tmp_path / "pdf")) >= 0.95


def test_a_spreadsheet_appendix_with_merged_cells_is_read_as_tasks(tmp_path):
    from openpyxl import Workbook

    rows = plan_parts(text_of("ly-son-special-zone-2025")).rows
    book = Workbook()
    sheet = book.active
    sheet.append(["KẾ HOẠCH Tuyên truyền cải cách hành chính năm 2025"])
    sheet.append(["C. NHIỆM VỤ, HOẠT ĐỘNG CỤ THỂ"])
    sheet.append(["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Tần suất"])
    for row in rows:
        sheet.append([row.number, "\n".join(row.content)] + [row.fields.get(f, "") for f in ("lead", "support", "time", "frequency")])
        if row.heading:
            sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row, end_column=6)
            sheet.cell(sheet.max_row, 1).value = None
    merged_leads = _merge_equal_leads(sheet)
    path = tmp_path / "appendix.xlsx"
    book.save(path)
    assert merged_leads > 0
    assert field_share("ly-son-special-zone-2025", path) >= 0.95


def _merge_equal_leads(sheet) -> int:
    merged, first = 0, None
    for row in range(4, sheet.max_row + 2):
        value = sheet.cell(row, 3).value if row <= sheet.max_row else None
        if first is not None and (value is None or value != sheet.cell(first, 3).value):
            if row - 1 > first:
                sheet.merge_cells(start_row=first, start_column=3, end_row=row - 1, end_column=3)
                merged += 1
            first = None
        if first is None and value:
            first = row
    return merged
