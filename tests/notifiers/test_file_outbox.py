"""The file outbox writes one file per message key, atomically, readable by mail clients."""

import email
import email.policy
import json
from datetime import datetime, timezone

import pytest

from tests.notifiers.test_email_is_sent_over_smtp import reminder

from notifiers import FileOutbox, SmsMessage, TransportError

FIXED = datetime(2025, 9, 15, 1, 0, tzinfo=timezone.utc)


def outbox_in(folder, **options) -> FileOutbox:
    return FileOutbox(folder, sender="Cadence <cadence@so.gov.vn>", now=lambda: FIXED, **options)


def test_an_email_becomes_an_eml_file_a_mail_client_can_open(tmp_path):
    outbox = outbox_in(tmp_path)
    outbox.send(reminder())
    (path,) = tmp_path.iterdir()
    assert path == outbox.path_for(reminder()) and path.suffix == ".eml"
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == reminder().subject
    assert message["To"] == "UBND xã Tân Lập <ubnd.xa@so.gov.vn>"
    assert "<b>UBND xã Tân Lập</b>" in message.get_body(("html",)).get_content()


def test_sending_the_same_key_again_overwrites_instead_of_duplicating(tmp_path):
    outbox = outbox_in(tmp_path)
    outbox.send(reminder(text="first"))
    outbox.send(reminder(text="second"))
    (path,) = tmp_path.iterdir()
    assert b"second" in path.read_bytes() and b"first" not in path.read_bytes()


def test_different_keys_give_different_readable_file_names(tmp_path):
    outbox = outbox_in(tmp_path)
    outbox.send_many([reminder(1), reminder(2)])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2
    assert all(n.startswith("item-") and "ubnd.xa-so.gov.vn-email" in n for n in names)


def test_an_sms_becomes_a_json_file_with_the_number_and_the_text_a_gateway_would_get(tmp_path):
    outbox = outbox_in(tmp_path, sms_strip_diacritics=True)
    message = SmsMessage(key="item-1|0|sms", phone="+84 912 345 678", text="Nhắc việc: nộp báo cáo")
    outbox.send(message)
    record = json.loads(outbox.path_for(message).read_text("utf-8"))
    assert record == {"key": "item-1|0|sms", "phone": "0912345678",
                      "text": "Nhac viec: nop bao cao", "encoding": "gsm7", "segments": 1}


def test_a_bad_address_or_number_is_a_permanent_failure_and_writes_nothing(tmp_path):
    deliveries = outbox_in(tmp_path).send_many([
        reminder(to="not an address"), SmsMessage(key="s", phone="0123", text="x")])
    assert [d.error.permanent for d in deliveries] == [True, True]
    assert list(tmp_path.iterdir()) == []


def test_a_folder_path_that_is_a_file_is_a_transient_failure(tmp_path):
    blocker = tmp_path / "outbox"
    blocker.write_text("not a folder")
    with pytest.raises(TransportError) as caught:
        outbox_in(blocker).send(reminder())
    assert not caught.value.permanent and str(blocker) in str(caught.value)


def test_no_temporary_file_is_left_behind(tmp_path):
    outbox_in(tmp_path).send_many([reminder(n) for n in range(3)])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
