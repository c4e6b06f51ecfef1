"""Mistakes that can be taken back.

- completions.undone_at, undone_by, undo_reason: a completion taken back stays in the item's
  history, marked; nothing is deleted.
- dissolutions: each unit dissolved (or merged), with the items that moved to its successor and
  those retired because the successor had them, so the dissolution can be reversed.

No row changes on the way up (no completion is undone, no dissolution recorded: those made
before this revision cannot be reversed by ``units restore``). Going back drops the table and
the columns; a completion that had been undone is deleted then, since the older Cadence would
otherwise count it again.

Revision ID: 0011
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('completions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('undone_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('undo_reason', sa.Text(), nullable=True))
    op.create_table('dissolutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=True),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('dissolved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('moved_ids', sa.Text(), nullable=False),
    sa.Column('retired_ids', sa.Text(), nullable=False),
    sa.Column('restored_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['successor_id'], ['units.id'], name=op.f('fk_dissolutions_successor_id_units')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_dissolutions_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dissolutions'))
    )
    with op.batch_alter_table('dissolutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dissolutions_unit_id'), ['unit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dissolutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dissolutions_unit_id'))
    op.drop_table('dissolutions')
    op.execute("DELETE FROM completions WHERE undone_at IS NOT NULL")
    with op.batch_alter_table('completions', schema=None) as batch_op:
        batch_op.drop_column('undo_reason')
        batch_op.drop_column('undone_by')
        batch_op.drop_column('undone_at')
