"""Corrections are applied to every version of a plan while the plan still says what they
corrected (wherever its words moved); where a new version says something else, the plan's new
words win and the correction is set aside. A dropped activity stays dropped while it reads as
it did; an added one stays unless the plan now has an activity under its ref."""
import copy

from cadence.intake.overrides import Correction, apply, original_of
from tests.cadence.support import gold

READING = gold("ly-son-special-zone-2025").to_json()


def _first_with_rules() -> dict:
    return next(a for a in READING["activities"] if a.get("rules"))


def _correct(reading: dict, target: str, field: str, value) -> Correction:
    return Correction(target=target, field=field, value=value, original=original_of(reading, target, field))


def test_a_correction_holds_when_the_text_around_it_moves() -> None:
    activity = _first_with_rules()
    fixed = _correct(READING, activity["ref"], "lead", ["Phòng Văn hoá – Xã hội"])
    moved = copy.deepcopy(READING)
    for a in moved["activities"]:
        a.pop("spans", None)
        a["line"] = (a.get("line") or 0) + 40
    applied = apply(moved, [fixed])
    (again,) = [a for a in applied.reading["activities"] if a["ref"] == activity["ref"]]
    assert again["lead"] == ["Phòng Văn hoá – Xã hội"] and applied.set_aside == ()


def test_the_plans_new_words_win_over_a_correction_of_what_changed() -> None:
    activity = _first_with_rules()
    rules = [dict(activity["rules"][0], count=activity["rules"][0]["count"] + 1)]
    fixed = _correct(READING, activity["ref"], "rules", rules)
    amended = copy.deepcopy(READING)
    (changed,) = [a for a in amended["activities"] if a["ref"] == activity["ref"]]
    changed["rules"] = [dict(activity["rules"][0], count=activity["rules"][0]["count"] + 5)]
    applied = apply(amended, [fixed])
    (kept,) = [a for a in applied.reading["activities"] if a["ref"] == activity["ref"]]
    assert kept["rules"][0]["count"] == activity["rules"][0]["count"] + 5
    assert applied.set_aside == (fixed,)


def test_dropped_and_added_activities() -> None:
    first = READING["activities"][0]
    dropped = _correct(READING, first["ref"], "drop", None)
    added = Correction(target="Z.9", field="add", value={"ref": "Z.9", "title": "Bản tin thêm", "lead": ["Đặc khu Lý Sơn"],
                                                         "support": [], "rules": []})
    applied = apply(READING, [dropped, added])
    refs = [a["ref"] for a in applied.reading["activities"]]
    assert first["ref"] not in refs and "Z.9" in refs
    rewritten = copy.deepcopy(READING)
    rewritten["activities"][0]["title"] += " (sửa đổi)"
    rewritten["activities"].append({"ref": "Z.9", "title": "Của kế hoạch", "lead": [], "support": [], "rules": []})
    again = apply(rewritten, [dropped, added])
    assert first["ref"] in [a["ref"] for a in again.reading["activities"]]
    assert [a["title"] for a in again.reading["activities"] if a["ref"] == "Z.9"] == ["Của kế hoạch"]
    assert sorted(c.field for c in again.set_aside) == ["add", "drop"]
