"""In a real Chromium: a forged link shows nothing; an expired one says so and offers a fresh
link, which the daemon then sends to the unit's contacts through a real SMTP server (asked
once an hour at most: the page cannot flood them); a unit's link cannot mark another unit's
item done, even with the form altered in the browser."""
from __future__ import annotations

from sqlalchemy import func, select

from cadence.links import base_url, completion_url
from cadence.kinds import ItemStatus
from cadence.store.access import LinkRequestRow
from cadence.store.models import CompletionRow
from tests.cadence.web.conftest import START, daemon_pass, links_in, mailing_config
from tests.support.browser import chromium_context
from tests.support.smtp import running_smtp_server

OWN, OTHER = "ls-tt-truyen-thong", "ls-phong-vhxh"


def _link(config, seeded, server, code: str, items: list[int]) -> str:
    url = completion_url(config, items, seeded.units[code], START)
    return url.replace(base_url(config), server.url)


def _forge(link: str) -> str:
    """The same link with one character of its token changed, as a typo or a tamperer would
    (in the middle: the last character of base64 may carry unused bits)."""
    middle = len(link) - 12
    return link[:middle] + ("A" if link[middle] != "A" else "B") + link[middle + 1:]


def test_a_forged_link_is_refused_and_reveals_nothing(config, seeded, server, chromium, tmp_path) -> None:
    link = _link(config, seeded, server, OWN, seeded.items_of(OWN, limit=1))
    with chromium_context(tmp_path / "profile") as browser:
        page = browser.new_page()
        response = page.goto(_forge(link))
        assert response.status == 403
        assert page.locator("h1").inner_text() == "Liên kết không hợp lệ"
        assert "Trung tâm Truyền thông" not in page.content() and page.locator("form").count() == 0


def test_an_expired_link_says_so_and_a_fresh_one_reaches_the_units_contacts_once_an_hour(
        config, seeded, server, clock, chromium, tmp_path) -> None:
    item = seeded.items_of(OWN, limit=1)[0]
    link = _link(config, seeded, server, OWN, [item])
    clock.advance(days=config.web.link_days, minutes=1)
    with chromium_context(tmp_path / "profile") as browser:
        page = browser.new_page()
        assert page.goto(link).status == 410
        assert page.locator("h1").inner_text() == "Liên kết đã hết hạn"
        assert "Đã hoàn thành" not in page.inner_text("main")
        page.get_by_role("button", name="Gửi liên kết mới").click()
        assert "Đã ghi nhận yêu cầu" in page.inner_text("[role=status]")
        page.goto(link)
        page.get_by_role("button", name="Gửi liên kết mới").click()
        assert "Đã có yêu cầu gửi liên kết mới" in page.inner_text("[role=status]")
        fresh = _fresh_link_by_email(config, seeded, server, clock, tmp_path)
        page.goto(fresh)
        assert page.locator(f"#item-{item} button").inner_text() == "✓ Đã hoàn thành"
    with seeded.store.transaction() as session:
        requests = session.scalars(select(LinkRequestRow)).all()
    # one email and one SMS (the unit's contact has both; SMS goes to the file outbox by default)
    assert [(r.unit_id, r.outcome) for r in requests] == [(seeded.units[OWN], "queued:2")]


def _fresh_link_by_email(config, seeded, server, clock, folder) -> str:
    """The daemon sends the queued fresh link through the real SMTP server."""
    with running_smtp_server() as smtp:
        daemon_pass(mailing_config(folder, server, smtp), seeded.store, clock.now)
        (mail,) = [m for m in smtp.received if m.message["Subject"].startswith("Liên kết mới")]
    assert mail.rcpt_tos == ("ls-tttt@example.org",)
    (fresh,) = links_in(mail.message.get_body(("plain",)).get_content())
    # The server wrote it with its own [web] base_url, set before its port was known.
    return fresh.replace(base_url(config), server.url)


def test_a_units_link_cannot_mark_another_units_item_even_with_the_form_altered(
        config, seeded, server, chromium, tmp_path) -> None:
    own, other = seeded.items_of(OWN, limit=1)[0], seeded.items_of(OTHER, limit=1)[0]
    link = _link(config, seeded, server, OWN, [own])
    with chromium_context(tmp_path / "profile") as browser:
        page = browser.new_page()
        page.goto(link)
        assert page.locator("input[name=item]").evaluate_all("inputs => inputs.map(i => i.value)") == [str(own)]
        page.locator("input[name=item]").evaluate(f"input => input.value = '{other}'")
        page.get_by_role("button", name="Đã hoàn thành").click()
        page.wait_for_load_state()
        assert "Việc này không thuộc liên kết của bạn." in page.inner_text("main")
        page.goto(server.url + f"/board/items/{other}")
        assert page.url.startswith(server.url + "/login")  # the board needs a log-in
    assert seeded.item(other).status is ItemStatus.OPEN and seeded.item(own).status is ItemStatus.OPEN
    with seeded.store.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CompletionRow)) == 0
