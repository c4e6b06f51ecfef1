"""A coordinator takes back a wrong completion from the item page, in a real Chromium: the
button asks for a reason, the item returns to its state without the completion (missed here),
and the completion stays in the history marked undone, by whom and why. The form carries the
CSRF field like every board form; a leader, who reads only, is refused; a post without a reason
is the page again with the reason asked for (400). Screenshots go to test-artifacts/."""
from __future__ import annotations

import datetime as dt

from cadence.kinds import ItemStatus
from cadence.store import Completion, CompletionSource, record_completion
from cadence.store.access import Role
from cadence.store.history import completions_of
from cadence.web.accounts import add_user
from tests.cadence.web.conftest import ARTIFACTS, COORDINATOR, PASSWORD, START, csrf_of, log_in
from tests.support.browser import DESKTOP, chromium_context

UNIT = "ls-tt-truyen-thong"


def _done_and_missed(seeded, clock) -> int:
    """An item completed by the unit, seen after its due moment has passed."""
    item = seeded.items_of(UNIT, limit=1)[0]
    row = seeded.item(item)
    done = max(START, row.due_at - dt.timedelta(hours=2))
    with seeded.store.transaction() as session:
        record_completion(session, Completion(item_id=item, done_at=done, source=CompletionSource.WEB, actor="vanthu"),
                          now=done)
    clock.now = row.due_at + dt.timedelta(days=3)
    return item


def test_the_button_takes_the_completion_back_and_the_history_keeps_it(seeded, server, clock, chromium, tmp_path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    item = _done_and_missed(seeded, clock)
    with chromium_context(tmp_path / "profile", **DESKTOP) as browser:
        page = browser.new_page()
        page.goto(f"{server.url}/login")
        page.fill("input[name=name]", COORDINATOR)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{server.url}/board/items/{item}")
        assert "Hoàn thành đúng hạn" in page.inner_text("main")
        page.screenshot(path=ARTIFACTS / "item-page-undo-form.png", full_page=True)
        page.fill("#undo input[name=reason]", "Đơn vị báo nhầm: chuyên mục chưa phát")
        page.click("#undo button[type=submit]")
        text = page.inner_text("main")
        assert "Đã hủy báo cáo hoàn thành." in text and "Quá hạn" in text
        assert "Nguyễn Văn Điều Phối: Đơn vị báo nhầm: chuyên mục chưa phát" in text
        assert page.locator("#undo").count() == 0  # nothing left to undo
        page.screenshot(path=ARTIFACTS / "item-page-undone.png", full_page=True)
    row = seeded.item(item)
    assert (row.status, row.done_count, row.completed_at) == (ItemStatus.OPEN, 0, None)
    with seeded.store.transaction() as session:
        (entry,) = completions_of(session, item)
    assert (entry.undone_by, entry.undo_reason) == ("Nguyễn Văn Điều Phối", "Đơn vị báo nhầm: chuyên mục chưa phát")


def test_no_reason_a_bad_token_or_a_leader_changes_nothing(seeded, server, clock, client) -> None:
    item = _done_and_missed(seeded, clock)
    with seeded.store.transaction() as session:
        add_user(session, name="lanhdao", password="mat-khau-lanh-dao-2025", role=Role.LEADER, now=START)
    assert log_in(client).status_code == 303
    page = client.get(f"/board/items/{item}")
    assert 'action="/board/items/%d/undo"' % item in page.text
    csrf = csrf_of(page.text)
    assert client.post(f"/board/items/{item}/undo", data={"reason": "nhầm"}).status_code == 403
    answer = client.post(f"/board/items/{item}/undo", data={"csrf": csrf, "reason": "  "})
    assert answer.status_code == 400 and "Cần ghi lý do hủy." in answer.text
    client.post("/logout", data={"csrf": csrf})
    assert log_in(client, "lanhdao", "mat-khau-lanh-dao-2025").status_code == 303
    leader_page = client.get(f"/board/items/{item}")
    assert "/undo" not in leader_page.text
    refused = client.post(f"/board/items/{item}/undo", data={"csrf": csrf_of(leader_page.text), "reason": "nhầm"})
    assert refused.status_code == 403
    assert seeded.item(item).status is ItemStatus.DONE
