"""The province plan driven through 2025, a pass every morning at 08:00, against the real SMTP
server and the real local HTTP SMS gateway. Units complete on time, late, or never; the counts
of reminders, of escalations at each level and of digests are exactly what the policy
predicts, worked out here from the policy's own words (working days from `holidays`, the
configured offsets and delays), not from the daemon's code.

To stay quick in CI the directory has the province's agencies (seeded), its other units and
three of its communes, not all 96; every unit has an email contact, a mobile phone and a
head, so every rung of the chain has someone to tell.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from functools import lru_cache

import holidays
import pytest
from sqlalchemy import func, select

from cadence.daemon.outlets import open_outlets
from cadence.daemon.context import Daemon
from cadence.daemon.passes import run_pass
from cadence.kinds import ItemStatus
from cadence.sources import read_plan_file
from cadence.store import Completion, CompletionSource, import_plan, open_store, record_completion
from cadence.store.models import AddressRow, ContactRow, DueItem, DutyRow, MonitorRow, PlanRow, UnitRow
from cadence.store.outbox import DigestRunRow, EscalationRow, NoticeKind, NoticeRow
from cadence.store.units import save_directory
from cadence.tz import LOCAL, UTC
from cadence.units.model import Contact, ContactRole, Level
from cadence.units.seed import province_directory
from cadence.units.toml_file import read_units_file
from tests.cadence.daemon_support import gateway_answer, gateway_section, smtp_section, with_url, write_config
from tests.cadence.support import SAMPLES, plan_file
from tests.support.http import running_http_server
from tests.support.smtp import running_smtp_server

YEAR = 2025
TICK, DONE_AT = dt.time(8, 0), dt.time(10, 0)
# The policy under test: the defaults, written out.
REMINDER_DAYS, REMINDER_TIME = (3, 1, 0), dt.time(7, 30)
GRACE = dt.timedelta(hours=14)
DELAYS = (0, 2, 5, 10)  # contacts, head, monitor, issuer
OPENS = dt.time(7, 30)


# --- the office: who does what ------------------------------------------------------------------

def directory():
    """The province's own agencies (seeded), its other units (the sample) and three communes,
    each with a contact (email and mobile) and a head."""
    sample = read_units_file(SAMPLES / "units-quang-ngai-province.toml")
    seed = province_directory("Quảng Ngãi")
    chosen = [u for u in seed.units if u.level is not Level.COMMUNE] + _communes(seed)
    units = [dataclasses.replace(u, contacts=(Contact.of(f"Văn thư {u.name}", email=f"{u.id}@qn.example.invalid",
                                                       sms=f"09{n:08d}"),),
                                 head=Contact.of("Thủ trưởng", email=f"head.{u.id}@qn.example.invalid",
                                              sms=f"08{n:08d}"))
             for n, u in enumerate(chosen + list(sample.units), start=1)]
    return dataclasses.replace(sample, units=tuple(units), groups=seed.groups + sample.groups)


def _communes(seed) -> list:
    return [u for u in seed.units if u.level is Level.COMMUNE][:3]


COMMUNES = [u.id for u in _communes(province_directory("Quảng Ngãi"))]
ON_TIME = {"so-khcn", "so-tu-phap", COMMUNES[0]}
LATE_BY = {"bao-quang-ngai": 4, COMMUNES[1]: 1}  # working days after the due date, at 10:00
HALF = "vp-ubnd-tinh"  # items with an even id on time, the others never


@lru_cache(maxsize=None)
def working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays.country_holidays("VN", years=day.year)


def working_days_from(day: dt.date, count: int, step: int) -> dt.date:
    while count:
        day += dt.timedelta(days=step)
        count -= working(day)
    return day


def at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LOCAL).astimezone(UTC)


def completion(unit: str, item: DueItem) -> dt.datetime | None:
    """When the unit marks the item done (None: never)."""
    due_day = item.due_at.astimezone(LOCAL).date()
    if unit in ON_TIME or (unit == HALF and item.id % 2 == 0):
        return at(due_day, DONE_AT)
    if unit in LATE_BY:
        return at(working_days_from(due_day, LATE_BY[unit], +1), DONE_AT)
    return None


# --- what the policy says should happen ---------------------------------------------------------

@dataclasses.dataclass
class Expected:
    reminders: int = 0  # (item, offset) pairs
    levels: Counter = dataclasses.field(default_factory=Counter)
    daily: set = dataclasses.field(default_factory=set)  # (day, channel, address): one message each
    digest_weeks: list = dataclasses.field(default_factory=list)


def tick_of(moment: dt.datetime) -> dt.datetime:
    """The morning pass that acts on a moment: the same day's 08:00 pass (moments are 07:30)."""
    return at(moment.astimezone(LOCAL).date(), TICK)


def reminder_moments(item: DueItem) -> list[dt.datetime]:
    due_day = item.due_at.astimezone(LOCAL).date()
    found = []
    for days in REMINDER_DAYS:
        day = due_day if days == 0 and working(due_day) else working_days_from(due_day, days, -1)
        moment = at(day, REMINDER_TIME)
        if at(item.window_start, dt.time(0, 0)) <= moment < item.due_at:
            found.append(moment)
    return found


def escalation_moments(item: DueItem) -> list[dt.datetime]:
    missed = (item.due_at + GRACE).astimezone(LOCAL)
    first = missed.date() if working(missed.date()) and missed.time() <= OPENS else working_days_from(missed.date(), 1, +1)
    return [at(working_days_from(first, delay, +1) if delay else first, OPENS) for delay in DELAYS]


def expect(items, owners, people, last_tick) -> Expected:
    expected = Expected()
    for item in items:
        done = completion(owners[item.unit_id], item)
        for moment in reminder_moments(item):
            if tick_of(moment) <= last_tick and (done is None or done > tick_of(moment)):
                expected.reminders += 1
                expected.daily |= {(tick_of(moment).date(), ch, a) for ch, a in people(item, 0)}
        for level, moment in enumerate(escalation_moments(item), start=1):
            if tick_of(moment) <= last_tick and (done is None or done > tick_of(moment)):
                expected.levels[level] += 1
                expected.daily |= {(tick_of(moment).date(), ch, a) for ch, a in people(item, level)}
    return expected


def digest_weeks(first_tick: dt.datetime, last_tick: dt.datetime) -> list[str]:
    """Each morning pass on a working day sends the latest week's digest not yet sent, that week's
    moment being its first working day from Monday at 07:30."""
    sent, day = [], first_tick.astimezone(LOCAL).date()
    while at(day, TICK) <= last_tick:
        if working(day):
            for monday in (day - dt.timedelta(days=day.weekday()), day - dt.timedelta(days=day.weekday() + 7)):
                first = next((monday + dt.timedelta(days=n) for n in range(7) if working(monday + dt.timedelta(days=n))), None)
                if first is not None and first <= day:
                    label = "{}-W{:02d}".format(*monday.isocalendar()[:2])
                    if label not in sent:
                        sent.append(label)
                    break
        day += dt.timedelta(days=1)
    return sent


# --- the year -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def year(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year")
    with running_smtp_server() as smtp, running_http_server() as gateway:
        gateway.reply = gateway_answer()
        config = with_url(write_config(folder, smtp_section(smtp.port) + gateway_section(gateway.url("/send"))),
                          f"sqlite:///{folder / 'cadence.db'}")
        store = open_store(config.database.url, create=True)
        with store.transaction() as session:
            save_directory(session, directory())
            import_plan(session, read_plan_file(plan_file("quang-ngai-province-2025")), key="qn-2025",
                        config=config, now=at(dt.date(YEAR, 1, 1), dt.time(0, 0)))
        _live_through_the_year(store, config)
        yield store, smtp, gateway
        store.close()


def _live_through_the_year(store, config) -> None:
    daemon = Daemon.build(config)
    with store.transaction() as session:
        owners = dict(session.execute(select(UnitRow.id, UnitRow.code)).all())
        plan = {}
        for item in session.scalars(select(DueItem)):
            done = completion(owners[item.unit_id], item)
            if done is not None:
                plan.setdefault(done.astimezone(LOCAL).date(), []).append((item.id, done))
    with open_outlets(config, environ={}) as outlets:
        day = dt.date(YEAR, 1, 1)
        while day.year == YEAR:
            run_pass(store, daemon, at(day, TICK), outlets)
            with store.transaction() as session:
                for item_id, done in plan.get(day, ()):
                    record_completion(session, Completion(item_id=item_id, done_at=done, source=CompletionSource.CLI,
                                                          actor="test"), now=done)
            day += dt.timedelta(days=1)


def _policy_for(store) -> tuple[Expected, list]:
    with store.transaction() as session:
        items = list(session.scalars(select(DueItem)))
        owners = dict(session.execute(select(UnitRow.id, UnitRow.code)).all())
        reached: dict = defaultdict(list)  # (unit, role) → (channel, address) of its people
        for unit_id, role, channel, address in session.execute(
                select(ContactRow.unit_id, ContactRow.role, AddressRow.channel, AddressRow.address)
                .join(AddressRow, AddressRow.contact_id == ContactRow.id)):
            reached[unit_id, role].append((channel, address))
        contacts = {u: pairs for (u, role), pairs in reached.items() if role is ContactRole.CONTACT}
        heads = {u: pairs for (u, role), pairs in reached.items() if role is ContactRole.HEAD}
        scopes = dict(session.execute(select(DutyRow.id, DutyRow.scope)).all())
        monitors = session.execute(select(MonitorRow.scope, MonitorRow.unit_id)).all()
        issuer = session.scalar(select(PlanRow.issuer_unit_id))
    digest_to = sorted({a for u in {u for _, u in monitors} | {issuer} for c, a in contacts[u] if c == "email"})
    assert {i.due_at.astimezone(LOCAL).time() for i in items} == {dt.time(17, 0)}  # what the moments above assume

    def people(item: DueItem, level: int) -> set:
        """(channel, address) told of an item: a reminder (0) or an escalation level."""
        if level in (0, 1):
            units, pairs = [item.unit_id], list(contacts[item.unit_id])
        elif level == 2:
            units, pairs = [], list(heads[item.unit_id])
        else:
            scope = scopes[item.duty_id]
            units = [issuer] if level == 4 else sorted({u for s, u in monitors if s == scope or s == "all"}
                                                       or {u for _, u in monitors})
            pairs = [p for u in units if u != item.unit_id for p in contacts[u]]
        return set(pairs)

    last = at(dt.date(YEAR, 12, 31), TICK)
    expected = expect(items, owners, people, last)
    expected.digest_weeks = digest_weeks(at(dt.date(YEAR, 1, 1), TICK), last)
    return expected, digest_to


def test_reminders_escalations_and_digests_are_exactly_as_the_policy_predicts(year):
    store, smtp, gateway = year
    expected, digest_to = _policy_for(store)
    with store.transaction() as session:
        reminders = {(item_id, level) for item_ids, level in session.execute(
            select(NoticeRow.item_ids, NoticeRow.level).where(NoticeRow.kind == NoticeKind.REMINDER))
            for item_id in item_ids}
        levels = Counter(session.scalars(select(EscalationRow.level)))
        weeks = list(session.scalars(select(DigestRunRow.week).order_by(DigestRunRow.id)))
    assert len(reminders) == expected.reminders
    assert levels == expected.levels and set(levels) == {1, 2, 3, 4}
    assert weeks == expected.digest_weeks and len(weeks) == 52  # 53 weeks touch 2025; Tết's has no working day
    daily_emails = {(d, a) for d, ch, a in expected.daily if ch == "email"}
    daily_sms = {(d, a) for d, ch, a in expected.daily if ch == "sms"}
    received = [r.message["Subject"] for r in smtp.received]
    digests = [s for s in received if s.startswith("[Cadence] Bản tin tuần")]
    assert len(digests) == len(weeks) * len(digest_to)
    assert len(received) - len(digests) == len(daily_emails)
    assert len(gateway.requests) == len(daily_sms)
    print(f"\n2025 in figures: {len(reminders)} reminders, escalations by level {dict(sorted(levels.items()))}, "
          f"{len(weeks)} digest weeks × {len(digest_to)} people; {len(received)} emails, {len(gateway.requests)} SMS")


def test_every_message_was_delivered_once(year):
    _, smtp, gateway = year
    ids = Counter(r.message["Message-ID"] for r in smtp.received)
    assert max(ids.values()) == 1
    assert len({r.json()["RequestId"] for r in gateway.requests}) == len(gateway.requests)


def test_units_that_complete_everything_on_time_are_never_escalated(year):
    store, _, _ = year
    with store.transaction() as session:
        units = dict(session.execute(select(UnitRow.code, UnitRow.id)).all())
        for code in ON_TIME:
            escalated = session.scalar(select(EscalationRow.item_id).join(DueItem, DueItem.id == EscalationRow.item_id)
                                       .where(DueItem.unit_id == units[code]).limit(1))
            statuses = set(session.scalars(select(DueItem.status).where(DueItem.unit_id == units[code])))
            assert escalated is None and statuses == {ItemStatus.DONE}, code


def test_late_work_is_recorded_late_and_escalated_only_until_it_came(year):
    store, _, _ = year
    end = at(dt.date(YEAR, 12, 31), dt.time(23, 59))
    with store.transaction() as session:
        units = dict(session.execute(select(UnitRow.code, UnitRow.id)).all())
        levels = dict(session.execute(select(EscalationRow.item_id, func.max(EscalationRow.level))
                                      .group_by(EscalationRow.item_id)).all())  # each item's highest step
        for code, late_by in LATE_BY.items():
            items = list(session.scalars(select(DueItem).where(DueItem.unit_id == units[code])))
            came = [i for i in items if completion(code, i) <= end]  # the last few come in 2026
            assert {i.status for i in came} == {ItemStatus.LATE} and len(came) > 0.9 * len(items), code
            # 1 working day late: level 1 came that morning; 4 working days late: levels 1 and 2
            # came, not the monitor's (5 working days after the first).
            assert {levels.get(i.id, 0) for i in came} == ({1} if late_by == 1 else {2}), code
