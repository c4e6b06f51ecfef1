"""The other kinds of duty: a one-off task is due at the end of its window; an ongoing task
gets a monthly check-in; a named day of the year is due on that day; a report is due after
each cut-off of Nghị định 09/2019/NĐ-CP."""
import dataclasses
import datetime as dt

from cadence.config import CheckInPeriod, ScheduleConfig
from cadence.schedule import ItemKind, duties_of, slots_for
from rules.model import Activity, Plan, Report, Rule, Window

CONFIG = ScheduleConfig()
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def plan_with(*activities, reports=()) -> Plan:
    return Plan(file="p.txt", title="t", issuer="UBND xã", year=2025, activities=activities, reports=reports)


def only_slots(plan, config=CONFIG, start=START, end=END):
    duties, _ = duties_of(plan, config)
    return {d.key: slots_for(d, start, end, config, year=2025)[0] for d in duties}


def test_a_one_off_task_is_one_item_due_at_the_end_of_its_quarter() -> None:
    q3 = Window(start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30), text="Quý III/2025")
    [slots] = only_slots(plan_with(Activity(ref="a", title="t", lead=("X",), window=q3))).values()
    assert [(s.window_start, s.window_end) for s in slots] == [(q3.start, q3.end)]
    assert slots[0].due_at.date() == dt.date(2025, 9, 30)


def test_a_one_off_task_due_after_the_imported_range_gives_nothing() -> None:
    q3 = Window(start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))
    [slots] = only_slots(plan_with(Activity(ref="a", title="t", lead=("X",), window=q3)), end=dt.date(2025, 8, 31)).values()
    assert slots == []


def test_an_ongoing_task_without_a_count_gets_a_check_in_a_month() -> None:
    duties, _ = duties_of(plan_with(Activity(ref="a", title="t", lead=("X",), ongoing=True)), CONFIG)
    assert [d.kind for d in duties] == [ItemKind.CHECK_IN]
    assert len(slots_for(duties[0], START, END, CONFIG, year=2025)[0]) == 12


def test_check_ins_follow_the_configured_period_or_none() -> None:
    plan = plan_with(Activity(ref="a", title="t", lead=("X",), ongoing=True))
    quarterly = dataclasses.replace(CONFIG, check_in=CheckInPeriod.QUARTER)
    assert len(only_slots(plan, quarterly)["check_in"]) == 4
    assert duties_of(plan, dataclasses.replace(CONFIG, check_in=CheckInPeriod.NONE))[0] == []


def test_national_digital_transformation_day_is_due_on_10_october_itself() -> None:
    rule = Rule(count=1, per="year", on="10-10", text="Ngày Chuyển đổi số quốc gia 10/10 hằng năm")
    [slots] = only_slots(plan_with(Activity(ref="a", title="t", lead=("X",), rules=(rule,)))).values()
    assert [(s.window_start, s.due_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()) for s in slots] == [
        (dt.date(2025, 10, 10), dt.date(2025, 10, 10))]


def test_quarterly_reports_cover_the_15th_to_the_14th_and_fall_due_days_later() -> None:
    report = Report(ref="E.8.c", from_="X", to="Y", scope="CCHC", periods=("quarter",))
    slots = only_slots(plan_with(reports=(report,)))["report|CCHC|quarter"]
    assert [(s.window_start, s.window_end) for s in slots][:2] == [
        (dt.date(2024, 12, 15), dt.date(2025, 3, 14)), (dt.date(2025, 3, 15), dt.date(2025, 6, 14))]
    assert slots[0].due_at.date() == dt.date(2025, 3, 19)  # 14 March + 5 days, a Wednesday
    assert len(slots) == 4


def test_monthly_half_yearly_and_yearly_reports_count_12_2_and_1() -> None:
    report = Report(ref="r", from_="X", to="Y", scope="all", periods=("month", "half_year", "year"))
    slots = only_slots(plan_with(reports=(report,)))
    assert [len(slots[f"report|all|{p}"]) for p in ("month", "half_year", "year")] == [12, 2, 1]


def test_a_report_with_no_period_gives_nothing_unless_configured() -> None:
    report = Report(ref="r", from_="X", to="Y", scope="all", periods=())
    duties, notes = duties_of(plan_with(reports=(report,)), CONFIG)
    assert duties == [] and notes[0].code == "report-no-period"
    configured = dataclasses.replace(CONFIG, unstated_report_periods=("quarter",))
    assert [d.key for d in duties_of(plan_with(reports=(report,)), configured)[0]] == ["report|all|quarter"]


def test_a_task_with_no_lead_goes_to_the_issuer_and_says_so() -> None:
    duties, notes = duties_of(plan_with(Activity(ref="a", title="t", lead=("",))), CONFIG)
    assert duties[0].units == ("UBND xã",)
    assert notes[0].code == "no-lead"
