"""Export periods: a month, a quarter, six months, a year; on the calendar or on the reporting
cut-offs of Nghị định 09/2019/NĐ-CP (15th of the month before to the 14th of the last)."""
from __future__ import annotations

import datetime as dt

import pytest

from cadence.web.spans import SpanKind, parse_span, span_codes

D = dt.date


@pytest.mark.parametrize("code, kind, start, end", [
    ("2025-09", SpanKind.MONTH, D(2025, 9, 1), D(2025, 9, 30)),
    ("2025-02", SpanKind.MONTH, D(2025, 2, 1), D(2025, 2, 28)),
    ("2025-Q3", SpanKind.QUARTER, D(2025, 7, 1), D(2025, 9, 30)),
    ("2025-h2", SpanKind.HALF, D(2025, 7, 1), D(2025, 12, 31)),
    ("2025", SpanKind.YEAR, D(2025, 1, 1), D(2025, 12, 31)),
])
def test_calendar_periods(code, kind, start, end) -> None:
    span = parse_span(code)
    assert (span.kind, span.start, span.end) == (kind, start, end)


@pytest.mark.parametrize("code, start, end", [
    ("2025-01", D(2024, 12, 15), D(2025, 1, 14)),
    ("2025-Q3", D(2025, 6, 15), D(2025, 9, 14)),
    ("2025-H1", D(2024, 12, 15), D(2025, 6, 14)),
    ("2025", D(2024, 12, 15), D(2025, 12, 14)),
])
def test_reporting_periods_of_decree_09_2019(code, start, end) -> None:
    span = parse_span(code, decree=True)
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize("code", ["2025-13", "2025-Q5", "2025-H3", "25", "2025-9", "Q3", ""])
def test_anything_else_is_refused(code) -> None:
    with pytest.raises(ValueError):
        parse_span(code)


def test_the_export_menu_offers_the_periods_around_a_day() -> None:
    assert span_codes(D(2025, 8, 20)) == {SpanKind.MONTH: "2025-08", SpanKind.QUARTER: "2025-Q3",
                                          SpanKind.HALF: "2025-H2", SpanKind.YEAR: "2025"}
