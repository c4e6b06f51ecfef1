"""``config.toml``, read once at start into frozen dataclasses.

Each ``[section]`` is a dataclass below and a field of ``Config``; adding a section is a
dataclass and one line in ``Config`` (``configkit`` reads the fields from their annotations).
Each channel's section, ``[notifiers.<kind>]``, belongs to its module in ``cadence.channels``
and is read through the registry. Checks that span several keys happen when a section is
built, and name the key: "escalation.delays_days: …". Secrets are never values of this file:
the SMTP password and the SMS gateway's key are read from an environment variable or a file
named here. ``config.example.toml`` documents every key; a test keeps it complete.
"""
from __future__ import annotations

import datetime as dt
import enum
import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cadence.catalogue import Words
from cadence.channels import registry
from cadence.configkit import bounds, build, internal, key_paths
from cadence.errors import CadenceError
from cadence.kinds import Language, Rung
from cadence.sources.bounds import Limits
from cadence.userfiles import CONFIG_BYTES, DATA_BYTES, MEGABYTE, FileRefused, parsed, read_text
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
    # SQLite: how long a step waits for another process's write to finish before it says the
    # database is busy (one line, exit status 3) instead of failing with a traceback.
    busy_seconds: float = field(default=30.0, metadata=bounds(0.1, 3600.0))


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
    # A completion may be dated from this many days before its item's window starts (and never
    # after now): cadence.schedule.completions.
    completion_lead_days: int = field(default=0, metadata=bounds(0, 366))


@dataclass(frozen=True, kw_only=True)
class UnitsConfig:
    """[units]: the units directory and how plan unit names are matched to it."""

    file: Path | None = None
    fuzzy_accept: int = field(default=90, metadata=bounds(50, 100))
    fuzzy_suggest: int = field(default=60, metadata=bounds(0, 100))


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
    login_attempts: int = field(default=5, metadata=bounds(1, 100))  # per name from one address
    login_attempts_per_address: int = field(default=20, metadata=bounds(1, 10_000))  # any names
    login_window_minutes: int = field(default=15, metadata=bounds(1, 24 * 60))
    login_delay_seconds: float = field(default=1.0, metadata=bounds(0.0, 60.0))
    login_delay_max_seconds: float = field(default=20.0, metadata=bounds(0.0, 600.0))
    fresh_link_minutes: int = field(default=60, metadata=bounds(0, 24 * 60))
    trusted_proxies: tuple[str, ...] = ()  # addresses or networks whose X-Forwarded-For is believed
    header_seconds: int = field(default=10, metadata=bounds(1, 600))
    body_seconds: int = field(default=120, metadata=bounds(1, 3600))
    keep_alive_seconds: int = field(default=5, metadata=bounds(1, 600))
    health_stale_passes: int = field(default=3, metadata=bounds(1, 1000))
    metrics_from: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    secret: str = field(default="", repr=False, metadata=internal())  # from CADENCE_WEB_SECRET

    def __post_init__(self) -> None:
        for key in ("trusted_proxies", "metrics_from"):
            object.__setattr__(self, key, tuple(_networks(f"web.{key}", getattr(self, key))))

    def proxies(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(text) for text in self.trusted_proxies)

    def metrics_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(text) for text in self.metrics_from)


def _networks(key: str, texts: tuple[str, ...]) -> list[str]:
    """Each address or network in its normal form ("10.0.0.1" → "10.0.0.1/32"); a bad one
    names the key."""
    checked = []
    for i, text in enumerate(texts):
        try:
            checked.append(str(ipaddress.ip_network(text.strip(), strict=False)))
        except ValueError:
            raise CadenceError("errors.config.expected", where=f"{key}[{i}]", value=repr(text),
                               expected=Words("watcher.expect-network")) from None
    return checked


class Weekday(str, enum.Enum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday 0 … Sunday 6, as ``date.weekday()``."""
        return list(Weekday).index(self)


class Audience(str, enum.Enum):
    """Who receives a plan's weekly digest."""

    MONITORS = "monitors"
    ISSUER = "issuer"


def _check_channels(key: str, kinds: tuple[str, ...]) -> None:
    known = registry()
    for i, kind in enumerate(kinds):
        if kind not in known:
            raise CadenceError("errors.config.expected", where=f"{key}[{i}]", value=repr(kind),
                               expected=Words("expect.one-of", allowed=", ".join(repr(k) for k in known)))


def _every_channel() -> tuple[str, ...]:
    return tuple(registry())


@dataclass(frozen=True, kw_only=True)
class RemindersConfig:
    """[reminders]: before an item is due, its unit's contacts are reminded, on working days."""

    days_before: tuple[int, ...] = (3, 1, 0)  # working days before the due date; 0: that morning
    time: dt.time = dt.time(7, 30)
    channels: tuple[str, ...] = field(default_factory=_every_channel)

    def __post_init__(self) -> None:
        if any(d < 0 or d > 60 for d in self.days_before) or len(set(self.days_before)) != len(self.days_before):
            raise CadenceError("errors.config.days-before", value=list(self.days_before))
        object.__setattr__(self, "days_before", tuple(sorted(self.days_before, reverse=True)))
        _check_channels("reminders.channels", self.channels)


@dataclass(frozen=True, kw_only=True)
class EscalationConfig:
    """[escalation]: an item not done by its due time plus the grace is missed; then each rung
    of the chain hears of it once, after its delay in working days."""

    grace_hours: int = field(default=14, metadata=bounds(0, 24 * 30))
    chain: tuple[Rung, ...] = (Rung.CONTACTS, Rung.HEAD, Rung.MONITOR, Rung.ISSUER)
    delays_days: tuple[int, ...] = (0, 2, 5, 10)
    channels: tuple[str, ...] = field(default_factory=_every_channel)

    def __post_init__(self) -> None:
        if len(self.chain) != len(self.delays_days):
            raise CadenceError("errors.config.delay-per-rung", rungs=len(self.chain), delays=len(self.delays_days))
        if any(d < 0 for d in self.delays_days) or list(self.delays_days) != sorted(self.delays_days):
            raise CadenceError("errors.config.delays-rise", value=list(self.delays_days))
        _check_channels("escalation.channels", self.channels)


@dataclass(frozen=True, kw_only=True)
class DigestConfig:
    """[digest]: the weekly summary to each plan's monitors and issuer."""

    enabled: bool = True
    weekday: Weekday = Weekday.MONDAY  # a day off moves it to the next working day of that week
    time: dt.time = dt.time(7, 30)
    to: tuple[Audience, ...] = (Audience.MONITORS, Audience.ISSUER)
    top_units: int = field(default=5, metadata=bounds(0, 100))


@dataclass(frozen=True, kw_only=True)
class DaemonConfig:
    """[daemon]: how often `cadence run` wakes, office hours, the backoff between tries of a
    message (how long a message is tried is [delivery]'s)."""

    interval_seconds: int = field(default=60, metadata=bounds(1, 3600))
    office_opens: dt.time = dt.time(7, 30)
    office_closes: dt.time = dt.time(17, 0)
    batch: int = field(default=2000, metadata=bounds(10, 100_000))
    retry_minutes: int = field(default=2, metadata=bounds(1, 24 * 60))
    retry_max_hours: int = field(default=6, metadata=bounds(1, 24 * 7))
    claim_minutes: int = field(default=15, metadata=bounds(1, 24 * 60))
    deadman_url: str = ""  # called (GET) after each pass that went through; empty: none

    def __post_init__(self) -> None:
        if self.deadman_url and not self.deadman_url.lower().startswith(("http://", "https://")):
            raise CadenceError("errors.config.expected", where="daemon.deadman_url", value=repr(self.deadman_url),
                               expected=Words("watcher.expect-url"))
        if not self.office_opens < self.office_closes:
            raise CadenceError("errors.config.office-closes", opens=f"{self.office_opens:%H:%M}",
                               closes=f"{self.office_closes:%H:%M}")


@dataclass(frozen=True, kw_only=True)
class DeliveryConfig:
    """[delivery]: how long a message is worth trying, and when a failing channel is told to the
    admins. A reminder is tried until its items' due moment; an escalation, a digest, a link or
    an alert until it is ``give_up_after_days`` old. A channel is failing once
    ``alert_after_failures`` transient failures came in a row, the first at least
    ``alert_after_minutes`` ago: then ``admins`` are told once, through the other channels
    (each address goes by the channel that accepts it: an e-mail address, a mobile number)."""

    give_up_after_days: int = field(default=7, metadata=bounds(1, 366))
    alert_after_failures: int = field(default=5, metadata=bounds(1, 100_000))
    alert_after_minutes: int = field(default=30, metadata=bounds(0, 7 * 24 * 60))
    admins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for number, address in enumerate(self.admins):
            if not any(_accepts(plugin, address) for plugin in registry().values()):
                raise CadenceError("errors.config.expected", where=f"delivery.admins[{number}]",
                                   value=repr(address), expected=Words("delivery.config.admin"))


def _accepts(plugin, address: str) -> bool:
    try:
        plugin.address(address)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, kw_only=True)
class OutboxConfig:
    """[notifiers.outbox]: the folder the file outbox writes messages to."""

    folder: Path = Path("outbox")  # relative: beside config.toml


def _default_channels() -> Mapping[str, Any]:
    return MappingProxyType({kind: plugin.Section() for kind, plugin in registry().items()})


@dataclass(frozen=True, kw_only=True)
class NotifiersConfig:
    """[notifiers]: the templates of messages, the file outbox, and each channel's own section
    [notifiers.<kind>] (``channels``, read through ``cadence.channels``). Messages are in the
    office's ``language``, a key of its own at the top of config.toml."""

    templates: Path | None = None  # a folder of templates and <language>/words.toml that override ours
    outbox: OutboxConfig = field(default_factory=OutboxConfig)
    channels: Mapping[str, Any] = field(default_factory=_default_channels, metadata=internal())

    def section(self, kind: str) -> Any:
        """The section [notifiers.<kind>] of a channel."""
        return self.channels[kind]

    def enabled(self) -> tuple[str, ...]:
        """The channels whose transport is not "off", in the registry's order."""
        return tuple(kind for kind, plugin in registry().items() if plugin.enabled(self.channels[kind]))


@dataclass(frozen=True, kw_only=True)
class DocumentsConfig:
    """[documents]: how far opening a plan file may go (sizes, LibreOffice, Tesseract)."""

    max_megabytes: float = field(default=20.0, metadata=bounds(0.001, 1024))
    convert_seconds: int = field(default=120, metadata=bounds(1, 3600))
    ocr_seconds: int = field(default=600, metadata=bounds(1, 24 * 3600))
    memory_megabytes: int = field(default=2048, metadata=bounds(64, 65536))
    ocr_language: str = "vie"
    ocr_dpi: int = field(default=300, metadata=bounds(72, 1200))
    ocr_workers: int = field(default=2, metadata=bounds(1, 64))
    unpacked_megabytes: float = field(default=200.0, metadata=bounds(1, 16384))
    max_paragraphs: int = field(default=100_000, metadata=bounds(100, 10_000_000))
    max_pages: int = field(default=1000, metadata=bounds(1, 100_000))

    def limits(self) -> Limits:
        return Limits(max_megabytes=self.max_megabytes, convert_seconds=self.convert_seconds,
                      ocr_seconds=self.ocr_seconds, memory_megabytes=self.memory_megabytes,
                      ocr_language=self.ocr_language, ocr_dpi=self.ocr_dpi, ocr_workers=self.ocr_workers,
                      unpacked_megabytes=self.unpacked_megabytes, max_paragraphs=self.max_paragraphs,
                      max_pages=self.max_pages)


@dataclass(frozen=True, kw_only=True)
class LimitsConfig:
    """[limits]: how large a data file a person names may be (units TOML, contacts, completion
    CSV, a plan reading in JSON); plan documents have their own limits in [documents]."""

    data_megabytes: float = field(default=DATA_BYTES / MEGABYTE, metadata=bounds(0.001, 1024))

    @property
    def data_bytes(self) -> int:
        return int(self.data_megabytes * MEGABYTE)


@dataclass(frozen=True, kw_only=True)
class IntakeConfig:
    """[intake]: where uploaded plans are kept (outside the pages' own files, never served)."""

    folder: Path = Path("uploads")  # relative: beside config.toml


@dataclass(frozen=True, kw_only=True)
class Config:
    """The whole configuration. ``path`` is the file it was read from (relative paths start there)."""

    path: Path = field(default=Path("config.toml"), metadata=internal())
    language: Language = Language.VI
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    units: UnitsConfig = field(default_factory=UnitsConfig)
    web: WebConfig = field(default_factory=WebConfig)
    reminders: RemindersConfig = field(default_factory=RemindersConfig)
    escalation: EscalationConfig = field(default_factory=EscalationConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    notifiers: NotifiersConfig = field(default_factory=NotifiersConfig)
    documents: DocumentsConfig = field(default_factory=DocumentsConfig)
    intake: IntakeConfig = field(default_factory=IntakeConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)


def load_config(path: str | Path, *, environ: dict[str, str] | None = None) -> Config:
    """Read and check ``config.toml``; a missing file or a bad key is a CadenceError."""
    path = Path(path).resolve()
    try:
        table = parsed(tomllib.loads, read_text(path, most_bytes=CONFIG_BYTES, key="config.toml"), path)
    except FileRefused as refused:
        if refused.code == "missing":
            raise CadenceError("errors.config.no-file", path=str(path)) from None
        raise
    except tomllib.TOMLDecodeError as error:
        raise CadenceError("errors.config.not-toml", path=str(path), error=str(error)) from None
    return parse_config(table, path=path, environ=environ)


def parse_config(table: dict, *, path: Path, environ: dict[str, str] | None = None) -> Config:
    """A Config from an already-parsed TOML table (``path`` anchors relative paths)."""
    table, channel_tables = _without_channels(table)
    config = build(Config, table, where="", base=path.parent)
    channels = {kind: build(plugin.Section, channel_tables.get(kind, {}), where=f"notifiers.{kind}", base=path.parent)
                for kind, plugin in registry().items()}
    environ = os.environ if environ is None else environ
    url = environ.get(DATABASE_URL_ENV) or config.database.url
    database = replace(config.database, url=database_url(url, path.parent))
    web = replace(config.web, secret=environ.get(WEB_SECRET_ENV, ""))
    notifiers = replace(config.notifiers, channels=MappingProxyType(channels))
    return replace(config, path=path, database=database, web=web, notifiers=notifiers)


def _without_channels(table: dict) -> tuple[dict, dict]:
    """The table without the channels' sections [notifiers.<kind>], and those sections."""
    notifiers = table.get("notifiers")
    if not isinstance(notifiers, dict):
        return table, {}
    kinds = registry()
    rest = {key: value for key, value in notifiers.items() if key not in kinds}
    return table | {"notifiers": rest}, {key: value for key, value in notifiers.items() if key in kinds}


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
    channels = [key for kind, plugin in registry().items() for key in key_paths(plugin.Section, f"notifiers.{kind}")]
    return key_paths(Config) + channels


# The package's copy of config.example.toml (a link to the one at the top of the source tree,
# which a wheel carries as a file), so `cadence init` and the demo work from a wheel too.
EXAMPLE = Path(__file__).resolve().parent / "data" / "config.example.toml"


def example_text() -> str:
    """config.example.toml, which `cadence init` and the demo start from."""
    try:
        return EXAMPLE.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CadenceError("errors.setup.example-missing", path=str(EXAMPLE)) from None
