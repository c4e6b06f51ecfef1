"""What is sent, and the one error every channel raises.

Messages are plain frozen values so the daemon can build them, store them in its outbox
table, and hand them to any channel. They check their *shape* when built (a key, at least one
recipient, no line breaks in a subject), because a wrong shape is a programming error. They do
not judge whether an address or a phone number is *valid*: those come from a units directory
typed by people, and a bad one must become a recorded, permanent delivery failure on that
message's row, not an exception that stops the loop building the other messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar


M = TypeVar("M", "EmailMessage", "SmsMessage")


class TransportError(Exception):
    """A message could not be delivered; `permanent` says whether retrying can help.

    Permanent: SMTP 5xx, a refused recipient, a malformed address or phone number, a gateway
    that says no. Transient: a timeout, a refused connection, SMTP 4xx, HTTP 5xx/408/429.
    The daemon writes `str(error)` on the message's row, retries transient ones with backoff
    and gives up on permanent ones. The text never contains a password or an API key.
    """

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent

    def __repr__(self) -> str:
        return f"TransportError({self.message!r}, permanent={self.permanent})"


@dataclass(frozen=True, kw_only=True)
class EmailMessage:
    """One email: plain text always, HTML optional (sent as multipart/alternative).

    `key` is the idempotency key (item, level, recipient, channel in the daemon): it gives a
    stable Message-ID, so a message sent again after a crash is recognisably the same one,
    and the file name in the file outbox, so a resend overwrites instead of duplicating.
    `headers` are extra headers (Reply-To, List-Id, …); a dict is accepted and frozen.
    """

    key: str
    to: tuple[str, ...]
    subject: str
    text: str
    html: str | None = None
    headers: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "to", _as_tuple(self.to))
        object.__setattr__(self, "headers", _as_pairs(self.headers))
        _require_key(self.key)
        if not self.to or not all(isinstance(a, str) and a.strip() for a in self.to):
            raise ValueError(f"email {self.key!r}: `to` needs at least one address")
        _require_one_line("subject", self.subject, self.key)
        for name, value in self.headers:
            _require_one_line(f"header {name}", value, self.key)
            if name.lower() in _OWN_HEADERS:
                raise ValueError(f"email {self.key!r}: header {name} is set by its own field")


@dataclass(frozen=True, kw_only=True)
class SmsMessage:
    """One SMS: a phone number as a person typed it (normalised by the channel) and a text."""

    key: str
    phone: str
    text: str

    def __post_init__(self) -> None:
        _require_key(self.key)
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError(f"sms {self.key!r}: empty text")


@dataclass(frozen=True, kw_only=True)
class Delivery:
    """The outcome of one message in a batch: `error` is None when it was accepted."""

    key: str
    error: TransportError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


Message = EmailMessage | SmsMessage


def deliver_each(send: Callable[[M], None], messages: Iterable[M]) -> list[Delivery]:
    """Send one by one, turning each TransportError into that message's Delivery, so one bad
    message never stops the others. (Any other exception is a bug and propagates.)"""
    deliveries = []
    for message in messages:
        try:
            send(message)
        except TransportError as error:
            deliveries.append(Delivery(key=message.key, error=error))
        else:
            deliveries.append(Delivery(key=message.key))
    return deliveries

# Headers that come from a message field or from the channel's configuration (From), so a
# stray extra header cannot contradict them. Message-ID and Date may be given explicitly.
_OWN_HEADERS = frozenset({"from", "to", "cc", "bcc", "subject"})


def _as_tuple(to: str | Iterable[str]) -> tuple[str, ...]:
    return (to,) if isinstance(to, str) else tuple(to)


def _as_pairs(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    return tuple((str(name), str(value)) for name, value in items)


def _require_key(key: str) -> None:
    if not isinstance(key, str) or not key.strip():
        raise ValueError("a message needs a non-empty key (its idempotency key)")


def _require_one_line(what: str, value: str, key: str) -> None:
    # A line break in a header would let text inject headers of its own.
    if "\n" in value or "\r" in value:
        raise ValueError(f"email {key!r}: {what} must be one line, got {value!r}")
