"""A folder instead of a mail server or an SMS gateway: for the demo, and for offices that
have no mail server yet.

Each message becomes one file: an email a standard `.eml` (the same MIME an SMTP server would
receive; any mail client opens it), an SMS a `.json` with the number and the text as a gateway
would get them. The file name comes from the message's key, so sending the same message again
after a crash overwrites its file instead of adding a second one. Files are written to a
temporary name in the same folder and renamed into place, so a reader (or a crash) never sees
half a message.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

from .message import Delivery, EmailMessage, Message, SmsMessage, TransportError, deliver_each
from .mime import build_mime
from .phone import PhoneFormat, normalize_phone
from .smstext import prepare_text, sms_size, strip_diacritics


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class FileOutbox:
    """`send(message)` writes its file (raising TransportError if it cannot); `send_many`
    returns one Delivery each; `path_for(message)` says where a message goes.

    The SMS options mirror a gateway's, so the folder shows what a gateway would be sent.
    `.invalid` in the default sender is the top-level domain reserved for names that must
    never resolve.
    """

    def __init__(self, folder: Path | str, *, sender: str = "Cadence <cadence@outbox.invalid>",
                 sms_strip_diacritics: bool = False, sms_max_segments: int | None = None,
                 phone_format: PhoneFormat = PhoneFormat.LOCAL,
                 now: Callable[[], datetime] = _utc_now) -> None:
        self.folder = Path(folder)
        self.sender = sender
        self.sms_strip_diacritics = sms_strip_diacritics
        self.sms_max_segments = sms_max_segments
        self.phone_format = PhoneFormat(phone_format)
        self._now = now

    def path_for(self, message: Message) -> Path:
        suffix = ".eml" if isinstance(message, EmailMessage) else ".json"
        return self.folder / (file_stem(message.key) + suffix)

    def send(self, message: Message) -> None:
        if isinstance(message, EmailMessage):
            mime = build_mime(message, sender=self.sender, date=self._now())
            content = bytes(mime)
        else:
            content = self._sms_json(message).encode("utf-8")
        _write_atomically(self.path_for(message), content)

    def send_many(self, messages: Iterable[Message]) -> list[Delivery]:
        return deliver_each(self.send, messages)

    def _sms_json(self, message: SmsMessage) -> str:
        text = prepare_text(message.text, strip=self.sms_strip_diacritics,
                            max_segments=self.sms_max_segments)
        size = sms_size(text)
        record = {"key": message.key, "phone": normalize_phone(message.phone, self.phone_format),
                  "text": text, "encoding": size.encoding.value, "segments": size.segments}
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def file_stem(key: str) -> str:
    """A readable, safe file name for a key, made unique by a hash of the whole key (two keys
    that read the same once folded or cut short still get two files)."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", strip_diacritics(key)).strip("-.")[:80]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return f"{readable}-{digest}" if readable else digest


def _write_atomically(path: Path, content: bytes) -> None:
    """Temp file in the same folder, fsync, rename over the target, fsync the folder: after
    a crash the file is either the old one or the new one, never a torn mix."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = _write_temporary(path.parent, content)
        try:
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
        _fsync_folder(path.parent)
    except OSError as error:
        # A full disk or a folder we may not write: the channel's fault, worth retrying.
        raise TransportError(f"file outbox {path.parent}: {error}", permanent=False) from None


def _write_temporary(folder: Path, content: bytes) -> Path:
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".", suffix=".tmp", delete=False)
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
