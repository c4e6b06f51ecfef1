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

from cadence.catalogue import say
from cadence.kinds import Language, State
from cadence.schedule.model import output_label as label
from cadence.schedule.states import AsOf
from cadence.store import Transaction
from cadence.store.board import UnitInfo
from cadence.store.export import ExportFilter, ExportedItem, export_completions, export_rows
from cadence.store.history import CompletionEntry
from cadence.tz import format_local
from cadence.web.board import unit_order
from cadence.web.words import KIND_WORDS, SOURCE_WORDS, word

SUMMARY_STATES = (State.DONE, State.LATE, State.MISSED, State.GRACE, State.DUE, State.UPCOMING)
SUMMARY_COLUMNS = {  # the state columns come between the number of items and the rate
    Language.VI: ("Đơn vị", "Mã đơn vị", "Số việc", "Tỷ lệ hoàn thành (%)"),
    Language.EN: ("Unit", "Unit id", "Items", "Completion rate (%)"),
}
DETAIL_COLUMNS = {
    Language.VI: ("Mã việc", "Đơn vị", "Mục", "Nội dung", "Loại", "Từ ngày", "Đến ngày", "Hạn", "Trạng thái",
                  "Đã thực hiện", "Chỉ tiêu", "Hoàn thành lúc", "Người báo cáo", "Nguồn", "Minh chứng", "Ghi chú"),
    Language.EN: ("Item", "Unit", "Ref", "What", "Kind", "From", "To", "Due", "State", "Done", "Target",
                  "Completed at", "Reported by", "Source", "Evidence", "Note"),
}
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
    titles = ("Tổng hợp", "Chi tiết") if lang is Language.VI else ("Summary", "Items")
    return (Table(title=titles[0], columns=_summary_columns(lang), rows=summary),
            Table(title=titles[1], columns=DETAIL_COLUMNS[lang], rows=details))


def _summary_columns(lang: Language) -> tuple[str, ...]:
    unit, code, items, rate = SUMMARY_COLUMNS[lang]
    return (unit, code, items, *(say(f"states.{s.value}", lang.value) for s in SUMMARY_STATES), rate)


def _detail(row: ExportedItem, state: State, done: list[CompletionEntry], lang: Language) -> tuple:
    actors = "; ".join(dict.fromkeys(c.actor for c in done if c.actor))
    sources = "; ".join(dict.fromkeys(word(SOURCE_WORDS, c.source.value, lang) for c in done))
    evidence = "\n".join(c.evidence_url for c in done if c.evidence_url)
    notes = "\n".join(c.note for c in done if c.note)
    return (row.id, row.name, row.ref, label(row.title, row.series, row.channel), word(KIND_WORDS, row.kind, lang),
            row.window_start, row.window_end, format_local(row.due_at), say(f"states.{state.value}", lang.value),
            row.done_count, row.target, format_local(row.completed_at), actors, sources, evidence, notes)


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


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else safe(_text(v)) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(tables: tuple[Table, ...], *, heading: str) -> bytes:
    """Streamed (openpyxl's write-only mode): a year of a province is a few ten thousand rows."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.title)
        sheet.freeze_panes = "A3"
        sheet.append([_bold(sheet, heading)])
        sheet.append([_bold(sheet, name) for name in table.columns])
        for row in table.rows:
            sheet.append([safe(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bold(sheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe(value))
    cell.font = Font(bold=True)
    return cell


def _text(value) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
