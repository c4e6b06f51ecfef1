"""Messages are frozen values that refuse a wrong shape, but leave validity to the channel."""

import dataclasses

import pytest

from notifiers import Delivery, EmailMessage, SmsMessage, TransportError


def test_a_single_address_becomes_a_tuple_of_one():
    message = EmailMessage(key="k", to="a@so.gov.vn", subject="s", text="t")
    assert message.to == ("a@so.gov.vn",)


def test_headers_given_as_a_dict_are_frozen_into_pairs():
    message = EmailMessage(key="k", to="a@so.gov.vn", subject="s", text="t",
                           headers={"Reply-To": "vanthu@so.gov.vn"})
    assert message.headers == (("Reply-To", "vanthu@so.gov.vn"),)
    assert hash(message)


def test_messages_cannot_be_changed_after_they_are_built():
    message = SmsMessage(key="k", phone="0912345678", text="t")
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.text = "other"  # type: ignore[misc]


@pytest.mark.parametrize("fields", [
    {"key": "", "to": "a@so.gov.vn", "subject": "s", "text": "t"},
    {"key": "k", "to": (), "subject": "s", "text": "t"},
    {"key": "k", "to": "a@so.gov.vn", "subject": "line one\nBcc: x@y.vn", "text": "t"},
    {"key": "k", "to": "a@so.gov.vn", "subject": "s", "text": "t", "headers": {"To": "b@c.vn"}},
    {"key": "k", "to": "a@so.gov.vn", "subject": "s", "text": "t", "headers": {"X-A": "1\r\n2"}},
])
def test_an_email_with_a_wrong_shape_is_refused_when_built(fields):
    with pytest.raises(ValueError):
        EmailMessage(**fields)


def test_an_sms_without_text_is_refused_when_built():
    with pytest.raises(ValueError):
        SmsMessage(key="k", phone="0912345678", text="  ")


def test_a_malformed_address_is_accepted_when_built_because_sending_judges_it():
    assert EmailMessage(key="k", to="not an address", subject="s", text="t")


def test_a_transport_error_says_whether_it_is_permanent():
    error = TransportError("550 no such user", permanent=True)
    assert error.permanent and str(error) == "550 no such user"
    assert "permanent=True" in repr(error)


def test_a_delivery_without_error_is_ok():
    assert Delivery(key="k").ok
    assert not Delivery(key="k", error=TransportError("x", permanent=False)).ok
