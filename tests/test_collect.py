"""End to end: ``collect --once`` against a fake Graph API served on 127.0.0.1.

What lands in the database is checked on SQLite and PostgreSQL; faults that only concern the HTTP side
(waits, retries, timeouts, concurrency) on SQLite.
"""

import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fake_graph import SAMPLE_LIVE_POST, SAMPLE_PAGE, TOKEN, FakeGraph
from graph_helpers import TOKEN_ENV, collect, counts, query, write_config
from sqlalchemy import func, inspect, select

from collector.config import load_config
from collector.platforms.facebook.source import STATE_RETIRED, STATE_TOKEN, collect_facebook_page
from collector.plumbing.collecting import read_state
from models.db import make_engine
from models.i18n import LANG_ENV
from models.tables import CollectionRun, Content, MetricSnapshot, PageMetric

OTHER_PAGE = "200000000000001"


@pytest.fixture
def fake():
    with FakeGraph.sample() as server:
        yield server


@pytest.fixture(autouse=True)
def token(monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.setenv("FB_TOKEN_OTHER", TOKEN)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """These tests read the English messages; the Vietnamese default has a test of its own."""
    monkeypatch.setenv(LANG_ENV, "en")


def other_page(fake: FakeGraph) -> str:
    page = fake.add_page(OTHER_PAGE, "BHXH huyện Bát Xát", 5200)
    page.add_posts(3, datetime.now(UTC) - timedelta(hours=2))
    return f"""
[[sources]]
name = "bat-xat"
type = "facebook_page"
page_id = "{OTHER_PAGE}"
token_env = "FB_TOKEN_OTHER"
base_url = "{fake.url}"
every = "1h"
"""


def live_snapshots(db_url: str):
    return query(
        db_url,
        select(MetricSnapshot)
        .join(Content, Content.id == MetricSnapshot.content_id)
        .where(Content.external_id == SAMPLE_LIVE_POST)
        .order_by(MetricSnapshot.captured_at),
    )


def test_collect_once_fills_the_tables(db_url, tmp_path, fake):
    result = collect(db_url, write_config(tmp_path, fake))
    assert result.exit_code == 0, result.output
    line = result.output.strip()
    assert line.startswith("lao-cai: ok, 3 new items, 3 new snapshots — On air now: LIVESTREAM")
    assert "\n" not in line
    found = counts(db_url)
    assert (found["channel"], found["content"], found["metric_snapshot"]) == (1, 3, 3)
    assert found["page_metric"] >= 4 * 30
    assert fake.count("published_posts") == 2  # three posts, two per page
    kinds = dict(query(db_url, select(Content.external_id, Content.kind)))
    assert sorted(kinds.values()) == ["link", "livestream", "photo"]
    assert {m for (m,) in query(db_url, select(PageMetric.metric).distinct())} == {
        "views",
        "viewers",
        "engagements",
        "follows",
    }
    runs = query(db_url, select(CollectionRun.source, CollectionRun.status, CollectionRun.new_items))
    assert runs == [("lao-cai", "ok", 3)]


def test_a_second_run_adds_snapshots_not_duplicates(db_url, tmp_path, fake):
    config = write_config(tmp_path, fake)
    collect(db_url, config)
    second = collect(db_url, config)
    assert "lao-cai: ok, 0 new items, 1 new snapshots" in second.output  # only the broadcast is due
    found = counts(db_url)
    assert (found["content"], found["metric_snapshot"], found["collection_run"]) == (3, 4, 2)

    # An hour later the posts (half a day and a day old: hourly) are due again, and the broadcast.
    engine = make_engine(db_url)
    source = load_config(config).sources[0]
    later = datetime.now(UTC) + timedelta(minutes=65)
    result = collect_facebook_page(engine, source, settings=load_config(config).graph, now=later)
    engine.dispose()
    assert (result.status, result.new_items, result.new_snapshots) == ("ok", 0, 3)
    per_moment = query(
        db_url,
        select(MetricSnapshot.content_id, MetricSnapshot.captured_at, func.count())
        .group_by(MetricSnapshot.content_id, MetricSnapshot.captured_at)
        .having(func.count() > 1),
    )
    assert per_moment == []


def test_a_livestream_is_followed_while_live_then_gets_its_video_insights(db_url, tmp_path, fake):
    config = write_config(tmp_path, fake)
    collect(db_url, config)
    fake.pages[SAMPLE_PAGE].live_videos[0]["live_views"] = 1210
    collect(db_url, config)
    fake.pages[SAMPLE_PAGE].end_live()
    result = collect(db_url, config)
    assert "On air" not in result.output
    snapshots = live_snapshots(db_url)
    assert [s.live_viewers for s in snapshots] == [734, 1210, None]
    final = snapshots[-1]
    assert (final.views, final.reach, final.avg_watch_s, final.watch_time_s) == (
        18600,
        10915,
        16.718,
        310956.0,
    )
    assert (final.reactions, final.comments, final.shares) == (1502, 371, 104)
    ((status, duration, kind),) = query(
        db_url,
        select(Content.live_status, Content.duration_s, Content.kind).where(
            Content.external_id == SAMPLE_LIVE_POST
        ),
    )
    assert (status, duration, kind) == ("VOD", 3725.4, "livestream")
    assert fake.count("video_insights") == 1


def test_a_rate_limit_is_waited_out_and_the_run_goes_on(sqlite_url, tmp_path, fake):
    fake.rate_limit("published_posts", regain_minutes=0)
    result = collect(sqlite_url, write_config(tmp_path, fake))
    assert result.output.startswith("lao-cai: ok, 3 new items"), result.output
    assert fake.count("published_posts") == 3


def test_a_long_rate_limit_ends_the_run_partial_keeping_what_was_read(db_url, tmp_path, fake):
    fake.rate_limit("published_posts", regain_minutes=7)
    config = write_config(tmp_path, fake)
    first = collect(db_url, config)
    assert first.exit_code == 0
    assert "lao-cai: partial" in first.output and "request limit reached for about 7 min" in first.output
    assert counts(db_url)["channel"] == 1  # the page itself was kept
    second = collect(db_url, config)
    assert "lao-cai: ok, 3 new items" in second.output
    statuses = [s for (s,) in query(db_url, select(CollectionRun.status).order_by(CollectionRun.id))]
    assert statuses == ["partial", "ok"]


def test_a_retired_metric_is_dropped_and_the_user_told(db_url, tmp_path, fake):
    fake.retired_metrics = {"post_clicks"}
    config = write_config(tmp_path, fake)
    result = collect(db_url, config)
    assert result.exit_code == 0
    assert (
        "Meta no longer accepts the metric post_clicks (clicks anywhere in the post): dropped."
        in result.output
    )
    rows = query(db_url, select(MetricSnapshot.views, MetricSnapshot.clicks).where(MetricSnapshot.views > 0))
    assert rows and all(views and clicks is None for views, clicks in rows)
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert read_state(connection, "lao-cai")[STATE_RETIRED] == ["post_clicks"]
    engine.dispose()
    fake.requests.clear()
    collect(db_url, config)
    assert not any("post_clicks" in seen.params.get("metric", "") for seen in fake.requests)


def test_an_expired_token_fails_that_page_only_with_a_plain_message(db_url, tmp_path, fake):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    extra = f'\n[[sources]]\nname = "inbox"\ntype = "export_folder"\npath = "{inbox.as_posix()}"\n'
    config = write_config(tmp_path, fake, extra)
    fake.expired = True
    result = collect(db_url, config)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0] == (
        "lao-cai: failed, 0 new items, 0 new snapshots — Page lao-cai (100064523817765): the access token "
        "has expired (Meta code 190); create a new Page token and put it in FB_TOKEN_TEST."
    )
    assert lines[1].startswith("inbox: ok")
    assert fake.count("/") == 1  # not retried
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert "has expired" in read_state(connection, "lao-cai")[STATE_TOKEN]["message"]
    fake.expired = False
    assert collect(db_url, config).exit_code == 0
    with engine.connect() as connection:
        assert read_state(connection, "lao-cai")[STATE_TOKEN] is None
    engine.dispose()


def test_an_expired_token_is_told_in_vietnamese_by_default(sqlite_url, tmp_path, fake, monkeypatch):
    monkeypatch.delenv(LANG_ENV)
    fake.expired = True
    result = collect(sqlite_url, write_config(tmp_path, fake))
    assert result.exit_code == 1
    assert result.output.strip() == (
        "lao-cai: thất bại, 0 nội dung mới, 0 bản ghi số liệu mới — Trang lao-cai (100064523817765): mã "
        "truy cập đã hết hạn (mã lỗi Meta 190); hãy tạo mã truy cập Trang mới và đặt vào FB_TOKEN_TEST."
    )
    ((message,),) = query(sqlite_url, select(CollectionRun.message))
    assert message.startswith("Trang lao-cai (100064523817765): mã truy cập đã hết hạn")
    assert TOKEN not in result.output + message


def test_a_missing_token_variable_is_a_plain_message(sqlite_url, tmp_path, fake, monkeypatch):
    monkeypatch.delenv(TOKEN_ENV)
    result = collect(sqlite_url, write_config(tmp_path, fake))
    assert result.exit_code == 1
    assert "the environment variable FB_TOKEN_TEST is empty" in result.output


def test_server_errors_are_retried_and_persistent_ones_reported(sqlite_url, tmp_path, fake):
    config = write_config(tmp_path, fake)
    fake.fail("published_posts", 500, times=2)
    assert collect(sqlite_url, config).output.startswith("lao-cai: ok, 3 new items")
    fake.fail(SAMPLE_PAGE, 503, times=100)
    result = collect(sqlite_url, config)
    assert result.exit_code == 1
    assert "the Graph API did not answer after several tries (HTTP 503: " in result.output


def test_a_slow_answer_times_out_and_is_retried(sqlite_url, tmp_path, fake):
    fake.fail("live_videos", status=None, delay=1.0)
    result = collect(sqlite_url, write_config(tmp_path, fake))
    assert result.output.startswith("lao-cai: ok, 3 new items"), result.output
    assert fake.count("live_videos") == 2


def test_a_slow_page_does_not_hold_up_the_others(sqlite_url, tmp_path, fake):
    config = write_config(tmp_path, fake, other_page(fake))
    fake.fail(SAMPLE_PAGE, status=None, delay=0.08, times=1000)
    result = collect(sqlite_url, config)
    assert result.exit_code == 0, result.output
    finished = dict(query(sqlite_url, select(CollectionRun.source, CollectionRun.finished_at)))
    assert finished["bat-xat"] < finished["lao-cai"]
    assert [line.split(":")[0] for line in result.output.splitlines()] == ["lao-cai", "bat-xat"]


def test_only_the_named_source_runs(sqlite_url, tmp_path, fake):
    result = collect(sqlite_url, write_config(tmp_path, fake, other_page(fake)), "--source", "bat-xat")
    assert result.output.startswith("bat-xat: ok, 3 new items")
    assert [s for (s,) in query(sqlite_url, select(CollectionRun.source))] == ["bat-xat"]


def test_the_token_is_nowhere_in_output_logs_or_database(db_url, tmp_path, fake, caplog):
    caplog.set_level(logging.DEBUG)
    config = write_config(tmp_path, fake, other_page(fake))
    outputs = []
    fake.fail("published_posts", 500)
    fake.rate_limit("live_videos", regain_minutes=0)
    fake.retired_metrics = {"post_total_media_view_unique"}
    outputs.append(collect(db_url, config).output)
    fake.pages[SAMPLE_PAGE].end_live()
    fake.fail("insights", 400, {"error": {"message": f"bad token {TOKEN}", "code": 190}})
    outputs.append(collect(db_url, config).output)
    fake.expired = True
    outputs.append(collect(db_url, config).output)
    assert any("expired" in output for output in outputs)
    assert any("after" in seen.params for seen in fake.requests)  # next links were followed
    for output in outputs:
        assert TOKEN not in output
    assert caplog.records and TOKEN not in caplog.text
    assert all(TOKEN not in record.getMessage() for record in caplog.records)
    assert not any("access_token" in seen.params for seen in fake.requests)
    engine = make_engine(db_url)
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}"):
                assert TOKEN not in str(tuple(row)), table
    engine.dispose()


def test_the_fake_answers_debug_token_for_the_doctor_command(fake):
    answer = httpx.get(f"{fake.url}/debug_token", params={"input_token": TOKEN}).json()["data"]
    assert answer["is_valid"] and "read_insights" in answer["scopes"]
    fake.expired = True
    answer = httpx.get(f"{fake.url}/debug_token", params={"input_token": TOKEN}).json()["data"]
    assert not answer["is_valid"] and answer["error"]["subcode"] == 463


def test_an_unexpected_crash_is_one_translated_line_and_its_traceback_goes_to_the_log(sqlite_url, caplog):
    from collector.plumbing.redaction import register_secret
    from collector.plumbing.runs import RUN_FAILED, record_run

    register_secret(TOKEN)

    def crash():
        raise KeyError(f"https://graph.facebook.com/v21.0/me?access_token={TOKEN} then {TOKEN}")

    engine = make_engine(sqlite_url)
    with caplog.at_level(logging.ERROR, logger="engagement_monitor.runs"):
        english = record_run(engine, "lao-cai", crash)
    assert english.status == RUN_FAILED
    assert english.message == "unexpected error (KeyError); the details are in the collector's log."
    assert "Traceback" in caplog.text and "KeyError" in caplog.text and TOKEN not in caplog.text
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(LANG_ENV)
        vietnamese = record_run(engine, "lao-cai", crash)
    assert vietnamese.message == (
        "lỗi không mong đợi (KeyError); chi tiết đã được ghi vào nhật ký của trình thu thập."
    )
    with engine.connect() as connection:
        stored = connection.execute(select(CollectionRun.message).order_by(CollectionRun.id)).scalars().all()
    assert stored == [english.message, vietnamese.message]
    engine.dispose()
