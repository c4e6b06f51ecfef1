"""Plan text, evidence, notes and names typed on a link page are untrusted: every page shows
them as text. The pages carry no script at all, so any "<script" in one is an injection."""
from __future__ import annotations

import dataclasses
import re

import httpx

from cadence.links import completion_url, token_of
from cadence.store import open_store
from cadence.store.models import UnitRow
from cadence.web import start_web_server
from tests.cadence.support import gold
from tests.cadence.web.conftest import PLAN, START, csrf_of, log_in, seed

XSS = '<script>alert("xss")</script><img src=x onerror="alert(1)">'
ATTRIBUTE_XSS = 'https://example.org/"><script>alert(2)</script>'


def _hostile_plan():
    plan = gold(PLAN)
    activities = tuple(dataclasses.replace(a, title=XSS + a.title) for a in plan.activities)
    return dataclasses.replace(plan, title=XSS + plan.title, activities=activities)


def test_plan_text_evidence_and_notes_are_shown_as_text(config, clock, tmp_path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'hostile.db'}", create=True)
    seeded = seed(store, _hostile_plan())
    with store.transaction() as session:
        session.get(UnitRow, seeded.units["ls-tt-truyen-thong"]).name = "Trung tâm " + XSS
    item = seeded.items_of("ls-tt-truyen-thong", limit=1)[0]
    token = token_of(completion_url(config, [item], seeded.units["ls-tt-truyen-thong"], START))
    server = start_web_server(config, store, clock=clock, port=0)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            pages = _pages_after_a_hostile_completion(client, token, item)
    finally:
        server.stop()
        store.close()
    for path, html in pages.items():
        assert "<script" not in html.lower() and "<img" not in html.lower(), path
        assert "&lt;script&gt;alert(" in html, path


def _pages_after_a_hostile_completion(client: httpx.Client, token: str, item: int) -> dict[str, str]:
    page = client.get(f"/l/{token}")
    fields = {"csrf": csrf_of(page.text), "item": str(item), "evidence": ATTRIBUTE_XSS, "note": XSS, "reporter": XSS}
    assert client.post(f"/l/{token}", data=fields).status_code == 303
    link_page = client.get(f"/l/{token}").text
    assert 'href="https://example.org/&#34;&gt;&lt;script&gt;' in link_page  # the evidence stays inside its attribute
    log_in(client)
    board = client.get("/board").text
    cell = re.search(r'/board/items\?[^"]+', board).group(0).replace("&amp;", "&")
    return {"link": link_page, "board": board, "cell": client.get(cell).text,
            "item": client.get(f"/board/items/{item}").text, "week board": client.get("/board?by=week").text}
