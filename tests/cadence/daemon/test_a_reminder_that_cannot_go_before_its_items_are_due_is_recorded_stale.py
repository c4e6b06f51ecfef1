"""A reminder is worth sending until its items are due, and no longer: with the mail server
down, it is retried up to the bulletins' due moment, then recorded as stale with the reason on
its row, shown by `cadence outbox list`, and never sent afterwards, even when the server is
back. (Older versions retried it ten times and left it `failed`, not saying that it no longer
mattered; or, with the server back within fifteen hours, sent a reminder of something already
past due.)"""
from __future__ import annotations

from contextlib import ExitStack

from cadence.store.outbox import MessageRow, MessageState
from tests.cadence.daemon_support import local, office, smtp_section
from tests.cadence.support import run_cli
from tests.support.smtp import closed_port, running_smtp_server

CONFIG = '[reminders]\nchannels = ["email"]\n[escalation]\nchannels = ["email"]\n[digest]\nenabled = false\n' \
         '[notifiers.sms]\ntransport = "off"\n'
TUESDAY = "2025-09-16T08:00"  # three working days before the Friday bulletins (due 17:00)


def test_a_reminder_waits_until_its_items_are_due_then_is_stale_and_never_sent(database_url, tmp_path, capsys,
                                                                                monkeypatch):
    refusing = ExitStack()
    port = refusing.enter_context(closed_port())
    with refusing, office(database_url, tmp_path, CONFIG + smtp_section(port), start="2025-09-15") as o:
        o.tick(TUESDAY)
        o.tick("2025-09-19T16:59")  # still before the bulletins are due: tried again
        waiting = o.rows(MessageRow, created_at=local(TUESDAY))
        assert {(m.state, m.attempts) for m in waiting} == {(MessageState.PENDING, 2)}
        counts = o.tick("2025-09-19T17:01")
        stale = o.rows(MessageRow, created_at=local(TUESDAY))
        everything = o.rows(MessageRow)
        refusing.close()
        with running_smtp_server(port=port) as smtp:
            o.tick("2025-09-22T08:00")
        after = o.rows(MessageRow, kind="daily")
        monkeypatch.setenv("CADENCE_DATABASE_URL", database_url)
        code, out, _ = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "outbox", "list", "--state", "stale")
    # Tuesday's reminders and the ones of the bulletins' own day, for the two contacts
    assert counts.stale == 4 and counts.sent == 0 and {m.state for m in everything} == {MessageState.STALE}
    assert {m.recipient for m in stale} == {"thoisu@dai.example.invalid", "bientap@dai.example.invalid"}
    for message in stale:
        assert (message.state, message.permanent, message.attempts) == (MessageState.STALE, False, 2)
        assert message.last_error.startswith("các việc đã đến hạn (19/09/2025 17:00) trước khi gửi được; "
                                             f"lỗi lần thử cuối: SMTP 127.0.0.1:{port}")
    assert {m.key: m.state for m in after if m.created_at <= local("2025-09-19T17:01")} == \
        {m.key: MessageState.STALE for m in everything}  # the server back: the stale ones stay so
    went = {r.message["Message-ID"] for r in smtp.received}
    assert len(went) == len(smtp.received) and all(m.sent_at is None for m in everything)
    assert code == 0 and out.count("không gửi nữa (đã quá hạn)") == 4 and "các việc đã đến hạn (19/09/2025 17:00)" in out
    assert out.rstrip().endswith("4 thư, tin nhắn.")
