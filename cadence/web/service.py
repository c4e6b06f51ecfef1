"""The pages as a service of ``cadence run`` (which hands ``start`` to ``cadence.daemon.loop.serve``):
started after the scheduler, stopped after it, on the daemon's clock."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from cadence.config import Config
from cadence.store import Store
from cadence.web.app import utc_now
from cadence.web.server import start_web_server

log = logging.getLogger("cadence.web")


def start(config: Config, store: Store, clock: Callable[[], dt.datetime] = utc_now) -> Callable[[], None] | None:
    """Serve the pages in a thread when ``[web] enabled``; the function returned stops them.
    ``clock`` should be the daemon's own (``cadence run --now`` replays): links it writes then
    expire on the same clock the pages check them by."""
    if not config.web.enabled:
        return None
    server = start_web_server(config, store, clock=clock)
    log.info("pages at %s (reached from outside as %s)", server.url, config.web.base_url or server.url)
    return server.stop
