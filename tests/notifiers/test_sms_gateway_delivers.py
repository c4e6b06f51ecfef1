"""A configurable HTTP gateway, against a real local HTTP server: the shapes providers use."""

from tests.support.http import Reply

from notifiers import BodyFormat, PhoneFormat, SmsChannel, SmsGatewayConfig, SmsMessage, Success

JSON_TEMPLATE = """{"ApiKey": {{ api_key|tojson }}, "Phone": {{ phone|tojson }},
  "Content": {{ text|tojson }}, "Brandname": {{ brandname|tojson }},
  "RequestId": {{ key_hash|tojson }}, "SmsType": 2}"""
FORM_TEMPLATE = '{"to": {{ phone|tojson }}, "message": {{ text|tojson }}, "from": {{ brandname|tojson }}}'
SOAP_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<Envelope><Body><send><phone>{{ phone }}</phone><brand>{{ brandname|e }}</brand>
<content>{{ text|e }}</content></send></Body></Envelope>"""
TEXT = "Nhắc việc: Bản tin PAPI số 38 đến hạn 15/9 <gấp> & \"quan trọng\""


def json_gateway(server, **options) -> SmsGatewayConfig:
    values = {"url": server.url("/send"), "body_template": JSON_TEMPLATE,
              "brandname": "SO-KHCN", "fields": {"api_key": "khoa-bi-mat"},
              "success": Success(json_path="CodeResult", json_value="100"), **options}
    return SmsGatewayConfig(**values)


def sms(text: str = TEXT, phone: str = "+84 912 345 678", key: str = "item-1|0|sms") -> SmsMessage:
    return SmsMessage(key=key, phone=phone, text=text)


def test_a_json_gateway_receives_phone_text_brandname_and_extra_fields(gateway):
    gateway.reply = Reply(200, '{"CodeResult": "100", "SMSID": "abc"}')
    with SmsChannel(json_gateway(gateway)) as channel:
        channel.send(sms())
    (request,) = gateway.requests
    body = request.json()
    assert (request.method, request.path) == ("POST", "/send")
    assert request.header("Content-Type").startswith("application/json")
    assert body["Phone"] == "0912345678" and body["Content"] == TEXT
    assert body["Brandname"] == "SO-KHCN" and body["ApiKey"] == "khoa-bi-mat"
    assert body["SmsType"] == 2 and len(body["RequestId"]) == 16


def test_the_request_id_is_the_same_when_the_same_message_is_sent_again(gateway):
    gateway.reply = Reply(200, '{"CodeResult": 100}')
    with SmsChannel(json_gateway(gateway)) as channel:
        channel.send_many([sms(), sms(), sms(key="item-2|0|sms")])
    ids = [r.json()["RequestId"] for r in gateway.requests]
    assert ids[0] == ids[1] != ids[2]


def test_a_form_gateway_gets_a_form_and_is_judged_by_a_regex_on_the_body(gateway):
    gateway.reply = Reply(200, "OK 12345", content_type="text/plain")
    config = SmsGatewayConfig(url=gateway.url("/api"), body_template=FORM_TEMPLATE,
                              body_format=BodyFormat.FORM, brandname="UBND-TINH",
                              phone_format=PhoneFormat.INTERNATIONAL,
                              success=Success(statuses={200}, body_regex=r"^OK \d+"))
    with SmsChannel(config) as channel:
        channel.send(sms())
    assert gateway.requests[0].form() == {"to": "84912345678", "message": TEXT,
                                          "from": "UBND-TINH"}


def test_a_get_gateway_gets_query_parameters_and_keeps_those_in_its_url(gateway):
    config = SmsGatewayConfig(url=gateway.url("/send?account=so-khcn"), method="GET",
                              body_template=FORM_TEMPLATE, body_format=BodyFormat.QUERY)
    with SmsChannel(config) as channel:
        channel.send(sms())
    (request,) = gateway.requests
    assert request.method == "GET"
    assert request.query["account"] == ["so-khcn"] and request.query["message"] == [TEXT]


def test_a_soap_gateway_gets_the_rendered_xml_with_the_text_escaped(gateway):
    gateway.reply = Reply(200, "<result>1</result>", content_type="text/xml")
    config = SmsGatewayConfig(url=gateway.url("/soap"), body_template=SOAP_TEMPLATE,
                              body_format=BodyFormat.RAW, brandname="SO&KHCN",
                              headers={"Content-Type": "text/xml; charset=utf-8",
                                       "SOAPAction": "send"},
                              success=Success(body_regex="<result>1</result>"))
    with SmsChannel(config) as channel:
        channel.send(sms())
    (request,) = gateway.requests
    assert request.header("SOAPAction") == "send"
    xml = request.body.decode("utf-8")
    assert "<brand>SO&amp;KHCN</brand>" in xml
    assert "&lt;gấp&gt; &amp; &#34;quan trọng&#34;" in xml


def test_configured_headers_are_sent_with_every_request(gateway):
    config = json_gateway(gateway, headers={"Authorization": "Bearer token-bi-mat"},
                          success=Success())
    with SmsChannel(config) as channel:
        channel.send(sms())
    assert gateway.requests[0].header("Authorization") == "Bearer token-bi-mat"


def test_the_text_is_sent_without_diacritics_and_shortened_when_the_config_asks(gateway):
    config = json_gateway(gateway, strip_diacritics=True, max_segments=1, success=Success())
    long_text = "Nhắc việc: Bản tin PAPI số 38 của UBND xã Tân Lập đến hạn ngày 15/9. " * 4
    with SmsChannel(config) as channel:
        channel.send(sms(long_text))
        assert channel.text_for(sms(long_text)) == gateway.requests[0].json()["Content"]
    sent = gateway.requests[0].json()["Content"]
    assert sent.startswith("Nhac viec: Ban tin PAPI so 38 cua UBND xa Tan Lap den han")
    assert len(sent) <= 160 and sent.endswith("...")
