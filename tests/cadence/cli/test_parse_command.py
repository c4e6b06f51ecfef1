"""`cadence parse` as a user runs it: files in every format and encoding, phrases, bad input."""
import json
import unicodedata
from pathlib import Path

import pytest

from cadence.catalogue import say
from cadence.cli import main
from tests.support.documents import write_docx, write_pdf

SHARED = Path(__file__).resolve().parents[4] / "shared"
PROVINCE = SHARED / "plans" / "quang-ngai-province-2025.txt"
OCR = SHARED / "plans" / "provincial-office-2025-ocr.txt"




def windows_1258_form(text):
    """Windows-1258 writes â, ă, ơ… whole but tones as combining marks after them."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        shape = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out.append(shape + "".join(c for c in decomposed if c in _TONES))
    return "".join(out)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def run_ok(capsys, *args):
    try:
        main(list(args))
    except SystemExit as done:
        assert done.code in (0, None)
    out, err = capsys.readouterr()
    return out, err


def test_the_json_reading_has_every_activity_and_the_warnings(capsys):
    out, _ = run_ok(capsys, "parse", str(PROVINCE), "--json")
    plan = json.loads(out)
    assert plan["file"] == "quang-ngai-province-2025.txt" and len(plan["activities"]) == 33
    assert "warnings" in plan


def test_the_readable_table_shows_tasks_units_windows_and_cadences(capsys):
    out, _ = run_ok(capsys, "parse", str(PROVINCE))
    assert "C.II.12.c" in out and "Đài Phát thanh và Truyền hình tỉnh" in out
    assert "Bản tin PAPI" in out and "Quý III/2025" in out


def test_a_phrase_is_read_on_its_own(capsys):
    out, _ = run_ok(capsys, "parse", "--phrase", "2 tuần/1 số (26 số/năm)", "--json")
    reading = json.loads(out)
    assert reading["window"] is None and reading["warnings"] == []
    assert [(r["count"], r["per"], r["every"], r["declared_total"]) for r in reading["rules"]] == [(1, "week", 2, 26)]


def test_a_phrase_window_carries_ongoing(capsys):
    out, _ = run_ok(capsys, "parse", "--phrase", "Thường xuyên trong năm", "--year", "2026", "--json")
    assert json.loads(out)["window"] == {"start": "2026-01-01", "end": "2026-12-31",
                                         "text": "Thường xuyên trong năm", "ongoing": True}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_a_text_plan_reads_the_same_in_every_encoding(capsys, tmp_path, encoding):
    text = PROVINCE.read_text("utf-8")
    if encoding == "cp1258":
        text = windows_1258_form(text)
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode(encoding, errors="strict"))
    out, _ = run_ok(capsys, "parse", str(path), "--json")
    plan = json.loads(out)
    assert len(plan["activities"]) == 33
    assert plan["activities"][1]["lead"] == ["Đài Phát thanh và Truyền hình tỉnh"]


def test_a_docx_plan_reads_like_its_text(capsys, tmp_path):
    path = write_docx(tmp_path / "plan.docx", PROVINCE.read_text("utf-8"))
    out, _ = run_ok(capsys, "parse", str(path), "--json")
    assert len(json.loads(out)["activities"]) == 33


def test_a_pdf_with_a_text_layer_reads_like_its_text(capsys, tmp_path):
    path = write_pdf(tmp_path / "plan.pdf", OCR.read_text("utf-8"))
    out, _ = run_ok(capsys, "parse", str(path), "--json")
    plan = json.loads(out)
    assert [a["ref"] for a in plan["activities"]] == [f"III.{n}" for n in range(1, 9)]


BAD = [
    ("empty.txt", b"", say("documents.empty")),
    ("blank.txt", b"  \n\n ", say("documents.empty")),
    ("binary.txt", bytes(range(256)) * 8, say("documents.binary")),
    ("undecodable.txt", "Kế hoạch".encode("utf-8") + b"\x81\x8d\x8f\x90" * 3, say("documents.undecodable", byte=12)),
    ("notes.txt", "Ghi chú cuộc họp.\nKhông có mục nào.\n".encode(), "no numbered parts"),
    ("no-tasks.txt", "I. MỤC ĐÍCH\n1. Một\nII. YÊU CẦU\n1. Hai\n".encode(), "no task section"),
    ("broken.docx", b"PK\x03\x04 not really a docx", say("documents.bad-docx", kind="BadZipFile")),
    ("broken.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
]


@pytest.mark.parametrize("name, data, message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_line_naming_the_file_and_exit_2(capsys, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err and message in err
    assert "Traceback" not in err


def test_a_missing_file_is_named(capsys, tmp_path):
    code, _, err = run(capsys, "parse", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err
