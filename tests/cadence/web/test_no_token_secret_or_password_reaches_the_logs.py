"""The logs name each request, but never a link token, the secret, a password or a session
cookie: a link's path is logged with the start of its digest instead of the token."""
from __future__ import annotations

import logging

from cadence.links import completion_url, digest_of, token_of
from tests.cadence.web.conftest import PASSWORD, SECRET, START, csrf_of, log_in

OWN = "ls-tt-truyen-thong"
CLIENT = ("httpx", "httpcore")  # the test's own HTTP client, which logs the URLs it is asked to open


def test_requests_are_logged_without_tokens_secrets_or_passwords(config, seeded, client, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    item = seeded.items_of(OWN, limit=1)[0]
    token = token_of(completion_url(config, [item], seeded.units[OWN], START))
    page = client.get(f"/l/{token}")
    client.post(f"/l/{token}", data={"csrf": csrf_of(page.text), "item": str(item), "note": "ok"})
    client.get(f"/l/{token[:-8]}AAAAAAAA")  # forged
    client.post(f"/l/{token}/fresh", data={"csrf": csrf_of(page.text)})
    log_in(client, password="sai-mat-khau-roi")
    log_in(client, password=PASSWORD)
    client.get("/board")
    client.get("/board/export?plan=ly-son-2025&period=2025-Q3&format=csv")
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records if not r.name.startswith(CLIENT))
    session = client.cookies.get("cadence_session")
    for secret in (token, token[:-8], SECRET, PASSWORD, "sai-mat-khau-roi", session):
        assert secret and secret not in logged
    assert f"GET /l/…{digest_of(token)[:12]} 200" in logged
    assert "GET /board 200" in logged
