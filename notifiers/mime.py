"""An `EmailMessage` value → a MIME message, shared by the SMTP channel and the file outbox.

Both must produce the same bytes for the same message, so that what the demo writes to a
folder is exactly what a mail server would have received.
"""

from __future__ import annotations

import email.message
import email.policy
import functools
import hashlib
import re
from datetime import datetime
from email.errors import NonASCIILocalPartDefect
from email.headerregistry import HeaderRegistry
from email.utils import format_datetime

from .message import EmailMessage, TransportError

# Deliberately loose: one local part, one "@", a domain with a dot, nothing that would split
# the address in a header. Whether the mailbox exists is the mail server's answer, not ours.
_ADDR_SPEC = re.compile(r"[^@\s<>,;:\"()\[\]]+@[^@\s<>,;:\"()\[\]]+\.[^@\s<>,;:\"()\[\].]+")
# A non-ASCII local part is valid where the server offers SMTPUTF8; the server decides.
_HEADERS = HeaderRegistry()


def check_address(text: str) -> str:
    """Return the bare address in `text` ("Tên <a@b.vn>" or "a@b.vn"); raise if malformed.

    A malformed address is a permanent failure: sending it again will not fix the directory.
    """
    return _address_header("To", text).addresses[0].addr_spec


@functools.lru_cache(maxsize=4096)
def _address_header(name: str, text: str):
    """The parsed header for one address. Parsing an address with the email package costs
    about 0.1 ms; the same contacts get mail every day, and a parsed header can be set on a
    message as it is, so parse each one once (a batch of 10,000 feels it)."""
    header = _HEADERS(name, text)
    defects = [d for d in header.defects if not isinstance(d, NonASCIILocalPartDefect)]
    found = [a.addr_spec for a in header.addresses]
    if defects or len(found) != 1 or not _ADDR_SPEC.fullmatch(found[0]):
        raise TransportError(f"malformed email address {text!r}", permanent=True)
    return header


def message_id(key: str, sender: str) -> str:
    """A Message-ID that is the same every time the same key is sent (duplicates are visible)."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = check_address(sender).rpartition("@")[2]
    return f"<{digest}@{domain}>"


def build_mime(message: EmailMessage, *, sender: str, date: datetime) -> email.message.EmailMessage:
    """Headers, a text/plain part, and an HTML alternative when the message has one."""
    recipients = [_address_header("To", address) for address in message.to]
    mime = email.message.EmailMessage()
    mime["From"] = _address_header("From", sender)
    mime["To"] = recipients[0] if len(recipients) == 1 else ", ".join(message.to)
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(date)
    mime["Message-ID"] = message_id(message.key, sender)
    for name, value in message.headers:
        del mime[name]
        mime[name] = value
    mime.set_content(message.text)
    if message.html is not None:
        mime.add_alternative(message.html, subtype="html")
    mime.policy = _UNFOLDED  # bodies are encoded by now; this only changes how headers are written
    return mime


# Python's header folding drops the space at a fold between two RFC 2047 encoded words, so a
# Vietnamese subject longer than a line reads "2mục" instead of "2 mục" in every mail client.
# Headers written on one line (RFC 5322 allows 998 characters) are never folded.
_UNFOLDED = email.policy.default.clone(max_line_length=998)
