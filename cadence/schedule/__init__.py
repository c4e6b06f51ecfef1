"""What is due when: a plan's duties and their due slots, from plain values.

No clock and no store: ``duties_of(plan, config)`` and ``slots_for(duty, start, end, config,
year=…)`` are what the store's import and the benchmark call.
"""
from cadence.schedule.duties import default_start, duties_of, plan_span, rule_key
from cadence.schedule.model import Duty, ItemKind, ItemStatus, Slot
from cadence.schedule.slots import rule_slots, slots_for

__all__ = [
    "Duty", "ItemKind", "ItemStatus", "Slot",
    "default_start", "duties_of", "plan_span", "rule_key", "rule_slots", "slots_for",
]
