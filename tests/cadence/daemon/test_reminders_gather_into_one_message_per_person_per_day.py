"""A person hears once a day, however many items are coming due: one email per address and one
SMS per phone number, each listing every item, with the completion link for them."""
import json

from cadence.store.outbox import MessageRow, MessageState, NoticeRow
from notifiers import sms_size
from tests.cadence.daemon_support import body, office, outbox_emails

NO_DIGEST = "[digest]\nenabled = false\n"


def test_the_weeks_two_bulletins_come_in_one_message_to_each_contact(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        counts = o.tick("2025-09-16T08:00")  # three working days before Friday 19 September
        assert counts.reminders == 2 and counts.sent == 3
        messages = o.rows(MessageRow)
        assert sorted((m.channel, m.recipient) for m in messages) == [
            ("email", "bientap@dai.example.invalid"), ("email", "thoisu@dai.example.invalid"), ("sms", "0912 345 678")]
        assert {m.state for m in messages} == {MessageState.SENT}
        # One notice per address (2 emails + 1 SMS), each naming the station's two items.
        assert sorted((n.channel, len(n.item_ids)) for n in o.rows(NoticeRow)) == [
            ("email", 2), ("email", 2), ("sms", 2)]
        assert len(o.told()) == 6
    emails = outbox_emails(tmp_path)
    assert len(emails) == 2
    for message in emails:
        text = body(message)
        assert "Bản tin PAPI (kênh phát thanh)" in text and "Bản tin PAPI (kênh truyền hình)" in text
        assert "hạn thứ Sáu 19/09/2025 17:00" in text
        assert "http://127.0.0.1:8080/l/" in text and "http://127.0.0.1:8080/l/" in body(message, "html")
        assert message["Subject"] == "[Cadence] Nhắc việc ngày 16/09/2025: 2 mục sắp đến hạn"


def test_the_sms_is_short_and_without_diacritics(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")
    (sms_file,) = (tmp_path / "outbox").glob("*.json")
    sms = json.loads(sms_file.read_text("utf-8"))
    assert sms["phone"] == "0912345678"
    assert sms["text"].startswith("Cadence 16/09: 2 muc sap den han. Xac nhan: http://127.0.0.1:8080/l/")
    assert sms["encoding"] == "gsm7" and sms_size(sms["text"]).segments <= 2


def test_a_second_pass_the_same_day_sends_nothing_again(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")
        again = o.tick("2025-09-16T10:00")
        assert (again.notices, again.sent) == (0, 0)
        assert len(o.rows(MessageRow)) == 3
        later = o.tick("2025-09-18T08:00")  # one working day before: the next reminder
        assert later.reminders == 2 and later.sent == 3


def test_nothing_is_sent_on_a_day_off_or_outside_office_hours(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        assert o.tick("2025-09-16T06:00").sent == 0  # before office hours: the reminder waits
        assert o.tick("2025-09-16T07:30").sent == 3
        assert o.tick("2025-09-20T08:00").sent == 0  # Saturday
