"""Declared yearly totals ("01 số/tuần (52 số/năm)") against what the calendar gives.

The rules, in order:
- A full year of a cadence that agrees with its declared total produces exactly that total:
  where the calendar holds more periods (a year starting on a Sunday has 53 weeks ending in
  it), the leading periods are dropped, the partial first one first.
- A cadence that disagrees with its total (Trà Bồng: "05 tin, bài/tháng (khoản 50 tin,
  bài/năm)", 60 ≠ 50) is reported, and the cadence is followed unless the configuration (or
  ``plan import --follow-declared``) says to follow the declared total; then the total is
  shared over the periods in proportion to their counts.
- A plan started mid-year produces the calendar's remaining share and says so.
"""
from __future__ import annotations

from dataclasses import dataclass

from cadence.config import TotalsPolicy
from rules.model import Diagnostic, Rule


@dataclass(frozen=True, kw_only=True)
class Fitted:
    counts: tuple[int, ...]
    notes: tuple[Diagnostic, ...] = ()


def fit_to_declared(
    rule: Rule, counts: list[int], *, ref: str, full_year: bool, policy: TotalsPolicy
) -> Fitted:
    """The per-period counts after the declared-total rules, with notes for the import report."""
    declared = rule.declared_total
    if declared is None:
        return Fitted(counts=tuple(counts))
    nominal = rule.per_year()
    produced = sum(counts)
    if round(nominal) != declared:
        return _disagreeing(rule, counts, ref=ref, full_year=full_year, policy=policy)
    if full_year:
        return Fitted(counts=tuple(drop_leading(counts, produced - declared)))
    return Fitted(counts=tuple(counts), notes=(_partial_note(rule, ref, produced),))


def _disagreeing(rule: Rule, counts: list[int], *, ref: str, full_year: bool, policy: TotalsPolicy) -> Fitted:
    declared, nominal = rule.declared_total, round(rule.per_year())
    follow = policy is TotalsPolicy.DECLARED
    args = {"name": _name(rule), "declared": declared, "count": rule.count, "per": rule.per.value,
            "nominal": nominal, "then": "declared" if follow else "cadence"}
    notes = [Diagnostic(ref=ref, code="declared-mismatch", args=args, span=rule.span, section="schedule")]
    if not follow:
        if not full_year:
            notes.append(_partial_note(rule, ref, sum(counts)))
        return Fitted(counts=tuple(counts), notes=tuple(notes))
    total = declared if full_year else round(declared * sum(counts) / nominal)
    shared = share(total, counts)
    if not full_year:
        notes.append(_partial_note(rule, ref, sum(shared)))
    return Fitted(counts=tuple(shared), notes=tuple(notes))


def _partial_note(rule: Rule, ref: str, produced: int) -> Diagnostic:
    args = {"name": _name(rule), "produced": produced, "declared": rule.declared_total}
    return Diagnostic(ref=ref, code="declared-partial", args=args, span=rule.span, section="schedule")


def _name(rule: Rule) -> str:
    parts = [p for p in (rule.series, rule.channel) if p]
    return " – ".join(parts) if parts else (rule.text or f"{rule.count}/{rule.per.value}")


def drop_leading(counts: list[int], excess: int) -> list[int]:
    """Remove ``excess`` outputs from the first periods onward."""
    result = list(counts)
    for i in range(len(result)):
        if excess <= 0:
            break
        taken = min(result[i], excess)
        result[i] -= taken
        excess -= taken
    return result


def share(total: int, weights: list[int]) -> list[int]:
    """``total`` shared over periods in proportion to ``weights`` (largest remainders win,
    earlier periods first on ties)."""
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    result = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - result[i]), i))
    for i in order[: total - sum(result)]:
        result[i] += 1
    return result
