"""``config.toml``, read once at start into frozen dataclasses.

Each ``[section]`` is a dataclass below and a field of ``Config``; adding a section is a
dataclass and one line in ``Config`` (``configkit`` reads the fields from their annotations).
``config.example.toml`` documents every key; a test keeps it complete.
"""
from __future__ import annotations

import datetime as dt
import enum
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from cadence.configkit import bounds, build, internal, key_paths
from cadence.daemon.settings import (DaemonConfig, DigestConfig, EscalationConfig, NotifiersConfig,
                                     RemindersConfig)
from cadence.errors import CadenceError
from rules.model import ReportPeriod

DATABASE_URL_ENV = "CADENCE_DATABASE_URL"  # a secret-bearing URL can come from the environment
DEFAULT_DATABASE_FILE = "cadence.db"
WEB_SECRET_ENV = "CADENCE_WEB_SECRET"  # signs completion links; outranks [web] secret_file


class HolidayPolicy(str, enum.Enum):
    """Where a due date that falls on a weekend or a public holiday moves to."""

    PREVIOUS = "previous"  # the working day before: the usual practice in Vietnamese offices
    NEXT = "next"
    NONE = "none"


class CheckInPeriod(str, enum.Enum):
    """How often an ongoing task ("Thường xuyên") without a countable output is checked."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    NONE = "none"


class TotalsPolicy(str, enum.Enum):
    """Which to follow when a declared yearly total disagrees with the cadence."""

    CADENCE = "cadence"
    DECLARED = "declared"


@dataclass(frozen=True, kw_only=True)
class DatabaseConfig:
    """[database]: where the store lives."""

    url: str = ""  # empty: an SQLite file cadence.db next to config.toml


@dataclass(frozen=True, kw_only=True)
class ScheduleConfig:
    """[schedule]: how a plan's cadences become due items."""

    due_time: dt.time = dt.time(17, 0)
    holidays: HolidayPolicy = HolidayPolicy.PREVIOUS
    approx_tolerance: float = field(default=0.2, metadata=bounds(0.0, 1.0))
    spread_min_days: int = field(default=7, metadata=bounds(1, 366))
    check_in: CheckInPeriod = CheckInPeriod.MONTH
    report_due_days: int = field(default=5, metadata=bounds(0, 60))
    unstated_report_periods: tuple[ReportPeriod, ...] = ()
    declared_totals: TotalsPolicy = TotalsPolicy.CADENCE


@dataclass(frozen=True, kw_only=True)
class UnitsConfig:
    """[units]: the units directory and how plan unit names are matched to it."""

    file: Path | None = None
    fuzzy_accept: int = field(default=90, metadata=bounds(50, 100))
    fuzzy_suggest: int = field(default=60, metadata=bounds(0, 100))


class Language(str, enum.Enum):
    """The office's language: of the pages, the messages and the command line (which a
    person may still switch with ``--lang``, a page with its language link)."""

    VI = "vi"
    EN = "en"


@dataclass(frozen=True, kw_only=True)
class WebConfig:
    """[web]: the completion pages behind the links in reminders, and the coordinators' board.
    The link secret comes from CADENCE_WEB_SECRET or ``secret_file``; never from this file."""

    enabled: bool = True  # `cadence run` serves the pages in the same process
    host: str = "127.0.0.1"
    port: int = field(default=8080, metadata=bounds(0, 65535))
    base_url: str = ""  # empty: http://host:port
    link_days: int = field(default=14, metadata=bounds(1, 366))
    secret_file: Path | None = None  # empty: web-secret beside config.toml, created on first use
    session_hours: int = field(default=12, metadata=bounds(1, 24 * 30))
    login_attempts: int = field(default=5, metadata=bounds(1, 100))
    login_window_minutes: int = field(default=15, metadata=bounds(1, 24 * 60))
    fresh_link_minutes: int = field(default=60, metadata=bounds(0, 24 * 60))
    secret: str = field(default="", repr=False, metadata=internal())  # from CADENCE_WEB_SECRET


@dataclass(frozen=True, kw_only=True)
class Config:
    """The whole configuration. ``path`` is the file it was read from (relative paths start there)."""

    path: Path = field(default=Path("config.toml"), metadata=internal())
    language: Language = Language.VI
    database: DatabaseConfig = DatabaseConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    units: UnitsConfig = UnitsConfig()
    web: WebConfig = WebConfig()
    reminders: RemindersConfig = RemindersConfig()
    escalation: EscalationConfig = EscalationConfig()
    digest: DigestConfig = DigestConfig()
    daemon: DaemonConfig = DaemonConfig()
    notifiers: NotifiersConfig = NotifiersConfig()


def load_config(path: str | Path, *, environ: dict[str, str] | None = None) -> Config:
    """Read and check ``config.toml``; a missing file or a bad key is a CadenceError."""
    path = Path(path).resolve()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CadenceError("errors.config.no-file", path=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise CadenceError("errors.config.not-toml", path=str(path), error=str(error)) from None
    return parse_config(table, path=path, environ=environ)


def parse_config(table: dict, *, path: Path, environ: dict[str, str] | None = None) -> Config:
    """A Config from an already-parsed TOML table (``path`` anchors relative paths)."""
    config = build(Config, table, where="", base=path.parent)
    environ = os.environ if environ is None else environ
    url = environ.get(DATABASE_URL_ENV) or config.database.url
    database = replace(config.database, url=database_url(url, path.parent))
    web = replace(config.web, secret=environ.get(WEB_SECRET_ENV, ""))
    return replace(config, path=path, database=database, web=web)


def database_url(url: str, base: Path) -> str:
    """The SQLAlchemy URL to open: empty → SQLite file beside the config; relative SQLite paths
    are taken from the config's folder, not from wherever the command was started."""
    if not url:
        return f"sqlite:///{base / DEFAULT_DATABASE_FILE}"
    prefix = "sqlite:///"
    if url.startswith(prefix) and url[len(prefix):] and not url[len(prefix):].startswith("/"):
        rest = url[len(prefix):]
        if not rest.startswith(":memory:"):
            return prefix + str(base / rest)
    return url


def config_keys() -> list[str]:
    """Every key config.toml accepts, as dotted paths."""
    return key_paths(Config)
