"""The daemon (issue 4): notices, the outbox of messages, escalation steps, digest runs, and
each due item's escalation level.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_RUNG = sa.Enum('contacts', 'head', 'monitor', 'issuer', name='rung', native_enum=False, length=10)
_CHANNEL = sa.Enum('email', 'sms', name='channel', native_enum=False, length=8)


def upgrade() -> None:
    op.create_table('digest_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('messages', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_runs')),
    sa.UniqueConstraint('week', name=op.f('uq_digest_runs_week'))
    )
    op.create_table('outbox_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('kind', sa.Enum('daily', 'digest', name='messagekind', native_enum=False, length=10), nullable=False),
    sa.Column('channel', _CHANNEL, nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=True),
    sa.Column('state', sa.Enum('pending', 'sending', 'sent', 'failed', 'cancelled', name='messagestate', native_enum=False, length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('permanent', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=120), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_messages')),
    sa.UniqueConstraint('key', name=op.f('uq_outbox_messages_key'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_messages_state_next_attempt_at', ['state', 'next_attempt_at'], unique=False)

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
    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reminder', 'escalation', name='noticekind', native_enum=False, length=12), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('rung', _RUNG, nullable=True),
    sa.Column('channel', _CHANNEL, nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['due_items.id'], name=op.f('fk_notices_item_id_due_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_messages.id'], name=op.f('fk_notices_message_id_outbox_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices')),
    sa.UniqueConstraint('item_id', 'kind', 'level', 'channel', 'recipient', name=op.f('uq_notices_item_id_kind_level_channel_recipient'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_message_id'), ['message_id'], unique=False)
        batch_op.create_index('ix_notices_unassigned', ['day', 'channel', 'recipient'], unique=False, sqlite_where=sa.text('message_id IS NULL'), postgresql_where=sa.text('message_id IS NULL'))

    # A plain ADD COLUMN on both databases (no table copy: due_items may hold millions of rows).
    op.add_column('due_items', sa.Column('escalation_level', sa.SmallInteger(), server_default=sa.text('0'), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('due_items', schema=None) as batch_op:
        batch_op.drop_column('escalation_level')

    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index('ix_notices_unassigned', sqlite_where=sa.text('message_id IS NULL'), postgresql_where=sa.text('message_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_notices_message_id'))
        batch_op.drop_index(batch_op.f('ix_notices_item_id'))

    op.drop_table('notices')
    op.drop_table('escalations')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_messages_state_next_attempt_at')

    op.drop_table('outbox_messages')
    op.drop_table('digest_runs')
