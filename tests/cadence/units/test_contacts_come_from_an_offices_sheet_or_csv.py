"""`cadence units contacts import FILE`: an office's contact list, as a CSV file or an Excel
sheet with Vietnamese headers (in any order, under a title line), is matched to units by name.
A landline given for SMS and an e-mail address without a domain are refused with their row
named, and nothing is saved; the import lists the units with open items and nobody to tell."""
from pathlib import Path

import openpyxl
import pytest

from tests.cadence.support import plan_file, run_cli

HEADERS = ["Đơn vị", "Họ và tên", "Chức vụ", "Email", "Điện thoại", "Vai trò"]
GOOD = [["Sở Khoa học và Công nghệ", "Nguyễn Văn An", "Chuyên viên", "an@skhcn.example.org", "0912 345 678", "đầu mối"],
        ["Báo Quảng Ngãi", "Trần Thị Bình", "Phó Tổng biên tập", "binh@baoqn.example.org", "", "lãnh đạo"]]


@pytest.fixture
def office(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)

    assert run("init")[0] == 0
    assert run("units", "seed-province", "Quảng Ngãi")[0] == 0
    return run


def _csv(path: Path, rows) -> Path:
    lines = [",".join(HEADERS)] + [",".join(f'"{v}"' for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐẦU MỐI TRUYỀN THÔNG NĂM 2025"])
    sheet.append([HEADERS[i] for i in (5, 0, 1, 4, 3, 2)])  # the office's own order
    for row in rows:
        sheet.append([row[i] for i in (5, 0, 1, 4, 3, 2)])
    book.save(path)
    return path


@pytest.mark.parametrize("write", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_a_list_is_matched_to_units_by_name(office, tmp_path, write) -> None:
    office("plan", "import", str(plan_file("quang-ngai-province-2025")), "--from", "2025-01-01", "--create-units", "--catch-up")
    code, out, err = office("units", "contacts", "import", str(write(tmp_path / f"lien-he.{write.__name__[1:]}", GOOD)))
    assert (code, err) == (0, ""), err
    assert "Đã lưu 2 người liên hệ của 2 đơn vị" in out
    assert "chưa có ai để nhắc" in out and "so-khcn" not in out.split("chưa có ai để nhắc")[1]


@pytest.mark.parametrize("bad, words", [
    (["Sở Tư pháp", "Lê Văn Cường", "", "cuong@stp.example.org", "0255 3822 111", "đầu mối"], "0255 3822 111"),
    (["Sở Tư pháp", "Lê Văn Cường", "", "cuong-at-stp", "", "đầu mối"], "cuong-at-stp"),
])
def test_a_bad_address_is_refused_with_its_row_and_nothing_is_saved(office, tmp_path, bad, words) -> None:
    code, out, err = office("units", "contacts", "import", str(_csv(tmp_path / "lien-he.csv", GOOD + [bad])))
    assert code == 2 and words in err and ":4" in err, err
    listed = office("units", "list", "--json")[1]
    assert "an@skhcn.example.org" not in listed
