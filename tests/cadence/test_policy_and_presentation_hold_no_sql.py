"""``web/``, ``daemon/``, ``cli/``, ``links.py`` and ``demo.py`` hold policy and presentation: they
ask the store (``cadence.store``) and get plain values back. None of them imports SQLAlchemy (or
alembic, or a database driver), imports the store's tables, runs a statement on a session, or
holds SQL text."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.cadence.support import ROOT

PACKAGE = ROOT / "cadence"
CHECKED = sorted([*(p for part in ("web", "daemon", "cli") for p in (PACKAGE / part).rglob("*.py")),
                  PACKAGE / "links.py", PACKAGE / "demo.py"])
DATABASE_LIBRARIES = ("sqlalchemy", "alembic", "psycopg", "sqlite3")
TABLES = re.compile(r"^(\w+Row|DueItem|DueMoment|Base)$")
SQL = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\b.+\bSET|DELETE\s+FROM)\b", re.S)
STATEMENTS = {"execute", "scalar", "scalars", "get", "add", "add_all", "flush", "delete", "merge", "query",
              "exec_driver_sql"}


def problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"imports {a.name}" for a in node.names if a.name.split(".")[0] in DATABASE_LIBRARIES]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in DATABASE_LIBRARIES:
                found.append(f"imports from {module}")
            elif module.startswith("cadence.store"):
                found += [f"imports the table {a.name}" for a in node.names if TABLES.match(a.name)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STATEMENTS:
            receiver = node.func.value
            if isinstance(receiver, ast.Name) and receiver.id in ("session", "connection"):
                found.append(f"runs {receiver.id}.{node.func.attr}() on line {node.lineno}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"holds SQL on line {node.lineno}: {node.value[:40]!r}")
    return found


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_of_policy_or_presentation_asks_the_store(path: Path) -> None:
    assert problems(path) == []


def test_the_checker_sees_each_kind_of_database_work(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from sqlalchemy import select\nfrom cadence.store.models import DueItem, PlanRow\n"
                     "def f(session):\n    session.execute(None)\n    return 'SELECT id FROM due_items'\n",
                     encoding="utf-8")
    assert problems(probe) == ["imports from sqlalchemy", "imports the table DueItem", "imports the table PlanRow",
                               "runs session.execute() on line 4", "holds SQL on line 5: 'SELECT id FROM due_items'"]
