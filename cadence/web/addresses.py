"""Who is asking: the client's address, as the login limits and /metrics see it.

The peer of the connection is the client, unless it is one of [web] trusted_proxies (a reverse
proxy the office runs). Only then is X-Forwarded-For read, from the right: each proxy appends
the address it saw, so the right-most address that is not itself a trusted proxy is the first
one nobody trusted could have written. Everything left of it is whatever the client chose to
send. By default no proxy is trusted and the header is ignored: a client on this machine, or
any proxy that passes the header along, cannot choose its own address.

    client_address("127.0.0.1", ["198.51.100.7, 10.0.0.2"], proxies)  # → "198.51.100.7" when
                                                                       # 127.0.0.1 and 10.0.0.2 are proxies
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(peer: str, forwarded_for: Iterable[str], proxies: Sequence[Network]) -> str:
    """The client's address: ``peer``, or from X-Forwarded-For (every such header, in order)
    when ``peer`` is a trusted proxy. A malformed entry ends the walk at the hop that wrote it."""
    if not proxies:
        return peer
    chain = [entry.strip() for header in forwarded_for for entry in header.split(",") if entry.strip()]
    address = peer
    for candidate in reversed(chain):
        if not within(address, proxies) or _parsed(candidate) is None:
            break
        address = candidate
    return address


def within(address: str, networks: Sequence[Network]) -> bool:
    """Whether ``address`` lies in one of ``networks`` (False for anything not an address)."""
    parsed = _parsed(address)
    if parsed is None:
        return False
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1 on a dual-stack socket
    return any(parsed.version == network.version and parsed in network for network in networks)


def _parsed(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None
