"""SMS: ``[notifiers.sms]``, phone numbers, one short text a day per person; sent through any
HTTP gateway described by configuration (see ``notifiers.sms``) or written as .json files to
the file outbox.

The gateway's secret comes from ``secret_env`` or ``secret_file`` and replaces ``{secret}`` in
``headers`` and ``fields``; it is never a value of config.toml and never logged. By default
texts go without diacritics: any Vietnamese diacritic forces a message into UCS-2, 70
characters a segment instead of 160, so more than twice the cost.
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cadence.catalogue import Words
from cadence.channels.base import Channel, Outlet, Rendered, Shared, secret
from cadence.configkit import bounds
from cadence.errors import CadenceError
from notifiers.options import BodyFormat
from notifiers.phone import PhoneFormat

BATCH = 50  # gateways take one message per request: a step claims a few dozen at a time


class SmsTransport(str, enum.Enum):
    GATEWAY = "gateway"
    OUTBOX = "outbox"
    OFF = "off"


@dataclass(frozen=True, kw_only=True)
class SmsConfig:
    """[notifiers.sms]: any HTTP gateway, described by configuration (see notifiers.sms). The
    gateway's secret comes from ``secret_env`` or ``secret_file`` and replaces ``{secret}`` in
    ``headers`` and ``fields``."""

    transport: SmsTransport = SmsTransport.OUTBOX
    url: str = ""
    method: str = "POST"
    body_format: BodyFormat = BodyFormat.JSON
    body_template: str = ""
    headers: tuple[str, ...] = ()  # "Name: value"
    fields: tuple[str, ...] = ()  # "name=value", seen by body_template
    secret_env: str = "CADENCE_SMS_SECRET"
    secret_file: Path | None = None
    brandname: str = ""
    success_statuses: tuple[int, ...] = ()  # empty: any 2xx
    success_json_path: str = ""
    success_json_value: str = ""
    success_body_regex: str = ""
    body_failure_permanent: bool = True
    timeout: float = field(default=10.0, metadata=bounds(0.1, 600))
    phone_format: PhoneFormat = PhoneFormat.LOCAL
    strip_diacritics: bool = True
    max_segments: int = field(default=2, metadata=bounds(0, 10))  # 0: no limit

    def __post_init__(self) -> None:
        if self.transport is SmsTransport.GATEWAY and not (self.url and self.body_template):
            raise CadenceError("errors.config.gateway-needs")
        for entry in self.headers:
            if ":" not in entry:
                raise CadenceError("errors.config.header", value=repr(entry))
        for entry in self.fields:
            if "=" not in entry:
                raise CadenceError("errors.config.field", value=repr(entry))


class Sms(Channel):
    kind = "sms"
    field = "phone"
    Section = SmsConfig
    short = True

    def address(self, text: str) -> str:
        """A Vietnamese mobile number, kept as typed. A landline (02…) is refused here, when the
        directory is read, rather than at the first send: it can never receive an SMS."""
        from notifiers import TransportError
        from notifiers.phone import normalize_phone

        text = text.strip() if isinstance(text, str) else ""
        try:
            normalize_phone(text)
        except TransportError:
            if _landline(text):
                raise ValueError(Words("contacts.landline", value=repr(text))) from None
            raise ValueError(Words("errors.expected", expected=Words("expect.phone"), value=repr(text))) from None
        return text

    def batch(self, section: SmsConfig) -> int:
        return BATCH

    def render(self, renderer, context: dict, locale) -> Rendered:
        return Rendered(subject="", text=renderer.render("daily.sms.txt", context, locale=locale).strip())

    def travels_as(self, section: SmsConfig, text: str) -> str:
        from notifiers.smstext import prepare_text

        return prepare_text(text, strip=section.strip_diacritics, max_segments=section.max_segments or None)

    def outlet(self, section: SmsConfig, shared: Shared) -> Outlet:
        from notifiers import FileOutbox, SmsChannel

        if section.transport is SmsTransport.OUTBOX:
            return Outlet(FileOutbox(shared.outbox, sms_strip_diacritics=section.strip_diacritics,
                                     sms_max_segments=section.max_segments or None,
                                     phone_format=section.phone_format))
        return Outlet(SmsChannel(_gateway(section, shared.environ)))

    def message(self, *, key: str, recipient: str, subject: str, text: str, html: str | None):
        from notifiers import SmsMessage

        return SmsMessage(key=key, phone=recipient, text=text)


def _landline(text: str) -> bool:
    """A Vietnamese fixed line: 0 + a 2x area code (since the 2017 renumbering, 10 or 11 digits
    in all), or the same after 84."""
    digits = "".join(c for c in text if c.isdigit())
    digits = "0" + digits[2:] if digits.startswith("84") else digits
    return digits.startswith("02") and len(digits) in (10, 11)


def _gateway(section: SmsConfig, environ: Mapping[str, str]):
    from notifiers import SmsGatewayConfig, Success

    key = secret(environ, section.secret_env, section.secret_file, "notifiers.sms.secret_file")
    headers = [_split(entry, ":", key, "notifiers.sms.headers", section.secret_env) for entry in section.headers]
    fields = [_split(entry, "=", key, "notifiers.sms.fields", section.secret_env) for entry in section.fields]
    try:
        success = Success(statuses=frozenset(section.success_statuses) or frozenset(range(200, 300)),
                          json_path=section.success_json_path or None, json_value=section.success_json_value or None,
                          body_regex=section.success_body_regex or None)
        return SmsGatewayConfig(
            url=section.url, body_template=section.body_template, method=section.method,
            body_format=section.body_format, headers=headers, fields=fields, brandname=section.brandname,
            success=success, timeout=section.timeout, phone_format=section.phone_format,
            strip_diacritics=section.strip_diacritics, max_segments=section.max_segments or None,
            body_failure_permanent=section.body_failure_permanent)
    except ValueError as error:
        raise CadenceError("errors.config.channel", channel="sms", detail=str(error)) from None


def _split(entry: str, separator: str, key: str | None, where: str, variable: str) -> tuple[str, str]:
    name, _, value = entry.partition(separator)
    if "{secret}" in value:
        if key is None:
            raise CadenceError("errors.config.secret-needed", where=where, name=repr(name.strip()), variable=variable)
        value = value.replace("{secret}", key)
    return name.strip(), value.strip()


CHANNEL = Sms()
