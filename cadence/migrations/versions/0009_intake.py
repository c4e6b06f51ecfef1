"""The intake: where a unit's name counts, units made from a plan, plans retired, every version
of a plan as it was read, and the corrections people make to a reading.

- unit_names.home_id: the unit within whose plans a name counts (NULL: everywhere). Names
  carried over count everywhere, as they did.
- units.made_from: the key of the plan a unit was made from (`plan import --create-units`).
- unit_groups.owner_id: the unit whose bodies a group gathers.
- plans.retired_at, retired_by: a retired plan's open items have stopped; its history stays.
- plan_versions: each reading of a plan with the text the reader saw; the reading of each plan
  already stored becomes its approved version (its text unknown then: empty).
- plan_overrides: corrections, per plan.

Going back drops the versions, the corrections and the new columns (a retired plan's items
stay retired).

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_EMPTY_DIGEST = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # SHA-256 of no text


def upgrade() -> None:
    with op.batch_alter_table('unit_names', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_unit_names_home_id_units'), 'units', ['home_id'], ['id'],
                                    ondelete='CASCADE')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('made_from', sa.String(length=120), nullable=True))
    with op.batch_alter_table('unit_groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_unit_groups_owner_id_units'), 'units', ['owner_id'], ['id'])
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('retired_by', sa.String(length=200), nullable=True))
    _create_versions()
    _create_overrides()
    op.execute(
        "INSERT INTO plan_versions (plan_key, status, file_name, file_digest, text_digest, text, pages, reading, "
        "title, issuer, year, starts_on, ends_on, uploaded_by, uploaded_at, approved_by, approved_at, as_new) "
        f"SELECT key, 'approved', file, '{_EMPTY_DIGEST}', '{_EMPTY_DIGEST}', '', '[]', reading, title, issuer, "
        "year, starts_on, ends_on, '', imported_at, '', imported_at, false FROM plans ORDER BY id")


def _create_versions() -> None:
    op.create_table('plan_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_key', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('stored_as', sa.String(length=200), nullable=True),
    sa.Column('file_digest', sa.String(length=64), nullable=False),
    sa.Column('text_digest', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('pages', sa.JSON(), nullable=False),
    sa.Column('reading', sa.JSON(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('issuer', sa.String(length=300), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('uploaded_by', sa.String(length=200), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by', sa.String(length=200), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('as_new', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_versions'))
    )
    with op.batch_alter_table('plan_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_versions_plan_key'), ['plan_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_versions_text_digest'), ['text_digest'], unique=False)


def _create_overrides() -> None:
    op.create_table('plan_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_key', sa.String(length=120), nullable=False),
    sa.Column('target', sa.String(length=40), nullable=False),
    sa.Column('field', sa.String(length=20), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('original', sa.JSON(), nullable=True),
    sa.Column('made_by', sa.String(length=200), nullable=False),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_overrides')),
    sa.UniqueConstraint('plan_key', 'target', 'field', name=op.f('uq_plan_overrides_plan_key_target_field'))
    )


def downgrade() -> None:
    op.drop_table('plan_overrides')
    with op.batch_alter_table('plan_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_versions_text_digest'))
        batch_op.drop_index(batch_op.f('ix_plan_versions_plan_key'))
    op.drop_table('plan_versions')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('retired_by')
        batch_op.drop_column('retired_at')
    with op.batch_alter_table('unit_groups', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_unit_groups_owner_id_units'), type_='foreignkey')
        batch_op.drop_column('owner_id')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('made_from')
    with op.batch_alter_table('unit_names', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_unit_names_home_id_units'), type_='foreignkey')
        batch_op.drop_column('home_id')
