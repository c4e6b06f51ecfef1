"""The SMTP channel delivers text and HTML to a real aiosmtpd server, a batch on one connection."""

import asyncio
from datetime import datetime, timezone

import pytest

from notifiers import EmailMessage, Security, SmtpChannel, SmtpConfig
from notifiers.mime import message_id

SENDER = "Cadence <cadence@so.gov.vn>"
FIXED = datetime(2025, 9, 15, 1, 0, tzinfo=timezone.utc)


def channel_for(server, **options) -> SmtpChannel:
    config = SmtpConfig(host=server.host, port=server.port, sender=SENDER,
                        security=Security.PLAIN, **options)
    return SmtpChannel(config, now=lambda: FIXED)


def reminder(number: int = 1, **fields) -> EmailMessage:
    values = {
        "key": f"item-{number}|level-0|ubnd.xa@so.gov.vn|email",
        "to": "UBND xã Tân Lập <ubnd.xa@so.gov.vn>",
        "subject": "Nhắc việc: Bản tin PAPI số 38 đến hạn thứ Hai",
        "text": "Kính gửi UBND xã Tân Lập,\nBản tin PAPI số 38 đến hạn ngày 15/9/2025.",
        "html": "<p>Kính gửi <b>UBND xã Tân Lập</b>,</p><p>Bản tin PAPI số 38 đến hạn.</p>",
    }
    return EmailMessage(**{**values, **fields})


def test_an_email_arrives_with_its_vietnamese_subject_and_both_parts(smtp_server):
    channel_for(smtp_server).send(reminder())
    (received,) = smtp_server.received
    message = received.message
    assert received.rcpt_tos == ("ubnd.xa@so.gov.vn",)
    assert received.mail_from == "cadence@so.gov.vn"
    assert message["Subject"] == "Nhắc việc: Bản tin PAPI số 38 đến hạn thứ Hai"
    assert message.get_content_type() == "multipart/alternative"
    assert "15/9/2025" in message.get_body(("plain",)).get_content()
    assert "<b>UBND xã Tân Lập</b>" in message.get_body(("html",)).get_content()


def test_an_email_without_html_is_plain_text_only(smtp_server):
    channel_for(smtp_server).send(reminder(html=None))
    message = smtp_server.received[0].message
    assert message.get_content_type() == "text/plain"


def test_the_message_id_is_the_same_each_time_the_same_key_is_sent(smtp_server):
    channel = channel_for(smtp_server)
    channel.send(reminder())
    channel.send(reminder())
    first, second = (r.message["Message-ID"] for r in smtp_server.received)
    assert first == second == message_id(reminder().key, SENDER)
    assert first.endswith("@so.gov.vn>")


def test_extra_headers_are_sent_and_may_replace_the_date(smtp_server):
    channel_for(smtp_server).send(reminder(headers={
        "Reply-To": "vanthu@so.gov.vn", "Date": "Mon, 15 Sep 2025 08:00:00 +0700"}))
    message = smtp_server.received[0].message
    assert message["Reply-To"] == "vanthu@so.gov.vn"
    assert message.get_all("Date") == ["Mon, 15 Sep 2025 08:00:00 +0700"]


def test_the_date_header_comes_from_the_clock_the_channel_was_given(smtp_server):
    channel_for(smtp_server).send(reminder())
    assert smtp_server.received[0].message["Date"].datetime == FIXED


def test_a_batch_goes_through_one_connection(smtp_server):
    deliveries = channel_for(smtp_server).send_many([reminder(n) for n in range(5)])
    assert [d.ok for d in deliveries] == [True] * 5
    assert len({r.peer for r in smtp_server.received}) == 1


def test_a_long_batch_opens_a_new_connection_after_the_configured_count(smtp_server):
    channel = channel_for(smtp_server, messages_per_connection=2)
    channel.send_many([reminder(n) for n in range(5)])
    assert len({r.peer for r in smtp_server.received}) == 3


def test_a_refused_recipient_does_not_stop_the_rest_of_the_batch(smtp_server):
    smtp_server.replies.rcpt["nobody@so.gov.vn"] = "550 5.1.1 No such user"
    batch = [reminder(1), reminder(2, to="nobody@so.gov.vn"), reminder(3)]
    deliveries = channel_for(smtp_server).send_many(batch)
    assert [d.ok for d in deliveries] == [True, False, True]
    assert [d.key for d in deliveries] == [m.key for m in batch]
    assert len({r.peer for r in smtp_server.received}) == 1


def test_the_async_variant_sends_the_same_way(smtp_server):
    asyncio.run(channel_for(smtp_server).asend(reminder()))
    assert len(smtp_server.received) == 1


@pytest.mark.parametrize("security, port", [
    (Security.PLAIN, 25), (Security.STARTTLS, 587), (Security.TLS, 465)])
def test_each_kind_of_security_has_its_customary_port(security, port):
    config = SmtpConfig(host="127.0.0.1", sender=SENDER, security=security)
    assert config.effective_port == port


@pytest.mark.parametrize("options, named", [
    ({"timeout": 0}, "timeout"),
    ({"port": 70000}, "port"),
    ({"username": "u"}, "username and password"),
    ({"sender": "cadence at so"}, "sender"),
    ({"security": "ssl"}, "ssl"),
])
def test_a_bad_configuration_value_is_refused_with_its_key_named(options, named):
    values = {"host": "127.0.0.1", "sender": SENDER, **options}
    with pytest.raises(ValueError, match=named):
        SmtpConfig(**values)
