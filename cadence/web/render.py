"""What every page shares: the app's state, the language, the templates (autoescaped: plan
text and evidence are untrusted), the signed-in user, and turning a template into a response."""
from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from cadence.catalogue import formats, voice
from cadence.config import Config
from cadence.kinds import Language
from cadence.schedule.states import StatePolicy
from cadence.store import Store
from cadence.web import csrf

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "web"
LANG_COOKIE = "cadence_lang"


@dataclass(frozen=True, kw_only=True)
class WebState:
    """Held by the app (``request.app.state.web``): read once when the app is made."""

    config: Config
    store: Store
    clock: Callable[[], dt.datetime]
    states: StatePolicy  # the one policy of an item's state, with the configured grace
    templates: jinja2.Environment
    csrf_key: bytes
    secure_cookies: bool  # the site is reached over https (base_url), so cookies say Secure
    pause: Callable[[float], Awaitable[None]] = asyncio.sleep  # a log-in's wait (tests record it)


def environment() -> jinja2.Environment:
    """Autoescaping on for every template, whatever its name; undefined names are errors."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def web(request: Request) -> WebState:
    return request.app.state.web


def language(request: Request) -> Language:
    """?lang= when given (and remembered), else the cookie, else the configured default."""
    for value in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if value in ("vi", "en"):
            return Language(value)
    return web(request).config.language


def render(request: Request, template: str, context: dict, *, status: int = 200) -> Response:
    lang = language(request)
    common = _common(request, lang) | {"outages": _outages(request)}
    page = web(request).templates.get_template(template).render(common | context)
    response = HTMLResponse(page, status_code=status)
    csrf.remember(request, response)
    if request.query_params.get("lang") in ("vi", "en"):
        response.set_cookie(LANG_COOKIE, lang.value, max_age=365 * 86400, samesite="lax", path="/")
    return response


def _common(request: Request, lang: Language) -> dict:
    """What every page's template sees: ``say`` (the catalogue in the page's language), the
    language's numbers and dates, and the words for the values pages show."""
    say = voice(lang)
    return {
        "say": voice(lang, html=True), "lang": lang, "csrf": csrf.form_token(request),
        "user": getattr(request.state, "user", None), "switch_url": _switch_url(request, lang),
        "num": lambda n: formats.number(n, lang), "date": lambda d: formats.date(d, lang),
        "day": lambda d: formats.short_day(d, lang), "moment": lambda m: formats.moment(m, lang),
        "day_or_moment": lambda m: formats.day_or_moment(m, lang),
        "state_word": lambda s: say(f"states.{getattr(s, 'value', s)}"), "action_word": lambda a: say(f"actions.{a}"),
        "kind_word": lambda k: _capitalised(say(f"kinds.{k.value}")), "source_word": lambda s: say(f"sources.{s}"),
        "rung_word": lambda r: say(f"rungs.{r}"), "sent_word": lambda s: say(f"deliveries.{s}"),
        "fresh_outcome": lambda code: _fresh_outcome(say, code),
    }


def _outages(request: Request) -> list:
    """The channels failing now, for the banner on the signed-in pages (``_outage_banner.html``):
    people must know that reminders are not reaching the units."""
    if getattr(request.state, "user", None) is None:
        return []
    from cadence.store.health import failing

    with web(request).store.transaction() as session:
        return failing(session)


def _fresh_outcome(say, code: str | None) -> str:
    """What came of a request for a fresh link, kept as a code ("queued:2", "nobody", "nothing")."""
    name, _, count = (code or "").partition(":")
    if name not in ("queued", "nobody", "nothing"):
        return code or ""
    return say(f"web.fresh-outcome-{name}", n=int(count or 0))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _switch_url(request: Request, lang: Language) -> str:
    """This page in the other language."""
    query = dict(request.query_params) | {"lang": "en" if lang is Language.VI else "vi"}
    return request.url.path + "?" + urlencode(query)


def error_page(request: Request, status: int, heading_key: str, message_key: str) -> Response:
    """A page that only says what went wrong, by its keys in the catalogue (``web.forbidden``)."""
    say = voice(language(request))
    return render(request, "error.html", {"heading": say(heading_key), "message": say(message_key)}, status=status)
