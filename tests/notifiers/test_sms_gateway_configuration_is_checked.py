"""A gateway config that cannot work is refused when built, naming the key."""

import pytest

from notifiers import SmsGatewayConfig, Success

URL = "http://127.0.0.1:9/send"


@pytest.mark.parametrize("options, named", [
    ({"url": "127.0.0.1/send"}, "url"),
    ({"method": "DELETE"}, "method"),
    ({"method": "GET"}, "body_format"),
    ({"body_template": '{"to": {{ phone|tojson }'}, "body_template: line 1"),
    ({"body_template": '{"to": {{ phone|tojson }}, "k": {{ api_key|tojson }}}'},
     "'api_key' is undefined"),
    ({"body_template": "to={{ phone }}"}, "not a JSON object"),
    ({"body_template": "[{{ phone|tojson }}]"}, "must render a JSON object"),
    ({"fields": {"phone": "x"}}, "fields: phone"),
    ({"timeout": -1}, "timeout"),
    ({"max_segments": 0}, "max_segments"),
    ({"body_format": "xml"}, "xml"),
])
def test_a_gateway_config_that_cannot_work_is_refused(options, named):
    values = {"url": URL, "body_template": '{"to": {{ phone|tojson }}}', **options}
    with pytest.raises(ValueError, match=named):
        SmsGatewayConfig(**values)


@pytest.mark.parametrize("options, named", [
    ({"json_path": "CodeResult"}, "json_path and success.json_value"),
    ({"body_regex": "(unclosed"}, "body_regex"),
])
def test_a_success_rule_that_cannot_work_is_refused(options, named):
    with pytest.raises(ValueError, match=named):
        Success(**options)
