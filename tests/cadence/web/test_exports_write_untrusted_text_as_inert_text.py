"""Plan text and evidence in an export cannot run as spreadsheet formulas (CSV injection), and
Vietnamese survives a trip through Excel (UTF-8 with a BOM)."""
from __future__ import annotations

import csv
import io

import openpyxl

from cadence.web.export import Table, safe, to_csv, to_xlsx

HOSTILE = ['=HYPERLINK("http://evil.example","bấm")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


def test_formula_looking_text_gets_a_leading_apostrophe() -> None:
    assert [safe(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert (safe("Bản tin PAPI"), safe(-5), safe(None)) == ("Bản tin PAPI", -5, None)


def test_csv_and_xlsx_hold_the_text_inert() -> None:
    table = Table(title="Chi tiết", columns=("Nội dung", "Số"), rows=[(v, 1) for v in HOSTILE] + [("Xã Ba Tơ", 2)])
    data = to_csv(table)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE] + ["Xã Ba Tơ"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx((table,), heading="Kế hoạch")))["Chi tiết"]
    cells = [c for (c,) in sheet.iter_rows(min_row=3, max_col=1)]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells] == ["'" + v for v in HOSTILE] + ["Xã Ba Tơ"]
