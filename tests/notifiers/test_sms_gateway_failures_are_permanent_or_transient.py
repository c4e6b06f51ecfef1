"""Gateway answers and outages become TransportError values with the right `permanent`."""

import pytest

from tests.notifiers.test_sms_gateway_delivers import json_gateway, sms
from tests.support.http import Reply
from tests.support.smtp import closed_port

from notifiers import SmsChannel, SmsGatewayConfig, Success, TransportError


def failure(config: SmsGatewayConfig, message=None) -> TransportError:
    with SmsChannel(config) as channel:
        with pytest.raises(TransportError) as caught:
            channel.send(message or sms())
    return caught.value


@pytest.mark.parametrize("status", [500, 502, 503, 408, 429])
def test_an_overloaded_or_failing_gateway_is_transient(gateway, status):
    gateway.reply = Reply(status, '{"error": "busy"}')
    error = failure(json_gateway(gateway))
    assert not error.permanent and f"HTTP {status}" in str(error)


@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_gateway_that_rejects_the_request_is_permanent(gateway, status):
    gateway.reply = Reply(status, '{"error": "invalid"}')
    error = failure(json_gateway(gateway))
    assert error.permanent and "invalid" in str(error)


def test_a_gateway_answering_200_with_an_error_code_is_a_permanent_refusal(gateway):
    gateway.reply = Reply(200, '{"CodeResult": "99", "ErrorMessage": "Brandname chua dang ky"}')
    error = failure(json_gateway(gateway))
    assert error.permanent
    assert "CodeResult is '99', expected '100'" in str(error)
    assert "Brandname chua dang ky" in str(error)


def test_a_body_refusal_can_be_configured_as_transient(gateway):
    gateway.reply = Reply(200, '{"CodeResult": "103", "ErrorMessage": "Tai khoan het tien"}')
    assert not failure(json_gateway(gateway, body_failure_permanent=False)).permanent


def test_an_answer_without_the_success_field_is_a_refusal(gateway):
    gateway.reply = Reply(200, "<html>maintenance</html>", content_type="text/html")
    error = failure(json_gateway(gateway))
    assert error.permanent and "no field CodeResult" in str(error)


def test_a_nested_success_field_is_found_by_its_dotted_path(gateway):
    gateway.reply = Reply(200, '{"data": {"results": [{"status": true}]}}')
    config = json_gateway(gateway, success=Success(json_path="data.results.0.status",
                                                   json_value=True))
    with SmsChannel(config) as channel:
        channel.send(sms())


def test_a_body_not_matching_the_success_regex_is_a_refusal(gateway):
    gateway.reply = Reply(200, "ERR 17", content_type="text/plain")
    error = failure(json_gateway(gateway, success=Success(body_regex="^OK")))
    assert error.permanent and "does not match" in str(error)


def test_a_gateway_that_does_not_answer_in_time_is_transient(gateway):
    gateway.reply = Reply(200, "{}", delay=5)
    error = failure(json_gateway(gateway, timeout=0.2))
    assert not error.permanent and "timed out" in str(error)


def test_a_gateway_that_is_down_is_transient():
    with closed_port() as port:
        config = SmsGatewayConfig(url=f"http://127.0.0.1:{port}/send", body_template="{}")
        assert not failure(config).permanent


def test_a_bad_phone_number_is_permanent_and_never_reaches_the_gateway(gateway):
    error = failure(json_gateway(gateway), sms(phone="01689123456"))
    assert error.permanent and "not a Vietnamese mobile number" in str(error)
    assert gateway.requests == []


def test_errors_never_show_the_api_key_even_when_it_is_in_the_url(gateway):
    gateway.reply = Reply(500, "down")
    config = json_gateway(gateway, url=gateway.url("/send?apikey=khoa-trong-url"))
    error = failure(config)
    assert "khoa-bi-mat" not in str(error) and "khoa-trong-url" not in str(error)
    assert "khoa-bi-mat" not in repr(config)


def test_one_refused_message_does_not_stop_the_batch(gateway):
    gateway.reply = lambda request: Reply(
        200, '{"CodeResult": "%s"}' % ("99" if request.json()["Phone"] == "0987654321" else "100"))
    with SmsChannel(json_gateway(gateway)) as channel:
        deliveries = channel.send_many([sms(key="a"), sms(key="b", phone="0987654321"),
                                        sms(key="c", phone="12"), sms(key="d")])
    assert [(d.key, d.ok) for d in deliveries] == [("a", True), ("b", False), ("c", False),
                                                   ("d", True)]
