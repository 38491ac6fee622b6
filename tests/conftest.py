"""Shared fixtures: a fresh migrated database on SQLite and on a real PostgreSQL server.

The PostgreSQL server is started once per test session with ``initdb``/``pg_ctl`` in a temporary
directory, on a free port on 127.0.0.1, as the ``postgres`` user when we run as root (PostgreSQL
refuses to run as root). Without PostgreSQL binaries those cases skip, unless
``ENGAGEMENT_MONITOR_REQUIRE_PG=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from models.db import make_engine, migrate

FIXTURES = Path(__file__).parent / "fixtures"
PG_BIN_DIRS = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (17, 16, 15, 14, 13)]
_database_numbers = itertools.count()


def _pg_bin() -> Path | None:
    for directory in PG_BIN_DIRS:
        if (directory / "initdb").exists():
            return directory
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A throwaway PostgreSQL cluster for this test session."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="em-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
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

    def fresh_database(self) -> str:
        """A new database, migrated to head (cloned from a migrated template: fast)."""
        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            if not self.template_ready:
                connection.execute(text("CREATE DATABASE em_template"))
                template = make_engine(self.url("em_template"))
                migrate(template)
                template.dispose()
                self.template_ready = True
            name = f"em_test_{next(_database_numbers)}"
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE em_template"))
        admin.dispose()
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        if os.environ.get("ENGAGEMENT_MONITOR_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL binaries (initdb, pg_ctl) not found, and CI requires them")
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql to run")
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """The URL of a fresh, migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'engagement.db'}"
        migrate(make_engine(url))
        return url
    return request.getfixturevalue("postgres_server").fresh_database()


@pytest.fixture
def engine(db_url) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A fresh migrated SQLite database, for tests about SQLite-only behaviour."""
    url = f"sqlite:///{tmp_path / 'engagement.db'}"
    migrate(make_engine(url))
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def demo_url(request, tmp_path_factory) -> str:
    """A database holding the demo dataset, loaded once per session and backend: read it, don't write."""
    from collector.demo import load_demo

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    else:
        url = request.getfixturevalue("postgres_server").fresh_database()
    engine = make_engine(url)
    migrate(engine)
    load_demo(engine)
    engine.dispose()
    return url


@pytest.fixture
def demo_engine(demo_url) -> Iterator[Engine]:
    engine = make_engine(demo_url)
    yield engine
    engine.dispose()
