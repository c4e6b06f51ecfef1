"""A server off over Tết: the first pass afterwards escalates overdue items at the level they
have reached (once), sends the digest that was missed (once), and sends no reminder for a
moment long past."""
import datetime as dt

from cadence.kinds import Rung
from cadence.store.outbox import DigestRunRow, EscalationRow, NoticeKind, NoticeRow
from tests.cadence.daemon_support import local, office


def _every_morning(o, first: str, last: str) -> None:
    day = dt.date.fromisoformat(first)
    while day <= dt.date.fromisoformat(last):
        o.tick(f"{day.isoformat()}T08:00")
        day += dt.timedelta(days=1)


def test_the_first_pass_after_tet_catches_up_once(database_url, tmp_path):
    with office(database_url, tmp_path) as o:
        _every_morning(o, "2025-01-01", "2025-01-24")  # the server is then off from 25 January
        before = o.count(NoticeRow)
        counts = o.tick("2025-02-10T08:00")  # first working Monday after Tết, back on
        # The bulletins due Friday 24 January (their own and Tết week's, moved back to it):
        # levels 1 and 2 fell inside the downtime; level 3 (5 working days on) is where they are.
        stale = [i for i in o.items("dai") if i.due_at == local("2025-01-24T17:00")]
        assert len(stale) == 4
        for item in stale:
            assert [(e.level, e.rung) for e in o.rows(EscalationRow, item_id=item.id)] == [(3, Rung.MONITOR)]
        # The bulletins due Friday 7 February missed their reminders (4, 6, 7 February): not sent now.
        fresh = [i for i in o.items("dai") if i.due_at == local("2025-02-07T17:00")]
        assert {e.level for i in fresh for e in o.rows(EscalationRow, item_id=i.id)} == {1}
        new_reminders = [n for n in o.rows(NoticeRow, kind=NoticeKind.REMINDER) if n.created_at == local("2025-02-10T08:00")]
        assert new_reminders == []
        # Level 1: 7 February's two bulletins. Level 3: 24 January's four, and the paper's January
        # page (due 31 January, a Tết day, so moved back to the 24th). Level 4: the bulletins of 10
        # and 17 January, whose last rung fell on 3 and 10 February. Each item fires once.
        assert counts.escalations == {1: 2, 3: 5, 4: 4} and o.count(NoticeRow) > before
        # Digests: each Monday in January, none for Tết week (no working day), W06 (3 February)
        # fell inside the downtime and is skipped: W07 is sent once, now.
        assert [r.week for r in o.rows(DigestRunRow)] == ["2025-W01", "2025-W02", "2025-W03", "2025-W04", "2025-W07"]
        again = o.tick("2025-02-10T09:00")
        assert (again.notices, again.digests, again.sent) == (0, 0, 0)
