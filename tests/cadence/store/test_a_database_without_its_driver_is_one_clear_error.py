"""PostgreSQL's driver is an extra (``pip install 'cadence[postgresql]'``): an office on SQLite
does not install it, and a URL whose driver is missing is one error naming the setting and the
fix, not a traceback. (pg8000, a PostgreSQL driver Cadence does not use, stands for the missing
one: psycopg is installed here for the PostgreSQL tests.)"""
import pytest

from cadence.errors import CadenceError
from cadence.store import open_store


def test_a_missing_driver_names_the_setting_and_the_extra() -> None:
    with pytest.raises(CadenceError) as refused:
        open_store("postgresql+pg8000://cadence@127.0.0.1:9/cadence")
    assert refused.value.say("en") == ("database.url: the postgresql driver 'pg8000' is not installed "
                                       "(for PostgreSQL: pip install 'cadence[postgresql]')")
    vietnamese = str(refused.value)
    assert vietnamese.startswith("database.url: ") and "'pg8000'" in vietnamese and "cadence[postgresql]" in vietnamese
