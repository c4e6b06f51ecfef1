"""A missed item climbs the chain the plan and the units directory give: the unit's contacts,
its head, the plan's monitor for the task's scope, the issuing authority. Each level fires once,
after its delay; a rung with nobody to tell is still recorded; completion stops it, as LATE."""
import dataclasses
import datetime as dt
import json

from cadence.daemon.recipients import monitors_for
from cadence.kinds import ItemStatus, Rung, State
from cadence.store.outbox import EscalationRow, NoticeKind, NoticeRow
from tests.cadence.daemon_support import local, office, weekly_plan
from tests.cadence.support import run_cli
from rules.model import Activity, Per, Rule, Scope, Window

NO_DIGEST = "[digest]\nenabled = false\n"


def _every_morning(o, first: str, last: str) -> None:
    day = dt.date.fromisoformat(first)
    while day <= dt.date.fromisoformat(last):
        o.tick(f"{day.isoformat()}T08:00")
        day += dt.timedelta(days=1)


def _steps(o, item_id: int):
    """(level, rung, when, how many people it told) of each step recorded for the item."""
    return [(e.level, e.rung, e.fired_at, len(_told(o, item_id, e.level))) for e in o.rows(EscalationRow, item_id=item_id)]


def _told(o, item_id: int, level: int) -> set[str]:
    return {n.recipient for _, n in o.told(item_id, kind=NoticeKind.ESCALATION, level=level)}


def test_a_bulletin_never_made_reaches_each_rung_once_on_its_day(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        item = o.due_on("dai", "2025-09-19")
        _every_morning(o, "2025-09-15", "2025-10-10")
        assert _steps(o, item.id) == [
            (1, Rung.CONTACTS, local("2025-09-22T08:00"), 3),
            (2, Rung.HEAD, local("2025-09-24T08:00"), 2),
            (3, Rung.MONITOR, local("2025-09-29T08:00"), 2),
            (4, Rung.ISSUER, local("2025-10-06T08:00"), 1),
        ]
        assert _told(o, item.id, 1) == {"thoisu@dai.example.invalid", "bientap@dai.example.invalid", "0912 345 678"}
        assert _told(o, item.id, 2) == {"giamdoc@dai.example.invalid", "0987 654 321"}
        assert _told(o, item.id, 3) == {"cds@khcn.example.invalid", "0905 111 222"}  # đầu mối for CĐS
        assert _told(o, item.id, 4) == {"vanthu@ubnd.example.invalid"}
        missed = o.view(item.id, "2025-10-10T08:00")
        assert (missed.state, missed.escalation_level) == (State.MISSED, 4)
        assert o.moment_of(item).next_action_at is None  # nothing more can happen to it


def test_the_monitor_is_the_one_for_the_tasks_scope_and_a_missing_head_is_recorded(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        page = o.due_on("bao", "2025-09-30")  # the paper's CCHC page
        _every_morning(o, "2025-09-15", "2025-10-10")
        levels = {level: (rung, people) for level, rung, _, people in _steps(o, page.id)}
        assert levels[2] == (Rung.HEAD, 0)  # the paper has no head in the directory
        assert _told(o, page.id, 3) == {"cchc@snv.example.invalid"}  # Sở Nội vụ follows CCHC


def test_completion_stops_the_climb_and_is_recorded_as_late(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        item = o.due_on("dai", "2025-09-19")
        _every_morning(o, "2025-09-15", "2025-09-23")
        o.complete(item.id, "2025-09-23T10:00")
        _every_morning(o, "2025-09-24", "2025-10-10")
        assert [level for level, *_ in _steps(o, item.id)] == [1]
        done = o.view(item.id, "2025-10-10T08:00")
        assert (done.state, done.escalation_level) == (State.LATE, 1)


def test_an_item_done_on_time_is_never_escalated(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        item = o.due_on("dai", "2025-09-19")
        _every_morning(o, "2025-09-15", "2025-09-18")
        o.complete(item.id, "2025-09-19T11:00")
        _every_morning(o, "2025-09-19", "2025-10-10")
        assert _steps(o, item.id) == []
        assert o.items("dai", id=item.id)[0].status is ItemStatus.DONE


def test_a_unit_is_never_escalated_to_itself_as_its_own_monitor(database_url, tmp_path):
    window = Window(start=dt.date(2025, 9, 1), end=dt.date(2025, 12, 31))
    own = Activity(ref="3", title="Báo cáo chuyển đổi số", scope=Scope.CDS, lead=("Sở Khoa học và Công nghệ",),
                   window=window, rules=[Rule(count=1, per=Per.MONTH, series="Báo cáo tháng")])
    plan = dataclasses.replace(weekly_plan(), activities=(own,))
    with office(database_url, tmp_path, NO_DIGEST, plan=plan, start="2025-09-15") as o:
        report = o.due_on("so-khcn", "2025-09-30")
        _every_morning(o, "2025-09-29", "2025-10-10")
        levels = {level: people for level, _, _, people in _steps(o, report.id)}
        assert levels[3] == 0 and _told(o, report.id, 3) == set()


def test_monitors_are_chosen_by_scope_with_all_scopes_and_a_fallback():
    monitors = {"CĐS": (1,), "CCHC": (2, 3), "all": (4,)}
    assert monitors_for(monitors, "CĐS") == (1, 4)
    assert monitors_for(monitors, "CCHC") == (2, 3, 4)
    assert monitors_for({"CĐS": (1,), "CCHC": (2,)}, "DVCTT") == (1, 2)  # nobody for the scope: all


def test_cadence_due_shows_each_items_escalation_level(database_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CADENCE_DATABASE_URL", database_url)
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        _every_morning(o, "2025-09-15", "2025-09-24")
        config = str(tmp_path / "config.toml")
        args = ("--config", config, "due", "--unit", "dai", "--overdue", "--now", "2025-09-24T09:00")
        code, out, err = run_cli(capsys, *args)
        assert code == 0, err
        header, _, plan, *rows, total = out.splitlines()
        assert header.rstrip().endswith("Trạng thái  Đôn đốc") and total == "— 2 mục"
        assert plan == "# Kế hoạch truyền thông thử (thu-2025)"  # the rows under their plan's title
        assert [r.split("  ")[-1].strip() for r in rows] == ["cấp 2", "cấp 2"]  # 19 September's bulletins
        code, out, _ = run_cli(capsys, *args, "--json")
        assert [i["escalation_level"] for i in json.loads(out)] == [2, 2]
