"""The office's four channels in one ``collect --once``: a Facebook Page, a YouTube channel, a Zalo OA and
a TikTok account, each against its fake on 127.0.0.1. All four platforms fill; a second run adds no
duplicates; a used-up YouTube quota, a spent Zalo refresh token and a spent TikTok refresh token each
give their one line and a failed run while Facebook goes on; no key or token shows anywhere."""

import json
import logging

import pytest
from fake_graph import TOKEN, FakeGraph
from fake_tiktok import ACCESS_TOKEN as TIKTOK_ACCESS
from fake_tiktok import CLIENT_KEY, CLIENT_SECRET, FakeTikTok
from fake_tiktok import REFRESH_TOKEN as TIKTOK_REFRESH
from fake_youtube import CHANNEL_ID, KEY, FakeYouTube
from fake_zalo import ACCESS_TOKEN as ZALO_ACCESS
from fake_zalo import APP_ID, SECRET_KEY, FakeZalo
from fake_zalo import REFRESH_TOKEN as ZALO_REFRESH
from graph_helpers import TOKEN_ENV, collect, counts, query, write_config
from sqlalchemy import select

from collector.plumbing.secrets import SECRETS_ENV
from models.db import make_engine
from models.i18n import LANG_ENV
from models.tables import Channel, CollectionRun, Content, PageMetric, SourceState

KEY_ENV = "YOUTUBE_API_KEY_ALL"


def sources(youtube: FakeYouTube, zalo: FakeZalo, tiktok: FakeTikTok) -> str:
    return f"""
[[sources]]
name = "youtube"
type = "youtube_channel"
channel_id = "{CHANNEL_ID}"
key_env = "{KEY_ENV}"
base_url = "{youtube.url}"

[[sources]]
name = "zalo"
type = "zalo_oa"
app_id = "{APP_ID}"
base_url = "{zalo.url}"
oauth_url = "{zalo.url}"

[[sources]]
name = "tiktok"
type = "tiktok_account"
client_key = "{CLIENT_KEY}"
base_url = "{tiktok.url}"
"""


def lines(output: str) -> dict[str, str]:
    return {line.split(":")[0]: line for line in output.strip().splitlines()}


@pytest.fixture
def secrets(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    path.write_text(
        f'ZALO_OA_REFRESH_TOKEN = "{ZALO_REFRESH}"\nZALO_APP_SECRET_KEY = "{SECRET_KEY}"\n'
        f'TIKTOK_REFRESH_TOKEN = "{TIKTOK_REFRESH}"\nTIKTOK_CLIENT_SECRET = "{CLIENT_SECRET}"\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
    monkeypatch.setenv(SECRETS_ENV, str(path))
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.setenv(KEY_ENV, KEY)
    monkeypatch.setenv(LANG_ENV, "en")
    return path


def test_four_platforms_in_one_collect_and_each_failure_alone(db_url, tmp_path, secrets, caplog):
    caplog.set_level(logging.DEBUG)
    fakes = (FakeGraph.sample(), FakeYouTube.sample(), FakeZalo.sample(), FakeTikTok.sample())
    with fakes[0] as graph, fakes[1] as youtube, fakes[2] as zalo, fakes[3] as tiktok:
        config = write_config(tmp_path, graph, sources(youtube, zalo, tiktok))
        first = collect(db_url, config)
        assert first.exit_code == 0, first.output
        platforms = sorted(p for (p,) in query(db_url, select(Channel.platform)))
        assert platforms == ["facebook", "tiktok", "youtube", "zalo"]
        before = counts(db_url)
        second = collect(db_url, config)
        assert second.exit_code == 0, second.output
        after = counts(db_url)
        assert (after["channel"], after["content"]) == (before["channel"], before["content"])
        assert lines(second.output)["zalo"] == "zalo: ok, 0 new items, 0 new snapshots"
        assert lines(second.output)["tiktok"] == "tiktok: ok, 0 new items, 0 new snapshots"

        youtube.quota_exceeded = True
        zalo.expire_access()
        zalo.refresh_expired = True
        tiktok.expire_access()
        tiktok.refresh_expired = True
        third = collect(db_url, config)
        issued = [t for pair in zalo.issued + tiktok.issued for t in pair]
    assert third.exit_code == 1
    found = lines(third.output)
    assert found["lao-cai"].startswith("lao-cai: ok")
    assert found["youtube"].startswith("youtube: failed") and "quotaExceeded" in found["youtube"]
    assert found["zalo"].startswith("zalo: failed") and "re-authorise the OA" in found["zalo"]
    assert found["tiktok"].startswith("tiktok: failed") and "authorise the app again" in found["tiktok"]
    assert len(third.output.strip().splitlines()) == 4  # one line each
    statuses = dict(
        query(db_url, select(CollectionRun.source, CollectionRun.status).order_by(CollectionRun.id))
    )
    assert statuses == {"lao-cai": "ok", "youtube": "failed", "zalo": "failed", "tiktok": "failed"}

    shown = first.output + second.output + third.output + caplog.text
    engine = make_engine(db_url)
    with engine.connect() as connection:
        for table in (SourceState, CollectionRun, Content, Channel, PageMetric):
            shown += json.dumps([list(map(str, row)) for row in connection.execute(select(table)).all()])
    engine.dispose()
    for secret in (TOKEN, KEY, ZALO_ACCESS, ZALO_REFRESH, SECRET_KEY, TIKTOK_ACCESS, TIKTOK_REFRESH, *issued):
        assert secret not in shown
    assert CLIENT_SECRET not in shown
