"""Several collectors on one PostgreSQL share the sources: each source runs once per schedule slot,
never twice at the same time, and a killed collector's sources are taken over by the others."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from collector.plumbing.leases import lease_key, slot_start, source_lease
from collector.plumbing.source_base import Schedule
from models.db import make_engine
from models.tables import CollectionRun

CLI = [str(Path(sys.executable).parent / "engagement-monitor")]
EVERY_S = 2
SOURCES = ("inbox-a", "inbox-b", "inbox-c", "inbox-d")


def write_config(tmp_path: Path) -> Path:
    blocks = []
    for name in SOURCES:
        (tmp_path / name).mkdir()
        blocks.append(
            f'[[sources]]\nname = "{name}"\ntype = "export_folder"\n'
            f'path = "{tmp_path / name}"\nevery = "{EVERY_S}s"\n'
        )
    path = tmp_path / "sources.toml"
    path.write_text('timezone = "Asia/Ho_Chi_Minh"\nmax_concurrent = 4\n\n' + "\n".join(blocks))
    return path


def slot(moment: datetime) -> int:
    return int(moment.timestamp()) // EVERY_S


def _taken_over(url: str, after_slot: int) -> bool:
    engine = make_engine(url)
    with engine.connect() as connection:
        runs = connection.execute(select(CollectionRun.source, CollectionRun.started_at)).all()
    engine.dispose()
    later = Counter(source for source, started in runs if slot(started) > after_slot)
    return all(later[name] >= 2 for name in SOURCES)


@pytest.mark.slow  # three collector processes for several slots, one killed
def test_three_collectors_one_killed_every_source_still_runs_once_per_slot(postgres_server, tmp_path):
    url = postgres_server.fresh_database()
    config = write_config(tmp_path)
    logs = [tmp_path / f"worker-{number}.log" for number in range(3)]
    workers = [
        subprocess.Popen(
            [*CLI, "--db", url, "collect", "--config", str(config)],
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "ENGAGEMENT_MONITOR_LANG": "en"},
        )
        for log in logs
    ]
    try:
        # Generous: three Python processes start slowly on a loaded 2-core machine; this waits, it
        # times nothing.
        deadline = time.monotonic() + 120
        while not all("Collecting" in log.read_text() for log in logs):
            assert time.monotonic() < deadline, "the collectors did not start"
            time.sleep(0.1)
        time.sleep(2 * EVERY_S)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(timeout=10)
        killed_at = datetime.now(UTC)
        # The survivors take over: wait until every source ran in two later slots (or give up).
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not _taken_over(url, slot(killed_at) + 1):
            time.sleep(0.3)
        for worker in workers[1:]:
            worker.send_signal(signal.SIGTERM)
        for worker in workers[1:]:
            worker.wait(timeout=20)
    finally:
        for worker in workers:
            worker.kill()
    assert [worker.returncode for worker in workers[1:]] == [0, 0]

    engine = make_engine(url)
    with engine.connect() as connection:
        runs = connection.execute(
            select(CollectionRun.source, CollectionRun.started_at, CollectionRun.finished_at)
        ).all()
    engine.dispose()
    per_slot = Counter((source, slot(started)) for source, started, _ in runs)
    assert per_slot and max(per_slot.values()) == 1, "a source ran twice in one slot"
    for name in SOURCES:
        slots = sorted(s for source, s in per_slot if source == name)
        # Taken over within one interval: the slots after the kill are still collected.
        after = [s for s in slots if s > slot(killed_at) + 1]
        assert len(after) >= 2, (name, slots, slot(killed_at), [log.read_text() for log in logs])
        ordered = sorted((started, finished) for source, started, finished in runs if source == name)
        for (_, finished), (started, _) in zip(ordered, ordered[1:], strict=False):
            assert finished is None or finished <= started, "a source ran twice at the same time"


def test_a_lease_is_held_by_one_session_at_a_time(postgres_server):
    engine = make_engine(postgres_server.fresh_database())
    with (
        source_lease(engine, "lao-cai") as first,
        source_lease(engine, "lao-cai") as second,
        source_lease(engine, "bat-xat") as other,
    ):
        assert (first, second, other) == (True, False, True)
    with source_lease(engine, "lao-cai") as again:
        assert again
    engine.dispose()
    assert lease_key("lao-cai") == lease_key("lao-cai") != lease_key("bat-xat")


def test_every_worker_sees_the_same_slot():
    now = datetime(2024, 5, 22, 13, 7, 31, tzinfo=UTC)
    assert slot_start(Schedule(interval=timedelta(minutes=15)), "Asia/Ho_Chi_Minh", now) == datetime(
        2024, 5, 22, 13, 0, tzinfo=UTC
    )
    # 07:00 local every day (UTC+7): the slot began at midnight UTC.
    assert slot_start(Schedule(cron="0 7 * * *"), "Asia/Ho_Chi_Minh", now) == datetime(
        2024, 5, 22, 0, 0, tzinfo=UTC
    )


def test_on_sqlite_the_single_collector_always_holds_the_lease(sqlite_url):
    engine = make_engine(sqlite_url)
    with source_lease(engine, "lao-cai") as first, source_lease(engine, "lao-cai") as second:
        assert first and second


def test_collect_once_skips_a_source_another_collector_is_running(postgres_server, tmp_path, monkeypatch):
    from collector.config import load_config
    from collector.scheduler import run_once

    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    engine = make_engine(postgres_server.fresh_database())
    config = load_config(write_config(tmp_path))
    with source_lease(engine, "inbox-a") as held_elsewhere:
        assert held_elsewhere
        results = run_once(engine, config)
    assert results["inbox-a"].status == "skipped"
    assert "another collector" in results["inbox-a"].message
    assert {results[name].status for name in SOURCES[1:]} == {"ok"}
    with engine.connect() as connection:
        recorded = Counter(connection.execute(select(CollectionRun.source)).scalars())
    assert recorded == Counter(SOURCES[1:])  # a skipped run leaves no collection_run behind
    engine.dispose()
