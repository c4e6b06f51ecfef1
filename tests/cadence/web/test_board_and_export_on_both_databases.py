"""The board, an item's page and the exports read the store the same way on SQLite and on a
real PostgreSQL; a completion from `cadence done` is the same record as one from a link and
is shown as such; a coordinator sees only the plans given to them, an admin every plan."""
from __future__ import annotations

import csv
import datetime as dt
import io

import httpx
import openpyxl
import pytest

from cadence.store import Completion, CompletionSource, record_completion
from cadence.store.access import Role
from cadence.tz import local_moment
from cadence.web import start_web_server
from cadence.web.accounts import add_user
from tests.cadence.support import gold, imported, load_units
from tests.cadence.web.conftest import KEY, START, log_in, seed

UNIT = "ls-vp-hdnd-ubnd"  # Văn phòng HĐND và UBND đặc khu Lý Sơn


@pytest.fixture
def board(store, config, clock):
    """The Lý Sơn plan and a second plan, one item done from the CLI, a server, a client."""
    seeded = seed(store)
    with store.transaction() as session:
        load_units(session, "provincial-office-2025-ocr")
    imported(store, gold("provincial-office-2025-ocr"), key="van-phong-2025")
    with store.transaction() as session:
        add_user(session, name="quantri", password="mat-khau-quan-tri", role=Role.ADMIN, now=START)
    item = seeded.items_of(UNIT, limit=1)[0]  # due after START: done at START is on time
    done = max(START, local_moment(seeded.item(item).window_start, dt.time(0, 0)))  # within its window
    with store.transaction() as session:
        record_completion(session, Completion(item_id=item, done_at=done, source=CompletionSource.CLI,
                                              actor="vanthu", evidence_url="https://lyson.gov.vn/tin-1"), now=done)
    server = start_web_server(config, store, clock=clock, port=0)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client, item
    server.stop()


def test_the_board_counts_a_cli_completion_and_shows_its_source(board) -> None:
    client, item = board
    assert log_in(client).status_code == 303
    page = client.get("/board", params={"plan": KEY, "unit": UNIT})
    assert page.status_code == 200 and "✓ Hoàn thành đúng hạn: 1" in page.text
    assert 'title="Văn phòng HĐND và UBND"' in page.text and page.text.count('<td class="unit"') == 1
    other_scope = client.get("/board", params={"plan": KEY, "scope": _other_scope(client, item)})
    assert "✓ Hoàn thành đúng hạn: 0" in other_scope.text
    assert client.get("/board", params={"plan": KEY, "by": "week"}).status_code == 200
    detail = client.get(f"/board/items/{item}").text
    assert "vanthu" in detail and "dòng lệnh" in detail and "https://lyson.gov.vn/tin-1" in detail


def test_the_exports_hold_the_completion(board) -> None:
    client, item = board
    log_in(client)
    table = client.get("/board/export", params={"plan": KEY, "period": "2025-H2", "format": "csv"})
    rows = {r["Mã việc"]: r for r in csv.DictReader(io.StringIO(table.content.decode("utf-8-sig")))}
    assert (rows[str(item)]["Người báo cáo"], rows[str(item)]["Nguồn"]) == ("vanthu", "dòng lệnh")
    summary = client.get("/board/export", params={"plan": KEY, "period": "2025-H2", "format": "csv",
                                                  "table": "summary"}).content.decode("utf-8-sig")
    assert "Văn phòng HĐND và UBND" in summary
    book = openpyxl.load_workbook(io.BytesIO(client.get(
        "/board/export", params={"plan": KEY, "period": "2025-H2", "basis": "decree"}).content))
    assert book.sheetnames == ["Tổng hợp", "Chi tiết"]
    assert "(15/06/2025 – 14/12/2025)" in book["Tổng hợp"]["A1"].value  # Nghị định 09/2019 cut-offs


def test_a_coordinator_sees_only_their_plans_and_an_admin_all(board) -> None:
    client, item = board
    log_in(client)
    assert "van-phong-2025" not in client.get("/board").text
    for path in ("/board?plan=van-phong-2025", "/board/export?plan=van-phong-2025&format=csv"):
        assert client.get(path).status_code == 404
    client.post("/logout", data={"csrf": _csrf(client)})
    log_in(client, "quantri", "mat-khau-quan-tri")
    assert client.get("/board?plan=van-phong-2025").status_code == 200
    assert client.get(f"/board/items/{item}").status_code == 200


def test_pages_switch_to_english_and_remember_it(board) -> None:
    client, _ = board
    log_in(client)
    assert "Status by unit" in client.get("/board?lang=en").text
    assert "Progress by activity" in client.get("/board").text
    assert "Tình hình theo đơn vị" in client.get("/board?lang=vi").text


def _other_scope(client: httpx.Client, item: int) -> str:
    """The plan's scope that is not the item's (the scope filter must drop the item)."""
    page = client.get(f"/board/items/{item}").text
    return "CCHC" if "CĐS" in _activity_scope(page) else "CĐS"


def _activity_scope(page: str) -> str:
    import re
    return re.search(r"<dt>Lĩnh vực</dt><dd>([^<]*)</dd>", page).group(1)


def _csrf(client: httpx.Client) -> str:
    import re
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/board").text).group(1)
