"""Backing up and restoring the database: SQLite through its online backup API (safe while the
collector and the dashboard keep writing), PostgreSQL through ``pg_dump``/``pg_restore``.

A backup is one file. Restoring refuses to write over a database that already holds data unless
asked to (``replace``), and brings the restored schema to the current migration.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import URL, make_url

from collector.messages import say
from models.db import make_engine, migrate, redact_url
from models.errors import UserError
from models.i18n import language
from models.tables import Channel, EnrolmentResult

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    kind: str  # "sqlite" or "postgresql"


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise UserError(say("backup_memory", language()))
    return Path(url.database)


def pg_tool(name: str) -> Path:
    """``pg_dump`` or ``pg_restore``: from PATH, else the newest /usr/lib/postgresql/N/bin (Debian)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if not candidates:
        raise UserError(say("backup_pg_tool_missing", language(), tool=name))
    return candidates[-1]


def _copy_sqlite(origin: Path, destination: Path) -> None:
    """SQLite's online backup: page by page, consistent even while the collector writes."""
    with closing(sqlite3.connect(origin)) as source, closing(sqlite3.connect(destination)) as copy:
        source.backup(copy)


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL tools; the password goes by environment, never argv."""
    args = [
        "--host",
        url.host or "localhost",
        "--port",
        str(url.port or 5432),
        "--username",
        url.username or "",
    ]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict[str, str], lang: str, url: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or [""])[-1]
        raise UserError(say("backup_tool_failed", lang, tool=Path(command[0]).name, url=url, detail=detail))


def backup(database_url: str, path: Path, lang: str) -> BackupResult:
    """Write a copy of the database at ``database_url`` to ``path`` (a file; its folder is created)."""
    url = make_url(database_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = _sqlite_path(url)
        if not source.exists():
            raise UserError(say("backup_no_database", lang, url=redact_url(database_url)))
        partial = path.with_name(path.name + ".partial")
        _copy_sqlite(source, partial)
        partial.replace(path)
        return BackupResult(path, path.stat().st_size, "sqlite")
    if url.get_backend_name() == "postgresql":
        args, env = _libpq(url)
        partial = path.with_name(path.name + ".partial")
        command = [str(pg_tool("pg_dump")), *args, "--format=custom", "--no-owner", "--file", str(partial)]
        _run([*command, url.database or "postgres"], env, lang, redact_url(database_url))
        partial.replace(path)
        return BackupResult(path, path.stat().st_size, "postgresql")
    raise UserError(say("backup_backend_unknown", lang, url=redact_url(database_url)))


def backup_kind(path: Path, lang: str) -> str:
    """What a backup file holds, from its first bytes: ``sqlite`` or ``postgresql``."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise UserError(say("restore_unreadable", lang, path=path, reason=error.strerror or error)) from error
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise UserError(say("restore_not_backup", lang, path=path))


def _holds_data(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            channels = connection.execute(select(func.count()).select_from(Channel)).scalar_one()
            results = connection.execute(select(func.count()).select_from(EnrolmentResult)).scalar_one()
    except Exception:  # no tables yet: nothing to lose
        return False
    return bool(channels or results)


def restore(path: Path, database_url: str, lang: str, replace: bool = False) -> str:
    """Put the backup ``path`` in place of the database at ``database_url``; returns its backend."""
    url = make_url(database_url)
    kind = backup_kind(path, lang)
    backend = url.get_backend_name()
    if kind != backend:
        raise UserError(say("restore_other_backend", lang, path=path, kind=kind, backend=backend))
    target = make_engine(database_url)
    try:
        if not replace and _holds_data(target):
            raise UserError(say("restore_would_overwrite", lang, url=redact_url(database_url)))
        if backend == "sqlite":
            target.dispose()
            destination = _sqlite_path(url)
            destination.parent.mkdir(parents=True, exist_ok=True)
            _copy_sqlite(path, destination)
        else:
            args, env = _libpq(url)
            command = [str(pg_tool("pg_restore")), *args, "--clean", "--if-exists", "--no-owner"]
            command += ["--single-transaction", "--exit-on-error", "--dbname", url.database or "postgres"]
            _run([*command, str(path)], env, lang, redact_url(database_url))
        target.dispose()
        migrate(make_engine(database_url))  # a backup from an older version gets today's schema
    finally:
        target.dispose()
    return backend
