"""The units pages: the directory listed and searched, one unit edited (its names and the
people to tell), and a contacts file imported as offices keep them.

    GET  /units?q=…            the directory, searched by name, alias or id
    GET  /units/{id}           one unit: names, people, groups
    POST /units/{id}           save it (coordinators and admins)
    POST /units/contacts       import an .xlsx or .csv contacts file

Addresses are checked by each channel's module, as a units file's are: a landline for SMS is
refused with the row named.
"""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from cadence.catalogue import voice
from cadence.channels import registry
from cadence.errors import CadenceError
from cadence.store.contacts import nobody_to_tell, save_contacts
from cadence.store.units import edit_unit, listing
from cadence.units.contacts_file import parse_contacts
from cadence.units.model import Contact, ContactRole, Level
from cadence.units.names import name_key
from cadence.web import intake_forms as forms
from cadence.web.auth_pages import signed_in
from cadence.web.csrf import checked_form
from cadence.web.intake_pages import writer
from cadence.web.render import language, render, web
from cadence.web.uploads import CONTACT_SUFFIXES, UploadRefused, check_length, keep

MAX_PEOPLE = 20
SHOWN = 300  # units listed at once; a search narrows them


async def units_home(request: Request) -> Response:
    return _units(request, signed_in(request))


def _units(request: Request, user, *, message: str = "", problem: str = "", unreached=(), status: int = 200) -> Response:
    query = forms.text(request.query_params, "q", most=200) if request.method == "GET" else ""
    with web(request).store.transaction() as session:
        rows = listing(session)
        lonely = nobody_to_tell(session)[1]
    wanted = name_key(query)
    found = [u for u in rows if not wanted or any(wanted in name_key(n) for n in (u["id"], u["name"], *u["aliases"]))]
    return render(request, "units.html", {"units": found[:SHOWN], "more": max(0, len(found) - SHOWN), "q": query,
                                          "message": message, "problem": problem, "unreached": unreached,
                                          "lonely": lonely, "writes": user.writes}, status=status)


async def unit_page(request: Request) -> Response:
    user = signed_in(request)
    return _unit(request, user, request.path_params["code"])


def _unit(request: Request, user, code: str, *, problem: str = "", status: int = 200) -> Response:
    with web(request).store.transaction() as session:
        unit = next((u for u in listing(session) if u["id"] == code), None)
    if unit is None:
        raise HTTPException(status_code=404)
    people = [(p, "contact") for p in unit["contacts"]] + [(p, "head") for p in unit["head"]]
    return render(request, "unit.html", {"unit": unit, "people": people, "levels": [lv.value for lv in Level],
                                         "problem": problem, "writes": user.writes}, status=status)


async def save_unit(request: Request) -> Response:
    user = writer(request)
    form = await checked_form(request, max_fields=200)
    code = request.path_params["code"]
    say = voice(language(request))
    name = forms.text(form, "name", most=300)
    try:
        level = Level(forms.text(form, "level"))
        people = _people(form)
        if not name:
            raise forms.FormProblem("intake.web.no-name")
        with web(request).store.transaction() as session:
            edit_unit(session, code, name=name, aliases=forms.names(form, "aliases"), level=level, contacts=people)
    except ValueError:
        return _unit(request, user, code, problem=say("intake.web.bad-choice"), status=400)
    except forms.FormProblem as problem:
        return _unit(request, user, code, problem=say(problem.key, **problem.fields), status=400)
    except CadenceError as error:
        return _unit(request, user, code, problem=error.say(language(request)), status=400)
    return RedirectResponse(f"/units/{code}", status_code=303)


def _people(form) -> list[tuple[ContactRole, Contact]]:
    """The people rows of the unit form (c0-…, c1-…, and cn-… for a new one), each address checked
    by its channel; a row with no address is dropped."""
    found = []
    for prefix in [f"c{i}" for i in range(MAX_PEOPLE)] + ["cn"]:
        addresses = []
        for field, kind in (("email", "email"), ("phone", "sms")):
            value = forms.text(form, f"{prefix}-{field}", most=200)
            if value:
                try:
                    addresses.append((kind, registry()[kind].address(value)))
                except ValueError as error:
                    raise forms.FormProblem("intake.web.bad-address", problem=error.args[0]) from None
        if addresses and not form.get(f"{prefix}-drop"):
            role = ContactRole.HEAD if forms.text(form, f"{prefix}-role") == "head" else ContactRole.CONTACT
            found.append((role, Contact(name=forms.text(form, f"{prefix}-name", most=200), addresses=tuple(addresses))))
    return found


async def import_contacts(request: Request) -> Response:
    user, config = writer(request), web(request).config
    say = voice(language(request))
    try:
        check_length(request, config)
        form = await checked_form(request, max_fields=5, max_files=1)
        kept = await keep(form.get("file"), config, CONTACT_SUFFIXES)
    except UploadRefused as refused:
        return _units(request, user, problem=say(refused.key, **refused.fields), status=400)
    try:
        lines = parse_contacts(kept.path.read_bytes(), name=kept.original)
        with web(request).store.transaction() as session:
            saved = save_contacts(session, lines, file=kept.original)
            unreached, _ = nobody_to_tell(session)
    except CadenceError as error:
        return _units(request, user, problem=error.say(language(request)), status=400)
    finally:
        kept.path.unlink(missing_ok=True)
    message = say("intake.cli.contacts-saved", people=saved.people, units=saved.units)
    return _units(request, user, message=message, unreached=unreached)
