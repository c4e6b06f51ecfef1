"""How long a client may take to send its request, so slow clients cannot hold the server's
connections open (the "slow loris": headers sent a byte at a time, forever).

uvicorn's h11 protocol times out only an idle kept-alive connection, and stops that timer at
the first byte received; a new connection has no timer at all. This protocol adds one:

- from the moment a connection opens, or a response ends, the client has
  [web] header_seconds to finish the request's headers;
- then [web] body_seconds for the whole request (an upload over a slow line);
- past either, the connection is closed (the page, if it had started, sees a disconnect).

The timer stops once the request is in: how long the page takes to answer is not the client's
doing. Header size is bounded by h11 (``h11_max_incomplete_event_size``).
"""
from __future__ import annotations

import asyncio
import logging

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("cadence.web")


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on receiving each request."""

    header_seconds: float = 10.0
    body_seconds: float = 120.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._phase: str | None = None  # "headers", "body", or None (nothing awaited from the client)

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await("headers")

    def connection_lost(self, exc: Exception | None) -> None:
        self._await(None)
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        state = self.conn.their_state
        if state is h11.SEND_BODY and self._phase == "headers":
            self._await("body")
        elif state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._await(None)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._await("headers")  # the next request on this connection, if any

    def _await(self, phase: str | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._phase, self._deadline = phase, None
        if phase is not None:
            seconds = self.header_seconds if phase == "headers" else self.body_seconds
            self._deadline = self.loop.call_later(seconds, self._late)

    def _late(self) -> None:
        phase, self._deadline = self._phase, None
        if not self.transport.is_closing():
            client = "%s:%d" % self.client if self.client else "?"
            log.info("closed %s: its request's %s took longer than allowed", client, phase)
            if self.cycle is not None and not self.cycle.response_complete:
                self.cycle.disconnected = True
                self.cycle.message_event.set()
            self.transport.close()


def protocol(header_seconds: float, body_seconds: float) -> type[TimedH11Protocol]:
    """The protocol class with these limits (uvicorn takes a class, and builds one per connection)."""
    return type("TimedH11Protocol", (TimedH11Protocol,),
                {"header_seconds": header_seconds, "body_seconds": body_seconds})
