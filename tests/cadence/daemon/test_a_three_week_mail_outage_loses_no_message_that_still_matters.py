"""The mail server is down for the first three weeks of September, then back: no message that
still matters is lost.

Older versions gave a message up after ten attempts (about fifteen hours of backoff) and left it
`failed` for good: with this outage, most of September's mail never went, weekly digests among
it. Now, with a real aiosmtpd server on 127.0.0.1 (its port refusing connections while it is
down, then the server listening there again) and a pass every morning as `cadence tick --now`
makes one:

- every escalation and every weekly digest written during the outage is delivered once the
  server is back, exactly once each (the server's Message-IDs against the outbox);
- every reminder is delivered, or recorded as stale (its items fell due while the server was
  down), with the reason on its row;
- the admins are told once, by SMS, that the mail server is failing, however many messages and
  mornings the outage lasts.

The office keeps messages for 30 days here (``[delivery] give_up_after_days``), longer than
the outage: with the default 7 days the first week's escalations would be given up, which
``test_an_escalation_or_a_digest_is_retried_until_it_is_too_old`` shows.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from contextlib import ExitStack

from sqlalchemy import select

from cadence.store.outbox import MessageKind, MessageRow, MessageState, NoticeKind, NoticeRow
from tests.cadence.daemon_support import local, office, smtp_section
from tests.support.smtp import closed_port, running_smtp_server

ADMIN_PHONE = "0912 000 999"
DOWN_UNTIL = dt.date(2025, 9, 22)  # the server is back that morning


def config(port: int) -> str:
    return (smtp_section(port) + '[notifiers.sms]\ntransport = "outbox"\n'
            '[reminders]\nchannels = ["email"]\n[escalation]\nchannels = ["email"]\n'
            f'[delivery]\ngive_up_after_days = 30\nadmins = ["{ADMIN_PHONE}"]\n')


def mornings(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def test_every_escalation_and_digest_goes_and_every_reminder_goes_or_is_stale(database_url, tmp_path):
    refusing = ExitStack()
    port = refusing.enter_context(closed_port())  # nothing listens: connections are refused
    with refusing, office(database_url, tmp_path, config(port), start="2025-09-01") as o:
        for day in mornings(dt.date(2025, 9, 1), DOWN_UNTIL - dt.timedelta(days=1)):
            o.tick(local(f"{day}T08:00"))
        during = Counter(row.state for row in o.rows(MessageRow, channel="email"))
        refusing.close()
        with running_smtp_server(port=port) as smtp:
            for day in mornings(DOWN_UNTIL, dt.date(2025, 9, 30)):
                o.tick(local(f"{day}T08:00"))
        rows = o.rows(MessageRow, channel="email")
        kinds = message_kinds(o)
        alerts = o.rows(MessageRow, kind=MessageKind.ALERT)
    assert during[MessageState.SENT] == 0 and during[MessageState.PENDING] >= 10, during

    by_kind = Counter((kinds[row.id], row.state) for row in rows)
    print(f"\n{len(rows)} emails: {dict(by_kind)}")
    assert {state for (kind, state) in by_kind if kind in ("escalation", "digest")} == {MessageState.SENT}
    assert {state for (kind, state) in by_kind if kind == "reminder"} == {MessageState.SENT, MessageState.STALE}
    # five weeks of digests to two monitors and the issuer; each missed bulletin and page
    # climbing the chain; the reminders of the outage's weeks stale, the last week's sent
    assert by_kind == {("digest", MessageState.SENT): 15, ("escalation", MessageState.SENT): 16,
                       ("reminder", MessageState.STALE): 16, ("reminder", MessageState.SENT): 11}
    stale = [row for row in rows if row.state is MessageState.STALE]
    assert all(row.last_error.startswith("các việc đã đến hạn (") and "lỗi lần thử cuối: SMTP 127.0.0.1" in row.last_error
               for row in stale), stale[0].last_error

    sent = {_digest(row.key): row for row in rows if row.state is MessageState.SENT}
    arrived = Counter(_digest_of(received.message["Message-ID"]) for received in smtp.received)
    assert set(arrived) == set(sent) and set(arrived.values()) == {1}  # each once, and nothing else

    assert [(a.channel, a.recipient, a.state) for a in alerts] == [("sms", ADMIN_PHONE, MessageState.SENT)]
    assert "Máy chủ thư không gửi được từ 03/09/2025 08:00" in alerts[0].text  # the first mail


def message_kinds(o) -> dict[int, str]:
    """Each message's kind as people tell them apart: a digest, an escalation (a daily message
    naming at least one escalation step), or a reminder (all its notices are reminders)."""
    kinds = {}
    with o.store.transaction() as session:
        for message_id, kind in session.execute(select(NoticeRow.message_id, NoticeRow.kind)):
            if kinds.get(message_id) != "escalation":
                kinds[message_id] = "escalation" if kind is NoticeKind.ESCALATION else "reminder"
        for message_id in session.scalars(select(MessageRow.id).where(MessageRow.kind == MessageKind.DIGEST)):
            kinds[message_id] = "digest"
    return kinds


def _digest(key: str) -> str:
    """The local part of the Message-ID notifiers.mime derives from an outbox key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _digest_of(message_id: str) -> str:
    return message_id.strip("<>").partition("@")[0]
