"""A leader (the read-only role) sees the intake, the units and the board, and every form that
writes (each POST route of the pages but the log-in, log-out, link and own-password forms,
which are not roles' business) refuses them with 403, even with a valid CSRF token; nothing changes."""
from __future__ import annotations

import re

import httpx
from sqlalchemy import func, select
from starlette.routing import Route

from cadence.store.access import Role
from cadence.store.intake_tables import OverrideRow, PlanVersionRow
from cadence.store.models import NameRow, PlanRow, UnitRow
from cadence.web.accounts import add_user
from cadence.web.app import _routes
from tests.cadence.support import plan_file
from tests.cadence.web.conftest import KEY, PLAN, START, csrf_of, log_in

LEADER, LEADER_PASSWORD = "lanhdao", "lanh-dao-chi-doc-2025"
NOT_A_ROLES_BUSINESS = ("/l/", "/login", "/logout", "/password")  # /password: one's own


def _write_routes() -> list[str]:
    return [r.path for r in _routes() if isinstance(r, Route) and "POST" in (r.methods or ())
            and not r.path.startswith(NOT_A_ROLES_BUSINESS)]


def _state(seeded) -> tuple:
    with seeded.store.transaction() as session:
        counts = tuple(session.scalar(select(func.count()).select_from(table))
                       for table in (PlanVersionRow, OverrideRow, NameRow, UnitRow))
        retired = session.scalar(select(PlanRow.retired_at).where(PlanRow.key == KEY))
    return counts, retired


def test_every_write_refuses_a_leader(seeded, server, client) -> None:
    assert log_in(client).status_code == 303
    page = client.get("/intake")
    draft = client.post("/intake/upload", data={"csrf": csrf_of(page.text), "key": "ly-son-ban-moi"},
                        files={"file": ("ly-son.txt", plan_file(PLAN).read_bytes(), "text/plain")})
    assert draft.status_code == 303, draft.text[:300]
    version = int(re.search(r"/intake/(\d+)", draft.headers["location"])[1])
    with seeded.store.transaction() as session:
        add_user(session, name=LEADER, password=LEADER_PASSWORD, role=Role.LEADER, plans=(), now=START)
    before = _state(seeded)

    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=30) as leader:
        assert log_in(leader, LEADER, LEADER_PASSWORD).status_code == 303
        for path in ("/intake", f"/intake/{version}", f"/intake/{version}/preview", "/units", f"/board?plan={KEY}"):
            shown = leader.get(path)
            assert shown.status_code == 200, path
            assert 'action="/intake/upload"' not in shown.text and "/approve" not in shown.text, path
        token = csrf_of(leader.get("/board").text)  # the log-out form carries a valid token
        paths = _write_routes()
        assert len(paths) >= 13
        for path in paths:
            filled = (path.replace("{version:id}", str(version)).replace("{ref}", "G.1.a")
                      .replace("{key}", KEY).replace("{code}", "ls-tt-truyen-thong").replace("{item_id:id}", "1"))
            refused = leader.post(filled, data={"csrf": token, "choice": "new", "text": "Phòng Văn hoá – Xã hội",
                                                "title": "Một nhiệm vụ", "name": "Tên mới"})
            assert refused.status_code == 403, (path, refused.status_code)
    assert _state(seeded) == before
