"""SMS through an HTTP gateway (httpx), described entirely by configuration.

Vietnamese "brandname" SMS providers each have their own API: JSON or form posts, GET with
query parameters, SOAP; success signalled by HTTP status, by a code in the JSON answer
("CodeResult": "100"), or by a word in the body. So nothing here names a provider: the config
gives the URL, method, headers, a jinja2 body template and the success rule, and a new
provider is a new config block, not new code.

The body template sees `phone` (normalised to `phone_format`), `text` (already prepared:
diacritics stripped and shortened if the config asks), `brandname`, `key` and `key_hash`
(the message's idempotency key, whole and as 16 hex digits, for gateways that drop a repeated
request id), and every entry of `fields` (account, API key, …). For JSON, FORM and QUERY it
must render a JSON object, written with the `tojson` filter so any text is quoted correctly:

    {"Phone": {{ phone|tojson }}, "Content": {{ text|tojson }},
     "Brandname": {{ brandname|tojson }}, "ApiKey": {{ api_key|tojson }}}

For RAW (XML/SOAP) the rendered text is the body as it is; escape with `|e`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import jinja2
import jinja2.meta

from .message import Delivery, SmsMessage, TransportError, deliver_each
from .options import BodyFormat
from .phone import PhoneFormat, normalize_phone
from .smstext import prepare_text


@dataclass(frozen=True, kw_only=True)
class Success:
    """How an accepted message is recognised; every condition given must hold.

    `json_path` is dotted ("CodeResult", "data.status", "results.0.code"); the value found
    is compared as text with `json_value`, so 100 and "100" are the same answer.
    """

    statuses: frozenset[int] = frozenset(range(200, 300))
    json_path: str | None = None
    json_value: Any = None
    body_regex: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "statuses", frozenset(int(s) for s in self.statuses))
        if (self.json_path is None) != (self.json_value is None):
            raise ValueError("success.json_path and success.json_value: give both or neither")
        if self.body_regex is not None:
            try:
                re.compile(self.body_regex)
            except re.error as error:
                raise ValueError(f"success.body_regex: {error}") from None


@dataclass(frozen=True, kw_only=True)
class SmsGatewayConfig:
    """One gateway. `headers` and `fields` usually hold credentials: kept out of reprs and
    error messages."""

    url: str
    body_template: str
    method: str = "POST"
    body_format: BodyFormat = BodyFormat.JSON
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    fields: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    brandname: str = ""
    success: Success = field(default_factory=Success)
    timeout: float = 10.0
    phone_format: PhoneFormat = PhoneFormat.LOCAL
    strip_diacritics: bool = False
    max_segments: int | None = None
    # A 2xx answer whose body does not say success: usually a refusal (bad number, unknown
    # brandname), but some gateways answer this way for "no credit left", worth retrying.
    body_failure_permanent: bool = True

    def __post_init__(self) -> None:
        for name, kind in (("body_format", BodyFormat), ("phone_format", PhoneFormat)):
            object.__setattr__(self, name, kind(getattr(self, name)))
        for name in ("headers", "fields"):
            object.__setattr__(self, name, _pairs(getattr(self, name)))
        object.__setattr__(self, "method", self.method.upper())
        _check_gateway(self)


def _pairs(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), str(v)) for k, v in items)


_RESERVED = frozenset({"phone", "text", "brandname", "key", "key_hash"})
_ENVIRONMENT = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def _check_gateway(config: SmsGatewayConfig) -> None:
    """Fail at start-up, with the key's name, rather than on every message later."""
    if not re.match(r"https?://", config.url):
        raise ValueError(f"url: expected http:// or https://…, got {config.url!r}")
    if config.method not in ("GET", "POST", "PUT"):
        raise ValueError(f"method: expected GET, POST or PUT, got {config.method!r}")
    if config.method == "GET" and config.body_format is not BodyFormat.QUERY:
        raise ValueError("body_format: a GET request has no body; use 'query'")
    if not config.timeout > 0:
        raise ValueError(f"timeout: expected seconds > 0, got {config.timeout!r}")
    if config.max_segments is not None and config.max_segments < 1:
        raise ValueError(f"max_segments: expected at least 1, got {config.max_segments!r}")
    if shadowed := _RESERVED & {name for name, _ in config.fields}:
        raise ValueError(f"fields: {', '.join(sorted(shadowed))} is set by the message itself")
    try:
        _render_body(config, _template(config), phone="0912345678", text='Mẫu "thử"\n', key="k")
    except TransportError as error:
        raise ValueError(error.message) from None


def _template(config: SmsGatewayConfig) -> jinja2.Template:
    try:
        syntax = _ENVIRONMENT.parse(config.body_template)
    except jinja2.TemplateSyntaxError as error:
        raise ValueError(f"body_template: line {error.lineno}: {error.message}") from None
    known = _RESERVED | {name for name, _ in config.fields}
    if unknown := jinja2.meta.find_undeclared_variables(syntax) - known:
        raise ValueError(f"body_template: {', '.join(map(repr, sorted(unknown)))} is undefined"
                         f" (known: {', '.join(sorted(known))})")
    return _ENVIRONMENT.from_string(config.body_template)


def _render_body(config: SmsGatewayConfig, template: jinja2.Template, *, phone: str,
                 text: str, key: str) -> str | dict[str, Any]:
    """The rendered text (RAW) or the object it describes (the other formats)."""
    key_hash = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    values = dict(config.fields, phone=phone, text=text, brandname=config.brandname,
                  key=key, key_hash=key_hash)
    try:
        rendered = template.render(values)
    except Exception as error:  # a filter may raise anything; it is the template's fault
        raise TransportError(f"body_template: {error}", permanent=True) from None
    if config.body_format is BodyFormat.RAW:
        return rendered
    try:
        body = json.loads(rendered)
    except json.JSONDecodeError as error:
        raise TransportError(f"body_template: not a JSON object ({error})", permanent=True) from None
    if not isinstance(body, dict):
        raise TransportError("body_template: must render a JSON object {…}", permanent=True)
    return body


class SmsChannel:
    """`send(message)` raises TransportError; `send_many(messages)` returns one Delivery each.

    Keeps one HTTP connection pool for its lifetime: use it as a context manager, or call
    `close()`.
    """

    def __init__(self, config: SmsGatewayConfig) -> None:
        self.config = config
        self._template = _template(config)
        self._client = httpx.Client(timeout=config.timeout, headers=dict(config.headers))

    def __enter__(self) -> SmsChannel:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def text_for(self, message: SmsMessage) -> str:
        """The text as the gateway will receive it (also what a dry run should show)."""
        return prepare_text(message.text, strip=self.config.strip_diacritics,
                            max_segments=self.config.max_segments)

    def send(self, message: SmsMessage) -> None:
        phone = normalize_phone(message.phone, self.config.phone_format)
        body = _render_body(self.config, self._template, phone=phone,
                            text=self.text_for(message), key=message.key)
        response = self._post(body)
        _check_answer(self.config, response)

    def send_many(self, messages: Iterable[SmsMessage]) -> list[Delivery]:
        return deliver_each(self.send, messages)

    def _post(self, body: str | dict[str, Any]) -> httpx.Response:
        try:
            return self._client.request(self.config.method, self.config.url,
                                        **_payload(self.config, body))
        except httpx.TimeoutException:
            raise TransportError(f"SMS gateway {_where(self.config)}: timed out", permanent=False) from None
        except httpx.HTTPError as error:
            raise TransportError(f"SMS gateway {_where(self.config)}: {error}", permanent=False) from None


def _payload(config: SmsGatewayConfig, body: str | dict[str, Any]) -> dict[str, Any]:
    """httpx arguments for the body; a Content-Type in the config's headers wins."""
    form = config.body_format
    if form is BodyFormat.RAW:
        return {"content": body.encode("utf-8")}
    if form is BodyFormat.JSON:
        given = any(name.lower() == "content-type" for name, _ in config.headers)
        content_type = {} if given else {"Content-Type": "application/json; charset=utf-8"}
        return {"content": json.dumps(body, ensure_ascii=False).encode("utf-8"),
                "headers": content_type}
    flat = {name: _as_text(value) for name, value in body.items()}
    if form is BodyFormat.FORM:
        return {"data": flat}
    return {"params": httpx.URL(config.url).params.merge(flat)}  # keep the URL's own query


def _where(config: SmsGatewayConfig) -> str:
    # Scheme, host and path only: a query string may carry an API key.
    return str(httpx.URL(config.url).copy_with(query=None))


# HTTP answers that mean "not now" rather than "no": the gateway is overloaded or restarting.
_TRANSIENT_STATUSES = frozenset({408, 425, 429})


def _check_answer(config: SmsGatewayConfig, response: httpx.Response) -> None:
    success, status = config.success, response.status_code
    if status not in success.statuses:
        transient = status >= 500 or status in _TRANSIENT_STATUSES
        raise TransportError(f"SMS gateway answered HTTP {status}: {_snippet(response)}",
                             permanent=not transient)
    if refusal := _body_refusal(success, response):
        raise TransportError(f"SMS gateway refused: {refusal}: {_snippet(response)}",
                             permanent=config.body_failure_permanent)


def _body_refusal(success: Success, response: httpx.Response) -> str | None:
    """Why the body does not show success, or None when it does."""
    if success.body_regex is not None and not re.search(success.body_regex, response.text):
        return f"body does not match {success.body_regex!r}"
    if success.json_path is None:
        return None
    try:
        found = _at_path(response.json(), success.json_path)
    except (ValueError, LookupError, TypeError):
        return f"no field {success.json_path} in the answer"
    if _as_text(found) != _as_text(success.json_value):
        return f"{success.json_path} is {_as_text(found)!r}, expected {_as_text(success.json_value)!r}"
    return None


def _at_path(document: Any, path: str) -> Any:
    for step in path.split("."):
        document = document[int(step)] if isinstance(document, list) else document[step]
    return document


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _snippet(response: httpx.Response, limit: int = 200) -> str:
    text = " ".join(response.text.split())
    return text if len(text) <= limit else text[:limit] + "…"
