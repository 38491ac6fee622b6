"""A throwaway PostgreSQL cluster (``initdb``/``pg_ctl`` in a temporary directory, on a free port).

Shared by the test session (tests/conftest.py) and the benchmarks. PostgreSQL refuses to run as
root, so as root the binaries run as the ``postgres`` user.
"""

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from models.db import make_engine, migrate

PG_BIN_DIRS = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (17, 16, 15, 14, 13)]
_database_numbers = itertools.count()


def pg_bin() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    for directory in PG_BIN_DIRS:
        if (directory / "initdb").exists():
            return directory
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A throwaway PostgreSQL cluster, removed with its data by ``stop``."""

    def __init__(self, bin_dir: Path, settings: dict[str, str] | None = None) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="em-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.settings = settings or {}
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres")
        self.template_ready = False

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, text=True)

    def start(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
        )
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
        options += " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        options += "".join(f" -c {name}={value}" for name, value in self.settings.items())
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def fresh_database(self, name: str | None = None, *, from_template: bool = True) -> str:
        """A new database, migrated to head: cloned from a template migrated once (fast), or, with
        ``from_template=False``, created empty and migrated for real (for tests of the migrations)."""
        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            if from_template and not self.template_ready:
                connection.execute(text("CREATE DATABASE em_template"))
                template = make_engine(self.url("em_template"))
                migrate(template)
                template.dispose()
                self.template_ready = True
            name = name or f"em_test_{next(_database_numbers)}"
            clone = " TEMPLATE em_template" if from_template else ""
            connection.execute(text(f"CREATE DATABASE {name}{clone}"))
        admin.dispose()
        if not from_template:
            engine = make_engine(self.url(name))
            migrate(engine)
            engine.dispose()
        return self.url(name)
