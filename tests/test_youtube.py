"""The YouTube channel source: pure parsing, the client over httpx.MockTransport, and ``collect --once``
with a Facebook Page and a YouTube channel against fakes served on 127.0.0.1."""

import json
import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fake_graph import TOKEN, FakeGraph
from fake_youtube import (
    BAD_KEY,
    CHANNEL_ID,
    KEY,
    LIVE_VIDEO,
    QUOTA_EXCEEDED,
    WRONG_KEY,
    FakeVideo,
    FakeYouTube,
)
from graph_helpers import TOKEN_ENV, collect, counts, query, write_config
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import inspect, select
from typer.testing import CliRunner

from collector.cli import app
from collector.config import load_config, parse_config
from collector.doctor import run_doctor
from collector.platforms.youtube import api as youtube
from collector.platforms.youtube.client import YouTubeClient, YouTubeError, make_youtube_http, quota_day_start
from collector.platforms.youtube.source import youtube_follow_up
from collector.plumbing.http import DEFAULT_SETTINGS
from models.db import make_engine
from models.errors import UserError
from models.i18n import LANG_ENV
from models.tables import Channel, CollectionRun, Content, MetricSnapshot

KEY_ENV = "YOUTUBE_API_KEY_TEST"


@pytest.fixture
def fake_youtube():
    with FakeYouTube.sample() as server:
        yield server


@pytest.fixture
def fake_graph():
    with FakeGraph.sample() as server:
        yield server


@pytest.fixture(autouse=True)
def keys(monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.setenv(KEY_ENV, KEY)
    monkeypatch.setenv(LANG_ENV, "en")


def youtube_source(fake: FakeYouTube, extra: str = "") -> str:
    return f"""
[[sources]]
name = "lao-cai-youtube"
type = "youtube_channel"
channel_id = "{CHANNEL_ID}"
key_env = "{KEY_ENV}"
base_url = "{fake.url}"
every = "1h"
{extra}"""


def both(tmp_path, fake_graph, fake_youtube, extra: str = ""):
    return write_config(tmp_path, fake_graph, youtube_source(fake_youtube, extra))


def lines(output: str) -> dict[str, str]:
    return {line.split(":")[0]: line for line in output.strip().splitlines()}


# --- parsing (pure) -----------------------------------------------------------------------------


@given(
    hours=st.integers(0, 200), minutes=st.integers(0, 59), seconds=st.integers(0, 59), days=st.integers(0, 3)
)
def test_iso_durations_become_seconds(days, hours, minutes, seconds):
    text = "P" + (f"{days}D" if days else "") + "T" + f"{hours}H{minutes}M{seconds}S"
    total = days * 86400 + hours * 3600 + minutes * 60 + seconds
    assert youtube.duration_seconds(text) == (total or None)


@pytest.mark.parametrize("text", ["P0D", "", None, "1:02:03", "PT", "PTxS"])
def test_a_broadcast_on_air_or_a_strange_duration_has_no_length(text):
    assert youtube.duration_seconds(text) is None


def test_a_live_broadcast_is_a_livestream_with_people_watching_now():
    video = FakeYouTube.sample().videos[0].resource()
    record, counts_now = youtube.map_video(video), youtube.video_counts(video)
    assert (record.kind, record.live_status, record.duration_s) == ("livestream", "LIVE", None)
    assert record.permalink == f"https://www.youtube.com/watch?v={LIVE_VIDEO}"
    assert counts_now == {"views": 410, "reactions": 37, "comments": 12, "live_viewers": 85}


def test_an_ended_broadcast_has_its_length_and_no_viewers_now():
    fake = FakeYouTube.sample()
    fake.end_live()
    video = fake.videos[0].resource()
    record = youtube.map_video(video)
    assert (record.live_status, record.duration_s) == ("VOD", 3725.0)
    assert "live_viewers" not in youtube.video_counts(video)


def test_hidden_counts_are_unknown_not_zero():
    video = FakeYouTube.sample().videos[1].resource()
    del video["statistics"]["likeCount"]
    assert youtube.video_counts(video)["reactions"] is None
    assert youtube.map_video(video).kind == "video"


@given(st.dictionaries(st.sampled_from(["viewCount", "likeCount", "commentCount"]), st.text(max_size=6)))
def test_counts_never_crash_on_odd_values(statistics):
    counts_now = youtube.video_counts({"id": "x", "statistics": statistics})
    assert all(value is None or isinstance(value, int) for value in counts_now.values())


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (400, BAD_KEY, "key"),
        (400, {"error": {"code": 400, "errors": [{"reason": "keyInvalid", "domain": "usageLimits"}]}}, "key"),
        (403, {"error": {"code": 403, "errors": [{"reason": "accessNotConfigured"}]}}, "key"),
        (403, QUOTA_EXCEEDED, "quota"),
        (403, {"error": {"code": 403, "errors": [{"reason": "rateLimitExceeded"}]}}, "rate"),
        (404, {"error": {"code": 404, "errors": [{"reason": "playlistNotFound"}]}}, "not_found"),
        (503, None, "server"),
        (400, {"error": {"code": 400, "errors": [{"reason": "invalidPageToken"}]}}, "other"),
    ],
)
def test_error_answers_are_classified(status, body, kind):
    assert youtube.classify_error(status, body).kind == kind


def test_the_quota_day_starts_at_midnight_pacific_time():
    noon_in_lao_cai = datetime(2024, 5, 22, 5, 0, tzinfo=UTC)  # 12:00 in Vietnam, 22:00 on 21 May in LA
    assert quota_day_start(noon_in_lao_cai) == datetime(2024, 5, 21, 7, 0, tzinfo=UTC)  # PDT midnight


def test_an_api_key_written_into_the_sources_file_is_refused(tmp_path):
    text = f'[[sources]]\nname = "yt"\ntype = "youtube_channel"\nchannel_id = "{CHANNEL_ID}"\n'
    with pytest.raises(UserError, match="key_env"):
        parse_config(text + f'key_env = "{KEY}"\n')
    with pytest.raises(UserError, match="api_key"):
        parse_config(text + f'api_key = "{KEY}"\n')


# --- the client over httpx.MockTransport ----------------------------------------------------------


def mock_client(handler, **options) -> YouTubeClient:
    settings = DEFAULT_SETTINGS.model_copy(update={"attempts": 3, "backoff_s": 0, "backoff_cap_s": 0})
    http = make_youtube_http(
        "https://yt.test/youtube/v3", KEY, settings=settings, transport=httpx.MockTransport(handler)
    )
    return YouTubeClient(http, settings=settings, sleep=lambda _: None, **options)


def test_videos_are_read_fifty_ids_per_call_and_each_call_is_counted():
    asked: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["key"] == KEY
        ids = request.url.params["id"].split(",")
        asked.append(len(ids))
        return httpx.Response(200, json={"items": [{"id": i} for i in ids]})

    client = mock_client(handler)
    found = [video for batch in client.videos([f"v{n:09d}" for n in range(120)]) for video in batch]
    assert asked == [50, 50, 20] and len(found) == 120 and client.units == 3


def test_server_errors_are_retried_and_counted_in_units():
    answers = iter([httpx.Response(503), httpx.Response(500), httpx.Response(200, json={"items": []})])
    client = mock_client(lambda request: next(answers))
    assert client.channel(CHANNEL_ID) is None
    assert client.units == 3  # a failed request costs its unit too


def test_a_bad_key_is_not_retried_and_its_message_holds_no_key():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(400, json=BAD_KEY)

    with pytest.raises(YouTubeError) as caught:
        mock_client(handler).channel(CHANNEL_ID)
    assert caught.value.problem.kind == "key" and len(calls) == 1 and KEY not in str(caught.value)


def test_a_call_past_the_budget_is_not_made():
    calls = []
    client = mock_client(
        lambda request: calls.append(request) or httpx.Response(200, json={"items": []}), budget=1
    )
    client.channel(CHANNEL_ID)
    with pytest.raises(YouTubeError):
        client.channel(CHANNEL_ID)
    assert len(calls) == 1 and client.units == 1


# --- collect --once against the local fakes --------------------------------------------------------


def test_collect_once_fills_facebook_and_youtube_and_a_second_run_adds_no_duplicates(
    db_url, tmp_path, fake_graph, fake_youtube
):
    config = both(tmp_path, fake_graph, fake_youtube)
    first = collect(db_url, config)
    assert first.exit_code == 0, first.output
    line = lines(first.output)["lao-cai-youtube"]
    assert line.startswith("lao-cai-youtube: ok, 5 new items, 5 new snapshots — On air now: Trực tiếp")
    assert "85 watching" in line
    platforms = dict(query(db_url, select(Channel.platform, Channel.name)))
    assert platforms == {"facebook": "Bảo hiểm xã hội tỉnh Lào Cai", "youtube": "BHXH tỉnh Lào Cai"}
    assert fake_youtube.count("playlistItems") == 3  # five uploads, two per page
    kinds = sorted(
        kind
        for (kind,) in query(
            db_url,
            select(Content.kind)
            .join(Channel, Channel.id == Content.channel_id)
            .where(Channel.platform == "youtube"),
        )
    )
    assert kinds == ["livestream", "video", "video", "video", "video"]
    before = counts(db_url)
    second = collect(db_url, config)
    assert "lao-cai-youtube: ok, 0 new items, 1 new snapshots" in second.output  # only the broadcast on air
    after = counts(db_url)
    assert (after["channel"], after["content"]) == (before["channel"], before["content"])
    units = [
        u
        for (u,) in query(
            db_url, select(CollectionRun.api_units).where(CollectionRun.source == "lao-cai-youtube")
        )
    ]
    assert units == [5, 5]  # each run: channels, three pages of uploads, one videos call


def live_curve(db_url: str) -> list[tuple]:
    return query(
        db_url,
        select(MetricSnapshot.live_viewers, MetricSnapshot.views)
        .join(Content, Content.id == MetricSnapshot.content_id)
        .where(Content.external_id == LIVE_VIDEO)
        .order_by(MetricSnapshot.captured_at),
    )


def test_a_broadcast_is_followed_while_on_air_then_gets_its_length(
    db_url, tmp_path, fake_graph, fake_youtube
):
    config = both(tmp_path, fake_graph, fake_youtube)
    collect(db_url, config)
    source = load_config(config).source("lao-cai-youtube")
    engine = make_engine(db_url)
    assert youtube_follow_up(engine, source) == timedelta(minutes=2)  # live_every
    fake_youtube.videos[0].concurrent, fake_youtube.videos[0].views = 120, 530
    collect(db_url, config)
    fake_youtube.end_live()
    fake_youtube.videos[0].views = 900
    collect(db_url, config)
    assert live_curve(db_url) == [(85, 410), (120, 530), (None, 900)]
    ((status, duration),) = query(
        db_url, select(Content.live_status, Content.duration_s).where(Content.external_id == LIVE_VIDEO)
    )
    assert (status, duration) == ("VOD", 3725.0)
    follow_up = youtube_follow_up(engine, source)
    assert follow_up is not None and follow_up > timedelta(minutes=2)  # tapering again, no longer live
    engine.dispose()


def test_quota_exceeded_is_one_line_and_a_failed_run_while_facebook_goes_on(
    db_url, tmp_path, fake_graph, fake_youtube
):
    fake_youtube.quota_exceeded = True
    result = collect(db_url, both(tmp_path, fake_graph, fake_youtube))
    assert result.exit_code == 1
    found = lines(result.output)
    assert found["lao-cai"].startswith("lao-cai: ok, 3 new items")
    assert found["lao-cai-youtube"].startswith(
        "lao-cai-youtube: failed, 0 new items, 0 new snapshots — YouTube channel lao-cai-youtube: today's "
        "YouTube Data API quota is used up (403 quotaExceeded)"
    )
    assert "midnight Pacific Time" in found["lao-cai-youtube"]


def test_quota_exceeded_after_some_batches_keeps_what_was_read(
    sqlite_url, tmp_path, fake_graph, fake_youtube
):
    fake_youtube.fail("videos", 403, QUOTA_EXCEEDED)
    result = collect(sqlite_url, both(tmp_path, fake_graph, fake_youtube))
    line = lines(result.output)["lao-cai-youtube"]
    assert line.startswith("lao-cai-youtube: failed, 0 new items") and "quotaExceeded" in line
    assert counts(sqlite_url)["channel"] == 2  # the channel itself was read


def test_a_bad_key_is_one_line_and_a_failed_run_while_facebook_goes_on(
    db_url, tmp_path, fake_graph, fake_youtube, monkeypatch
):
    monkeypatch.setenv(KEY_ENV, WRONG_KEY)
    result = collect(db_url, both(tmp_path, fake_graph, fake_youtube))
    found = lines(result.output)
    assert found["lao-cai"].startswith("lao-cai: ok")
    assert found["lao-cai-youtube"] == (
        "lao-cai-youtube: failed, 0 new items, 0 new snapshots — YouTube channel lao-cai-youtube: Google "
        f"refused the API key (HTTP 400 API_KEY_INVALID); check the key in {KEY_ENV}, enable the YouTube "
        "Data API v3 for the project and allow the key to use it."
    )
    assert fake_youtube.count("channels") == 1  # not retried


def test_a_missing_key_is_one_line_in_vietnamese_by_default(
    sqlite_url, tmp_path, fake_graph, fake_youtube, monkeypatch
):
    monkeypatch.delenv(KEY_ENV)
    monkeypatch.delenv(LANG_ENV)
    result = collect(sqlite_url, both(tmp_path, fake_graph, fake_youtube))
    assert f"Kênh YouTube lao-cai-youtube: biến môi trường {KEY_ENV} trống" in result.output


def test_server_errors_are_retried_then_the_run_goes_on(sqlite_url, tmp_path, fake_graph, fake_youtube):
    fake_youtube.fail("playlistItems", 503, times=2)
    result = collect(sqlite_url, both(tmp_path, fake_graph, fake_youtube))
    assert "lao-cai-youtube: ok, 5 new items" in result.output
    fake_youtube.fail("videos", 500, times=10)
    result = collect(sqlite_url, both(tmp_path, fake_graph, fake_youtube))
    assert "did not answer after several tries (HTTP 500)" in lines(result.output)["lao-cai-youtube"]


def test_the_daily_budget_stops_calls_and_status_shows_the_units(
    sqlite_url, tmp_path, fake_graph, fake_youtube
):
    config = both(tmp_path, fake_graph, fake_youtube, "daily_quota = 8")
    collect(sqlite_url, config)  # 5 units
    requests = len(fake_youtube.requests)
    second = lines(collect(sqlite_url, config).output)["lao-cai-youtube"]
    assert second.startswith("lao-cai-youtube: failed") and "8 of the day's 8 quota units used" in second
    assert len(fake_youtube.requests) - requests == 3  # channels, one page: the budget ends the run there
    third = lines(collect(sqlite_url, config).output)["lao-cai-youtube"]
    assert "8 of the day's 8 quota units used" in third and len(fake_youtube.requests) - requests == 3
    status = CliRunner().invoke(app, ["--db", sqlite_url, "status", "--config", str(config)])
    assert "YouTube quota today: 8 / 8 units" in status.output


def test_the_key_is_nowhere_in_output_logs_or_database(
    db_url, tmp_path, fake_graph, fake_youtube, caplog, monkeypatch
):
    caplog.set_level(logging.DEBUG)
    config = both(tmp_path, fake_graph, fake_youtube)
    outputs = [collect(db_url, config).output]
    fake_youtube.fail("videos", 500, {"error": {"code": 500, "message": f"boom key={KEY}"}}, times=5)
    outputs.append(collect(db_url, config).output)
    fake_youtube.quota_exceeded = True
    outputs.append(collect(db_url, config).output)
    monkeypatch.setenv(KEY_ENV, WRONG_KEY)
    outputs.append(collect(db_url, config).output)
    doctor = CliRunner().invoke(app, ["--db", db_url, "doctor", "--config", str(config)])
    outputs.append(doctor.output)
    for output in outputs:
        assert KEY not in output and "AIzaSyWRONG" not in output
    assert caplog.records and KEY not in caplog.text
    assert all(KEY not in record.getMessage() for record in caplog.records)
    engine = make_engine(db_url)
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}"):
                assert KEY not in str(tuple(row)) and "AIzaSyWRONG" not in str(tuple(row)), table
    engine.dispose()


def test_doctor_checks_the_key_by_reading_the_channel(
    sqlite_url, tmp_path, fake_graph, fake_youtube, monkeypatch
):
    config = both(tmp_path, fake_graph, fake_youtube)
    environ = {TOKEN_ENV: TOKEN, KEY_ENV: KEY}
    checks = {c.subject: c for c in run_doctor(config, sqlite_url, environ=environ, lang="en")}
    check = checks["source 'lao-cai-youtube' API key"]
    assert check.status == "ok" and "channel BHXH tỉnh Lào Cai" in check.message
    environ[KEY_ENV] = WRONG_KEY
    checks = {c.subject: c for c in run_doctor(config, sqlite_url, environ=environ, lang="en")}
    check = checks["source 'lao-cai-youtube' API key"]
    assert check.status == "fail" and "refused the API key" in check.message


def test_an_unknown_channel_says_where_to_find_the_id(sqlite_url, tmp_path, fake_graph, fake_youtube):
    config = both(tmp_path, fake_graph, fake_youtube).read_text().replace(CHANNEL_ID, "UC" + "x" * 22)
    path = tmp_path / "other.toml"
    path.write_text(config)
    line = lines(collect(sqlite_url, path).output)["lao-cai-youtube"]
    assert "YouTube has no channel UCxxxxxxxxxxxxxxxxxxxxxx" in line and "Advanced settings" in line


def test_the_fake_pages_uploads_and_answers_like_the_api(fake_youtube):
    answer = httpx.get(
        f"{fake_youtube.url}/playlistItems",
        params={"key": KEY, "playlistId": "UU" + CHANNEL_ID[2:], "maxResults": 50},
    ).json()
    assert len(answer["items"]) == 2 and answer["nextPageToken"]
    bad = httpx.get(f"{fake_youtube.url}/channels", params={"key": "nope", "id": CHANNEL_ID})
    assert (
        bad.status_code == 400 and json.loads(bad.text)["error"]["details"][0]["reason"] == "API_KEY_INVALID"
    )
    assert isinstance(fake_youtube.videos[0], FakeVideo)
