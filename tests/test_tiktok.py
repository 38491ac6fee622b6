"""The TikTok account source: videos with views, likes, comments and shares from a fake Display API on
127.0.0.1 (and httpx.MockTransport for the client alone); the rotating refresh token kept in the secrets
file; one line when the user must act; tokens never shown."""

import json
import logging
import stat
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fake_tiktok import ACCESS_TOKEN, CLIENT_KEY, CLIENT_SECRET, OPEN_ID, REFRESH_TOKEN, FakeTikTok
from graph_helpers import collect, counts, query
from sqlalchemy import select

from collector.config import load_config
from collector.doctor import run_doctor
from collector.platforms.tiktok.client import TikTokClient, make_tiktok_http
from collector.platforms.tiktok.source import TikTokSource, collect_tiktok_account
from collector.plumbing.checks import FAIL, OK
from collector.plumbing.http import GraphSettings
from collector.plumbing.secrets import SECRETS_ENV
from collector.plumbing.tokens import RotatingTokens
from models.db import make_engine
from models.i18n import LANG_ENV
from models.tables import Channel, CollectionRun, Content, MetricSnapshot, PageMetric, SourceState

FAST = GraphSettings(timeout_s=0.5, connect_timeout_s=0.5, attempts=3, backoff_s=0.01, backoff_cap_s=0.02)


@pytest.fixture
def tiktok():
    with FakeTikTok.sample() as server:
        yield server


@pytest.fixture
def secrets(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text(f'TIKTOK_REFRESH_TOKEN = "{REFRESH_TOKEN}"\nTIKTOK_CLIENT_SECRET = "{CLIENT_SECRET}"\n')
    path.chmod(0o600)
    monkeypatch.setenv(SECRETS_ENV, str(path))
    return path


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")


def config_for(tmp_path: Path, fake: FakeTikTok) -> Path:
    path = tmp_path / "tiktok.toml"
    path.write_text(
        f"""timezone = "Asia/Ho_Chi_Minh"
[graph]
timeout_s = 0.5
attempts = 3
backoff_s = 0.01
backoff_cap_s = 0.02

[[sources]]
name = "tiktok-lao-cai"
type = "tiktok_account"
client_key = "{CLIENT_KEY}"
base_url = "{fake.url}"
every = "1h"
""",
        encoding="utf-8",
    )
    return path


def test_collect_fills_the_tiktok_channel_and_a_second_run_adds_nothing(db_url, tmp_path, tiktok, secrets):
    config = config_for(tmp_path, tiktok)
    first = collect(db_url, config)
    assert first.output.strip() == "tiktok-lao-cai: ok, 25 new items, 25 new snapshots", first.output
    assert query(db_url, select(Channel.platform, Channel.external_id, Channel.followers)) == [
        ("tiktok", OPEN_ID, 3400)
    ]
    newest = query(
        db_url,
        select(MetricSnapshot.views, MetricSnapshot.reactions, MetricSnapshot.comments, MetricSnapshot.shares)
        .join(Content)
        .where(Content.external_id == tiktok.account.videos[0]["id"]),
    )
    assert newest == [(5000, 300, 20, 7)]
    assert query(db_url, select(PageMetric.metric, PageMetric.value)) == [("follows", 3400)]
    assert tiktok.count("/v2/video/list/") == 2  # 20 + 5, by cursor
    second = collect(db_url, config)
    assert second.output.strip() == "tiktok-lao-cai: ok, 0 new items, 0 new snapshots"
    assert counts(db_url)["content"] == 25
    kept = tomllib.loads(secrets.read_text())
    assert kept["TIKTOK_REFRESH_TOKEN"] == tiktok.issued[0][1] != REFRESH_TOKEN  # rotated once, written back
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert len(tiktok.issued) == 1  # the second run used the renewed access token


def test_a_token_expired_later_is_renewed_and_the_run_goes_on(db_url, tmp_path, tiktok, secrets):
    config = config_for(tmp_path, tiktok)
    collect(db_url, config)
    tiktok.expire_access()
    engine = make_engine(db_url)
    result = collect_tiktok_account(
        engine, load_config(config).sources[0], settings=FAST, now=datetime.now(UTC) + timedelta(hours=3)
    )
    engine.dispose()
    assert result.status == "ok", result.message
    assert len(tiktok.issued) == 2
    assert tomllib.loads(secrets.read_text())["TIKTOK_REFRESH_TOKEN"] == tiktok.issued[-1][1]


def test_a_spent_refresh_token_says_what_to_do_and_doctor_repeats_it(
    db_url, tmp_path, tiktok, secrets, caplog
):
    tiktok.refresh_expired = True
    caplog.set_level(logging.DEBUG)
    result = collect(db_url, config_for(tmp_path, tiktok))
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and line.startswith("tiktok-lao-cai: failed")
    assert "authorise the app again" in line and "TIKTOK_REFRESH_TOKEN in the secrets file" in line
    shown = result.output + caplog.text
    engine = make_engine(db_url)
    with engine.connect() as connection:
        for table in (SourceState, CollectionRun, Channel):
            shown += json.dumps([list(map(str, row)) for row in connection.execute(select(table)).all()])
    engine.dispose()
    for token in (ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET):
        assert token not in shown
    check = run_doctor(config_for(tmp_path, tiktok), db_url, environ={SECRETS_ENV: str(secrets)}, lang="en")[
        -1
    ]
    assert check.status == FAIL and "authorise the app again" in check.message


def test_without_the_stats_scope_the_videos_still_come_without_followers(db_url, tmp_path, tiktok, secrets):
    tiktok.stats_scope = False
    result = collect(db_url, config_for(tmp_path, tiktok))
    assert result.exit_code == 0, result.output
    assert query(db_url, select(Channel.followers)) == [(None,)]
    assert counts(db_url)["content"] == 25


def test_the_rate_limit_is_retried_then_reported(db_url, tmp_path, tiktok, secrets):
    body = {"data": {}, "error": {"code": "rate_limit_exceeded", "message": "slow down", "log_id": "x"}}
    tiktok.fail("/v2/user/info/", 429, body, times=5)
    line = collect(db_url, config_for(tmp_path, tiktok)).output.strip()
    assert line.startswith("tiktok-lao-cai: failed") and "TikTok did not answer after several tries" in line
    assert tiktok.count("/v2/user/info/") == 3


def test_doctor_is_happy_after_a_run(sqlite_url, tmp_path, tiktok, secrets):
    config = config_for(tmp_path, tiktok)
    collect(sqlite_url, config)
    check = run_doctor(config, sqlite_url, environ={SECRETS_ENV: str(secrets)}, lang="en")[-1]
    assert (check.status, check.subject) == (OK, "TikTok 'tiktok-lao-cai'") and "valid until" in check.message


def test_the_client_pages_by_cursor_with_the_bearer_header(monkeypatch, tmp_path):
    monkeypatch.setenv("TIKTOK_ACCESS_TOKEN", ACCESS_TOKEN)
    monkeypatch.delenv(SECRETS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        cursor = json.loads(request.content).get("cursor")
        videos = (
            [{"id": "1", "create_time": 1716350000}] if cursor is None else [{"id": "2", "create_time": 1}]
        )
        data = {"videos": videos, "cursor": 1716350000000, "has_more": cursor is None}
        return httpx.Response(200, json={"data": data, "error": {"code": "ok", "message": "", "log_id": ""}})

    source = TikTokSource(
        name="t", type="tiktok_account", client_key=CLIENT_KEY, base_url="https://tiktok.test"
    )
    tokens = RotatingTokens(
        "t", "TIKTOK_ACCESS_TOKEN", "TIKTOK_REFRESH_TOKEN", datetime.now(UTC) + timedelta(hours=1)
    )
    client = TikTokClient(make_tiktok_http(FAST, httpx.MockTransport(handler)), source, tokens, settings=FAST)
    assert [[v["id"] for v in page] for page in client.videos()] == [["1"], ["2"]]
    assert all(r.headers["authorization"] == f"Bearer {ACCESS_TOKEN}" for r in seen)
    assert [json.loads(r.content) for r in seen] == [
        {"max_count": 20},
        {"max_count": 20, "cursor": 1716350000000},
    ]
    assert all(ACCESS_TOKEN not in str(r.url) for r in seen)
