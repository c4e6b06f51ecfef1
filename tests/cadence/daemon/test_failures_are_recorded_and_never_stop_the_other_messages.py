"""Delivery failures are data: a refused address, a malformed one, a gateway that says no, a
broken template: each is written on its message's row (permanent, not retried) and the other
messages still go, through the real SMTP server and the real local HTTP gateway."""
import datetime as dt

import pytest
from sqlalchemy import update

from cadence.daemon import items as item_step
from cadence.store.models import AddressRow
from cadence.store.outbox import MessageRow, MessageState
from tests.cadence.daemon_support import gateway_answer, gateway_section, local, office, smtp_section
from tests.support.http import running_http_server
from tests.support.smtp import Replies, running_smtp_server

NO_DIGEST = "[digest]\nenabled = false\n"
MONDAY = "2025-09-16T08:00"  # three working days before the Friday bulletins


@pytest.fixture
def servers():
    with running_smtp_server(replies=Replies()) as smtp, running_http_server() as gateway:
        gateway.reply = gateway_answer()
        yield smtp, gateway


def _setup(servers, extra: str = "") -> str:
    smtp, gateway = servers
    return NO_DIGEST + smtp_section(smtp.port) + gateway_section(gateway.url("/send")) + extra


def _by_recipient(o) -> dict[str, MessageRow]:
    return {m.recipient: m for m in o.rows(MessageRow)}


def test_a_refused_recipient_is_given_up_and_the_others_are_delivered(database_url, tmp_path, servers):
    smtp, gateway = servers
    smtp.replies.rcpt["bientap@dai.example.invalid"] = "550 5.1.1 no such mailbox"
    with office(database_url, tmp_path, _setup(servers), start="2025-09-15") as o:
        counts = o.tick(MONDAY)
        rows = _by_recipient(o)
    refused = rows["bientap@dai.example.invalid"]
    assert (refused.state, refused.permanent, refused.attempts) == (MessageState.FAILED, True, 1)
    assert "550" in refused.last_error and "no such mailbox" in refused.last_error
    assert rows["thoisu@dai.example.invalid"].state is MessageState.SENT
    assert [r.rcpt_tos for r in smtp.received] == [("thoisu@dai.example.invalid",)]
    assert len(gateway.requests) == 1 and (counts.sent, counts.failed) == (2, 1)


def test_a_malformed_address_is_given_up_without_asking_the_server(database_url, tmp_path, servers):
    smtp, _ = servers
    with office(database_url, tmp_path, _setup(servers), start="2025-09-15") as o:
        with o.store.transaction() as session:
            session.execute(update(AddressRow).where(AddressRow.address == "bientap@dai.example.invalid")
                            .values(address="ban bien tap @ dai"))
        o.tick(MONDAY)
        rows = _by_recipient(o)
    assert rows["ban bien tap @ dai"].state is MessageState.FAILED
    assert "malformed email address" in rows["ban bien tap @ dai"].last_error
    assert len(smtp.received) == 1


def test_a_gateway_refusal_is_recorded_and_email_still_goes(database_url, tmp_path, servers):
    smtp, gateway = servers
    gateway.reply = gateway_answer(refuse={"0912345678"})
    with office(database_url, tmp_path, _setup(servers), start="2025-09-15") as o:
        o.tick(MONDAY)
        sms = _by_recipient(o)["0912 345 678"]
    assert (sms.state, sms.permanent) == (MessageState.FAILED, True)
    assert "CodeResult is '99', expected '100'" in sms.last_error
    assert len(smtp.received) == 2


def test_a_broken_template_is_recorded_and_the_other_messages_go(database_url, tmp_path, servers):
    smtp, gateway = servers
    (tmp_path / "mine" / "vi").mkdir(parents=True)
    (tmp_path / "mine" / "vi" / "daily.sms.txt").write_text("Cadence: {{ so_muc }} mục\n", encoding="utf-8")
    with office(database_url, tmp_path, _setup(servers, '[notifiers]\ntemplates = "mine"\n'), start="2025-09-15") as o:
        o.tick(MONDAY)
        sms = _by_recipient(o)["0912 345 678"]
    assert (sms.state, sms.permanent, sms.attempts) == (MessageState.FAILED, True, 0)
    assert sms.last_error == "template vi/daily.sms.txt, line 1: 'so_muc' is undefined"
    assert len(smtp.received) == 2 and gateway.requests == []


def test_a_row_that_breaks_is_set_aside_and_the_rest_goes_on(database_url, tmp_path, servers, monkeypatch):
    smtp, _ = servers
    real_decide = item_step.decide
    bulletin_due = local("2025-09-19T17:00")

    def decide_with_a_bug(policy, timeline, status, level, now):
        if timeline.missed_at - policy.states.grace == bulletin_due:
            raise RuntimeError("a bug met on these rows")
        return real_decide(policy, timeline, status, level, now)

    monkeypatch.setattr(item_step, "decide", decide_with_a_bug)  # a bug injected: no real part can do it
    with office(database_url, tmp_path, _setup(servers), start="2025-09-15") as o:
        with pytest.raises(item_step.BrokenRows):
            o.tick("2025-09-15T00:00")
        broken = [i for i in o.items("dai") if i.due_at == bulletin_due]
        assert {o.moment_of(i).next_action_at for i in broken} == {local("2025-09-15T01:00")}
        assert o.tick("2025-09-15T00:30").moments > 0  # the other items carry on meanwhile
        monkeypatch.setattr(item_step, "decide", real_decide)
        o.tick(MONDAY)
    assert len(smtp.received) == 2  # the set-aside bulletins were reminded once the bug was gone


def test_a_server_that_is_down_is_retried_with_backoff_and_never_given_up_while_it_matters(database_url, tmp_path,
                                                                                           servers):
    """Ten tries and more (older versions gave up after ``max_attempts``): the SMS still waits,
    its next try ever later up to the cap, the gateway's answer on its row."""
    smtp, gateway = servers
    gateway.reply = gateway_answer(down=True)
    extra = "[daemon]\nretry_minutes = 2\nretry_max_hours = 1\n"
    with office(database_url, tmp_path, _setup(servers, extra), start="2025-09-15") as o:
        o.tick(MONDAY)
        sms = _by_recipient(o)["0912 345 678"]
        assert (sms.state, sms.attempts, sms.next_attempt_at) == (MessageState.PENDING, 1, local(MONDAY) + dt.timedelta(minutes=2))
        assert "HTTP 503" in sms.last_error
        o.tick("2025-09-16T08:01")  # too early: not tried
        assert _by_recipient(o)["0912 345 678"].attempts == 1
        o.tick("2025-09-16T08:02")
        sms = _by_recipient(o)["0912 345 678"]
        assert (sms.attempts, sms.next_attempt_at) == (2, local("2025-09-16T08:06"))  # twice as long
        for _ in range(10):  # ten more tries, as many passes (a bounded loop: it must end on any code)
            o.tick(sms.next_attempt_at)
            sms = _by_recipient(o)["0912 345 678"]
    assert (sms.state, sms.permanent, sms.attempts) == (MessageState.PENDING, False, 12)
    assert sms.next_attempt_at - local(MONDAY) < dt.timedelta(days=1)  # the cap: an hour at most between tries
    assert sms.last_error.startswith("SMS gateway answered HTTP 503")
    assert len(gateway.requests) == 12 and len(smtp.received) == 2


def test_a_message_that_goes_after_a_retry_is_sent_once(database_url, tmp_path, servers):
    smtp, gateway = servers
    gateway.reply = gateway_answer(down=True)
    with office(database_url, tmp_path, _setup(servers), start="2025-09-15") as o:
        o.tick(MONDAY)
        gateway.reply = gateway_answer()
        o.tick("2025-09-16T08:05")
        sms = _by_recipient(o)["0912 345 678"]
    assert (sms.state, sms.attempts, sms.last_error) == (MessageState.SENT, 2, None)
    assert [r.json()["Content"][:13] for r in gateway.requests] == ["Cadence 16/09"] * 2


def test_a_message_waiting_for_a_retry_is_cancelled_once_all_its_items_are_done(database_url, tmp_path, servers):
    """The SMS names both bulletins; it waits while the gateway is down. One bulletin done: it
    still goes (the other is open). Both done: it is cancelled, never sent, and says why."""
    smtp, gateway = servers
    gateway.reply = gateway_answer(down=True)
    extra = "[daemon]\nretry_minutes = 2\n"
    with office(database_url, tmp_path, _setup(servers, extra), start="2025-09-15") as o:
        o.tick(MONDAY)
        assert _by_recipient(o)["0912 345 678"].state is MessageState.PENDING
        radio, tv = sorted(i.id for i in o.items("dai") if i.due_at == local("2025-09-19T17:00"))
        o.complete(radio, "2025-09-16T08:01")
        o.tick("2025-09-16T08:02")  # the gateway is still down: retried, not cancelled
        sms = _by_recipient(o)["0912 345 678"]
        assert (sms.state, sms.attempts) == (MessageState.PENDING, 2)
        o.complete(tv, "2025-09-16T08:03")
        gateway.reply = gateway_answer()
        o.tick("2025-09-16T08:06")
        sms = _by_recipient(o)["0912 345 678"]
    assert (sms.state, sms.last_error) == (MessageState.CANCELLED, "các việc của tin nhắn đã xong trước khi gửi")
    assert len(gateway.requests) == 2 and len(smtp.received) == 2
