"""Log-in and log-out for the board, and the signed-in user of a request."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from cadence.catalogue import voice
from cadence.web.accounts import LoginRefused, User, log_in, log_out, login_pause, session_user
from cadence.web.csrf import checked_form
from cadence.web.render import language, render, web

SESSION_COOKIE = "cadence_session"


class LoginNeeded(Exception):
    """Raised by board pages without a signed-in user: the app answers with the log-in page."""


def current_user(request: Request) -> User | None:
    """The signed-in user (looked up once per request)."""
    if not hasattr(request.state, "user"):
        with web(request).store.transaction() as session:
            request.state.user = session_user(session, request.cookies.get(SESSION_COOKIE), web(request).clock())
    return request.state.user


class PasswordChangeNeeded(Exception):
    """Raised by board pages for a user signed in with a password an admin reset: the app sends
    them to choose their own (``cadence.web.users_pages``)."""


def signed_in(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise LoginNeeded()
    if user.must_change:
        raise PasswordChangeNeeded()
    return user


def to_password(request: Request, exc: Exception) -> Response:
    return RedirectResponse("/password", status_code=303)


def to_login(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)


async def login_form(request: Request) -> Response:
    next_url = safe_next(request.query_params.get("next"))
    if current_user(request) is not None:
        return RedirectResponse(next_url, status_code=303)
    return render(request, "login.html", {"problem": None, "name": "", "next_url": next_url,
                                          "changed": request.query_params.get("changed") == "1"})


async def login(request: Request) -> Response:
    form = await checked_form(request)
    name, password = str(form.get("name", ""))[:100], str(form.get("password", ""))[:1000]
    next_url, config = safe_next(str(form.get("next", ""))), web(request).config.web
    address = request.client.host if request.client else ""  # as cadence.web.addresses resolved it
    try:
        with web(request).store.transaction() as session:
            pause = login_pause(session, config, name=name, address=address, now=web(request).clock())
        await web(request).pause(pause)  # slowed, never locked out: the wait holds no thread
        with web(request).store.transaction() as session:
            try:
                token, _ = log_in(session, config, name=name, password=password, address=address,
                                  now=web(request).clock())
            except LoginRefused as refused:  # caught inside: the failure itself must be committed
                token, problem = None, refused
    except LoginRefused as refused:
        token, problem = None, refused
    if token is None:
        return _refused(request, problem, name, next_url)
    response = RedirectResponse(next_url, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=config.session_hours * 3600, httponly=True,
                        samesite="lax", secure=web(request).secure_cookies, path="/")
    return response


def _refused(request: Request, problem: LoginRefused, name: str, next_url: str) -> Response:
    say = voice(language(request))
    if problem.limited:
        text, status = say("web.login-limited", minutes=web(request).config.web.login_window_minutes), 429
    else:
        text, status = say("web.login-failed"), 401
    return render(request, "login.html", {"problem": text, "name": name, "next_url": next_url, "changed": False},
                  status=status)


async def logout(request: Request) -> Response:
    await checked_form(request)
    with web(request).store.transaction() as session:
        log_out(session, request.cookies.get(SESSION_COOKIE), web(request).clock())
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def safe_next(target: str | None) -> str:
    """Only a path on this site (never "//evil.example" or "https://…"): no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/board"
    return target
