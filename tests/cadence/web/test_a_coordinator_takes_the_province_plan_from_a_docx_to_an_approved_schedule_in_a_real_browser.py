"""The whole intake in a real Chromium, on a fresh office with only the province seeded: a
coordinator uploads the real province plan as a .docx (built here from its text), fixes one
cadence ("12 số/năm" read as twelve at once becomes one a month), maps one unknown unit
("Công an tỉnh", made a unit of its own), previews, approves and sees the board; then uploads
an amended copy in which one activity's cadence changed, sees that difference before approving,
approves, and finds the earlier correction still applied. Screenshots at desktop and phone
sizes go to test-artifacts/."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from cadence.kinds import ItemStatus
from cadence.store import open_store
from cadence.store.access import Role
from cadence.store.models import DueItem, DutyRow, UnitRow
from cadence.web import start_web_server
from cadence.web.accounts import add_user
from tests.cadence.support import plan_file, seed_province
from tests.cadence.web.conftest import ARTIFACTS, COORDINATOR, PASSWORD, Clock
from tests.support.browser import DESKTOP, PHONE, chromium_context

START = dt.datetime(2025, 1, 2, 1, 0, tzinfo=dt.timezone.utc)
NAME = "quang-ngai-province-2025"
FIXED = "C.I.4.a"  # "Tần suất: 12 số/năm": the e-bulletin, one issue a month
AMENDED = "C.II.5"  # the digital bulletin, 01 → 02 issues a month in the amended copy


def _docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line.strip())
    document.save(path)
    return path


@pytest.fixture
def office(tmp_path: Path, config, chromium):
    store = open_store(f"sqlite:///{tmp_path / 'cadence.db'}", create=True)
    with store.transaction() as session:
        seed_province(session)
        add_user(session, name=COORDINATOR, password=PASSWORD, role=Role.COORDINATOR, plans=(),
                 full_name="Nguyễn Văn Điều Phối", now=START)
    server = start_web_server(config, store, clock=Clock(START), port=0)
    yield store, server
    server.stop()
    store.close()


def _shoot(page, name: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=ARTIFACTS / f"intake-{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=ARTIFACTS / f"intake-{name}-phone.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    assert width <= PHONE["width"], f"{name}: the page is {width}px wide on a phone"


def test_from_a_docx_to_an_approved_schedule_and_an_amendment(office, tmp_path) -> None:
    store, server = office
    ARTIFACTS.mkdir(exist_ok=True)
    text = plan_file(NAME).read_text("utf-8")
    first = _docx(text, tmp_path / "ke-hoach-truyen-thong-2025.docx")
    amended_text = text.replace("- Tần suất: 01 số/tháng (12 kỳ/năm).", "- Tần suất: 02 số/tháng (24 kỳ/năm).")
    assert amended_text != text
    amended = _docx(amended_text, tmp_path / "ke-hoach-truyen-thong-2025-sua-doi.docx")

    with chromium_context(tmp_path / "profile", **DESKTOP, locale="vi-VN") as browser:  # a Vietnamese browser
        page = browser.new_page()
        _log_in(page, server.url)
        _upload(page, server.url, first, key=NAME)
        _shoot(page, "review")
        _the_text_shows_the_reading(page)
        _fix_the_cadence(page)
        _map_the_unknown_unit(page, "Công an tỉnh")
        page.goto(page.url.split("#")[0] + "/preview")
        assert "Xem trước" in page.locator("h1").inner_text()
        _shoot(page, "preview")
        _approve(page)
        assert "/board" in page.url
        _shoot(page, "board")
        assert _items(store, FIXED) == 12 and _items(store, AMENDED) == 12

        _upload(page, server.url, amended, key="")
        same = page.locator("#same")  # same title, issuer and year under another file name
        assert same.count() == 1 and NAME in same.inner_text()
        _shoot(page, "look-alike")
        same.get_by_role("button", name=re.compile(NAME)).click()
        page.wait_for_load_state()
        assert page.locator("#same").count() == 0
        page.goto(page.url.split("#")[0] + "/preview")
        changes = page.locator("#changes ~ div table").first.inner_text()
        assert AMENDED in changes and FIXED not in changes
        _shoot(page, "amendment")
        _approve(page)

        assert _items(store, AMENDED) == 24
        assert _items(store, FIXED) == 12  # the correction, kept
        page.goto(server.url + "/intake")
        _shoot(page, "plans")
        assert _units_named(store, "Công an tỉnh") == 1


def _log_in(page, url: str) -> None:
    page.goto(url + "/login")
    page.locator("input[name=name]").fill(COORDINATOR)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()


def _upload(page, url: str, path: Path, *, key: str) -> None:
    page.goto(url + "/intake")
    page.locator("#u-file").set_input_files(str(path))
    if key:
        page.locator("#u-key").fill(key)
    page.locator("form[action='/intake/upload'] button[type=submit]").click()
    page.wait_for_load_state()
    assert re.search(r"/intake/\d+", page.url), page.inner_text("main")[:500]


def _the_text_shows_the_reading(page) -> None:
    pane = page.locator(".text-pane")
    assert "Tần suất: 12 số/năm" in pane.inner_text()
    assert pane.locator("mark.m-cadence").count() > 10 and pane.locator("mark.m-unit").count() > 10
    where = _activity(page, FIXED).locator("a[href^='#l-']")
    assert "trang" in where.first.inner_text().lower()
    where.first.click()  # the activity's place in the text, its spans highlighted
    page.screenshot(path=ARTIFACTS / "intake-review-highlights-desktop.png")
    page.set_viewport_size(PHONE)
    where.first.click()
    page.screenshot(path=ARTIFACTS / "intake-review-highlights-phone.png")
    page.set_viewport_size(DESKTOP)


def _activity(page, ref: str):
    return page.locator(f"article[id='e-{ref}']")


def _fix_the_cadence(page) -> None:
    card = _activity(page, FIXED)
    card.locator("summary").click()
    form = card.locator("form").first
    form.locator("input[name='r0-count']").fill("1")
    form.locator("select[name='r0-per']").select_option("month")
    page.set_viewport_size(PHONE)
    card.screenshot(path=ARTIFACTS / "intake-correct-form-phone.png")
    page.set_viewport_size(DESKTOP)
    card.screenshot(path=ARTIFACTS / "intake-correct-form-desktop.png")
    form.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    card = _activity(page, FIXED)
    assert "1 số mỗi tháng" in card.inner_text() or "mỗi tháng" in card.inner_text(), card.inner_text()
    assert card.locator(".badge.corrected").count() >= 1


def _map_the_unknown_unit(page, name: str) -> None:
    form = page.locator("form.unit-map", has=page.locator(f"input[name=text][value='{name}']"))
    form.locator("select[name=choice]").select_option("new")
    form.get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator("form.unit-map", has=page.locator(f"input[name=text][value='{name}']")).count() == 0


def _approve(page) -> None:
    page.locator("#approve button[type=submit]").click()
    page.wait_for_load_state()


def _items(store, ref: str) -> int:
    with store.transaction() as session:
        return len(session.scalars(select(DueItem.id).join(DutyRow, DutyRow.id == DueItem.duty_id)
                                   .where(DutyRow.ref == ref, DueItem.status != ItemStatus.RETIRED)).all())


def _units_named(store, name: str) -> int:
    with store.transaction() as session:
        return len(session.scalars(select(UnitRow.id).where(UnitRow.name == name)).all())
