"""The coordinators' pages: the board (matrix, progress, chart), a cell's items, an item's
history, and the export. A coordinator sees the plans given to them, an admin every plan;
anything else answers 404, as if it did not exist."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from cadence.catalogue import say
from cadence.errors import CadenceError
from cadence.kinds import Language, State
from cadence.tz import parse_date
from cadence.schedule.states import AsOf
from cadence.store import ItemFilter, Transaction, find_items, item_view
from cadence.store.board import (BoardFilter, UnitInfo, item_place, item_points, plan_by_key, plan_scopes, plan_units,
                                 plans, unit_by_code, units_by_id)
from cadence.store.export import ExportFilter
from cadence.store.history import item_history
from cadence.store.items import undo_completion
from cadence.store.plans import PlanInfo
from cadence.web.accounts import User
from cadence.web.auth_pages import signed_in
from cadence.web.csrf import checked_form
from cadence.web.board import CHARTED, PRESSING, Matrix, build_matrix, unit_order
from cadence.web.chart import stacked_bars
from cadence.web.export import export_tables, to_csv, to_xlsx
from cadence.schedule.model import output_label as label
from cadence.store.progress import plan_progress
from cadence.web.render import language, render, web
from cadence.web.spans import Span, SpanKind, month_columns, parse_span, span_codes, week_columns

ITEM_LABEL_LIMIT = 100  # characters of an item's label in a cell's list; its channel or period always shows
SYMBOLS = {State.DONE: "✓", State.LATE: "!", State.MISSED: "✗", State.GRACE: "…", State.DUE: "•", State.UPCOMING: "·",
           State.BEFORE_TRACKING: "–"}


@dataclass(frozen=True, kw_only=True)
class BoardQuery:
    """The board's filters, read from the query string and checked against what the user may see."""

    plans: list[PlanInfo]
    plan: PlanInfo
    span: Span
    by_week: bool
    scope: str | None
    unit: UnitInfo | None


async def home(request: Request) -> Response:
    return RedirectResponse("/board", status_code=303)


async def board(request: Request) -> Response:
    user, now = signed_in(request), web(request).clock()
    with web(request).store.transaction() as session:
        query = _board_query(request, session, user, now)
        if query is None:
            return render(request, "board_empty.html", {})
        return render(request, "board.html", _board_context(session, query, web(request).states.as_of(now),
                                                            language(request)))


def _board_context(session: Transaction, query: BoardQuery, at: AsOf, lang: Language) -> dict:
    where = BoardFilter(plan_id=query.plan.id, start=query.span.start, end=query.span.end, scope=query.scope,
                        unit_id=query.unit.id if query.unit else None)
    points = item_points(session, where, at)
    columns = (week_columns if query.by_week else month_columns)(query.span.start, query.span.end, lang)
    matrix = build_matrix(points, units_by_id(session, {p.unit_id for p in points}), columns, query.by_week)
    today = at.today
    return {
        "q": query, "matrix": matrix, "rows": matrix_rows(matrix, query, lang), "chart": stacked_bars(columns, list(matrix.per_column)),
        "progress": plan_progress(session, query.plan.id, at, scope=query.scope, unit_id=where.unit_id, lang=lang.value),
        "scopes": plan_scopes(session, query.plan.id), "units": sorted(plan_units(session, query.plan.id), key=unit_order),
        "states": PRESSING, "charted": CHARTED, "done": State.DONE, "late": State.LATE, "symbols": SYMBOLS, "periods": _period_choices(query.plan),
        "exports": span_codes(min(max(today, query.plan.starts_on), query.plan.ends_on)), "SpanKind": SpanKind,
    }


@dataclass(frozen=True, slots=True)
class CellView:
    state: str
    href: str
    text: str
    title: str


@dataclass(frozen=True, slots=True)
class RowView:
    name: str
    href: str
    cells: tuple[CellView | None, ...]
    totals: str


def matrix_rows(matrix: Matrix, query: BoardQuery, lang: Language) -> list[RowView]:
    """The matrix as the template prints it: links, texts and tooltips made here once, since a
    year by weeks is thousands of cells (the template escapes them on output)."""
    names = {s: say(f"states.{s.value}", lang) for s in PRESSING}
    plan, span = quote(query.plan.key), query.span.code
    return [_row_view(row, matrix.columns, plan, span, query.by_week, names) for row in matrix.rows]


def _row_view(row, columns, plan: str, span: str, by_week: bool, names: dict) -> RowView:
    unit = quote(row.unit.code)
    cells = tuple(_cell_view(cell, column, row.unit.name, plan, unit, names) if cell.total else None
                  for cell, column in zip(row.cells, columns))
    completed = row.totals.get(State.DONE, 0) + row.totals.get(State.LATE, 0)
    href = f"/board?plan={plan}&unit={unit}&period={span}" + ("&by=week" if by_week else "")
    return RowView(name=row.unit.name, href=href, cells=cells, totals=f"{completed}/{sum(row.totals.values())}")


def _cell_view(cell, column, unit_name: str, plan: str, unit: str, names: dict) -> CellView:
    counts = ", ".join(f"{names[s]} {cell.counts[s]}" for s in PRESSING if cell.counts.get(s))
    if cell.item_id:
        href, text = f"/board/items/{cell.item_id}", SYMBOLS[cell.state]
    else:
        href = f"/board/items?plan={plan}&unit={unit}&from={column.start}&to={column.end}"
        text = f"{cell.completed}/{cell.total}"
    return CellView(state=cell.state.value, href=href, text=text, title=f"{unit_name} · {column.label}: {counts}")


def _board_query(request: Request, session: Transaction, user: User, now: dt.datetime) -> BoardQuery | None:
    params = request.query_params
    visible = plans(session, user.plan_keys)
    if not visible:
        return None
    plan = _chosen_plan(visible, params.get("plan"))
    span = _span(params.get("period") or str(plan.year), decree=False)
    unit = _unit(session, params.get("unit"))
    scope = params.get("scope") or None
    return BoardQuery(plans=visible, plan=plan, span=span, by_week=params.get("by") == "week",
                      scope=scope if scope in plan_scopes(session, plan.id) else None, unit=unit)


def _chosen_plan(visible: list[PlanInfo], key: str | None) -> PlanInfo:
    if not key:
        return visible[0]
    for plan in visible:
        if plan.key == key:
            return plan
    raise HTTPException(status_code=404)


def _span(code: str, *, decree: bool) -> Span:
    try:
        return parse_span(code, decree=decree)
    except ValueError:
        raise HTTPException(status_code=404) from None


def _unit(session: Transaction, code: str | None) -> UnitInfo | None:
    if not code:
        return None
    unit = unit_by_code(session, code)
    if unit is None:
        raise HTTPException(status_code=404)
    return unit


def _period_choices(plan: PlanInfo) -> list[str]:
    """The plan's year, its halves, quarters and months (the period filter)."""
    year = plan.year
    return ([str(year), f"{year}-H1", f"{year}-H2"] + [f"{year}-Q{q}" for q in range(1, 5)]
            + [f"{year}-{m:02d}" for m in range(1, 13)])


async def cell_items(request: Request) -> Response:
    """The items of one unit between two days (a cell holding several items)."""
    user, params = signed_in(request), request.query_params
    with web(request).store.transaction() as session:
        plan = _visible_plan(session, user, params.get("plan"))
        start, end = _day(params.get("from")), _day(params.get("to"))
        unit = _unit(session, params.get("unit"))
        at = web(request).states.as_of(web(request).clock())
        items = find_items(session, ItemFilter(unit=unit.code if unit else None, plan=plan.key, start=start, end=end), at)
        rows = [(i, i.state, i.label(language(request).value, ITEM_LABEL_LIMIT)) for i in items]
        return render(request, "items.html", {"plan": plan, "unit": unit, "start": start, "end": end, "rows": rows})


async def item_page(request: Request) -> Response:
    user = signed_in(request)
    with web(request).store.transaction() as session:
        return _item_page(request, session, user, undone=request.query_params.get("undone") == "1")


def _item_page(request: Request, session: Transaction, user: User, *, undone: bool = False,
               undo_error: str | None = None, reason: str = "", status: int = 200) -> Response:
    item_id = request.path_params["item_id"]
    place = item_place(session, item_id)
    if place is None or not user.sees_plan(place.plan.key):
        raise HTTPException(status_code=404)
    view = item_view(session, item_id, web(request).states.as_of(web(request).clock()))
    history = item_history(session, item_id)
    return render(request, "item.html", {
        "plan": place.plan, "view": view, "state": view.state,
        "label": view.label(language(request).value), "history": history, "scope": place.scope,
        "can_undo": user.writes and any(c.undone_at is None for c in history.completions),
        "undone": undone, "undo_error": undo_error, "reason": reason}, status=status)


async def undo_item(request: Request) -> Response:
    """POST from the item page: a coordinator takes back the item's latest completion, with a
    reason; it stays in the item's history, marked, as ``cadence done --undo`` leaves it."""
    user = signed_in(request)
    if not user.writes:  # a leader reads and changes nothing
        raise HTTPException(status_code=403)
    form = await checked_form(request)
    item_id, reason = request.path_params["item_id"], str(form.get("reason", "")).strip()[:1000]
    try:
        with web(request).store.transaction() as session:
            place = item_place(session, item_id)
            if place is None or not user.sees_plan(place.plan.key):
                raise HTTPException(status_code=404)
            undo_completion(session, item_id, reason=reason, actor=user.full_name or user.name, now=web(request).clock())
    except CadenceError as error:  # no reason given, or nothing left to undo: the page again, saying so
        lang = language(request).value
        words = say("undo.web.no-reason", lang) if error.words.key == "undo.errors.no-reason" else error.say(lang)
        with web(request).store.transaction() as session:
            return _item_page(request, session, user, undo_error=words, reason=reason, status=400)
    return RedirectResponse(f"/board/items/{item_id}?undone=1#undo", status_code=303)


async def export(request: Request) -> Response:
    user, params, now = signed_in(request), request.query_params, web(request).clock()
    with web(request).store.transaction() as session:
        plan = _visible_plan(session, user, params.get("plan"))
        span = _span(params.get("period") or str(plan.year), decree=params.get("basis") == "decree")
        unit = _unit(session, params.get("unit"))
        scope = params.get("scope") or None
        where = ExportFilter(plan_id=plan.id, start=span.start, end=span.end, scope=scope,
                             unit_id=unit.id if unit else None)
        summary, details = export_tables(session, where, web(request).states.as_of(now), language(request))
    name = f"cadence-{_slug(plan.key)}-{span.code}{'-nd09' if span.decree else ''}"
    if params.get("format") == "csv":
        table = summary if params.get("table") == "summary" else details
        return _download(to_csv(table, language(request)), f"{name}.csv", "text/csv; charset=utf-8")
    heading = _heading(plan, span, language(request))
    return _download(to_xlsx((summary, details), heading=heading, lang=language(request)), f"{name}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _heading(plan: PlanInfo, span: Span, lang: Language) -> str:
    """The sheet's first line: the plan by its title (as written, in either language: a key
    means nothing to the reader of a report), the span and its days."""
    name = plan.title[:200]
    return say("export.heading", lang, plan=name, span=span.code, start=span.start, end=span.end)


def _download(body: bytes, filename: str, media_type: str) -> Response:
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def _visible_plan(session: Transaction, user: User, key: str | None) -> PlanInfo:
    plan = plan_by_key(session, key or "")
    if plan is None or not user.sees_plan(plan.key):
        raise HTTPException(status_code=404)
    return plan


def _day(text: str | None) -> dt.date | None:
    try:
        return parse_date(text) if text else None
    except ValueError:
        raise HTTPException(status_code=404) from None


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "plan"
