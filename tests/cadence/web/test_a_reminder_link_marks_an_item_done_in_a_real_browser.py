"""The whole way in a real Chromium: a reminder carrying a completion link goes through a real
SMTP server; the broadcaster opens the link, marks the item done with evidence; the
coordinator sees it counted on the board and in the XLSX and CSV exports. Screenshots of the
completion page and the board, at desktop and phone sizes, go to test-artifacts/.

The daemon's reminders (issue 4) are not written yet, so the message is sent the way they will
be: an email carrying ``completion_url`` through the notifiers' SMTP channel, read back from the
real server.
"""
from __future__ import annotations

import csv
import io
import re

import openpyxl
from sqlalchemy import select

from cadence.links import completion_url
from cadence.schedule.model import ItemStatus
from cadence.store.models import CompletionRow, CompletionSource
from notifiers import EmailMessage, Security, SmtpChannel, SmtpConfig
from tests.cadence.web.conftest import ARTIFACTS, COORDINATOR, KEY, PASSWORD, START
from tests.support.browser import DESKTOP, PHONE, chromium_context
from tests.support.smtp import running_smtp_server

BROADCASTER = "ls-tt-truyen-thong"  # Trung tâm Truyền thông - Văn hoá - Thể thao, Lý Sơn
EVIDENCE = "https://lyson.quangngai.gov.vn/chuyen-muc-chuyen-doi-so-so-38"


def _reminder_through_smtp(config, seeded, item_ids) -> str:
    """Send the reminder through the real server and return the link as the recipient reads it."""
    url = completion_url(config, item_ids, seeded.units[BROADCASTER], START)
    message = EmailMessage(key=f"reminder-{item_ids[0]}", to=("ls-tttt@example.org",),
                           subject="Nhắc việc: chuyên mục Chuyển đổi số",
                           text=f"Kính gửi Trung tâm,\nHạn: 23/09/2025.\nBáo cáo hoàn thành: {url}\n")
    with running_smtp_server() as smtp:
        SmtpChannel(SmtpConfig(host=smtp.host, port=smtp.port, security=Security.PLAIN,
                               sender="nhacviec@lyson.example.org")).send(message)
        (received,) = smtp.received
    body = received.message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/l/\S+", body).group(0)


def test_a_reminder_link_marks_an_item_done_and_the_board_and_exports_count_it(
        config, seeded, server, chromium, tmp_path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    item_id = seeded.items_of(BROADCASTER, limit=1)[0]
    link = _reminder_through_smtp(config, seeded, [item_id]).replace(
        f"http://{config.web.host}:{config.web.port}", server.url)

    with chromium_context(tmp_path / "profile", **DESKTOP) as browser:
        page = browser.new_page()
        page.goto(link)
        assert page.locator("h1").inner_text() == "Báo cáo hoàn thành"
        assert "Trung tâm Truyền thông - Văn hoá - Thể thao" in page.inner_text("main")
        page.screenshot(path=ARTIFACTS / "completion-page-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=ARTIFACTS / "completion-page-phone.png", full_page=True)
        _fills_in_and_submits(page)
        assert "Đã ghi nhận" in page.inner_text("[role=status]")
        page.screenshot(path=ARTIFACTS / "completion-page-recorded-phone.png", full_page=True)
        page.set_viewport_size(DESKTOP)

        _the_store_holds_a_web_completion(seeded, item_id)
        _the_board_counts_it(page, server, item_id)
        _the_exports_count_it(page, item_id, tmp_path)


def _fills_in_and_submits(page) -> None:
    page.fill("input[name=evidence]", EVIDENCE)
    page.fill("input[name=aired_on]", "2025-09-15")
    page.fill("textarea[name=note]", "Phát sóng 19h00 trên Đài truyền thanh đặc khu")
    page.fill("input[name=reporter]", "Trần Thị Biên Tập")
    page.get_by_role("button", name="Đã hoàn thành").click()
    page.wait_for_load_state()


def _the_store_holds_a_web_completion(seeded, item_id) -> None:
    item = seeded.item(item_id)
    assert item.status is ItemStatus.DONE and item.done_count == 1
    with seeded.store.transaction() as session:
        (row,) = session.scalars(select(CompletionRow).where(CompletionRow.item_id == item_id))
    assert (row.source, row.actor, row.evidence_url) == (CompletionSource.WEB, "Trần Thị Biên Tập", EVIDENCE)
    assert row.done_at == START and row.recorded_at == START


def _the_board_counts_it(page, server, item_id) -> None:
    page.goto(server.url + "/board")
    page.fill("#name", COORDINATOR)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{server.url}/board")
    assert "✓ Đúng hạn: 1" in page.inner_text(".legend")
    row = page.locator("tr", has=page.locator("td.unit", has_text="Trung tâm Truyền thông - Văn hoá - Thể thao"))
    september = row.locator("td.c").nth(8)  # columns are the plan year's months
    assert september.inner_text().startswith("1/")  # one of the month's items completed
    assert row.locator("td.totals").inner_text().startswith("1/")
    page.screenshot(path=ARTIFACTS / "board-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=ARTIFACTS / "board-phone.png")
    page.set_viewport_size(DESKTOP)
    september.locator("a").click()
    page.click(f"a[href='/board/items/{item_id}']")
    text = page.inner_text("main")
    assert EVIDENCE in text and "Trần Thị Biên Tập" in text and "liên kết trong tin nhắn" in text
    page.screenshot(path=ARTIFACTS / "item-history-desktop.png", full_page=True)


def _the_exports_count_it(page, item_id, tmp_path) -> None:
    page.goto(page.url.split("/board")[0] + f"/board?plan={KEY}")
    sheet = _download(page, "xlsx", tmp_path)
    book = openpyxl.load_workbook(sheet)
    rows = [r for r in book["Chi tiết"].iter_rows(values_only=True) if r[0] == item_id]
    assert rows and rows[0][8] == "Đúng hạn" and rows[0][12] == "Trần Thị Biên Tập" and rows[0][14] == EVIDENCE
    summary = {r[1]: r for r in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary["ls-tt-truyen-thong"][3] == 1  # on time
    table = _download(page, "csv", tmp_path).read_text("utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(table)) if r["Mã việc"] == str(item_id)]
    assert (row["Trạng thái"], row["Nguồn"], row["Minh chứng"]) == ("Đúng hạn", "liên kết trong tin nhắn", EVIDENCE)


def _download(page, fmt: str, folder):
    page.select_option("#e-period", "2025")
    page.select_option("#e-format", fmt)
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Xuất báo cáo").click()
    path = folder / waiting.value.suggested_filename
    waiting.value.save_as(path)
    return path
