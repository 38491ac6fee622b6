"""YouTube Studio's advanced-mode export (``Table data.csv``) through the one importer: detected by its
columns (English or Vietnamese headers), the Total row skipped, into a YouTube channel."""

import shutil
from datetime import date

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from collector.cli import app
from collector.importer import ImportOptions, detect_kind, import_file
from collector.platforms.youtube import export as youtube
from collector.plumbing.reading import CellError, read_sheet
from models.tables import Channel, Content, MetricSnapshot

STUDIO = FIXTURES / "youtube_studio"
EN = STUDIO / "Table data.csv"
VI = STUDIO / "Table data (vi).csv"


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.delenv("ENGAGEMENT_MONITOR_LANG", raising=False)

    def run(*args: str):
        return CliRunner().invoke(app, ["--db", db_url, *args])

    return run


def test_the_studio_table_is_recognised_and_fills_a_youtube_channel(run, engine):
    result = run(
        "import", str(EN), "--as-of", "2024-05-31 23:59", "--channel", "BHXH Lào Cai", "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    assert "Table data.csv: YouTube Studio videos export (Table data), English headers" in result.output
    assert "channel BHXH Lào Cai" in result.output
    assert "3 new, 0 updated" in result.output and "3 new snapshots" in result.output
    with engine.connect() as connection:
        ((platform, name),) = connection.execute(select(Channel.platform, Channel.name)).all()
        rows = connection.execute(
            select(
                Content.external_id,
                Content.duration_s,
                Content.published_day,
                MetricSnapshot.views,
                MetricSnapshot.reactions,
                MetricSnapshot.comments,
                MetricSnapshot.shares,
                MetricSnapshot.watch_time_s,
                MetricSnapshot.avg_watch_s,
            )
            .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
            .order_by(Content.external_id)
        ).all()
    assert (platform, name) == ("youtube", "BHXH Lào Cai")
    live = rows[-1]
    assert live[:7] == ("liveMay22xx", 3725.0, date(2024, 5, 22), 3120, 241, 80, 52)
    assert live[7] == pytest.approx(356.1042 * 3600) and live[8] == 411
    assert [row[0] for row in rows] == ["clip01xxxxx", "clip02xxxxx", "liveMay22xx"]  # no Total row


def test_the_vietnamese_table_lands_in_the_same_channel_as_a_second_snapshot(run, engine, tmp_path):
    run("import", str(EN), "--as-of", "2024-05-31 23:59", "--channel", "BHXH Lào Cai")
    result = run("import", str(VI), "--as-of", "2024-05-25 20:00")
    assert result.exit_code == 0, result.output
    assert "tệp xuất video YouTube Studio (Table data), tiêu đề tiếng Việt" in result.output
    with engine.connect() as connection:
        assert connection.execute(select(Channel.id)).all().__len__() == 1
        views = (
            connection.execute(
                select(MetricSnapshot.views)
                .join(Content, Content.id == MetricSnapshot.content_id)
                .where(Content.external_id == "liveMay22xx")
                .order_by(MetricSnapshot.captured_at)
            )
            .scalars()
            .all()
        )
    assert views == [3100, 3120]
    again = run("import", str(EN), "--lang", "en")
    assert "already imported" in again.output


def test_a_bad_row_is_one_line_and_nothing_is_imported(run, engine, tmp_path):
    broken = tmp_path / "Table data.csv"
    text = EN.read_text(encoding="utf-8-sig").replace('"May 15, 2024"', '"Mayday 15, 2024"')
    broken.write_text(text, encoding="utf-8-sig")
    result = run("import", str(broken), "--lang", "en")
    assert result.exit_code == 1
    assert (
        "Table data.csv:4: Video publish time: not a date (Mayday 15, 2024); "
        "YouTube Studio writes days as May 22, 2024" in result.output
    )
    with engine.connect() as connection:
        assert connection.execute(select(Content.id)).all() == []


def test_the_only_youtube_channel_is_chosen_without_asking(sqlite_url, tmp_path):
    from models.db import open_database

    engine = open_database(sqlite_url)
    import_file(engine, EN, ImportOptions(channel="BHXH Lào Cai", lang="en"))
    copy = tmp_path / "Table data (2).csv"
    shutil.copy(VI, copy)
    report = import_file(engine, copy, ImportOptions(lang="en"))
    assert report.page == "BHXH Lào Cai"


def test_detection_by_columns_does_not_take_other_files_for_studio_exports():
    assert detect_kind(read_sheet(EN.name, EN.read_bytes())) == "youtube_videos"
    meta = FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv"
    assert detect_kind(read_sheet(meta.name, meta.read_bytes())) == "posts"


@given(st.dates(min_value=date(2005, 4, 23), max_value=date(2100, 1, 1)))
def test_studio_dates_in_both_languages(day):
    english = day.strftime("%b ") + f"{day.day}, {day.year}"
    assert youtube.parse_studio_date(english) == day
    assert youtube.parse_studio_date(f"{day.day} thg {day.month}, {day.year}") == day


@pytest.mark.parametrize("text", ["Mayday 15, 2024", "31 thg 2, 2024", "yesterday"])
def test_impossible_studio_dates_are_cell_errors(text):
    with pytest.raises(CellError):
        youtube.parse_studio_date(text)


@pytest.mark.parametrize(
    ("text", "seconds"), [("0:06:51", 411), ("2:17", 137), ("1:00:00", 3600), ("95", 95)]
)
def test_durations_written_as_clocks(text, seconds):
    assert youtube.parse_clock(text) == seconds


def test_watch_hours_with_three_decimals_are_not_read_as_thousands():
    assert youtube.parse_studio_decimal("25.542") == 25.542
