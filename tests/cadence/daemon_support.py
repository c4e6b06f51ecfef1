"""Helpers for the daemon tests: a small office (units with contacts, a head, a monitor, an
issuer), a plan made by hand, a configuration written to a real config.toml in a temporary
folder, and passes run at chosen moments."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from cadence.config import Config, parse_config
from cadence.daemon.outlets import open_outlets
from cadence.daemon.context import Daemon
from cadence.daemon.passes import run_pass
from cadence.kinds import ItemStatus
from cadence.store import Completion, CompletionSource, import_plan, open_store, record_completion
from cadence.store.items import ItemView, item_view
from cadence.store.models import DueItem, DueMoment, DutyRow, UnitRow
from cadence.store.outbox import EscalationRow, MessageRow, NoticeRow
from cadence.store.units import save_directory
from cadence.tz import LOCAL, UTC
from cadence.units.toml_file import parse_units
from rules.model import Activity, Monitor, Per, Plan, Rule, Scope, Window

UNITS = """
[[unit]]
id = "dai"
name = "Đài Phát thanh và Truyền hình tỉnh"
contacts = [{ name = "Ban Thời sự", email = "thoisu@dai.example.invalid", phone = "0912 345 678" },
            { name = "Ban Biên tập", email = "bientap@dai.example.invalid" }]
head = { name = "Giám đốc Đài", email = "giamdoc@dai.example.invalid", phone = "0987 654 321" }

[[unit]]
id = "bao"
name = "Báo Quảng Ngãi"
contacts = [{ name = "Tòa soạn", email = "toasoan@bao.example.invalid" }]

[[unit]]
id = "so-khcn"
name = "Sở Khoa học và Công nghệ"
contacts = [{ name = "Phòng Chuyển đổi số", email = "cds@khcn.example.invalid", phone = "0905 111 222" }]
head = { name = "Giám đốc Sở", email = "giamdoc@khcn.example.invalid" }

[[unit]]
id = "so-noi-vu"
name = "Sở Nội vụ"
contacts = [{ name = "Phòng CCHC", email = "cchc@snv.example.invalid" }]

[[unit]]
id = "ubnd-tinh"
name = "UBND tỉnh Quảng Ngãi"
contacts = [{ name = "Văn thư UBND tỉnh", email = "vanthu@ubnd.example.invalid" }]
"""

YEAR = 2025


def local(text: str) -> dt.datetime:
    """"2025-09-15T08:00" in Asia/Ho_Chi_Minh, as an aware UTC moment."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=LOCAL).astimezone(UTC)


def weekly_plan(*, start: dt.date = dt.date(2025, 1, 1), end: dt.date = dt.date(2025, 12, 31)) -> Plan:
    """The station's weekly bulletin on radio and on TV (CĐS, 52 a year each) and the paper's
    monthly page (CCHC)."""
    window = Window(start=start, end=end, text="Năm 2025")
    return Plan(
        file="ke-hoach-thu.txt", title="Kế hoạch truyền thông thử", issuer="UBND tỉnh Quảng Ngãi", year=YEAR,
        activities=[
            Activity(ref="1", title="Bản tin Chuyển đổi số", scope=Scope.CDS, lead=("Đài Phát thanh và Truyền hình tỉnh",),
                     window=window, rules=[
                         Rule(count=1, per=Per.WEEK, series="Bản tin PAPI", channel="kênh phát thanh", declared_total=52),
                         Rule(count=1, per=Per.WEEK, series="Bản tin PAPI", channel="kênh truyền hình", declared_total=52)]),
            Activity(ref="2", title="Chuyên trang Cải cách hành chính", scope=Scope.CCHC, lead=("Báo Quảng Ngãi",),
                     window=window, rules=[Rule(count=1, per=Per.MONTH, series="Chuyên trang CCHC")]),
        ],
        monitors=[Monitor(unit="Sở Khoa học và Công nghệ", scope=Scope.CDS, ref="C.1"),
                  Monitor(unit="Sở Nội vụ", scope=Scope.CCHC, ref="C.2")],
    )


def write_config(folder: Path, text: str = "") -> Config:
    """A config.toml in ``folder``: the file outbox, a fixed link secret, plus ``text`` (first,
    so that it may set top-level keys such as ``language``)."""
    path = folder / "config.toml"
    path.write_text(f'{text}\n[database]\nurl = ""\n', encoding="utf-8")
    return parse_config(tomllib.loads(path.read_text("utf-8")), path=path,
                        environ={"CADENCE_WEB_SECRET": "a-test-secret-of-enough-length"})


def with_url(config: Config, url: str) -> Config:
    from dataclasses import replace

    return replace(config, database=replace(config.database, url=url))


@dataclass
class Office:
    """A store with the units and a plan, and passes at chosen moments."""

    config: Config
    store: object
    daemon: Daemon = field(init=False)

    def __post_init__(self) -> None:
        self.daemon = Daemon.build(self.config)

    def tick(self, moment: str | dt.datetime):
        moment = local(moment) if isinstance(moment, str) else moment
        with open_outlets(self.config, environ={}) as outlets:
            return run_pass(self.store, self.daemon, moment, outlets)

    def items(self, unit: str | None = None, **where) -> list[DueItem]:
        with self.store.transaction() as session:
            query = select(DueItem).join(UnitRow, UnitRow.id == DueItem.unit_id).order_by(DueItem.due_at, DueItem.id)
            if unit:
                query = query.where(UnitRow.code == unit)
            for name, value in where.items():
                query = query.where(getattr(DueItem, name) == value)
            return list(session.scalars(query))

    def due_on(self, unit: str, day: str) -> DueItem:
        """The unit's first item (by id) due on that local day."""
        found = [i for i in self.items(unit) if i.due_at.astimezone(LOCAL).date() == dt.date.fromisoformat(day)]
        assert found, f"{unit} has nothing due on {day}"
        return min(found, key=lambda i: i.id)

    def view(self, item_id: int, at: str | dt.datetime) -> ItemView:
        """The item as people see it at ``at`` (state and escalation level as ``cadence due`` shows them)."""
        moment = local(at) if isinstance(at, str) else at
        with self.store.transaction() as session:
            return item_view(session, item_id, self.daemon.policy.states.as_of(moment))

    def moment_of(self, item: DueItem) -> DueMoment:
        """The daemon's clock of the item's due moment."""
        with self.store.transaction() as session:
            return session.scalars(select(DueMoment).where(DueMoment.due_at == item.due_at,
                                                           DueMoment.window_start == item.window_start)).one()

    def complete(self, item_id: int, at: str | dt.datetime) -> DueItem:
        moment = local(at) if isinstance(at, str) else at
        with self.store.transaction() as session:
            done = record_completion(session, Completion(item_id=item_id, done_at=moment, source=CompletionSource.CLI,
                                                         actor="test"), now=moment)
            return done

    def rows(self, model, **where) -> list:
        with self.store.transaction() as session:
            query = select(model).order_by(*model.__table__.primary_key.columns)
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return list(session.scalars(query))

    def told(self, item_id: int | None = None, **where) -> list[tuple[int, NoticeRow]]:
        """(item, notice) for each item each notice names: what was told of which item."""
        return [(told, notice) for notice in self.rows(NoticeRow, **where) for told in notice.item_ids
                if item_id in (None, told)]

    def count(self, model) -> int:
        with self.store.transaction() as session:
            return session.scalar(select(func.count()).select_from(model))

    def close(self) -> None:
        self.store.close()


@contextmanager
def office(url: str, folder: Path, config_text: str = "", plan: Plan | None = None, start: str | None = None,
           units: str = UNITS):
    """An office whose plan is scheduled from ``start`` (default: the plan's own start)."""
    config = with_url(write_config(folder, config_text), url)
    store = open_store(url, create=True)
    with store.transaction() as session:
        save_directory(session, parse_units(units))
        import_plan(session, plan or weekly_plan(), key="thu-2025", config=config, now=local("2025-01-01T00:00"),
                    start=dt.date.fromisoformat(start) if start else None)
    opened = Office(config=config, store=store)
    try:
        yield opened
    finally:
        opened.close()


def outbox_emails(folder: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted((folder / "outbox").glob("*.eml"))]


def body(message: email.message.EmailMessage, kind: str = "plain") -> str:
    return message.get_body(preferencelist=(kind,)).get_content()


__all__ = ["EscalationRow", "ItemStatus", "MessageRow", "NoticeRow", "DutyRow", "Office", "body", "local",
           "office", "outbox_emails", "weekly_plan", "write_config"]


def smtp_section(port: int) -> str:
    """[notifiers.email] for the real aiosmtpd test server on 127.0.0.1."""
    return f'[notifiers.email]\ntransport = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "plain"\ntimeout = 5\n'


def gateway_section(url: str, extra: str = "") -> str:
    """[notifiers.sms] for the real local HTTP server standing in for a brandname gateway."""
    return ("[notifiers.sms]\ntransport = \"gateway\"\n"
            f"url = \"{url}\"\n"
            "body_template = '{\"Phone\": {{ phone|tojson }}, \"Content\": {{ text|tojson }}, \"RequestId\": {{ key_hash|tojson }}}'\n"
            "success_json_path = \"CodeResult\"\nsuccess_json_value = \"100\"\ntimeout = 5\n" + extra)


def gateway_answer(refuse: set[str] = frozenset(), down: bool = False):
    """A gateway that accepts every number but those in ``refuse`` (CodeResult 99), or is down."""
    from tests.support.http import Reply

    def answer(request):
        if down:
            return Reply(503, '{"error": "maintenance"}')
        code = "99" if request.json()["Phone"] in refuse else "100"
        return Reply(200, f'{{"CodeResult": "{code}"}}')

    return answer
