"""A plan imported after some of its due moments: those items are recorded as before tracking,
never reminded, never escalated, counted neither missed nor owed, unless the import is told to
catch up. Before this, a 2025 plan imported in September escalated its whole past in one pass
(7,486 items; the issuer got one 142 KB e-mail listing 6,574 of them)."""
from __future__ import annotations

import datetime as dt

from cadence.kinds import ItemStatus, State
from cadence.store import import_plan
from cadence.store.outbox import EscalationRow, NoticeRow
from tests.cadence.daemon_support import local, office, weekly_plan

IMPORTED = "2025-09-15T10:00"  # a Monday: the bulletins of 37 weeks are already past


def _reimport(o, *, catch_up: bool, at: str = IMPORTED):
    with o.store.transaction() as session:
        return import_plan(session, weekly_plan(), key="thu-2025", config=o.config, now=local(at),
                           start=dt.date(2025, 1, 1), catch_up=catch_up)


def test_the_past_is_recorded_before_tracking_and_never_escalated(database_url, tmp_path) -> None:
    with office(database_url, tmp_path, "[digest]\nenabled = false\n", start="2025-09-16") as o:
        result = _reimport(o, catch_up=False)
        past = [i for i in o.items() if i.due_at < local(IMPORTED)]
        counts = o.tick("2025-09-16T08:00")
        steps, reminders = o.rows(EscalationRow), o.rows(NoticeRow, kind="reminder")
        view = o.view(past[0].id, "2025-09-16T08:00")
    assert result.before_tracking == len(past) == 37 * 2 + 8  # two weekly bulletins (37 Fridays) and a monthly page (January to August)
    assert {i.status for i in past} == {ItemStatus.BEFORE_TRACKING}
    assert (counts.missed, sum(counts.escalations.values()), steps) == (0, 0, [])
    assert reminders and counts.reminders > 0  # Friday's bulletins are reminded as ever
    assert view.state is State.BEFORE_TRACKING


def test_catch_up_tracks_the_past_and_the_next_pass_escalates_it(database_url, tmp_path) -> None:
    with office(database_url, tmp_path, "[digest]\nenabled = false\n", start="2025-09-16") as o:
        result = _reimport(o, catch_up=True)
        counts = o.tick("2025-09-16T08:00")
    assert result.before_tracking == 0 and result.overdue_tracked == 37 * 2 + 8
    assert sum(counts.escalations.values()) == result.overdue_tracked


def test_a_later_re_import_with_catch_up_tracks_what_was_before_tracking(database_url, tmp_path) -> None:
    with office(database_url, tmp_path, "[digest]\nenabled = false\n", start="2025-09-16") as o:
        first = _reimport(o, catch_up=False)
        again = _reimport(o, catch_up=True, at="2025-09-15T11:00")
        statuses = {i.status for i in o.items() if i.due_at < local(IMPORTED)}
    assert first.before_tracking > 0 and again.before_tracking == 0
    assert again.counts.updated == first.before_tracking and statuses == {ItemStatus.OPEN}


def test_an_item_before_tracking_reported_done_counts_as_done(database_url, tmp_path) -> None:
    with office(database_url, tmp_path, "[digest]\nenabled = false\n", start="2025-09-16") as o:
        _reimport(o, catch_up=False)
        item = o.due_on("dai", "2025-09-12")
        o.complete(item.id, "2025-09-12T09:00")
        on_time = o.view(item.id, "2025-09-16T08:00")
        other = o.due_on("bao", "2025-08-29")
        o.complete(other.id, "2025-09-15T11:00")
        late = o.view(other.id, "2025-09-16T08:00")
    assert (on_time.state, late.state) == (State.DONE, State.LATE)


def test_an_import_before_the_plans_due_moments_tracks_everything(database_url, tmp_path) -> None:
    with office(database_url, tmp_path, "[digest]\nenabled = false\n") as o:  # imported on 1 January
        statuses = {i.status for i in o.items()}
    assert statuses == {ItemStatus.OPEN}
