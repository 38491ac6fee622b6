"""Shared fixtures: a fresh migrated database on SQLite and on a real PostgreSQL server.

Migrating takes a while, so each session migrates one template per backend and every test gets a
copy: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL. Tests about the
migrations themselves carry ``pytest.mark.migrations`` and get a database migrated for real.

The PostgreSQL server is started once per test session with ``initdb``/``pg_ctl`` in a temporary
directory, on a free port on 127.0.0.1, as the ``postgres`` user when we run as root (PostgreSQL
refuses to run as root). Without PostgreSQL binaries those cases skip, unless
``ENGAGEMENT_MONITOR_REQUIRE_PG=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bench.pgserver import PostgresServer, pg_bin
from models.db import make_engine, migrate

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = pg_bin()
    if bin_dir is None:
        if os.environ.get("ENGAGEMENT_MONITOR_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL binaries (initdb, pg_ctl) not found, and CI requires them")
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql to run")
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def single_local_user(monkeypatch) -> None:
    """The dashboard runs as on 127.0.0.1 for one person (sign-in off) unless a test says otherwise."""
    monkeypatch.setenv("ENGAGEMENT_MONITOR_AUTH", "off")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One SQLite file migrated to head per session, copied for each test that needs a database."""
    path = tmp_path_factory.mktemp("template") / "engagement.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    with sqlite3.connect(path) as connection:  # the whole schema in the main file, none in a WAL
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


def fresh_sqlite(request, path: Path) -> str:
    """The URL of a migrated SQLite database at ``path``: a copy of the template, or migrated for
    real when the test carries ``pytest.mark.migrations``."""
    url = f"sqlite:///{path}"
    if request.node.get_closest_marker("migrations"):
        migrate(make_engine(url))
    else:
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """The URL of a fresh, migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return fresh_sqlite(request, tmp_path / "engagement.db")
    from_template = request.node.get_closest_marker("migrations") is None
    return request.getfixturevalue("postgres_server").fresh_database(from_template=from_template)


@pytest.fixture
def engine(db_url) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(request, tmp_path) -> str:
    """A fresh migrated SQLite database, for tests about SQLite-only behaviour."""
    return fresh_sqlite(request, tmp_path / "engagement.db")


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
