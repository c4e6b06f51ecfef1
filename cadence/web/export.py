"""Export of a period as the tables an office pastes into its periodic report: a summary per
unit (on time, late, missed, open, rate) and one row per item with who reported it, when,
from where and the evidence. XLSX (openpyxl) and CSV (UTF-8 with a BOM, so Excel opens the
Vietnamese correctly).

Plan text, notes and evidence are untrusted: a cell beginning with = + - @ would run as a
formula in a spreadsheet (CSV injection), so such text is written with a leading apostrophe.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cadence.catalogue import formats, say
from cadence.kinds import ItemKind, Language, State
from cadence.schedule.model import output_label as label
from cadence.schedule.states import AsOf
from cadence.store import Transaction
from cadence.store.board import UnitInfo
from cadence.store.export import ExportFilter, ExportedItem, export_completions, export_rows
from cadence.store.history import CompletionEntry
from cadence.tz import to_local
from cadence.web.board import unit_order

SUMMARY_STATES = (State.DONE, State.LATE, State.MISSED, State.GRACE, State.DUE, State.UPCOMING, State.BEFORE_TRACKING)
# The columns by their keys in the catalogue's [export] table; the states' columns come
# between the number of items and the rate, under the states' own words.
SUMMARY_COLUMNS = ("unit", "unit-id", "items", "rate")
DETAIL_COLUMNS = ("item", "unit", "ref", "what", "kind", "from", "to", "due", "state", "done", "target",
                  "completed-at", "reported-by", "source", "evidence", "note")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, kw_only=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple]


def export_tables(session: Transaction, where: ExportFilter, at: AsOf, lang: Language) -> tuple[Table, Table]:
    """(summary per unit, one row per item) for the items due in the period, with their states
    as of ``at``."""
    items = export_rows(session, where, at)
    completions = export_completions(session, where)
    details, per_unit = [], defaultdict(lambda: defaultdict(int))
    units: dict[int, UnitInfo] = {}
    for row in items:
        state = row.state
        if row.unit_id not in units:
            units[row.unit_id] = UnitInfo(id=row.unit_id, code=row.code, name=row.name, level=row.level)
        per_unit[row.unit_id][state] += 1
        details.append(_detail(row, state, completions.get(row.id, []), lang))
    summary = [_summary(units[u], per_unit[u]) for u in sorted(units, key=lambda u: unit_order(units[u]))]
    return (Table(title=say("export.summary", lang), columns=_summary_columns(lang), rows=summary),
            Table(title=say("export.details", lang), columns=tuple(say(f"export.{c}", lang) for c in DETAIL_COLUMNS),
                  rows=details))


def _summary_columns(lang: Language) -> tuple[str, ...]:
    unit, code, items, rate = (say(f"export.{c}", lang) for c in SUMMARY_COLUMNS)
    return (unit, code, items, *(say(f"states.{s.value}", lang) for s in SUMMARY_STATES), rate)


def _detail(row: ExportedItem, state: State, done: list[CompletionEntry], lang: Language) -> tuple:
    actors = "; ".join(dict.fromkeys(c.actor for c in done if c.actor))
    sources = "; ".join(dict.fromkeys(say(f"sources.{c.source.value}", lang) for c in done))
    evidence = "\n".join(c.evidence_url for c in done if c.evidence_url)
    notes = "\n".join(c.note for c in done if c.note)
    return (row.id, row.name, row.ref, label(row.title, row.series, row.channel, row.period, lang=getattr(lang, "value", lang),
                                           rebroadcast=row.kind is ItemKind.REBROADCAST), say(f"kinds.{row.kind.value}", lang),
            row.window_start, row.window_end, to_local(row.due_at), say(f"states.{state.value}", lang),
            row.done_count, row.target, to_local(row.completed_at) if row.completed_at else None, actors, sources,
            evidence, notes)


def _summary(unit: UnitInfo, counts: dict[State, int]) -> tuple:
    total = sum(counts.values())
    completed = counts[State.DONE] + counts[State.LATE]
    owed = completed + counts[State.MISSED]  # an item in its grace period is not yet owed
    rate = round(100 * completed / owed) if owed else None
    return (unit.name, unit.code, total, *(counts[s] for s in SUMMARY_STATES), rate)


def safe(value):
    """Text that a spreadsheet would run as a formula, made inert."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(table: Table, lang: Language = Language.VI) -> bytes:
    """Numbers stay numbers (a spreadsheet sums them); days are written as the language writes them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else safe(_text(v, lang)) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(tables: tuple[Table, ...], *, heading: str, lang: Language = Language.VI) -> bytes:
    """Streamed (openpyxl's write-only mode): a year of a province is a few ten thousand rows.
    Each sheet: the heading, then the columns' names as a frozen header with an autofilter, and
    columns as wide as what they hold (within bounds); days and moments are date cells in the
    language's format, so the sheet sorts and filters them as dates."""
    book = Workbook(write_only=True)
    day_format, moment_format = formats.spreadsheet_formats(lang)
    for table in tables:
        sheet = book.create_sheet(table.title)
        for letter, width in _widths(table, lang):  # before any row: write-only sheets write <cols> first
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A3"
        sheet.append([_bold(sheet, heading)])
        sheet.append([_bold(sheet, name) for name in table.columns])
        for row in table.rows:
            sheet.append([_cell(sheet, v, day_format, moment_format) for v in row])
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(table.columns))}{len(table.rows) + 2}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_WIDTH = (6, 60)  # characters: the narrowest and the widest a column is made
_SAMPLE = 200  # rows read to size the columns (a long sheet's first rows are like the rest)


def _widths(table: Table, lang: Language) -> list[tuple[str, float]]:
    """Each column's width in characters: its longest value among the header and the first rows."""
    widths = []
    for index, name in enumerate(table.columns):
        longest = max([len(name)] + [len(_text(row[index], lang)) for row in table.rows[:_SAMPLE]
                                     if row[index] is not None and "\n" not in _text(row[index], lang)])
        widths.append((get_column_letter(index + 1), float(min(max(longest + 2, _WIDTH[0]), _WIDTH[1]))))
    return widths


def _cell(sheet, value, day_format: str, moment_format: str):
    """A value as its cell: a moment as a local date-time (a spreadsheet knows no time zones), a
    day as a date, each with the language's format; text made inert."""
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
        cell.number_format = moment_format
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = day_format
        return cell
    return safe(value)


def _bold(sheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe(value))
    cell.font = Font(bold=True)
    return cell


def _text(value, lang: Language) -> str:
    if isinstance(value, dt.datetime):
        return formats.moment(value, lang)
    return formats.date(value, lang) if isinstance(value, dt.date) else str(value)
