"""Comments collected end to end: ``collect --once`` against the fake Graph API and the fake YouTube
Data API, on SQLite and PostgreSQL. New comments only on the next run, no names stored, the salt
generated once into the secrets file, and a missing permission said in one line without failing the run."""

import os
import tomllib
from datetime import UTC, datetime, timedelta

import pytest
from fake_graph import SAMPLE_LIVE_POST, TOKEN, FakeGraph, graph_time
from fake_youtube import CHANNEL_ID, KEY, LIVE_VIDEO, FakeYouTube
from graph_helpers import TOKEN_ENV, collect, query, write_config
from sqlalchemy import select

from collector.comments import SALT_NAME
from collector.config import parse_config
from collector.platforms.facebook.source import parse_debug_token
from collector.plumbing.secrets import SECRETS_ENV
from models.comments import author_hash
from models.i18n import LANG_ENV
from models.tables import Comment

KEY_ENV = "YOUTUBE_API_KEY_TEST"


@pytest.fixture(autouse=True)
def environment(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("", encoding="utf-8")
    os.chmod(secrets, 0o600)
    monkeypatch.setenv(SECRETS_ENV, str(secrets))
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.setenv(KEY_ENV, KEY)
    monkeypatch.setenv(LANG_ENV, "en")
    return secrets


def graph_comment(
    number: int, minutes_ago: float, text: str, author: str = "7001", parent: str | None = None
):
    comment = {
        "id": f"122_{number}",
        "created_time": graph_time(datetime.now(UTC) - timedelta(minutes=minutes_ago)),
        "message": text,
        "from": {"id": author, "name": f"Người xem {author}"},
        "permalink_url": f"https://www.facebook.com/live?comment_id={number}",
        "live_broadcast_timestamp": 600 + number * 30,
    }
    if parent:
        comment["parent"] = {"id": parent}
    return comment


def facebook_config(tmp_path, fake: FakeGraph):
    return write_config(tmp_path, fake, "comments = true\n")


def stored(db_url: str) -> list:
    return query(db_url, select(Comment).order_by(Comment.created_at))


def test_a_livestreams_comments_are_read_once_each_and_stored_without_names(db_url, tmp_path, environment):
    with FakeGraph.sample() as fake:
        page_id = next(iter(fake.pages))
        fake.comments[SAMPLE_LIVE_POST] = [
            graph_comment(1, 40, "đóng BHXH tự nguyện bao nhiêu một tháng?"),
            graph_comment(2, 39, "Hay quá cảm ơn ad", author="7002"),
            graph_comment(3, 38, "the bhyt het han gia han o dau a", author="7003"),
        ]
        config = facebook_config(tmp_path, fake)
        first = collect(db_url, config)
        assert first.exit_code == 0, first.output
        assert "Comments: 3 new, 2 of them questions." in first.output
        fake.comments[SAMPLE_LIVE_POST] += [
            graph_comment(4, 30, "Dạ ở bưu điện xã ạ", author=page_id, parent="122_3"),
            graph_comment(5, 29, "ko dang nhap dc vssid giup e vs", author="7004"),
        ]
        second = collect(db_url, config)
        assert "Comments: 2 new, 1 of them questions." in second.output
        asked = [seen.params for seen in fake.requests if seen.path.endswith(f"{SAMPLE_LIVE_POST}/comments")]
    assert asked[0]["filter"] == "stream" and asked[0]["order"] == "chronological"
    assert "after" not in asked[0] and all("after" in params for params in asked[2:])
    salt = tomllib.loads(environment.read_text(encoding="utf-8"))[SALT_NAME]
    rows = stored(db_url)
    assert [row.external_id for row in rows] == ["122_1", "122_2", "122_3", "122_4", "122_5"]
    # Every stored value but the hash (a random hex string may hold the digits 7001 by chance).
    everything = " ".join(
        str(value) for row in rows for name, value in row._mapping.items() if name != "author_hash"
    )
    assert "Người xem" not in everything and "7001" not in everything
    assert rows[0].author_hash == author_hash("7001", salt)
    assert [row.from_page for row in rows] == [False, False, False, True, False]
    assert [row.is_question for row in rows] == [True, False, True, False, True]
    assert [row.topic for row in rows if row.is_question] == ["voluntary_si", "health_insurance", "vssid"]
    assert rows[2].reply_at == rows[3].created_at and rows[0].reply_at is None
    assert [row.offset_s for row in rows][:2] == [630.0, 660.0]


def test_without_the_permission_the_run_goes_on_and_says_what_to_grant(sqlite_url, tmp_path):
    with FakeGraph.sample() as fake:
        fake.scopes.remove("pages_read_user_content")
        fake.comments[SAMPLE_LIVE_POST] = [graph_comment(1, 40, "bao nhiêu một tháng?")]
        result = collect(sqlite_url, facebook_config(tmp_path, fake))
    assert result.exit_code == 0, result.output
    assert "lao-cai: ok" in result.output
    assert "Meta refused the comments (the token lacks pages_read_user_content)" in result.output
    assert stored(sqlite_url) == []


def test_doctor_asks_for_the_comments_permission_only_when_comments_are_read(tmp_path):
    with FakeGraph.sample() as fake:
        plain = parse_config(write_config(tmp_path, fake).read_text(encoding="utf-8")).sources[0]
        reading = parse_config(facebook_config(tmp_path, fake).read_text(encoding="utf-8")).sources[0]
    answer = {"data": {"is_valid": True, "scopes": ["pages_read_engagement", "read_insights"]}}
    assert parse_debug_token(plain, answer).missing == ()
    assert parse_debug_token(reading, answer).missing == ("pages_read_user_content",)


def youtube_thread(number: int, published: datetime, text: str, author: str = "UCviewer"):
    return {
        "id": f"Ugx{number}",
        "snippet": {
            "topLevelComment": {
                "id": f"Ugx{number}",
                "snippet": {
                    "textOriginal": text,
                    "authorDisplayName": "Lò Thị Mai",
                    "authorChannelId": {"value": f"{author}{number}"},
                    "publishedAt": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
                },
            }
        },
    }


def youtube_config(tmp_path, fake: FakeYouTube, fake_graph: FakeGraph):
    return write_config(
        tmp_path,
        fake_graph,
        f"""
[[sources]]
name = "lao-cai-youtube"
type = "youtube_channel"
channel_id = "{CHANNEL_ID}"
key_env = "{KEY_ENV}"
base_url = "{fake.url}"
every = "1h"
comments = true
comment_text = false
""",
    )


def test_youtube_threads_of_a_broadcast_are_read_newest_first_until_the_ones_kept(db_url, tmp_path):
    # The broadcast and its comments on one clock, the fake's (the broadcast began 20 minutes before
    # it): comments timed from an earlier clock would fall before the start and lose their offset.
    now = datetime.now(UTC)
    with FakeYouTube.sample(now=now) as fake, FakeGraph.sample() as fake_graph:
        fake.comment_threads = {
            LIVE_VIDEO: [
                youtube_thread(3, now - timedelta(minutes=10), "gia hạn thẻ bhyt ở đâu ạ"),
                youtube_thread(2, now - timedelta(minutes=12), "hay quá"),
                youtube_thread(1, now - timedelta(minutes=15), "rút bhxh 1 lần cần gì"),
            ]
        }
        config = youtube_config(tmp_path, fake, fake_graph)
        first = collect(db_url, config)
        assert first.exit_code == 0, first.output
        fake.comment_threads[LIVE_VIDEO].insert(
            0, youtube_thread(4, now - timedelta(minutes=2), "ko nhan dc otp vssid la sao")
        )
        second = collect(db_url, config)
        pages = [
            params
            for path, params in fake.requests
            if path.endswith("/commentThreads") and params["videoId"] == LIVE_VIDEO
        ]
    assert "lao-cai-youtube: ok" in second.output and "Comments: 1 new, 1 of them questions." in second.output
    assert len(pages) == 2 + 1  # two pages of two threads, then one page reaches the threads kept
    rows = stored(db_url)
    assert [row.external_id for row in rows] == ["Ugx1", "Ugx2", "Ugx3", "Ugx4"]
    assert [row.text for row in rows] == [None] * 4  # comment_text = false: counts and topics only
    assert [row.topic for row in rows if row.is_question] == ["pension", "health_insurance", "vssid"]
    assert [row.offset_s for row in rows] == [5 * 60, 8 * 60, 10 * 60, 18 * 60]
    assert rows[0].link == f"https://www.youtube.com/watch?v={LIVE_VIDEO}&lc=Ugx1"
