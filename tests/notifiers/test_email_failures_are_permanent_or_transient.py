"""A real server's refusals become TransportError values with the right `permanent`."""

import pytest

from tests.notifiers.test_email_is_sent_over_smtp import SENDER, channel_for, reminder
from tests.support.smtp import closed_port, silent_port

from notifiers import Security, SmtpChannel, SmtpConfig, TransportError


def test_an_unknown_recipient_550_is_permanent(smtp_server):
    smtp_server.replies.rcpt["nobody@so.gov.vn"] = "550 5.1.1 No such user"
    with pytest.raises(TransportError) as caught:
        channel_for(smtp_server).send(reminder(to="nobody@so.gov.vn"))
    assert caught.value.permanent
    assert "550" in str(caught.value) and "nobody@so.gov.vn" in str(caught.value)


def test_a_busy_mailbox_450_is_transient(smtp_server):
    smtp_server.replies.rcpt["busy@so.gov.vn"] = "450 4.2.1 Mailbox busy, try later"
    with pytest.raises(TransportError) as caught:
        channel_for(smtp_server).send(reminder(to="busy@so.gov.vn"))
    assert not caught.value.permanent


def test_a_message_refused_at_data_with_554_is_permanent(smtp_server):
    smtp_server.replies.data = "554 5.7.1 Message rejected"
    with pytest.raises(TransportError) as caught:
        channel_for(smtp_server).send(reminder())
    assert caught.value.permanent and "554" in str(caught.value)


def test_a_message_deferred_at_data_with_451_is_transient(smtp_server):
    smtp_server.replies.data = "451 4.3.0 Temporary local problem"
    with pytest.raises(TransportError) as caught:
        channel_for(smtp_server).send(reminder())
    assert not caught.value.permanent


def test_a_message_refused_for_some_recipients_only_is_permanent_so_no_one_gets_it_twice(
        smtp_server):
    smtp_server.replies.rcpt["nobody@so.gov.vn"] = "550 5.1.1 No such user"
    with pytest.raises(TransportError) as caught:
        channel_for(smtp_server).send(reminder(to=("a@so.gov.vn", "nobody@so.gov.vn")))
    assert caught.value.permanent and "nobody@so.gov.vn" in str(caught.value)
    assert smtp_server.received[0].rcpt_tos == ("a@so.gov.vn",)


@pytest.mark.parametrize("address", ["not an address", "a@b", "a@so.gov.vn, b@so.gov.vn"])
def test_a_malformed_address_is_permanent_and_never_reaches_the_server(smtp_server, address):
    with pytest.raises(TransportError) as caught:
        channel_for(smtp_server).send(reminder(to=address))
    assert caught.value.permanent and "malformed email address" in str(caught.value)
    assert smtp_server.received == []


def test_a_server_that_is_down_fails_every_message_of_the_batch_as_transient():
    with closed_port() as port:
        config = SmtpConfig(host="127.0.0.1", port=port, sender=SENDER, security=Security.PLAIN)
        deliveries = SmtpChannel(config).send_many([reminder(1), reminder(2), reminder(3)])
    assert [d.error.permanent for d in deliveries] == [False, False, False]
    assert f"127.0.0.1:{port}" in str(deliveries[0].error)


def test_a_server_that_never_answers_times_out_as_transient():
    with silent_port() as port:
        config = SmtpConfig(host="127.0.0.1", port=port, sender=SENDER, security=Security.PLAIN,
                            timeout=0.2)
        with pytest.raises(TransportError) as caught:
            SmtpChannel(config).send(reminder())
    assert not caught.value.permanent and "timed out" in str(caught.value)


def test_a_connection_lost_before_the_answer_is_transient_and_the_batch_reconnects(smtp_server):
    # The one ambiguous moment: the server may have kept the message. Transient, so the
    # daemon retries it (same Message-ID); the rest of the batch goes on a new connection.
    smtp_server.replies.hang_up_on.add("crash@so.gov.vn")
    batch = [reminder(1), reminder(2, to="crash@so.gov.vn"), reminder(3), reminder(4)]
    deliveries = channel_for(smtp_server).send_many(batch)
    assert [d.ok for d in deliveries] == [True, False, True, True]
    assert not deliveries[1].error.permanent
    assert len({r.peer for r in smtp_server.received}) == 2
