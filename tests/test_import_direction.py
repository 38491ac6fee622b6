"""The house is one-way: models never import the collector or the dashboard; the collector never
imports the dashboard, except its entry point (the CLI), which wires the floors together."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever the import statement is (even in a function)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(
    ("floor", "forbidden", "entry_points"),
    [("models", {"collector", "dashboard"}, set()), ("collector", {"dashboard"}, {"cli.py"})],
)
def test_no_floor_imports_a_higher_one(floor, forbidden, entry_points):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & forbidden)
        for path in sorted((ROOT / floor).rglob("*.py"))
        if path.name not in entry_points and imported_packages(path) & forbidden
    }
    assert offenders == {}


def test_the_scheduler_status_and_doctor_know_sources_only_through_the_registry():
    from collector.sources import REGISTRY

    source_modules = {entry.run.__module__ for entry in REGISTRY.values()}
    assert "collector.youtube_channel" in source_modules
    for reader in ("scheduler.py", "status.py", "config.py"):
        imports = imported_packages_by_module(ROOT / "collector" / reader)
        assert not imports & source_modules, reader
        assert "collector.sources" in imports, reader


def imported_packages_by_module(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found
