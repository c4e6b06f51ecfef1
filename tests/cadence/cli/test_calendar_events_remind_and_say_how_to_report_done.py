"""`cadence ics` gives a commune a calendar it can act on. Before, an event had no alarm and its
description ended "Ghi nhận hoàn thành: cadence done 241", a command nobody at a commune can
run. Now each open event says what to do and by when, rings the day before (a VALARM), and
carries its completion link, a link that opens that item's page; where `[web] base_url` is not
set such a link would open only on the server, so the calendar carries none, says to use the
reminder's link instead, and the command warns which key to set."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from cadence.config import load_config
from cadence.links import token_of, verify_link
from cadence.store import open_store
from tests.cadence.support import SAMPLES, SHARED, run_cli

NAME = "tinh-son-commune-dvctt-2025"
UNIT = "ts-mttq"  # a front committee with twenty duties, one past by November
AT = "2025-11-03T08:00"
MOMENT = dt.datetime(2025, 11, 3, 1, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def commune(tmp_path: Path, database_url: str, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)

    assert run("init", "--database", database_url)[0] == 0
    assert run("units", "seed-province", "Quảng Ngãi")[0] == 0
    assert run("units", "import", str(SAMPLES / "units-tinh-son-commune.toml"))[0] == 0
    code, _, err = run("plan", "import", str(SHARED / "plans" / f"{NAME}.txt"), "--from", "2025-01-01", "--catch-up")
    assert code == 0, err
    return run


def _events(out: str):
    return Calendar.from_ical(out).walk("VEVENT")


def _open(events):
    return [e for e in events if e.decoded("dtstart") > MOMENT]


def test_open_events_ring_the_day_before_and_say_what_to_do(commune, tmp_path: Path) -> None:
    _set_base_url(tmp_path / "config.toml", "https://nhacviec.tinhson.example.vn")
    code, out, err = commune("ics", "--unit", UNIT, "--now", AT)
    assert (code, err) == (0, "")
    events = _open(_events(out))
    assert events
    for event in events:
        alarm = event.walk("VALARM")
        assert len(alarm) == 1 and alarm[0].decoded("trigger") == -dt.timedelta(days=1)
        assert str(alarm[0]["action"]) == "DISPLAY" and str(alarm[0]["description"]).startswith("Sắp đến hạn: ")
        text = str(event["description"])
        assert text.startswith("Việc cần làm: ") and "Hạn: " in text and "cadence done" not in text
        assert "Báo cáo hoàn thành tại: https://nhacviec.tinhson.example.vn/l/" in text
    past = [e for e in _events(out) if e.decoded("dtstart") <= MOMENT]
    assert past and not any(e.walk("VALARM") for e in past)  # a missed item rings no more


def test_each_events_link_opens_its_own_item_long_after_the_calendar_was_made(commune, tmp_path: Path) -> None:
    _set_base_url(tmp_path / "config.toml", "https://nhacviec.tinhson.example.vn")
    events = _open(_events(commune("ics", "--unit", UNIT, "--now", AT)[1]))
    config = load_config(tmp_path / "config.toml")
    store = open_store(config.database.url)
    try:
        with store.transaction() as session:
            for event in events:
                item_id = int(str(event["uid"]).removeprefix("cadence-item-").split("@")[0])
                due = event.decoded("dtstart")
                link = verify_link(session, config, token_of(str(event["url"])), due)  # valid on its due day
                assert link.item_ids == (item_id,)
    finally:
        store.close()


def test_without_base_url_the_calendar_carries_no_link_only_this_machine_opens(commune) -> None:
    code, out, err = commune("ics", "--unit", UNIT, "--now", AT)
    assert code == 0 and "[web] base_url" in err and "config.toml" in err
    events = _open(_events(out))
    assert events and "127.0.0.1" not in out and not any("url" in e for e in events)
    assert all("bấm vào đường link trong thư hoặc tin nhắn nhắc việc" in str(e["description"]) for e in events)
    english = _open(_events(commune("--lang", "en", "ics", "--unit", UNIT, "--now", AT)[1]))
    assert all(str(e["description"]).startswith("To do: ") for e in english)


def _set_base_url(path: Path, url: str) -> None:
    text = path.read_text("utf-8")
    assert 'base_url = ""' in text
    path.write_text(text.replace('base_url = ""', f'base_url = "{url}"', 1), "utf-8")
