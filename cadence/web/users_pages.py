"""Accounts on the pages: an admin resets a user's password, and a user given such a password
chooses their own before anything else.

    GET  /users                the accounts, each with its last reset (admins only)
    POST /users/{name}/reset   a new random password, shown once to the admin; the user's
                               sessions end, and the reset is recorded with the admin's name
    GET  /password, POST /password
                               choose a new password (required after a reset: every board
                               page sends the user here until they do)
"""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from cadence.catalogue import voice
from cadence.errors import CadenceError
from cadence.kinds import Role
from cadence.web.accounts import MIN_PASSWORD, User, list_users, reset_password, resets, set_password
from cadence.web.auth_pages import current_user, signed_in
from cadence.web.csrf import checked_form
from cadence.web.render import language, render, web


def admin(request: Request) -> User:
    """The signed-in admin; anyone else is refused (403), someone signed out sent to log in."""
    user = signed_in(request)
    if user.role is not Role.ADMIN:
        raise HTTPException(status_code=403)
    return user


async def users_home(request: Request) -> Response:
    admin(request)
    return _users(request)


async def reset(request: Request) -> Response:
    user = admin(request)
    await checked_form(request)
    name = request.path_params["name"]
    try:
        with web(request).store.transaction() as session:
            password = reset_password(session, name, by=user.name, now=web(request).clock())
    except CadenceError:
        raise HTTPException(status_code=404) from None
    return _users(request, issued=(name, password))


def _users(request: Request, *, issued: tuple[str, str] | None = None) -> Response:
    with web(request).store.transaction() as session:
        rows = [(found, disabled, (resets(session, found.name) or [None])[0]) for found, disabled in list_users(session)]
    return render(request, "users.html", {"rows": rows, "issued": issued})


async def password_form(request: Request) -> Response:
    if current_user(request) is None:
        return RedirectResponse("/login?next=/password", status_code=303)
    return render(request, "password.html", {"problem": None, "least": MIN_PASSWORD})


async def change_password(request: Request) -> Response:
    user = current_user(request)
    form = await checked_form(request)
    if user is None:
        return RedirectResponse("/login?next=/password", status_code=303)
    password, again = str(form.get("password", ""))[:1000], str(form.get("again", ""))[:1000]
    say = voice(language(request))
    problem = None
    if password != again:
        problem = say("watcher.users.not-same")
    elif len(password) < MIN_PASSWORD:
        problem = say("watcher.users.too-short", least=MIN_PASSWORD)
    if problem:
        return render(request, "password.html", {"problem": problem, "least": MIN_PASSWORD}, status=400)
    with web(request).store.transaction() as session:
        set_password(session, user.name, password)  # every session ends, this one too: log in anew
    return RedirectResponse("/login?next=/board&changed=1", status_code=303)
