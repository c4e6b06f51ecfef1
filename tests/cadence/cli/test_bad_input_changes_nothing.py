"""Bad input (an unknown unit, a malformed units file, a backwards date range, a CSV with a bad
row) is a clear error naming the file, line and field, exit status 2, and the database is
exactly as it was."""
import json
from pathlib import Path

import pytest

from tests.cadence.support import SAMPLES, SHARED, every_row, run_cli

PLAN = SHARED / "plans" / "quang-ngai-province-2025.txt"


@pytest.fixture
def cadence(tmp_path: Path, database_url: str, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)

    def run(*args: str) -> tuple[int, str, str]:  # in English: the messages are checked word for word
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), "--lang", "en", *args)

    assert run("init", "--database", database_url)[0] == 0
    assert run("units", "seed-province", "Quảng Ngãi")[0] == 0
    return run


@pytest.fixture
def snapshot(database_url: str):
    """Every row of every table, to compare before and after a refused command."""
    return lambda: every_row(database_url)


def _refused(result: tuple[int, str, str], *fragments: str) -> str:
    code, out, err = result
    assert code == 2, (out, err)
    assert err.startswith("cadence: ")
    for fragment in fragments:
        assert fragment in err
    return err


def test_an_unknown_unit_stops_the_import_and_says_how_to_map_it(cadence, snapshot) -> None:
    before = snapshot()
    err = _refused(cadence("plan", "import", str(PLAN)),
                   "quang-ngai-province-2025.txt:", "C.I.3.e: lead: unknown unit 'Công an tỉnh'",
                   "cadence units map", "--create-units")
    assert all(line.count("unknown unit") == 1 for line in err.strip().splitlines())
    assert snapshot() == before


def test_a_mapping_is_recorded_and_reused_on_every_import(cadence, tmp_path: Path) -> None:
    assert cadence("units", "import", str(SAMPLES / "units-quang-ngai-province.toml"))[0] == 0
    odd = json.loads((SHARED / "gold" / "quang-ngai-province-2025.json").read_text("utf-8"))
    for activity in odd["activities"]:
        activity["lead"] = ["Trung tâm Chuyển đổi số tỉnh" if u == "Sở Khoa học và Công nghệ" else u for u in activity["lead"]]
    odd["title"] += " (bản sửa)"  # not the same plan as the province's, so not refused as one already stored
    (tmp_path / "odd.json").write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    _refused(cadence("plan", "import", str(tmp_path / "odd.json")), "unknown unit 'Trung tâm Chuyển đổi số tỉnh'")
    code, out, _ = cadence("units", "map", "Trung tâm Chuyển đổi số tỉnh", "so-khcn")
    assert code == 0 and "so-khcn" in out
    assert cadence("plan", "import", str(tmp_path / "odd.json"))[0] == 0
    assert cadence("plan", "import", str(tmp_path / "odd.json"))[0] == 0


def test_a_malformed_units_file_names_its_line_and_field(cadence, snapshot, tmp_path: Path) -> None:
    bad = tmp_path / "units.toml"
    bad.write_text('[[unit]]\nid = "a"\nname = "A"\n\n[[unit]]\nid = "b"\nname = "B"\nlevel = "ministry"\n', "utf-8")
    before = snapshot()
    err = _refused(cadence("units", "import", str(bad)), "units.toml:5: unit 'b': level: expected one of")
    assert err.count("\n") == 1
    assert snapshot() == before


def test_a_units_file_naming_an_unknown_parent_saves_nothing(cadence, snapshot, tmp_path: Path) -> None:
    bad = tmp_path / "units.toml"
    bad.write_text('[[unit]]\nid = "a"\nname = "A"\n\n[[unit]]\nid = "b"\nname = "B"\nparent = "nowhere"\n', "utf-8")
    before = snapshot()
    _refused(cadence("units", "import", str(bad)), "unit 'b': parent: no unit with id 'nowhere'")
    assert snapshot() == before


@pytest.mark.parametrize("args, fragment", [
    (("plan", "import", str(PLAN), "--from", "2025-10-01", "--to", "2025-09-01"), "--from 2025-10-01 is after --to 2025-09-01"),
    (("plan", "import", str(PLAN), "--from", "2025-13-01"), "expected a date YYYY-MM-DD, got '2025-13-01'"),
    (("due", "--from", "2025-10-01", "--to", "2025-09-01"), "--from 2025-10-01 is after --to 2025-09-01"),
    (("due", "--unit", "nowhere"), "--unit 'nowhere': no such unit"),
])
def test_a_bad_option_is_refused(cadence, snapshot, args, fragment) -> None:
    before = snapshot()
    code, out, err = cadence(*args)
    assert code == 2 and fragment in err
    assert snapshot() == before


def test_a_csv_with_bad_rows_names_each_and_records_none(cadence, snapshot, tmp_path: Path) -> None:
    assert cadence("units", "import", str(SAMPLES / "units-quang-ngai-province.toml"))[0] == 0
    assert cadence("plan", "import", str(PLAN))[0] == 0
    ids = [i["id"] for i in json.loads(cadence("due", "--json", "--unit", "bao-quang-ngai", "--all")[1])][:3]
    rows = (f"item,at,count,evidence\n{ids[0]},2025-01-03,,https://qtv.vn/1\n{ids[1]},31/02/2025,,\n"
            f"{ids[2]},,0,\n999999,,,\n{ids[0]},,,\n")
    (tmp_path / "done.csv").write_text(rows, encoding="utf-8")
    before = snapshot()
    err = _refused(cadence("done", "--csv", str(tmp_path / "done.csv")))
    lines = err.removeprefix("cadence: ").strip().splitlines()
    assert lines == [
        f"{tmp_path / 'done.csv'}:3: at: expected a date dd/mm/yyyy (or yyyy-mm-dd), optionally with a time hh:mm, got '31/02/2025'",
        f"{tmp_path / 'done.csv'}:4: count: expected a count of at least 1, got '0'",
        f"{tmp_path / 'done.csv'}:5: item 999999: no such due item",
        f"{tmp_path / 'done.csv'}:6: item {ids[0]}: already recorded as done",
    ]
    assert snapshot() == before
