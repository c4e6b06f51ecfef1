"""`cadence plan retire KEY`: the plan's open items stop (retired, not deleted), what was done
stays done, the plan is still listed; importing it again brings it back."""
from sqlalchemy import func, select

from cadence.kinds import ItemStatus
from cadence.store import open_store
from cadence.store.models import DueItem, PlanRow
from tests.cadence.support import plan_file

PLAN = "ly-son-special-zone-2025"


def _statuses(database_url: str) -> dict:
    store = open_store(database_url)
    try:
        with store.transaction() as session:
            rows = session.execute(select(DueItem.status, func.count()).group_by(DueItem.status)).all()
            retired = session.scalar(select(PlanRow.retired_at).where(PlanRow.key == "ly-son"))
        return {status: n for status, n in rows} | {"plan retired": retired is not None}
    finally:
        store.close()


def test_retire_stops_the_open_items_and_keeps_the_done_ones(office, database_url, tmp_path) -> None:
    assert office("plan", "import", str(plan_file(PLAN)), "--key", "ly-son", "--from", "2025-01-01",
                  "--create-units", "--now", "2025-01-02T08:00")[0] == 0
    open_before = _statuses(database_url)[ItemStatus.OPEN]
    (tmp_path / "done.csv").write_text("", encoding="utf-8")
    code, out, err = office("plan", "retire", "ly-son", "--now", "2025-03-01T08:00")
    assert (code, err) == (0, "") and str(open_before) in out.replace(".", "")
    after = _statuses(database_url)
    assert after.get(ItemStatus.OPEN, 0) == 0 and after[ItemStatus.RETIRED] == open_before
    assert after["plan retired"]
    assert "ly-son" in office("plan", "list")[1]
    assert office("plan", "retire", "khong-co-ke-hoach-nay")[0] == 2


def test_a_retired_plan_imported_again_runs_again(office, database_url) -> None:
    args = ("plan", "import", str(plan_file(PLAN)), "--key", "ly-son", "--from", "2025-01-01", "--create-units")
    assert office(*args)[0] == 0
    assert office("plan", "retire", "ly-son")[0] == 0
    assert office(*args)[0] == 0
    assert not _statuses(database_url)["plan retired"]
