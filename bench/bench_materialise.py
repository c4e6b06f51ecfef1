"""Materialising a national-scale schedule: 34 provinces × 100 communes under a plan shaped like
the Quảng Ngãi province plan (its activities and cadences, each carried out by every commune),
about 3 million due items for 2025.

Run: .venv/bin/python -m bench.bench_materialise [--provinces 34] [--communes 100] [--keep DIR]

Reports, from one run:
- materialise: items/s through ``cadence.store.import_plan`` (duties, slots, unit resolution,
  plan rows, streamed bulk insert, commit), one import (one transaction) per province, into a
  migrated SQLite file with every index and foreign key of the real schema;
  peak memory of the process during it (ru_maxrss, taken before the baselines run);
- bare rrule: dateutil.rrule expansion alone of the same recurrences for every unit,
  occurrences/s;
- bare executemany: sqlite3 executemany of the very same rows (read back from the first file)
  into a second file with the same schema and reference rows, commit per province.
Targets (issue 3): ≥ 100,000 items/s, ≥ half the bare executemany rate, peak < 500 MB.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from dateutil.rrule import DAILY, MONTHLY, SU, WEEKLY, YEARLY, rrule

from cadence.config import Config
from cadence.schedule import duties_of
from cadence.schedule.slots import is_quota
from cadence.store import import_plan, open_store
from cadence.store.bulk import BATCH, COLUMNS
from cadence.store.units import save_directory
from cadence.units.model import Directory, Group, Level, Unit
from rules.model import Per, Plan, plan_from_json

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "quang-ngai-province-2025.json"
ISSUER = "UBND tỉnh"
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def province_plan(province: int) -> Plan:
    """The province plan with every activity and report carried out by the province's communes,
    followed up by the province's own offices (its monitors, đầu mối) and issued by its UBND."""
    plan = _gold_plan()
    group = _group_name(province)
    activities = [dataclasses.replace(a, lead=(group,)) for a in plan.activities]
    reports = [dataclasses.replace(r, from_=group) for r in plan.reports if r.periods]
    monitors = [dataclasses.replace(m, unit=_office(m.unit, province)) for m in plan.monitors]
    return dataclasses.replace(plan, activities=tuple(activities), reports=tuple(reports), monitors=tuple(monitors),
                               issuer=_office(ISSUER, province), file=f"p{province:02d}")


@functools.lru_cache(maxsize=1)
def _gold_plan() -> Plan:
    return plan_from_json(json.loads(GOLD.read_text("utf-8")))


def _group_name(province: int) -> str:
    return f"UBND cấp xã tỉnh {province:02d}"


def _office(name: str, province: int) -> str:
    return f"{name} (tỉnh {province:02d})"


def province_offices(province: int) -> list[Unit]:
    """The monitors the province's plan names and its issuer, as units of the directory."""
    names = dict.fromkeys([*(m.unit for m in _gold_plan().monitors), ISSUER])
    return [Unit(id=f"p{province:02d}-o{k}", name=_office(name, province),
                 level=Level.PROVINCE if name == ISSUER else Level.DEPARTMENT) for k, name in enumerate(names)]


def national_directory(provinces: int, communes: int) -> Directory:
    units = [
        Unit(id=f"p{p:02d}-x{c:03d}", name=f"UBND xã {c:03d} tỉnh {p:02d}", level=Level.COMMUNE,
             groups=(_group_name(p),))
        for p in range(1, provinces + 1) for c in range(1, communes + 1)
    ]
    units += [office for p in range(1, provinces + 1) for office in province_offices(p)]
    return Directory(units=tuple(units), groups=tuple(Group(name=_group_name(p)) for p in range(1, provinces + 1)))


def materialise(url: str, provinces: int) -> tuple[int, float]:
    """(items, seconds) importing one plan per province, each in its own transaction."""
    store = open_store(url)
    items, started = 0, time.perf_counter()
    for province in range(1, provinces + 1):
        with store.transaction() as session:
            result = import_plan(session, province_plan(province), key=f"p{province:02d}", config=Config(), now=NOW)
        items += result.counts.created
    elapsed = time.perf_counter() - started
    store.close()
    return items, elapsed


def bare_rrule(provinces: int, communes: int) -> tuple[int, float]:
    """Occurrences and seconds expanding each duty's recurrence with dateutil alone, per unit:
    what a schedule without the shared-slot fan-out would cost before any row is written."""
    config = Config().schedule
    duties, _ = duties_of(province_plan(1), config)
    recurrences = [_recurrence(d, config) for d in duties]
    start, until = dt.datetime(2025, 1, 1), dt.datetime(2025, 12, 31)
    occurrences, started = 0, time.perf_counter()
    for _ in range(provinces * communes):
        for kwargs, per_occurrence in recurrences:
            occurrences += per_occurrence * sum(1 for _ in rrule(dtstart=start, until=until, **kwargs))
    return occurrences, time.perf_counter() - started


_REPORT_MONTHS = {"month": tuple(range(1, 13)), "quarter": (3, 6, 9, 12), "half_year": (6, 12), "year": (12,)}


def _recurrence(duty, config) -> tuple[dict, int]:
    """The plain recurrence of a duty's due dates, and items per occurrence."""
    rule = duty.rule
    if duty.period is not None:  # Nghị định 09/2019 cut-offs: the 14th of the period's last month
        return {"freq": MONTHLY, "bymonth": _REPORT_MONTHS[duty.period.value], "bymonthday": 14}, 1
    if rule is None:  # a check-in a month, or a one-off task
        return ({"freq": MONTHLY, "bymonthday": -1}, 1) if duty.kind.value == "check_in" else ({"freq": YEARLY, "count": 1}, 1)
    per_period = 1 if is_quota(rule, config) else rule.count
    if rule.per is Per.WEEK:
        kwargs = {"freq": WEEKLY, "byweekday": SU} if rule.every == 1 else {"freq": DAILY, "interval": 7 * rule.every}
    elif rule.per is Per.DAY:
        kwargs = {"freq": DAILY, "interval": rule.every}
    else:
        months = {Per.MONTH: 1, Per.QUARTER: 3, Per.YEAR: 12}[rule.per] * rule.every
        kwargs = {"freq": MONTHLY, "interval": months, "bymonthday": -1}
    return kwargs, per_period


def bare_executemany(source: Path, target: Path, provinces: int) -> tuple[int, float]:
    """Rows and seconds for sqlite3 executemany of the rows ``source`` holds, province by
    province, into ``target`` (same schema, same reference rows, due_items empty)."""
    read = sqlite3.connect(source)
    write = sqlite3.connect(target, isolation_level=None)
    write.execute("PRAGMA foreign_keys = ON")
    write.execute("PRAGMA journal_mode = WAL")
    write.execute("PRAGMA synchronous = NORMAL")
    statement = f"INSERT INTO due_items ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    query = f"SELECT {', '.join(COLUMNS)} FROM due_items WHERE plan_id = ? ORDER BY id"
    rows_total, elapsed = 0, 0.0
    for plan_id in range(1, provinces + 1):
        rows = read.execute(query, (plan_id,)).fetchall()
        started = time.perf_counter()
        write.execute("BEGIN")
        for i in range(0, len(rows), BATCH):
            write.executemany(statement, rows[i:i + BATCH])
        write.execute("COMMIT")
        elapsed += time.perf_counter() - started
        rows_total += len(rows)
    read.close()
    write.close()
    return rows_total, elapsed


def prepare(folder: Path, provinces: int, communes: int) -> tuple[Path, Path]:
    """Two migrated SQLite files with the same units: one to materialise into, one spare."""
    first, second = folder / "materialise.db", folder / "bare.db"
    store = open_store(f"sqlite:///{first}", create=True)
    with store.transaction() as session:
        save_directory(session, national_directory(provinces, communes))
    store.close()
    copy = sqlite3.connect(first)
    copy.execute("VACUUM INTO ?", (str(second),))
    copy.close()
    return first, second


def copy_plan_rows(source: Path, target: Path) -> None:
    """The bare file gets the plans, activities and duties the rows refer to (foreign keys on)."""
    connection = sqlite3.connect(target)
    connection.execute("ATTACH DATABASE ? AS source", (str(source),))
    for table in ("plans", "activities", "monitors", "duties"):
        connection.execute(f"INSERT INTO {table} SELECT * FROM source.{table}")
    connection.commit()
    connection.close()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="Keep the database files in this folder.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cadence-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        first, second = prepare(folder, args.provinces, args.communes)
        before = peak_mb()
        items, seconds = materialise(f"sqlite:///{first}", args.provinces)
        peak = peak_mb()
        copy_plan_rows(first, second)
        rows, bare_seconds = bare_executemany(first, second, args.provinces)
        occurrences, rrule_seconds = bare_rrule(args.provinces, args.communes)
    report(args, items, seconds, before, peak, rows, bare_seconds, occurrences, rrule_seconds)


def report(args, items, seconds, before, peak, rows, bare_seconds, occurrences, rrule_seconds) -> None:
    rate, bare_rate, rrule_rate = items / seconds, rows / bare_seconds, occurrences / rrule_seconds
    print(f"materialise: {args.provinces} provinces × {args.communes} communes, {items:,} items in {seconds:.1f} s: "
          f"{rate:,.0f} items/s (target ≥ 100,000)")
    print(f"  peak memory (ru_maxrss): {peak:.0f} MB ({before:.0f} MB before materialising; target < 500)")
    print(f"bare sqlite3 executemany of the same rows: {rows:,} in {bare_seconds:.1f} s: {bare_rate:,.0f} rows/s; "
          f"materialise is {rate / bare_rate:.2f} of it (target ≥ 0.5)")
    print(f"bare dateutil rrule expansion: {occurrences:,} occurrences in {rrule_seconds:.1f} s: {rrule_rate:,.0f}/s")


if __name__ == "__main__":
    main()
