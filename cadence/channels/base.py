"""What every channel module provides, and the outlet that carries its messages.

A channel module holds one ``Channel`` subclass instance as ``CHANNEL``. Nothing here loads a
transport: ``notifiers`` (aiosmtplib, httpx, jinja2) is imported only when an outlet is opened
or a message rendered, so reading the configuration stays cheap.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from cadence.errors import CadenceError, os_problem

OnDelivery = Callable[[Any], None]  # called with a notifiers.Delivery as each outcome is known
SECRET_BYTES = 64 * 1024  # a password or a key is a line; a file past this is not one
_KIND = re.compile(r"^[a-z][a-z0-9]{1,7}$")  # stored in 8-character columns


@dataclass(frozen=True, kw_only=True)
class Shared:
    """What the channels of one configuration share: the file outbox's folder (absolute), and
    where secrets are read from."""

    outbox: Path
    environ: Mapping[str, str]


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """A message as the channel carries it; a channel without subjects leaves ``subject`` empty."""

    subject: str
    text: str
    html: str | None = None


class Channel:
    """One way of reaching people. Subclasses set the class attributes and the methods below."""

    kind: ClassVar[str]  # "email": [notifiers.email], contact rows, notices and messages
    field: ClassVar[str]  # the key of its address in a units file's contact tables ("phone")
    Section: ClassVar[type]  # its config section ([notifiers.<kind>]), a frozen dataclass
    short: ClassVar[bool] = False  # short texts, no subject (SMS): a link goes first
    carries_digest: ClassVar[bool] = False  # long HTML documents (the weekly digest)

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if not _KIND.match(cls.kind):
            raise TypeError(f"channel kind {cls.kind!r}: 2 to 8 lower-case letters or digits")

    def address(self, text: str) -> str:
        """The address as stored, or ValueError saying what is wrong with it."""
        raise NotImplementedError

    def enabled(self, section) -> bool:
        """Whether anything goes out on this channel (its transport is not "off")."""
        return section.transport.value != "off"

    def leaves_machine(self, section) -> bool:
        """Whether its messages go to people elsewhere (not "off", not the file outbox, where
        they stay files on this machine): a link in them must open from there."""
        return section.transport.value not in ("off", "outbox")

    def batch(self, section) -> int:
        """How many of its messages one send step claims."""
        raise NotImplementedError

    def render(self, renderer, context: dict, locale) -> Rendered:
        """A person's daily message (``<locale>/daily…`` templates). Raises RenderError."""
        raise NotImplementedError

    def letter(self, *, subject: str, text: str, brief: str) -> Rendered:
        """A message written in code rather than a template (a fresh link): the full text with a
        subject, or the brief one on a channel of short texts."""
        return Rendered(subject="", text=brief) if self.short else Rendered(subject=subject, text=text)

    def travels_as(self, section, text: str) -> str:
        """The text as it will travel (for dry runs)."""
        return text

    def outlet(self, section, shared: Shared) -> Outlet:
        """The open transport (a context the caller closes)."""
        raise NotImplementedError

    def message(self, *, key: str, recipient: str, subject: str, text: str, html: str | None):
        """The notifiers message for one outbox row."""
        raise NotImplementedError


class Outlet:
    """A transport behind one interface: ``deliver`` hands each outcome to ``on_delivery`` as
    soon as it is known, so the daemon records it before the next message goes (a crash leaves
    at most the one message in flight unrecorded). This one sends one message at a time."""

    def __init__(self, transport) -> None:
        self.channel = transport  # the notifiers transport (FileOutbox, SmsChannel, SmtpChannel)

    def deliver(self, messages: list, on_delivery: OnDelivery) -> None:
        from notifiers import Delivery, TransportError

        for message in messages:
            try:
                self.channel.send(message)
            except TransportError as error:
                on_delivery(Delivery(key=message.key, error=error))
            else:
                on_delivery(Delivery(key=message.key))

    def close(self) -> None:
        close = getattr(self.channel, "close", None)
        if close is not None:
            close()


def secret(environ: Mapping[str, str], variable: str, file: Path | None, where: str) -> str | None:
    """A secret from its file when one is named, else from the environment variable; never
    from config.toml, never logged."""
    if file is not None:
        from cadence.userfiles import FileRefused, read_text

        try:  # a secret is a line; a FIFO or a device named here is never opened
            return read_text(file, most_bytes=SECRET_BYTES, key=where).strip()
        except FileRefused as refused:
            raise CadenceError("errors.config.cannot-read", where=where, file=str(file), problem=refused.problem) from None
    return environ.get(variable) or None
