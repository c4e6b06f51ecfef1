"""A Vietnamese subject longer than one header line arrives word for word (Python's header
folding used to drop the space where it cut between two encoded words)."""
import email
import email.policy
from datetime import datetime, timezone

from notifiers import EmailMessage
from notifiers.mime import build_mime

SUBJECT = "[Cadence] Nhắc việc ngày 16/09/2025: 2 mục sắp đến hạn, 3 mục quá hạn, 12 mục cần đôn đốc"


def test_a_long_vietnamese_subject_reads_the_same_after_the_trip():
    message = EmailMessage(key="k", to="vanthu@example.invalid", subject=SUBJECT, text="Nội dung\n")
    raw = bytes(build_mime(message, sender="cadence@example.invalid", date=datetime(2025, 9, 16, tzinfo=timezone.utc)))
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == SUBJECT
    assert parsed.get_body(preferencelist=("plain",)).get_content() == "Nội dung\n"
