"""What every page shares: the app's state, the language, the templates (autoescaped: plan
text and evidence are untrusted), the signed-in user, and turning a template into a response."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from cadence.catalogue import say
from cadence.config import Config
from cadence.kinds import Language
from cadence.schedule.states import StatePolicy
from cadence.store import Store
from cadence.tz import to_local
from cadence.web import csrf
from cadence.web.words import KIND_WORDS, MESSAGE_STATE_WORDS, RUNG_WORDS, SOURCE_WORDS, translator, word

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
    return web(request).config.web.language


def render(request: Request, template: str, context: dict, *, status: int = 200) -> Response:
    lang = language(request)
    page = web(request).templates.get_template(template).render(_common(request, lang) | context)
    response = HTMLResponse(page, status_code=status)
    csrf.remember(request, response)
    if request.query_params.get("lang") in ("vi", "en"):
        response.set_cookie(LANG_COOKIE, lang.value, max_age=365 * 86400, samesite="lax", path="/")
    return response


def _common(request: Request, lang: Language) -> dict:
    return {
        "t": translator(lang), "lang": lang, "csrf": csrf.form_token(request), "local": moment_text, "day_or_moment": day_or_moment,
        "user": getattr(request.state, "user", None), "switch_url": _switch_url(request, lang),
        "state_word": lambda s: say(f"states.{getattr(s, 'value', s)}", lang.value),
        "action_word": lambda a: say(f"actions.{a}", lang.value),
        "kind_word": lambda k: word(KIND_WORDS, k, lang), "source_word": lambda s: word(SOURCE_WORDS, s, lang),
        "rung_word": lambda r: word(RUNG_WORDS, r, lang), "sent_word": lambda s: word(MESSAGE_STATE_WORDS, s, lang),
    }


def moment_text(moment: dt.datetime | None) -> str:
    """A moment as Vietnamese offices write it: 23/09/2025 17:00, local time."""
    return "" if moment is None else to_local(moment).strftime("%d/%m/%Y %H:%M")


def day_or_moment(moment: dt.datetime | None) -> str:
    """A day given without a time ("aired on 17/09") read back as that day, not as "00:00"."""
    if moment is None:
        return ""
    local = to_local(moment)
    return local.strftime("%d/%m/%Y") if local.time() == dt.time(0, 0) else moment_text(moment)


def _switch_url(request: Request, lang: Language) -> str:
    """This page in the other language."""
    query = dict(request.query_params) | {"lang": "en" if lang is Language.VI else "vi"}
    return request.url.path + "?" + urlencode(query)


def error_page(request: Request, status: int, heading_key: str, message_key: str) -> Response:
    t = translator(language(request))
    return render(request, "error.html", {"heading": t(heading_key), "message": t(message_key)}, status=status)
