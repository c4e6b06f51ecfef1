"""An escalation or a weekly digest is worth sending for days after it was written, not for
ever: with the mail server down it is retried every morning until it is
``[delivery] give_up_after_days`` old (default 7), then recorded as failed, not permanent, with
the reason and the last error on its row. A reminder is not given up by age (its items' due
moment decides). Older versions gave every message up after ten attempts, about fifteen
hours, whatever it was."""
from __future__ import annotations

import datetime as dt
from contextlib import ExitStack

from cadence.store.outbox import MessageKind, MessageRow, MessageState, NoticeKind, NoticeRow
from tests.cadence.daemon_support import local, office, smtp_section
from tests.support.smtp import closed_port

CONFIG = '[reminders]\nchannels = ["email"]\n[escalation]\nchannels = ["email"]\n[notifiers.sms]\ntransport = "off"\n'


def test_messages_other_than_reminders_fail_once_older_than_the_configured_days(database_url, tmp_path):
    with closed_port() as port, office(database_url, tmp_path, CONFIG + smtp_section(port) + "[delivery]\ngive_up_after_days = 3\n",
                                       start="2025-09-01") as o:
        for day in range(1, 16):
            o.tick(local(f"2025-09-{day:02d}T08:00"))
        rows = o.rows(MessageRow)
        escalated = {n.message_id for n in o.rows(NoticeRow) if n.kind is NoticeKind.ESCALATION}
    first_digests = [m for m in rows if m.kind is MessageKind.DIGEST and m.created_at < local("2025-09-08T00:00")]
    assert len(first_digests) == 3
    for message in first_digests + [m for m in rows if m.id in escalated and m.created_at < local("2025-09-10T08:00")]:
        assert (message.state, message.permanent) == (MessageState.FAILED, False), message.key
        assert message.last_error.startswith("thôi gửi: sau 3 ngày vẫn chưa gửi được; lỗi lần thử cuối: SMTP 127.0.0.1")
        assert message.attempts >= 3  # tried each morning meanwhile
    recent = [m for m in rows if m.created_at >= local("2025-09-13T08:00")
              and (m.kind is MessageKind.DIGEST or m.id in escalated)]
    assert recent and {m.state for m in recent} == {MessageState.PENDING}  # younger than 3 days: still tried
    assert not any(m.state is MessageState.FAILED and m.kind is MessageKind.DAILY and m.id not in escalated
                   for m in rows)  # reminders end stale, never by age


def test_the_default_keeps_trying_for_a_week():
    from cadence.config import Config

    assert Config().delivery.give_up_after_days == 7 and dt.timedelta(days=Config().delivery.give_up_after_days)
