"""`cadence plan import` of a plan that has begun: without --from it schedules from today; with
an earlier --from, the items already due are recorded as before tracking; --catch-up tracks
them. The summary says which, and what to type for the other."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cadence.support import SAMPLES, run_cli

PLAN = Path(__file__).resolve().parents[4] / "shared" / "plans" / "ly-son-special-zone-2025.txt"
OCTOBER = "2025-10-01T09:00"


@pytest.fixture
def cadence(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("CADENCE_DATABASE_URL", "CADENCE_CONFIG"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)

    assert run("init")[0] == 0
    assert run("units", "seed-province", "Quảng Ngãi")[0] == 0
    assert run("units", "import", str(SAMPLES / "units-ly-son-special-zone.toml"))[0] == 0
    return run


def _states(cadence, lang: str = "vi") -> set[str]:
    return {i["state"] for i in json.loads(cadence("due", "--json", "--all", "--now", OCTOBER, "--lang", lang)[1])}


def test_without_from_a_running_plan_is_scheduled_from_today(cadence) -> None:
    code, out, err = cadence("plan", "import", str(PLAN), "--now", OCTOBER)
    assert (code, err) == (0, "")
    assert "(01/10/2025 → 31/12/2025)" in out
    assert ("Lịch tính từ hôm nay, 01/10/2025, vì kế hoạch đã bắt đầu từ 01/01/2025: các kỳ trước đó không "
            "được lập lịch (dùng --from 2025-01-01 để lập lịch cả kế hoạch).") in out
    assert "before_tracking" not in _states(cadence)


def test_an_earlier_from_records_the_past_before_tracking(cadence) -> None:
    code, out, _ = cadence("plan", "import", str(PLAN), "--from", "2025-01-01", "--now", OCTOBER, "--lang", "en")
    assert code == 0 and "Scheduled from today" not in out
    line = next(line for line in out.splitlines() if "before tracking began" in line)
    assert line.endswith('are recorded as "Before tracking": never reminded, never escalated, not counted as '
                         "missed. Use --catch-up to track them too (the next pass escalates those already missed).")
    assert "(1 Oct 2025 09:00)" in line
    assert {"before_tracking", "upcoming"} <= _states(cadence) and "missed" not in _states(cadence)
    table = cadence("due", "--from", "2025-09-01", "--to", "2025-09-30", "--now", OCTOBER)[1]
    assert "Trước khi theo dõi" in table and "Quá hạn" not in table


def test_catch_up_tracks_the_past_and_says_what_will_be_escalated(cadence) -> None:
    code, out, _ = cadence("plan", "import", str(PLAN), "--from", "2025-01-01", "--now", OCTOBER, "--catch-up")
    assert code == 0
    assert "--catch-up: mọi mục đều được theo dõi;" in out and "sẽ được đôn đốc ở lượt chạy tới." in out
    assert "missed" in _states(cadence) and "before_tracking" not in _states(cadence)


def test_a_plan_that_is_over_is_kept_as_a_record_before_tracking(cadence) -> None:
    code, out, _ = cadence("plan", "import", str(PLAN), "--now", "2026-03-02T09:00")
    assert code == 0 and "(01/01/2025 → 31/12/2025)" in out and "Trước khi theo dõi" in out
    states = {i["state"] for i in json.loads(cadence("due", "--json", "--all", "--now", "2026-03-02T09:00")[1])}
    assert states == {"before_tracking"}
