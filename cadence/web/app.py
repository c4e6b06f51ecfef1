"""The ASGI application: routes, security headers, an access log that never shows a token.

    app = create_app(config, store, clock=...)   # clock: the moment "now" (tests replay time)

Routes:
    GET  /l/{token}            the completion page of a link (no account: the link is the permission)
    POST /l/{token}            record one of its items done
    POST /l/{token}/fresh      ask for a fresh link (expired, revoked or used link)
    GET  /login, POST /login, POST /logout
    GET  /board                units × months/weeks, progress per activity, chart, export form
    GET  /board/items          one unit's items between two days (a cell)
    GET  /board/items/{id}     an item and its history
    GET  /board/export         ?plan=&period=2025-Q3&basis=calendar|decree&format=xlsx|csv
    GET  /static/cadence.css
    GET  /users, POST /users/{name}/reset, GET|POST /password
                               an admin resets a password; a user chooses their own (users_pages)
    GET  /healthz, /metrics    for monitors: health as JSON, Prometheus text (cadence.web.watch_pages)
    /intake…, /units…          from a plan file to an approved schedule; the units directory
                               (cadence.web.intake_pages, cadence.web.units_pages)
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from cadence.config import Config
from cadence.links import LINK_PATH, derived_key, digest_of
from cadence.schedule.states import StatePolicy
from cadence.store import Store
from cadence.tz import UTC
from cadence.web import auth_pages, board_pages, ids, link_pages, users_pages, watch_pages  # ids: the {…:id} convertor
from cadence.web.addresses import client_address
from cadence.web.render import TEMPLATES, WebState, environment, error_page

log = logging.getLogger("cadence.web")

# No script runs on these pages at all; styles come from our own file; nothing may frame them.
# no-referrer: a completion page's address holds its token, which must not leak to the sites
# an evidence link points to.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                 b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
_TOKEN_IN_PATH = re.compile(re.escape(LINK_PATH) + r"([^/?#]+)")


def utc_now() -> dt.datetime:
    return dt.datetime.now(UTC)


def create_app(config: Config, store: Store, *, clock: Callable[[], dt.datetime] = utc_now,
               pause: Callable[[float], Awaitable[None]] = asyncio.sleep) -> Starlette:
    """``pause``: how a slowed log-in waits (tests pass one that records the seconds)."""
    state = WebState(config=config, store=store, clock=clock, states=StatePolicy.from_config(config), templates=environment(),
                     csrf_key=derived_key(config, "csrf"),
                     secure_cookies=config.web.base_url.lower().startswith("https://"), pause=pause)
    # A board is a few hundred kilobytes of repetitive table markup; compressed, a phone on
    # a slow connection gets it in a tenth of the bytes.
    app = Starlette(routes=_routes(), exception_handlers=_handlers(), middleware=[Middleware(GZipMiddleware, minimum_size=2000)])
    app.state.web = state
    return _Guard(app, config.web.proxies())


def _routes() -> list:
    return [
        Route("/", board_pages.home),
        Route(LINK_PATH + "{token}", link_pages.link_page, methods=["GET"]),
        Route(LINK_PATH + "{token}", link_pages.record, methods=["POST"]),
        Route(LINK_PATH + "{token}/fresh", link_pages.ask_fresh, methods=["POST"]),
        Route("/login", auth_pages.login_form, methods=["GET"]),
        Route("/login", auth_pages.login, methods=["POST"]),
        Route("/logout", auth_pages.logout, methods=["POST"]),
        Route("/board", board_pages.board),
        Route("/board/items", board_pages.cell_items),
        Route("/board/items/{item_id:id}", board_pages.item_page),
        Route("/board/items/{item_id:id}/undo", board_pages.undo_item, methods=["POST"]),
        Route("/board/export", board_pages.export),
        Route("/users", users_pages.users_home),
        Route("/users/{name}/reset", users_pages.reset, methods=["POST"]),
        Route("/password", users_pages.password_form, methods=["GET"]),
        Route("/password", users_pages.change_password, methods=["POST"]),
        Route("/healthz", watch_pages.healthz),
        Route("/metrics", watch_pages.metrics),
        *_intake_routes(),
        Mount("/static", StaticFiles(directory=TEMPLATES / "static"), name="static"),
    ]


def _intake_routes() -> list:
    from cadence.web import intake_pages as intake
    from cadence.web import units_pages as units

    draft = "/intake/{version:id}"
    return [
        Route("/intake", intake.intake_home),
        Route("/intake/upload", intake.upload, methods=["POST"]),
        Route("/intake/plans/{key}/retire", intake.retire, methods=["POST"]),
        Route(draft, intake.review),
        Route(draft + "/activity/{ref}", intake.correct_activity, methods=["POST"]),
        Route(draft + "/activity/{ref}/drop", intake.drop_activity, methods=["POST"]),
        Route(draft + "/activity/{ref}/restore", intake.restore_activity, methods=["POST"]),
        Route(draft + "/add", intake.add_activity, methods=["POST"]),
        Route(draft + "/organisation", intake.organisation, methods=["POST"]),
        Route(draft + "/unit", intake.map_unit, methods=["POST"]),
        Route(draft + "/same", intake.same_plan, methods=["POST"]),
        Route(draft + "/preview", intake.preview),
        Route(draft + "/approve", intake.approve, methods=["POST"]),
        Route(draft + "/discard", intake.discard, methods=["POST"]),
        Route("/units", units.units_home),
        Route("/units/contacts", units.import_contacts, methods=["POST"]),
        Route("/units/{code}", units.unit_page, methods=["GET"]),
        Route("/units/{code}", units.save_unit, methods=["POST"]),
    ]


def _handlers() -> dict:
    return {
        HTTPException: _http_error,
        auth_pages.LoginNeeded: auth_pages.to_login,
        auth_pages.PasswordChangeNeeded: auth_pages.to_password,
        link_pages.NotYours: link_pages.not_yours_page,
    }


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 413:
        return error_page(request, 413, "intake.web.too-big-title", "intake.web.too-big-text")
    if exc.status_code == 403:
        return error_page(request, 403, "web.forbidden", "web.csrf-text" if exc.detail == "csrf" else "web.forbidden-text")
    if exc.status_code == 404:
        return error_page(request, 404, "web.not-found", "web.not-found-text")
    return Response(status_code=exc.status_code, headers=getattr(exc, "headers", None))


def redacted(path: str) -> str:
    """A path fit for a log: a link's token replaced by the start of its digest (enough to
    find a revocation, useless as a link)."""
    return _TOKEN_IN_PATH.sub(lambda m: f"{LINK_PATH}…{digest_of(m.group(1))[:12]}", path)


class _Guard:
    """Pure ASGI wrapper: settles who the client is (``cadence.web.addresses``; uvicorn's own
    proxy headers are off), adds the security headers to every response and writes the access
    log line itself (uvicorn's own access log is off: it would print tokens)."""

    def __init__(self, app: Starlette, proxies: tuple = ()) -> None:
        self.app = app
        self.state = app.state
        self.proxies = proxies  # [web] trusted_proxies: whose X-Forwarded-For is believed

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        _resolve_client(scope, self.proxies)
        status = {}

        async def guarded_send(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, guarded_send)
        log.info("%s %s %s", scope["method"], redacted(scope["path"]), status.get("code", "-"))


def _resolve_client(scope, proxies: tuple) -> None:
    """``scope["client"]`` becomes the client's address as [web] trusted_proxies allow it to be
    read, so every page (``request.client.host``) sees the same one."""
    client = scope.get("client")
    if not client:
        return
    forwarded = [value.decode("latin-1") for name, value in scope.get("headers", ()) if name == b"x-forwarded-for"]
    scope["client"] = (client_address(client[0], forwarded, proxies), client[1])
