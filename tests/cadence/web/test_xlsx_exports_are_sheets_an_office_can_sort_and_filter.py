"""An XLSX export is a sheet an office works in: due dates and completion times are date cells
(they sort and filter as dates) in the language's format, the header row is frozen and carries
an autofilter, and each column is about as wide as what it holds. Before, dates were text."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl

from tests.cadence.web.conftest import KEY, log_in
from tests.cadence.web.test_board_and_export_on_both_databases import board  # noqa: F401 (the fixture)


def _details(client, **params) -> openpyxl.worksheet.worksheet.Worksheet:
    response = client.get("/board/export", params={"plan": KEY, "period": "2025-H2", **params})
    return openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[1]  # the summary, then the details


def test_details_hold_date_cells_under_a_frozen_filtered_header(board) -> None:  # noqa: F811
    client, item = board
    log_in(client)
    sheet = _details(client)
    header = [c.value for c in sheet[2]]
    rows = list(sheet.iter_rows(min_row=3))
    due, start, done_at = (header.index(name) for name in ("Hạn", "Từ ngày", "Hoàn thành lúc"))
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:{openpyxl.utils.get_column_letter(len(header))}{len(rows) + 2}"
    assert all(isinstance(r[due].value, dt.datetime) and r[due].number_format == "dd/mm/yyyy hh:mm" for r in rows)
    assert all(isinstance(r[start].value, dt.datetime) and r[start].number_format == "dd/mm/yyyy" for r in rows)
    finished = next(r for r in rows if r[0].value == item)
    assert finished[done_at].value == dt.datetime(2025, 9, 15, 8, 0)  # local time, as the office reads it
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
    what = openpyxl.utils.get_column_letter(header.index("Nội dung") + 1)
    assert widths[what] > widths["A"] >= 6 and max(widths.values()) <= 60


def test_english_sheets_name_the_month(board) -> None:  # noqa: F811
    client, _ = board
    log_in(client)
    sheet = _details(client, lang="en")
    header = [c.value for c in sheet[2]]
    due = header.index("Due")
    assert sheet.cell(row=3, column=due + 1).number_format == "d mmm yyyy hh:mm"
