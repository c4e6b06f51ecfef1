"""From nothing to an approved schedule for the province plan, the way a new office does it: three
commands (`cadence init`, `cadence units seed-province "Quảng Ngãi"`, `cadence users add`), the
pages served by `cadence web`, then in Chromium: log in, upload the plan as a .docx, review,
map every unknown unit (here: each made a unit of its own), preview, approve, see the board.

It counts the person's steps (a command typed, a field filled, a choice made, a button pressed)
and the seconds the machine takes for each (commands, page loads and form posts, reading the
plan). The time a person spends reading and deciding is not measured here: add it per step.

Run: .venv/bin/python -m bench.bench_intake
Needs Debian's chromium (tests/support/browser.py) and a free loopback port.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT.parent / "shared" / "plans" / "quang-ngai-province-2025.txt"
NAME, PASSWORD = "dieuphoi", "mat-khau-du-dai-2025"


class Steps:
    """Each step a person takes, with the machine's seconds for it."""

    def __init__(self) -> None:
        self.done: list[tuple[str, float]] = []

    @contextmanager
    def step(self, what: str):
        started = time.perf_counter()
        yield
        self.done.append((what, time.perf_counter() - started))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _docx(folder: Path) -> Path:
    document = docx.Document()
    for line in PLAN.read_text("utf-8").splitlines():
        document.add_paragraph(line.strip())
    path = folder / "ke-hoach-truyen-thong-2025.docx"
    document.save(path)
    return path


def _commands(steps: Steps, folder: Path, env: dict) -> None:
    cadence = str(Path(sys.executable).with_name("cadence"))
    run = {"cwd": folder, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    with steps.step("cadence init"):
        subprocess.run([cadence, "init"], **run)
    with steps.step('cadence units seed-province "Quảng Ngãi"'):
        subprocess.run([cadence, "units", "seed-province", "Quảng Ngãi"], **run)
    with steps.step("cadence users add (password typed)"):
        subprocess.run([cadence, "users", "add", NAME, "--password-file", "-"], input=f"{PASSWORD}\n",
                       text=True, **run)


@contextmanager
def _served(folder: Path, env: dict, port: int):
    cadence = str(Path(sys.executable).with_name("cadence"))
    server = subprocess.Popen([cadence, "web", "--port", str(port)], cwd=folder, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _pages(steps: Steps, url: str, plan: Path, folder: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.support.browser import DESKTOP, chromium_context

    with chromium_context(folder / "profile", **DESKTOP) as browser:
        page = browser.new_page()
        with steps.step("open the log-in page"):
            page.goto(url + "/login")
        with steps.step("type the name"):
            page.locator("input[name=name]").fill(NAME)
        with steps.step("type the password"):
            page.locator("input[name=password]").fill(PASSWORD)
        with steps.step("press Đăng nhập"):
            page.locator("form button[type=submit]").click()
            page.wait_for_load_state()
        with steps.step("open Tiếp nhận kế hoạch"):
            page.goto(url + "/intake")
        with steps.step("choose the .docx"):
            page.locator("#u-file").set_input_files(str(plan))
        with steps.step("press Tải lên và đọc (the plan is read)"):
            page.locator("form[action='/intake/upload'] button[type=submit]").click()
            page.wait_for_load_state()
        unknown = page.locator("form.unit-map").count()
        for n in range(unknown):
            form = page.locator("form.unit-map").first
            with steps.step(f"unknown unit {n + 1}: choose «tạo đơn vị mới»"):
                form.locator("select[name=choice]").select_option("new")
            with steps.step(f"unknown unit {n + 1}: press Ghi nhớ"):
                form.get_by_role("button").click()
                page.wait_for_load_state()
        with steps.step("open Xem trước lịch"):
            page.goto(page.url.split("#")[0] + "/preview")
        with steps.step("press Phê duyệt (the schedule is made), see the board"):
            page.locator("#approve button[type=submit]").click()
            page.wait_for_load_state()
        assert "/board" in page.url, page.url
        return {"unknown units": unknown}


def measure() -> dict:
    steps = Steps()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        env = dict(os.environ, CADENCE_WEB_SECRET="bench-intake-secret-0123456789")
        env.pop("CADENCE_CONFIG", None)
        env.pop("CADENCE_DATABASE_URL", None)
        plan = _docx(folder)
        _commands(steps, folder, env)
        with _served(folder, env, _free_port()) as url:
            found = _pages(steps, url, plan, folder)
    return {"steps": steps.done, **found}


def main() -> None:
    result = measure()
    for n, (what, seconds) in enumerate(result["steps"], start=1):
        print(f"{n:>3}. {what:<60} {seconds:6.2f} s")
    total = sum(seconds for _, seconds in result["steps"])
    print(f"{len(result['steps'])} steps ({result['unknown units']} unknown units mapped); machine time {total:.1f} s")


if __name__ == "__main__":
    main()
