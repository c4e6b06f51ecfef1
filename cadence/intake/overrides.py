"""Corrections to a plan's reading, applied to every version of the plan.

A correction says what one field of one activity (or the plan's monitors or reports) is:

    Correction(target="C.I.2.a", field="rules", value=[…], original=[…])

``original`` is what the reading said when the correction was made. A later version of the plan
that still says it (its words unchanged, wherever they moved) gets the correction again; one
that says something else has changed that part of the plan, and the plan's new words win: the
correction is set aside and shown. An activity a person added (field "add") is kept as long as
no activity of the plan took its ref; one a person dropped (field "drop") stays dropped while
it reads as it did.

Pure: readings in, readings out.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

ACTIVITY_FIELDS = ("title", "lead", "support", "window", "ongoing", "rules")
PLAN_FIELDS = ("monitors", "reports")
ADD, DROP = "add", "drop"
PLAN = ""  # the target of the plan's own fields


@dataclass(frozen=True, kw_only=True)
class Correction:
    target: str  # an activity's ref, or "" for the plan's monitors and reports
    field: str  # one of ACTIVITY_FIELDS, PLAN_FIELDS, "add", "drop"
    value: Any = None
    original: Any = None
    made_by: str = ""


@dataclass(frozen=True, kw_only=True)
class Applied:
    reading: dict
    applied: tuple[Correction, ...]
    set_aside: tuple[Correction, ...]  # the plan changed what they corrected


def apply(reading: dict, corrections: list[Correction] | tuple[Correction, ...]) -> Applied:
    """The reading with every correction that still fits applied."""
    result = copy.deepcopy(reading)
    applied, aside = [], []
    for correction in sorted(corrections, key=_order):
        (applied if _apply_one(result, correction) else aside).append(correction)
    return Applied(reading=result, applied=tuple(applied), set_aside=tuple(aside))


def _order(correction: Correction) -> tuple[int, str, str]:
    """Drops and field changes before additions, so an added activity never takes a dropped ref."""
    return (2 if correction.field == ADD else 1 if correction.field == DROP else 0, correction.target, correction.field)


def _apply_one(reading: dict, correction: Correction) -> bool:
    if correction.target == PLAN:
        if comparable(correction.field, reading.get(correction.field)) != comparable(correction.field, correction.original):
            return False
        reading[correction.field] = copy.deepcopy(correction.value)
        return True
    activities = reading.setdefault("activities", [])
    index = next((i for i, a in enumerate(activities) if a["ref"] == correction.target), None)
    if correction.field == ADD:
        if index is not None:
            return False
        activities.append(copy.deepcopy(correction.value))
        return True
    if index is None:
        return False
    activity = activities[index]
    if correction.field == DROP:
        if comparable(DROP, activity) != comparable(DROP, correction.original):
            return False
        del activities[index]
        return True
    if comparable(correction.field, activity.get(correction.field)) != comparable(correction.field, correction.original):
        return False
    activity[correction.field] = copy.deepcopy(correction.value)
    if correction.field in ("lead", "support"):  # the names a person wrote stand nowhere in the text
        activity.setdefault("spans", {})[correction.field] = [None] * len(correction.value or ())
    return True


def original_of(reading: dict, target: str, field: str) -> Any:
    """What the reading says of a field now: the ``original`` of a correction made to it."""
    if target == PLAN:
        return copy.deepcopy(reading.get(field))
    activity = next((a for a in reading.get("activities", ()) if a["ref"] == target), None)
    if activity is None or field == ADD:
        return None
    return copy.deepcopy(activity if field == DROP else activity.get(field))


def comparable(field: str, value: Any) -> Any:
    """A value as it is compared across versions: without the spans (they move whenever text
    before them changes) and the words of a window (only its dates matter)."""
    if field == "window" and isinstance(value, dict):
        return {"start": value.get("start"), "end": value.get("end")}
    if field == DROP and isinstance(value, dict):
        return {k: comparable(k, v) for k, v in value.items() if k not in ("spans", "line")}
    return _without_spans(value)


def _without_spans(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [_without_spans(v) for v in value]
    return value
