"""A units file is read into checked values; a problem is one line naming file, line, field."""
import datetime as dt
import re

import pytest

from cadence.errors import CadenceError
from cadence.units.model import Level
from cadence.units.toml_file import parse_units, read_units_file
from tests.cadence.support import PLANS, SAMPLES

GOOD = """
[[unit]]
id = "so-khcn"
name = "Sở Khoa học và Công nghệ"
aliases = ["Sở KH&CN"]
level = "department"
groups = ["Các sở, ban ngành"]
contacts = [{ name = "Văn thư", email = "vt@example.org", phone = "0912 345 678" }]
head = { name = "Giám đốc", email = "gd@example.org" }
dissolved = { on = 2025-07-01, into = "so-moi" }

[[group]]
name = "Các sở, ban ngành"
aliases = ["Các sở, ban, ngành"]
"""


def test_a_good_file_gives_units_and_groups() -> None:
    directory = parse_units(GOOD)
    [unit] = directory.units
    assert (unit.id, unit.level, unit.aliases, unit.groups) == ("so-khcn", Level.DEPARTMENT, ("Sở KH&CN",), ("Các sở, ban ngành",))
    assert unit.contacts[0].address("sms") == "0912 345 678" and unit.head.address("email") == "gd@example.org"
    assert (unit.dissolved_on, unit.successor) == (dt.date(2025, 7, 1), "so-moi")
    assert directory.groups[0].aliases == ("Các sở, ban, ngành",)


@pytest.mark.parametrize("text, message", [
    ('[[unit]]\nid = "x"\nname = "X"\nlevel = "ministry"\n', r"units\.toml:1: unit 'x': level: expected one of"),
    ('[[unit]]\nid = "x"\n', r"units\.toml:1: unit 'x': name: expected text"),
    ('\n[[unit]]\nid = "Bad Id"\nname = "X"\n', r"units\.toml:2: unit 'Bad Id': unit: id must be lower-case"),
    ('[[unit]]\nid = "x"\nname = "X"\ncontacts = [{ email = "no-at-sign" }]\n', r"contacts\[0\]\.email: expected an email address"),
    ('[[unit]]\nid = "x"\nname = "X"\ncontacts = [{ phone = "0255 3822 111" }]\n', r"contacts\[0\]\.phone: '0255 3822 111' is a landline"),
    ('[[unit]]\nid = "x"\nname = "X"\ncolour = "red"\n', r"unit 'x': colour: unknown field"),
    ('[[unit]]\nid = "x"\nname = "X"\n\n[[unit]]\nid = "x"\nname = "Y"\n', r"units\.toml:5: unit 'x': id: already used at line 1"),
    ('[[unit]\nid = "x"\n', r"units\.toml: .*line 1"),
    ('[[unit]]\nid = "x"\nname = "X"\ndissolved = { on = "soon" }\n', r"dissolved\.on: expected a date"),
])
def test_a_bad_file_is_one_line_naming_the_place(text: str, message: str) -> None:
    with pytest.raises(CadenceError) as caught:
        parse_units(text)
    assert re.search(message, caught.value.say("en"))
    assert "\n" not in str(caught.value) and "\n" not in caught.value.say("en")


def test_a_bad_file_is_named_in_vietnamese_by_default() -> None:
    with pytest.raises(CadenceError) as caught:
        parse_units('[[unit]]\nid = "x"\nname = "X"\ncontacts = [{ email = "no-at-sign" }]\n')
    assert str(caught.value) == ("units.toml:1: đơn vị 'x': contacts[0].email: "
                                 "cần một địa chỉ email, nhưng có 'no-at-sign'")


@pytest.mark.parametrize("units_file", sorted({f for f, _ in PLANS.values()}))
def test_the_sample_directories_are_valid(units_file: str) -> None:
    assert read_units_file(SAMPLES / units_file).units
