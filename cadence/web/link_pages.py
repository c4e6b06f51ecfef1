"""The page behind the link in a reminder: what is due, and a button to say it is done.

The link is the only permission: the page shows and accepts only the link's own items, and
only while they still belong to the link's unit. Every request checks the token again
(signature, expiry, revocation) and every form its CSRF field. A completion goes through
``record_completion``, the same function as ``cadence done``, with source "web".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from cadence.catalogue import Words, voice
from cadence.completions_csv import check_url
from cadence.errors import CadenceError
from cadence.links import Link, LinkError, LinkProblem, link_key, read_token, verify_link
from cadence.kinds import State
from cadence.schedule.states import AsOf
from cadence.store import Completion, CompletionSource, Transaction, item_view, record_completion
from cadence.store.board import unit_by_id
from cadence.store.history import CompletionEntry, completions_of
from cadence.store.items import ItemView
from cadence.store.links import own_items
from cadence.tz import local_moment, parse_date, to_local
from cadence.web.csrf import checked_form
from cadence.web.ids import checked_id
from cadence.web.fresh_links import Fresh, ask_for_fresh_link
from cadence.web.render import error_page, language, render, web

MAX_NOTE = 2000


@dataclass(frozen=True, kw_only=True)
class LinkItem:
    view: ItemView
    state: State
    completions: tuple[CompletionEntry, ...]
    error: str | None = None
    form: dict = field(default_factory=dict)  # what was typed, shown again after an error

    @property
    def complete(self) -> bool:
        return self.view.state in (State.DONE, State.LATE)

    @property
    def remaining(self) -> int:
        return max(1, self.view.target - self.view.done_count)

    lang: str = "vi"

    @property
    def label(self) -> str:
        return self.view.label(self.lang)


class FormProblem(Exception):
    """A completion form that cannot be recorded; its words are shown beside the item."""

    def __init__(self, item_id: int, words: Words, form: dict) -> None:
        super().__init__(words.key)
        self.item_id, self.words, self.form = item_id, words, form


async def link_page(request: Request) -> Response:
    token, now = request.path_params["token"], web(request).clock()
    with web(request).store.transaction() as session:
        try:
            link = verify_link(session, web(request).config, token, now)
        except LinkError as error:
            return _problem_page(request, session, error)
        recorded = _recorded_label(session, link, request.query_params.get("done"), web(request).states.as_of(now),
                                   language(request).value)
        return _items_page(request, session, link, recorded=recorded)


async def record(request: Request) -> Response:
    """POST of one item's form: record it, then show the page again (303, so a reload does
    not post twice)."""
    form = await checked_form(request)
    token, now = request.path_params["token"], web(request).clock()
    try:
        with web(request).store.transaction() as session:
            link = verify_link(session, web(request).config, token, now)
            item_id = _record(request, session, link, form, now)
    except LinkError as error:
        with web(request).store.transaction() as session:
            return _problem_page(request, session, error)
    except FormProblem as problem:
        with web(request).store.transaction() as session:
            return _items_page(request, session, link, problem=problem, status=400)
    return RedirectResponse(f"/l/{token}?done={item_id}#item-{item_id}", status_code=303)


async def ask_fresh(request: Request) -> Response:
    """POST from an expired, revoked or used link: ask for a fresh one for its unit."""
    await checked_form(request)
    token, now, config = request.path_params["token"], web(request).clock(), web(request).config
    try:
        link = read_token(link_key(config), token, now)
    except LinkError as error:
        if error.link is None:
            return _forged_page(request)
        link = error.link
    with web(request).store.transaction() as session:
        outcome = ask_for_fresh_link(session, config, link, now)
        unit = _unit_name(session, link)
    say = voice(language(request))
    message = say(_FRESH_WORDS[outcome.result], unit=unit, at=outcome.at)
    return render(request, "link_problem.html", {
        "heading": say("web.link-title"), "message": "", "problem": "fresh", "fresh_message": message,
        "can_ask": False, "token": token, "unit_name": unit}, status=200)


_FRESH_WORDS = {Fresh.QUEUED: "web.fresh-sent", Fresh.NOBODY: "web.fresh-nobody", Fresh.NOTHING: "web.fresh-nothing",
                Fresh.WAIT: "web.fresh-wait"}


def _record(request: Request, session: Transaction, link: Link, form: FormData, now: dt.datetime) -> int:
    item_id = _form_item(form)
    if item_id not in link.item_ids or not own_items(session, link.unit_id, [item_id]):
        raise NotYours()
    item = item_view(session, item_id, web(request).states.as_of(now))
    typed = {k: str(form.get(k, "")).strip() for k in ("evidence", "aired_on", "count", "note", "reporter")}
    completion = _completion(request, item, typed, now, actor=typed["reporter"][:200] or item.unit)
    try:
        record_completion(session, completion, now=now, lead_days=web(request).config.schedule.completion_lead_days)
    except CadenceError as error:  # a date outside the item's window among them: shown beside the date
        raise FormProblem(item.id, error.words, typed) from None
    return item.id


class NotYours(Exception):
    """An item outside the link (or no longer its unit's): refused without saying more."""


def _form_item(form: FormData) -> int:
    item = checked_id(str(form.get("item", "")))
    if item is None:
        raise NotYours()
    return item


def _completion(request: Request, item: ItemView, typed: dict, now: dt.datetime, *, actor: str) -> Completion:
    try:
        evidence = check_url(typed["evidence"][:1000] or None)
    except ValueError as error:
        raise FormProblem(item.id, error.args[0], typed) from None
    done_at = _done_at(typed["aired_on"], now, lambda key: FormProblem(item.id, Words(key), typed))
    count = _count(typed["count"], item, lambda: FormProblem(item.id, Words("web.bad-count"), typed))
    return Completion(item_id=item.id, done_at=done_at, source=CompletionSource.WEB, actor=actor, count=count,
                      evidence_url=evidence, note=typed["note"][:MAX_NOTE] or None)


def _done_at(text: str, now: dt.datetime, problem) -> dt.datetime:
    """The air date as a moment: today means now; an earlier day its start, as ``cadence done
    --at DAY`` reads it (a day before the item's window is refused by ``record_completion``); a
    later day is refused. A day the calendar cannot hold in UTC (0001-01-01) is a bad date."""
    if not text:
        return now
    try:
        day = parse_date(text)
        today = to_local(now).date()
        if day > today:
            raise problem("web.future-date")
        return now if day == today else local_moment(day, dt.time(0, 0))
    except ValueError:
        raise problem("web.bad-date") from None


def _count(text: str, item: ItemView, problem) -> int | None:
    if item.target <= 1 or not text:
        return None
    try:
        count = int(text)
    except ValueError:
        raise problem() from None
    if not 1 <= count <= 10 * item.target:
        raise problem()
    return count


def _items_page(request: Request, session: Transaction, link: Link, *, recorded: str | None = None,
                problem: FormProblem | None = None, status: int = 200) -> Response:
    now = web(request).clock()
    at = web(request).states.as_of(now)
    lang = language(request)
    items = [_link_item(session, item_id, at, problem, lang) for item_id in own_items(session, link.unit_id, link.item_ids)]
    return render(request, "link.html", {
        "items": items, "unit_name": _unit_name(session, link), "token": request.path_params["token"],
        "expires_at": link.expires_at, "recorded": recorded, "today": to_local(now).date().isoformat(),
        "all_done": bool(items) and all(i.complete for i in items)}, status=status)


def _link_item(session: Transaction, item_id: int, at: AsOf, problem: FormProblem | None, lang) -> LinkItem:
    view = item_view(session, item_id, at)
    completions = completions_of(session, item_id)
    mine = problem is not None and problem.item_id == item_id
    return LinkItem(view=view, state=view.state,
                    completions=completions, error=problem.words.say(lang) if mine else None,
                    form=problem.form if mine else {}, lang=getattr(lang, "value", lang))


def _recorded_label(session: Transaction, link: Link, done: str | None, at: AsOf, lang: str = "vi") -> str | None:
    item = checked_id(done)
    if item is None or item not in link.item_ids:
        return None
    return item_view(session, item, at).label(lang)


def _unit_name(session: Transaction, link: Link) -> str:
    unit = unit_by_id(session, link.unit_id)
    return unit.name if unit is not None else ""


def _problem_page(request: Request, session: Transaction, error: LinkError) -> Response:
    if error.link is None:
        return _forged_page(request)
    say = voice(language(request))
    if error.problem is LinkProblem.EXPIRED:
        heading, message = say("web.link-expired"), say("web.link-expired-text", at=error.link.expires_at)
    else:
        heading, message = say("web.link-revoked"), say("web.link-revoked-text")
    return render(request, "link_problem.html", {
        "heading": heading, "message": message, "problem": error.problem.value, "fresh_message": None,
        "can_ask": True, "token": request.path_params["token"], "unit_name": _unit_name(session, error.link)},
        status=410)


def _forged_page(request: Request) -> Response:
    say = voice(language(request))
    return render(request, "link_problem.html", {
        "heading": say("web.link-forged"), "message": say("web.link-forged-text"), "problem": "forged",
        "fresh_message": None, "can_ask": False, "token": "", "unit_name": ""}, status=403)


def not_yours_page(request: Request, exc: Exception) -> Response:
    return error_page(request, 403, "web.forbidden", "web.not-yours")

