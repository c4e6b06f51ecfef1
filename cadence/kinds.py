"""The closed sets every layer of Cadence names: a leaf, importing nothing of Cadence.

What an item asks for (``ItemKind``), where it stands in the store (``ItemStatus``) and as
people see it at a moment (``State``), the rungs of the escalation chain (``Rung``), where a
completion came from (``CompletionSource``) and the two languages (``Language``). The words for
them live in the catalogue (``[states]``, ``[actions]``); the rules that decide an item's state
live in ``cadence.schedule.states``.

A delivery channel is not here: channels are plugins (``cadence.channels``), named by the kind
their module declares ("email", "sms"), not members of a closed set.
"""
from __future__ import annotations

import enum

# Row ids are SQL INTEGER, 32 bits on PostgreSQL: a number a person types or a page receives as an
# id is checked against this before it reaches a query ("no such item", never an overflow).
LARGEST_ID = 2**31 - 1


class ItemKind(str, enum.Enum):
    """What a due item asks for."""

    PRODUCE = "produce"  # a new output (a bulletin, an article, a programme)
    REBROADCAST = "rebroadcast"  # repeats of the window's output ("phát lại 03 lần/tháng")
    TASK = "task"  # a one-off task due at the end of its window ("Quý III/2025")
    CHECK_IN = "check_in"  # a progress check of an ongoing task ("Thường xuyên")
    REPORT = "report"  # a periodic report to the coordinator (Nghị định 09/2019/NĐ-CP periods)


class ItemStatus(str, enum.Enum):
    """What the store records of an item. Completions move OPEN to DONE or LATE. MISSED is the
    daemon's mark on a due moment whose grace period ran out (``DueMoment.status``), never what
    people are shown: they see an item's ``State``, which the one policy in
    ``cadence.schedule.states`` works out from the item and the moment."""

    OPEN = "open"
    DONE = "done"
    LATE = "late"
    MISSED = "missed"
    RETIRED = "retired"  # no longer in the plan (or moved away by a reorganisation); kept as history
    # Due before Cadence began tracking it (a plan imported after some of its due moments): never
    # reminded, never escalated; a completion still records it done or late.
    BEFORE_TRACKING = "before_tracking"


class State(str, enum.Enum):
    """Where an item stands at a moment, as the board, the digest, the exports, the messages and
    the CLI all say it (one policy: ``cadence.schedule.states``)."""

    UPCOMING = "upcoming"  # its window has not begun
    DUE = "due"  # its window has begun, its due moment has not passed
    GRACE = "grace"  # past its due moment, within the grace period: not yet counted missed
    DONE = "done"  # done by its due moment
    LATE = "late"  # done after its due moment
    MISSED = "missed"  # not done, the grace period over
    RETIRED = "retired"  # no longer in the plan
    BEFORE_TRACKING = "before_tracking"  # due before Cadence tracked it, not done: neither missed nor owed


class Rung(str, enum.Enum):
    """A step of the escalation chain: who hears of a miss at that level."""

    CONTACTS = "contacts"  # the unit's own contacts (the people who were reminded)
    HEAD = "head"  # the unit's head
    MONITOR = "monitor"  # the plan's đầu mối for the task's scope (Sở KH&CN for CĐS, …)
    ISSUER = "issuer"  # the authority that issued the plan (UBND tỉnh)


class CompletionSource(str, enum.Enum):
    """Where a report of work done came from."""

    CLI = "cli"
    CSV = "csv"
    WEB = "web"


class Role(str, enum.Enum):
    """What a board user may see and do: a coordinator the plans given to them, an admin every
    plan; a leader sees every plan and changes nothing."""

    COORDINATOR = "coordinator"
    ADMIN = "admin"
    LEADER = "leader"


class Language(str, enum.Enum):
    """Vietnamese first, English on request."""

    VI = "vi"
    EN = "en"
