"""Every integer and date a page takes from its address, its query or a form is checked before it
reaches a query: `GET /board/items/99999999999999999999999` answered 500 (SQLite's OverflowError),
and so did an intake draft's address, a board cell dated 0001-01-01 and a link form's air date of
0001-01-01. An id or a date no row can have is "not found" (404) or a form problem (400), never a
server error, and nothing is written. Hypothesis then tries any text in each parameter against the
real server on loopback."""
from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadence.kinds import ItemStatus
from cadence.links import completion_url, token_of
from tests.cadence.web.conftest import KEY, START, csrf_of, log_in

OWN = "ls-tt-truyen-thong"
HUGE = "99999999999999999999999"
CI = os.environ.get("CI", "").lower() in ("true", "1")


def test_an_id_past_the_largest_row_id_is_not_found(seeded, client) -> None:
    log_in(client)
    for path in (f"/board/items/{HUGE}", "/board/items/3000000000", "/board/items/2147483648",
                 f"/intake/{HUGE}", f"/intake/{HUGE}/preview", "/intake/3000000000"):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/board/items/{seeded.items_of(OWN, limit=1)[0]}").status_code == 200


def test_a_day_outside_the_calendar_a_board_takes_is_not_found(seeded, client) -> None:
    log_in(client)
    for query in ({"plan": KEY, "from": "0001-01-01", "to": "2025-12-31"}, {"plan": KEY, "to": "9999-12-31"},
                  {"plan": KEY, "from": "0001-01-01", "unit": OWN}):
        assert client.get("/board/items", params=query).status_code == 404, query
    for period in ("0001", "9999-12", "9999-Q4", "0001-H1"):
        assert client.get("/board/export", params={"plan": KEY, "period": period, "basis": "decree"}).status_code in (404, 200)


def test_a_link_form_with_an_id_or_air_date_out_of_range_is_refused_and_writes_nothing(config, seeded, client) -> None:
    item = seeded.items_of(OWN, limit=1)[0]
    token = token_of(completion_url(config, [item], seeded.units[OWN], START))
    csrf = csrf_of(client.get(f"/l/{token}").text)
    for fields, status in (({"item": HUGE}, 403), ({"item": "²"}, 403), ({"item": str(item), "aired_on": "0001-01-01"}, 400),
                           ({"item": str(item), "count": HUGE}, (200, 303, 400))):
        answer = client.post(f"/l/{token}", data={"csrf": csrf} | fields)
        assert answer.status_code in ((status,) if isinstance(status, int) else status), (fields, answer.status_code)
    assert client.get(f"/l/{token}?done={HUGE}").status_code == 200


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=60, deadline=None, derandomize=CI, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.text(max_size=30), st.integers().map(str), st.dates().map(str),
                       st.sampled_from([HUGE, "0001-01-01", "9999-12-31", "-1", "0", "1e9", "²", "٣", "2025-Q9"])))
def test_any_value_of_any_parameter_is_answered_without_a_server_error(seeded, client, value: str) -> None:
    if not client.cookies:
        log_in(client)
    item = seeded.items_of(OWN, limit=1)[0]
    path_value = quote(value, safe="") or "x"
    answers = [
        client.get(f"/board/items/{path_value}"),
        client.get(f"/intake/{path_value}"),
        client.get("/board/items", params={"plan": KEY, "from": value, "to": value, "unit": value}),
        client.get("/board", params={"plan": KEY, "period": value, "unit": OWN, "by": value}),
        client.get("/board/export", params={"plan": KEY, "period": value, "format": "csv", "basis": "decree"}),
        client.get("/units", params={"q": value}),
    ]
    assert [a.status_code for a in answers if a.status_code >= 500] == [], value
    assert seeded.item(item).status is ItemStatus.OPEN
