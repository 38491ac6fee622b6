"""The database: every table on SQLite and PostgreSQL, migrations that match the models,
idempotent writes, and local days that follow the channel's midnight."""

import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import inspect, select

from models.db import alembic_config, head_revision, make_engine, migrate, newest_migration, up_to_date
from models.store import (
    ChannelRecord,
    ContentRecord,
    EnrolmentRecord,
    SnapshotRecord,
    row_counts,
    save_channel,
    save_contents,
    save_enrolments,
    save_snapshots,
)
from models.tables import Content, MetricSnapshot

pytestmark = pytest.mark.migrations

TABLES = {
    "channel",
    "content",
    "metric_snapshot",
    "page_metric",
    "campaign",
    "campaign_content",
    "enrolment_result",
    "collection_run",
    "imported_file",
}


def test_init_creates_every_table_and_models_match_migrations(db_url):
    engine = make_engine(db_url)
    assert set(inspect(engine).get_table_names()) >= TABLES
    assert migrate(engine) is False  # already at head: running init again changes nothing
    command.check(alembic_config(engine))  # raises if models and migrations drift


def test_opening_a_database_knows_it_is_up_to_date_without_alembic(db_url, tmp_path):
    """Commands open the database without importing Alembic when it stands at the newest migration
    file (that file is Alembic's one head); a new database is still migrated by Alembic."""
    assert newest_migration() == head_revision()
    assert up_to_date(make_engine(db_url))
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert not up_to_date(fresh)
    assert migrate(fresh) is True
    assert up_to_date(fresh)


def test_a_post_at_20h_local_belongs_to_that_local_day(engine):
    with engine.begin() as connection:
        channel_id = save_channel(connection, ChannelRecord("100064523817765", "BHXH Lào Cai"))
        saved = save_contents(
            connection,
            channel_id,
            [
                ContentRecord(
                    "p1",
                    "livestream",
                    title="Live",
                    published_at=datetime(2024, 5, 22, 13, 0, tzinfo=UTC),
                ),
            ],
        )
        save_snapshots(
            connection,
            channel_id,
            saved.ids,
            [
                SnapshotRecord("p1", datetime(2024, 5, 22, 17, 30, tzinfo=UTC), "graph_api", views=10),
            ],
        )
    with engine.connect() as connection:
        content = connection.execute(select(Content)).one()
        snapshot = connection.execute(select(MetricSnapshot)).one()
    assert content.published_day == date(2024, 5, 22)
    assert snapshot.captured_day == date(2024, 5, 23)  # 00:30 local on 23 May
    assert content.published_at == datetime(2024, 5, 22, 13, 0, tzinfo=UTC)


def test_writing_the_same_records_twice_adds_nothing(engine):
    records = [ContentRecord(f"p{i}", "photo", title=f"Post {i}") for i in range(3)]
    snapshot_time = datetime(2024, 5, 31, 16, 59, tzinfo=UTC)
    snapshots = [SnapshotRecord(f"p{i}", snapshot_time, "export", views=i) for i in range(3)]
    results = []
    for _ in range(2):
        with engine.begin() as connection:
            channel_id = save_channel(connection, ChannelRecord("1", "Page"))
            saved = save_contents(connection, channel_id, records)
            results.append((saved.new, save_snapshots(connection, channel_id, saved.ids, snapshots)))
    assert results == [(3, 3), (0, 0)]
    with engine.connect() as connection:
        counts = row_counts(connection)
    assert (counts["channel"], counts["content"], counts["metric_snapshot"]) == (1, 3, 3)


def test_a_corrected_enrolment_value_replaces_the_old_one(engine):
    day = date(2024, 5, 13)
    first = [
        EnrolmentRecord(day, "Bát Xát", "voluntary_si", 4),
        EnrolmentRecord(day, "Bát Xát", "health_insurance", 30),
    ]
    corrected = [
        EnrolmentRecord(day, "Bát Xát", "voluntary_si", 5),
        EnrolmentRecord(day, "Bát Xát", "health_insurance", 30),
    ]
    with engine.begin() as connection:
        assert save_enrolments(connection, first).new == 2
    with engine.begin() as connection:
        saved = save_enrolments(connection, corrected)
    assert (saved.new, saved.changed, saved.unchanged) == (0, 1, 1)


def run_cli(*args: str, lang: str | None = None) -> subprocess.CompletedProcess:
    """The command as staff run it, in ``lang`` (None: no language configured)."""
    env = {k: v for k, v in os.environ.items() if k != "ENGAGEMENT_MONITOR_LANG"}
    if lang:
        env["ENGAGEMENT_MONITOR_LANG"] = lang
    command = [sys.executable, "-c", "from collector.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def test_init_says_the_database_is_ready_in_vietnamese_by_default(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert run_cli("--db", url, "init").stdout.strip() == f"Cơ sở dữ liệu đã sẵn sàng: {url}"
    assert run_cli("--db", url, "init", lang="en").stdout.strip() == f"Database ready: {url}"


def test_a_file_that_is_not_a_database_gets_one_line_in_the_users_language(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are meeting notes, not a database" * 100)
    url = f"sqlite:///{path}"
    refused = run_cli("--db", url, "init")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith(f"Lỗi: Không mở hoặc cập nhật được cơ sở dữ liệu {url} (DatabaseError: ")
    assert "hãy kiểm tra địa chỉ --db" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    english = run_cli("--db", url, "init", lang="en")
    assert english.returncode == 1
    assert english.stderr.startswith(f"Error: Cannot open or migrate the database {url}")
