"""While a channel is failing (the admins were told), every signed-in page, the board first,
says so in a banner above the rest, in Vietnamese: coordinators must know that reminders are
not reaching the units. The banner goes once the channel delivers again. In a real Chromium;
screenshots at desktop and phone sizes go to test-artifacts/."""
from __future__ import annotations

from cadence.store.health import claim_alert, failed, recovered
from tests.cadence.web.conftest import ARTIFACTS, COORDINATOR, PASSWORD, START
from tests.support.browser import DESKTOP, PHONE, chromium_context

BANNER = "Máy chủ thư không gửi được từ 15/09/2025 08:00"


def test_the_banner_shows_while_the_mail_server_fails_and_goes_when_it_delivers(seeded, server, chromium, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    with seeded.store.transaction() as session:
        failed(session, "email", 5, "SMTP 127.0.0.1:25: connection refused", START)
        assert claim_alert(session, "email", failures=5, since_before=START, now=START) is not None
    with chromium_context(tmp_path / "profile", **DESKTOP) as browser:
        page = browser.new_page()
        page.goto(server.url + "/board")
        assert BANNER not in page.content()  # the login page: nobody signed in yet
        page.fill("#name", COORDINATOR)
        page.fill("#password", PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{server.url}/board")
        banner = page.get_by_role("alert")
        assert banner.inner_text().startswith(BANNER)
        page.screenshot(path=ARTIFACTS / "outage-banner-desktop.png")
        page.set_viewport_size(PHONE)
        page.screenshot(path=ARTIFACTS / "outage-banner-phone.png")
        with seeded.store.transaction() as session:
            recovered(session, "email")
        page.reload()
        assert BANNER not in page.content()
