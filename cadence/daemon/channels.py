"""The configured channels (notifiers) behind one interface, with their secrets read here.

    with open_outlets(config) as outlets:
        outlets[Channel.EMAIL].deliver(messages, on_delivery)

``deliver`` hands each outcome to ``on_delivery`` as soon as it is known, so the daemon records
it before the next message goes (a crash leaves at most the one message in flight unrecorded).
Email through SMTP keeps one connection for a batch; the file outbox and SMS gateways send
one by one.

Secrets (the SMTP password, the SMS gateway's key) come from an environment variable or a
file named in the config; they go into the notifiers' configuration values, which keep them
out of reprs and error messages, and are never logged.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from cadence.config import Config
from cadence.daemon.settings import Channel, EmailTransport, SmsTransport
from cadence.errors import CadenceError, os_problem
from notifiers import (Delivery, EmailMessage, FileOutbox, Message, SmsChannel, SmsGatewayConfig, SmsMessage,
                       SmtpChannel, SmtpConfig, Success, TransportError)
from notifiers.smstext import prepare_text

OnDelivery = Callable[[Delivery], None]


class Outlet:
    """One channel: the file outbox or an SMS gateway, one message at a time."""

    def __init__(self, channel, *, sms_text: Callable[[str], str]) -> None:
        self.channel = channel
        self._sms_text = sms_text

    def deliver(self, messages: list[Message], on_delivery: OnDelivery) -> None:
        for message in messages:
            try:
                self.channel.send(message)
            except TransportError as error:
                on_delivery(Delivery(key=message.key, error=error))
            else:
                on_delivery(Delivery(key=message.key))

    def sms_text(self, text: str) -> str:
        """An SMS text as it will travel (diacritics stripped, cut to size): for dry runs."""
        return self._sms_text(text)

    def close(self) -> None:
        close = getattr(self.channel, "close", None)
        if close is not None:
            close()


class SmtpOutlet(Outlet):
    """Email through SMTP: one connection per batch, each outcome heard as it happens."""

    def deliver(self, messages: list[Message], on_delivery: OnDelivery) -> None:
        self.channel.send_many(messages, on_delivery=on_delivery)


def enabled_channels(config: Config) -> frozenset[Channel]:
    """The channels whose transport is not "off"."""
    found = set()
    if config.notifiers.email.transport is not EmailTransport.OFF:
        found.add(Channel.EMAIL)
    if config.notifiers.sms.transport is not SmsTransport.OFF:
        found.add(Channel.SMS)
    return frozenset(found)


@contextmanager
def open_outlets(config: Config, environ: Mapping[str, str] | None = None) -> Iterator[dict[Channel, Outlet]]:
    environ = os.environ if environ is None else environ
    outlets = {}
    try:
        if Channel.EMAIL in enabled_channels(config):
            outlets[Channel.EMAIL] = _email(config, environ)
        if Channel.SMS in enabled_channels(config):
            outlets[Channel.SMS] = _sms(config, environ)
        yield outlets
    finally:
        for outlet in outlets.values():
            outlet.close()


def _sms_text(config: Config) -> Callable[[str], str]:
    sms = config.notifiers.sms
    return lambda text: prepare_text(text, strip=sms.strip_diacritics, max_segments=sms.max_segments or None)


def outbox_folder(config: Config) -> Path:
    folder = config.notifiers.outbox.folder
    return folder if folder.is_absolute() else config.path.parent / folder


def _file_outbox(config: Config) -> Outlet:
    sms = config.notifiers.sms
    outbox = FileOutbox(outbox_folder(config), sender=config.notifiers.email.sender,
                        sms_strip_diacritics=sms.strip_diacritics, sms_max_segments=sms.max_segments or None,
                        phone_format=sms.phone_format)
    return Outlet(outbox, sms_text=_sms_text(config))


def _email(config: Config, environ: Mapping[str, str]) -> Outlet:
    email = config.notifiers.email
    if email.transport is EmailTransport.OUTBOX:
        return _file_outbox(config)
    password = _secret(environ, email.password_env, email.password_file, "notifiers.email.password_file")
    if email.username and password is None:
        raise CadenceError("errors.config.password-needed", variable=email.password_env)
    try:
        smtp = SmtpConfig(host=email.host, sender=email.sender, port=email.port or None, security=email.security,
                          username=email.username or None, password=password if email.username else None,
                          timeout=email.timeout, ca_file=email.ca_file,
                          messages_per_connection=email.messages_per_connection)
    except ValueError as error:
        raise CadenceError("errors.config.channel", channel="email", detail=str(error)) from None
    return SmtpOutlet(SmtpChannel(smtp), sms_text=_sms_text(config))


def _sms(config: Config, environ: Mapping[str, str]) -> Outlet:
    sms = config.notifiers.sms
    if sms.transport is SmsTransport.OUTBOX:
        return _file_outbox(config)
    secret = _secret(environ, sms.secret_env, sms.secret_file, "notifiers.sms.secret_file")
    headers = [_split(entry, ":", secret, "notifiers.sms.headers", sms.secret_env) for entry in sms.headers]
    fields = [_split(entry, "=", secret, "notifiers.sms.fields", sms.secret_env) for entry in sms.fields]
    try:
        success = Success(statuses=frozenset(sms.success_statuses) or frozenset(range(200, 300)),
                          json_path=sms.success_json_path or None, json_value=sms.success_json_value or None,
                          body_regex=sms.success_body_regex or None)
        gateway = SmsGatewayConfig(
            url=sms.url, body_template=sms.body_template, method=sms.method, body_format=sms.body_format,
            headers=headers, fields=fields, brandname=sms.brandname, success=success, timeout=sms.timeout,
            phone_format=sms.phone_format, strip_diacritics=sms.strip_diacritics,
            max_segments=sms.max_segments or None, body_failure_permanent=sms.body_failure_permanent)
    except ValueError as error:
        raise CadenceError("errors.config.channel", channel="sms", detail=str(error)) from None
    return Outlet(SmsChannel(gateway), sms_text=_sms_text(config))


def _secret(environ: Mapping[str, str], variable: str, file: Path | None, where: str) -> str | None:
    """The secret from its file when one is named, else from the environment variable."""
    if file is not None:
        try:
            return file.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise CadenceError("errors.config.cannot-read", where=where, file=str(file), problem=os_problem(error)) from None
    return environ.get(variable) or None


def _split(entry: str, separator: str, secret: str | None, where: str, variable: str) -> tuple[str, str]:
    name, _, value = entry.partition(separator)
    if "{secret}" in value:
        if secret is None:
            raise CadenceError("errors.config.secret-needed", where=where, name=repr(name.strip()), variable=variable)
        value = value.replace("{secret}", secret)
    return name.strip(), value.strip()


def as_message(row) -> Message:
    """An outbox row as the notifiers' message value (the key is the row's unique key)."""
    if row.channel is Channel.EMAIL:
        return EmailMessage(key=row.key, to=row.recipient, subject=row.subject, text=row.text, html=row.html)
    return SmsMessage(key=row.key, phone=row.recipient, text=row.text)
