"""Input that cannot be read is one line naming the file, exit status 2, and the database as it
was; each of these ended in a traceback: a UTF-8 byte-order mark before Windows-1258 bytes,
UTF-16 cut off mid-character, a JSON reading that is `[]`, `null` or a string, JSON or TOML
nested past Python's recursion limit, a completion dated 0001-01-01 and an item id of 23 digits
(OverflowError)."""
import codecs
from pathlib import Path

import pytest

from tests.cadence.bounds.conftest import one_line

PLAN_TEXT = "KẾ HOẠCH Tuyên truyền năm 2025\nI. NHIỆM VỤ\n1. Bản tin: 01 số/tuần\n"


@pytest.mark.parametrize("name, data", [
    ("bom-then-1258.txt", codecs.BOM_UTF8 + PLAN_TEXT.encode("cp1258", errors="replace")),
    ("cut-utf16.txt", codecs.BOM_UTF16_LE + PLAN_TEXT.encode("utf-16-le")[:-1]),
])
def test_text_that_is_not_what_it_says_is_one_line(office, tmp_path: Path, name: str, data: bytes) -> None:
    plan = tmp_path / name
    plan.write_bytes(data)
    one_line(office("parse", str(plan)), str(plan), "cannot decode")
    before = office.rows()
    one_line(office("plan", "import", str(plan)), name, "cannot decode")
    assert office.rows() == before


@pytest.mark.parametrize("reading", ["[]", "null", '"a plan"', "42", '{"year": 1e999}', '{"year": 2025, "activities": [1]}',
                                     "[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000])
def test_a_json_reading_that_is_no_plan_is_one_line(office, tmp_path: Path, reading: str) -> None:
    plan = tmp_path / "reading.json"
    plan.write_text(reading, encoding="utf-8")
    before = office.rows()
    one_line(office("plan", "import", str(plan)), str(plan))
    assert office.rows() == before


@pytest.mark.parametrize("text", ["a = " + "[" * 100_000 + "]" * 100_000, "a = " + "{b = " * 50_000 + "1" + "}" * 50_000])
def test_toml_nested_past_the_recursion_limit_is_one_line(office, tmp_path: Path, text: str) -> None:
    units = tmp_path / "units.toml"
    units.write_text(text, encoding="utf-8")
    before = office.rows()
    one_line(office("units", "import", str(units)), str(units), "nested too deeply")
    assert office.rows() == before
    office.config.write_text(text, encoding="utf-8")
    one_line(office("due"), str(office.config), "nested too deeply")


@pytest.mark.parametrize("row, field", [
    ("{item},0001-01-01", "at"), ("{item},9999-12-31T23:59", "at"), ("99999999999999999999999,", "item"),
    ("3000000000,", "item"), ("{item},,99999999999999999999999", "count"), ("{item},10000-01-01", "at"),
])
def test_a_completion_row_out_of_range_is_one_line_naming_its_field(office, tmp_path: Path, row: str, field: str) -> None:
    csv = tmp_path / "done.csv"
    csv.write_text("item,at,count\n" + row.format(item=office.item_ids()[0]) + "\n", encoding="utf-8")
    before = office.rows()
    one_line(office("done", "--csv", str(csv)), f"{csv}:2", f"{field}:")
    assert office.rows() == before


@pytest.mark.parametrize("args", [("99999999999999999999999",), ("3000000000",), ("{item}", "--at", "0001-01-01"),
                                  ("{item}", "--count", "99999999999999999999999"), ("{item}", "--now", "0001-01-01")])
def test_done_with_an_id_count_or_date_out_of_range_is_one_line(office, args: tuple[str, ...]) -> None:
    item = str(office.item_ids()[0])
    before = office.rows()
    one_line(office("done", *(a.replace("{item}", item) for a in args)))
    assert office.rows() == before


def test_plan_import_with_a_year_no_plan_has_is_one_line(office) -> None:
    from tests.cadence.bounds.conftest import PLAN_READING

    one_line(office("plan", "import", str(PLAN_READING), "--year", "99999999999999999999"))
    one_line(office("due", "--from", "0001-01-01"))
