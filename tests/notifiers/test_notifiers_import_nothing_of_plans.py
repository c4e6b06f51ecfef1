"""notifiers is a leaf: it moves messages and must not reach into cadence or rules."""

import subprocess
import sys


def test_importing_notifiers_pulls_in_neither_cadence_nor_rules():
    # A fresh interpreter: this test process may have imported cadence for other tests.
    probe = (
        "import sys, notifiers, notifiers.email, notifiers.sms, notifiers.outbox, "
        "notifiers.render\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cadence', 'rules')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
