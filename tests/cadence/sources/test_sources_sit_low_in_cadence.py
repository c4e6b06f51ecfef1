"""cadence.sources opens files for every layer above it: it may use only the catalogue, the
errors, the time zone, the opening of a person's file (userfiles) and rules, never the store, the
CLI or the daemon."""
import subprocess
import sys

ALLOWED = {"cadence", "cadence.sources", "cadence.catalogue", "cadence.errors", "cadence.tz", "cadence.userfiles"}


def test_the_sources_package_pulls_in_only_the_low_modules_of_cadence():
    code = ("import sys, pkgutil, importlib, cadence.sources as s\n"
            "for m in pkgutil.walk_packages(s.__path__, 'cadence.sources.'): importlib.import_module(m.name)\n"
            "print(' '.join(sorted(n for n in sys.modules if n.startswith('cadence'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert [name for name in loaded if name not in ALLOWED and not name.startswith("cadence.sources.")] == []
