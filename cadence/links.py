"""Completion links: the permission, carried in a reminder, to mark its own items done.

    url = completion_url(config, [item.id, ...], unit_id, now)   # into every reminder/escalation
    link = verify_link(session, config, token, now)             # the page, on every request

A token is bound to its items, its unit and its expiry by an HMAC-SHA256 (truncated to 128
bits, RFC 2104 §5) under a secret only the server holds. It is packed in bytes, not JSON,
because it often travels by SMS: a link with one item is about 40 characters, and with
Vietnamese text an SMS segment holds 70 characters (UCS-2), so every character costs.

No account is needed: whoever holds the link may mark *its* items done, nothing else. A link
is refused when forged or damaged, when expired, and when revoked (a row in
``link_revocations``: one link, every link of a unit issued before a moment, or every link).
Neither the token nor the secret is ever logged; the database keeps only a digest of a token.

The secret: CADENCE_WEB_SECRET, else the file ``[web] secret_file`` (default ``web-secret``
beside config.toml), created with random content, owner-only, the first time it is needed.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import hashlib
import hmac
import ipaddress
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cadence.channels import channel
from cadence.config import WEB_SECRET_ENV, Config
from cadence.errors import CadenceError, os_problem
from cadence.store import Transaction
from cadence.store import links as kept

LINK_PATH = "/l/"  # short: the link goes into SMS
SECRET_FILE = "web-secret"
_VERSION = 1
_MAC_BYTES = 16
_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)  # token times count minutes from here
_MAX_ITEMS = 200  # one message lists one person's items of a day; more is a bug, not a link


class LinkProblem(str, enum.Enum):
    """Why a link cannot be used (the page says which, plainly)."""

    FORGED = "forged"  # not signed with our secret, or damaged in transit
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True, kw_only=True)
class Link:
    """What a valid token grants. ``digest`` names the link in the database instead of the token."""

    item_ids: tuple[int, ...]
    unit_id: int
    issued_at: dt.datetime
    expires_at: dt.datetime
    digest: str


class LinkError(Exception):
    """A link that cannot be used. ``link`` is None when forged (nothing in it can be trusted),
    else the expired or revoked link, whose unit may ask for a fresh one."""

    def __init__(self, problem: LinkProblem, link: Link | None = None) -> None:
        super().__init__(problem.value)
        self.problem, self.link = problem, link


def completion_url(config: Config, item_ids: list[int], unit_id: int, now: dt.datetime,
                   expires: dt.datetime | None = None) -> str:
    """The link for a message about ``item_ids`` of ``unit_id``, valid ``[web] link_days``, or
    until ``expires`` (a calendar's event: ``link_days`` after its item's due moment)."""
    expires = expires or now + dt.timedelta(days=config.web.link_days)
    return base_url(config) + LINK_PATH + make_token(link_key(config), item_ids, unit_id, now, expires)


def base_url(config: Config) -> str:
    """How page addresses begin for people outside this machine (``[web] base_url``)."""
    return config.web.base_url.rstrip("/") or f"http://{config.web.host}:{config.web.port}"


def check_reachable(config: Config) -> None:
    """Refuse to send links nobody can open: with ``[web] base_url`` empty, links begin with
    ``[web] host``, and a loopback or wildcard host (127.0.0.1, the default) reaches only this
    machine. Channels that leave the machine (SMTP, an SMS gateway) would carry such links to
    every phone; the file outbox keeps its messages here, so it may. A CadenceError naming the
    key to set and the channels concerned."""
    if reachable(config):
        return
    leaving = [kind for kind in config.notifiers.enabled()
               if channel(kind).leaves_machine(config.notifiers.section(kind))]
    if leaving:
        raise CadenceError("errors.links.loopback", url=base_url(config), channels=", ".join(leaving),
                           path=str(config.path))


def reachable(config: Config) -> bool:
    """Whether links open beyond this machine: ``[web] base_url`` set, or a host others reach."""
    return bool(config.web.base_url.strip()) or not _local_only(config.web.host)


def _local_only(host: str) -> bool:
    """A host only this machine reaches: loopback (127.0.0.0/8, ::1, localhost) or a wildcard
    (0.0.0.0, ::), which a server listens on but nobody can be sent to."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost") or not name:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def token_of(url: str) -> str:
    """The token at the end of a completion URL (for tests and the ``cadence links`` command)."""
    return url.rsplit(LINK_PATH, 1)[-1].split("?", 1)[0].strip()


def make_token(key: bytes, item_ids: list[int], unit_id: int, issued_at: dt.datetime,
               expires_at: dt.datetime) -> str:
    """Pack and sign: version, unit, issued minute, lifetime in minutes, the sorted items."""
    ids = sorted(set(item_ids))
    if not ids or len(ids) > _MAX_ITEMS:
        raise ValueError(f"a link is for 1 to {_MAX_ITEMS} items, got {len(ids)}")
    issued = _minutes(issued_at)
    lifetime = max(0, _minutes(expires_at) - issued)
    deltas = [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]
    payload = bytes([_VERSION]) + b"".join(_varint(n) for n in (unit_id, issued, lifetime, len(ids), *deltas))
    raw = payload + _mac(key, payload)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def read_token(key: bytes, token: str, now: dt.datetime) -> Link:
    """The link a token grants, checking signature and expiry (not revocation: that needs the
    database; see ``verify_link``). Raises LinkError."""
    raw = _unbase64(token)
    payload, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    if len(payload) < 2 or not hmac.compare_digest(mac, _mac(key, payload)):
        raise LinkError(LinkProblem.FORGED)
    link = _unpack(payload, digest=hashlib.sha256(raw).hexdigest())
    if now >= link.expires_at:
        raise LinkError(LinkProblem.EXPIRED, link)
    return link


def verify_link(session: Transaction, config: Config, token: str, now: dt.datetime) -> Link:
    """A usable link, or LinkError saying why not (forged, expired, revoked)."""
    link = read_token(link_key(config), token, now)
    if is_revoked(session, link):
        raise LinkError(LinkProblem.REVOKED, link)
    return link


def is_revoked(session: Transaction, link: Link) -> bool:
    return kept.is_revoked(session, digest=link.digest, unit_id=link.unit_id, issued_at=link.issued_at)


def revoke_link(session: Transaction, token: str, *, now: dt.datetime, reason: str = "") -> None:
    """Void one link (by its token or its digest)."""
    kept.revoke(session, now=now, reason=reason, digest=token if _is_digest(token) else digest_of(token))


def revoke_links(session: Transaction, *, unit_id: int | None, now: dt.datetime, reason: str = "") -> None:
    """Void every link of a unit issued until now, or with ``unit_id`` None every link."""
    kept.revoke(session, now=now, reason=reason, unit_id=unit_id, issued_before=now)


# --- fresh links: asked for on the page of an expired, revoked or used link -----------------

def request_fresh_link(session: Transaction, link: Link, *, now: dt.datetime,
                       min_interval: dt.timedelta) -> tuple[int | None, dt.datetime]:
    """Record that the unit wants a fresh link: (the request's id, now); or (None, when it last
    asked) if that was less than ``min_interval`` ago, so the page cannot flood its contacts."""
    last = kept.last_request(session, link.unit_id)
    if last is not None and now - last < min_interval:
        return None, last
    return kept.add_request(session, unit_id=link.unit_id, item_ids=list(link.item_ids), digest=link.digest,
                            now=now), now


def digest_of(token: str) -> str:
    """A token's name in the database: knowing it does not give the token. Taken over the
    decoded bytes, because base64 lets a few characters differ (unused low bits of the last
    one) while decoding to the same token: a revoked link must stay revoked in every spelling."""
    try:
        raw = _unbase64(token)
    except LinkError:
        raw = token.encode("ascii", "replace")
    return hashlib.sha256(raw).hexdigest()


def _is_digest(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, b"cadence-link\x00" + payload, hashlib.sha256).digest()[:_MAC_BYTES]


def _minutes(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: Cadence only handles aware datetimes")
    return max(0, int((moment - _EPOCH).total_seconds() // 60))


def _unbase64(token: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(token.strip() + "=" * (-len(token.strip()) % 4))
    except (binascii.Error, ValueError):
        raise LinkError(LinkProblem.FORGED) from None
    if len(raw) <= _MAC_BYTES:
        raise LinkError(LinkProblem.FORGED)
    return raw


def _unpack(payload: bytes, *, digest: str) -> Link:
    """Fields of a payload whose signature is already checked (so only a bug can break it)."""
    if payload[0] != _VERSION:
        raise LinkError(LinkProblem.FORGED)
    numbers, position = [], 1
    while position < len(payload):
        number, position = _read_varint(payload, position)
        numbers.append(number)
    unit_id, issued, lifetime, count, *deltas = numbers
    if count != len(deltas) or not count:
        raise LinkError(LinkProblem.FORGED)
    ids = tuple(_running_sum(deltas))
    issued_at = _EPOCH + dt.timedelta(minutes=issued)
    return Link(item_ids=ids, unit_id=unit_id, issued_at=issued_at,
                expires_at=issued_at + dt.timedelta(minutes=lifetime), digest=digest)


def _running_sum(deltas: list[int]) -> list[int]:
    total, result = 0, []
    for delta in deltas:
        total += delta
        result.append(total)
    return result


def _varint(number: int) -> bytes:
    """Unsigned LEB128: seven bits a byte, small numbers in one byte."""
    if number < 0:
        raise ValueError(f"links pack only numbers >= 0, got {number}")
    out = bytearray()
    while True:
        byte, number = number & 0x7F, number >> 7
        out.append(byte | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _read_varint(data: bytes, position: int) -> tuple[int, int]:
    number = shift = 0
    while position < len(data) and shift < 64:
        byte = data[position]
        number |= (byte & 0x7F) << shift
        position, shift = position + 1, shift + 7
        if not byte & 0x80:
            return number, position
    raise LinkError(LinkProblem.FORGED)


# --- the secret -------------------------------------------------------------------------------

_secrets: dict[Path, bytes] = {}
_secrets_lock = threading.Lock()
_MIN_SECRET = 16


def server_secret(config: Config) -> bytes:
    """The server's secret: CADENCE_WEB_SECRET, else the secret file (made on first need)."""
    if config.web.secret:
        return _checked(config.web.secret.encode(), WEB_SECRET_ENV)
    path = secret_path(config)
    with _secrets_lock:
        if path not in _secrets:
            _secrets[path] = _checked(_read_or_create(path), f"web.secret_file ({path})")
        return _secrets[path]


def secret_path(config: Config) -> Path:
    return config.web.secret_file or config.path.parent / SECRET_FILE


def derived_key(config: Config, purpose: str) -> bytes:
    """A key for one purpose (links, CSRF, …): one leaking tells nothing of the others."""
    return hmac.new(server_secret(config), b"cadence:" + purpose.encode(), hashlib.sha256).digest()


def link_key(config: Config) -> bytes:
    return derived_key(config, "completion-link")


def _read_or_create(path: Path) -> bytes:
    """Create the file atomically (two processes starting together agree on one secret)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    except OSError as error:
        raise CadenceError("errors.web.secret-file", path=str(path), problem=os_problem(error)) from None
    value = secrets.token_urlsafe(32).encode()
    with os.fdopen(descriptor, "wb") as file:
        file.write(value + b"\n")
    return value


def _checked(value: bytes, where: str) -> bytes:
    if len(value) < _MIN_SECRET:
        raise CadenceError("errors.web.secret-short", where=where, least=_MIN_SECRET)
    return value
