"""The five real plans, read and scored against their careful human readings (shared/gold)."""
import json
from pathlib import Path

import pytest

from cadence.sources import read_plan_file
from bench.scoring import FIELDS, score_plan

SHARED = Path(__file__).resolve().parents[3] / "shared"
PLANS = sorted(p.stem for p in (SHARED / "gold").glob("*.json"))


@pytest.fixture(scope="module", params=PLANS)
def scored(request):
    gold = json.loads((SHARED / "gold" / f"{request.param}.json").read_text("utf-8"))
    parsed = read_plan_file(SHARED / "plans" / f"{request.param}.txt").to_json()
    return gold, parsed, score_plan(gold, parsed)


def test_the_five_plans_are_all_there():
    assert len(PLANS) == 5


def test_every_activity_is_found(scored):
    _, _, score = scored
    assert score.activities.found == score.activities.expected, score.wrong
    assert score.activities.extra == 0


@pytest.mark.parametrize("field", FIELDS)
def test_each_field_is_right_for_every_activity(scored, field):
    _, _, score = scored
    right, total = score.fields[field]
    assert right == total, [w for w in score.wrong if w.endswith(field)]


def test_monitors_and_reports_are_at_least_ninety_percent_right(scored):
    _, _, score = scored
    for part in (score.monitors, score.reports):
        assert part.recall >= 0.9 and part.precision >= 0.9


def test_the_json_has_the_shape_of_the_schema(scored):
    gold, parsed, _ = scored
    assert set(parsed) == set(gold) | {"warnings"}
    for activity in parsed["activities"]:
        assert set(activity) == set(gold["activities"][0]) | {"spans"}
        assert len(activity["spans"]["lead"]) == len(activity["lead"])
        for rule in activity["rules"]:
            assert list(rule) == ["count", "per", "every", "kind", "series", "channel", "approx",
                                  "duration_min", "declared_total", "on", "text",
                                  "weekdays", "day_of_month", "week_of_month", "time", "span"]
    assert parsed["file"] == gold["file"] and parsed["year"] == gold["year"]
