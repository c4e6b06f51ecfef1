"""Units, plans, duties, due items, completions.

Revision ID: 0001
Revises:
Datetimes are timestamptz on PostgreSQL and UTC text on SQLite (see cadence.store.types).
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('unit_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_groups')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_groups_name'))
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('head_name', sa.String(length=200), nullable=True),
    sa.Column('head_email', sa.String(length=200), nullable=True),
    sa.Column('head_phone', sa.String(length=40), nullable=True),
    sa.Column('dissolved_on', sa.Date(), nullable=True),
    sa.Column('successor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], name=op.f('fk_units_parent_id_units')),
    sa.ForeignKeyConstraint(['successor_id'], ['units.id'], name=op.f('fk_units_successor_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('code', name=op.f('uq_units_code'))
    )
    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('issuer', sa.String(length=300), nullable=False),
    sa.Column('issuer_unit_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('file', sa.String(length=500), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reading', sa.JSON(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['issuer_unit_id'], ['units.id'], name=op.f('fk_plans_issuer_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('key', name=op.f('uq_plans_key'))
    )
    op.create_table('unit_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_contacts_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_contacts'))
    )
    with op.batch_alter_table('unit_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_contacts_unit_id'), ['unit_id'], unique=False)

    op.create_table('unit_group_includes',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('included_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['unit_groups.id'], name=op.f('fk_unit_group_includes_group_id_unit_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['included_id'], ['unit_groups.id'], name=op.f('fk_unit_group_includes_included_id_unit_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'included_id', name=op.f('pk_unit_group_includes'))
    )
    op.create_table('unit_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['unit_groups.id'], name=op.f('fk_unit_group_members_group_id_unit_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_group_members_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'unit_id', name=op.f('pk_unit_group_members'))
    )
    op.create_table('unit_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('text', sa.String(length=400), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['unit_groups.id'], name=op.f('fk_unit_names_group_id_unit_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_names_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_names'))
    )
    with op.batch_alter_table('unit_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_names_key'), ['key'], unique=False)

    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=True),
    sa.Column('window_start', sa.Date(), nullable=True),
    sa.Column('window_end', sa.Date(), nullable=True),
    sa.Column('ongoing', sa.Boolean(), nullable=False),
    sa.Column('lead', sa.JSON(), nullable=False),
    sa.Column('support', sa.JSON(), nullable=False),
    sa.Column('directs', sa.JSON(), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_activities_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities')),
    sa.UniqueConstraint('plan_id', 'ref', name=op.f('uq_activities_plan_id_ref'))
    )
    op.create_table('monitors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('unit_text', sa.String(length=400), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_monitors_plan_id_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_monitors_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monitors'))
    )
    with op.batch_alter_table('monitors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_monitors_plan_id'), ['plan_id'], unique=False)

    op.create_table('duties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('kind', sa.Enum('produce', 'rebroadcast', 'task', 'check_in', 'report', name='itemkind', native_enum=False, length=12), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=True),
    sa.Column('series', sa.String(length=300), nullable=True),
    sa.Column('channel', sa.String(length=100), nullable=True),
    sa.Column('rule', sa.JSON(), nullable=True),
    sa.Column('period', sa.String(length=12), nullable=True),
    sa.Column('to_text', sa.String(length=400), nullable=True),
    sa.Column('units_text', sa.JSON(), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_duties_activity_id_activities')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_duties_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duties')),
    sa.UniqueConstraint('plan_id', 'ref', 'key', name=op.f('uq_duties_plan_id_ref_key'))
    )
    op.create_table('due_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('duty_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.Date(), nullable=False),
    sa.Column('window_end', sa.Date(), nullable=False),
    sa.Column('seq', sa.SmallInteger(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('done_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('open', 'done', 'late', 'missed', 'retired', name='itemstatus', native_enum=False, length=10), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_action_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('moved_from_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['duty_id'], ['duties.id'], name=op.f('fk_due_items_duty_id_duties'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moved_from_id'], ['units.id'], name=op.f('fk_due_items_moved_from_id_units')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_due_items_plan_id_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_due_items_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_due_items')),
    sa.UniqueConstraint('duty_id', 'unit_id', 'window_start', 'seq', name=op.f('uq_due_items_duty_id_unit_id_window_start_seq'))
    )
    with op.batch_alter_table('due_items', schema=None) as batch_op:
        batch_op.create_index('ix_due_items_next_action_at', ['next_action_at'], unique=False, sqlite_where=sa.text('next_action_at IS NOT NULL'), postgresql_where=sa.text('next_action_at IS NOT NULL'))
        batch_op.create_index('ix_due_items_plan_id_due_at', ['plan_id', 'due_at'], unique=False)
        batch_op.create_index('ix_due_items_unit_id_due_at', ['unit_id', 'due_at'], unique=False)

    op.create_table('completions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Enum('cli', 'csv', 'web', name='completionsource', native_enum=False, length=8), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('evidence_url', sa.String(length=1000), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['due_items.id'], name=op.f('fk_completions_item_id_due_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_completions'))
    )
    with op.batch_alter_table('completions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_completions_item_id'), ['item_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('completions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_completions_item_id'))

    op.drop_table('completions')
    with op.batch_alter_table('due_items', schema=None) as batch_op:
        batch_op.drop_index('ix_due_items_unit_id_due_at')
        batch_op.drop_index('ix_due_items_plan_id_due_at')
        batch_op.drop_index('ix_due_items_next_action_at', sqlite_where=sa.text('next_action_at IS NOT NULL'), postgresql_where=sa.text('next_action_at IS NOT NULL'))

    op.drop_table('due_items')
    op.drop_table('duties')
    with op.batch_alter_table('monitors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_monitors_plan_id'))

    op.drop_table('monitors')
    op.drop_table('activities')
    with op.batch_alter_table('unit_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_names_key'))

    op.drop_table('unit_names')
    op.drop_table('unit_group_members')
    op.drop_table('unit_group_includes')
    with op.batch_alter_table('unit_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_contacts_unit_id'))

    op.drop_table('unit_contacts')
    op.drop_table('plans')
    op.drop_table('units')
    op.drop_table('unit_groups')
