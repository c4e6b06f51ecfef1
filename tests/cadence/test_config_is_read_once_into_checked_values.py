"""config.toml becomes frozen dataclasses; a bad value is named by its key path."""
import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from cadence.config import HolidayPolicy, load_config
from cadence.errors import CadenceError
from rules.model import ReportPeriod


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_empty_file_gives_the_defaults_and_an_sqlite_file_beside_it(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""), environ={})
    assert config.schedule.due_time == dt.time(17, 0)
    assert config.schedule.holidays is HolidayPolicy.PREVIOUS
    assert config.database.url == f"sqlite:///{tmp_path.resolve() / 'cadence.db'}"
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.schedule.due_time = dt.time(8, 0)


def test_values_are_read_by_their_types(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, """
[schedule]
due_time = "08:30"
holidays = "next"
unstated_report_periods = ["quarter", "year"]
[units]
file = "units.toml"
"""), environ={})
    assert config.schedule.due_time == dt.time(8, 30)
    assert config.schedule.unstated_report_periods == (ReportPeriod.QUARTER, ReportPeriod.YEAR)
    assert config.units.file == tmp_path.resolve() / "units.toml"


@pytest.mark.parametrize("text, message", [
    ('[schedule]\ndue_time = "abc"', "schedule.due_time: expected HH:MM, got 'abc'"),
    ('[schedule]\nholidays = "sometimes"', "schedule.holidays: expected one of 'previous', 'next', 'none', got 'sometimes'"),
    ('[schedule]\napprox_tolerance = 2', "schedule.approx_tolerance: expected a value from 0.0 to 1.0, got 2.0"),
    ('[schedule]\nspread_min_days = "seven"', "schedule.spread_min_days: expected a whole number, got 'seven'"),
    ('[schedule]\nunstated_report_periods = ["weekly"]', "schedule.unstated_report_periods[0]: expected one of"),
    ('[schedule]\ndue_tme = "08:00"', "schedule.due_tme: unknown key"),
    ('[databse]\nurl = ""', "databse: unknown key"),
])
def test_a_bad_value_is_named_by_its_key_path(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CadenceError) as refused:
        load_config(write(tmp_path, text), environ={})
    assert refused.value.say("en").startswith(message)


def test_a_bad_value_is_named_in_vietnamese_by_default(tmp_path: Path) -> None:
    with pytest.raises(CadenceError) as refused:
        load_config(write(tmp_path, '[schedule]\nspread_min_days = "seven"'), environ={})
    assert str(refused.value) == "schedule.spread_min_days: cần một số nguyên, nhưng có 'seven'"


def test_broken_toml_names_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(CadenceError) as refused:
        load_config(write(tmp_path, '[schedule]\ndue_time = 08:00\n'), environ={})
    assert re.search(r"config\.toml: .*line 2", str(refused.value))


def test_a_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(CadenceError) as refused:
        load_config(tmp_path / "nowhere.toml", environ={})
    assert "cadence init" in str(refused.value) and "cadence init" in refused.value.say("en")


def test_the_database_url_can_come_from_the_environment(tmp_path: Path) -> None:
    url = "postgresql+psycopg://cadence:secret@127.0.0.1/cadence"
    config = load_config(write(tmp_path, '[database]\nurl = "sqlite:///x.db"'), environ={"CADENCE_DATABASE_URL": url})
    assert config.database.url == url


def test_a_relative_sqlite_path_is_taken_from_the_config_folder(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[database]\nurl = "sqlite:///data/cadence.db"'), environ={})
    assert config.database.url == f"sqlite:///{tmp_path.resolve() / 'data' / 'cadence.db'}"
