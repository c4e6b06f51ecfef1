"""Email over SMTP (aiosmtplib): plain, STARTTLS or implicit TLS, optional login.

A batch goes through one connection (`send_many`), because a connection costs a TCP and often a
TLS handshake plus a login, and a Monday of reminders is thousands of messages. One message
failing never stops the batch: each gets its own `Delivery`.

Which failures are permanent is decided by where they happen:
- connecting, the TLS handshake, the greeting and the login are the *channel's* problem (server
  down, wrong password, certificate not trusted): transient, because giving up would lose every
  message while an administrator fixes the configuration;
- the envelope and the data are the *message's* problem: a 5xx answer (recipient unknown,
  message refused) is permanent, a 4xx answer (mailbox busy, greylisting) transient.
A connection dropped after DATA was sent but before the server answered is reported transient:
the daemon will send that one message again, with the same Message-ID.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import aiosmtplib

from .message import Delivery, EmailMessage, TransportError
from .mime import build_mime, check_address
from .options import Security

log = logging.getLogger(__name__)


_DEFAULT_PORTS = {Security.PLAIN: 25, Security.STARTTLS: 587, Security.TLS: 465}


@dataclass(frozen=True, kw_only=True)
class SmtpConfig:
    """Where and how to send. `password` is supplied by the caller (from an environment
    variable or a file) and never appears in a repr, a log line or an error."""

    host: str
    sender: str
    port: int | None = None
    security: Security = Security.STARTTLS
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    ca_file: Path | None = None  # trust this CA bundle instead of the system's (a private CA)
    local_hostname: str | None = None  # name given in EHLO; default: this machine's FQDN
    messages_per_connection: int = 100  # reconnect after this many; servers cap sessions

    def __post_init__(self) -> None:
        object.__setattr__(self, "security", Security(self.security))
        if self.ca_file is not None:
            object.__setattr__(self, "ca_file", Path(self.ca_file))
        _check_config(self)

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else _DEFAULT_PORTS[self.security]


def _check_config(config: SmtpConfig) -> None:
    if not config.host:
        raise ValueError("host: expected a host name, got nothing")
    if config.port is not None and not 0 < config.port < 65536:
        raise ValueError(f"port: expected 1-65535, got {config.port!r}")
    if not config.timeout > 0:
        raise ValueError(f"timeout: expected seconds > 0, got {config.timeout!r}")
    if (config.username is None) != (config.password is None):
        raise ValueError("username and password: give both or neither")
    if config.messages_per_connection < 1:
        raise ValueError("messages_per_connection: expected at least 1")
    try:
        check_address(config.sender)
    except TransportError as error:
        raise ValueError(f"sender: {error}") from None


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SmtpChannel:
    """`send(message)` raises TransportError; `send_many(messages)` returns one Delivery each.

    The sync methods run their own event loop (`asyncio.run`), so call them from plain threads
    such as APScheduler's; from async code, await `asend` / `asend_many` instead.
    `now` stamps the Date header; tests pass a fixed clock.
    """

    def __init__(self, config: SmtpConfig, *, now: Callable[[], datetime] = _utc_now) -> None:
        self.config = config
        self._now = now

    def send(self, message: EmailMessage) -> None:
        asyncio.run(self.asend(message))

    def send_many(self, messages: Iterable[EmailMessage], *,
                  on_delivery: Callable[[Delivery], None] | None = None) -> list[Delivery]:
        return asyncio.run(self.asend_many(messages, on_delivery=on_delivery))

    async def asend(self, message: EmailMessage) -> None:
        (delivery,) = await self.asend_many([message])
        if delivery.error is not None:
            raise delivery.error

    async def asend_many(self, messages: Iterable[EmailMessage], *,
                         on_delivery: Callable[[Delivery], None] | None = None) -> list[Delivery]:
        """`on_delivery` hears each outcome as soon as it is known, so a caller can record it
        before the next message goes: a crash mid-batch then leaves at most the one message in
        flight unrecorded. It runs inside the event loop; keep it short."""
        session = _Session(self.config)
        deliveries = []
        try:
            for message in messages:
                deliveries.append(await self._deliver(session, message))
                if on_delivery is not None:
                    on_delivery(deliveries[-1])
            return deliveries
        finally:
            await session.close()

    async def _deliver(self, session: _Session, message: EmailMessage) -> Delivery:
        try:
            mime = build_mime(message, sender=self.config.sender, date=self._now())
            await session.send(mime)
        except TransportError as error:
            log.debug("email %s not sent: %s", message.key, error)
            return Delivery(key=message.key, error=error)
        return Delivery(key=message.key)


class _Session:
    """One SMTP connection at a time, opened on demand and replaced when it breaks.

    When the server cannot be reached, the error is remembered and given to every remaining
    message of the batch without knocking again: a server that is down stays down for the
    few seconds a batch takes, and a thousand connection attempts would only slow the daemon.
    """

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self.client: aiosmtplib.SMTP | None = None
        self.sent_on_client = 0
        self.unreachable: TransportError | None = None

    async def send(self, mime) -> None:
        client = await self._client()
        try:
            refused, _ = await client.send_message(mime)
        except Exception as error:
            if not (client.is_connected and isinstance(error, _CONNECTION_SURVIVES)):
                await self.close()
            raise _message_error(self.config, error) from error
        self.sent_on_client += 1
        if refused:
            raise _partly_refused(refused)

    async def _client(self) -> aiosmtplib.SMTP:
        if self.unreachable is not None:  # a fresh error each time: tracebacks would pile up
            raise TransportError(self.unreachable.message, permanent=False)
        if self.client is not None and self.sent_on_client >= self.config.messages_per_connection:
            await self.close()
        if self.client is None:
            self.client = await self._connect()
            self.sent_on_client = 0
        return self.client

    async def _connect(self) -> aiosmtplib.SMTP:
        client = _new_client(self.config)
        try:
            await client.connect()
        except Exception as error:
            client.close()
            self.unreachable = _channel_error(self.config, error)
            raise self.unreachable from error
        return client

    async def close(self) -> None:
        client, self.client = self.client, None
        if client is None or not client.is_connected:
            return
        try:
            await client.quit()
        except Exception:  # the server went away first; nothing left to tidy
            client.close()


@functools.cache
def _this_host() -> str:
    """This machine's FQDN for EHLO, looked up once: on an office server with a slow or
    broken resolver each lookup can take seconds, and a batch opens many connections."""
    return socket.getfqdn()


def _new_client(config: SmtpConfig) -> aiosmtplib.SMTP:
    return aiosmtplib.SMTP(
        hostname=config.host,
        port=config.effective_port,
        username=config.username,
        password=config.password,
        local_hostname=config.local_hostname or _this_host(),
        timeout=config.timeout,
        use_tls=config.security is Security.TLS,
        start_tls=config.security is Security.STARTTLS,
        validate_certs=True,
        cert_bundle=str(config.ca_file) if config.ca_file else None,
    )


# Errors after which aiosmtplib has reset the envelope and the connection can carry on.
_CONNECTION_SURVIVES = (
    aiosmtplib.SMTPResponseException,
    aiosmtplib.SMTPRecipientsRefused,
    aiosmtplib.SMTPNotSupported,
    ValueError,
)


def _channel_error(config: SmtpConfig, error: Exception) -> TransportError:
    """Connect, TLS, greeting, login: always transient (see the module docstring)."""
    if isinstance(error, aiosmtplib.SMTPAuthenticationError):
        what = f"login refused for {config.username!r} ({error.code} {error.message})"
    elif isinstance(error, aiosmtplib.SMTPResponseException):
        what = f"server answered {error.code} {error.message}"
    else:
        what = _describe(error)
    return TransportError(f"{_where(config)}: {what}", permanent=False)


def _message_error(config: SmtpConfig, error: Exception) -> TransportError:
    """Envelope and data: the server's code decides; a broken connection is transient."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [r.code for r in error.recipients]
        refused = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in error.recipients)
        return TransportError(f"recipient refused: {refused}", permanent=min(codes) >= 500)
    if isinstance(error, aiosmtplib.SMTPResponseException):
        what = f"server answered {error.code} {error.message}"
        return TransportError(what, permanent=error.code >= 500)
    if isinstance(error, (aiosmtplib.SMTPNotSupported, ValueError)):
        # e.g. a non-ASCII address to a server without SMTPUTF8: this message can never go.
        return TransportError(f"cannot send this message: {error}", permanent=True)
    return TransportError(f"{_where(config)}: {_describe(error)}", permanent=False)


def _partly_refused(refused: dict) -> TransportError:
    """Some recipients took the message: permanent, because a retry would send it to them
    again. (The daemon sends one recipient per message, so this is rare.)"""
    listed = "; ".join(f"{who}: {r.code} {r.message}" for who, r in refused.items())
    return TransportError(f"sent to the others, but refused for {listed}", permanent=True)


def _where(config: SmtpConfig) -> str:
    return f"SMTP {config.host}:{config.effective_port}"


def _describe(error: Exception) -> str:
    if isinstance(error, (asyncio.TimeoutError, aiosmtplib.SMTPTimeoutError)):
        return f"timed out ({error})" if str(error) else "timed out"
    return str(error) or type(error).__name__
