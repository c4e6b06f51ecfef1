"""The weekly digest: what each plan's coordinators read on Monday morning.

Per plan, as of the digest's moment: per unit, last week's items done on time, done late and
missed, and what is due this week; the year so far; progress against every declared total
("Bản tin PAPI (kênh phát thanh): 38/52"); the open escalations; the units with the most misses.
Everything is computed *as of* a moment from completion times, due times and escalation
times, so the digest of a past week reads the same when previewed later
(``cadence digest --week 2025-W38``).

Sending (``handle_digest``): once per ISO week, claimed through a row in ``digest_runs``, on the
configured weekday at the configured time, or the next working day of that week when that day
is off (no digest in a week without a working day, such as Tết 2025's). After downtime, the
latest digest that should have gone is sent once; older ones are not.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field, replace

from cadence.catalogue import Words
from cadence.channels import registry
from cadence.config import Audience
from cadence.daemon.context import Pass
from cadence.errors import CadenceError
from cadence.schedule.states import AsOf, StatePolicy
from cadence.schedule.workdays import is_working_day
from cadence.store import Transaction
from cadence.store.digest import (Progress, Tally, claim_week, declared_progress, open_escalations, plans_running,
                                  still_due, tallies, unit_names, week_done, week_written)
from cadence.store.items import ItemLine, item_lines
from cadence.store.outbox import MessageKind
from cadence.store.plans import PlanInfo
from cadence.store.queue import Letter, queue
from cadence.tz import local_moment, to_local
from notifiers import Renderer

log = logging.getLogger("cadence.daemon")

_MIDNIGHT = dt.time(0, 0)
_WEEK = dt.timedelta(days=7)
MAX_ESCALATIONS = 15


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week ("2025-W38": Monday 15 to Sunday 21 September 2025)."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        try:
            year, number = text.strip().upper().split("-W")
            monday = dt.date.fromisocalendar(int(year), int(number), 1)
        except ValueError:
            raise CadenceError("errors.config.expected", where="--week", expected=Words("expect.iso-week"),
                               value=repr(text)) from None
        return cls.of(monday)

    @classmethod
    def of(cls, day: dt.date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def previous(self) -> Week:
        return Week.of(self.monday - _WEEK)


def digest_moment(config, week: Week) -> dt.datetime | None:
    """When the week's digest goes: the configured weekday, or the next working day of the
    week; None when the rest of the week is off."""
    day = week.monday + dt.timedelta(days=config.digest.weekday.number)
    while day.isocalendar()[1] == week.number and not is_working_day(day):
        day += dt.timedelta(days=1)
    if day.isocalendar()[1] != week.number:
        return None
    return local_moment(day, config.digest.time)


def week_due(config, now: dt.datetime) -> Week | None:
    """The latest week whose digest moment has come (this week's, or last week's)."""
    this = Week.of(to_local(now).date())
    for week in (this, this.previous()):
        moment = digest_moment(config, week)
        if moment is not None and moment <= now:
            return week
    return None


# --- what a digest says -----------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class UnitLine:
    code: str
    name: str
    last_week: Tally
    year: Tally
    due_this_week: int


@dataclass(frozen=True, kw_only=True)
class PlanDigest:
    key: str
    title: str
    issuer: str
    last_week: Tally
    year: Tally
    due_this_week: int
    units: list[UnitLine]
    progress: list[Progress]
    escalations: list[ItemLine]
    escalations_total: int
    most_missed: list[UnitLine] = field(default_factory=list)


def plan_digest(session: Transaction, config, plan: PlanInfo, week: Week, as_of: dt.datetime) -> PlanDigest:
    """One plan's digest for ``week``, as things stood at ``as_of``."""
    monday = local_moment(week.monday, _MIDNIGHT)
    at = StatePolicy.from_config(config).as_of(as_of)
    last = tallies(session, plan.id, at, monday - _WEEK, monday)
    year = tallies(session, plan.id, at, None, monday)
    upcoming = still_due(session, plan.id, at, monday, monday + _WEEK)
    units = _unit_lines(session, set(last) | set(year) | set(upcoming), last, year, upcoming)
    escalations, total = _open_escalations(session, plan.id, at)
    # Still missing counts before done late: those are the ones a coordinator can still act on.
    ranked = sorted((u for u in units if u.year.missed + u.year.late), key=lambda u: (-u.year.missed, -u.year.late, u.name))
    return PlanDigest(
        key=plan.key, title=plan.title, issuer=plan.issuer, last_week=_sum(last.values()), year=_sum(year.values()),
        due_this_week=sum(upcoming.values()), units=units, progress=declared_progress(session, plan.id, at, config.language.value),
        escalations=escalations, escalations_total=total, most_missed=ranked[:config.digest.top_units],
    )


def _unit_lines(session: Transaction, ids: set[int], last, year, upcoming) -> list[UnitLine]:
    lines = [UnitLine(code=code, name=name, last_week=last.get(i, Tally()), year=year.get(i, Tally()),
                      due_this_week=upcoming.get(i, 0)) for i, (code, name) in unit_names(session, ids).items()]
    return sorted(lines, key=lambda u: u.name)


def _sum(found) -> Tally:
    found = list(found)
    return Tally(on_time=sum(t.on_time for t in found), late=sum(t.late for t in found),
                 missed=sum(t.missed for t in found))


def _open_escalations(session: Transaction, plan_id: int, at: AsOf) -> tuple[list[ItemLine], int]:
    levels = open_escalations(session, plan_id, at)
    lines = item_lines(session, list(levels), at) if levels else {}
    shown = sorted(lines.values(), key=lambda l: (-levels[l.id], l.due_at, l.unit_name))[:MAX_ESCALATIONS]
    return [replace(line, level=levels[line.id]) for line in shown], len(levels)


# --- who gets it, and sending it ------------------------------------------------------------------

def active_plans(session: Transaction, week: Week) -> list[PlanInfo]:
    """Plans running in the week or the week before (last week's results are still news)."""
    return plans_running(session, week.monday - _WEEK, week.monday + dt.timedelta(days=6))


def digest_channels(config) -> tuple[str, ...]:
    """The enabled channels that carry long documents (e-mail): the digest goes on those."""
    return tuple(kind for kind in config.notifiers.enabled() if registry()[kind].carries_digest)


def audience(session: Transaction, run: Pass, plans: list[PlanInfo], kind: str) -> dict[str, tuple[str, list[PlanInfo]]]:
    """address on the channel ``kind`` → (name, the plans this person coordinates or issued)."""
    found: dict[str, tuple[str, list[PlanInfo]]] = {}
    wanted = set(run.config.digest.to)
    for plan in plans:
        monitors, issuer = run.directory.plan_audience(session, plan.id)
        units = (list(monitors) if Audience.MONITORS in wanted else []) + \
                ([issuer] if Audience.ISSUER in wanted and issuer is not None else [])
        run.directory.load(session, units=units)
        for unit in dict.fromkeys(units):
            for person in run.directory.unit(unit).contacts:
                address = person.address(kind)
                if address:
                    name, mine = found.setdefault(address, (person.name, []))
                    if plan not in mine:
                        mine.append(plan)
    return found


def handle_digest(session: Transaction, run: Pass) -> bool:
    """Write this week's digests if they are due and not yet written; False otherwise."""
    config = run.config
    week = week_due(config, run.now) if config.digest.enabled else None
    kinds = digest_channels(config)
    if week is None or not run.daemon.policy.calendar.is_open(run.now) or not kinds:
        return False
    if week_written(session, week.label):
        return False
    plans = active_plans(session, week)
    if not plans:
        return False
    claim_week(session, week.label, run.now)  # a second daemon's claim fails here, and it backs off
    digests = {plan.id: plan_digest(session, config, plan, week, run.now) for plan in plans}
    written = 0
    for kind in kinds:
        for address, (name, mine) in sorted(audience(session, run, plans, kind).items()):
            context = digest_context(config, week, run.now, [digests[p.id] for p in mine], name=name)
            queue(session, _digest_letter(run, week, kind, address, name, context), run.now)
            written += 1
    week_done(session, week.label, written)
    run.counts.digests += 1
    run.counts.messages[MessageKind.DIGEST] += written
    log.info("digest %s written for %d people (%d plans)", week.label, written, len(plans))
    return True


def _digest_letter(run: Pass, week: Week, kind: str, address: str, name: str, context: dict) -> Letter:
    letter = Letter(key=f"digest/{week.label}/{kind}/{address}", kind=MessageKind.DIGEST, channel=kind,
                    recipient=address, name=name, day=week.monday)
    try:
        subject, text, html = render_digest(run.daemon.renderer, context, run.config.language)
    except Exception as error:  # an edited template: recorded on the row, the others still go
        log.error("digest %s for %s cannot be written: %s", week.label, address, str(error) or type(error).__name__)
        return replace(letter, failed=str(error) or type(error).__name__)
    return replace(letter, subject=subject, text=text, html=html)


def digest_context(config, week: Week, as_of: dt.datetime, plans: list[PlanDigest], *, name: str = "") -> dict:
    return {"week": week.label, "monday": week.monday, "sunday": week.monday + dt.timedelta(days=6),
            "as_of": as_of, "plans": plans, "recipient": {"name": name}, "chain": list(config.escalation.chain),
            "rungs": {i + 1: rung.value for i, rung in enumerate(config.escalation.chain)},
            "grace_hours": config.escalation.grace_hours}


def render_digest(renderer: Renderer, context: dict, locale) -> tuple[str, str, str | None]:
    subject = " ".join(renderer.render("digest.subject.txt", context, locale=locale).split())
    return subject, renderer.render("digest.txt", context, locale=locale), renderer.render("digest.html", context, locale=locale)


def preview(session: Transaction, config, week: Week, now: dt.datetime, *, plan_key: str | None = None):
    """The digest a coordinator of every plan (or of ``plan_key``) gets for ``week``, as of its
    moment (or now, for a week whose moment is still to come): for ``cadence digest``."""
    moment = digest_moment(config, week) or local_moment(week.monday, config.digest.time)
    as_of = min(moment, now)
    plans = active_plans(session, week)
    if plan_key is not None:
        plans = [p for p in plans if p.key == plan_key]
        if not plans:
            raise CadenceError("errors.digest.no-plan", plan=repr(plan_key), week=week.label)
    return digest_context(config, week, as_of, [plan_digest(session, config, p, week, as_of) for p in plans])

