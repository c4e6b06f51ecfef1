"""Vietnamese mobile numbers as people type them, in the form a gateway wants."""

import pytest

from notifiers import PhoneFormat, TransportError, normalize_phone


@pytest.mark.parametrize("typed", [
    "0912345678", "0912 345 678", "091.234.5678", "091-234-5678", "+84912345678",
    "+84 912 345 678", "84912345678", "(+84) 912.345.678", "0084912345678",
])
def test_every_usual_way_of_writing_a_number_gives_the_local_form(typed):
    assert normalize_phone(typed) == "0912345678"


@pytest.mark.parametrize("form, expected", [
    (PhoneFormat.LOCAL, "0386123456"),
    (PhoneFormat.INTERNATIONAL, "84386123456"),
    (PhoneFormat.E164, "+84386123456"),
])
def test_the_gateway_chooses_the_form(form, expected):
    assert normalize_phone("038 612 3456", form) == expected


@pytest.mark.parametrize("typed", [
    "01689123456",   # an eleven-digit number from before the 2018 renumbering
    "02439123456",   # a Hà Nội landline: cannot receive SMS
    "0612345678",    # no mobile network uses 06x
    "091234567",     # a digit short
    "09123456789",   # a digit too many
    "số điện thoại",
    "",
])
def test_a_number_that_is_not_a_vietnamese_mobile_is_a_permanent_failure(typed):
    with pytest.raises(TransportError) as caught:
        normalize_phone(typed)
    assert caught.value.permanent and repr(typed) in str(caught.value)
