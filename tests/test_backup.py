"""An office backs its database up each night and can put it back: the restored database answers
the same summary, on SQLite (online backup API) and on PostgreSQL (pg_dump/pg_restore)."""

from datetime import date

import pandas as pd
from typer.testing import CliRunner

from collector.backup import backup_kind
from collector.cli import app
from models.db import make_engine
from models.metrics import Scope
from models.summary import build_summary

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))


def _figures(url: str):
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            summary = build_summary(connection, MAY)
    finally:
        engine.dispose()
    return summary


def _fresh_target(demo_url: str, tmp_path, request) -> str:
    if demo_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored' / 'engagement.db'}"
    return request.getfixturevalue("postgres_server").fresh_database()


def test_a_restored_backup_answers_the_same_summary(demo_url, tmp_path, request):
    backup_file = tmp_path / "nightly" / "engagement.backup"
    runner = CliRunner()
    written = runner.invoke(app, ["--db", demo_url, "backup", str(backup_file)])
    assert written.exit_code == 0, written.output
    assert backup_kind(backup_file, "en") == ("sqlite" if demo_url.startswith("sqlite") else "postgresql")

    target = _fresh_target(demo_url, tmp_path, request)
    restored = runner.invoke(app, ["--db", target, "restore", str(backup_file)])
    assert restored.exit_code == 0, restored.output

    before, after = _figures(demo_url), _figures(target)
    assert after.kpis == before.kpis
    assert after.channels == before.channels
    pd.testing.assert_frame_equal(after.content, before.content)
    pd.testing.assert_frame_equal(after.enrolment_daily, before.enrolment_daily)
    assert after.kpis["views"]["value"] > 0


def test_restore_refuses_to_write_over_data_without_replace(demo_url, tmp_path):
    backup_file = tmp_path / "engagement.backup"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", demo_url, "backup", str(backup_file)]).exit_code == 0
    refused = runner.invoke(app, ["--db", demo_url, "restore", str(backup_file)])
    assert refused.exit_code != 0
    assert "--replace" in str(refused.exception)


def test_a_file_that_is_no_backup_is_refused_in_one_line(tmp_path, sqlite_url):
    stray = tmp_path / "notes.txt"
    stray.write_text("not a database", encoding="utf-8")
    refused = CliRunner().invoke(app, ["--db", sqlite_url, "restore", str(stray)])
    assert refused.exit_code != 0
    assert "backup" in str(refused.exception) and "\n" not in str(refused.exception)


def test_a_sqlite_backup_cannot_go_into_postgresql(tmp_path, sqlite_url, request):
    backup_file = tmp_path / "engagement.backup"
    assert CliRunner().invoke(app, ["--db", sqlite_url, "backup", str(backup_file)]).exit_code == 0
    target = request.getfixturevalue("postgres_server").fresh_database()
    refused = CliRunner().invoke(app, ["--db", target, "restore", str(backup_file)])
    assert refused.exit_code != 0
    assert "sqlite" in str(refused.exception)
