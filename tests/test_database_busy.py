"""Another program holding SQLite's write lock longer than the busy timeout: every command and the
dashboard say so in one line ("the database is busy…"), never a traceback, a statement or a hash."""

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from models import db
from models.auth import add_user
from models.db import make_engine
from models.i18n import LANG_ENV
from tests.conftest import FIXTURES
from tests.screen import as_read
from tests.test_dashboard_roles import APP

PASSWORD = "mật khẩu đủ dài 2024"
BUSY_EN = "The database is busy: another program is writing to it; try again in a few minutes."
QUICK = "import models.db; models.db.SQLITE_BUSY_TIMEOUT_S = 0.3; from collector.cli import main; main()"


@pytest.fixture
def locked(sqlite_url) -> Iterator[str]:
    """``sqlite_url`` while another process holds its write lock (``BEGIN IMMEDIATE``, never committed)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()",
            sqlite_url.removeprefix("sqlite:///"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    yield sqlite_url
    holder.stdin.close()
    holder.wait(timeout=30)


def cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", QUICK, "--db", url, *args]
    env = {**os.environ, LANG_ENV: "en"}
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize(
    "args",
    [
        ("user", "add", "hoa", "--role", "editor", "--password-stdin"),
        ("activity", "add", "Hội nghị", "--kind", "conference", "--start", "2024-05-21"),
        ("import", str(FIXTURES / "campaigns_2024-05.csv")),
        ("maintenance", "rebuild-rollup"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_command_on_a_locked_database_says_busy_in_one_line(locked, args):
    ran = cli(locked, *args, stdin=PASSWORD + "\n")
    output = ran.stdout + ran.stderr
    assert ran.returncode == 1, output
    assert BUSY_EN in output
    # one line; an import adds its count of files processed and failed
    assert len(output.strip().splitlines()) == (2 if args[0] == "import" else 1), output
    assert "Traceback" not in output and "$argon2" not in output and "INSERT" not in output


def test_signing_in_to_the_dashboard_on_a_locked_database_says_busy(sqlite_url, monkeypatch):
    engine = make_engine(sqlite_url)
    with engine.begin() as connection:
        add_user(connection, "em", "editor", PASSWORD, by="test")
    engine.dispose()
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_S", 0.3)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", sqlite_url)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_AUTH", "required")
    monkeypatch.setenv(LANG_ENV, "en")
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["lang"] = "en"
    app.run()
    with _lock_held(sqlite_url):
        app.text_input(key="sign_in_name").input("em")
        app.text_input[1].input(PASSWORD)
        app.button[0].click().run()
    st.cache_data.clear()
    st.cache_resource.clear()
    assert not app.exception, [e.value for e in app.exception]
    assert [as_read(e.value) for e in app.error] == [BUSY_EN]


class _lock_held:
    """The ``locked`` fixture's holder as a context manager, to lock after the page has loaded."""

    def __init__(self, url: str) -> None:
        self.generator = locked.__wrapped__(url)

    def __enter__(self) -> None:
        next(self.generator)

    def __exit__(self, *exc) -> None:
        next(self.generator, None)
