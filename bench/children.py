"""Each measured step of ``bench.run_all`` runs in a fresh process, so that its peak memory is its
own: ``ru_maxrss`` of a process only ever grows, and one process running every benchmark would
report the largest of them for all. A spawned (not forked) child starts from an empty
interpreter; what it reports is the peak of the interpreter, its imports and the step: the
high-water mark of its own address space (VmHWM), not ru_maxrss, which Linux carries over from
the forked parent across exec.

    measured = in_child(steps.materialise, url, provinces)
    measured.value, measured.peak_mb
"""
from __future__ import annotations

import multiprocessing
import resource
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SPAWN = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class Measured:
    value: Any
    peak_mb: float


class ChildFailed(RuntimeError):
    """The step raised in its process; the message carries the child's traceback."""


def in_child(function: Callable, *args: Any) -> Measured:
    """Run ``function(*args)`` (a module-level function) in a new process; its result and peak."""
    ours, theirs = _SPAWN.Pipe()
    child = _SPAWN.Process(target=_run, args=(theirs, function, args))
    child.start()
    theirs.close()
    try:
        ok, value, peak = ours.recv()
    except EOFError:
        child.join()
        raise ChildFailed(f"{function.__name__} died (exit code {child.exitcode})") from None
    child.join()
    if not ok:
        raise ChildFailed(f"{function.__name__} failed:\n{value}")
    return Measured(value=value, peak_mb=peak)


def peak_mb() -> float:
    """This process's peak resident memory in MB (VmHWM; ru_maxrss where /proc is absent)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _run(pipe, function: Callable, args: tuple) -> None:
    try:
        value = function(*args)
    except BaseException:  # reported to the parent, which decides what to do
        pipe.send((False, traceback.format_exc(), peak_mb()))
    else:
        pipe.send((True, value, peak_mb()))
    pipe.close()
