"""`cadence users …` and `cadence links …` through the real entry point (SQLite; the store's
queries are the same as the pages', which run on both databases)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cadence.links import LinkError, LinkProblem, token_of, verify_link
from cadence.store import open_store
from cadence.web.accounts import log_in
from tests.cadence.support import SAMPLES, run_cli
from tests.cadence.web.conftest import SECRET, START, web_config

PLAN = Path(__file__).resolve().parents[4] / "shared" / "plans" / "ly-son-special-zone-2025.txt"


@pytest.fixture
def cadence(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CADENCE_WEB_SECRET", SECRET)
    for name in ("CADENCE_DATABASE_URL", "CADENCE_CONFIG"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))  # not a terminal
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)

    assert run("init")[0] == 0
    assert run("units", "seed-province", "Quảng Ngãi")[0] == 0
    assert run("units", "import", str(SAMPLES / "units-ly-son-special-zone.toml"))[0] == 0
    code, out, err = run("plan", "import", str(PLAN), "--key", "ly-son-2025")
    assert code == 0, err
    return run


def test_a_coordinator_is_added_listed_and_can_log_in(cadence, tmp_path) -> None:
    code, out, err = cadence("users", "add", "dieuphoi", "--role", "coordinator", "--plans", "ly-son-2025",
                             "--password-file", "-", stdin="mot-mat-khau-dai\n")
    assert (code, err) == (0, "") and "dieuphoi" in out
    assert cadence("users", "list")[1] == "dieuphoi\tđiều phối viên\tly-son-2025\n"
    assert cadence("users", "list", "--lang", "en")[1] == "dieuphoi\tcoordinator\tly-son-2025\n"
    store = open_store(f"sqlite:///{tmp_path / 'cadence.db'}")
    with store.transaction() as session:
        _, user = log_in(session, web_config(tmp_path).web, name="DieuPhoi", password="mot-mat-khau-dai",
                         address="127.0.0.1", now=START)
    assert user.plans == ("ly-son-2025",)
    store.close()


@pytest.mark.parametrize("args, stdin, message", [
    (("--plans", "khong-co"), "mot-mat-khau-dai\n", "không có kế hoạch khong-co"),
    (("--plans", "ly-son-2025"), "ngan\n", "cần ít nhất 10 ký tự"),
])
def test_bad_users_are_refused_with_a_reason(cadence, args, stdin, message) -> None:
    code, _, err = cadence("users", "add", "ai-do", *args, "--password-file", "-", stdin=stdin)
    assert code == 2 and message in err


def test_a_password_is_never_taken_without_a_terminal_or_a_file(cadence) -> None:
    code, _, err = cadence("users", "add", "quantri", "--role", "admin", stdin="")
    assert code == 2 and "--password-file" in err


def test_a_link_made_by_hand_can_be_revoked(cadence, tmp_path) -> None:
    code, out, _ = cadence("due", "--unit", "ls-tt-truyen-thong", "--json", "--all", "--limit", "1")
    item = json.loads(out)[0]["id"]
    code, url, err = cadence("links", "url", str(item), "--now", "2025-09-15T08:00")
    assert code == 0 and "/l/" in url
    config, store = web_config(tmp_path), open_store(f"sqlite:///{tmp_path / 'cadence.db'}")
    with store.transaction() as session:
        assert verify_link(session, config, token_of(url), START).item_ids == (item,)
    assert cadence("links", "revoke", url.strip(), "--reason", "gửi nhầm")[0] == 0
    with store.transaction() as session, pytest.raises(LinkError) as refused:
        verify_link(session, config, token_of(url), START)
    assert refused.value.problem is LinkProblem.REVOKED
    store.close()
