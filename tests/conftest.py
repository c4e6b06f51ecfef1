"""Fixtures shared by every test package. Keep this file small: helpers live in tests/support."""

import os
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.support.postgres import PostgresServer, PostgresUnavailable, running_postgres

pytest_plugins = ["tests.support.no_skips_in_ci"]  # in CI, a skipped test fails the run


@pytest.fixture(autouse=True)
def no_locale_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line takes its language from LC_ALL, LC_MESSAGES or LANG when nothing else
    chooses: a test says what it expects, whatever the machine running it is set to."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the whole session. In CI its absence fails, never skips."""
    with ExitStack() as stack:
        try:
            server = stack.enter_context(running_postgres())
        except PostgresUnavailable as error:
            if os.environ.get("CI", "").lower() in ("true", "1"):
                pytest.fail(f"CI must test on PostgreSQL: {error}", pytrace=False)
            pytest.skip(f"no PostgreSQL here: {error}")
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A SQLAlchemy URL to a fresh, empty database: a new SQLite file, or a new PostgreSQL
    database on the session's server, dropped afterwards. A test using it runs on both."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cadence.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    with server.fresh_database() as url:
        yield url
