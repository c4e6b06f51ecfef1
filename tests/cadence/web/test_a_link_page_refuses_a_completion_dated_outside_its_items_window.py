"""The link page takes a completion dated between its item's window opening and now, as the
CLI and the CSV do: 1900-01-01 was accepted (a missed item became "done on time") and
0001-01-01 answered 500. Both are now the form again with the reason beside the date field,
status 400, and the item unchanged."""
from __future__ import annotations

import datetime as dt

from cadence.kinds import ItemStatus
from cadence.links import completion_url, token_of
from tests.cadence.web.conftest import START, csrf_of

OWN = "ls-tt-truyen-thong"


def test_a_date_before_the_window_or_off_the_calendar_is_shown_on_the_form(config, seeded, client, clock) -> None:
    item = seeded.items_of(OWN, limit=1)[0]
    window_start = seeded.item(item).window_start
    clock.now = max(START, seeded.item(item).due_at + dt.timedelta(days=3))  # missed by now
    token = token_of(completion_url(config, [item], seeded.units[OWN], clock.now))
    csrf = csrf_of(client.get(f"/l/{token}").text)
    for day, words in (("1900-01-01", "sớm hơn ngày mở kỳ của mục"),
                       ((window_start - dt.timedelta(days=1)).isoformat(), "sớm hơn ngày mở kỳ của mục"),
                       ("0001-01-01", "ngày không hợp lệ")):
        answer = client.post(f"/l/{token}", data={"csrf": csrf, "item": str(item), "aired_on": day})
        assert answer.status_code == 400, (day, answer.status_code)
        assert words in answer.text and 'name="aired_on"' in answer.text
    assert seeded.item(item).status is ItemStatus.OPEN and seeded.item(item).completed_at is None
    answer = client.post(f"/l/{token}", data={"csrf": csrf, "item": str(item), "aired_on": window_start.isoformat()})
    assert answer.status_code == 303 and seeded.item(item).status is ItemStatus.DONE
