"""The whole way in a real Chromium: the daemon's reminder, carrying a completion link, goes
through a real SMTP server; the broadcaster opens the link from the email, marks the item done
with evidence; the coordinator sees it counted on the board, in the item's history next to the
reminder, and in the XLSX and CSV exports. Screenshots of the completion page and the board,
at desktop and phone sizes, go to test-artifacts/.
"""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
from sqlalchemy import select

from cadence.kinds import ItemStatus
from cadence.store.models import CompletionRow, CompletionSource
from tests.cadence.web.conftest import ARTIFACTS, COORDINATOR, KEY, PASSWORD, daemon_pass, links_in, mailing_config
from tests.support.browser import DESKTOP, PHONE, chromium_context
from tests.support.smtp import running_smtp_server

BROADCASTER = "ls-tt-truyen-thong"  # Trung tâm Truyền thông - Văn hoá - Thể thao, Lý Sơn
EVIDENCE = "https://lyson.quangngai.gov.vn/chuyen-muc-chuyen-doi-so-so-38"
REMINDED = dt.datetime(2025, 9, 18, 1, 0, tzinfo=dt.timezone.utc)  # Thursday 18/09 08:00: 3 working days before 23/09


def _reminder_link(seeded, server, item_id: int, folder) -> str:
    """Run the daemon on the reminder's morning; read the broadcaster's email off the real
    SMTP server and return the link in it."""
    with running_smtp_server() as smtp:
        daemon_pass(mailing_config(folder, server, smtp), seeded.store, REMINDED)
        mine = [m for m in smtp.received if "ls-tttt@example.org" in m.rcpt_tos]
    assert len(mine) == 1  # one message per person and day
    body = mine[0].message.get_body(("plain",)).get_content()
    assert "Thực hiện chuyên mục Chuyển đổi số" in body
    (link,) = links_in(body)
    return link


def test_a_reminder_link_marks_an_item_done_and_the_board_and_exports_count_it(
        seeded, server, clock, chromium, tmp_path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    item_id = seeded.due_on(BROADCASTER, dt.date(2025, 9, 23))
    link = _reminder_link(seeded, server, item_id, tmp_path)
    clock.now = REMINDED + dt.timedelta(hours=2)

    with chromium_context(tmp_path / "profile", **DESKTOP) as browser:
        page = browser.new_page()
        page.goto(link)
        assert page.locator("h1").inner_text() == "Báo cáo hoàn thành"
        assert "Trung tâm Truyền thông - Văn hoá - Thể thao" in page.inner_text("main")
        page.screenshot(path=ARTIFACTS / "completion-page-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=ARTIFACTS / "completion-page-phone.png", full_page=True)
        _fills_in_and_submits(page.locator(f"#item-{item_id}"))
        assert "Đã ghi nhận" in page.inner_text("[role=status]")
        page.screenshot(path=ARTIFACTS / "completion-page-recorded-phone.png", full_page=True)
        page.set_viewport_size(DESKTOP)

        _the_store_holds_a_web_completion(seeded, item_id, clock.now)
        _the_board_counts_it(page, server, item_id)
        _the_exports_count_it(page, item_id, tmp_path)


def _fills_in_and_submits(form) -> None:
    form.locator("input[name=evidence]").fill(EVIDENCE)
    form.locator("input[name=aired_on]").fill("2025-09-17")
    form.locator("textarea[name=note]").fill("Phát sóng 19h00 trên Đài truyền thanh đặc khu")
    form.locator("input[name=reporter]").fill("Trần Thị Biên Tập")
    form.get_by_role("button", name="Đã hoàn thành").click()
    form.page.wait_for_load_state()


def _the_store_holds_a_web_completion(seeded, item_id, now) -> None:
    item = seeded.item(item_id)
    assert item.status is ItemStatus.DONE and item.done_count == 1
    with seeded.store.transaction() as session:
        (row,) = session.scalars(select(CompletionRow).where(CompletionRow.item_id == item_id))
    assert (row.source, row.actor, row.evidence_url) == (CompletionSource.WEB, "Trần Thị Biên Tập", EVIDENCE)
    aired = dt.datetime(2025, 9, 16, 17, 0, tzinfo=dt.timezone.utc)  # 17/09 00:00 in Việt Nam
    assert (row.done_at, row.recorded_at) == (aired, now)


def _the_board_counts_it(page, server, item_id) -> None:
    page.goto(server.url + "/board")
    page.fill("#name", COORDINATOR)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{server.url}/board")
    assert "✓ Hoàn thành đúng hạn: 1" in page.inner_text(".legend")
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
    assert "Nhắc trước 3 ngày làm việc" in text and "đã gửi" in text  # the reminder that carried the link
    page.screenshot(path=ARTIFACTS / "item-history-desktop.png", full_page=True)
    page.get_by_role("link", name="English").click()  # the same page in English, its dates too
    text = page.inner_text("main")
    assert "Reminder 3 working days before" in text and "link in a message" in text and "Done on time" in text
    assert "23 Sep 2025 17:00" in text and "10 Sep 2025 – 23 Sep 2025" in text
    page.screenshot(path=ARTIFACTS / "item-history-desktop-en.png", full_page=True)
    page.get_by_role("link", name="Tiếng Việt").click()


def _the_exports_count_it(page, item_id, tmp_path) -> None:
    page.goto(page.url.split("/board")[0] + f"/board?plan={KEY}")
    sheet = _download(page, "xlsx", tmp_path)
    book = openpyxl.load_workbook(sheet)
    rows = [r for r in book["Chi tiết"].iter_rows(values_only=True) if r[0] == item_id]
    assert rows and rows[0][8] == "Hoàn thành đúng hạn" and rows[0][12] == "Trần Thị Biên Tập" and rows[0][14] == EVIDENCE
    summary = {r[1]: r for r in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary["ls-tt-truyen-thong"][3] == 1  # on time
    table = _download(page, "csv", tmp_path).read_text("utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(table)) if r["Mã việc"] == str(item_id)]
    assert (row["Trạng thái"], row["Nguồn"], row["Minh chứng"]) == ("Hoàn thành đúng hạn", "liên kết trong tin nhắn", EVIDENCE)


def _download(page, fmt: str, folder):
    page.select_option("#e-period", "2025")
    page.select_option("#e-format", fmt)
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Xuất báo cáo").click()
    path = folder / waiting.value.suggested_filename
    waiting.value.save_as(path)
    return path
