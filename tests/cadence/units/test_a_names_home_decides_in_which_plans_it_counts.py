"""The same words name different bodies in different plans: a name counts in the plans of its
home (the issuer's own first, then up the chain of parents, then names that count everywhere);
a collective name, and a name Cadence made from a plan, count only at their very home."""
from cadence.units.names import name_key
from cadence.units.resolve import Name, NameBook, Resolver, Target, TargetKind

UNIT, GROUP = TargetKind.UNIT, TargetKind.GROUP


def _book(*names: tuple[str, Name]) -> NameBook:
    entries: dict[str, list[Name]] = {}
    for text, name in names:
        entries.setdefault(name_key(text), []).append(name)
    return NameBook(entries={k: tuple(v) for k, v in entries.items()},
                    parents={"dac-khu-ly-son": "ubnd-tinh", "xa-tinh-son": "ubnd-tinh", "vp-ubnd-tinh": "ubnd-tinh",
                             "vp-tt-cbth": "vp-ubnd-tinh"})


BOOK = _book(
    ("Phòng Văn hoá – Xã hội", Name(Target(UNIT, "ls-phong-vhxh"), home="dac-khu-ly-son")),
    ("Phòng Văn hoá – Xã hội", Name(Target(UNIT, "ts-phong-vhxh"), home="xa-tinh-son")),
    ("Sở Nội vụ", Name(Target(UNIT, "so-noi-vu"))),
    ("Các cơ quan, đơn vị", Name(Target(GROUP, "Các cơ quan, đơn vị"), home="ubnd-tinh")),
    ("Các cơ quan, đơn vị", Name(Target(GROUP, "Các cơ quan, đơn vị đặc khu Lý Sơn"), home="dac-khu-ly-son")),
    ("Công an tỉnh", Name(Target(UNIT, "cong-an-tinh"), home="ubnd-tinh", only_home=True)),
    ("Phòng Hành chính - Quản trị", Name(Target(UNIT, "vp-phong-hcqt"), home="vp-ubnd-tinh")),
    ("Phòng Nội vụ", Name(Target(UNIT, "tb-phong-noi-vu"), home="ubnd-huyen-tra-bong")),
    ("Phòng Nội vụ", Name(Target(UNIT, "so-noi-vu"), home="ubnd-huyen-tra-bong", recorded=True)),
)


def _in(issuer: str | None, text: str) -> tuple[str, ...]:
    return tuple(t.ident for t in Resolver(BOOK, issuer=issuer).resolve(text).targets)


def test_a_section_counts_in_its_own_communes_plans() -> None:
    assert _in("dac-khu-ly-son", "Phòng Văn hoá - Xã hội") == ("ls-phong-vhxh",)
    assert _in("xa-tinh-son", "Phòng Văn hoá - Xã hội") == ("ts-phong-vhxh",)
    assert _in("ubnd-tinh", "Phòng Văn hoá - Xã hội") == ()


def test_read_from_nowhere_two_bodies_of_one_name_are_not_guessed_between() -> None:
    assert _in(None, "Phòng Văn hoá - Xã hội") == ()


def test_a_name_of_everywhere_counts_in_every_plan() -> None:
    assert _in("dac-khu-ly-son", "Sở Nội vụ") == _in(None, "Sở Nội vụ") == ("so-noi-vu",)


def test_a_collective_name_means_the_issuers_own_bodies_never_an_ancestors() -> None:
    assert _in("ubnd-tinh", "Các cơ quan, đơn vị") == ("Các cơ quan, đơn vị",)
    assert _in("dac-khu-ly-son", "Các cơ quan, đơn vị") == ("Các cơ quan, đơn vị đặc khu Lý Sơn",)
    assert _in("xa-tinh-son", "Các cơ quan, đơn vị") == ()  # the province's are not the commune's


def test_a_unit_made_from_a_plan_counts_only_in_its_issuers_plans() -> None:
    assert _in("ubnd-tinh", "Công an tỉnh") == ("cong-an-tinh",)
    assert _in("dac-khu-ly-son", "Công an tỉnh") == ()


def test_a_body_inside_an_office_counts_in_the_plans_of_what_sits_inside_it_too() -> None:
    assert _in("vp-ubnd-tinh", "Phòng Hành chính - Quản trị") == ("vp-phong-hcqt",)
    assert _in("vp-tt-cbth", "Phòng Hành chính - Quản trị") == ("vp-phong-hcqt",)
    assert _in("ubnd-tinh", "Phòng Hành chính - Quản trị") == ()


def test_a_persons_answer_wins_over_a_name() -> None:
    assert _in("ubnd-huyen-tra-bong", "Phòng Nội vụ") == ("so-noi-vu",)
