"""rules and notifiers are leaves: neither imports cadence (nor notifiers rules)."""
import subprocess
import sys

import pytest


@pytest.mark.parametrize("package, forbidden", [("rules", ("cadence", "notifiers")), ("notifiers", ("cadence", "rules"))])
def test_a_leaf_package_pulls_in_nothing_of_the_app(package, forbidden):
    code = (f"import sys, pkgutil, importlib, {package}\n"
            f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'): importlib.import_module(m.name)\n"
            "print(' '.join(sorted(n for n in sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not [n for n in loaded if n.split(".")[0] in forbidden]
