"""In CI (CI=true), a skipped test fails the run: a missing PostgreSQL, Chromium or Tesseract must
not pass for a green build. Elsewhere a skip stays a skip, with its reason, so a developer
without a system package still runs the rest (`make test` installs them or says how).

Loaded from tests/conftest.py; a test may mark itself ``@pytest.mark.xfail`` as usual."""
from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_if_skipped(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _fail_if_skipped(outcome.get_result())


def _fail_if_skipped(report) -> None:
    if not in_ci() or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped in CI, where every test must run: {reason}"
