"""A scan (a PDF of page images, no text layer) is recognised by Tesseract's Vietnamese model,
page by page: the text the reader saw is shown with page markers, and each of its lines names
its page. Kept to a few pages of one plan (OCR takes real seconds); the scores of whole scanned
plans come from `python -m bench.score_layouts --only scan`."""
import subprocess
import sys
from pathlib import Path

import pytest

from cadence.catalogue import say
from cadence.sources import read_source
from rules.text import fold_words
from tests.support.layouts import write_scan

SHARED = Path(__file__).resolve().parents[3] / "shared"
LY_SON = SHARED / "plans" / "ly-son-special-zone-2025.txt"
TASKS = """KẾ HOẠCH
Truyền thông về cải cách hành chính của UBND xã Tịnh Sơn năm 2025
I. MỤC ĐÍCH
1. Nâng cao nhận thức của cán bộ, công chức và Nhân dân.
II. NHIỆM VỤ CỤ THỂ
1. Xây dựng chuyên mục cải cách hành chính trên Trang thông tin điện tử xã
- Đơn vị chủ trì: Văn phòng HĐND và UBND xã.
- Đơn vị phối hợp: Các ban, ngành, đoàn thể xã.
- Thời gian thực hiện: Năm 2025.
- Tần suất: 01 số/tháng.
2. Tổ chức hội nghị tập huấn về dịch vụ công trực tuyến
- Đơn vị chủ trì: Công an xã.
- Thời gian thực hiện: Quý III/2025.
"""


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory):
    path = write_scan(tmp_path_factory.mktemp("scan") / "ly-son.pdf", LY_SON.read_text("utf-8"), pages=2)
    return path, read_source(path)


def test_a_scan_is_read_through_ocr_and_its_lines_name_their_pages(two_pages):
    _, source = two_pages
    assert source.how == "ocr"
    lines = source.text.split("\n")
    pages = [source.page_of(n) for n in range(1, len(lines) + 1)]
    assert pages[0] == 1 and pages[-1] == 2 and pages == sorted(pages)
    title = next(n for n, line in enumerate(lines, start=1) if "ke hoach" in fold_words(line))
    assert source.page_of(title) == 1
    assert "tuyen truyen cai cach hanh chinh" in fold_words(source.text)


def test_parse_text_prints_what_the_reader_saw_with_page_markers(two_pages):
    path, source = two_pages
    done = subprocess.run([sys.executable, "-c", "from cadence.cli import main; main()", "parse", "--text", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout.split("\n")
    first, second = say("documents.page-marker", page=1), say("documents.page-marker", page=2)
    assert out[0] == first and second in out
    assert [line for line in out if line not in (first, second)][: len(source.text.split("\n"))] == source.text.split("\n")


def test_a_scanned_plan_reads_its_tasks_units_and_cadences(tmp_path):
    from cadence.sources import read_plan_file

    plan = read_plan_file(write_scan(tmp_path / "tasks.pdf", TASKS))
    # refs are left out: OCR may read "II." as "Il." (the reader tolerates it; refs are not scored)
    assert [(fold_words(a.title)[:24], a.window.text if a.window else None) for a in plan.activities] == [
        ("xay dung chuyen muc cai", "Năm 2025"), ("to chuc hoi nghi tap hua", "Quý III/2025")]
    assert [fold_words(u) for u in plan.activities[0].lead] == ["van phong hdnd va ubnd xa"]
    assert [(r.count, r.per.value) for r in plan.activities[0].rules] == [(1, "month")]


def test_a_photographed_page_is_recognised_too(tmp_path):
    pdf = write_scan(tmp_path / "page.pdf", TASKS)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    source = read_source(tmp_path / "page.png")
    assert source.how == "ocr" and "nhiem vu cu the" in fold_words(source.text)
