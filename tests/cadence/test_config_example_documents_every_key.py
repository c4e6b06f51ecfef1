"""config.example.toml shows every key the configuration accepts, and is itself valid."""
import tomllib

from cadence.config import config_keys, parse_config
from tests.cadence.support import ROOT

EXAMPLE = ROOT / "config.example.toml"


def _paths(table: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in table.items():
        path = f"{prefix}.{key}" if prefix else key
        found |= _paths(value, path) if isinstance(value, dict) else {path}
    return found


def test_every_configuration_key_appears_in_the_example() -> None:
    documented = _paths(tomllib.loads(EXAMPLE.read_text("utf-8")))
    missing = [key for key in config_keys() if key not in documented]
    assert missing == []


def test_the_example_is_a_valid_configuration() -> None:
    parse_config(tomllib.loads(EXAMPLE.read_text("utf-8")), path=EXAMPLE, environ={})
