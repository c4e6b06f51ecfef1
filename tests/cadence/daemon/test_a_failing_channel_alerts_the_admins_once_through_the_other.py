"""A mail server that keeps refusing is told to the admins by SMS, once per outage: not at the
first refused connection (a restart of the server is not an outage), not once per message or
per morning, and again for a new outage after the server had come back. The SMS goes through
the real local HTTP gateway; the mail server is a real port on 127.0.0.1 refusing, then a
real aiosmtpd there. Older versions told nobody."""
from __future__ import annotations

from contextlib import ExitStack

from cadence.store.outbox import ChannelHealthRow, MessageKind, MessageRow, MessageState
from tests.cadence.daemon_support import gateway_answer, gateway_section, office, smtp_section
from tests.support.http import running_http_server
from tests.support.smtp import closed_port, running_smtp_server

ADMIN_PHONE, ADMIN_EMAIL = "0912 000 999", "it@stttt.example.invalid"


def config(port: int, gateway: str) -> str:
    return ('[reminders]\nchannels = ["email"]\n[escalation]\nchannels = ["email"]\n[digest]\nenabled = false\n'
            + smtp_section(port) + gateway_section(gateway)
            + f'[delivery]\nalert_after_failures = 3\nalert_after_minutes = 60\nadmins = ["{ADMIN_EMAIL}", "{ADMIN_PHONE}"]\n')


def admin_sms(gateway) -> list[str]:
    return [r.json()["Content"] for r in gateway.requests if r.json()["Phone"] == "0912000999"]


def test_one_sms_per_outage_to_the_admins_and_none_by_the_failing_mail(database_url, tmp_path):
    refusing = ExitStack()
    port = refusing.enter_context(closed_port())
    with running_http_server() as gateway, refusing:
        gateway.reply = gateway_answer()
        with office(database_url, tmp_path, config(port, gateway.url("/send")), start="2025-09-15") as o:
            o.tick("2025-09-16T08:00")  # two reminders refused: failing, but not for an hour yet
            assert admin_sms(gateway) == [] and len(o.rows(ChannelHealthRow)) == 1
            o.tick("2025-09-16T09:10")
            first = admin_sms(gateway)
            for moment in ("2025-09-16T10:00", "2025-09-17T08:00", "2025-09-18T08:00", "2025-09-19T08:00"):
                o.tick(moment)
            assert admin_sms(gateway) == first and len(first) == 1
            refusing.close()
            with running_smtp_server(port=port) as smtp:
                o.tick("2025-09-22T08:00")  # back: the outage is over
                assert o.rows(ChannelHealthRow) == [] and len(smtp.received) >= 1
            # the server gone again (nothing listens on its port): a new outage
            for moment in ("2025-09-23T08:00", "2025-09-23T09:30", "2025-09-24T08:00"):
                o.tick(moment)
            alerts = o.rows(MessageRow, kind=MessageKind.ALERT)
    assert first[0].startswith("Cadence: May chu thu khong gui duoc tu 16/09/2025 08:00")  # an SMS, without marks
    assert len(admin_sms(gateway)) == 2
    assert [(a.channel, a.recipient, a.state) for a in alerts] == [("sms", ADMIN_PHONE, MessageState.SENT)] * 2
