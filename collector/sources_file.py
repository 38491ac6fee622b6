"""Changing ``sources.toml`` from the dashboard: add, edit, pause and remove a source, keeping the
file's comments and layout (tomlkit), checked exactly as the collector reads it, written atomically.

The file stays the one truth for sources: the CLI (``collect``, ``status``, ``doctor``) and the
dashboard read the same file. A change that would make the file invalid is refused in one line and
nothing is written.
"""

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from collector.config import CollectorConfig, parse_config
from collector.messages import say
from models.errors import UserError
from models.i18n import language


def _read(path: Path) -> tomlkit.TOMLDocument:
    if not path.exists():
        return tomlkit.document()
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, TOMLKitError) as error:
        raise UserError(say("config_unreadable", language(), path=path, reason=error)) from None


def _tables(document: tomlkit.TOMLDocument) -> Any:
    if "sources" not in document:
        document.append("sources", tomlkit.aot())
    return document["sources"]


def _index(document: tomlkit.TOMLDocument, name: str) -> int:
    for number, table in enumerate(_tables(document)):
        if table.get("name") == name:
            return number
    raise UserError(say("sources_unknown", language(), name=name))


def _write(path: Path, document: tomlkit.TOMLDocument) -> CollectorConfig:
    """Check the new text as the collector would read it, then replace the file atomically."""
    text = tomlkit.dumps(document)
    config = parse_config(text, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    if path.exists() and sys.platform != "win32":
        os.chmod(temporary, path.stat().st_mode & 0o777)
    os.replace(temporary, path)
    return config


def _table(values: Mapping[str, Any]) -> Any:
    table = tomlkit.table()
    for key, value in values.items():
        if value is not None:
            table[key] = value
    return table


def add_source(path: Path, values: Mapping[str, Any]) -> CollectorConfig:
    """Append a ``[[sources]]`` table (refused if the name is taken or a setting is wrong)."""
    document = _read(path)
    _tables(document).append(_table(values))
    return _write(path, document)


def update_source(path: Path, name: str, changes: Mapping[str, Any]) -> CollectorConfig:
    """Change settings of the source ``name``; a value of None removes the key (its default applies)."""
    document = _read(path)
    table = _tables(document)[_index(document, name)]
    for key, value in changes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    return _write(path, document)


def set_paused(path: Path, name: str, paused: bool) -> CollectorConfig:
    """Pause a source (it stays in the file and in ``status``, but is not collected) or resume it."""
    return update_source(path, name, {"paused": True if paused else None})


def remove_source(path: Path, name: str) -> CollectorConfig:
    """Take the source ``name`` out of the file (its collected data stay in the database)."""
    document = _read(path)
    del _tables(document)[_index(document, name)]
    return _write(path, document)


def edit(path: Path, change: Callable[[tomlkit.TOMLDocument], None]) -> CollectorConfig:
    """Apply ``change`` to the parsed file and write it back as :func:`add_source` does (checked,
    atomic, comments kept): for edits that are not one source's keys (the alerts' sub-tables)."""
    document = _read(path)
    change(document)
    return _write(path, document)


def sources_of(document: tomlkit.TOMLDocument) -> Any:
    """The ``[[sources]]`` array of a document being edited (created when missing)."""
    return _tables(document)


def has_source(path: Path, name: str) -> bool:
    if not path.exists():
        return False
    return any(table.get("name") == name for table in _tables(_read(path)))
