"""A message the server refuses for its own sake (SMTP 5xx, an address it does not know) stops
at once: one attempt, `failed`, `permanent`, the server's answer on its row and in
`cadence outbox list`, never retried however long the office keeps messages. It says nothing
about the server's health: even a morning of nothing but such refusals is no outage, and
nobody is alerted. (A transient failure, by contrast, waits and is retried.)"""
from __future__ import annotations

from cadence.store.outbox import ChannelHealthRow, MessageKind, MessageRow, MessageState
from tests.cadence.daemon_support import office, smtp_section
from tests.cadence.support import run_cli
from tests.support.smtp import Replies, running_smtp_server

CONFIG = ('[reminders]\nchannels = ["email"]\n[escalation]\nchannels = ["email"]\n[digest]\nenabled = false\n'
          '[notifiers.sms]\ntransport = "outbox"\n'
          '[delivery]\nalert_after_failures = 1\nalert_after_minutes = 0\nadmins = ["0912 000 999"]\n')
REFUSED = {"bientap@dai.example.invalid": "550 5.1.1 no such mailbox",
           "thoisu@dai.example.invalid": "553 5.1.3 mailbox name not allowed"}


def test_refused_addresses_fail_once_with_the_servers_answer(database_url, tmp_path, capsys, monkeypatch):
    with running_smtp_server(replies=Replies(rcpt=dict(REFUSED))) as smtp, \
            office(database_url, tmp_path, CONFIG + smtp_section(smtp.port), start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")
        for moment in ("2025-09-16T09:00", "2025-09-17T08:00"):
            o.tick(moment)
        refused = o.rows(MessageRow, created_at=o.rows(MessageRow)[0].created_at)
        health, alerts = o.rows(ChannelHealthRow), o.rows(MessageRow, kind=MessageKind.ALERT)
        monkeypatch.setenv("CADENCE_DATABASE_URL", database_url)
        code, out, _ = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "outbox", "list", "--state", "failed")
    assert {(m.recipient, m.state, m.permanent, m.attempts) for m in refused} == {
        (address, MessageState.FAILED, True, 1) for address in REFUSED}
    for message in refused:
        assert message.last_error == f"recipient refused: {message.recipient}: {REFUSED[message.recipient]}"
    assert smtp.received == [] and health == [] and alerts == []
    assert code == 0 and out.count("không gửi được  email  nhắc việc") >= 2 and "550 5.1.1 no such mailbox" in out
