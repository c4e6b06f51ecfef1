"""The password reset as people do it, in a real Chromium: the admin presses the button on the
accounts page and reads the temporary password off the page; the user logs in with it, lands on
the page that asks for their own, and after saving it logs in again. Screenshots go to
test-artifacts/ (accounts-reset.png, password-choose.png, password-changed.png)."""
from __future__ import annotations

from cadence.store.access import Role
from cadence.web.accounts import add_user
from tests.cadence.web.conftest import ARTIFACTS, COORDINATOR, START
from tests.support.browser import DESKTOP, PHONE, chromium_context

ADMIN, ADMIN_PASSWORD = "quantri", "mat-khau-quan-tri-2025"


def _log_in(page, url: str, name: str, password: str) -> None:
    page.goto(url + "/login")
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("button[type=submit].primary")


def test_an_admin_resets_and_the_user_chooses_a_new_password(seeded, server, chromium, tmp_path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with seeded.store.transaction() as session:
        add_user(session, name=ADMIN, password=ADMIN_PASSWORD, role=Role.ADMIN, now=START)
    with chromium_context(tmp_path / "admin", **DESKTOP) as browser:
        page = browser.new_page()
        _log_in(page, server.url, ADMIN, ADMIN_PASSWORD)
        page.click("a[href='/users']")
        page.locator(f"form[action='/users/{COORDINATOR}/reset'] button").click()
        temporary = page.locator("code.password").inner_text()
        assert "Mật khẩu tạm của dieuphoi" in page.inner_text("[role=status]")
        page.screenshot(path=ARTIFACTS / "accounts-reset.png", full_page=True)
    with chromium_context(tmp_path / "user", **PHONE) as browser:
        page = browser.new_page()
        _log_in(page, server.url, COORDINATOR, temporary)
        assert page.url.endswith("/password")
        assert "mật khẩu tạm do quản trị cấp" in page.inner_text("main")
        page.screenshot(path=ARTIFACTS / "password-choose.png", full_page=True)
        page.fill("#password", "mat-khau-rieng-cua-toi")
        page.fill("#again", "mat-khau-rieng-cua-toi")
        page.click("button[type=submit].primary")
        assert "Đã đổi mật khẩu" in page.inner_text("[role=status]")
        page.screenshot(path=ARTIFACTS / "password-changed.png", full_page=True)
        _log_in(page, server.url, COORDINATOR, "mat-khau-rieng-cua-toi")
        assert page.url.endswith("/board")
