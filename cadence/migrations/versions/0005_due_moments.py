"""The daemon's clock moves from each due item to its due moment (table due_moments).

Items sharing a due moment and window start share their reminders and escalations; a busy
national morning rewrote about a hundred thousand item rows (each a new row version and five
index entries on PostgreSQL) where one row per moment says the same. Data carried over:

- one moment per distinct (due_at, window_start): MISSED if any of its items was, at the
  highest escalation level of its open or missed items, looked at next when the earliest of
  them was to be;
- items marked MISSED are OPEN again (their moment says they were missed);
- escalation steps and notices lose their foreign key to due_items (a trigger per written row
  on PostgreSQL; items are never deleted); steps are keyed by (item, level) alone, without a
  surrogate id, and lose their recipient count (whom a step told are its notices); notices lose
  their index on item_id, which their unique key already starts with, and index message_id only
  once they have one.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_RUNG = sa.Enum('contacts', 'head', 'monitor', 'issuer', name='rung', native_enum=False, length=10)
_STATUS = sa.Enum('open', 'done', 'late', 'missed', 'retired', name='itemstatus', native_enum=False, length=10)
_ACTIVE = "status IN ('open', 'missed')"


def upgrade() -> None:
    op.create_table('due_moments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('window_start', sa.Date(), nullable=False),
    sa.Column('status', _STATUS, nullable=False),
    sa.Column('escalation_level', sa.SmallInteger(), nullable=False),
    sa.Column('next_action_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_due_moments')),
    sa.UniqueConstraint('due_at', 'window_start', name=op.f('uq_due_moments_due_at_window_start'))
    )
    with op.batch_alter_table('due_moments', schema=None) as batch_op:
        batch_op.create_index('ix_due_moments_next_action_at', ['next_action_at'], unique=False,
                              sqlite_where=sa.text('next_action_at IS NOT NULL'),
                              postgresql_where=sa.text('next_action_at IS NOT NULL'))
    op.execute(
        "INSERT INTO due_moments (due_at, window_start, status, escalation_level, next_action_at) "
        "SELECT due_at, window_start, "
        "CASE WHEN SUM(CASE WHEN status = 'missed' THEN 1 ELSE 0 END) > 0 THEN 'missed' ELSE 'open' END, "
        f"COALESCE(MAX(CASE WHEN {_ACTIVE} THEN escalation_level END), 0), "
        f"MIN(CASE WHEN {_ACTIVE} THEN next_action_at END) "
        "FROM due_items GROUP BY due_at, window_start")
    op.execute("UPDATE due_items SET status = 'open' WHERE status = 'missed'")
    with op.batch_alter_table('due_items', schema=None) as batch_op:
        batch_op.drop_index('ix_due_items_next_action_at', sqlite_where=sa.text('next_action_at IS NOT NULL'),
                            postgresql_where=sa.text('next_action_at IS NOT NULL'))
        batch_op.drop_column('next_action_at')
        batch_op.drop_column('escalation_level')
        batch_op.create_index('ix_due_items_due_at_window_start_status', ['due_at', 'window_start', 'status'],
                              unique=False)
    _escalations_keyed_by_item_and_level()
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_constraint('fk_notices_item_id_due_items', type_='foreignkey')
        batch_op.drop_index('ix_notices_item_id')
        batch_op.drop_index('ix_notices_message_id')
        batch_op.create_index('ix_notices_message_id', ['message_id'], unique=False,
                              sqlite_where=sa.text('message_id IS NOT NULL'),
                              postgresql_where=sa.text('message_id IS NOT NULL'))


def downgrade() -> None:
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index('ix_notices_item_id', ['item_id'], unique=False)
        batch_op.drop_index('ix_notices_message_id', sqlite_where=sa.text('message_id IS NOT NULL'),
                            postgresql_where=sa.text('message_id IS NOT NULL'))
        batch_op.create_index('ix_notices_message_id', ['message_id'], unique=False)
        batch_op.create_foreign_key('fk_notices_item_id_due_items', 'due_items', ['item_id'], ['id'], ondelete='CASCADE')
    _escalations_with_ids()
    with op.batch_alter_table('due_items', schema=None) as batch_op:
        batch_op.drop_index('ix_due_items_due_at_window_start_status')
        batch_op.add_column(sa.Column('next_action_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('escalation_level', sa.SmallInteger(), server_default=sa.text('0'), nullable=False))
        batch_op.create_index('ix_due_items_next_action_at', ['next_action_at'], unique=False,
                              sqlite_where=sa.text('next_action_at IS NOT NULL'),
                              postgresql_where=sa.text('next_action_at IS NOT NULL'))
    moment = ("(SELECT {column} FROM due_moments m WHERE m.due_at = due_items.due_at "
              "AND m.window_start = due_items.window_start)")
    op.execute("UPDATE due_items SET escalation_level = COALESCE("
               "(SELECT MAX(level) FROM escalations e WHERE e.item_id = due_items.id), 0)")
    op.execute(f"UPDATE due_items SET next_action_at = {moment.format(column='next_action_at')}, "
               f"status = {moment.format(column='status')} WHERE status = 'open'")
    op.drop_table('due_moments')


def _escalations_keyed_by_item_and_level() -> None:
    _set_aside_escalations('escalations_0004')
    op.create_table('escalations',
    sa.Column('item_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('level', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('rung', _RUNG, nullable=False),
    sa.Column('fired_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('item_id', 'level', name=op.f('pk_escalations'))
    )
    op.execute("INSERT INTO escalations (item_id, level, rung, fired_at) "
               "SELECT item_id, level, rung, fired_at FROM escalations_0004")
    op.drop_table('escalations_0004')


def _escalations_with_ids() -> None:
    """0003's escalations (a surrogate id, a unique (item, level), recipients), rows kept."""
    _set_aside_escalations('escalations_0005')
    op.create_table('escalations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('rung', _RUNG, nullable=False),
    sa.Column('fired_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['due_items.id'], name=op.f('fk_escalations_item_id_due_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalations')),
    sa.UniqueConstraint('item_id', 'level', name=op.f('uq_escalations_item_id_level'))
    )
    op.execute("INSERT INTO escalations (item_id, level, rung, fired_at, recipients) "
                "SELECT item_id, level, rung, fired_at, 0 FROM escalations_0005 ORDER BY fired_at, item_id")
    op.drop_table('escalations_0005')


def _set_aside_escalations(name: str) -> None:
    """The steps copied to a plain table, and the old table (with its constraints, whose names
    the new one takes) dropped."""
    op.execute(f"CREATE TABLE {name} AS SELECT item_id, level, rung, fired_at FROM escalations")
    op.drop_table('escalations')
