"""Delivery that does not give up while a message still matters: failing channels, and the
messages older versions gave up on.

- channel_health: a channel failing now (since when, failures in a row, when the admins were told).
- outbox_messages.retried_at: when an operator put a message back (`cadence outbox retry`).
- outbox_messages in the state 'failed' that failed for a passing reason (not ``permanent``,
  tried at least once) go back to 'pending': older versions gave up on them after
  ``[daemon] max_attempts``. The next pass sends them, or records a reminder whose items are
  past due as 'stale' and a message older than ``[delivery] give_up_after_days`` as 'failed',
  each with its reason.

Going back: 'stale' rows become 'failed' (the older versions' word for a message that did
not go), alerts to the admins are deleted (older versions cannot read their kind), and the
table goes. Rows sent meanwhile stay sent.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('channel_health',
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('failing_since', sa.DateTime(timezone=True), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('alerted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('channel', name=op.f('pk_channel_health'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retried_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE outbox_messages SET state = 'pending', claimed_by = NULL "
               "WHERE state = 'failed' AND permanent = false AND attempts > 0")


def downgrade() -> None:
    op.execute("UPDATE outbox_messages SET state = 'failed' WHERE state = 'stale'")
    op.execute("DELETE FROM outbox_messages WHERE kind = 'alert'")
    op.drop_table('channel_health')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('retried_at')
