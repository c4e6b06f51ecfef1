"""A user who forgot their password gets a temporary one from an admin, on the accounts page or
with `cadence users reset-password NAME`. It is shown once; the user's sessions end at once; the
reset is recorded with who made it; and the user must choose their own password before any
board page opens, so the admin who saw the temporary one does not keep knowing it.

Real parts: the uvicorn server and the CLI's entry point on SQLite files."""
from __future__ import annotations

import re

import httpx
import pytest

from cadence.store import open_store
from cadence.store.access import Role
from cadence.web.accounts import add_user, log_in, resets, session_user
from tests.cadence.web.conftest import COORDINATOR, PASSWORD, START, csrf_of, log_in as log_in_page, web_config
from tests.cadence.web.test_users_and_links_commands import cadence  # noqa: F401 (a fixture)

ADMIN, ADMIN_PASSWORD = "quantri", "mat-khau-quan-tri-2025"
TEMPORARY = re.compile(r'<code class="password">([^<]+)</code>')


@pytest.fixture
def admin(seeded) -> None:
    with seeded.store.transaction() as session:
        add_user(session, name=ADMIN, password=ADMIN_PASSWORD, role=Role.ADMIN, now=START)


def _client(server) -> httpx.Client:
    return httpx.Client(base_url=server.url, follow_redirects=False, timeout=30)


def test_an_admin_resets_on_the_accounts_page_and_the_user_must_choose_a_new_one(seeded, server, admin) -> None:
    with _client(server) as user, _client(server) as boss:
        assert log_in_page(user).status_code == 303 and user.get("/board").status_code == 200
        assert log_in_page(boss, ADMIN, ADMIN_PASSWORD).status_code == 303
        accounts = boss.get("/users")
        assert accounts.status_code == 200 and COORDINATOR in accounts.text
        issued = boss.post(f"/users/{COORDINATOR}/reset", data={"csrf": csrf_of(accounts.text)})
        assert issued.status_code == 200
        (temporary,) = TEMPORARY.findall(issued.text)
        assert "Mật khẩu tạm của dieuphoi" in issued.text
        assert TEMPORARY.findall(boss.get("/users").text) == []  # shown once only

        assert user.get("/board").headers["location"].startswith("/login")  # the old session ended
        user.cookies.clear()
        assert log_in_page(user, COORDINATOR, PASSWORD).status_code == 401  # the old password is gone
        assert log_in_page(user, COORDINATOR, temporary).status_code == 303
        assert user.get("/board").headers["location"] == "/password"  # nothing else until a new one
        form = user.get("/password")
        assert "mật khẩu tạm do quản trị cấp" in form.text
        mismatch = user.post("/password", data={"csrf": csrf_of(form.text), "password": "mot-mat-khau-moi-1",
                                                "again": "mot-mat-khau-moi-2"})
        assert mismatch.status_code == 400
        chosen = user.post("/password", data={"csrf": csrf_of(form.text), "password": "mot-mat-khau-moi-1",
                                              "again": "mot-mat-khau-moi-1"})
        assert chosen.status_code == 303 and chosen.headers["location"].startswith("/login")
        user.cookies.clear()
        assert log_in_page(user, COORDINATOR, temporary).status_code == 401
        assert log_in_page(user, COORDINATOR, "mot-mat-khau-moi-1").status_code == 303
        assert user.get("/board").status_code == 200
        assert "quantri" in boss.get("/users").text  # who reset it, on the page
    with seeded.store.transaction() as session:
        assert [by for _, by in resets(session, COORDINATOR)] == [ADMIN]


def test_only_an_admin_sees_accounts_or_resets(seeded, server, admin) -> None:
    with _client(server) as user:
        log_in_page(user)
        assert user.get("/users").status_code == 403
        page = user.get("/board")
        assert user.post(f"/users/{ADMIN}/reset", data={"csrf": csrf_of(page.text)}).status_code == 403
    with _client(server) as anyone:
        assert anyone.get("/users").headers["location"].startswith("/login")


def test_the_command_prints_a_temporary_password_and_ends_the_sessions(cadence, tmp_path) -> None:  # noqa: F811
    assert cadence("users", "add", "dieuphoi", "--plans", "ly-son-2025", "--password-file", "-",
                   stdin="mot-mat-khau-dai\n")[0] == 0
    store = open_store(f"sqlite:///{tmp_path / 'cadence.db'}")
    web = web_config(tmp_path).web
    with store.transaction() as session:
        token, _ = log_in(session, web, name="dieuphoi", password="mot-mat-khau-dai", address="127.0.0.1", now=START)
    code, out, err = cadence("users", "reset-password", "dieuphoi")
    assert (code, err) == (0, "") and "Mật khẩu tạm của dieuphoi" in out
    temporary = out.strip().splitlines()[-1]
    with store.transaction() as session:
        assert session_user(session, token, START) is None
        _, user = log_in(session, web, name="dieuphoi", password=temporary, address="127.0.0.1", now=START)
        assert user.must_change
        assert [by.startswith("cli:") for _, by in resets(session, "dieuphoi")] == [True]
    store.close()
    code, _, err = cadence("users", "reset-password", "khong-co-ai")
    assert code == 2 and "khong-co-ai" in err
