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
OFFICE = SHARED / "plans" / "provincial-office-2025-ocr.txt"


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


def test_a_scanned_real_plan_reads_at_least_nine_tenths_of_its_gold_fields(tmp_path):
    """The provincial office's plan (already OCR-damaged text), printed and scanned again."""
    import json

    from cadence.sources import read_plan_file
    from rules.scoring import score_plan

    gold = json.loads((SHARED / "gold" / "provincial-office-2025-ocr.json").read_text("utf-8"))
    score = score_plan(gold, read_plan_file(write_scan(tmp_path / "office.pdf", OFFICE.read_text("utf-8"))).to_json())
    right = sum(r for r, _ in score.fields.values())
    assert right / (score.activities.expected * len(score.fields)) >= 0.9, score.wrong


def test_a_photographed_page_is_recognised_too(tmp_path):
    pdf = write_scan(tmp_path / "page.pdf", OFFICE.read_text("utf-8"), pages=1)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    source = read_source(tmp_path / "page.png")
    assert source.how == "ocr" and "ke hoach" in fold_words(source.text)


@pytest.mark.parametrize("recognised, mended", [
    ("ï. QUAN ĐIỂM", "I. QUAN ĐIỂM"), ("IL NHIỆM VỤ CỤ THỂ", "II. NHIỆM VỤ CỤ THỂ"), ("IV NHIỆM VỤ", "IV. NHIỆM VỤ"),
    ("L. MỤC ĐÍCH", "I. MỤC ĐÍCH"), ("ï. Mục đích", "I. Mục đích"), ("X, TỔ CHỨC THỰC HIỆN", "X. TỔ CHỨC THỰC HIỆN"),
    ("V. KINH PHÍ", "V. KINH PHÍ"), ("I11. HINH THUC", "I11. HINH THUC"), ("1. Nâng cao", "1. Nâng cao"),
    ("Lý do", "Lý do"), ("I Các cơ quan", "I Các cơ quan"), ("V nhiệm vụ", "V nhiệm vụ"),
])
def test_part_numbers_tesseract_misreads_are_mended(recognised, mended):
    from cadence.sources.ocr import mend_part_number

    assert mend_part_number(recognised) == mended
