"""Items that differ only by channel, series or period read differently wherever people see
them, and plans go by their titles, not their keys. The province plan's C.I.2.c is one page a
month in the printed paper and two in the e-paper; its E.8.c is a report each quarter, half-year
and year: before, the board's rows, the item pages and the calendar showed each pair or trio
alike (a label cut before its channel, a report's period never said), and pages showed the
plan as "quang-ngai-province-2025"."""
from __future__ import annotations

import datetime as dt
import io
import re

import httpx
import openpyxl
import pytest
from icalendar import Calendar

from cadence.config import Config
from cadence.ics import unit_calendar
from cadence.schedule.states import StatePolicy
from cadence.store import ItemFilter, find_items
from cadence.store.access import Role
from cadence.web import start_web_server
from cadence.web.accounts import add_user
from tests.cadence.support import gold, imported, load_units
from tests.cadence.web.conftest import Clock, log_in, web_config

NAME = "quang-ngai-province-2025"
KEY = "quang-ngai-2025"
TITLE = gold(NAME).title
AT = dt.datetime(2025, 9, 15, 1, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def province(store):
    with store.transaction() as session:
        load_units(session, NAME)
        add_user(session, name="quantri", password="mat-khau-quan-tri", role=Role.ADMIN, now=AT)
    imported(store, gold(NAME), key=KEY)
    return store


@pytest.fixture
def client(province, tmp_path):
    server = start_web_server(web_config(tmp_path), province, clock=Clock(AT), port=0)
    with httpx.Client(base_url=server.url, timeout=60) as http:
        assert log_in(http, "quantri", "mat-khau-quan-tri").status_code == 303
        yield http
    server.stop()


def _items(store, unit: str, ref: str):
    with store.transaction() as session:
        found = find_items(session, ItemFilter(unit=unit, plan=KEY), StatePolicy.from_config(Config()).as_of(AT))
    return [i for i in found if i.activity_ref == ref]


def _progress_rows(html: str, ref: str) -> list[str]:
    rows = re.findall(r'<td><span class="muted small">' + re.escape(ref) + r"</span> (.*?)</td>", html)
    labels = [re.sub(r"<[^>]+>", "", row).strip() for row in rows]
    return [re.sub(r"\s*\(\d+ [^()]*\)$", "", label) for label in labels]  # without "(104 đơn vị)"


def test_the_boards_progress_rows_name_channel_and_period(client) -> None:
    page = client.get("/board", params={"plan": KEY}).text
    paper = _progress_rows(page, "C.I.2.c")
    reports = _progress_rows(page, "E.8.c")
    assert len(paper) == 2 and len(set(paper)) == 2
    assert [row.endswith(s) for row, s in zip(sorted(paper), ("(báo in)", "(báo điện tử)"))] == [True, True]
    assert len(reports) == 3 and {row[row.rindex("("):] for row in reports} == {"(kỳ quý)", "(kỳ 6 tháng)", "(kỳ năm)"}
    english = _progress_rows(client.get("/board", params={"plan": KEY, "lang": "en"}).text, "E.8.c")
    assert {row[row.rindex("("):] for row in english} == {"(quarterly)", "(half-yearly)", "(yearly)"}


def test_pages_name_the_plan_by_its_title(client, province) -> None:
    board = client.get("/board", params={"plan": KEY}).text
    option = re.search(r'<option value="quang-ngai-2025" selected>(.*?)</option>', board).group(1)
    assert option.startswith(TITLE[:60]) and "quang-ngai-2025" not in option
    item = _items(province, "bao-quang-ngai", "C.I.2.c")[0]
    page = client.get(f"/board/items/{item.id}").text
    assert f"<dd>{TITLE} · C.I.2.c</dd>" in page.replace("&#34;", '"')
    assert "(báo in)" in page or "(báo điện tử)" in page


def test_a_cells_item_list_keeps_the_channel_of_a_long_title(client, province) -> None:
    page = client.get("/board/items", params={"plan": KEY, "unit": "bao-quang-ngai", "from": "2025-03-01",
                                              "to": "2025-03-31"}).text
    labels = [re.sub(r"\s+", " ", t) for t in re.findall(r">C\.I\.2\.c · (.*?)</a>", page)]
    assert len(labels) == 3  # one paper page and two e-paper pages in March
    assert sorted(label[label.rindex("("):] for label in labels) == ["(báo in)", "(báo điện tử)", "(báo điện tử)"]


def test_calendar_events_name_channel_and_period_carry_an_alarm_and_the_link(province) -> None:
    items = _items(province, "bao-quang-ngai", "C.I.2.c")
    feed = unit_calendar(items, unit_name="Báo Quảng Ngãi", now=AT, lang="vi",
                         link=lambda item: f"https://nhacviec.example.vn/l/{item.id}")
    events = Calendar.from_ical(feed).walk("VEVENT")
    summaries = {str(e["summary"]) for e in events}
    assert any(s.endswith("(báo in)") for s in summaries) and any(s.endswith("(báo điện tử)") for s in summaries)
    upcoming = [e for e, i in zip(events, items) if i.due_at > AT]
    assert upcoming and all(e.walk("VALARM") for e in upcoming)
    assert all(e.walk("VALARM")[0].decoded("trigger") == -dt.timedelta(days=1) for e in upcoming)
    description = str(upcoming[0]["description"])
    assert "https://nhacviec.example.vn/l/" in description and "cadence done" not in description
    assert str(upcoming[0]["url"]).startswith("https://nhacviec.example.vn/l/")
    assert TITLE[:40] in description and KEY not in description
    reports = {str(e["summary"]) for e in Calendar.from_ical(unit_calendar(
        _items(province, "so-noi-vu", "E.8.c"), unit_name="Sở Nội vụ", now=AT)).walk("VEVENT")}
    assert {s[s.rindex("("):] for s in reports} == {"(kỳ quý)", "(kỳ 6 tháng)", "(kỳ năm)"}


def test_a_rebroadcast_reads_apart_from_the_output_it_repeats(store) -> None:
    """Lý Sơn's C.I.2.b is a programme a month and three rebroadcasts a month: two rows that read
    alike on the board, in the digest and in exports before."""
    from cadence.store.digest import declared_progress
    from cadence.store.progress import plan_progress

    name = "ly-son-special-zone-2025"
    with store.transaction() as session:
        load_units(session, name)
    imported(store, gold(name), key="ly-son")
    at = StatePolicy.from_config(Config()).as_of(AT)
    with store.transaction() as session:
        from cadence.store.board import plan_by_key
        plan = plan_by_key(session, "ly-son")
        rows = [p.label for p in plan_progress(session, plan.id, at) if p.ref == "C.I.2.b"]
        english = [p.label for p in plan_progress(session, plan.id, at, lang="en") if p.ref == "C.I.2.b"]
        items = find_items(session, ItemFilter(plan="ly-son"), at)
    assert len(rows) == 2 and len(set(rows)) == 2 and sum(r.endswith("(phát lại)") for r in rows) == 1
    assert sum(r.endswith("(rebroadcast)") for r in english) == 1
    labels = {i.label() for i in items if i.activity_ref == "C.I.2.b"}
    assert len(labels) == 2


def test_exports_name_each_reports_period_and_the_plans_title(client) -> None:
    response = client.get("/board/export", params={"plan": KEY, "period": "2025", "format": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    reports = [line for line in text.splitlines() if "E.8.c" in line]
    assert reports and all(any(p in line for p in ("(kỳ quý)", "(kỳ 6 tháng)", "(kỳ năm)")) for line in reports)
    sheet = client.get("/board/export", params={"plan": KEY, "period": "2025-Q3", "lang": "en"})
    heading = str(openpyxl.load_workbook(io.BytesIO(sheet.content)).worksheets[0]["A1"].value)
    assert TITLE[:60] in heading and KEY not in heading  # in English too: it named the key
