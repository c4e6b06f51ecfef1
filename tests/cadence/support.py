"""Helpers for the cadence tests: the real plans and their readings, the sample units
directories, a store with a plan imported, and the CLI run in-process."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from cadence.cli import main
from cadence.config import Config
from cadence.store import import_plan
from cadence.store.models import DueItem, DutyRow, UnitRow
from cadence.store.units import save_directory
from cadence.units.seed import province_directory
from cadence.units.toml_file import read_units_file
from rules.model import Plan, plan_from_json

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "cadence" / "samples"
NOW = dt.datetime(2025, 1, 1, 1, 0, tzinfo=dt.timezone.utc)

# Each real plan, its sample units directory, and whether it needs the province's communes.
PLANS = {
    "quang-ngai-province-2025": ("units-quang-ngai-province.toml", True),
    "ly-son-special-zone-2025": ("units-ly-son-special-zone.toml", False),
    "tra-bong-district-2025": ("units-tra-bong-district.toml", False),
    "tinh-son-commune-dvctt-2025": ("units-tinh-son-commune.toml", False),
    "provincial-office-2025-ocr": ("units-provincial-office.toml", False),
}


def gold(name: str) -> Plan:
    """The human reading of a real plan (what the parser must produce)."""
    return plan_from_json(json.loads((SHARED / "gold" / f"{name}.json").read_text("utf-8")))


def plan_file(name: str) -> Path:
    return SHARED / "plans" / f"{name}.txt"


def load_units(session, name: str) -> None:
    """The units a real plan needs: its sample directory, and the communes where it names them."""
    units_file, needs_communes = PLANS[name]
    if needs_communes:
        save_directory(session, province_directory("Quảng Ngãi"))
    save_directory(session, read_units_file(SAMPLES / units_file))


def imported(store, plan: Plan, *, key: str = "plan", config: Config | None = None, **options):
    with store.transaction() as session:
        return import_plan(session, plan, key=key, config=config or Config(), now=NOW, **options)


def items_of(session, *, ref: str, key: str | None = None, unit: str | None = None) -> list[DueItem]:
    """The due items of one activity (or report) ref, optionally of one duty key and one unit."""
    query = select(DueItem).join(DutyRow, DutyRow.id == DueItem.duty_id).where(DutyRow.ref == ref)
    if key is not None:
        query = query.where(DutyRow.key == key)
    if unit is not None:
        query = query.join(UnitRow, UnitRow.id == DueItem.unit_id).where(UnitRow.code == unit)
    return list(session.scalars(query.order_by(DueItem.due_at, DueItem.id)))


def run_cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """``cadence ARGS`` in-process through the real entry point: (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = done.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err
