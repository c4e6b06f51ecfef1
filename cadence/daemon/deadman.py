"""The dead-man URL: after each pass that went through, the daemon calls [daemon] deadman_url
(a plain GET), so a service outside (Healthchecks, Uptime Kuma, a monitoring team's own) raises
the alarm when the calls stop: a daemon that died, hangs, or cannot reach its database is
silent, and only something outside can notice silence.

A failed call is logged and forgotten: the next pass calls again, and reminders never wait on
a monitoring service.
"""
from __future__ import annotations

import logging

import httpx

log = logging.getLogger("cadence.daemon")

TIMEOUT_SECONDS = 10.0


def report_alive(url: str, *, client: httpx.Client | None = None) -> bool:
    """Call ``url``; True when it answered 2xx or 3xx. Never raises."""
    if not url:
        return False
    try:
        if client is not None:
            answer = client.get(url)
        else:
            answer = httpx.get(url, timeout=TIMEOUT_SECONDS)
    except httpx.HTTPError as error:
        log.warning("dead-man URL not reached: %s", type(error).__name__)
        return False
    if answer.status_code >= 400:
        log.warning("dead-man URL answered %d", answer.status_code)
        return False
    return True
