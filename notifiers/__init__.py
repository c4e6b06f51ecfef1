"""Message → delivery (email, SMS gateways, file outbox). Knows nothing of plans.

This package never imports `cadence` or `rules` (a test checks it): it moves finished messages.
Deciding who is reminded of what, the outbox table, retries and backoff belong to the daemon.

Messages (`notifiers.message`), frozen keyword-only values:
    EmailMessage(key=, to=, subject=, text=, html=None, headers={})
    SmsMessage(key=, phone=, text=)
`key` is the daemon's idempotency key (item, level, recipient, channel). It becomes a stable
Message-ID and the file outbox's file name, and SMS gateway templates may pass it on, so a
message sent again after a crash is the same message, not a new one. Build a message with an
address or number as typed; its validity is judged when sending (see below).

Channels, all with the same two calls:
    channel.send(message) -> None               raises TransportError
    channel.send_many(messages) -> list[Delivery]   one per message, in order; never raises
                                                   TransportError: Delivery.error holds it
    SmtpChannel(SmtpConfig(host=, sender=, security=Security.STARTTLS, port=None,
                           username=None, password=None, timeout=30, ca_file=None, ...))
        one connection per batch; `asend` / `asend_many` for async callers.
    SmsChannel(SmsGatewayConfig(url=, body_template=, method="POST", body_format=,
                                headers=, fields=, brandname=, success=Success(...), ...))
        a context manager (keeps an HTTP connection pool); `text_for(message)` shows the text
        as it will be sent (diacritics stripped, shortened) for dry runs.
    FileOutbox(folder, sender=..., sms_strip_diacritics=False, sms_max_segments=None)
        `.eml` / `.json` files written atomically; `path_for(message)`.

Failures are data: every channel raises only `TransportError(message, permanent=...)`.
`permanent=True` (SMTP 5xx to the message, refused recipient, malformed address or phone
number, gateway refusal): record and give up. `permanent=False` (timeout, connection refused,
SMTP 4xx, login or TLS trouble, HTTP 5xx/408/429, disk full): record and retry with backoff.
Its text never holds a password or an API key. A transient failure after the server may have
taken the message (connection lost while waiting for its answer) means a retry can deliver it
twice: the stable Message-ID lets a mail client fold the two; it is the one message in flight.

Templates: `Renderer(packaged_folder, override=config_folder)` renders `<locale>/<name>`
(Locale.VI default, Locale.EN), autoescaping .html, failing on undefined variables; every
failure is one `RenderError` naming template and line. `Renderer.check()` lists broken
templates at start-up.

SMS text helpers (`notifiers.smstext`, `notifiers.phone`): `sms_size(text)` (encoding and
segments), `strip_diacritics`, `fit_segments(text, n)`, `normalize_phone(text, PhoneFormat)`.

Configuration values (`SmtpConfig`, `SmsGatewayConfig`, `Success`) validate when built and raise
ValueError naming the key ("timeout: expected seconds > 0, got 0"); the config loader adds
the section path. Secrets (password, gateway headers and fields) are passed in by the caller,
read from the environment or a file, and kept out of reprs.
"""

# Loaded on first use, so naming an option (``from notifiers.options import Security``) or a
# phone format does not load aiosmtplib, httpx and jinja2.
_WHERE = {
    "SmtpChannel": "email", "SmtpConfig": "email",
    "Delivery": "message", "EmailMessage": "message", "Message": "message", "SmsMessage": "message",
    "TransportError": "message",
    "FileOutbox": "outbox",
    "BodyFormat": "options", "Security": "options",
    "PhoneFormat": "phone", "normalize_phone": "phone",
    "Locale": "render", "Renderer": "render", "RenderError": "render",
    "SmsChannel": "sms", "SmsGatewayConfig": "sms", "Success": "sms",
    "Encoding": "smstext", "SmsSize": "smstext", "fit_segments": "smstext", "sms_size": "smstext",
    "strip_diacritics": "smstext",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'notifiers' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
