"""Fixtures of the cadence tests. Store tests take ``store``, built on the shared
``database_url`` fixture, so each runs on SQLite and on a real PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from cadence.store import Store, open_store


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url, create=True)
    yield opened
    opened.close()
