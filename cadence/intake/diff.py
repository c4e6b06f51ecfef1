"""What an amended plan changed in the reading: activities added, removed, and the fields that
read differently (compared as ``overrides.comparable`` compares them, so text that only moved
is no change). Pure."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cadence.intake.overrides import ACTIVITY_FIELDS, PLAN_FIELDS, comparable


@dataclass(frozen=True, kw_only=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, kw_only=True)
class Change:
    ref: str  # "" for the plan's monitors and reports
    kind: str  # "added", "removed", "changed"
    title: str
    fields: tuple[FieldChange, ...] = ()


def reading_changes(old: dict, new: dict) -> list[Change]:
    """The differences from ``old`` to ``new``, in the new plan's order (removed ones last)."""
    before = {a["ref"]: a for a in old.get("activities", ())}
    after = {a["ref"]: a for a in new.get("activities", ())}
    changes = []
    for ref, activity in after.items():
        if ref not in before:
            changes.append(Change(ref=ref, kind="added", title=activity.get("title", "")))
            continue
        fields = _fields(before[ref], activity, ACTIVITY_FIELDS)
        if fields:
            changes.append(Change(ref=ref, kind="changed", title=activity.get("title", ""), fields=fields))
    changes += [Change(ref=ref, kind="removed", title=a.get("title", "")) for ref, a in before.items() if ref not in after]
    plan_fields = _fields(old, new, PLAN_FIELDS)
    if plan_fields:
        changes.append(Change(ref="", kind="changed", title="", fields=plan_fields))
    return changes


def _fields(old: dict, new: dict, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(field=name, old=old.get(name), new=new.get(name)) for name in names
                 if comparable(name, old.get(name)) != comparable(name, new.get(name)))
