"""The units directory: who carries out duties, how to reach them, and the groups plans name."""
from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from cadence.catalogue import Words

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
COMMUNE_GROUP = "UBND cấp xã"  # the group `cadence units seed-province` puts a province's communes in


class Level(str, enum.Enum):
    """Where a unit stands in Vietnamese government since the 2025 two-level reorganisation
    (province and commune; districts abolished from 1 July 2025)."""

    PROVINCE = "province"  # UBND tỉnh and the province's own offices
    DEPARTMENT = "department"  # sở, ban, ngành
    AGENCY = "agency"  # đài, báo, trung tâm, công an, đoàn thể, trường…
    DISTRICT = "district"  # UBND huyện (before July 2025)
    COMMUNE = "commune"  # xã, phường, đặc khu, thị trấn
    SECTION = "section"  # phòng, bộ phận inside an office
    OTHER = "other"


class ContactRole(str, enum.Enum):
    """What a contact is to its unit: one of the people reminded, or its head (escalation)."""

    CONTACT = "contact"
    HEAD = "head"


@dataclass(frozen=True, kw_only=True)
class Contact:
    """A person (or a shared mailbox) to tell, with an address on each channel that reaches them:
    (channel kind, address) pairs, the kinds those of ``cadence.channels`` ("email", "sms")."""

    name: str = ""
    addresses: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if type(self.addresses) is not tuple:  # noqa: E721 (a national morning builds thousands: no copy)
            object.__setattr__(self, "addresses", tuple(tuple(pair) for pair in self.addresses))
        if not self.addresses:
            raise ValueError(Words("errors.units.contact-no-address"))

    @classmethod
    def of(cls, name: str = "", **addresses: str | None) -> Contact:
        """``Contact.of("Văn thư", email="…", sms="…")``: blank addresses are left out."""
        return cls(name=name, addresses=tuple((kind, a) for kind, a in addresses.items() if a))

    def address(self, kind: str) -> str | None:
        """The first address on the channel ``kind``, if any."""
        for k, address in self.addresses:
            if k == kind:
                return address
        return None


@dataclass(frozen=True, kw_only=True)
class Unit:
    """One unit. ``id`` is short and stable (used on the command line and in mappings)."""

    id: str
    name: str
    level: Level = Level.OTHER
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    groups: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    head: Contact | None = None
    dissolved_on: dt.date | None = None  # reorganisation: from this day it no longer exists
    successor: str | None = None  # …and its open duties pass to this unit
    made_from: str | None = None  # the key of the plan it was made from (plan import --create-units)

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", Level(self.level))
        for name in ("aliases", "groups", "contacts"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not _ID.match(self.id):
            raise ValueError(Words("errors.units.id", id=repr(self.id)))
        if not self.name.strip():
            raise ValueError(Words("errors.units.empty-name"))
        if self.successor and not self.dissolved_on:
            raise ValueError(Words("errors.units.successor-needs-date"))


@dataclass(frozen=True, kw_only=True)
class Group:
    """A set of units a plan names at once ("UBND cấp xã", "Các sở, ban ngành"). A group may
    include other groups ("Các sở, ban ngành, địa phương" = the departments and the communes).
    A group ``of`` a unit gathers that unit's bodies: "Các cơ quan, đơn vị" of the special zone
    is not that of the province (``cadence.units.resolve``: where a name counts)."""

    name: str
    aliases: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    of: str | None = None  # the unit whose bodies it gathers: its names count in that unit's plans

    def __post_init__(self) -> None:
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "includes", tuple(self.includes))
        if not self.name.strip():
            raise ValueError(Words("errors.units.empty-name"))


@dataclass(frozen=True, kw_only=True)
class Directory:
    """What a units file holds."""

    units: tuple[Unit, ...] = ()
    groups: tuple[Group, ...] = ()
