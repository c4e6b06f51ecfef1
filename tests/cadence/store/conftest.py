"""Fixtures of the store's tests."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from cadence.store.session import make_engine


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    """An engine on the test database with no migration run yet: each migration test brings the
    schema to the revision it starts from."""
    engine = make_engine(database_url, create=True)
    yield engine
    engine.dispose()
