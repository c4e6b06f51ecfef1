"""The communes, wards and special zones of a province, from the ``vietnam-provinces`` package
(the two-level map in force from 1 July 2025: 34 provinces, no districts; Quảng Ngãi has 96).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from vietnam_provinces import Province, Ward

from cadence.errors import CadenceError
from cadence.units.model import COMMUNE_GROUP, Directory, Group, Level, Unit
from cadence.units.names import name_key

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
        if name_key(province.name) == wanted:
            return province
    known = ", ".join(sorted(p.name for p in Province.iter_all()))
    raise CadenceError("errors.units.province", name=repr(name), known=known)


def province_directory(name: str, *, group: str = COMMUNE_GROUP) -> Directory:
    """The province's communes as units, all in one group plans can name."""
    province = find_province(name)
    wards = sorted(Ward.iter_by_province(province.code), key=lambda w: w.name)
    shared = _shared_codenames()
    units = tuple(_unit(ward, group, shared) for ward in wards)
    aliases = COMMUNE_GROUP_ALIASES if group == COMMUNE_GROUP else ()
    return Directory(units=units, groups=(Group(name=group, aliases=aliases),))


@lru_cache(maxsize=1)
def _shared_codenames() -> frozenset[str]:
    """Codenames that more than one ward in the country has ("xa_son_ha" is Sơn Hạ and Sơn
    Hà; "xa_an_phu" is in several provinces): those ids carry the ward's code as well."""
    counts = Counter(ward.codename for ward in Ward.iter_all())
    return frozenset(name for name, n in counts.items() if n > 1)


def _unit(ward: Ward, group: str, shared: frozenset[str]) -> Unit:
    ident = ward.codename.replace("_", "-")
    return Unit(
        id=f"{ident}-{int(ward.code)}" if ward.codename in shared else ident,
        name=ward.name,
        level=Level.COMMUNE,
        aliases=(f"UBND {ward.name}",),
        groups=(group,),
    )
