"""Cadence's parts stand in layers, and a part imports only its own layer and those below:

    tz, errors, kinds, catalogue, configkit, userfiles, collector (leaves)  →  channels  →  units, sources, diagnostics  →  config
    →  schedule  →  store  →  daemon, links, ics, intake  →  web, demo  →  cli

Every import counts, at the top of a module or inside a function, and so does a module named
in a string (``importlib.import_module("cadence.web")``). Parts of one layer may use each other
but not in a circle. A module of a part that has no layer fails the test until it is given one.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.cadence.support import ROOT

LAYERS: tuple[tuple[str, ...], ...] = (
    ("tz", "errors", "kinds", "catalogue", "configkit", "userfiles", "collector"),  # leaves: import no part
    ("channels",),  # each channel: its config section, address, rendering, transport
    ("units", "sources", "diagnostics"),  # the units directory; plan documents and the reader's words (import rules)
    ("config",),
    ("schedule",),  # plain values: what is due when, and the one policy of an item's state
    ("store", "migrations"),  # the database: tables, migrations, every query
    ("daemon", "links", "ics", "completions_csv", "intake"),  # intake: from a plan file to an approved schedule
    ("web", "demo"),
    ("cli", "__main__"),  # the `cadence` command; `python -m cadence` runs the same
)
LAYER = {part: number for number, parts in enumerate(LAYERS) for part in parts}
PACKAGE = ROOT / "cadence"
_NAMED = re.compile(r"^cadence(\.\w+)+(:\w+)?$")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _part(module: str) -> str | None:
    pieces = module.split(".")
    return pieces[1] if pieces[0] == "cadence" and len(pieces) > 1 else None


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def imported(module: str, path: Path) -> set[str]:
    """Every cadence module ``module`` names: its imports anywhere, and module names in strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    docstrings, found = _docstrings(tree), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if _NAMED.match(node.value):
                found.add(node.value.split(":")[0])
    return {name for name in found if name == "cadence" or name.startswith("cadence.")}


MODULES = _modules()


def test_every_part_of_cadence_has_a_layer() -> None:
    parts = {_part(module) for module in MODULES} - {None}
    assert sorted(parts - set(LAYER)) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _part(m)))
def test_a_module_imports_nothing_from_a_layer_above_its_own(module: str) -> None:
    mine = _part(module)
    upward = sorted(name for name in imported(module, MODULES[module])
                    if _part(name) and LAYER.get(_part(name), -1) > LAYER[mine])
    assert upward == [], f"{module} ({mine}, layer {LAYER[mine]}) imports from above: {upward}"


def test_parts_of_one_layer_do_not_import_each_other_in_a_circle() -> None:
    uses: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        mine = _part(module)
        for name in imported(module, path):
            theirs = _part(name)
            if mine and theirs and theirs != mine and LAYER.get(theirs) == LAYER[mine]:
                uses[mine].add(theirs)
    circles = sorted((a, b) for a in uses for b in uses[a] if a in _reachable(uses, b))
    assert circles == []


def _reachable(uses: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for after in uses.get(todo.pop(), ()):
            if after not in seen:
                seen.add(after)
                todo.append(after)
    return seen


def test_the_checker_sees_imports_inside_functions_and_named_in_strings(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text('"""cadence.web is named here only in a docstring."""\n'
                      "def later():\n    from cadence.web import app\n"
                      "SERVICES = ('cadence.daemon.loop:serve',)\n", encoding="utf-8")
    assert imported("cadence.store.probe", source) == {"cadence.web", "cadence.web.app", "cadence.daemon.loop"}
