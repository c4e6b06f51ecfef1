"""A real headless Chromium for page tests: Debian's `chromium`, driven by Playwright.

Playwright's own browser downloads are not used (and are blocked here): it drives the system
binary through `executable_path`. Each context gets a fresh profile folder (--user-data-dir),
and the flags keep the browser from reaching anywhere but the server under test.

    with chromium_context(tmp_path, width=1280, height=900) as context:
        page = context.new_page()
        page.goto(server.url + "/board")
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = "install Debian's chromium (apt-get install -y chromium; .ci/system-packages does it)"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}  # a common phone, in CSS pixels


class ChromiumUnavailable(Exception):
    pass


def chromium_path() -> str:
    path = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if not path:
        raise ChromiumUnavailable(f"no {CHROMIUM}: {INSTALL_HINT}")
    return path


@contextmanager
def chromium_context(profile: Path, *, width: int = 1280, height: int = 900, **options) -> Iterator:
    """A browser context on a fresh profile folder, closed (and the browser ended) afterwards."""
    from playwright.sync_api import sync_playwright  # a test dependency only

    profile.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium_path(), args=ARGS, headless=True,
            viewport={"width": width, "height": height}, accept_downloads=True, **options)
        try:
            yield context
        finally:
            context.close()
