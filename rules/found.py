"""A cadence the grammar found: an anchor and the modifiers that belong to it."""
from __future__ import annotations

from dataclasses import dataclass

from rules.model import Kind, Per


@dataclass(frozen=True)
class Found:
    """A cadence found in text: an anchor with the modifiers that belong to it."""

    start: int
    end: int
    count: int
    per: Per | None
    every: int = 1
    kind: Kind = Kind.PRODUCE
    approx: bool = False
    on: str | None = None
    bare_each: bool = False  # "hằng năm" with no count
    weekdays: tuple[str, ...] | None = None
    day_of_month: int | None = None
    week_of_month: int | None = None
    time: str | None = None
    duration_min: int | None = None
    first: int = 0  # token range, for attaching modifiers
    last: int = 0
    segment: tuple[int, int] = (0, 0)
    used: frozenset = frozenset()  # the tokens of its modifiers
    named_half: bool = False  # "báo cáo 6 tháng": once a year where a day of the year is given
    clashes: frozenset = frozenset()  # fields given two different values ("sáng 5h … chiều 17h")
    stretch: int | None = None  # months a once-a-year report covers ("9 tháng", "6 tháng đầu năm")
    output: tuple[int, int] | None = None  # where the output's own words are ("tin", "phóng sự")

    @property
    def yearly_total(self) -> bool:
        return (self.per is Per.YEAR and self.every == 1 and self.on is None and not self.bare_each
                and self.kind is Kind.PRODUCE and self.weekdays is None and self.day_of_month is None)
