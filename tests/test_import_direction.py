"""The house is one-way: models never import the collector or the dashboard; the collector never
imports the dashboard, except its entry point (the CLI), which wires the floors together. Inside the
collector, only the registries (``collector/sources.py``, ``collector/kinds.py``) name platforms: the
shared plumbing and the importer never import one."""

import ast
import subprocess
import sys
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
    assert "collector.platforms.youtube.source" in source_modules
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


PLATFORM_FILES = {"__init__.py", "api.py", "client.py", "connect.py", "export.py", "source.py"}


def test_the_plumbing_and_the_importer_never_import_a_platform_or_a_file_kind_by_name():
    readers = [*sorted((ROOT / "collector" / "plumbing").rglob("*.py")), ROOT / "collector" / "importer.py"]
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            module
            for module in imported_packages_by_module(path)
            if module.startswith(("collector.platforms", "collector.sheets"))
        )
        for path in readers
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}


def test_every_platform_folder_has_the_same_rooms():
    folders = sorted(path for path in (ROOT / "collector" / "platforms").iterdir() if path.is_dir())
    assert {folder.name for folder in folders} >= {"facebook", "youtube", "zalo", "tiktok"}
    for folder in folders:
        files = {path.name for path in folder.glob("*.py")}
        assert files <= PLATFORM_FILES, folder.name
        # A platform read from its exports only (Instagram, for now) has no API source yet.
        assert {"api.py", "source.py"} <= files or files == {"__init__.py", "export.py"}, folder.name


def test_the_importer_knows_file_kinds_only_through_their_registry():
    from collector.kinds import FILE_KINDS

    parsers = {kind.parser for kind in FILE_KINDS}
    assert "collector.platforms.facebook.export" in parsers
    imports = imported_packages_by_module(ROOT / "collector" / "importer.py")
    assert not imports & parsers
    assert "collector.kinds" in imports


EXPORTS = ROOT / "dashboard" / "exports"
WRITERS = {"csv", "xlsx", "html", "docx"}


def imports_inside_functions(path: Path) -> list[str]:
    """The modules a file imports from inside a function (the usual way to dodge an import cycle)."""
    found = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    found.append(node.module or ".")
                elif isinstance(node, ast.Import):
                    found += [alias.name for alias in node.names]
    return found


def test_the_export_tables_know_no_writer_and_the_registry_names_every_writer():
    package = {
        m for m in imported_packages_by_module(EXPORTS / "tables.py") if m.startswith("dashboard.exports")
    }
    assert package == set()
    word = {m for m in imported_packages_by_module(EXPORTS / "docx.py") if m.startswith("dashboard.exports")}
    assert word == {"dashboard.exports.tables"}  # the Word writer builds on the tables, never on a writer
    from dashboard.exports import WRITERS as registry

    assert {writer.module for writer in registry.values()} == WRITERS
    assert all((EXPORTS / f"{writer.module}.py").exists() for writer in registry.values())
    offenders = {path.name: imports_inside_functions(path) for path in sorted(EXPORTS.glob("*.py"))}
    assert {name: found for name, found in offenders.items() if found} == {}
    anywhere = {
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "dashboard").rglob("*.py"))
        if "dashboard.report_docx" in imported_packages_by_module(path)
    }
    assert anywhere == set()


def test_an_excel_export_loads_neither_plotly_nor_the_word_writer():
    """Writers are loaded by the registry when their format is asked for, not all at once."""
    script = (
        "import sys\nfrom dashboard.exports import WRITERS\n"
        "print(*sorted(m for m in ('plotly', 'docx', 'dashboard.exports.docx', 'dashboard.exports.html')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


@pytest.mark.parametrize("first", ["tables", "docx", "html"])
def test_any_export_module_can_be_imported_first(first):
    """No cycle: a fresh interpreter imports the module alone, then the whole package works."""
    script = (
        f"import dashboard.exports.{first}\nfrom dashboard.exports import FORMATS\nprint(*sorted(FORMATS))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) == WRITERS
