"""The closed sets a channel's settings choose from, apart from the transports themselves, so a
configuration can name them without loading aiosmtplib or httpx."""

from __future__ import annotations

import enum


class Security(enum.Enum):
    """How the connection is protected; each has its customary port."""

    PLAIN = "plain"  # port 25: a relay on the office network or this machine
    STARTTLS = "starttls"  # port 587: connect in clear, upgrade before login (required)
    TLS = "tls"  # port 465: TLS from the first byte


class BodyFormat(enum.Enum):
    JSON = "json"  # the rendered object, as application/json
    FORM = "form"  # the rendered object, form-encoded
    QUERY = "query"  # the rendered object, as URL query parameters (GET gateways)
    RAW = "raw"  # the rendered text as it is; give its Content-Type in `headers`
