"""Contacts hold (channel, address) rows: a channel is a plugin (cadence.channels), so a contact
has no fixed email and phone columns, and a unit's head is one of its contacts (role "head")
rather than three columns of the unit.

Data carried over: each contact's email becomes an "email" address and its phone an "sms"
address (blank ones are dropped, the others kept as typed, trimmed); a unit's head with an
email or a phone becomes a contact of role "head" with the same addresses. Going back, each
contact takes its first email and first SMS address again, each head returns to its unit's
columns, and addresses on other channels are dropped (the older Cadence knew none).

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_OLD = (("email", "email"), ("phone", "sms"))  # old column → channel


def upgrade() -> None:
    op.create_table(
        'contact_addresses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=8), nullable=False),
        sa.Column('address', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['contact_id'], ['unit_contacts.id'],
                                name=op.f('fk_contact_addresses_contact_id_unit_contacts'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_addresses')))
    with op.batch_alter_table('contact_addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_addresses_contact_id'), ['contact_id'], unique=False)
    with op.batch_alter_table('unit_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=8), nullable=False, server_default='contact'))
    for column, channel in _OLD:
        _addresses_from(f"SELECT id AS contact_id, {column} AS address FROM unit_contacts", channel)
    _ids_after_the_highest('unit_contacts')
    op.execute("INSERT INTO unit_contacts (unit_id, role, name) SELECT id, 'head', COALESCE(head_name, '') "
               "FROM units WHERE " + " OR ".join(f"TRIM(COALESCE(head_{c}, '')) <> ''" for c, _ in _OLD)
               + " ORDER BY id")
    for column, channel in _OLD:
        _addresses_from(f"SELECT c.id AS contact_id, u.head_{column} AS address FROM unit_contacts c "
                        "JOIN units u ON u.id = c.unit_id WHERE c.role = 'head'", channel)
    with op.batch_alter_table('unit_contacts', schema=None) as batch_op:
        batch_op.drop_column('email')
        batch_op.drop_column('phone')
        batch_op.alter_column('role', server_default=None)
    with op.batch_alter_table('units', schema=None) as batch_op:
        for column in ('head_name', 'head_email', 'head_phone'):
            batch_op.drop_column(column)


def _addresses_from(select: str, channel: str) -> None:
    """Insert the (contact_id, address) rows ``select`` gives, blank ones left out, as addresses
    on ``channel``."""
    op.execute(f"INSERT INTO contact_addresses (contact_id, channel, address) "
               f"SELECT p.contact_id, '{channel}', TRIM(p.address) FROM ({select}) p "
               "WHERE TRIM(COALESCE(p.address, '')) <> '' ORDER BY p.contact_id")


def downgrade() -> None:
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('head_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('head_email', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('head_phone', sa.String(length=40), nullable=True))
    with op.batch_alter_table('unit_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
    for column, channel in _OLD:
        op.execute(f"UPDATE unit_contacts SET {column} = ({_first(channel, 'unit_contacts.id')})")
        op.execute(f"UPDATE units SET head_{column} = ({_first(channel, _head_of('units.id'))})")
    op.execute(f"UPDATE units SET head_name = (SELECT c.name FROM unit_contacts c WHERE c.id = {_head_of('units.id')})")
    op.execute("DELETE FROM contact_addresses WHERE contact_id IN (SELECT id FROM unit_contacts WHERE role = 'head')")
    op.execute("DELETE FROM unit_contacts WHERE role = 'head'")
    with op.batch_alter_table('contact_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_addresses_contact_id'))
    op.drop_table('contact_addresses')
    with op.batch_alter_table('unit_contacts', schema=None) as batch_op:
        batch_op.drop_column('role')


def _ids_after_the_highest(table: str) -> None:
    """On PostgreSQL, new rows' ids start after the highest one, however the others were written."""
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                   f"FROM {table}")


def _first(channel: str, contact: str) -> str:
    """The first address on ``channel`` of the contact whose id is the SQL ``contact``."""
    return (f"SELECT a.address FROM contact_addresses a WHERE a.contact_id = {contact} "
            f"AND a.channel = '{channel}' ORDER BY a.id LIMIT 1")


def _head_of(unit: str) -> str:
    return f"(SELECT MIN(h.id) FROM unit_contacts h WHERE h.unit_id = {unit} AND h.role = 'head')"

