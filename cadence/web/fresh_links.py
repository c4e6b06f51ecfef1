"""A fresh link for a unit, asked for on the page of an expired, revoked or used link.

The request is recorded (``link_requests``), at most once per ``[web] fresh_link_minutes`` per
unit, and the fresh link is written at once into the daemon's outbox as messages of kind LINK,
one per contact and enabled channel: the daemon sends them like any reminder (retries,
nothing twice). The link covers the old link's items that are still open; when none is, the
unit's open items whose period has begun.
"""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass

from cadence.catalogue import voice
from cadence.channels import channel
from cadence.config import Config
from cadence.links import Link, completion_url, request_fresh_link
from cadence.schedule.states import AsOf, StatePolicy
from cadence.store import Transaction, item_view
from cadence.store.board import unit_by_id
from cadence.store.directory import unit_people
from cadence.store.links import current, handled, still_open
from cadence.store.outbox import MessageKind
from cadence.store.queue import Letter, queue_all
from cadence.tz import to_local

_MOST = 50  # items in one fresh link: what is on the unit's plate now, not its whole year


class Fresh(str, enum.Enum):
    QUEUED = "queued"  # messages are in the outbox
    NOBODY = "nobody"  # the unit has no contact to send to
    NOTHING = "nothing"  # nothing of the unit is open
    WAIT = "wait"  # asked less than [web] fresh_link_minutes ago


@dataclass(frozen=True, kw_only=True)
class FreshOutcome:
    result: Fresh
    at: dt.datetime  # when the request was made (now, or the earlier one it waits on)
    messages: int = 0


def ask_for_fresh_link(session: Transaction, config: Config, link: Link, now: dt.datetime) -> FreshOutcome:
    minutes = dt.timedelta(minutes=config.web.fresh_link_minutes)
    request_id, at = request_fresh_link(session, link, now=now, min_interval=minutes)
    if request_id is None:
        return FreshOutcome(result=Fresh.WAIT, at=at)
    outcome = _queue(session, config, link, now, request_id)
    # kept as a code the item page says in its language ("queued:2", "nobody", "nothing")
    code = f"{Fresh.QUEUED.value}:{outcome.messages}" if outcome.result is Fresh.QUEUED else outcome.result.value
    handled(session, request_id, now, code)
    return outcome


@dataclass(frozen=True, kw_only=True)
class _Letter:
    """What every message of one request says."""

    request_id: int
    unit: str
    items: list[int]
    url: str
    expires: dt.datetime
    now: dt.datetime
    at: AsOf  # states as of now
    t: Callable[..., str]
    lang: str = "vi"  # the office's


def _queue(session: Transaction, config: Config, link: Link, now: dt.datetime, request_id: int) -> FreshOutcome:
    items = still_open(session, link.unit_id, link.item_ids) or current(session, link.unit_id, to_local(now).date(), _MOST)
    if not items:
        return FreshOutcome(result=Fresh.NOTHING, at=now)
    letter = _Letter(request_id=request_id, unit=unit_by_id(session, link.unit_id).name, items=items,
                     url=completion_url(config, items, link.unit_id, now), now=now, t=_words(config),
                     at=StatePolicy.from_config(config).as_of(now),
                     expires=now + dt.timedelta(days=config.web.link_days), lang=config.language.value)
    letters = [_message(session, letter, channel, address, name or letter.unit)
               for name, address, channel in _addresses(session, config, link.unit_id)]
    queue_all(session, letters, now)
    return FreshOutcome(result=Fresh.QUEUED if letters else Fresh.NOBODY, at=now, messages=len(letters))


def _addresses(session: Transaction, config: Config, unit_id: int) -> list[tuple[str, str, str]]:
    """(name, address, channel kind) of each contact on each enabled channel, each address once."""
    channels = config.notifiers.enabled()
    found = {}
    for contact in unit_people(session, {unit_id})[unit_id].contacts:
        for kind, address in contact.addresses:
            if kind in channels:
                found.setdefault((kind, address), contact.name)
    return [(name, address, kind) for (kind, address), name in found.items()]


def _words(config: Config):
    """The office's language; a fresh link is a message like any other the daemon sends."""
    say = voice(config.language)
    return lambda key, **fields: say(f"fresh-link.{key}", **fields)


def _message(session: Transaction, letter: _Letter, kind: str, address: str, name: str) -> Letter:
    t = letter.t
    # On a channel of short texts the link goes first: a channel that cuts an SMS to size keeps it.
    written = channel(kind).letter(subject=t("subject", unit=letter.unit), text=_email_text(session, letter, name),
                                   brief=t("sms", url=letter.url, unit=letter.unit))
    subject, body = written.subject, written.text
    return Letter(key=f"link/{letter.request_id}/{kind}/{address}", kind=MessageKind.LINK, channel=kind,
                  recipient=address, name=name, day=to_local(letter.now).date(), subject=subject, text=body)


def _email_text(session: Transaction, letter: _Letter, name: str) -> str:
    t = letter.t
    lines = [t("greeting", name=name), "", t("body", unit=letter.unit), letter.url, "", t("items")]
    for item_id in letter.items:
        view = item_view(session, item_id, letter.at)
        lines.append(t("item", label=view.label(letter.lang, 160), due=view.due_at))
    return "\n".join(lines + ["", t("until", at=letter.expires), "", t("sign")])
