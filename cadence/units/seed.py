"""A province's units as offices need them on the first day: its People's Committee, its
specialised agencies and press (``data/agencies.toml``, ``data/province-<name>.toml``, each
naming its sources), the groups plans use for them, and its communes, wards and special zones
from the ``vietnam-provinces`` package (the two-level map in force from 1 July 2025: 34
provinces, no districts; Quảng Ngãi has 96).

Every seeded body is a child of the province's People's Committee (id ``ubnd-tinh``), and the
groups are "of" it: "Các sở, ban, ngành" in the province's plans means its agencies. One
database holds one province's agencies (an office runs its own province's plans); seeding a
second province is refused rather than mixing two provinces' "Sở Nội vụ".
"""
from __future__ import annotations

import tomllib
from collections import Counter
from functools import lru_cache
from importlib import resources

from vietnam_provinces import Province, Ward

from cadence.errors import CadenceError
from cadence.units.model import COMMUNE_GROUP, Directory, Group, Level, Unit
from cadence.units.names import name_key

PROVINCE_UNIT = "ubnd-tinh"  # the province's People's Committee, parent of what is seeded

# How plans name "every commune-level government" at once. "Chính quyền địa phương" in a
# province plan after the 2025 reorganisation means the communes, wards and special zones.
COMMUNE_GROUP_ALIASES = (
    "Chính quyền địa phương",
    "Chính quyền địa phương cấp xã",
    "UBND các xã, phường, đặc khu",
    "UBND xã, phường, đặc khu",
    "Các xã, phường, đặc khu",
    "Đài Truyền thanh cấp xã",
)


def find_province(name: str) -> Province:
    """A province by its name, folded ("Quảng Ngãi", "quang ngai", "Tỉnh Quảng Ngãi")."""
    wanted = name_key(name).removeprefix("tinh ").removeprefix("thanh pho ")
    for province in Province.iter_all():
        if name_key(province.name).removeprefix("thanh pho ") == wanted:
            return province
    known = ", ".join(sorted(p.name for p in Province.iter_all()))
    raise CadenceError("errors.units.province", name=repr(name), known=known)


def province_directory(name: str, *, group: str = COMMUNE_GROUP) -> Directory:
    """The province's People's Committee, agencies, press and communes, and the groups plans
    name them by: what ``cadence units seed-province`` saves."""
    province = find_province(name)
    head = province_unit(province)
    agencies, groups = _agencies(province, group)
    communes = commune_units(province, group)
    aliases = COMMUNE_GROUP_ALIASES if group == COMMUNE_GROUP else ()
    commune_group = Group(name=group, aliases=aliases, of=PROVINCE_UNIT)
    return Directory(units=(head, *agencies, *communes), groups=(commune_group, *groups))


def province_unit(province: Province) -> Unit:
    """The province's People's Committee, named as ``data/agencies.toml`` says."""
    naming = _data("agencies.toml")["province"]
    kind, short = _kind_and_name(province)
    return Unit(id=PROVINCE_UNIT, name=naming["name"].format(kind=kind, name=short), level=Level.PROVINCE,
                aliases=tuple(alias.format(kind=kind, name=short) for alias in naming["aliases"]))


def _kind_and_name(province: Province) -> tuple[str, str]:
    """("tỉnh", "Quảng Ngãi") of "Tỉnh Quảng Ngãi"."""
    naming = _data("agencies.toml")["province"]
    for prefix, kind in naming["kinds"].items():
        if province.name.startswith(prefix):
            return kind, province.name.removeprefix(prefix)
    return naming["kind"], province.name


def commune_units(province: Province, group: str = COMMUNE_GROUP) -> tuple[Unit, ...]:
    """The province's communes, wards and special zones, all in one group plans can name."""
    wards = sorted(Ward.iter_by_province(province.code), key=lambda w: w.name)
    shared = _shared_codenames()
    return tuple(_commune(ward, group, shared) for ward in wards)


def _agencies(province: Province, commune_group: str) -> tuple[tuple[Unit, ...], tuple[Group, ...]]:
    """The standard agencies with the province's own (which may rename or add), and the groups."""
    tables = [_data("agencies.toml")] + [_data(name) for name in _province_files(province)]
    units: dict[str, dict] = {}
    groups: list[Group] = []
    for table in tables:
        for raw in table.get("unit", ()):
            units[raw["id"]] = units.get(raw["id"], {}) | raw
        groups += [Group(name=g["name"], aliases=tuple(g.get("aliases", ())), of=PROVINCE_UNIT,
                         includes=tuple(commune_group if i == COMMUNE_GROUP else i for i in g.get("includes", ())))
                   for g in table.get("group", ())]
    return tuple(_agency(raw) for raw in units.values()), tuple(groups)


def _agency(raw: dict) -> Unit:
    return Unit(id=raw["id"], name=raw["name"], aliases=tuple(raw.get("aliases", ())),
                level=Level(raw.get("level", "department")), parent=PROVINCE_UNIT,
                groups=tuple(raw.get("groups", ())))


def _province_files(province: Province) -> list[str]:
    """The data files that describe this province's own bodies (by their ``province`` key)."""
    folder = resources.files("cadence.units").joinpath("data")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("province-") and entry.name.endswith(".toml"):
            if name_key(_data(entry.name).get("province", "")) == name_key(_kind_and_name(province)[1]):
                found.append(entry.name)
    return found


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return tomllib.loads(resources.files("cadence.units").joinpath("data", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _shared_codenames() -> frozenset[str]:
    """Codenames that more than one ward in the country has ("xa_son_ha" is Sơn Hạ and Sơn
    Hà; "xa_an_phu" is in several provinces): those ids carry the ward's code as well."""
    counts = Counter(ward.codename for ward in Ward.iter_all())
    return frozenset(name for name, n in counts.items() if n > 1)


def _commune(ward: Ward, group: str, shared: frozenset[str]) -> Unit:
    ident = ward.codename.replace("_", "-")
    return Unit(
        id=f"{ident}-{int(ward.code)}" if ward.codename in shared else ident,
        name=ward.name,
        level=Level.COMMUNE,
        aliases=(f"UBND {ward.name}",),
        parent=PROVINCE_UNIT,
        groups=(group,),
    )
