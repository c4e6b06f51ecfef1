"""Alembic environment: always run from code (cadence.store.session.upgrade), which hands in
an open connection; there is no alembic.ini and no URL here."""
from alembic import context

from cadence.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run Cadence migrations through cadence.store.session.upgrade(engine)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
