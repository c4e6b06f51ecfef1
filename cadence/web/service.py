"""The pages as a service of ``cadence run`` (``cadence.daemon.loop.EXTRA_SERVICES`` names
``cadence.web.service:start``): started after the scheduler, stopped after it."""
from __future__ import annotations

import logging
from collections.abc import Callable

from cadence.config import Config
from cadence.store import Store
from cadence.web.server import start_web_server

log = logging.getLogger("cadence.web")


def start(config: Config, store: Store) -> Callable[[], None] | None:
    """Serve the pages in a thread when ``[web] enabled``; the function returned stops them."""
    if not config.web.enabled:
        return None
    server = start_web_server(config, store)
    log.info("pages at %s (reached from outside as %s)", server.url, config.web.base_url or server.url)
    return server.stop
