"""A reminder names what sets an item apart from its siblings and the plan by its title. Before,
a unit owing its quarterly and half-yearly reports on one day read two identical lines, and every
line named the plan by its key ("thu-2025")."""
import dataclasses

from cadence.kinds import ItemKind
from cadence.tz import LOCAL
from rules.model import Report, ReportPeriod, Scope
from tests.cadence.daemon_support import body, office, outbox_emails, weekly_plan

NO_DIGEST = "[digest]\nenabled = false\n"


def _plan():
    reports = (Report(ref="C.3", from_="Báo Quảng Ngãi", to="Sở Nội vụ", scope=Scope.CCHC,
                      periods=(ReportPeriod.QUARTER, ReportPeriod.HALF_YEAR)),)
    return dataclasses.replace(weekly_plan(), reports=reports)


def _reports_day(o) -> str:
    """The first day the paper owes both reports (the quarter's and the half-year's cut-off)."""
    days = {}
    for item in o.items("bao"):
        if o.view(item.id, "2025-01-01T08:00").kind is ItemKind.REPORT:
            days.setdefault(item.due_at, []).append(item)
    due = min(moment for moment, items in days.items() if len(items) == 2)
    return due.astimezone(LOCAL).date().isoformat()


def test_a_reminder_says_each_reports_period_and_the_plans_title(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, plan=_plan()) as o:
        day = _reports_day(o)
        o.tick(f"{day}T08:00")
    (message,) = [m for m in outbox_emails(tmp_path) if "toasoan@bao" in m["To"]]
    text, html = body(message), body(message, "html")
    lines = [line for line in text.splitlines() if "C.3" in line]
    assert len(lines) == 2
    assert any("(kỳ quý)" in line for line in lines) and any("(kỳ 6 tháng)" in line for line in lines)
    assert all("Kế hoạch truyền thông thử" in line and "thu-2025" not in line for line in lines)
    assert "(kỳ quý)" in html and "(kỳ 6 tháng)" in html and "thu-2025" not in html


def test_in_english_the_periods_are_english(database_url, tmp_path):
    with office(database_url, tmp_path, 'language = "en"\n' + NO_DIGEST, plan=_plan()) as o:
        o.tick(f"{_reports_day(o)}T08:00")
    (message,) = [m for m in outbox_emails(tmp_path) if "toasoan@bao" in m["To"]]
    assert "(quarterly)" in body(message) and "(half-yearly)" in body(message)
