"""A plan the reader can still understand, with a problem in it, gives warnings, not silence."""
from rules import read_plan
from tests.rules.plan_text import PLAN


def warnings(extra=""):
    plan = read_plan(PLAN.replace("{extra}", extra), file="hoa-binh.txt")
    return plan, {(w.ref, w.code) for w in plan.warnings}


def test_a_declared_total_that_disagrees_with_the_cadence_is_warned():
    _, found = warnings()
    assert ("II.1.a", "total-mismatch") in found


def test_periodic_with_no_period_is_warned():
    _, found = warnings()
    assert ("II.1.b", "periodic-no-period") in found


def test_a_task_given_to_nobody_is_warned():
    plan, found = warnings()
    assert ("II.1.a", "no-lead") not in found
    assert plan.activities[1].lead == ("Văn phòng HĐND và UBND xã",)  # from the cross-reference


def test_a_cross_reference_to_a_missing_point_is_warned():
    _, found = warnings()
    assert ("III.1.b", "missing-point") in found


def test_a_frequency_that_cannot_be_read_is_warned_with_its_text():
    plan, found = warnings("c) Phát hành tờ rơi\n- Tần suất: tùy theo tình hình thực tế.\n- Đơn vị chủ trì: Công an xã.")
    assert ("II.1.c", "frequency-unread") in found
    assert any("tùy theo tình hình" in w.args.get("words", "") for w in plan.warnings)


def test_the_organisation_section_gives_monitors_and_reports():
    plan, _ = warnings()
    assert [(m.unit, m.scope.value) for m in plan.monitors] == [("Văn phòng HĐND và UBND xã", "all")]
    assert [(r.to, [p.value for p in r.periods]) for r in plan.reports] == [("UBND huyện", ["quarter"])]
