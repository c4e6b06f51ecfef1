"""Real servers on 127.0.0.1 for the channel tests: SMTP (aiosmtpd) and an HTTP SMS gateway."""

from collections.abc import Iterator

import pytest

from tests.support.http import HttpServer, running_http_server
from tests.support.smtp import SmtpServer, TlsCertificates, running_smtp_server, tls_certificates

LOGINS = {"vanthu@so.gov.vn": "mật-khẩu-thử"}


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_smtp_server() as server:
        yield server


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> TlsCertificates:
    return tls_certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def starttls_server(certificates: TlsCertificates) -> Iterator[SmtpServer]:
    with running_smtp_server(starttls=certificates.server_context, logins=LOGINS) as server:
        yield server


@pytest.fixture
def implicit_tls_server(certificates: TlsCertificates) -> Iterator[SmtpServer]:
    with running_smtp_server(implicit_tls=certificates.server_context, logins=LOGINS) as server:
        yield server


@pytest.fixture
def gateway() -> Iterator[HttpServer]:
    with running_http_server() as server:
        yield server
