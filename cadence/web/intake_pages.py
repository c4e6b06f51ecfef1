"""The intake pages: from a plan file to an approved schedule, in the browser.

    GET  /intake                          plans, drafts awaiting review, the upload form
    POST /intake/upload                   a plan file → a draft (its reading beside its text)
    GET  /intake/{id}                     review: the text with the reader's marks, the reading,
                                          corrections, unknown units, warnings
    POST /intake/{id}/activity/{ref}      correct an activity (units, window, cadences)
    POST /intake/{id}/activity/{ref}/drop, …/restore, /intake/{id}/add, /intake/{id}/organisation
    POST /intake/{id}/unit                map an unknown name to a unit (an alias), or make a unit
    POST /intake/{id}/same                this draft is an amendment of a plan it resembles, or a new plan
    GET  /intake/{id}/preview             the schedule it would make; for an amendment, what changed
    POST /intake/{id}/approve             make the schedule (who and when is kept); /discard
    POST /intake/plans/{key}/retire       stop a plan's open items, keep its history

Coordinators and admins change things; a leader sees everything and changes nothing (every
POST refuses a leader with 403). A coordinator sees the drafts they uploaded and those of the
plans they follow, and follows the plans they approve.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from cadence.catalogue import voice
from cadence.diagnostics import describe, describe_error
from cadence.errors import CadenceError
from cadence.intake import service
from cadence.intake.describe import describe_rule, per_year
from cadence.intake.diff import reading_changes
from cadence.intake.overrides import ADD, DROP, PLAN, apply
from cadence.intake.reading import Text, plan_of
from cadence.store import Transaction
from cadence.store import intake as stored
from cadence.store.plans import make_plan_unit
from cadence.store.preview import preview_plan
from cadence.store.units import add_mapping
from cadence.tz import YEARS
from cadence.web import intake_forms as forms
from cadence.web.accounts import User
from cadence.web.auth_pages import signed_in
from cadence.web.csrf import checked_form
from cadence.web.intake_view import activity_views, marks, text_lines, value_words
from cadence.web.render import language, render, web
from cadence.web.uploads import PLAN_SUFFIXES, UploadRefused, check_length, keep
from rules.model import PlanReadError

FORM_FIELDS = 400  # a plan's reports, or an activity's cadences, each take several fields


def writer(request: Request) -> User:
    """The signed-in user, if they may change things (a leader may not: 403)."""
    user = signed_in(request)
    if not user.writes:
        raise HTTPException(status_code=403)
    return user


async def intake_home(request: Request) -> Response:
    return _home(request, signed_in(request))


def _home(request: Request, user: User, *, problem: str = "", status: int = 200) -> Response:
    with web(request).store.transaction() as session:
        plans = stored.plan_summaries(session, user.plan_keys)
        drafts = [d for d in stored.drafts(session) if _sees_draft(user, d)]
    return render(request, "intake.html", {"plans": plans, "drafts": drafts, "problem": problem,
                                           "suffixes": ", ".join(PLAN_SUFFIXES)}, status=status)


def _sees_draft(user: User, draft: stored.Version) -> bool:
    return user.plan_keys is None or draft.key in user.plans or draft.uploaded_by == user.name


async def upload(request: Request) -> Response:
    user, config = writer(request), web(request).config
    say = voice(language(request))
    try:
        check_length(request, config)
        form = await checked_form(request, max_fields=10, max_files=1)
        kept = await keep(form.get("file"), config, PLAN_SUFFIXES)
    except UploadRefused as refused:
        return _home(request, user, problem=say(refused.key, **refused.fields), status=400)
    key = _key(forms.text(form, "key", most=120) or kept.original.rsplit(".", 1)[0])
    year = forms.text(form, "year")
    try:
        read = await run_in_threadpool(service.read_file, kept.path, limits=config.documents.limits(),
                                       year=_year(year), name=kept.original, most_bytes=config.limits.data_bytes)
    except (CadenceError, PlanReadError) as error:
        kept.path.unlink(missing_ok=True)
        message = error.say(language(request)) if isinstance(error, CadenceError) else describe_error(error, language(request))
        return _home(request, user, problem=say("intake.web.unreadable", problem=message), status=400)
    with web(request).store.transaction() as session:
        draft = service.stage(session, key=key, read=read, by=user.name, now=web(request).clock(),
                              stored_as=kept.path.name)
    return RedirectResponse(f"/intake/{draft.id}", status_code=303)


def _year(text: str) -> int | None:
    """The plan's year as typed, when it is one (``cadence.tz.YEARS``); else the reader finds it."""
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 and int(text) in YEARS else None


def _key(text: str) -> str:
    """A plan key from what a person typed or the file's name: folded words joined by dashes."""
    from cadence.units.names import name_key

    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-")[:120] or "ke-hoach"


def _draft(session: Transaction, user: User, version_id: int) -> stored.Version:
    draft = stored.version(session, version_id)
    if draft is None or not _sees_draft(user, draft):
        raise HTTPException(status_code=404)
    return draft


def _open_draft(session: Transaction, user: User, version_id: int) -> stored.Version:
    draft = _draft(session, user, version_id)
    if draft.status != stored.DRAFT:
        raise HTTPException(status_code=404)
    return draft


async def review(request: Request) -> Response:
    user = signed_in(request)
    with web(request).store.transaction() as session:
        draft = _draft(session, user, request.path_params["version"])
        return _review(request, session, user, draft)


def _review(request: Request, session: Transaction, user: User, draft: stored.Version, *, problem: str = "",
            at: str = "", status: int = 200) -> Response:
    lang = language(request)
    say = voice(lang)
    applied = service.effective(session, draft)
    text = Text(text=draft.text, pages=draft.pages)
    warnings = [(w, describe(_diagnostic(w), lang)) for w in applied.reading.get("warnings", ())]
    corrected: dict[str, set[str]] = {}
    for c in applied.applied:
        corrected.setdefault(c.target, set()).add(c.field)
    added = {c.target for c in applied.applied if c.field == ADD}
    preview = preview_plan(session, plan_of(applied.reading), key=draft.key, config=web(request).config,
                           start=draft.starts_on, end=draft.ends_on)
    units, groups = stored.unit_choices(session)
    return render(request, "review.html", {
        "draft": draft, "reading": applied.reading, "problem": problem, "at": at,
        "lines": text_lines(draft.text, text.page_of, marks(applied.reading, warnings, text.page_of, say)),
        "activities": activity_views(applied.reading, corrected, added, text.page_of, lambda r: describe_rule(r, lang)),
        "warnings": [(w, message, text.page_of(w["span"]["line"]) if w.get("span") else 0) for w, message in warnings],
        "dropped": [c for c in applied.applied if c.field == DROP],
        "set_aside": applied.set_aside, "unknown": preview.unknown, "unit_choices": units, "group_choices": groups,
        "alikes": service.look_alikes(session, draft), "amends": stored.plan_exists(session, draft.key),
        "issuer": preview.issuer, "pers": forms.PERS, "scopes": forms.SCOPES, "periods": forms.REPORT_PERIODS,
        "writes": user.writes and draft.status == stored.DRAFT,
    }, status=status)


def _diagnostic(data: dict):
    from rules.model import Diagnostic

    return Diagnostic(ref=data.get("ref"), code=data.get("code") or "stored",
                      args=data.get("args") or {"message": data.get("message", "")})


async def correct_activity(request: Request) -> Response:
    return await _change(request, _activity_fields)


async def drop_activity(request: Request) -> Response:
    return await _change(request, _drop)


async def restore_activity(request: Request) -> Response:
    return await _change(request, _restore)


async def add_activity(request: Request) -> Response:
    return await _change(request, _add)


async def organisation(request: Request) -> Response:
    return await _change(request, _organisation)


async def _change(request: Request, change) -> Response:
    """A correction from one of the review page's forms; back to the page at what changed."""
    user = writer(request)
    form = await checked_form(request, max_fields=FORM_FIELDS)
    ref = request.path_params.get("ref", "")
    with web(request).store.transaction() as session:
        draft = _open_draft(session, user, request.path_params["version"])
        reading = service.effective(session, draft).reading
        try:
            anchor = change(session, draft, reading, ref, form, user, web(request).clock())
        except forms.FormProblem as problem:
            say = voice(language(request))
            return _review(request, session, user, draft, problem=say(problem.key, **problem.fields), at=ref, status=400)
    return RedirectResponse(f"/intake/{draft.id}#{anchor}", status_code=303)


def _activity(reading: dict, ref: str) -> dict:
    found = next((a for a in reading.get("activities", ()) if a["ref"] == ref), None)
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _activity_fields(session, draft, reading, ref, form, user, now) -> str:
    activity = _activity(reading, ref)
    values = {"title": forms.text(form, "title", most=2000) or activity.get("title", ""),
              "lead": forms.names(form, "lead"), "support": forms.names(form, "support"),
              "window": forms.window(form), "ongoing": bool(form.get("ongoing")),
              "rules": forms.rules(form, list(activity.get("rules", ())))}
    for field, value in values.items():
        service.correct(session, draft, target=ref, field=field, value=value, by=user.name, now=now)
    return f"e-{ref}"


def _drop(session, draft, reading, ref, form, user, now) -> str:
    added = next((c for c in service.corrections_of(session, draft.key) if (c.target, c.field) == (ref, ADD)), None)
    if added is not None:  # an activity a person added is simply taken back
        service.uncorrect(session, draft, target=ref, field=ADD)
    else:
        service.correct(session, draft, target=ref, field=DROP, value=True, by=user.name, now=now)
    return "reading"


def _restore(session, draft, reading, ref, form, user, now) -> str:
    service.uncorrect(session, draft, target=ref, field=DROP)
    return f"e-{ref}"


def _add(session, draft, reading, ref, form, user, now) -> str:
    activity = forms.new_activity(form, {a["ref"] for a in reading.get("activities", ())})
    service.correct(session, draft, target=activity["ref"], field=ADD, value=activity, by=user.name, now=now)
    return f"e-{activity['ref']}"


def _organisation(session, draft, reading, ref, form, user, now) -> str:
    for field, value in (("monitors", forms.monitors(form, list(reading.get("monitors", ())))),
                         ("reports", forms.reports(form, list(reading.get("reports", ()))))):
        service.correct(session, draft, target=PLAN, field=field, value=value, by=user.name, now=now)
    return "organisation"


async def map_unit(request: Request) -> Response:
    """An unknown name becomes an alias of the unit (or group) chosen, or a new unit inside the
    plan's issuer; either way every later import knows it."""
    user = writer(request)
    form = await checked_form(request)
    name, choice = forms.text(form, "text", most=400), forms.text(form, "choice", most=300)
    with web(request).store.transaction() as session:
        draft = _open_draft(session, user, request.path_params["version"])
        if not name or not choice:
            say = voice(language(request))
            return _review(request, session, user, draft, problem=say("intake.web.choose-unit"), at="units", status=400)
        try:
            if choice == "new":
                plan = plan_of(service.effective(session, draft).reading)
                make_plan_unit(session, name, plan=plan, key=draft.key, config=web(request).config)
            else:
                add_mapping(session, name, choice.removeprefix("group:") if choice.startswith("group:") else choice)
        except CadenceError as error:
            return _review(request, session, user, draft, problem=error.say(language(request)), at="units", status=400)
    return RedirectResponse(f"/intake/{draft.id}#units", status_code=303)


async def same_plan(request: Request) -> Response:
    """The person says what a draft that resembles a stored plan is: a version of it, or new."""
    user = writer(request)
    form = await checked_form(request)
    choice = forms.text(form, "choice", most=130)
    with web(request).store.transaction() as session:
        draft = _open_draft(session, user, request.path_params["version"])
        if choice == "new":
            stored.rekey(session, draft.id, draft.key, as_new=True)
        elif choice in service.look_alikes(session, draft) and user.sees_plan(choice):
            stored.rekey(session, draft.id, choice, as_new=False)
        else:
            raise HTTPException(status_code=404)
    return RedirectResponse(f"/intake/{draft.id}", status_code=303)


async def preview(request: Request) -> Response:
    user = signed_in(request)
    lang = language(request)
    with web(request).store.transaction() as session:
        draft = _draft(session, user, request.path_params["version"])
        config = web(request).config
        applied = service.effective(session, draft)
        shown = preview_plan(session, plan_of(applied.reading), key=draft.key, config=config,
                             start=draft.starts_on, end=draft.ends_on)
        before = stored.approved_version(session, draft.key) if draft.status == stored.DRAFT else None
        changes, schedule = [], []
        if before is not None:
            corrections = service.corrections_of(session, draft.key)
            old = apply(before.reading, corrections).reading
            changes = reading_changes(before.reading, draft.reading)
            schedule = _schedule_changes(preview_plan(session, plan_of(old), key=draft.key, config=config,
                                                      start=draft.starts_on, end=draft.ends_on), shown)
        say = voice(lang)
        return render(request, "preview.html", {
            "draft": draft, "preview": shown, "changes": changes, "schedule": schedule, "before": before,
            "set_aside": applied.set_aside, "alikes": service.look_alikes(session, draft),
            "rule_words": lambda r: describe_rule(r, lang) if r else "", "per_year": per_year,
            "value_words": lambda f, v: value_words(f, v, lambda r: describe_rule(r, lang), lambda d: say_date(d, lang)),
            "field_word": lambda f: say(f"intake.web.field-{f}"), "kind_word": lambda k: say(f"kinds.{k}"),
            "writes": user.writes and draft.status == stored.DRAFT, "month_label": lambda m: _month(m, lang),
        })


def say_date(day: dt.date, lang) -> str:
    from cadence.catalogue import formats

    return formats.date(day, lang)


def _month(month: dt.date, lang) -> str:
    from cadence.catalogue import say

    return say("web.month-column", lang, month=month.month, year=month.year % 100)


def _schedule_changes(old, new) -> list[tuple[str, str, int, int, tuple, tuple]]:
    """Duties whose items or first due moments differ: (ref, label, items before, after, first
    due before, after)."""
    before = {(d.ref, d.key): d for d in old.duties}
    after = {(d.ref, d.key): d for d in new.duties}
    found = []
    for key in list(after) + [k for k in before if k not in after]:
        a, b = before.get(key), after.get(key)
        if a is None or b is None or (a.items, a.first_due) != (b.items, b.first_due):
            label = (b or a).label
            found.append((key[0], label, a.items if a else 0, b.items if b else 0, a.first_due if a else (),
                          b.first_due if b else ()))
    return found


async def approve(request: Request) -> Response:
    user = writer(request)
    form = await checked_form(request)
    with web(request).store.transaction() as session:
        draft = _open_draft(session, user, request.path_params["version"])
        try:
            service.approve(session, draft.id, config=web(request).config, by=user.full_name or user.name,
                            now=web(request).clock(), create_units=bool(form.get("create_units")))
        except CadenceError as error:
            return _review(request, session, user, draft, problem=error.say(language(request)), at="approve", status=400)
        if user.plan_keys is not None:
            stored.follow_plan(session, user.id, draft.key)
    return RedirectResponse(f"/board?plan={quote(draft.key)}", status_code=303)


async def discard(request: Request) -> Response:
    user = writer(request)
    await checked_form(request)
    with web(request).store.transaction() as session:
        draft = _open_draft(session, user, request.path_params["version"])
        stored.discard(session, draft.id)
    return RedirectResponse("/intake", status_code=303)


async def retire(request: Request) -> Response:
    user = writer(request)
    await checked_form(request)
    key = request.path_params["key"]
    if not user.sees_plan(key):
        raise HTTPException(status_code=404)
    with web(request).store.transaction() as session:
        try:
            stored.retire_plan(session, key, by=user.full_name or user.name, now=web(request).clock())
        except CadenceError:
            raise HTTPException(status_code=404) from None
    return RedirectResponse("/intake", status_code=303)
