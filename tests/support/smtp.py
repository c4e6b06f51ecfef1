"""A real SMTP server (aiosmtpd) on 127.0.0.1, on a free port, for tests and benchmarks.

    with running_smtp_server() as server:                 # plain SMTP
        ...  # send to server.host, server.port; read server.received
    with running_smtp_server(starttls=ctx, logins={"u": "p"}) as server: ...
    with running_smtp_server(implicit_tls=ctx) as server: ...

`received` holds every accepted message, parsed, with the envelope, the peer (host, port) of
the connection that carried it and the login used, so a test can assert that a batch went
through one connection and who logged in. `replies` scripts refusals: an answer for a given
recipient at RCPT, or for every DATA, which is how tests get a real 5xx or 4xx from a real
server. `tls_certificates()` makes a throwaway CA and a certificate for 127.0.0.1 (trustme).
"""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass(frozen=True)
class Received:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: email.message.EmailMessage
    raw: bytes
    peer: tuple[str, int]
    login: str | None


@dataclass
class Replies:
    """Scripted refusals: `rcpt["x@y.vn"] = "550 5.1.1 no such user"`, `data = "451 ..."`;
    `hang_up_on` lists recipients whose message makes the server drop the connection after
    the data arrived and before answering (a crash at the worst moment)."""

    rcpt: dict[str, str] = field(default_factory=dict)
    data: str | None = None
    hang_up_on: set[str] = field(default_factory=set)


class RecordingHandler:
    """aiosmtpd handler: keeps what it accepts and answers what `replies` says."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies
        self.received: list[Received] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        refusal = self.replies.rcpt.get(address)
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.replies.hang_up_on & set(envelope.rcpt_tos):
            server.transport.close()
            return "421 closing"  # never reaches the client: the connection is gone
        if self.replies.data is not None:
            return self.replies.data
        raw = envelope.original_content or envelope.content
        self.received.append(_received(session, envelope, raw))
        return "250 Message accepted for delivery"


def _received(session, envelope, raw: bytes) -> Received:
    login = session.auth_data.login.decode() if session.auth_data else None
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    return Received(
        mail_from=envelope.mail_from,
        rcpt_tos=tuple(envelope.rcpt_tos),
        message=parsed,
        raw=raw,
        peer=tuple(session.peer[:2]),
        login=login,
    )


class _FreePortController(Controller):
    """aiosmtpd's Controller binds the port it is given but then connects to that same
    number to check it is up; with port 0 it must first learn which port it got."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpServer:
    host: str
    port: int
    handler: RecordingHandler

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def replies(self) -> Replies:
        return self.handler.replies


def _authenticator(logins: dict[str, str]):
    def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and logins.get(
            auth_data.login.decode()) == auth_data.password.decode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticate


@contextmanager
def running_smtp_server(
    *,
    starttls: ssl.SSLContext | None = None,
    implicit_tls: ssl.SSLContext | None = None,
    logins: dict[str, str] | None = None,
    replies: Replies | None = None,
    handler: RecordingHandler | None = None,
    port: int = 0,
) -> Iterator[SmtpServer]:
    """A server on 127.0.0.1:<free port> (or ``port``: a server back where it was). With `starttls` the upgrade is required; with
    `logins` AUTH is required (aiosmtpd allows it only over TLS, so give one of the two).
    `handler` may be a RecordingHandler subclass that does more when a message arrives."""
    handler = handler or RecordingHandler(replies or Replies())
    options = {"tls_context": starttls, "require_starttls": starttls is not None}
    if logins is not None:
        options.update(authenticator=_authenticator(logins), auth_required=True)
        # aiosmtpd only counts a STARTTLS upgrade as TLS; on an implicit-TLS socket it would
        # hide AUTH (and warn when told not to), though the whole session is encrypted.
        options["auth_require_tls"] = implicit_tls is None
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS", UserWarning)
    controller = _FreePortController(
        handler, hostname="127.0.0.1", port=port, ssl_context=implicit_tls, **options)
    controller.start()
    try:
        yield SmtpServer(host="127.0.0.1", port=controller.port, handler=handler)
    finally:
        controller.stop()


@contextmanager
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 where nothing listens: connecting is refused at once. The socket
    stays bound (without listening) so no other process can take the port meanwhile."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@contextmanager
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections but never says a word: a hung server, which a
    client can only leave by its timeout."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


@dataclass(frozen=True)
class TlsCertificates:
    """A server context for 127.0.0.1 and the CA file a client must trust to accept it."""

    server_context: ssl.SSLContext
    ca_file: Path


def tls_certificates(folder: Path) -> TlsCertificates:
    import trustme  # a test dependency only

    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    ca_file = folder / "test-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    return TlsCertificates(server_context=context, ca_file=ca_file)
