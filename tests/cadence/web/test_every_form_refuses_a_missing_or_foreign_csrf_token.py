"""Every form (a link's completion, a fresh-link request, log-in, log-out) is refused without
the CSRF field that fits the browser's cookie: missing, taken from another browser, or sent
without the cookie. Nothing changes when it is refused."""
from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from cadence.links import completion_url, token_of
from cadence.store.access import LinkRequestRow, SessionRow
from cadence.store.models import CompletionRow
from tests.cadence.web.conftest import COORDINATOR, PASSWORD, START, csrf_of, log_in

OWN = "ls-tt-truyen-thong"


def _forms(token: str, item: int) -> dict[str, dict]:
    return {
        f"/l/{token}": {"item": str(item), "evidence": "https://example.org/a"},
        f"/l/{token}/fresh": {},
        "/login": {"name": COORDINATOR, "password": PASSWORD, "next": "/board"},
        "/logout": {},
    }


def _counts(seeded) -> tuple[int, int, int]:
    with seeded.store.transaction() as session:
        return tuple(session.scalar(select(func.count()).select_from(table))
                     for table in (CompletionRow, LinkRequestRow, SessionRow))


@pytest.mark.parametrize("how", ["missing", "from another browser", "without the cookie"])
def test_every_form_refuses_a_bad_csrf_token(config, seeded, server, client, how) -> None:
    item = seeded.items_of(OWN, limit=1)[0]
    token = token_of(completion_url(config, [item], seeded.units[OWN], START))
    assert log_in(client).status_code == 303  # a live session, which a forged log-out must not end
    before = _counts(seeded)
    for path, fields in _forms(token, item).items():
        response = _post(client, server, path, fields, how)
        assert response.status_code == 403, (path, how)
        assert "Biểu mẫu đã cũ hoặc không hợp lệ" in response.text
    assert _counts(seeded) == before
    assert client.get("/board").status_code == 200  # still logged in


def _post(client: httpx.Client, server, path: str, fields: dict, how: str) -> httpx.Response:
    if how == "missing":
        return client.post(path, data=fields)
    if how == "from another browser":
        with httpx.Client(base_url=server.url) as other:
            foreign = csrf_of(other.get("/login").text)
        return client.post(path, data=fields | {"csrf": foreign})
    mine = csrf_of(client.get("/board").text)  # the log-out form carries it
    with httpx.Client(base_url=server.url) as cookieless:
        return cookieless.post(path, data=fields | {"csrf": mine})


def test_the_same_forms_pass_with_the_right_token(config, seeded, client) -> None:
    item = seeded.items_of(OWN, limit=1)[0]
    token = token_of(completion_url(config, [item], seeded.units[OWN], START))
    page = client.get(f"/l/{token}")
    response = client.post(f"/l/{token}", data={"csrf": csrf_of(page.text), "item": str(item)})
    assert response.status_code == 303 and _counts(seeded)[0] == 1
