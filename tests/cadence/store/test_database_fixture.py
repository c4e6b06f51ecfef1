"""The `database_url` fixture gives every store test a real, empty database on both backends."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.support.postgres import PostgresUnavailable, find_binaries

metadata = sa.MetaData()
duties = sa.Table(
    "duties",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("unit", sa.String(200), nullable=False),
)


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


def test_the_database_starts_empty_and_takes_writes(engine: sa.Engine) -> None:
    assert sa.inspect(engine).get_table_names() == []
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(duties.insert(), [{"unit": "UBND xã Trà Bồng"}, {"unit": "Sở Nội vụ"}])
    with engine.connect() as connection:
        units = connection.scalars(sa.select(duties.c.unit).order_by(duties.c.id)).all()
    assert units == ["UBND xã Trà Bồng", "Sở Nội vụ"]


def test_a_rolled_back_transaction_leaves_nothing_behind(engine: sa.Engine) -> None:
    metadata.create_all(engine)
    with engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(duties.insert().values(unit="UBND huyện Lý Sơn"))
        transaction.rollback()
    with engine.connect() as connection:
        assert connection.scalar(sa.select(sa.func.count()).select_from(duties)) == 0


# Run twice: whichever runs second would find the first one's table if databases were shared.
@pytest.mark.parametrize("attempt", ["first", "second"])
def test_each_test_gets_a_database_of_its_own(engine: sa.Engine, attempt: str) -> None:
    assert sa.inspect(engine).get_table_names() == []
    metadata.create_all(engine)


def test_the_url_names_the_backend_and_the_psycopg_3_driver(
    database_url: str, request: pytest.FixtureRequest
) -> None:
    backend = request.node.callspec.params["database_url"]
    expected = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}[backend]
    assert sa.make_url(database_url).drivername == expected


def test_the_postgresql_server_is_a_real_postgresql(postgres_server) -> None:
    engine = sa.create_engine(postgres_server.url())
    with engine.connect() as connection:
        version = connection.scalar(sa.text("SELECT version()"))
        encoding = connection.scalar(sa.text("SHOW server_encoding"))
    engine.dispose()
    assert version.startswith("PostgreSQL ")
    assert encoding == "UTF8"  # plans are Vietnamese


def test_a_fresh_postgresql_database_is_dropped_afterwards(postgres_server) -> None:
    with postgres_server.fresh_database() as url:
        name = sa.make_url(url).database
        assert name in _database_names(postgres_server)
    assert name not in _database_names(postgres_server)


def test_missing_server_programs_say_what_to_install(tmp_path) -> None:
    with pytest.raises(PostgresUnavailable, match="apt-get install postgresql"):
        find_binaries([tmp_path])


def _database_names(server) -> set[str]:
    engine = sa.create_engine(server.url())
    with engine.connect() as connection:
        names = set(connection.scalars(sa.text("SELECT datname FROM pg_database")))
    engine.dispose()
    return names
