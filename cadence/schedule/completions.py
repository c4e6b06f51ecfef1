"""When a completion may be dated: between its item's window opening and now.

A completion dated before its item's window could not be the work the item asks for (the
programme of March aired in February is February's), and one dated in the future is a promise,
not a report. Without this rule a completion typed as 1900-01-01 turned a missed item into one
"done on time". Some offices prepare an output a few days ahead of its period (a bulletin
printed on the 28th for the next month), so the opening can move earlier by
``[schedule] completion_lead_days``; the default 0 opens it at the window's first local
midnight. Pure: the moment it is checked at is an argument.
"""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from cadence.tz import local_moment


class DateProblem(str, enum.Enum):
    BEFORE_WINDOW = "before-window"
    IN_FUTURE = "in-future"


@dataclass(frozen=True, kw_only=True)
class CompletionDates:
    lead_days: int = 0

    def __post_init__(self) -> None:
        if self.lead_days < 0:
            raise ValueError(f"lead_days must be 0 or more, got {self.lead_days}")

    def opens(self, window_start: dt.date) -> dt.datetime:
        """The first moment a completion of an item with this window may be dated."""
        return local_moment(window_start - dt.timedelta(days=self.lead_days), dt.time(0, 0))

    def problem(self, done_at: dt.datetime, window_start: dt.date, now: dt.datetime) -> DateProblem | None:
        if done_at > now:
            return DateProblem.IN_FUTURE
        if done_at < self.opens(window_start):
            return DateProblem.BEFORE_WINDOW
        return None
