"""Sign-in: passwords only as argon2 hashes, wrong passwords refused the same way for everyone,
a lockout after repeated failures, sessions that expire, and roles checked before any change."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from models.auth import (
    LOCKOUT,
    MAX_FAILURES,
    PermissionDenied,
    SignInFailed,
    User,
    add_user,
    authenticate,
    can,
    end_session,
    list_users,
    remove_user,
    require,
    session_user,
    set_password,
    start_session,
)
from models.errors import UserError
from models.i18n import LANG_ENV
from models.tables import AppUser, UserSession
from models.write import now_utc

PASSWORD = "mật khẩu đủ dài 2024"


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")


@pytest.fixture
def anna(engine) -> User:
    with engine.begin() as connection:
        return add_user(connection, "anna", "editor", PASSWORD, by="test")


def test_the_password_is_stored_only_as_an_argon2_hash(engine, anna):
    with engine.connect() as connection:
        stored = connection.execute(select(AppUser.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_the_right_password_signs_in_and_a_wrong_one_is_refused(engine, anna, english):
    assert authenticate(engine, "anna", PASSWORD) == User("anna", "editor")
    with pytest.raises(SignInFailed) as wrong:
        authenticate(engine, "anna", PASSWORD + "x")
    with pytest.raises(SignInFailed) as unknown:
        authenticate(engine, "nobody", PASSWORD)
    assert str(wrong.value) == str(unknown.value)  # never says who exists
    assert str(wrong.value).startswith("Wrong name or password")


def test_repeated_failures_lock_the_account_even_for_the_right_password(engine, anna):
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInFailed):
            authenticate(engine, "anna", "wrong password!")
    with pytest.raises(SignInFailed):
        authenticate(engine, "anna", PASSWORD)
    later = now_utc() + LOCKOUT + timedelta(seconds=1)
    assert authenticate(engine, "anna", PASSWORD, now=later).name == "anna"


def test_a_locked_account_is_told_in_vietnamese_by_default(engine, anna, monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInFailed):
            authenticate(engine, "anna", "wrong password!")
    with pytest.raises(SignInFailed) as locked:
        authenticate(engine, "anna", PASSWORD)
    assert str(locked.value) == (
        "Sai tên hoặc mật khẩu, hoặc đã thử sai quá nhiều lần (tài khoản bị khóa tạm): kiểm tra lại, "
        "hoặc đợi 15 phút rồi thử lại."
    )
    with engine.begin() as connection, pytest.raises(UserError, match="Mật khẩu quá ngắn: cần ít nhất 10"):
        add_user(connection, "bao", "viewer", "short", by="test")
    with pytest.raises(PermissionDenied, match="Việc này cần vai trò editor; bạn đang có vai trò viewer"):
        require("viewer", "editor")


def test_a_success_resets_the_count_of_failures(engine, anna):
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(SignInFailed):
            authenticate(engine, "anna", "wrong password!")
    authenticate(engine, "anna", PASSWORD)
    with pytest.raises(SignInFailed):
        authenticate(engine, "anna", "wrong password!")
    assert authenticate(engine, "anna", PASSWORD).name == "anna"


def test_a_new_password_lifts_the_lockout_and_ends_sessions(engine, anna):
    with engine.begin() as connection:
        token = start_session(connection, anna)
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInFailed):
            authenticate(engine, "anna", "wrong password!")
    with engine.begin() as connection:
        set_password(connection, "anna", "another long password", by="test")
        assert session_user(connection, token) is None
    assert authenticate(engine, "anna", "another long password").role == "editor"


def test_a_session_expires_and_stores_only_a_hash_of_its_token(engine, anna):
    with engine.begin() as connection:
        token = start_session(connection, anna, lifetime=timedelta(hours=1))
        assert session_user(connection, token) == anna
        assert session_user(connection, token, now=now_utc() + timedelta(hours=2)) is None
        assert session_user(connection, "forged-token") is None
        assert token not in connection.execute(select(UserSession.token_sha256)).scalars().all()


def test_signing_out_and_removing_a_user_end_their_sessions(engine, anna):
    with engine.begin() as connection:
        first, second = start_session(connection, anna), start_session(connection, anna)
        end_session(connection, first)
        assert session_user(connection, first) is None
        assert session_user(connection, second) == anna
        remove_user(connection, "anna", by="test")
        assert session_user(connection, second) is None
        assert list_users(connection) == []


def test_roles_include_the_ones_below(english):
    assert can("admin", "editor") and can("editor", "viewer") and can("viewer", "viewer")
    assert not can("viewer", "editor") and not can("editor", "admin") and not can(None, "viewer")
    require("admin", "admin")
    with pytest.raises(PermissionDenied, match="editor role"):
        require("viewer", "editor")


def test_short_passwords_unknown_roles_and_duplicate_names_are_refused(engine, anna, english):
    with engine.begin() as connection:
        with pytest.raises(UserError, match="too short"):
            add_user(connection, "bao", "viewer", "short", by="test")
        with pytest.raises(UserError, match="Unknown role"):
            add_user(connection, "bao", "owner", PASSWORD, by="test")
        with pytest.raises(UserError, match="already exists"):
            add_user(connection, "anna", "viewer", PASSWORD, by="test")


def test_the_cli_manages_users_with_the_password_from_stdin(sqlite_url):
    def cli(*args: str, stdin: str = "", lang: str = "en") -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", "from collector.cli import main; main()", "--db", sqlite_url, *args]
        env = {**os.environ, LANG_ENV: lang}
        return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=60, env=env)

    added = cli("user", "add", "chi", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert cli("user", "passwd", "chi", "--password-stdin", stdin="a new long password\n").returncode == 0
    listed = cli("user", "list")
    assert "chi" in listed.stdout and "admin" in listed.stdout
    assert PASSWORD not in listed.stdout + added.stdout + added.stderr
    refused = cli("user", "add", "dung", "--role", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert refused.returncode == 1 and "Unknown role" in refused.stderr and "Traceback" not in refused.stderr
    assert cli("user", "remove", "chi").returncode == 0
    assert "No users yet" in cli("user", "list").stdout


def test_the_cli_speaks_vietnamese_about_users_by_default(sqlite_url):
    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", "from collector.cli import main; main()", "--db", sqlite_url, *args]
        env = {k: v for k, v in os.environ.items() if k != LANG_ENV}
        return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=60, env=env)

    added = cli("user", "add", "chi", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.stdout.strip() == "Đã thêm người dùng chi với vai trò admin."
    assert cli("user", "list").stdout.split()[:3] == ["chi", "admin", "từ"]
    short = cli("user", "passwd", "chi", "--password-stdin", stdin="short\n")
    assert short.returncode == 1
    assert short.stderr.strip() == "Lỗi: Mật khẩu quá ngắn: cần ít nhất 10 ký tự."
    assert cli("user", "remove", "chi").stdout.strip() == "Đã xóa người dùng chi."
