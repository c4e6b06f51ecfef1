"""Alembic migrations on SQLite and on a real PostgreSQL: they build the schema the models
describe, they undo themselves, and an office's database made at the previous schema revision
keeps every row when it is upgraded to the current one.

"Previous" is read from the migration scripts (head's ``down_revision``), so the test follows
the schema as new revisions land. The rows are written with the columns that exist at that
revision only, as the older Cadence would have written them.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from sqlalchemy.orm import Session

from cadence.kinds import ItemKind, ItemStatus
from cadence.store.directory import unit_people
from cadence.store.models import Base, CompletionSource
from cadence.store.outbox import NoticeKind
from cadence.store.session import alembic_config, upgrade

UTC = dt.timezone.utc
MOMENT = dt.datetime(2025, 3, 14, 10, 0, tzinfo=UTC)

# One office's history, in the order foreign keys need: a commune, its contact, the province
# plan, an activity and its monthly duty, one due item of it and the completion recorded for it.
ROWS: dict[str, dict] = {
    "units": {"id": 1, "code": "xa-tra-bong", "name": "UBND xã Trà Bồng", "level": "commune",
              "head_email": "chutich@trabong.quangngai.gov.vn", "dissolved_on": None},
    "unit_contacts": {"id": 1, "unit_id": 1, "name": "Văn thư", "email": "vanthu@trabong.gov.vn",
                      "phone": "+84912345678", "role": "contact"},
    "contact_addresses": {"id": 1, "contact_id": 1, "channel": "sms", "address": "+84912345678"},
    "unit_names": {"id": 1, "key": "ubnd xa tra bong", "text": "UBND xã Trà Bồng", "source": "name", "unit_id": 1,
                   "group_id": None},
    "plans": {"id": 1, "key": "quang-ngai-2025", "title": "Kế hoạch truyền thông về CCHC và CĐS năm 2025",
              "issuer": "UBND tỉnh Quảng Ngãi", "year": 2025, "file": "ke-hoach.txt",
              "starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2025, 12, 31),
              "reading": {"issuer": "UBND tỉnh Quảng Ngãi", "activities": []}, "imported_at": MOMENT},
    "activities": {"id": 1, "plan_id": 1, "ref": "II.1", "title": "Chuyên mục cải cách hành chính",
                   "scope": "CCHC", "ongoing": False, "lead": ["UBND cấp xã"], "support": [],
                   "directs": []},
    "duties": {"id": 1, "plan_id": 1, "activity_id": 1, "ref": "II.1", "key": "produce|chuyên mục",
               "kind": ItemKind.PRODUCE, "title": "Chuyên mục CCHC", "scope": "CCHC",
               "series": "chuyên mục", "rule": {"count": 1, "per": "month"},
               "units_text": ["UBND cấp xã"]},
    "due_items": {"id": 1, "plan_id": 1, "duty_id": 1, "unit_id": 1,
                  "window_start": dt.date(2025, 3, 1), "window_end": dt.date(2025, 3, 31), "seq": 0,
                  "due_at": dt.datetime(2025, 3, 31, 10, 0, tzinfo=UTC), "target": 1, "threshold": 1,
                  "done_count": 1, "status": ItemStatus.DONE, "completed_at": MOMENT,
                  "next_action_at": None},
    "completions": {"id": 1, "item_id": 1, "source": CompletionSource.CSV, "actor": "vanthu",
                    "done_at": MOMENT, "recorded_at": MOMENT, "count": 1,
                    "evidence_url": "https://trabong.quangngai.gov.vn/tin/123"},
}


def test_migrations_build_exactly_the_schema_the_models_describe(engine: sa.Engine) -> None:
    upgrade(engine)
    assert _differences(engine) == []


def test_every_migration_undoes_itself_and_applies_again(engine: sa.Engine) -> None:
    upgrade(engine)
    _downgrade(engine, "base")
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert _differences(engine) == [] and _revision(engine) == _head()


def test_a_database_made_at_the_previous_revision_keeps_its_rows_through_the_upgrade(
    engine: sa.Engine,
) -> None:
    previous = _previous()
    upgrade(engine, previous)
    assert _revision(engine) == previous
    with engine.begin() as connection:
        for name, row in ROWS.items():
            connection.execute(_as_at_this_revision(connection, name).insert(), [row])
    upgrade(engine)
    assert _revision(engine) == _head()
    with engine.connect() as connection:
        for name, row in ROWS.items():
            assert _read_back(connection, name, row) == {k: v for k, v in row.items() if k in _columns(name)}, name


def test_the_daemons_clock_moves_from_the_items_to_their_due_moments(engine: sa.Engine) -> None:
    """0005: a missed item at level 2 gives its moment MISSED, level 2 and the item's next look;
    the item itself is OPEN again (its moment says it was missed), its steps stay its own."""
    upgrade(engine, "0004")
    due, later = dt.datetime(2025, 9, 19, 10, 0, tzinfo=UTC), dt.datetime(2025, 9, 29, 1, 0, tzinfo=UTC)
    missed = {**ROWS["due_items"], "status": ItemStatus.MISSED, "done_count": 0, "completed_at": None,
              "window_start": dt.date(2025, 9, 15), "window_end": dt.date(2025, 9, 19), "due_at": due,
              "next_action_at": later, "escalation_level": 2}
    with engine.begin() as connection:
        for name in ("units", "plans", "activities", "duties"):
            connection.execute(_as_at_this_revision(connection, name).insert(), [ROWS[name]])
        connection.execute(_as_at_this_revision(connection, "due_items").insert(), [missed])
    upgrade(engine, "0005")
    moments = Base.metadata.tables["due_moments"]
    with engine.connect() as connection:
        moment = connection.execute(sa.select(moments)).mappings().one()
        status = connection.execute(sa.select(Base.metadata.tables["due_items"].c.status)).scalar_one()
    assert (moment["due_at"], moment["status"], moment["escalation_level"], moment["next_action_at"]) == (
        due, ItemStatus.MISSED, 2, later)
    assert status is ItemStatus.OPEN


def test_notices_gather_per_moment_unit_and_person_and_spread_back(engine: sa.Engine) -> None:
    """0006: two items of one commune and moment, reminded to one address, become one notice
    naming both, with the first one's id and message; another address or kind stays apart.
    Going back to 0005 gives a notice per item again."""
    upgrade(engine, "0005")
    due = dt.datetime(2025, 9, 19, 10, 0, tzinfo=UTC)
    items = [{**ROWS["due_items"], "id": seq + 1, "seq": seq, "status": ItemStatus.OPEN, "done_count": 0,
              "completed_at": None, "due_at": due, "window_start": dt.date(2025, 9, 15)} for seq in range(2)]
    notice = {"kind": "reminder", "level": 3, "rung": None, "channel": "email", "recipient": "vanthu@trabong.gov.vn",
              "name": "Văn thư", "day": dt.date(2025, 9, 16), "created_at": MOMENT}
    notices = [{**notice, "id": 5, "item_id": 1, "message_id": 9}, {**notice, "id": 6, "item_id": 2, "message_id": 9},
               {**notice, "id": 7, "item_id": 2, "recipient": "0912345678", "channel": "sms", "message_id": None},
               {**notice, "id": 8, "item_id": 1, "kind": "escalation", "level": 1, "rung": "contacts",
                "message_id": None}]
    with engine.begin() as connection:
        for name in ("units", "plans", "activities", "duties"):
            connection.execute(_as_at_this_revision(connection, name).insert(), [ROWS[name]])
        connection.execute(_as_at_this_revision(connection, "due_items").insert(), items)
        connection.execute(Base.metadata.tables["due_moments"].insert(), [
            {"id": 4, "due_at": due, "window_start": dt.date(2025, 9, 15), "status": ItemStatus.OPEN,
             "escalation_level": 0, "next_action_at": None}])
        connection.execute(Base.metadata.tables["outbox_messages"].insert(), [
            {"id": 9, "key": "2025-09-16/email/vanthu@trabong.gov.vn", "kind": "daily", "channel": "email",
             "recipient": "vanthu@trabong.gov.vn", "day": dt.date(2025, 9, 16), "next_attempt_at": MOMENT,
             "created_at": MOMENT}])
        connection.execute(_as_at_this_revision(connection, "notices").insert(), notices)
    upgrade(engine, "0006")
    table = Base.metadata.tables["notices"]
    with engine.connect() as connection:
        rows = connection.execute(sa.select(table.c.id, table.c.moment_id, table.c.unit_id, table.c.item_ids,
                                            table.c.kind, table.c.channel, table.c.message_id)
                                  .order_by(table.c.id)).all()
    assert [tuple(r) for r in rows] == [(5, 4, 1, (1, 2), NoticeKind.REMINDER, "email", 9),
                                        (7, 4, 1, (2,), NoticeKind.REMINDER, "sms", None),
                                        (8, 4, 1, (1,), NoticeKind.ESCALATION, "email", None)]
    _downgrade(engine, "0005")
    with engine.connect() as connection:
        back = connection.execute(sa.text("SELECT item_id, kind, channel, message_id FROM notices "
                                          "ORDER BY item_id, kind, channel")).all()
    assert [tuple(r) for r in back] == [(1, "escalation", "email", None), (1, "reminder", "email", 9),
                                        (2, "reminder", "email", 9), (2, "reminder", "sms", None)]


def _as_at_this_revision(connection: sa.Connection, name: str) -> sa.Table:
    """The table with the columns the database has now, typed as the models type them (aware
    datetimes, enums; a column the models no longer have keeps the database's type), so the rows
    go in as the Cadence of that revision wrote them."""
    model = Base.metadata.tables[name]
    columns = sa.inspect(connection).get_columns(name)
    return sa.Table(name, sa.MetaData(), *(
        sa.Column(c["name"], model.c[c["name"]].type if c["name"] in model.c else c["type"]) for c in columns))


def _read_back(connection: sa.Connection, name: str, row: dict) -> dict:
    """The row as it reads now, in the columns it was written with that still exist (found by its
    id: a migration may add rows beside it, as 0007 adds a unit's head to its contacts)."""
    table = Base.metadata.tables[name]
    kept = [c for c in row if c in table.c]
    found = connection.execute(sa.select(*(table.c[c] for c in kept)).where(table.c.id == row["id"])).mappings().one()
    return dict(found)


def _columns(name: str) -> set[str]:
    return set(Base.metadata.tables[name].c.keys())


def _differences(engine: sa.Engine) -> list:
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def _downgrade(engine: sa.Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _revision(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _head() -> str:
    return _scripts().get_current_head()


def _previous() -> str:
    previous = _scripts().get_revision(_head()).down_revision
    assert isinstance(previous, str), "the schema has one line of revisions and more than one"
    return previous


def test_contacts_and_heads_become_channel_addresses_and_come_back(engine: sa.Engine) -> None:
    """0007: a contact's email and phone become "email" and "sms" addresses (trimmed, blanks
    dropped), a unit's head becomes a contact of role "head" with its addresses; going back
    restores the columns."""
    upgrade(engine, "0006")
    units = [{**ROWS["units"], "head_name": "Chủ tịch", "head_email": "chutich@trabong.gov.vn",
              "head_phone": " 0912 000 111 "},
             {"id": 2, "code": "so-b", "name": "Sở B", "level": "department", "dissolved_on": None, "head_name": None, "head_email": "",
              "head_phone": None}]
    contacts = [{"id": 1, "unit_id": 1, "name": "Văn thư", "email": "vanthu@trabong.gov.vn", "phone": "0255 3822 111"},
                {"id": 2, "unit_id": 1, "name": "Phòng Văn hóa", "email": None, "phone": "0905 111 222"},
                {"id": 3, "unit_id": 2, "name": "", "email": " vanthu@so-b.gov.vn ", "phone": ""}]
    with engine.begin() as connection:
        connection.execute(_as_at_this_revision(connection, "units").insert(), units)
        connection.execute(_as_at_this_revision(connection, "unit_contacts").insert(), contacts)
    upgrade(engine, "0007")
    with engine.connect() as connection:
        people = connection.execute(sa.text("SELECT id, unit_id, role, name FROM unit_contacts ORDER BY id")).all()
        addresses = connection.execute(sa.text("SELECT contact_id, channel, address FROM contact_addresses "
                                               "ORDER BY contact_id, channel")).all()
    assert [tuple(r) for r in people] == [(1, 1, "contact", "Văn thư"), (2, 1, "contact", "Phòng Văn hóa"),
                                          (3, 2, "contact", ""), (4, 1, "head", "Chủ tịch")]
    assert [tuple(r) for r in addresses] == [
        (1, "email", "vanthu@trabong.gov.vn"), (1, "sms", "0255 3822 111"), (2, "sms", "0905 111 222"),
        (3, "email", "vanthu@so-b.gov.vn"), (4, "email", "chutich@trabong.gov.vn"), (4, "sms", "0912 000 111")]
    with Session(engine) as session:
        read = unit_people(session, {1, 2})
    assert [c.addresses for c in read[1].contacts] == [(("email", "vanthu@trabong.gov.vn"), ("sms", "0255 3822 111")),
                                                       (("sms", "0905 111 222"),)]
    assert (read[1].head[0].name, read[1].head[0].address("sms"), read[2].head) == ("Chủ tịch", "0912 000 111", ())
    _downgrade(engine, "0006")
    with engine.connect() as connection:
        back = connection.execute(sa.text("SELECT id, unit_id, name, email, phone FROM unit_contacts ORDER BY id")).all()
        heads = connection.execute(sa.text("SELECT id, head_name, head_email, head_phone FROM units ORDER BY id")).all()
    assert [tuple(r) for r in back] == [(1, 1, "Văn thư", "vanthu@trabong.gov.vn", "0255 3822 111"),
                                        (2, 1, "Phòng Văn hóa", None, "0905 111 222"),
                                        (3, 2, "", "vanthu@so-b.gov.vn", None)]
    assert [tuple(r) for r in heads] == [(1, "Chủ tịch", "chutich@trabong.gov.vn", "0912 000 111"), (2, None, None, None)]


def test_each_stored_plan_becomes_its_approved_version_and_names_count_everywhere(engine: sa.Engine) -> None:
    """0009: a plan stored before keeps its row and gains an approved version holding its
    reading; names carried over count everywhere (no home); going back keeps the plan."""
    upgrade(engine, "0008")
    with engine.begin() as connection:
        for name in ("units", "unit_names", "plans"):
            connection.execute(_as_at_this_revision(connection, name).insert(), [ROWS[name]])
    upgrade(engine, "0009")
    versions, names = Base.metadata.tables["plan_versions"], Base.metadata.tables["unit_names"]
    with engine.connect() as connection:
        version = connection.execute(sa.select(versions)).mappings().one()
        home = connection.execute(sa.select(names.c.home_id)).scalar_one()
    assert (version["plan_key"], version["status"], version["reading"], version["approved_at"]) == (
        "quang-ngai-2025", "approved", ROWS["plans"]["reading"], MOMENT)
    assert home is None
    _downgrade(engine, "0008")
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT key FROM plans")).scalar_one() == "quang-ngai-2025"
        assert "plan_versions" not in sa.inspect(connection).get_table_names()


def test_messages_older_versions_gave_up_on_wait_again_and_stale_ones_go_back_as_failed(engine: sa.Engine) -> None:
    """0010: a message left `failed` after its attempts ran out (not permanent) waits again, so
    the next pass sends it or ends it with its reason; a permanent failure, and one never tried
    (a broken template), stay failed. Going back: 'stale' is 'failed' again, the admins' alerts
    go (older versions cannot read their kind), the column and the table go."""
    upgrade(engine, "0009")
    rows = [{"id": n, "key": f"m{n}", "kind": "daily", "channel": "email", "recipient": "vanthu@trabong.gov.vn",
             "name": "", "subject": "", "text": "",
             "day": dt.date(2025, 9, 16), "next_attempt_at": MOMENT, "created_at": MOMENT, "state": state,
             "attempts": attempts, "permanent": permanent, "last_error": "SMTP 127.0.0.1:25: refused"}
            for n, state, attempts, permanent in ((1, "failed", 10, False), (2, "failed", 1, True),
                                                  (3, "failed", 0, True), (4, "sent", 1, False))]
    with engine.begin() as connection:
        connection.execute(_as_at_this_revision(connection, "outbox_messages").insert(), rows)
    upgrade(engine, "0010")
    messages = Base.metadata.tables["outbox_messages"]
    with engine.begin() as connection:
        states = dict(connection.execute(sa.select(messages.c.id, messages.c.state).order_by(messages.c.id)).all())
        assert states == {1: "pending", 2: "failed", 3: "failed", 4: "sent"}
        connection.execute(sa.text("UPDATE outbox_messages SET state = 'stale' WHERE id = 1"))
        connection.execute(sa.text(
            "INSERT INTO outbox_messages (id, key, kind, channel, recipient, name, day, subject, text, state, attempts, "
            "next_attempt_at, permanent, created_at) VALUES (5, 'alert|email', 'alert', 'sms', '0912000999', '', "
            "'2025-09-16', '', 'Cadence: ...', 'sent', 1, '2025-09-16 01:00:00+00:00', false, "
            "'2025-09-16 01:00:00+00:00')"))
        connection.execute(sa.text("INSERT INTO channel_health (channel, failing_since, failures, last_failure_at) "
                                   "VALUES ('email', '2025-09-16 01:00:00+00:00', 5, '2025-09-16 02:00:00+00:00')"))
    _downgrade(engine, "0009")
    with engine.connect() as connection:
        back = connection.execute(sa.text("SELECT id, state FROM outbox_messages ORDER BY id")).all()
        assert [tuple(r) for r in back] == [(1, "failed"), (2, "failed"), (3, "failed"), (4, "sent")]
        assert "channel_health" not in sa.inspect(connection).get_table_names()
        assert "retried_at" not in {c["name"] for c in sa.inspect(connection).get_columns("outbox_messages")}
