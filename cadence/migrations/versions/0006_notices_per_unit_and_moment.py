"""A notice names the items it told of: one row per due moment, unit, kind, level, channel and
recipient, where there was one per item.

A commune has several items due at the same moment (eight weekly duties due on Friday), and a
busy national morning wrote a notice row per item and person: 112,000 rows, three index entries
each. The same words now take a row per unit and person. Data carried over: the notices of one
moment, unit, kind, level, channel and recipient become one row with their items' ids, keeping
the first one's id, name, day, time, rung and message. The unique key (item, kind, level,
channel, recipient) becomes (moment, unit, kind, level, channel, recipient): an item has one
moment and one unit, so it is still told at most once per kind, level, channel and recipient.
Notices of items that no longer exist are dropped (items are retired, never deleted).

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_RUNG = sa.Enum('contacts', 'head', 'monitor', 'issuer', name='rung', native_enum=False, length=10)
_CHANNEL = sa.Enum('email', 'sms', name='channel', native_enum=False, length=8)
_KIND = sa.Enum('reminder', 'escalation', name='noticekind', native_enum=False, length=12)
_SHARED = "kind, level, rung, channel, recipient, name, day, created_at, message_id"


def upgrade() -> None:
    _set_aside_notices('notices_0005')
    _create_notices(sa.Column('moment_id', sa.Integer(), nullable=False),
                    sa.Column('unit_id', sa.Integer(), nullable=False),
                    sa.Column('item_ids', sa.Text(), nullable=False),
                    unique=['moment_id', 'unit_id'])
    ids = ("string_agg(CAST(n.item_id AS TEXT), ',' ORDER BY n.item_id)" if _postgresql()
           else "group_concat(n.item_id, ',')")
    op.execute(
        f"INSERT INTO notices (id, moment_id, unit_id, item_ids, {_SHARED}) "
        f"SELECT MIN(n.id), m.id, i.unit_id, {ids}, n.kind, n.level, MIN(n.rung), n.channel, n.recipient, "
        "MIN(n.name), MIN(n.day), MIN(n.created_at), MIN(n.message_id) "
        "FROM notices_0005 n JOIN due_items i ON i.id = n.item_id "
        "JOIN due_moments m ON m.due_at = i.due_at AND m.window_start = i.window_start "
        "GROUP BY m.id, i.unit_id, n.kind, n.level, n.channel, n.recipient")
    op.drop_table('notices_0005')
    _continue_ids()


def downgrade() -> None:
    _set_aside_notices('notices_0006')
    _create_notices(sa.Column('item_id', sa.Integer(), nullable=False), unique=['item_id'])
    each = ("CAST(unnest(string_to_array(n.item_ids, ',')) AS INTEGER)" if _postgresql()
            else "CAST(j.value AS INTEGER)")
    source = "notices_0006 n" if _postgresql() else "notices_0006 n, json_each('[' || n.item_ids || ']') j"
    op.execute(f"INSERT INTO notices (item_id, {_SHARED}) SELECT {each}, "
               + ", ".join(f"n.{column.strip()}" for column in _SHARED.split(","))
               + f" FROM {source} ORDER BY n.id")
    op.drop_table('notices_0006')


def _postgresql() -> bool:
    return op.get_bind().dialect.name == 'postgresql'


def _set_aside_notices(name: str) -> None:
    """The notices copied to a plain table, and the table (whose constraint and index names the
    new one takes) dropped."""
    op.execute(f"CREATE TABLE {name} AS SELECT * FROM notices")
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index('ix_notices_unassigned', sqlite_where=sa.text('message_id IS NULL'),
                            postgresql_where=sa.text('message_id IS NULL'))
        batch_op.drop_index('ix_notices_message_id', sqlite_where=sa.text('message_id IS NOT NULL'),
                            postgresql_where=sa.text('message_id IS NOT NULL'))
    op.drop_table('notices')


def _create_notices(*columns: sa.Column, unique: list[str]) -> None:
    key = [*unique, 'kind', 'level', 'channel', 'recipient']
    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    *columns,
    sa.Column('kind', _KIND, nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('rung', _RUNG, nullable=True),
    sa.Column('channel', _CHANNEL, nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_messages.id'], name=op.f('fk_notices_message_id_outbox_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices')),
    sa.UniqueConstraint(*key, name=op.f('uq_notices_' + '_'.join(key)))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index('ix_notices_unassigned', ['day', 'channel', 'recipient'], unique=False,
                              sqlite_where=sa.text('message_id IS NULL'), postgresql_where=sa.text('message_id IS NULL'))
        batch_op.create_index('ix_notices_message_id', ['message_id'], unique=False,
                              sqlite_where=sa.text('message_id IS NOT NULL'),
                              postgresql_where=sa.text('message_id IS NOT NULL'))


def _continue_ids() -> None:
    """On PostgreSQL the carried ids were written by hand: the id sequence goes on after them."""
    if _postgresql():
        op.execute("SELECT setval(pg_get_serial_sequence('notices', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                   "FROM notices")
