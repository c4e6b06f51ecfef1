"""CSRF protection for every form: a signed double-submit token.

Each browser gets a random value in a cookie; every form carries HMAC(key, value) in a hidden
field. A page on another site can make the browser send the cookie but cannot read it, so it
cannot compute the field; a token taken from one browser does not fit another's cookie.
SameSite=Lax on the cookies is a second line, not the only one.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "cadence_csrf"
FIELD = "csrf"
MAX_FORM_FIELDS = 20  # our forms have fewer; a flood of fields is refused before it is parsed


def browser_value(request: Request) -> str:
    """This browser's CSRF cookie value, made (and remembered for the response) if missing."""
    value = request.cookies.get(COOKIE, "")
    if len(value) < 20:
        value = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(24)
        request.state.new_csrf = value
    return value


def form_token(request: Request) -> str:
    """The hidden field for forms on this page."""
    return _sign(request.app.state.web.csrf_key, browser_value(request))


def remember(request: Request, response: Response) -> None:
    """Set the cookie on the response when this request had to make a new value."""
    value = getattr(request.state, "new_csrf", None)
    if value:
        response.set_cookie(COOKIE, value, httponly=True, samesite="lax", path="/",
                            secure=request.app.state.web.secure_cookies)


async def checked_form(request: Request, *, max_fields: int = MAX_FORM_FIELDS, max_files: int = 0) -> FormData:
    """The posted form, if its CSRF field fits the browser's cookie; 403 otherwise. Forms with
    many fields (a plan's corrections) or a file (an upload) say how many they take."""
    form = await request.form(max_fields=max_fields, max_files=max_files)
    cookie = request.cookies.get(COOKIE, "")
    sent = form.get(FIELD, "")
    expected = _sign(request.app.state.web.csrf_key, cookie) if cookie else ""
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="csrf")
    return form


def _sign(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:40]
