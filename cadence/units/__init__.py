"""The units directory: units, groups, reading units.toml, seeding a province, resolving names."""
from cadence.units.model import Contact, Directory, Group, Level, Unit
from cadence.units.names import fold, name_key
from cadence.units.resolve import NameBook, Resolution, Resolver, Target, TargetKind

__all__ = [
    "Contact", "Directory", "Group", "Level", "Unit", "fold", "name_key",
    "NameBook", "Resolution", "Resolver", "Target", "TargetKind",
]
