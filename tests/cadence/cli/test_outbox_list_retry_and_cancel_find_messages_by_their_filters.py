"""`cadence outbox list | retry | cancel`: an operator sees what waits, what went and what did
not and why, in Vietnamese (JSON on request), puts failed or stale messages back, and cancels
waiting ones with a reason, choosing them by state, channel, kind, unit and day. A bad filter is
one line on stderr and exit status 2, and changes nothing. The messages come from real passes
against a real SMTP server on 127.0.0.1 that refuses one address."""
from __future__ import annotations

import json
from contextlib import ExitStack

import pytest

from cadence.store.outbox import MessageRow, MessageState
from tests.cadence.daemon_support import office, smtp_section
from tests.cadence.support import run_cli
from tests.support.smtp import Replies, closed_port, running_smtp_server

CONFIG = '[reminders]\nchannels = ["email"]\n[escalation]\nchannels = ["email"]\n[digest]\nenabled = false\n' \
         '[notifiers.sms]\ntransport = "off"\n'
TUESDAY = "2025-09-16T08:00"


@pytest.fixture
def cli(database_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CADENCE_DATABASE_URL", database_url)
    return lambda *args: run_cli(capsys, "--config", str(tmp_path / "config.toml"), "outbox", *args)


def states(o) -> dict[str, MessageState]:
    return {m.recipient: m.state for m in o.rows(MessageRow)}


def test_list_retry_and_cancel(database_url, tmp_path, cli):
    refusing = ExitStack()
    port = refusing.enter_context(closed_port())
    with refusing, office(database_url, tmp_path, CONFIG + smtp_section(port), start="2025-09-15") as o:
        o.tick(TUESDAY)  # the server down: both reminders wait
        code, out, _ = cli("list", "--state", "pending", "--unit", "dai", "--since", "2025-09-16")
        assert code == 0 and out.count("đang chờ gửi  email  nhắc việc") == 2 and out.endswith("2 thư, tin nhắn.\n")
        assert "thử 1 lần  (SMTP 127.0.0.1:" in out
        assert cli("list", "--unit", "bao")[1] == "Không có thư, tin nhắn nào khớp điều kiện lọc.\n"
        code, out, _ = cli("list", "--json", "--channel", "email")
        listed = json.loads(out)
        assert {(m["state"], m["kind"], m["attempts"]) for m in listed} == {("pending", "daily", 1)}
        one = next(m["id"] for m in listed if m["recipient"] == "bientap@dai.example.invalid")

        code, out, _ = cli("cancel", "--id", str(one), "--reason", "Ban Biên tập đã nghỉ")
        assert (code, out) == (0, "Đã hủy 1 thư, tin nhắn đang chờ gửi.\n")
        cancelled = next(m for m in o.rows(MessageRow) if m.id == one)
        assert (cancelled.state, cancelled.last_error) == (MessageState.CANCELLED,
                                                          "hủy bởi người quản trị: Ban Biên tập đã nghỉ")
        o.tick("2025-09-19T17:01")  # the bulletins are due: the other reminder is stale
        assert states(o) == {"bientap@dai.example.invalid": MessageState.CANCELLED,
                             "thoisu@dai.example.invalid": MessageState.STALE} | {
            m.recipient: m.state for m in o.rows(MessageRow) if m.created_at.day == 19}

        code, out, _ = cli("retry", "--state", "stale", "--state", "cancelled", "--since", "2025-09-16",
                           "--now", "2025-09-19T17:05")
        retried = int(out.split()[2])
        assert code == 0 and retried >= 2
        refusing.close()
        with running_smtp_server(port=port) as smtp:
            o.tick("2025-09-19T17:10")  # past due, but an operator asked: they go
        assert {m.state for m in o.rows(MessageRow)} == {MessageState.SENT}
        assert len(smtp.received) == retried
        assert cli("retry", "--state", "sent")[1] == "Đã đưa 0 thư, tin nhắn về hàng chờ gửi.\n"  # sent is sent


@pytest.mark.parametrize(("args", "line"), [
    (("list", "--state", "lost"), "--state: cần một trong pending, sending, sent, failed, stale, cancelled, nhưng có 'lost'"),
    (("list", "--channel", "zalo"), "--channel: cần một trong email, sms, nhưng có 'zalo'"),
    (("list", "--kind", "weekly"), "--kind: cần một trong daily, digest, link, alert, nhưng có 'weekly'"),
    (("list", "--unit", "xa-khong-co"), "--unit: không có đơn vị mã 'xa-khong-co'"),
    (("list", "--since", "16/09/2025"), "--since: cần ngày dạng YYYY-MM-DD, nhưng có '16/09/2025'"),
    (("retry",), "cần ít nhất một điều kiện lọc"),
    (("cancel", "--reason", "x"), "cần ít nhất một điều kiện lọc"),
    (("cancel", "--state", "pending", "--since", "2025-13-01", "--reason", "x"), "--since: cần ngày dạng YYYY-MM-DD"),
])
def test_a_bad_filter_is_one_line_and_changes_nothing(database_url, tmp_path, cli, args, line):
    with running_smtp_server(replies=Replies(rcpt={"bientap@dai.example.invalid": "550 5.1.1 no such mailbox"})) as smtp, \
            office(database_url, tmp_path, CONFIG + smtp_section(smtp.port), start="2025-09-15") as o:
        o.tick(TUESDAY)
        before = [(m.id, m.state, m.last_error) for m in o.rows(MessageRow)]
        code, out, err = cli(*args)
        after = [(m.id, m.state, m.last_error) for m in o.rows(MessageRow)]
    assert (code, out) == (2, "") and err.startswith(f"cadence: {line}") and err.count("\n") == 1, err
    assert after == before
