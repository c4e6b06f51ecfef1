"""STARTTLS and implicit TLS against a real server with a throwaway CA, with AUTH login."""

from tests.notifiers.conftest import LOGINS
from tests.notifiers.test_email_is_sent_over_smtp import SENDER, reminder

from notifiers import Security, SmtpChannel, SmtpConfig

USER, PASSWORD = next(iter(LOGINS.items()))


def config_for(server, security, certificates, **options) -> SmtpConfig:
    values = {"username": USER, "password": PASSWORD, "ca_file": certificates.ca_file,
              **options}
    return SmtpConfig(host=server.host, port=server.port, sender=SENDER, security=security,
                      **values)


def test_starttls_with_login_delivers_and_the_server_sees_the_login(starttls_server, certificates):
    SmtpChannel(config_for(starttls_server, Security.STARTTLS, certificates)).send(reminder())
    (received,) = starttls_server.received
    assert received.login == USER


def test_implicit_tls_with_login_delivers(implicit_tls_server, certificates):
    config = config_for(implicit_tls_server, Security.TLS, certificates)
    deliveries = SmtpChannel(config).send_many([reminder(1), reminder(2)])
    assert all(d.ok for d in deliveries)
    assert {r.login for r in implicit_tls_server.received} == {USER}


def test_a_refused_login_is_transient_and_never_shows_the_password(starttls_server, certificates):
    config = config_for(starttls_server, Security.STARTTLS, certificates, password="sai-mật-khẩu")
    (delivery,) = SmtpChannel(config).send_many([reminder()])
    assert not delivery.error.permanent
    assert "login refused" in str(delivery.error) and USER in str(delivery.error)
    assert "sai-mật-khẩu" not in str(delivery.error)
    assert starttls_server.received == []


def test_a_certificate_from_an_untrusted_authority_is_refused_as_transient(starttls_server,
                                                                           certificates):
    config = config_for(starttls_server, Security.STARTTLS, certificates, ca_file=None)
    (delivery,) = SmtpChannel(config).send_many([reminder()])
    assert not delivery.error.permanent
    assert "certificate" in str(delivery.error).lower()
    assert starttls_server.received == []


def test_the_password_is_not_in_the_configuration_repr(certificates):
    config = SmtpConfig(host="127.0.0.1", sender=SENDER, username=USER, password=PASSWORD)
    assert PASSWORD not in repr(config)
