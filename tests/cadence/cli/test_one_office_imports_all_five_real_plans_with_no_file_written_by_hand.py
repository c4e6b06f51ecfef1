"""A new office runs `cadence init`, `cadence units seed-province "Quảng Ngãi"` and then
`cadence plan import PLAN --from 2025-01-01 --create-units` for each of the five real plans, into
one database, writing no file by hand. The province's own agencies resolve to the seeded units
and are never made again; doing it all a second time makes nothing new; the province plan still
gives the PAPI radio bulletin 52 items and the commune radio duty 96 × 12."""
import json
from pathlib import Path

import pytest

from cadence.store import open_store
from cadence.units.names import name_key
from cadence.units.seed import province_directory
from tests.cadence.support import PLANS, items_of, plan_file, run_cli


@pytest.fixture
def office(tmp_path: Path, database_url: str, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)

    def run(*args: str) -> str:
        code, out, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)
        assert (code, err) == (0, ""), (args, err)
        return out

    run("init", "--database", database_url)
    return run


def _import_everything(office) -> list[str]:
    said = [office("units", "seed-province", "Quảng Ngãi")]
    for name in sorted(PLANS):
        said.append(office("plan", "import", str(plan_file(name)), "--from", "2025-01-01", "--create-units"))
    return said


def _seeded_names() -> set[str]:
    directory = province_directory("Quảng Ngãi")
    return {name_key(n) for unit in directory.units for n in (unit.name, *unit.aliases)}


def test_the_five_plans_share_one_database_and_the_seeded_agencies(office, database_url) -> None:
    _import_everything(office)
    units = json.loads(office("units", "list", "--json"))
    made = [u for u in units if u["made_from"]]
    assert made, "the plans name bodies the province's directory does not hold"
    seeded = _seeded_names()
    provincial = [u for u in made if u["parent"] in (None, "ubnd-tinh")]
    assert [u["name"] for u in provincial if name_key(u["name"]) in seeded] == []
    assert not [u for u in made if u["name"].split()[0].lower() == "sở"]
    listed = office("plan", "list")
    assert all(name in listed for name in PLANS)
    store = open_store(database_url)
    try:
        with store.transaction() as session:
            papi = items_of(session, key="produce|Bản tin PAPI|kênh phát thanh|", ref="C.II.12.c")
            commune_radio = items_of(session, ref="C.I.2.g", key=None)
            radio_units = {item.unit_id for item in commune_radio if item.plan_id == papi[0].plan_id}
            commune_radio = [item for item in commune_radio if item.plan_id == papi[0].plan_id]
    finally:
        store.close()
    assert len(papi) == 52
    assert (len(commune_radio), len(radio_units)) == (96 * 12, 96)


def test_doing_it_all_again_makes_no_unit_twice(office) -> None:
    _import_everything(office)
    before = json.loads(office("units", "list", "--json"))
    said = _import_everything(office)
    after = json.loads(office("units", "list", "--json"))
    assert [u["id"] for u in after] == [u["id"] for u in before]
    assert "(0 mới," in said[0]
    assert all("): 0 mục mới" in out and "Đã tạo" not in out for out in said[1:]), said
