"""The web side: the completion page behind every reminder's link, and the coordinators' board.

    app = create_app(config, store)                 # an ASGI app (Starlette)
    server = start_web_server(config, store)        # in a thread, for `cadence run`
    serve(config, store)                            # in the foreground, for `cadence web`

Links themselves (making, verifying, revoking) live in ``cadence.links``.
"""
from cadence.web.app import create_app
from cadence.web.server import WebServer, serve, start_web_server

__all__ = ["WebServer", "create_app", "serve", "start_web_server"]
