"""Plan unit strings resolve case- and diacritics-insensitively, through aliases, groups,
brackets and "A và B"; OCR damage resolves when it is close and unambiguous; the rest is
unresolved with suggestions."""
import pytest

from cadence.units.resolve import NameBook, Resolver, Target, TargetKind
from cadence.units.names import name_key

UNIT, GROUP = TargetKind.UNIT, TargetKind.GROUP
NAMES = {
    "Sở Khoa học và Công nghệ": Target(UNIT, "so-khcn"),
    "Sở Văn hóa, Thể thao và Du lịch": Target(UNIT, "so-vhttdl"),
    "Văn phòng UBND tỉnh": Target(UNIT, "vp-ubnd"),
    "Phòng Văn hoá – Xã hội": Target(UNIT, "phong-vhxh"),
    "Trung tâm Phục vụ - Kiểm soát TTHC tỉnh": Target(UNIT, "tt-ksthc"),
    "Trung tâm Công báo và Tin học": Target(UNIT, "tt-cbth"),
    "UBND cấp xã": Target(GROUP, "UBND cấp xã"),
    "Chính quyền địa phương": Target(GROUP, "UBND cấp xã"),
    "Các sở, ban, ngành": Target(GROUP, "Các sở, ban ngành"),
    "Các sở, ban ngành, địa phương": Target(GROUP, "Các sở, ban ngành, địa phương"),
}
BOOK = NameBook(
    names={name_key(text): (target,) for text, target in NAMES.items()},
    members={"UBND cấp xã": ("xa-a", "xa-b"), "Các sở, ban ngành": ("so-khcn", "so-vhttdl")},
    includes={"Các sở, ban ngành, địa phương": ("Các sở, ban ngành", "UBND cấp xã")},
)
RESOLVER = Resolver(BOOK)


@pytest.mark.parametrize("text, units", [
    ("Sở Khoa học và Công nghệ", ("so-khcn",)),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ.", ("so-khcn",)),
    ("Phòng Văn hóa - Xã hội", ("phong-vhxh",)),  # other tone placement, other dash
    ("Van phong UBND tinh", ("vp-ubnd",)),  # OCR lost every diacritic
    ("UBND cấp xã (Đài Truyền thanh cấp xã)", ("xa-a", "xa-b")),
    ("Văn phòng UBND tỉnh (Trung tâm Công báo và Tin học)", ("vp-ubnd",)),
    ("Các sở, ban, ngành và Chính quyền địa phương", ("so-khcn", "so-vhttdl", "xa-a", "xa-b")),
    ("Các sở, ban ngành, địa phương", ("so-khcn", "so-vhttdl", "xa-a", "xa-b")),
    ("Trung tdm Phuc vu - Kiém soat TTHC tinh", ("tt-ksthc",)),  # OCR damage, fuzzy
    ("Trung tam Céng bao va Tin hoc", ("tt-cbth",)),
    ("S& Khoa hoc va Cong nghé", ("so-khcn",)),
])
def test_plan_strings_resolve(text: str, units: tuple[str, ...]) -> None:
    found = RESOLVER.resolve(text)
    assert RESOLVER.unit_ids(found.targets) == units


def test_an_unknown_name_is_unresolved_with_the_closest_suggestions() -> None:
    found = RESOLVER.resolve("Sở Khoa học")
    assert not found.resolved
    assert found.suggestions[0][0].startswith("so-khcn")


def test_names_that_fold_alike_are_told_apart_by_their_diacritics() -> None:
    book = NameBook(names={"xa ba to": (Target(UNIT, "ba-to"), Target(UNIT, "ba-to-2"))},
                    exact={"xã ba tô": Target(UNIT, "ba-to"), "xã ba tơ": Target(UNIT, "ba-to-2")})
    resolver = Resolver(book)
    assert resolver.resolve("Xã Ba Tơ").targets == (Target(UNIT, "ba-to-2"),)
    ambiguous = resolver.resolve("Xa Ba To")
    assert not ambiguous.resolved and len(ambiguous.suggestions) == 2


def test_a_close_name_that_is_near_two_units_is_not_guessed() -> None:
    book = NameBook(names={name_key("Phòng Nội vụ 1"): (Target(UNIT, "a"),), name_key("Phòng Nội vụ 2"): (Target(UNIT, "b"),)})
    assert not Resolver(book).resolve("Phòng Nội vụ 3").resolved


def test_groups_that_include_each_other_do_not_loop() -> None:
    book = NameBook(names={"a": (Target(GROUP, "A"),)}, members={"A": ("u1",), "B": ("u2",)},
                    includes={"A": ("B",), "B": ("A",)})
    assert Resolver(book).unit_ids((Target(GROUP, "A"),)) == ("u1", "u2")
