"""The board, the weekly digest and ``cadence due`` say the same of every item at the same moment:
before its due moment, within the grace period after it (14 hours by default), once it is
missed, and after work done on time and late. On both databases; the board through its real
pages on a real server, the CLI through its entry point, the digest as the daemon writes it."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import httpx
import pytest
from sqlalchemy import select

from cadence.daemon.digest import Week, plan_digest
from cadence.kinds import State
from cadence.store import Completion, CompletionSource, record_completion
from cadence.store.models import DueItem, PlanRow, UnitRow
from cadence.tz import local_moment, to_local
from cadence.web import start_web_server
from tests.cadence.support import run_cli
from tests.cadence.web.conftest import KEY, SECRET, Clock, log_in, seed, web_config

DAY = dt.date(2025, 9, 30)  # 19 items of the Lý Sơn plan fall due at 17:00 (the month and the quarter end)
MOMENTS = {
    "before the due moment": local_moment(DAY, dt.time(16, 0)),
    "within the grace period": local_moment(DAY, dt.time(20, 0)),
    "after the grace period": local_moment(DAY + dt.timedelta(days=1), dt.time(8, 0)),
}


@pytest.fixture
def office(store, tmp_path, database_url, monkeypatch):
    seeded = seed(store)
    config = web_config(tmp_path)
    (tmp_path / "config.toml").write_text(f'[database]\nurl = "{database_url}"\n', encoding="utf-8")
    monkeypatch.setenv("CADENCE_WEB_SECRET", SECRET)
    with store.transaction() as session:
        due = list(session.scalars(select(DueItem).where(
            DueItem.due_at == local_moment(DAY, dt.time(17, 0))).order_by(DueItem.id)))
        assert len(due) >= 3
        for item, at in ((due[0], dt.time(10, 0)), (due[1], dt.time(19, 0))):  # on time; late, within the grace
            record_completion(session, Completion(item_id=item.id, done_at=local_moment(DAY, at),
                                                  source=CompletionSource.CLI, actor="test"),
                              now=local_moment(DAY, at))
    clock = Clock(MOMENTS["before the due moment"])
    server = start_web_server(config, store, clock=clock, port=0)
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            yield seeded, config, clock, http, tmp_path
    finally:
        server.stop()


def _board(http: httpx.Client) -> dict[int, str]:
    page = http.get("/board/items", params={"plan": KEY, "from": "2025-01-01", "to": "2025-12-31"})
    assert page.status_code == 200
    return {int(i): s for i, s in re.findall(r'href="/board/items/(\d+)">.*?badge s-(\w+)"', page.text, re.S)}


def _cli(capsys, folder, moment: dt.datetime) -> dict[int, str]:
    code, out, err = run_cli(capsys, "--config", str(folder / "config.toml"), "due", "--json", "--plan", KEY,
                             "--all", "--now", moment.isoformat())
    assert code == 0, err
    return {i["id"]: i["state"] for i in json.loads(out)}


def _tallies(store, config, moment: dt.datetime) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """The digest that goes out the Monday after ``moment``, as of ``moment``: per unit, the week
    that holds it, and the year so far."""
    with store.transaction() as session:
        plan = session.scalar(select(PlanRow).where(PlanRow.key == KEY))
        digest = plan_digest(session, config, plan, Week.of(to_local(moment).date() + dt.timedelta(days=7)), moment)
    count = lambda tally: Counter({State.DONE.value: tally.on_time, State.LATE.value: tally.late,
                                   State.MISSED.value: tally.missed})
    return ({u.code: +count(u.last_week) for u in digest.units if +count(u.last_week)},
            {u.code: +count(u.year) for u in digest.units if +count(u.year)})


def _counted(store, states: dict[int, str], start: dt.datetime | None, end: dt.datetime) -> dict[str, Counter]:
    """What the CLI's states add up to per unit, for the items due in [start, end)."""
    with store.transaction() as session:
        rows = session.execute(select(DueItem.id, DueItem.due_at, DueItem.unit_id)).all()
        codes = dict(session.execute(select(UnitRow.id, UnitRow.code)).all())
    found: dict[str, Counter] = {}
    for item_id, due_at, unit_id in rows:
        state = states.get(item_id)
        if state in ("done", "late", "missed") and (start is None or due_at >= start) and due_at < end:
            found.setdefault(codes[unit_id], Counter())[state] += 1
    return found


@pytest.mark.parametrize("when", sorted(MOMENTS))
def test_every_item_has_one_state_everywhere(office, store, capsys, when) -> None:
    seeded, config, clock, http, folder = office
    moment = MOMENTS[when]
    clock.now = moment
    assert log_in(http).status_code == 303
    board, cli = _board(http), _cli(capsys, folder, moment)
    assert board and board == {i: s for i, s in cli.items() if s != State.RETIRED.value}
    day = to_local(moment).date()
    monday = local_moment(day - dt.timedelta(days=day.weekday() - 7), dt.time(0))
    last_week, year = _tallies(store, config, moment)
    assert last_week == _counted(store, cli, monday - dt.timedelta(days=7), monday)
    assert year == _counted(store, cli, None, monday)
    due = Counter(cli[i] for i in _due_that_day(store))
    expected = {"before the due moment": {"done": 1, "due": sum(due.values()) - 1},
                "within the grace period": {"done": 1, "late": 1, "grace": sum(due.values()) - 2},
                "after the grace period": {"done": 1, "late": 1, "missed": sum(due.values()) - 2}}[when]
    assert due == expected


def _due_that_day(store) -> list[int]:
    with store.transaction() as session:
        return list(session.scalars(select(DueItem.id).where(DueItem.due_at == local_moment(DAY, dt.time(17, 0)))))
