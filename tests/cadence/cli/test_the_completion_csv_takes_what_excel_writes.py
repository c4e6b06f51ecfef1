"""The completion CSV takes what Excel writes in a Vietnamese office: Vietnamese headers in any
order (or the English ones), ";" or "," between cells, UTF-8 with or without its mark, an older
Excel's Windows-1258, dd/mm/yyyy dates (ISO too), and the empty rows of bare separators Excel
leaves at the end. It used to require English headers, ISO dates and ",". A bad row is one line
naming its row and column, exit status 2, and nothing is saved."""
from __future__ import annotations

from pathlib import Path

import unicodedata

import pytest

from tests.cadence.cli.undo_support import item, items, office, refused, snapshot  # noqa: F401

NOW = "2026-03-20T09:00"


TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 holds it, as an older Excel writes it: a letter the code page has
    as one byte (ơ, ư, â, đ…), then its tone as a combining mark (ờ → ơ + grave)."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out.append(base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258"))
    return b"".join(out)


def _two(office) -> list[dict]:
    return [i for i in items(office, "--now", NOW) if i["window_start"] >= "2026-03-01"][:2]


def _day(found: dict) -> str:
    year, month, day = found["window_start"].split("-")
    return f"{day}/{month}/{year}"


@pytest.mark.parametrize("encoding, separator, header", [
    ("utf-8-sig", ";", "Người báo cáo;Ngày thực hiện;Mã mục;Minh chứng;Ghi chú;Số lượng"),
    ("utf-8", ",", "Người báo cáo,Ngày thực hiện,Mã mục,Minh chứng,Ghi chú,Số lượng"),
    ("cp1258", ";", "Người báo cáo;Ngày thực hiện;Mã mục;Minh chứng;Ghi chú;Số lượng"),
    ("utf-8", ",", "by,at,item,evidence,note,count"),
])
def test_an_excel_sheet_is_recorded(office, tmp_path: Path, encoding, separator, header) -> None:
    first, second = _two(office)
    rows = [header,
            separator.join(["Trần Thị Biên Tập", _day(first), str(first["id"]), "https://baoquangngai.vn/a", "Đã phát", ""]),
            separator.join(["", second["window_start"], str(second["id"]), "", "", ""]),
            separator * 5, separator * 5]
    sheet = tmp_path / "bao-cao.csv"
    text = "\r\n".join(rows) + "\r\n"
    sheet.write_bytes(windows_1258(text) if encoding == "cp1258" else text.encode(encoding))
    code, out, err = office("done", "--csv", str(sheet), "--now", NOW)
    assert code == 0, err
    assert "2" in out
    assert item(office, first["id"], NOW)["status"] in ("done", "late")
    assert item(office, second["id"], NOW)["status"] in ("done", "late")


def test_a_bad_row_names_its_row_and_column_and_saves_nothing(office, snapshot, tmp_path: Path) -> None:
    first, second = _two(office)
    sheet = tmp_path / "bao-cao.csv"
    sheet.write_text(f"Mã mục;Ngày thực hiện;Số lượng\n{first['id']};{_day(first)};\n"
                     f"{second['id']};{_day(second)};ba\n12345678901234567890123;{_day(first)};\n", "utf-8-sig")
    before = snapshot()
    err = refused(office("done", "--csv", str(sheet), "--now", NOW), lines=2)
    lines = err.removeprefix("cadence: ").strip().splitlines()
    assert lines[0].endswith("bao-cao.csv:3: Số lượng: expected a count of at least 1, got 'ba'")
    assert lines[1].endswith("bao-cao.csv:4: Mã mục: expected an item number, got '12345678901234567890123'")
    assert snapshot() == before


def test_an_unknown_column_or_unreadable_bytes_are_refused(office, snapshot, tmp_path: Path) -> None:
    before = snapshot()
    sheet = tmp_path / "bao-cao.csv"
    sheet.write_text("Mã mục;Ngày phát sóng lại\n1;01/03/2026\n", "utf-8")
    refused(office("done", "--csv", str(sheet), "--now", NOW), "'Ngày phát sóng lại'", "Mã mục, Ngày thực hiện")
    sheet.write_bytes(b"\x81\x8d\x8f\x90\x9d;\xff\xfe\n1;2\n")
    refused(office("done", "--csv", str(sheet), "--now", NOW), "bao-cao.csv")
    assert snapshot() == before
