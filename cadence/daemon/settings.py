"""The daemon's sections of config.toml: [reminders], [escalation], [digest], [daemon] and
[notifiers] with [notifiers.email], [notifiers.sms], [notifiers.outbox].

They are plain frozen dataclasses read by ``cadence.configkit`` like every other section (the
``Config`` in ``cadence.config`` has one field per section). Checks that span several keys
happen here, when a section is built, and name the key: "escalation.delays_days: …".
Secrets are never values of this file: the SMTP password and the SMS gateway's key are read
from an environment variable or a file named here (``cadence.daemon.channels``).
"""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path

from cadence.configkit import bounds
from cadence.errors import CadenceError
from notifiers import BodyFormat, PhoneFormat, Security


class Channel(str, enum.Enum):
    """How a person is reached."""

    EMAIL = "email"
    SMS = "sms"


class Rung(str, enum.Enum):
    """A step of the escalation chain: who hears of a miss at that level."""

    CONTACTS = "contacts"  # the unit's own contacts (the people who were reminded)
    HEAD = "head"  # the unit's head
    MONITOR = "monitor"  # the plan's đầu mối for the task's scope (Sở KH&CN for CĐS, …)
    ISSUER = "issuer"  # the authority that issued the plan (UBND tỉnh)


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


class EmailTransport(str, enum.Enum):
    SMTP = "smtp"
    OUTBOX = "outbox"  # files in [notifiers.outbox] folder: the demo, offices without a mail server
    OFF = "off"


class SmsTransport(str, enum.Enum):
    GATEWAY = "gateway"
    OUTBOX = "outbox"
    OFF = "off"


@dataclass(frozen=True, kw_only=True)
class RemindersConfig:
    """[reminders]: before an item is due, its unit's contacts are reminded, on working days."""

    days_before: tuple[int, ...] = (3, 1, 0)  # working days before the due date; 0: that morning
    time: dt.time = dt.time(7, 30)
    channels: tuple[Channel, ...] = (Channel.EMAIL, Channel.SMS)

    def __post_init__(self) -> None:
        if any(d < 0 or d > 60 for d in self.days_before) or len(set(self.days_before)) != len(self.days_before):
            raise CadenceError("errors.config.days-before", value=list(self.days_before))
        object.__setattr__(self, "days_before", tuple(sorted(self.days_before, reverse=True)))


@dataclass(frozen=True, kw_only=True)
class EscalationConfig:
    """[escalation]: an item not done by its due time plus the grace is missed; then each rung
    of the chain hears of it once, after its delay in working days."""

    grace_hours: int = field(default=14, metadata=bounds(0, 24 * 30))
    chain: tuple[Rung, ...] = (Rung.CONTACTS, Rung.HEAD, Rung.MONITOR, Rung.ISSUER)
    delays_days: tuple[int, ...] = (0, 2, 5, 10)
    channels: tuple[Channel, ...] = (Channel.EMAIL, Channel.SMS)

    def __post_init__(self) -> None:
        if len(self.chain) != len(self.delays_days):
            raise CadenceError("errors.config.delay-per-rung", rungs=len(self.chain), delays=len(self.delays_days))
        if any(d < 0 for d in self.delays_days) or list(self.delays_days) != sorted(self.delays_days):
            raise CadenceError("errors.config.delays-rise", value=list(self.delays_days))


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
    """[daemon]: how often `cadence run` wakes, office hours, retries of failed sends."""

    interval_seconds: int = field(default=60, metadata=bounds(1, 3600))
    office_opens: dt.time = dt.time(7, 30)
    office_closes: dt.time = dt.time(17, 0)
    batch: int = field(default=2000, metadata=bounds(10, 100_000))
    max_attempts: int = field(default=10, metadata=bounds(1, 100))
    retry_minutes: int = field(default=2, metadata=bounds(1, 24 * 60))
    retry_max_hours: int = field(default=6, metadata=bounds(1, 24 * 7))
    claim_minutes: int = field(default=15, metadata=bounds(1, 24 * 60))

    def __post_init__(self) -> None:
        if not self.office_opens < self.office_closes:
            raise CadenceError("errors.config.office-closes", opens=f"{self.office_opens:%H:%M}",
                               closes=f"{self.office_closes:%H:%M}")


@dataclass(frozen=True, kw_only=True)
class EmailConfig:
    """[notifiers.email]. The password comes from the environment variable ``password_env``
    or the file ``password_file``, never from this file."""

    transport: EmailTransport = EmailTransport.OUTBOX
    host: str = "127.0.0.1"
    port: int = field(default=0, metadata=bounds(0, 65535))  # 0: the usual port for `security`
    security: Security = Security.STARTTLS
    username: str = ""
    password_env: str = "CADENCE_SMTP_PASSWORD"
    password_file: Path | None = None
    sender: str = "Cadence <cadence@example.invalid>"
    timeout: float = field(default=30.0, metadata=bounds(0.1, 600))
    ca_file: Path | None = None
    messages_per_connection: int = field(default=100, metadata=bounds(1, 100_000))


@dataclass(frozen=True, kw_only=True)
class SmsConfig:
    """[notifiers.sms]: any HTTP gateway, described by configuration (see notifiers.sms). The
    gateway's secret comes from ``secret_env`` or ``secret_file`` and replaces ``{secret}`` in
    ``headers`` and ``fields``."""

    transport: SmsTransport = SmsTransport.OUTBOX
    url: str = ""
    method: str = "POST"
    body_format: BodyFormat = BodyFormat.JSON
    body_template: str = ""
    headers: tuple[str, ...] = ()  # "Name: value"
    fields: tuple[str, ...] = ()  # "name=value", seen by body_template
    secret_env: str = "CADENCE_SMS_SECRET"
    secret_file: Path | None = None
    brandname: str = ""
    success_statuses: tuple[int, ...] = ()  # empty: any 2xx
    success_json_path: str = ""
    success_json_value: str = ""
    success_body_regex: str = ""
    body_failure_permanent: bool = True
    timeout: float = field(default=10.0, metadata=bounds(0.1, 600))
    phone_format: PhoneFormat = PhoneFormat.LOCAL
    strip_diacritics: bool = True
    max_segments: int = field(default=2, metadata=bounds(0, 10))  # 0: no limit

    def __post_init__(self) -> None:
        if self.transport is SmsTransport.GATEWAY and not (self.url and self.body_template):
            raise CadenceError("errors.config.gateway-needs")
        for entry in self.headers:
            if ":" not in entry:
                raise CadenceError("errors.config.header", value=repr(entry))
        for entry in self.fields:
            if "=" not in entry:
                raise CadenceError("errors.config.field", value=repr(entry))


@dataclass(frozen=True, kw_only=True)
class OutboxConfig:
    """[notifiers.outbox]: the folder the file outbox writes messages to."""

    folder: Path = Path("outbox")  # relative: beside config.toml


@dataclass(frozen=True, kw_only=True)
class NotifiersConfig:
    """[notifiers]: the templates of messages, and the channels (messages are in the office's
    ``language``, a key of its own at the top of config.toml)."""

    templates: Path | None = None  # a folder of vi/… and en/… templates (and words) that override ours
    email: EmailConfig = EmailConfig()
    sms: SmsConfig = SmsConfig()
    outbox: OutboxConfig = OutboxConfig()
