"""Serving the pages with uvicorn: in a thread beside the daemon (``cadence run``), or alone
in the foreground (``cadence web``).

For the daemon's run loop:

    from cadence.web import start_web_server
    server = start_web_server(config, store) if config.web.enabled else None
    ...                       # the scheduler runs; the pages answer meanwhile
    if server: server.stop()  # on SIGTERM, after the current step

The thread installs no signal handlers (uvicorn leaves them to the main thread), so the daemon
keeps its own SIGTERM handling. Port 0 picks a free port (tests); ``server.port`` tells which.
uvicorn's access log stays off because it would print link tokens; ``cadence.web`` logs each
request with the token redacted.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import uvicorn

from cadence.collector import set_aside_what_is_loaded
from cadence.config import Config
from cadence.errors import CadenceError
from cadence.links import server_secret
from cadence.store import Store
from cadence.web.app import create_app, redacted, utc_now
from cadence.web.timeouts import protocol

START_TIMEOUT = 15.0
MAX_HEADERS = 16 * 1024  # bytes of request line and headers (h11's default, said here on purpose)


@dataclass
class WebServer:
    """A running server: ``url`` is where this machine reaches it."""

    host: str
    port: int
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def start_web_server(config: Config, store: Store, *, clock: Callable[[], dt.datetime] = utc_now,
                     host: str | None = None, port: int | None = None,
                     pause: Callable[[float], Awaitable[None]] = asyncio.sleep) -> WebServer:
    """Start the pages in a daemon thread and return once they accept connections."""
    server = uvicorn.Server(_uvicorn_config(config, store, clock, host, port, pause))
    thread = threading.Thread(target=server.run, name="cadence-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise CadenceError("errors.web.listen", host=host or config.web.host, port=_port(config, port))
        time.sleep(0.02)
    set_aside_what_is_loaded()
    bound = server.servers[0].sockets[0].getsockname()
    return WebServer(host=bound[0], port=bound[1], server=server, thread=thread)


def serve(config: Config, store: Store, *, host: str | None = None, port: int | None = None) -> None:
    """Serve in the foreground until Ctrl-C or SIGTERM (``cadence web``)."""
    server = uvicorn.Server(_uvicorn_config(config, store, utc_now, host, port))
    set_aside_what_is_loaded()
    server.run()


class _RedactTokens(logging.Filter):
    """uvicorn's access log is off, but a logging set-up elsewhere can still give its logger a
    handler; its lines then carry the path with the token redacted, like ours."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = args[:2] + (redacted(args[2]),) + args[3:]
        return True


_ACCESS = logging.getLogger("uvicorn.access")
if not any(isinstance(f, _RedactTokens) for f in _ACCESS.filters):
    _ACCESS.addFilter(_RedactTokens())


def _uvicorn_config(config: Config, store: Store, clock, host: str | None, port: int | None,
                    pause=asyncio.sleep) -> uvicorn.Config:
    server_secret(config)  # fail now, with a clear message, rather than on the first request
    app = create_app(config, store, clock=clock, pause=pause)
    web = config.web
    # proxy_headers off: the app reads X-Forwarded-For itself, from [web] trusted_proxies only
    # (cadence.web.addresses); uvicorn's default would believe any client on this machine.
    return uvicorn.Config(app, host=host or web.host, port=_port(config, port), access_log=False,
                          log_config=None, lifespan="off", server_header=False, proxy_headers=False,
                          http=protocol(web.header_seconds, web.body_seconds),
                          timeout_keep_alive=web.keep_alive_seconds, h11_max_incomplete_event_size=MAX_HEADERS)


def _port(config: Config, port: int | None) -> int:
    return config.web.port if port is None else port
