"""Helpers for the cadence tests: the real plans and their readings, the sample units
directories, a store with a plan imported, and the CLI run in-process."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from cadence.cli import main
from cadence.config import Config
from cadence.store import import_plan
from cadence.store.models import Base, DueItem, DutyRow, UnitRow
from cadence.store.contacts import save_contacts
from cadence.store.units import save_directory
from cadence.units.contacts_file import read_contacts_file
from cadence.units.seed import province_directory
from cadence.units.toml_file import read_units_file
from rules.model import Plan, plan_from_json

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "cadence" / "samples"
NOW = dt.datetime(2025, 1, 1, 1, 0, tzinfo=dt.timezone.utc)

# Each real plan and its sample: the units beyond those `cadence units seed-province "Quảng Ngãi"`
# adds, and the contacts of seeded units (None: the units file holds them all).
PLANS = {
    "quang-ngai-province-2025": ("units-quang-ngai-province.toml", "contacts-quang-ngai-province.csv"),
    "ly-son-special-zone-2025": ("units-ly-son-special-zone.toml", "contacts-ly-son-special-zone.csv"),
    "tra-bong-district-2025": ("units-tra-bong-district.toml", None),
    "tinh-son-commune-dvctt-2025": ("units-tinh-son-commune.toml", None),
    "provincial-office-2025-ocr": ("units-provincial-office.toml", "contacts-provincial-office.csv"),
}


def gold(name: str) -> Plan:
    """The human reading of a real plan (what the parser must produce)."""
    return plan_from_json(json.loads((SHARED / "gold" / f"{name}.json").read_text("utf-8")))


def plan_file(name: str) -> Path:
    return SHARED / "plans" / f"{name}.txt"


def seed_province(session) -> None:
    """What `cadence units seed-province "Quảng Ngãi"` saves."""
    save_directory(session, province_directory("Quảng Ngãi"), keep_contacts=True)


def load_units(session, name: str) -> None:
    """The units a real plan needs: the seeded province, its sample units and contacts."""
    units_file, contacts_file = PLANS[name]
    seed_province(session)
    save_directory(session, read_units_file(SAMPLES / units_file))
    if contacts_file:
        save_contacts(session, read_contacts_file(SAMPLES / contacts_file), file=contacts_file)


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


def every_row(database_url: str) -> dict[str, list]:
    """Every row of every table, to compare before and after a refused command."""
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        rows = {t.name: sorted(map(tuple, connection.execute(t.select())), key=repr)
                for t in Base.metadata.sorted_tables}
    engine.dispose()
    return rows
