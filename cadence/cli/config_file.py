"""Which configuration file a command reads, and ``--config`` anywhere on the line.

The file is the first of: the option ``--config FILE`` (before or after the subcommand), the
environment variable ``CADENCE_CONFIG``, ``./config.toml`` when it exists, then
``/etc/cadence/config.toml`` when it exists. With none of them there, the command reads
``./config.toml`` and says, if it needs the file, where it looked (``cadence init`` writes
it there). An IT person installing from a wheel puts the office's file in /etc/cadence and
every user's ``cadence`` finds it; a developer's ``./config.toml`` still wins in its folder.

A leaf of the command line: it reads no file, so ``cadence --help`` stays cheap.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

OPTION = "--config"
ENV = "CADENCE_CONFIG"
LOCAL = Path("config.toml")
SYSTEM = Path("/etc/cadence/config.toml")


@dataclass(frozen=True)
class Found:
    """The file to read, how it was chosen, and every place looked at on the way."""

    path: Path
    chosen: bool  # named by --config or CADENCE_CONFIG, or found where it was looked for
    looked: tuple[Path, ...]


def take_option(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """(the value of the last ``--config``, the line without it), wherever it stands before a
    ``--``; click then reads the rest as if the option had never been there."""
    rest, value, tokens = [], None, list(argv)
    while tokens:
        token = tokens.pop(0)
        if token == "--":
            return value, rest + [token] + tokens
        if token == OPTION and tokens:
            value = tokens.pop(0)
        elif token.startswith(OPTION + "="):
            value = token.split("=", 1)[1]
        else:
            rest.append(token)
    return value, rest


def find(explicit: str | None, environ: Mapping[str, str], *, system: Path | None = None) -> Found:
    """The configuration file, in the order this module's docstring gives."""
    if explicit:
        return Found(Path(explicit), True, (Path(explicit),))
    if environ.get(ENV):
        return Found(Path(environ[ENV]), True, (Path(environ[ENV]),))
    candidates = (LOCAL, SYSTEM if system is None else system)
    for candidate in candidates:
        if candidate.is_file():
            return Found(candidate, True, candidates)
    return Found(LOCAL, False, candidates)
