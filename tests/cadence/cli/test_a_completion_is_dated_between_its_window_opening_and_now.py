"""A completion's date lies between its item's window opening and now, on the command line and
in a CSV file: a completion typed as 1900-01-01 turned a missed item into one "done on time",
and 0001-01-01 ended in a traceback. A refused date is one line naming the field, exit status
2, and nothing changes; ``[schedule] completion_lead_days`` opens the window earlier."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.cadence.cli.undo_support import item, items, office, refused, snapshot  # noqa: F401

NOW = "2026-03-10T09:00"


def _first_of_march(office) -> dict:
    return next(i for i in items(office, "--now", NOW) if i["window_start"] >= "2026-03-01")


def _opens(target: dict, days_before: int = 0) -> dt.date:
    return dt.date.fromisoformat(target["window_start"]) - dt.timedelta(days=days_before)


def _english(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def test_a_date_before_the_window_is_refused_and_changes_nothing(office, snapshot) -> None:
    target = _first_of_march(office)
    before = snapshot()
    refused(office("done", str(target["id"]), "--at", "1900-01-01", "--now", NOW),
            f"--at: item {target['id']}: date done 1 Jan 1900 is before the item's window opens ({_english(_opens(target))})")
    refused(office("done", str(target["id"]), "--at", _opens(target, 1).isoformat(), "--now", NOW), "--at:",
            "before the item's window opens")
    assert snapshot() == before


def test_the_first_day_of_the_calendar_is_one_line_not_a_traceback(office, snapshot) -> None:
    target = _first_of_march(office)
    before = snapshot()
    refused(office("done", str(target["id"]), "--at", "0001-01-01", "--now", NOW), "--at")
    assert snapshot() == before


def test_a_date_after_now_is_refused(office, snapshot) -> None:
    target = _first_of_march(office)
    before = snapshot()
    refused(office("done", str(target["id"]), "--at", "2026-03-11", "--now", NOW), "--at:", "is after now")
    assert snapshot() == before


def test_a_date_within_the_window_is_recorded(office) -> None:
    target = _first_of_march(office)
    code, out, err = office("done", str(target["id"]), "--at", _opens(target).isoformat(), "--now", NOW)
    assert code == 0, err
    assert item(office, target["id"], NOW)["status"] in ("done", "late")


def test_the_configured_lead_opens_the_window_earlier(office, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(config.read_text("utf-8").replace("completion_lead_days = 0", "completion_lead_days = 3"), "utf-8")
    target = _first_of_march(office)
    refused(office("done", str(target["id"]), "--at", _opens(target, 4).isoformat(), "--now", NOW),
            f"before the item's window opens ({_english(_opens(target, 3))})")
    assert office("done", str(target["id"]), "--at", _opens(target, 3).isoformat(), "--now", NOW)[0] == 0


def test_a_csv_row_dated_before_its_window_names_its_line_and_column(office, snapshot, tmp_path: Path) -> None:
    first, second = [i for i in items(office, "--now", NOW) if i["window_start"] >= "2026-03-01"][:2]
    sheet = tmp_path / "hoan-thanh.csv"
    sheet.write_text(f"Mã mục;Ngày thực hiện\n{first['id']};{_opens(first):%d/%m/%Y}\n{second['id']};01/01/1900\n", "utf-8-sig")
    before = snapshot()
    err = refused(office("done", "--csv", str(sheet), "--now", NOW),
                  "hoan-thanh.csv:3: Ngày thực hiện: item", "before the item's window opens")
    assert snapshot() == before and "hoan-thanh.csv:2" not in err
    sheet.write_text(f"Mã mục;Ngày thực hiện\n{first['id']};{_opens(first):%d/%m/%Y}\n{second['id']};01/01/0001\n", "utf-8-sig")
    refused(office("done", "--csv", str(sheet), "--now", NOW), "hoan-thanh.csv:3: Ngày thực hiện")
    assert snapshot() == before
