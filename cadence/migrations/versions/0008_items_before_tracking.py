"""An item can be recorded as before tracking: due before its plan was imported, so never
reminded or escalated (``cadence.schedule.states``). The status column grows from 10 to 16
characters to hold "before_tracking", and so does the due moments' (the same enum: a moment is
only ever open or missed); no row changes on the way up.

Going back, items before tracking become "retired": the older Cadence knows no such status,
and "open" would have it escalate a plan's whole past at its next pass, the very flood this
status prevents; a retired item is never reminded or escalated either. The column shrinks back.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


_TABLES = ('due_items', 'due_moments')


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('status', existing_type=sa.String(length=10), type_=sa.String(length=16),
                                  existing_nullable=False)


def downgrade() -> None:
    op.execute("UPDATE due_items SET status = 'retired' WHERE status = 'before_tracking'")
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('status', existing_type=sa.String(length=16), type_=sa.String(length=10),
                                  existing_nullable=False)
