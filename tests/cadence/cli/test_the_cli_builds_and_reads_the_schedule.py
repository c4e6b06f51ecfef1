"""The store commands through the real entry point: init, units, plan import, due, done, ics."""
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.cadence.support import SAMPLES, run_cli

NAME = "quang-ngai-province-2025"


@pytest.fixture
def cadence(tmp_path: Path, database_url: str, capsys, monkeypatch):
    """``cadence(*args)`` in a fresh office folder whose config points at the test database."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)

    code, out, err = run("init", "--database", database_url)
    assert (code, err) == (0, "") and "config.toml" in out
    return run


@pytest.fixture
def province(cadence):
    assert cadence("units", "seed-province", "Quảng Ngãi")[0] == 0
    assert cadence("units", "import", str(SAMPLES / "units-quang-ngai-province.toml"))[0] == 0
    assert cadence("units", "contacts", "import", str(SAMPLES / "contacts-quang-ngai-province.csv"))[0] == 0
    code, out, err = cadence("plan", "import", str(Path(__file__).resolve().parents[4] / "shared" / "plans" / f"{NAME}.txt"),
                             "--catch-up")  # the whole of 2025 tracked, though it is past
    assert (code, err) == (0, ""), err
    return cadence


def test_init_writes_the_config_and_creates_the_database(tmp_path: Path, cadence) -> None:
    assert (tmp_path / "config.toml").read_text("utf-8").startswith("# Cadence configuration")
    assert cadence("plan", "list") == (0, "", "")


def test_plan_import_reports_what_it_created(province) -> None:
    code, out, _ = province("plan", "list")
    assert code == 0 and NAME in out and "01/01/2025 → 31/12/2025  12.220 mục" in out
    code, out, _ = province("plan", "list", "--lang", "en")
    assert code == 0 and "1 Jan 2025 → 31 Dec 2025  12,220 items" in out


def test_due_lists_a_units_items_in_vietnamese(province) -> None:
    code, out, _ = province("due", "--unit", "xa-tinh-khe", "--from", "2025-03-01", "--to", "2025-03-31")
    assert code == 0
    assert "Hạn" in out and "Trạng thái" in out and "Quá hạn" in out  # as of today, March 2025 is long past
    assert "C.I.2.g" in out and "— 10 mục" in out
    assert "31/03/2025" in out  # due dates as Vietnamese write them


def test_due_lists_a_units_items_in_english_on_request(province) -> None:
    code, out, _ = province("--lang", "en", "due", "--unit", "xa-tinh-khe", "--from", "2025-03-01", "--to", "2025-03-31")
    assert code == 0 and "Due" in out and "Status" in out and "Overdue" in out and "— 10 items" in out
    header = out.splitlines()[0]  # the rows hold the plan's own (Vietnamese) titles
    assert "31 Mar 2025" in out and not re.search(r"[À-ỹĐđ]", header) and "Quá hạn" not in out


def test_due_json_has_the_fields_others_build_on(province) -> None:
    code, out, _ = province("due", "--json", "--plan", NAME, "--unit", "bao-quang-ngai", "--from", "2025-01-01", "--to", "2025-01-10")
    items = json.loads(out)
    assert code == 0 and items
    for key in ("id", "unit", "plan", "activity_ref", "series", "kind", "window_start", "window_end", "due",
                "target", "done_count", "status", "state"):
        assert key in items[0]
    assert {i["unit"] for i in items} == {"bao-quang-ngai"}
    assert all("2025-01-01" <= i["due"][:10] <= "2025-01-10" for i in items)


def test_done_marks_an_item_and_overdue_no_longer_lists_it(province) -> None:
    overdue = json.loads(province("due", "--json", "--overdue", "--unit", "bao-quang-ngai", "--now", "2025-01-20")[1])
    first = overdue[0]["id"]
    code, out, _ = province("done", str(first), "--evidence", "https://qtv.vn/papi-1", "--at", "2025-01-03", "--now", "2025-01-20")
    assert code == 0 and ("Hoàn thành đúng hạn" in out or "Hoàn thành trễ hạn" in out)
    again = json.loads(province("due", "--json", "--overdue", "--unit", "bao-quang-ngai", "--now", "2025-01-20")[1])
    assert first not in [i["id"] for i in again] and len(again) == len(overdue) - 1


def test_done_csv_records_every_row(tmp_path: Path, province) -> None:
    ids = [i["id"] for i in json.loads(province("due", "--json", "--unit", "bao-quang-ngai", "--all")[1])][:3]
    rows = "item,at,count,evidence,note\n" + "".join(f"{i},2025-01-05,,https://baoquangngai.vn/{i},\n" for i in ids)
    (tmp_path / "done.csv").write_text(rows, encoding="utf-8")
    code, out, _ = province("done", "--csv", str(tmp_path / "done.csv"))
    assert code == 0 and "3 dòng" in out
    statuses = {i["id"]: i["status"] for i in json.loads(province("due", "--json", "--unit", "bao-quang-ngai", "--all")[1])}
    assert all(statuses[i] in ("done", "late") for i in ids)


def test_ics_is_a_calendar_of_the_units_items(province) -> None:
    code, out, _ = province("ics", "--unit", "xa-tinh-khe")
    calendar = Calendar.from_ical(out)
    events = calendar.walk("VEVENT")
    total = len(json.loads(province("due", "--json", "--unit", "xa-tinh-khe", "--all")[1]))
    assert code == 0 and len(events) == total
    assert all(str(e["uid"]).startswith("cadence-item-") for e in events)
    assert events[0].decoded("dtstart").tzinfo is not None


def test_units_list_shows_the_directory_and_a_group(province) -> None:
    code, out, _ = province("units", "list", "--group", "UBND cấp xã")
    assert code == 0 and "Xã Tịnh Khê" in out and "— 96 đơn vị" in out
    units = json.loads(province("units", "list", "--json")[1])
    khcn = next(u for u in units if u["id"] == "so-khcn")
    assert khcn["groups"] == ["Các sở, ban, ngành"] and khcn["contacts"][0]["email"] == "so-khcn@example.org"
    assert "Sở Thông tin và Truyền thông" in khcn["aliases"] and khcn["parent"] == "ubnd-tinh"
