"""E-mail: ``[notifiers.email]``, addresses with an @, a subject, a text and an HTML part;
sent through SMTP (one connection per batch) or written as .eml files to the file outbox.

The password comes from the environment variable ``password_env`` or the file
``password_file``, never from config.toml; it goes into the notifiers' SMTP settings, which
keep it out of reprs and error messages.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from cadence.catalogue import Words
from cadence.channels.base import Channel, OnDelivery, Outlet, Rendered, Shared, secret
from cadence.configkit import bounds
from cadence.errors import CadenceError
from notifiers.options import Security


class EmailTransport(str, enum.Enum):
    SMTP = "smtp"
    OUTBOX = "outbox"  # files in [notifiers.outbox] folder: the demo, offices without a mail server
    OFF = "off"


@dataclass(frozen=True, kw_only=True)
class EmailConfig:
    """[notifiers.email]. The password comes from the environment variable ``password_env``
    or the file ``password_file``, never from this file."""

    transport: EmailTransport = EmailTransport.OUTBOX
    host: str = "127.0.0.1"
    port: int = field(default=0, metadata=bounds(0, 65535))  # 0: the usual port for `security`
    security: Security = Security.STARTTLS
    username: str = ""
    password_env: str = "CADENCE_SMTP_PASSWORD"
    password_file: Path | None = None
    sender: str = "Cadence <cadence@example.invalid>"
    timeout: float = field(default=30.0, metadata=bounds(0.1, 600))
    ca_file: Path | None = None
    messages_per_connection: int = field(default=100, metadata=bounds(1, 100_000))


class SmtpOutlet(Outlet):
    """Email through SMTP: one connection per batch, each outcome heard as it happens."""

    def deliver(self, messages: list, on_delivery: OnDelivery) -> None:
        self.channel.send_many(messages, on_delivery=on_delivery)


class Email(Channel):
    kind = "email"
    field = "email"
    Section = EmailConfig
    carries_digest = True

    def address(self, text: str) -> str:
        text = text.strip() if isinstance(text, str) else ""
        local, at, domain = text.rpartition("@")
        if not (at and local and domain) or any(c.isspace() for c in text):
            raise ValueError(Words("errors.expected", expected=Words("expect.email"), value=repr(text)))
        return text

    def batch(self, section: EmailConfig) -> int:
        return section.messages_per_connection

    def render(self, renderer, context: dict, locale) -> Rendered:
        subject = " ".join(renderer.render("daily.subject.txt", context, locale=locale).split())
        text = renderer.render("daily.txt", context, locale=locale)
        html = renderer.render("daily.html", context, locale=locale) if renderer.has("daily.html", locale=locale) else None
        return Rendered(subject=subject, text=text, html=html)

    def outlet(self, section: EmailConfig, shared: Shared) -> Outlet:
        from notifiers import FileOutbox, SmtpChannel, SmtpConfig

        if section.transport is EmailTransport.OUTBOX:
            return Outlet(FileOutbox(shared.outbox, sender=section.sender))
        password = secret(shared.environ, section.password_env, section.password_file, "notifiers.email.password_file")
        if section.username and password is None:
            raise CadenceError("errors.config.password-needed", variable=section.password_env)
        try:
            smtp = SmtpConfig(host=section.host, sender=section.sender, port=section.port or None,
                              security=section.security, username=section.username or None,
                              password=password if section.username else None, timeout=section.timeout,
                              ca_file=section.ca_file, messages_per_connection=section.messages_per_connection)
        except ValueError as error:
            raise CadenceError("errors.config.channel", channel="email", detail=str(error)) from None
        return SmtpOutlet(SmtpChannel(smtp))

    def message(self, *, key: str, recipient: str, subject: str, text: str, html: str | None):
        from notifiers import EmailMessage

        return EmailMessage(key=key, to=recipient, subject=subject, text=text, html=html)


CHANNEL = Email()
