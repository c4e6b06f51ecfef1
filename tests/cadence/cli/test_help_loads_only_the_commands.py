"""`cadence --help` lists every command without loading the database, the daemon, the web
server, the transports or the plan reader: those load when a command runs (how long it takes is
measured by bench/bench_startup.py, never by a test). Importing the schedule, documented as
plain values, loads no transport and no database either."""
from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "alembic", "psycopg", "aiosmtplib", "httpx", "jinja2", "uvicorn", "starlette",
         "apscheduler", "vietnam_provinces", "openpyxl", "icalendar", "docx", "pypdf", "pdfplumber", "rapidfuzz",
         "argon2", "holidays", "rules")


def _loaded(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in done.stderr.split()}


def test_help_lists_the_commands_and_loads_none_of_the_heavy_parts() -> None:
    code = ("from cadence.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    listed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert all(command in listed for command in ("parse", "plan", "due", "done", "run", "tick", "web", "users"))
    assert sorted(_loaded(code) & set(HEAVY)) == []


def test_the_schedule_loads_no_transport_and_no_database() -> None:
    assert sorted(_loaded("import cadence.schedule, cadence.schedule.states") & {
        "sqlalchemy", "alembic", "aiosmtplib", "httpx", "jinja2", "uvicorn", "starlette"}) == []
