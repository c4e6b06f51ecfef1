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

A server is the other case: what it loaded to start (modules, the catalogue, the database's
metadata, the app) lives as long as it does, and every full collection walked it all again.
``set_aside_what_is_loaded`` takes it out of the collector's reach once, when the pages start.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_set_aside = False


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


def set_aside_what_is_loaded() -> None:
    """What the process holds now is kept out of every later collection (``gc.freeze``), after a
    last collection so that no garbage is kept with it. Once per process: later calls (a test
    run starts many servers) would keep whatever happened to be alive then.

    Measured on the national table (``python -m bench.run_all``, the board): ``GET /board`` took
    85–100 ms, or about 150 ms for one request in two, when a full collection walked the
    server's startup objects; with them set aside, 85–100 ms every time."""
    global _set_aside
    if _set_aside:
        return
    _set_aside = True
    gc.collect()
    gc.freeze()
