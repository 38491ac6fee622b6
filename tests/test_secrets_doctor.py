"""Secrets and `doctor`: a secrets file others can read is refused; `doctor` checks configuration,
database and each Page token against the local fake Graph API, warns a week before a token expires,
and never prints the token."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from collector.cli import app
from collector.doctor import FAIL, OK, WARN, run_doctor
from collector.platforms.facebook.source import token_warnings
from collector.plumbing.secrets import SECRETS_ENV, SecretsFileError, secret
from models.db import make_engine
from models.i18n import LANG_ENV
from models.tables import SourceState
from tests.fake_graph import TOKEN, FakeGraph

TOKEN_ENV = "EM_TEST_PAGE_TOKEN"


@pytest.fixture
def fake():
    with FakeGraph.sample() as fake:
        yield fake


@pytest.fixture
def sources(tmp_path, fake):
    path = tmp_path / "sources.toml"
    path.write_text(
        "[[sources]]\n"
        'name = "BHXH Lào Cai"\n'
        'type = "facebook_page"\n'
        'page_id = "100064523817765"\n'
        f'token_env = "{TOKEN_ENV}"\n'
        f'base_url = "{fake.url}"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Each test in an empty folder, so no ./secrets.toml or ./sources.toml is picked up by accident;
    messages in English unless a test asks for the default (Vietnamese)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(SECRETS_ENV, raising=False)
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    monkeypatch.setenv(LANG_ENV, "en")


def debug_answer(expires_in: timedelta | None, scopes=("pages_read_engagement", "read_insights")) -> dict:
    expires = int((datetime.now(UTC) + expires_in).timestamp()) if expires_in else 0
    return {"data": {"type": "PAGE", "is_valid": True, "scopes": list(scopes), "expires_at": expires}}


def doctor_cli(sqlite_url, sources, **env):
    return CliRunner().invoke(app, ["--db", sqlite_url, "doctor", "--config", str(sources)], env=env)


def test_the_chmod_hint_and_doctor_speak_vietnamese_by_default(
    tmp_path, sqlite_url, sources, fake, monkeypatch
):
    monkeypatch.delenv(LANG_ENV)
    path = tmp_path / "secrets.toml"
    path.write_text(f'{TOKEN_ENV} = "{TOKEN}"\n', encoding="utf-8")
    path.chmod(0o644)
    with pytest.raises(SecretsFileError) as refused:
        secret(TOKEN_ENV, {SECRETS_ENV: str(path)})
    assert str(refused.value) == (
        f"Người dùng khác đọc được tệp {path} (quyền -rw-r--r--); hãy chạy: chmod 600 {path}"
    )
    path.chmod(0o600)
    fake.expired = True
    result = doctor_cli(sqlite_url, sources, **{TOKEN_ENV: TOKEN})
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["ĐẠT", "ĐẠT", "ĐẠT", "LỖI"]
    assert lines[-1] == (
        "LỖI    mã truy cập của nguồn 'BHXH Lào Cai': không hợp lệ (đã hết hạn); "
        f"hãy tạo mã truy cập Trang mới và đặt vào {TOKEN_ENV}."
    )
    assert TOKEN not in result.output


def test_a_secrets_file_others_can_read_is_refused_with_the_chmod_to_run(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(f'{TOKEN_ENV} = "{TOKEN}"\n', encoding="utf-8")
    for mode in (0o644, 0o640, 0o604):
        path.chmod(mode)
        with pytest.raises(SecretsFileError) as refused:
            secret(TOKEN_ENV, {SECRETS_ENV: str(path)})
        assert f"chmod 600 {path}" in str(refused.value)
        assert TOKEN not in str(refused.value) and "\n" not in str(refused.value)
    path.chmod(0o600)
    assert secret(TOKEN_ENV, {SECRETS_ENV: str(path)}) == TOKEN


def test_the_environment_wins_over_the_secrets_file_and_missing_is_none(tmp_path):
    (tmp_path / "secrets.toml").write_text(f'{TOKEN_ENV} = "from-the-file-0123"\n', encoding="utf-8")
    (tmp_path / "secrets.toml").chmod(0o600)
    assert secret(TOKEN_ENV, {}) == "from-the-file-0123"  # ./secrets.toml by default
    assert secret(TOKEN_ENV, {TOKEN_ENV: "from-the-environment"}) == "from-the-environment"
    assert secret("OTHER_TOKEN", {}) is None
    with pytest.raises(SecretsFileError, match="no such secrets file"):
        secret("OTHER_TOKEN", {SECRETS_ENV: str(tmp_path / "missing.toml")})


def test_a_broken_secrets_file_never_echoes_its_content(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(f"{TOKEN_ENV} = {TOKEN}\n", encoding="utf-8")  # unquoted: not TOML
    path.chmod(0o600)
    with pytest.raises(SecretsFileError) as broken:
        secret(TOKEN_ENV, {SECRETS_ENV: str(path)})
    assert TOKEN not in str(broken.value)


def test_doctor_passes_when_all_is_well(sqlite_url, sources, fake):
    result = doctor_cli(sqlite_url, sources, **{TOKEN_ENV: TOKEN})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["OK"] * 4
    assert "does not expire" in lines[-1] and TOKEN not in result.output


def test_doctor_reports_an_expired_token_and_fails(sqlite_url, sources, fake):
    fake.expired = True
    result = doctor_cli(sqlite_url, sources, **{TOKEN_ENV: TOKEN})
    assert result.exit_code == 1
    token_line = result.output.splitlines()[-1]
    assert token_line.startswith("FAIL") and "expired" in token_line and TOKEN_ENV in token_line
    assert TOKEN not in result.output
    assert fake.count("debug_token") == 1


def test_doctor_warns_a_week_before_the_token_expires(sqlite_url, sources, fake):
    fake.fail("debug_token", 200, debug_answer(timedelta(days=5, hours=1)))
    result = doctor_cli(sqlite_url, sources, **{TOKEN_ENV: TOKEN})
    assert result.exit_code == 0, result.output
    token_line = result.output.splitlines()[-1]
    assert token_line.startswith("WARN") and "expires in 5 days" in token_line
    # The dashboard shows the same warning from what doctor remembered, without calling Meta.
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        warnings = token_warnings(connection)
        stored = connection.execute(select(SourceState.value)).scalars().all()
    assert [(w.status, w.subject) for w in warnings] == [(WARN, "source 'BHXH Lào Cai' token")]
    assert TOKEN not in str(stored)
    with engine.connect() as connection:  # three weeks later the warning has become a failure
        assert token_warnings(connection, now=datetime.now(UTC) + timedelta(days=21))[0].status == FAIL


def test_a_token_far_from_expiry_is_fine_but_a_missing_permission_fails(sqlite_url, sources, fake):
    fake.fail("debug_token", 200, debug_answer(timedelta(days=55, hours=1)))
    checks = run_doctor(sources, sqlite_url, environ={TOKEN_ENV: TOKEN})
    assert checks[-1].status == OK and "valid for another 55 days" in checks[-1].message
    fake.fail("debug_token", 200, debug_answer(timedelta(days=55, hours=1), scopes=["pages_read_engagement"]))
    checks = run_doctor(sources, sqlite_url, environ={TOKEN_ENV: TOKEN})
    assert checks[-1].status == FAIL and "read_insights" in checks[-1].message


def test_doctor_says_what_is_missing_one_line_each(tmp_path, sources):
    unmigrated = f"sqlite:///{tmp_path / 'new.db'}"
    checks = run_doctor(sources, unmigrated, environ={})
    assert [c.status for c in checks] == [OK, OK, FAIL, FAIL]
    assert "engagement-monitor init" in checks[2].message
    assert "no token" in checks[3].message and TOKEN_ENV in checks[3].message
    broken = tmp_path / "broken.toml"
    broken.write_text('[[sources]]\nname = "x"\ntype = "facebook_page"\ntoken = "EAAB"\n', encoding="utf-8")
    checks = run_doctor(broken, unmigrated, environ={})
    assert checks[1].status == FAIL and "must not be written in this file" in checks[1].message
