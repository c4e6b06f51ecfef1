"""A correction made to a plan's reading (on the intake page; here through the same service) is
stored with the plan and applied again when the plan is imported again from the command line,
the same file or an amended one; a part the amended plan changed takes the plan's new words."""
from sqlalchemy import select

from cadence.config import Config
from cadence.intake import service
from cadence.kinds import ItemStatus
from cadence.store import open_store
from cadence.store import intake as stored
from cadence.store.models import DueItem, DutyRow
from tests.cadence.support import NOW, plan_file

PLAN = "quang-ngai-province-2025"
FIXED = "C.I.4.a"  # "Tần suất: 12 số/năm"
CHANGED = "C.II.5"  # "Tần suất: 01 số/tháng (12 kỳ/năm)"


def _import(office, path):
    code, out, err = office("plan", "import", str(path), "--key", PLAN, "--from", "2025-01-01", "--create-units")
    assert (code, err) == (0, ""), err
    return out


def _monthly(database_url: str, ref: str, count: int) -> None:
    """Say through the service what the page says: activity ``ref`` has ``count`` a month."""
    store = open_store(database_url)
    try:
        with store.transaction() as session:
            version = stored.approved_version(session, PLAN)
            activity = next(a for a in version.reading["activities"] if a["ref"] == ref)
            rules = [dict(activity["rules"][0], count=count, per="month", every=1, declared_total=None)]
            service.correct(session, version, target=ref, field="rules", value=rules, by="Điều phối", now=NOW)
    finally:
        store.close()


def _items(database_url: str, ref: str) -> int:
    store = open_store(database_url)
    try:
        with store.transaction() as session:
            return len(session.scalars(select(DueItem.id).join(DutyRow, DutyRow.id == DueItem.duty_id)
                                       .where(DutyRow.ref == ref, DueItem.status != ItemStatus.RETIRED)).all())
    finally:
        store.close()


def test_a_correction_survives_reimports_and_yields_to_a_changed_plan(office, database_url, tmp_path) -> None:
    _import(office, plan_file(PLAN))
    assert (_items(database_url, FIXED), _items(database_url, CHANGED)) == (12, 12)
    _monthly(database_url, FIXED, 2)
    _monthly(database_url, CHANGED, 3)
    _import(office, plan_file(PLAN))
    assert (_items(database_url, FIXED), _items(database_url, CHANGED)) == (24, 36)

    amended = tmp_path / "ke-hoach-sua-doi.txt"
    text = plan_file(PLAN).read_text("utf-8")
    amended.write_text(text.replace("- Tần suất: 01 số/tháng (12 kỳ/năm).", "- Tần suất: 04 số/tháng (48 kỳ/năm)."),
                       encoding="utf-8")
    _import(office, amended)
    assert _items(database_url, FIXED) == 24  # unchanged in the plan: the correction holds
    assert _items(database_url, CHANGED) == 48  # the plan now says otherwise: its words win
