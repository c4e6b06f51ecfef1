"""Where a plan declares a yearly total, a full year produces exactly that many outputs; where
the total and the cadence disagree (Trà Bồng: 5/month but "50/năm"), the import says so and
follows the cadence unless told to follow the total."""
import dataclasses
import datetime as dt

import pytest

from cadence.config import ScheduleConfig, TotalsPolicy
from cadence.schedule import duties_of, slots_for
from tests.cadence.support import PLANS, gold
from cadence.diagnostics import describe

CONFIG = ScheduleConfig()


def outputs(plan, config=CONFIG):
    """(duty, outputs, notes) for every rule with a declared total, over the plan's full year."""
    duties, _ = duties_of(plan, config)
    start, end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    for duty in duties:
        if duty.rule and duty.rule.declared_total is not None:
            slots, notes = slots_for(duty, start, end, config, year=plan.year)
            yield duty, sum(s.target for s in slots), notes


@pytest.mark.parametrize("name", sorted(PLANS))
def test_every_agreeing_declared_total_is_met_exactly(name: str) -> None:
    for duty, produced, _ in outputs(gold(name)):
        if round(duty.rule.per_year()) == duty.rule.declared_total:
            assert produced == duty.rule.declared_total, (name, duty.ref, duty.key)


def test_the_five_plans_declare_totals_that_get_checked() -> None:
    checked = [d.ref for name in PLANS for d, _, _ in outputs(gold(name))]
    assert len(checked) >= 15  # PAPI, PAR INDEX, PCI, chuyên mục… in the province plan alone


def test_tra_bong_5_a_month_against_50_a_year_is_reported_and_the_cadence_followed() -> None:
    [(duty, produced, notes)] = [o for o in outputs(gold("tra-bong-district-2025")) if o[0].ref == "III.2.8.a"]
    assert produced == 60
    assert [n.code for n in notes] == ["declared-mismatch"]
    assert "50/năm" in describe(notes[0]) and "60/năm" in describe(notes[0])


def test_tra_bong_follows_the_declared_50_when_told_to() -> None:
    config = dataclasses.replace(CONFIG, declared_totals=TotalsPolicy.DECLARED)
    [(duty, produced, notes)] = [o for o in outputs(gold("tra-bong-district-2025"), config) if o[0].ref == "III.2.8.a"]
    assert produced == 50
    assert notes[0].code == "declared-mismatch"
