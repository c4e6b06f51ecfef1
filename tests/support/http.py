"""A real HTTP server on 127.0.0.1 (a free port), in a thread: a stand-in SMS gateway, or any
HTTP service a test needs to talk to.

    with running_http_server() as server:
        server.reply = Reply(200, '{"CodeResult": "100"}')      # what every request gets
        ... post to server.url("/send") ...
        server.requests[0].json()                               # what arrived

`reply` may also be a function of the Request, for answers that depend on what was sent.
`Reply(delay=…)` holds the answer back, to make a client time out; the wait ends early when
the server stops, so a test never hangs on it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8")).items()}

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: str = ""
    content_type: str = "application/json"
    delay: float = 0.0


@dataclass
class HttpServer:
    host: str
    port: int
    requests: list[Request] = field(default_factory=list)
    reply: Reply | Callable[[Request], Reply] = field(default_factory=Reply)
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def answer(self, request: Request) -> Reply:
        self.requests.append(request)
        return self.reply(request) if callable(self.reply) else self.reply


def _handler_for(server: HttpServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            request = Request(self.command, parts.path, parse_qs(parts.query),
                              dict(self.headers.items()), self.rfile.read(length))
            reply = server.answer(request)
            if reply.delay and server.stopping.wait(reply.delay):
                return
            body = reply.body.encode("utf-8")
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _any

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


@contextmanager
def running_http_server() -> Iterator[HttpServer]:
    server = HttpServer(host="127.0.0.1", port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(server))
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    # A short poll interval: shutdown() waits for the loop's next look, 0.5 s by default.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()
