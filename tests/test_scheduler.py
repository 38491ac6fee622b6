"""Schedules, job options, tapering, and stopping the collector: cleanly (SIGTERM) or not (SIGKILL)."""

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from fake_graph import SAMPLE_PAGE, TOKEN, FakeGraph
from graph_helpers import TOKEN_ENV, collect, counts, query, write_config
from sqlalchemy import func, select

from collector.config import load_config, parse_config
from collector.platforms.facebook.source import follow_up_delay
from collector.plumbing.collecting import capture_interval, due, next_due_in
from collector.plumbing.source_base import parse_duration
from collector.scheduler import JOB_DEFAULTS, Collector, follow_up_id, job_id, trigger_for
from models.db import make_engine
from models.errors import UserError
from models.i18n import LANG_ENV
from models.tables import CollectionRun, Content, MetricSnapshot

CLI = [str(Path(sys.executable).parent / "engagement-monitor")]
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)


def page_source(schedule: str = 'every = "1h"', extra: str = "") -> str:
    return f"""
[[sources]]
name = "lao-cai"
type = "facebook_page"
page_id = "{SAMPLE_PAGE}"
token_env = "FB_TOKEN"
{schedule}
{extra}"""


# --- schedules and configuration -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10m", 10 * MINUTE),
        ("1h", HOUR),
        ("1h30m", 90 * MINUTE),
        ("2d", 2 * DAY),
        ("45s", timedelta(seconds=45)),
    ],
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


def test_a_schedule_is_an_interval_or_a_cron_expression():
    config = parse_config(
        page_source('every = "10m"')
        + page_source('every = "*/5 6-22 * * *"').replace("lao-cai", "b")
        + page_source('cron = "0 7 * * mon-fri"').replace("lao-cai", "c")
    )
    interval, every_cron, cron = (trigger_for(s.schedule, config.timezone) for s in config.sources)
    assert isinstance(interval, IntervalTrigger) and interval.interval == 10 * MINUTE
    assert isinstance(every_cron, CronTrigger) and isinstance(cron, CronTrigger)
    assert str(cron.timezone) == "Asia/Ho_Chi_Minh"
    assert parse_config(page_source("")).sources[0].schedule.interval == HOUR


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (page_source('every = "often"'), "source 'lao-cai': [every] 'often' is not a duration"),
        (page_source('cron = "61 * * * *"'), "source 'lao-cai': [cron] '61 * * * *' is not a valid cron"),
        (
            page_source('every = "1h"\ncron = "0 * * * *"'),
            "source 'lao-cai': [every] give either every or cron",
        ),
        (
            page_source(extra='token = "EAAB"'),
            "source 'lao-cai': [token] a token must not be written in this file",
        ),
        (page_source(extra='note = "EAABwzLixnjYBO' + "x" * 40 + '"'), "[note] a token must not be written"),
        (page_source(extra='live_every = "soon"'), "source 'lao-cai': [live_every] 'soon' is not a duration"),
        (page_source(extra="backfill_days = 0"), "source 'lao-cai': [backfill_days] Input should be greater"),
        (page_source(extra='colour = "red"'), "source 'lao-cai': [colour] unknown key"),
        (
            page_source().replace("facebook_page", "tiktok"),
            "source 'lao-cai': [type] unknown type (use one of",
        ),
        (page_source() + page_source(), "source 'lao-cai': [name] is used by two sources"),
        ('timezone = "Hanoi"\n' + page_source(), "[timezone] 'Hanoi' is not a time zone"),
        ("timezone = \n", "not valid TOML"),
    ],
)
def test_a_bad_configuration_is_one_line_naming_the_source_and_the_key(text, message, monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")
    with pytest.raises(UserError) as raised:
        parse_config(text)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_example_configuration_is_valid():
    config = load_config(Path(__file__).parent.parent / "sources.example.toml")
    assert {source.type for source in config.sources} == {"facebook_page", "export_folder", "export_url"}


def test_a_missing_configuration_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")
    with pytest.raises(UserError, match="copy sources.example.toml"):
        load_config(tmp_path / "sources.toml")


def test_configuration_problems_are_told_in_vietnamese_by_default(monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    with pytest.raises(UserError) as raised:
        parse_config(page_source('every = "often"'))
    assert "nguồn 'lao-cai': [every] 'often' không phải khoảng thời gian" in str(raised.value)
    with pytest.raises(UserError) as raised:
        parse_config(page_source(extra="backfill_days = 0"))
    assert "nguồn 'lao-cai': [backfill_days] phải lớn hơn hoặc bằng 1" in str(raised.value)


def test_jobs_have_ids_coalesce_one_instance_and_a_grace_time(sqlite_url):
    config = parse_config(page_source() + page_source('cron = "0 7 * * *"').replace("lao-cai", "daily"))
    collector = Collector(make_engine(sqlite_url), config, echo=lambda line: None)
    collector.add_jobs()
    collector.scheduler.start(paused=True)
    try:
        job = collector.scheduler.get_job(job_id("lao-cai"))
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 15 * 60)
        assert JOB_DEFAULTS["misfire_grace_time"] == 15 * 60
        assert job.next_run_time <= datetime.now(UTC) + MINUTE  # first run at start: catch up
        assert isinstance(collector.scheduler.get_job(job_id("daily")).trigger, CronTrigger)
    finally:
        collector.scheduler.shutdown(wait=False)


# --- tapering ----------------------------------------------------------------------------------


def test_capture_intervals_taper_with_age():
    assert capture_interval(30 * MINUTE) == 15 * MINUTE
    assert capture_interval(3 * HOUR) == HOUR
    assert capture_interval(3 * DAY) == DAY
    assert capture_interval(31 * DAY) is None


@pytest.mark.parametrize(
    ("age", "last", "expected"),
    [
        (10 * MINUTE, None, True),  # never captured
        (40 * MINUTE, 5 * MINUTE, False),
        (40 * MINUTE, 15 * MINUTE, True),
        (40 * MINUTE, 14 * MINUTE, True),  # a little early still counts
        (5 * HOUR, 30 * MINUTE, False),
        (5 * HOUR, HOUR, True),
        (3 * DAY, 5 * HOUR, False),
        (3 * DAY, DAY, True),
        (40 * DAY, 3 * DAY, False),  # past 30 days: no more snapshots
        (40 * DAY, None, True),  # but one if we never had any
    ],
)
def test_items_are_due_by_age_and_last_capture(age, last, expected):
    assert due(age, last) is expected


def test_next_due_says_how_long_to_wait():
    assert next_due_in(10 * MINUTE, None) == timedelta(0)
    assert next_due_in(30 * MINUTE, 5 * MINUTE) == timedelta(minutes=8, seconds=30)
    assert next_due_in(31 * DAY, HOUR) is None


def test_a_page_on_air_is_read_every_live_every_then_tapers(engine, tmp_path, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    with FakeGraph.sample() as fake:
        config = load_config(write_config(tmp_path, fake, 'live_every = "90s"\n'))
        collector = Collector(engine, config, echo=lambda line: None)
        collector.add_jobs()
        collector.scheduler.start(paused=True)
        try:
            # As if the regular hourly run had just happened:
            collector.scheduler.modify_job(job_id("lao-cai"), next_run_time=datetime.now(UTC) + HOUR)
            collector.run("lao-cai")
            follow_up = collector.scheduler.get_job(follow_up_id("lao-cai"))
            wait = follow_up.next_run_time - datetime.now(UTC)
            assert timedelta(seconds=80) < wait <= timedelta(seconds=90)
            fake.pages[SAMPLE_PAGE].end_live()
            collector.run("lao-cai")
            delay = follow_up_delay(engine, config.sources[0])
            assert delay is not None and 13 * MINUTE < delay <= 15 * MINUTE  # the broadcast just ended
        finally:
            collector.scheduler.shutdown(wait=False)


# --- stopping -----------------------------------------------------------------------------------
# Real processes, each on one backend: a clean stop on SQLite, a kill on PostgreSQL (the harder case:
# a killed client's transaction must be rolled back by the server).


def slow_setup(tmp_path: Path, fake: FakeGraph) -> tuple[Path, dict[str, str]]:
    """The sample Page with 16 more posts, each answer 50 ms late: a run lasts long enough to stop."""
    fake.latency = 0.05
    fake.pages[SAMPLE_PAGE].add_posts(16, datetime.now(UTC) - 3 * HOUR)
    config = write_config(tmp_path, fake)
    env = {**os.environ, TOKEN_ENV: TOKEN, LANG_ENV: "en"}
    return config, env


def wait_for_content(db_url: str, at_least: int, timeout: float = 90.0) -> None:
    """Poll the database until ``at_least`` content items are written (a wait, not a speed check)."""
    engine = make_engine(db_url)
    deadline = time.monotonic() + timeout
    try:
        while counts(engine)["content"] < at_least:
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.02)
    finally:
        engine.dispose()


def consistent(db_url: str) -> None:
    """Every content item written has the snapshot written in the same batch (first run: all due)."""
    without = query(
        db_url,
        select(Content.external_id)
        .outerjoin(MetricSnapshot, MetricSnapshot.content_id == Content.id)
        .group_by(Content.external_id)
        .having(func.count(MetricSnapshot.id) == 0),
    )
    assert without == []


@pytest.mark.slow  # a collector process started and stopped with SIGTERM
def test_sigterm_stops_the_collector_cleanly(sqlite_url, tmp_path):
    with FakeGraph.sample() as fake:
        config, env = slow_setup(tmp_path, fake)
        process = subprocess.Popen(
            [*CLI, "--db", sqlite_url, "collect", "--config", str(config)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            wait_for_content(sqlite_url, 2)
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=20)
        finally:
            process.kill()
    assert process.returncode == 0, output
    assert "Stopped." in output
    statuses = [s for (s,) in query(sqlite_url, select(CollectionRun.status))]
    assert statuses == ["partial"]
    assert counts(sqlite_url)["content"] < 19  # it stopped mid-run
    consistent(sqlite_url)


@pytest.mark.slow  # a collector process killed mid-run, then run again
def test_sigkill_mid_run_leaves_a_consistent_database_and_the_next_run_completes(
    postgres_server, tmp_path, monkeypatch
):
    db_url = postgres_server.fresh_database()
    with FakeGraph.sample() as fake:
        config, env = slow_setup(tmp_path, fake)
        process = subprocess.Popen(
            [*CLI, "--db", db_url, "collect", "--config", str(config), "--once"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_content(db_url, 4)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        finally:
            process.kill()
        assert 4 <= counts(db_url)["content"] < 19
        consistent(db_url)
        fake.latency = 0
        monkeypatch.setenv(TOKEN_ENV, TOKEN)
        monkeypatch.setenv(LANG_ENV, "en")
        result = collect(db_url, config)
    assert result.exit_code == 0, result.output
    assert counts(db_url)["content"] == 19
    consistent(db_url)
    runs = query(db_url, select(CollectionRun.status, CollectionRun.message).order_by(CollectionRun.id))
    assert runs[0][0] == "failed" and runs[0][1].startswith("interrupted")
    assert runs[1][0] == "ok"
