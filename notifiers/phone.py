"""Vietnamese mobile numbers: accept what people type, give gateways the form they want.

Domain facts: since the 2018 renumbering (Bộ TT&TT) every Vietnamese mobile number has ten
digits, 0 + a 9-digit subscriber number whose first digit is 3, 5, 7, 8 or 9 (Viettel 03x/086/
09x, Vinaphone 08x/09x, MobiFone 07x/089/09x, Vietnamobile 05x, …). Abroad the leading 0 becomes
the country code 84. The old eleven-digit 01xx numbers no longer exist, and landlines (02x)
cannot receive SMS, so both are refused rather than sent into a void.
"""

from __future__ import annotations

import enum
import re

from .message import TransportError

_SEPARATORS = re.compile(r"[\s.\-()/]")
_MOBILE = re.compile(r"0[35789]\d{8}")


class PhoneFormat(enum.Enum):
    """What a gateway expects: "0912345678", "84912345678" or "+84912345678"."""

    LOCAL = "local"
    INTERNATIONAL = "international"
    E164 = "e164"


def normalize_phone(text: str, form: PhoneFormat = PhoneFormat.LOCAL) -> str:
    """"0912 345 678", "+84 912.345.678", "(84) 912-345-678" → the chosen form.

    A number that is not a Vietnamese mobile number raises a permanent TransportError: no
    retry will make it one; the directory must be corrected.
    """
    local = _to_local(_SEPARATORS.sub("", text))
    if not _MOBILE.fullmatch(local):
        raise TransportError(f"not a Vietnamese mobile number: {text!r}", permanent=True)
    if form is PhoneFormat.INTERNATIONAL:
        return "84" + local[1:]
    if form is PhoneFormat.E164:
        return "+84" + local[1:]
    return local


def _to_local(digits: str) -> str:
    for prefix in ("+84", "0084", "84"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 9:
            return "0" + digits[len(prefix):]
    return digits
