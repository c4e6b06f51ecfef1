"""Whatever a person hands Cadence, of each kind a command reads (plan text, a JSON reading, a
units TOML, a contacts file, a completion CSV, the configuration), the command either reads it
(exit 0) or refuses it in one line on stderr with exit status 2, and a refused command leaves
every row of the database as it was. Hypothesis builds the input from fragments of the real
thing mixed with arbitrary text and bytes; a traceback escapes ``run_cli`` and fails the test."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cadence.bounds.conftest import reading_json
from tests.cadence.support import SAMPLES

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
SCRAPS = st.sampled_from(["[", "]", "{", "}", '"', "=", ",", ";", "\n", "\t", "\x00", "\ufeff", "99999999999999999999999",
                          "0001-01-01", "9999-12-31T23:59", "-1", "1e999", "null", "true", "Sở Nội vụ", "đ", "Ạ"])
TEXT = st.lists(st.one_of(SCRAPS, st.text(max_size=12)), max_size=30).map("".join)


def _lines_of(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()


def _mixed(lines: list[str]):
    """Some real lines, some kept, some replaced by scraps or arbitrary text, as bytes sometimes
    in another encoding."""
    kept = st.lists(st.one_of(st.sampled_from(lines), TEXT), max_size=25).map("\n".join)
    return st.one_of(kept.map(lambda t: t.encode("utf-8")), kept.map(lambda t: t.encode("utf-16")),
                     kept.map(lambda t: t.encode("cp1258", errors="replace")), st.binary(max_size=300))


def _runs_or_refuses(office, result, before) -> None:
    code, out, err = result
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("cadence: ")
        assert office.rows() == before


def _check(office, tmp_path: Path, name: str, data: bytes, *command: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = office.rows()
    _runs_or_refuses(office, office(*command, str(path)), before)


PROFILE = dict(max_examples=40, deadline=None, suppress_health_check=FIXTURES)


@settings(settings.get_profile("bounds"), **PROFILE)
@given(data=_mixed(["KẾ HOẠCH Tuyên truyền năm 2025", "I. NHIỆM VỤ", "1. Bản tin: 01 số/tuần", "- Đơn vị chủ trì: Sở Nội vụ",
                    "- Thời gian thực hiện: Quý III/2025", "II. TỔ CHỨC THỰC HIỆN"]))
def test_plan_text(sqlite_office, tmp_path: Path, data: bytes) -> None:
    _check(sqlite_office, tmp_path, "plan.txt", data, "parse")


@settings(settings.get_profile("bounds"), **PROFILE)
@given(mutation=st.tuples(st.sampled_from(["title", "year", "activities", "monitors", "reports", "issuer", "file"]),
                          st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), TEXT, st.lists(TEXT, max_size=3),
                                    st.dictionaries(TEXT, TEXT, max_size=2))),
       raw=st.one_of(st.none(), TEXT))
def test_json_reading(sqlite_office, tmp_path: Path, mutation, raw) -> None:
    if raw is not None:
        data = raw.encode("utf-8")
    else:
        reading = reading_json()
        field, value = mutation
        reading[field] = value
        data = json.dumps(reading, ensure_ascii=False).encode("utf-8")
    _check(sqlite_office, tmp_path, "reading.json", data, "plan", "import", "--now", "2025-01-02T08:00")


@settings(settings.get_profile("bounds"), **PROFILE)
@given(data=_mixed(_lines_of(SAMPLES / "units-ly-son-special-zone.toml")))
def test_units_toml(sqlite_office, tmp_path: Path, data: bytes) -> None:
    _check(sqlite_office, tmp_path, "units.toml", data, "units", "import")


@settings(settings.get_profile("bounds"), **PROFILE)
@given(data=_mixed(_lines_of(SAMPLES / "contacts-ly-son-special-zone.csv")))
def test_contacts_file(sqlite_office, tmp_path: Path, data: bytes) -> None:
    _check(sqlite_office, tmp_path, "contacts.csv", data, "units", "contacts", "import")


@settings(settings.get_profile("bounds"), **PROFILE)
@given(rows=st.lists(st.tuples(st.one_of(st.just("{item}"), TEXT, st.integers().map(str)),
                               st.one_of(st.just(""), TEXT, st.dates().map(str), st.datetimes().map(lambda d: d.isoformat())),
                               st.one_of(st.just(""), TEXT, st.integers().map(str))), min_size=1, max_size=4))
def test_completion_csv(sqlite_office, tmp_path: Path, rows) -> None:
    item = str(sqlite_office.item_ids()[0])
    text = "item,at,count\n" + "\n".join(",".join(cell.replace("{item}", item) for cell in row) for row in rows)
    _check(sqlite_office, tmp_path, "done.csv", text.encode("utf-8"), "done", "--now", "2025-12-30T08:00", "--csv")


@settings(settings.get_profile("bounds"), **PROFILE)
@given(data=_mixed(_lines_of(Path(__file__).resolve().parents[3] / "config.example.toml")))
def test_configuration(sqlite_office, tmp_path: Path, data: bytes) -> None:
    database = f'\n[database]\nurl = "{sqlite_office.database_url}"\n'.encode("utf-8")
    config = tmp_path / "other-config.toml"
    config.write_bytes(data + database if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else data)
    before = sqlite_office.rows()
    _runs_or_refuses(sqlite_office, sqlite_office("--config", str(config), "due", "--unit", "ls-tt-truyen-thong"), before)
