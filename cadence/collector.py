"""Python's cycle collector held off while a step makes masses of short-lived rows.

Importing a plan for a province writes tens of thousands of item rows, and the daemon's item
step on a national morning reads and writes hundreds of thousands; every few hundred of those
tuples and lists set off a collection that walks every object the process holds, so the bigger
the process, the more each costs. Reference counting frees such rows as the step goes, and none
of them form cycles, so the collector has nothing to find there: it rests while the step works
and is back as it was as soon as the step is over, whether it went through or broke.

Measured: ``python -m bench.bench_pass``, the national Monday on SQLite, 0.28 s paused against
0.52 s with ``--collector-on``; ``python -m bench.bench_materialise`` at the country's size, the
collector's walks were about a sixth of the import.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside, and after as it was before (left off if it was off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
