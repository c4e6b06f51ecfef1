"""due_items: its references (plan, duty, unit, moved_from) lose their foreign keys.

On PostgreSQL a foreign key is a trigger fired for every inserted row; on a national import
(2.5 million items by COPY) the four of them cost more than the rows themselves (55,000
instead of 147,000 items/s). The ids are right by construction (see cadence.store.models.DueItem).

Revision ID: 0004
Revises: 0003
"""
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# (constraint, referred table, column, on delete) as 0001 made them
_FOREIGN_KEYS = (
    ('fk_due_items_plan_id_plans', 'plans', 'plan_id', 'CASCADE'),
    ('fk_due_items_duty_id_duties', 'duties', 'duty_id', 'CASCADE'),
    ('fk_due_items_unit_id_units', 'units', 'unit_id', None),
    ('fk_due_items_moved_from_id_units', 'units', 'moved_from_id', None),
)


def upgrade() -> None:
    with op.batch_alter_table('due_items', schema=None) as batch_op:
        for name, _table, _column, _ondelete in _FOREIGN_KEYS:
            batch_op.drop_constraint(name, type_='foreignkey')


def downgrade() -> None:
    with op.batch_alter_table('due_items', schema=None) as batch_op:
        for name, table, column, ondelete in _FOREIGN_KEYS:
            batch_op.create_foreign_key(name, table, [column], ['id'], ondelete=ondelete)
