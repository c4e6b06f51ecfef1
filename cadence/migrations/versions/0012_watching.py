"""Watching the service: each daemon process's last pass, passes and send latencies
(daemon_workers); the passwords admins reset (password_resets), and users.must_change, set
by a reset until the user chooses their own password.

Going back drops both tables and the column.

Revision ID: 0012
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table('daemon_workers',
    sa.Column('worker', sa.String(length=120), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_pass_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('passes', sa.Integer(), nullable=False),
    sa.Column('latency', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('worker', name=op.f('pk_daemon_workers'))
    )
    with op.batch_alter_table('daemon_workers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_daemon_workers_last_pass_at'), ['last_pass_at'], unique=False)
    op.create_table('password_resets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_password_resets_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_resets'))
    )
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_resets_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_resets_user_id'))
    op.drop_table('password_resets')
    with op.batch_alter_table('daemon_workers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_daemon_workers_last_pass_at'))
    op.drop_table('daemon_workers')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change')
