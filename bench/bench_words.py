"""What saying words costs: reading a catalogue, a sentence with fields, a date and a number as
each language writes them, each beside the bare Python that did the same before (str.format,
strftime, f"{n}"), measured in the same run.

Run: .venv/bin/python -m bench.bench_words [--rounds 20000]

The catalogue is read once per process (the CLI reads one language at start); a sentence is
said thousands of times in a digest, an export or a day's messages. Dates and moments are
cached (every item of a due moment shares its day), so the figures are for a repeated value,
as in those hot paths, and for a value seen once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import time
import tomllib
from importlib import resources

from cadence.catalogue import catalogue, formats, say
from cadence.tz import LOCAL


def _per_call(function, rounds: int) -> float:
    """Microseconds per call, the best of three runs (the machine is shared)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for i in range(rounds):
            function(i)
        best = min(best, (time.perf_counter() - started) / rounds * 1e6)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20_000)
    rounds = parser.parse_args().rounds
    text = resources.files("cadence.catalogue").joinpath("vi.toml").read_text(encoding="utf-8")
    started = time.perf_counter()
    keys = len(tomllib.loads(text))
    load = (time.perf_counter() - started) * 1000
    moment = dt.datetime(2025, 9, 19, 17, 0, tzinfo=LOCAL)
    bare_sentence = "{what} — {kind}, hạn {due}"
    rows = [
        ("read vi.toml (once per process)", f"{load:.1f} ms ({keys} tables, {len(catalogue('vi'))} keys)", "", ""),
        ("a sentence with three fields", _per_call(lambda i: say("messages.line", "vi", what="Bản tin", kind="sản phẩm",
                                                                 due="x"), rounds),
         "str.format", _per_call(lambda i: bare_sentence.format(what="Bản tin", kind="sản phẩm", due="x"), rounds)),
        ("a moment, repeated (vi)", _per_call(lambda i: formats.moment(moment, "vi"), rounds),
         "strftime", _per_call(lambda i: moment.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M"), rounds)),
        ("a moment, each one new (en)", _per_call(lambda i: formats.moment(moment + dt.timedelta(minutes=i), "en"),
                                                  rounds),
         "strftime", _per_call(lambda i: (moment + dt.timedelta(minutes=i)).strftime("%d/%m/%Y %H:%M"), rounds)),
        ("a count (vi: 11.914)", _per_call(lambda i: formats.number(11914 + i, "vi"), rounds),
         'f"{n}"', _per_call(lambda i: f"{11914 + i}", rounds)),
    ]
    print("| what | per call | bare baseline (same run) | per call |")
    print("|---|---|---|---|")
    for what, ours, bare, theirs in rows:
        cells = [what, ours if isinstance(ours, str) else f"{ours:.2f} µs", bare,
                 theirs if isinstance(theirs, str) else f"{theirs:.2f} µs"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
