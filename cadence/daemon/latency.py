"""How long each message took to hand to its channel, measured around the outlets a pass
sends through:

    outlets = timed(outlets, run.latency)    # run.latency: channel → seconds, one per message

An outlet reports each outcome as soon as it is known; the time from the previous report (or
from the start) to this one is this message's send latency. Recording the outcome in the
database happens between reports and is not counted: it is ours, not the channel's. The pass
stores the figures on its daemon's row (``cadence.store.watch.record_pass``) for /metrics.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from cadence.channels import Outlet


class TimedOutlet:
    """An outlet that notes each delivery's latency under its channel's kind."""

    def __init__(self, outlet: Outlet, kind: str, seen: dict[str, list[float]],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.outlet, self.kind, self.seen, self.clock = outlet, kind, seen, clock

    def deliver(self, messages: list, on_delivery) -> None:
        since = self.clock()

        def noted(delivery) -> None:
            nonlocal since
            self.seen.setdefault(self.kind, []).append(self.clock() - since)
            on_delivery(delivery)
            since = self.clock()

        self.outlet.deliver(messages, noted)

    def close(self) -> None:
        self.outlet.close()


def timed(outlets: dict[str, Outlet], seen: dict[str, list[float]]) -> dict[str, TimedOutlet]:
    return {kind: TimedOutlet(outlet, kind, seen) for kind, outlet in outlets.items()}
