"""The Zalo OA source: articles, views, shares and followers from a fake Zalo on 127.0.0.1 (and
httpx.MockTransport for the client alone); tokens renewed, rotated into the secrets file, never shown."""

import json
import logging
import os
import stat
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fake_graph import TOKEN, FakeGraph
from fake_zalo import ACCESS_TOKEN, APP_ID, OA_ID, REFRESH_TOKEN, SECRET_KEY, FakeZalo
from graph_helpers import TOKEN_ENV, collect, counts, query, write_config
from sqlalchemy import select

from collector.config import load_config
from collector.doctor import run_doctor
from collector.platforms.zalo.client import ZaloClient, make_zalo_http
from collector.platforms.zalo.source import STATE_EXPIRES, STATE_TOKEN, ZaloOASource, collect_zalo_oa
from collector.plumbing.checks import FAIL, OK, WARN
from collector.plumbing.collecting import read_state
from collector.plumbing.http import GraphSettings
from collector.plumbing.secrets import SECRETS_ENV, store_secrets
from collector.plumbing.tokens import RotatingTokens
from models.db import make_engine
from models.errors import UserError
from models.i18n import LANG_ENV
from models.tables import Channel, CollectionRun, Content, MetricSnapshot, PageMetric, SourceState
from tests.test_cli_status import status

FAST = GraphSettings(timeout_s=0.5, connect_timeout_s=0.5, attempts=3, backoff_s=0.01, backoff_cap_s=0.02)


def zalo_source(fake: FakeZalo, name: str = "zalo-lao-cai") -> str:
    return f"""
[[sources]]
name = "{name}"
type = "zalo_oa"
app_id = "{APP_ID}"
base_url = "{fake.url}"
oauth_url = "{fake.url}"
every = "1h"
"""


def write_secrets(path: Path, **values: str) -> Path:
    lines = ["# Zalo OA of the office", *(f'{k} = "{v}"' for k, v in values.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def zalo():
    with FakeZalo.sample() as server:
        yield server


@pytest.fixture
def secrets(tmp_path, monkeypatch) -> Path:
    """A secrets file with the app's key and the first refresh token (no access token yet)."""
    path = write_secrets(
        tmp_path / "secrets.toml", ZALO_OA_REFRESH_TOKEN=REFRESH_TOKEN, ZALO_APP_SECRET_KEY=SECRET_KEY
    )
    monkeypatch.setenv(SECRETS_ENV, str(path))
    return path


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")
    monkeypatch.setenv(TOKEN_ENV, TOKEN)


def zalo_config(tmp_path: Path, fake: FakeZalo) -> Path:
    path = tmp_path / "zalo.toml"
    path.write_text(
        'timezone = "Asia/Ho_Chi_Minh"\n[graph]\ntimeout_s = 0.5\nattempts = 3\nbackoff_s = 0.01\n'
        "backoff_cap_s = 0.02\n" + zalo_source(fake),
        encoding="utf-8",
    )
    return path


def stored_secrets(path: Path) -> dict[str, str]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --- the whole run, on SQLite and PostgreSQL -----------------------------------------------------


def test_collect_fills_the_zalo_channel_and_a_second_run_adds_nothing(db_url, tmp_path, zalo, secrets):
    config = zalo_config(tmp_path, zalo)
    first = collect(db_url, config)
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "zalo-lao-cai: ok, 15 new items, 15 new snapshots"
    channels = query(db_url, select(Channel.platform, Channel.external_id, Channel.name, Channel.followers))
    assert channels == [("zalo", OA_ID, "BHXH tỉnh Lào Cai", 12500)]
    kinds = sorted(k for (k,) in query(db_url, select(Content.kind)))
    assert kinds == ["article"] * 13 + ["video"] * 2
    views = dict(
        query(
            db_url,
            select(Content.external_id, MetricSnapshot.views).join(
                MetricSnapshot, MetricSnapshot.content_id == Content.id
            ),
        )
    )
    assert views["a0001"] == 800 and views["a0013"] == 800 + 37 * 12
    shares = query(
        db_url,
        select(MetricSnapshot.shares).join(Content).where(Content.external_id == "a0002"),
    )
    assert shares == [(13,)]
    link = query(db_url, select(Content.permalink).where(Content.external_id == "a0001"))
    assert link == [("https://zalo.me/oa/article/a0001",)]
    followers = query(db_url, select(PageMetric.metric, PageMetric.value, PageMetric.source))
    assert followers == [("follows", 12500, "zalo_api")]
    assert zalo.count("getslice") == 2 + 1  # 13 articles: 10 + 3; 2 videos: one page
    assert zalo.count("getdetail") == 15  # once per new article

    second = collect(db_url, config)
    assert second.output.strip() == "zalo-lao-cai: ok, 0 new items, 0 new snapshots"
    assert zalo.count("getdetail") == 15  # known articles: no detail again
    found = counts(db_url)
    assert (found["content"], found["metric_snapshot"], found["page_metric"]) == (15, 15, 1)


def test_the_first_refresh_token_rotates_into_the_secrets_file(db_url, tmp_path, zalo, secrets):
    collect(db_url, zalo_config(tmp_path, zalo))
    access, refresh = zalo.issued[-1]
    kept = stored_secrets(secrets)
    assert kept["ZALO_OA_REFRESH_TOKEN"] == refresh != REFRESH_TOKEN
    assert kept["ZALO_OA_ACCESS_TOKEN"] == access
    assert kept["ZALO_APP_SECRET_KEY"] == SECRET_KEY
    assert secrets.read_text(encoding="utf-8").startswith("# Zalo OA of the office\n")  # comments kept
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert [p.name for p in secrets.parent.iterdir() if p.name.endswith(".tmp")] == []
    # Only when the token expires is in the database, never a token.
    (expires,) = query(db_url, select(SourceState.value).where(SourceState.key == STATE_EXPIRES))
    assert datetime.fromisoformat(expires[0]) > datetime.now(UTC) + timedelta(hours=24)


def test_an_expired_access_token_is_renewed_before_the_run_and_the_run_goes_on(
    db_url, tmp_path, zalo, secrets
):
    config = zalo_config(tmp_path, zalo)
    collect(db_url, config)
    assert len(zalo.issued) == 1
    # 25 hours later the access token is gone; the run renews it first (its expiry is known).
    zalo.expire_access()
    engine = make_engine(db_url)
    source = load_config(config).sources[0]
    later = datetime.now(UTC) + timedelta(hours=25)
    result = collect_zalo_oa(engine, source, settings=FAST, now=later)
    engine.dispose()
    assert result.status == "ok", result.message
    assert len(zalo.issued) == 2
    assert stored_secrets(secrets)["ZALO_OA_REFRESH_TOKEN"] == zalo.issued[-1][1]
    assert result.new_snapshots == 15  # a day later every article is due again


def test_a_token_refused_mid_way_is_renewed_once(db_url, tmp_path, zalo, secrets):
    config = zalo_config(tmp_path, zalo)
    collect(db_url, config)
    zalo.expire_access()  # revoked early: the stored expiry still says it is good
    zalo.oa.followers = 12600
    second = collect(db_url, config)
    assert second.exit_code == 0, second.output
    assert len(zalo.issued) == 2
    assert query(db_url, select(Channel.followers)) == [(12600,)]


def test_an_expired_refresh_token_says_what_to_do_in_one_line(db_url, tmp_path, zalo, secrets, monkeypatch):
    zalo.refresh_expired = True
    result = collect(db_url, zalo_config(tmp_path, zalo))
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line
    assert line.startswith("zalo-lao-cai: failed, 0 new items, 0 new snapshots — Zalo OA zalo-lao-cai:")
    assert "re-authorise the OA for the app at developers.zalo.me" in line
    assert "ZALO_OA_REFRESH_TOKEN in the secrets file" in line
    assert REFRESH_TOKEN not in line
    assert stored_secrets(secrets)["ZALO_OA_REFRESH_TOKEN"] == REFRESH_TOKEN  # left for the user to replace
    engine = make_engine(db_url)
    with engine.connect() as connection:
        problem = read_state(connection, "zalo-lao-cai")[STATE_TOKEN]
    engine.dispose()
    assert "developers.zalo.me" in problem["message"]
    runs = query(db_url, select(CollectionRun.status))
    assert runs == [("failed",)]


def test_the_vietnamese_message_for_an_expired_refresh_token(db_url, tmp_path, zalo, secrets, monkeypatch):
    monkeypatch.setenv(LANG_ENV, "vi")
    zalo.refresh_expired = True
    line = collect(db_url, zalo_config(tmp_path, zalo)).output.strip()
    assert "hãy ủy quyền lại OA cho ứng dụng tại developers.zalo.me" in line
    assert "refresh token mới vào ZALO_OA_REFRESH_TOKEN trong tệp bí mật" in line


def test_without_a_refresh_token_the_run_fails_with_what_to_do(db_url, tmp_path, zalo, monkeypatch):
    path = write_secrets(tmp_path / "secrets.toml", ZALO_APP_SECRET_KEY=SECRET_KEY)
    monkeypatch.setenv(SECRETS_ENV, str(path))
    line = collect(db_url, zalo_config(tmp_path, zalo)).output.strip()
    assert "no refresh token (ZALO_OA_REFRESH_TOKEN)" in line and "developers.zalo.me" in line


# --- Facebook and Zalo in one collect --once ------------------------------------------------------


def test_collect_once_fills_facebook_and_zalo_and_an_expired_zalo_token_fails_only_zalo(
    db_url, tmp_path, zalo, secrets, caplog
):
    with FakeGraph.sample() as graph:
        config = write_config(tmp_path, graph, zalo_source(zalo))
        first = collect(db_url, config)
        assert first.exit_code == 0, first.output
        platforms = sorted(p for (p,) in query(db_url, select(Channel.platform)))
        assert platforms == ["facebook", "zalo"]
        second = collect(db_url, config)
        assert "zalo-lao-cai: ok, 0 new items, 0 new snapshots" in second.output
        found = counts(db_url)
        assert found["content"] == 3 + 15

        zalo.expire_access()
        zalo.refresh_expired = True
        caplog.set_level(logging.DEBUG)
        third = collect(db_url, config)
    assert third.exit_code == 1
    lines = third.output.strip().splitlines()
    assert lines[0].startswith("lao-cai: ok")
    assert lines[1].startswith("zalo-lao-cai: failed") and "developers.zalo.me" in lines[1]
    statuses = query(db_url, select(CollectionRun.source, CollectionRun.status).order_by(CollectionRun.id))
    assert statuses[-2:] in (
        [("lao-cai", "ok"), ("zalo-lao-cai", "failed")],
        [("zalo-lao-cai", "failed"), ("lao-cai", "ok")],
    )

    # No token or key anywhere: output, logs, any table.
    tokens = [TOKEN, ACCESS_TOKEN, REFRESH_TOKEN, SECRET_KEY, *(t for pair in zalo.issued for t in pair)]
    shown = first.output + second.output + third.output + caplog.text
    engine = make_engine(db_url)
    with engine.connect() as connection:
        for table in (SourceState, CollectionRun, Content, Channel, PageMetric):
            shown += json.dumps([list(map(str, row)) for row in connection.execute(select(table)).all()])
    engine.dispose()
    for token in tokens:
        assert token not in shown


# --- the client alone, with httpx.MockTransport -------------------------------------------------


def mock_source() -> ZaloOASource:
    return ZaloOASource(name="oa", type="zalo_oa", app_id=APP_ID, base_url="https://openapi.test")


def test_the_client_sends_the_token_in_its_header_and_pages_by_ten(monkeypatch):
    monkeypatch.setenv("ZALO_OA_ACCESS_TOKEN", ACCESS_TOKEN)
    monkeypatch.delenv(SECRETS_ENV, raising=False)
    monkeypatch.chdir(Path(__file__).parent)  # no ./secrets.toml here
    seen: list[httpx.Request] = []
    items = [{"id": f"a{n}", "title": f"t{n}", "total_view": n, "total_share": 1} for n in range(23)]

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        data = {"medias": items[offset : offset + limit], "total": len(items)}
        return httpx.Response(200, json={"error": 0, "message": "Success", "data": data})

    source = mock_source()
    tokens = RotatingTokens(
        "oa", "ZALO_OA_ACCESS_TOKEN", "ZALO_OA_REFRESH_TOKEN", datetime.now(UTC) + timedelta(hours=20)
    )
    client = ZaloClient(make_zalo_http(FAST, httpx.MockTransport(handler)), source, tokens, settings=FAST)
    pages = [len(page) for page in client.articles("normal")]
    assert pages == [10, 10, 3]
    assert all(r.headers["access_token"] == ACCESS_TOKEN for r in seen)
    assert all("access_token" not in str(r.url) for r in seen)
    assert [r.url.params["offset"] for r in seen] == ["0", "10", "20"]


def test_the_client_retries_a_5xx_a_bounded_number_of_times(monkeypatch):
    monkeypatch.setenv("ZALO_OA_ACCESS_TOKEN", ACCESS_TOKEN)
    monkeypatch.delenv(SECRETS_ENV, raising=False)
    answers = iter([502, 503, 200])
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers, 500)
        calls.append(status)
        body = (
            {"error": 0, "data": {"oa_id": OA_ID, "name": "OA", "num_follower": 5}} if status == 200 else {}
        )
        return httpx.Response(status, json=body)

    source = mock_source()
    tokens = RotatingTokens("oa", "ZALO_OA_ACCESS_TOKEN", "ZALO_OA_REFRESH_TOKEN", None)
    client = ZaloClient(
        make_zalo_http(FAST, httpx.MockTransport(handler)),
        source,
        tokens,
        settings=FAST,
        sleep=lambda _: None,
    )
    assert client.oa()["num_follower"] == 5
    assert calls == [502, 503, 200]

    always = ZaloClient(
        make_zalo_http(FAST, httpx.MockTransport(lambda r: httpx.Response(500))),
        source,
        tokens,
        settings=FAST,
        sleep=lambda _: None,
    )
    from collector.platforms.zalo.client import ZaloTransient

    with pytest.raises(ZaloTransient):
        always.oa()


def test_a_timeout_is_retried_then_the_run_fails_with_one_line(db_url, tmp_path, zalo, secrets):
    zalo.fail("getoa", status=None, delay=1.0, times=5)
    line = collect(db_url, zalo_config(tmp_path, zalo)).output.strip()
    assert line.startswith("zalo-lao-cai: failed") and "Zalo did not answer after several tries" in line
    assert "no answer in time" in line
    assert zalo.count("getoa") == 3


# --- the secrets file ---------------------------------------------------------------------------


def test_store_secrets_rewrites_the_file_owner_only_and_keeps_the_rest(tmp_path, monkeypatch):
    path = tmp_path / "s.toml"
    path.write_text('# keep me\nFB_TOKEN = "abc12345678"\nZALO_OA_REFRESH_TOKEN = "old-refresh-1"\n')
    path.chmod(0o600)
    monkeypatch.setenv(SECRETS_ENV, str(path))
    store_secrets({"ZALO_OA_REFRESH_TOKEN": 'new"refresh\\2', "ZALO_OA_ACCESS_TOKEN": "access-2-xyz"})
    text = path.read_text()
    assert text.startswith("# keep me\n")
    assert tomllib.loads(text) == {
        "FB_TOKEN": "abc12345678",
        "ZALO_OA_REFRESH_TOKEN": 'new"refresh\\2',
        "ZALO_OA_ACCESS_TOKEN": "access-2-xyz",
    }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_store_secrets_creates_an_owner_only_file(tmp_path, monkeypatch):
    path = tmp_path / "new" / "secrets.toml"
    monkeypatch.setenv(SECRETS_ENV, str(path))
    store_secrets({"ZALO_OA_REFRESH_TOKEN": "first-refresh-token"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(path.parent) == ["secrets.toml"]


# --- doctor ---------------------------------------------------------------------------------------


def test_doctor_checks_the_zalo_tokens_without_spending_them(sqlite_url, tmp_path, zalo, secrets):
    config = zalo_config(tmp_path, zalo)
    environ = {SECRETS_ENV: str(secrets)}
    before = run_doctor(config, sqlite_url, environ=environ, lang="en")[-1]
    assert (before.status, before.subject) == (OK, "Zalo OA 'zalo-lao-cai'")
    assert "renewed at the next run" in before.message
    collect(sqlite_url, config)
    after = run_doctor(config, sqlite_url, environ=environ, lang="en")[-1]
    assert after.status == OK and "valid until" in after.message
    assert zalo.count("access_token") == 1  # only the run renewed; doctor asked Zalo nothing
    # The collector stopped: eleven weeks later the refresh token is about to lapse.
    idle = run_doctor(
        config, sqlite_url, environ=environ, lang="en", now=datetime.now(UTC) + timedelta(days=80)
    )
    assert idle[-1].status == WARN and "re-authorised" in idle[-1].message


def test_doctor_fails_without_a_refresh_token_or_after_it_was_refused(sqlite_url, tmp_path, zalo, secrets):
    config = zalo_config(tmp_path, zalo)
    bare = write_secrets(tmp_path / "bare.toml", ZALO_APP_SECRET_KEY=SECRET_KEY)
    missing = run_doctor(config, sqlite_url, environ={SECRETS_ENV: str(bare)}, lang="en")[-1]
    assert missing.status == FAIL and "ZALO_OA_REFRESH_TOKEN is missing" in missing.message
    zalo.refresh_expired = True
    collect(sqlite_url, config)
    refused = run_doctor(config, sqlite_url, environ={SECRETS_ENV: str(secrets)}, lang="en")[-1]
    assert refused.status == FAIL and refused.message.startswith("the refresh token has expired")


def test_two_sources_renewing_at_once_both_keep_their_new_tokens(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "secrets.toml"
    monkeypatch.setenv(SECRETS_ENV, str(path))
    names = [f"SOURCE_{n}_REFRESH_TOKEN" for n in range(16)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda name: store_secrets({name: f"rotated-{name}"}), names))
    assert tomllib.loads(path.read_text()) == {name: f"rotated-{name}" for name in names}


# --- comments: Zalo's OA Open API gives none (docs/zalo-oa.md) ------------------------------------


def test_asking_a_zalo_oa_for_comments_is_refused_in_one_line_saying_why(tmp_path, zalo):
    path = tmp_path / "zalo.toml"
    path.write_text(zalo_source(zalo) + "comments = true\n", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        load_config(path)
    message = str(refused.value)
    assert "gives no comments on OA articles" in message and "docs/zalo-oa.md" in message
    assert "\n" not in message and "extra" not in message.lower()


def test_status_says_the_oas_comments_are_not_read(sqlite_url, tmp_path, zalo):
    lines = status(sqlite_url, zalo_config(tmp_path, zalo)).splitlines()
    [line] = [line.split() for line in lines if line.split()[:1] == ["zalo-lao-cai"]]
    assert " ".join(line[4:]) == "never run; comments not read (Zalo's API does not give them)"
