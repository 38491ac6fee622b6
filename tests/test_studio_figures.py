"""YouTube Studio's period export stored as what it is: each video's figures of that period (net
likes may be negative) and its views day by day, never lifetime snapshots; the three files of one
export give the totals Studio shows. Samples written by us in Studio's 2025 layout (no one's data)."""

import io
import shutil
import zipfile
from datetime import date

import pytest
from conftest import FIXTURES
from sqlalchemy import select

from collector.importer import ImportOptions, ImportRejected, import_bytes, import_file
from models.metrics import Scope, item_daily_views, page_totals, period_figure_totals, period_figures
from models.rollup import rebuild
from models.tables import Content, ContentDayFigure, MetricSnapshot

STUDIO = FIXTURES / "youtube_studio" / "2025" / "Content 2025-06-13_2025-06-17 Sample Channel"
PERIOD = Scope(date(2025, 6, 13), date(2025, 6, 17))
# Studio's "Total" row of Table data.csv: what the channel owner sees for the period.
STUDIO_TOTAL = {"views": 3374, "likes": 58, "comments": 41, "shares": 14, "watch_time_h": 140.858}
TABLE_VIEWS = {"aB3dE5fG7hJ": 360, "kL9mN1pQ3rS": 844, "tU5vW7xY9zA": 2164, "cD2eF4gH6iJ": 6}


def studio_zip(folder=STUDIO) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def chart_views_by_video(engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Content.external_id, ContentDayFigure.views).join(
                ContentDayFigure, ContentDayFigure.content_id == Content.id
            )
        ).all()
    totals: dict[str, int] = {}
    for video, views in rows:
        totals[video] = totals.get(video, 0) + views
    return totals


def test_the_three_files_of_one_export_give_the_totals_studio_shows(engine, tmp_path):
    path = tmp_path / f"{STUDIO.name}.zip"
    path.write_bytes(studio_zip())
    report = import_file(engine, path)
    assert any("stored as the period's figures of 4 videos" in line for line in report.lines("en"))
    with engine.connect() as connection:
        table = period_figure_totals(connection, PERIOD)
        chart = item_daily_views(connection, PERIOD)
        channel = page_totals(connection, PERIOD)
        snapshots = connection.execute(select(MetricSnapshot.id)).all()
    # Table data: the period's figures of each video add up to Studio's Total row, net likes included.
    assert table["items"] == 4
    assert {name: table[name] for name in ("views", "likes", "comments", "shares")} == {
        name: STUDIO_TOTAL[name] for name in ("views", "likes", "comments", "shares")
    }
    assert table["watch_time_s"] == pytest.approx(STUDIO_TOTAL["watch_time_h"] * 3600)
    # Chart data: each video's daily views add up to its Table data views; Totals: the channel's days.
    assert chart_views_by_video(engine) == TABLE_VIEWS
    assert int(chart["views"].sum()) == channel["views"] == STUDIO_TOTAL["views"]
    assert snapshots == []  # never lifetime snapshots


def test_a_videos_period_figures_keep_its_net_negative_likes(engine):
    import_bytes(engine, f"{STUDIO.name}.zip", studio_zip())
    with engine.connect() as connection:
        figures = period_figures(connection, PERIOD).set_index("external_id")
    assert figures.loc["aB3dE5fG7hJ", "likes"] == -2
    assert figures.loc["aB3dE5fG7hJ", "interactions"] == -2 + 6 + 1
    assert figures.loc["kL9mN1pQ3rS", "watch_time_s"] == pytest.approx(96.5530 * 3600)
    assert list(figures.index) == ["tU5vW7xY9zA", "kL9mN1pQ3rS", "aB3dE5fG7hJ", "cD2eF4gH6iJ"]  # most viewed


def test_period_figures_are_read_only_for_the_period_that_matches_exactly(engine):
    import_bytes(engine, f"{STUDIO.name}.zip", studio_zip())
    with engine.connect() as connection:
        shorter = Scope(date(2025, 6, 13), date(2025, 6, 16))
        assert period_figures(connection, shorter).empty
        assert period_figure_totals(connection, shorter)["views"] is None
        assert (
            period_figure_totals(connection, Scope(PERIOD.start, PERIOD.end, platforms=("facebook",)))[
                "items"
            ]
            == 0
        )
        # Daily figures do add up over any window inside the export.
        assert int(item_daily_views(connection, shorter)["views"].sum()) == 3374 - 375


def test_a_rollup_rebuild_leaves_the_daily_figures_alone(engine):
    import_bytes(engine, f"{STUDIO.name}.zip", studio_zip())
    with engine.begin() as connection:
        rebuild(connection)
    assert chart_views_by_video(engine) == TABLE_VIEWS


def test_a_later_export_of_the_same_period_replaces_its_figures(engine, tmp_path):
    import_bytes(engine, f"{STUDIO.name}.zip", studio_zip())
    folder = tmp_path / STUDIO.name
    shutil.copytree(STUDIO, folder)
    table = folder / "Table data.csv"
    table.write_text(table.read_text().replace('Jun 15, 2025",95,2164', 'Jun 15, 2025",95,2170'))
    chart = folder / "Chart data.csv"
    chart.write_text(chart.read_text().replace(",95,301", ",95,307"))
    import_bytes(engine, f"{STUDIO.name}.zip", studio_zip(folder))
    with engine.connect() as connection:
        figures = period_figures(connection, PERIOD).set_index("external_id")
    assert len(figures) == 4
    assert figures.loc["tU5vW7xY9zA", "views"] == 2170
    assert chart_views_by_video(engine)["tU5vW7xY9zA"] == 2170


def test_a_chart_giving_a_videos_day_twice_is_refused_not_guessed(engine):
    chart = (STUDIO / "Chart data.csv").read_text()
    chart += '2025-06-17,tU5vW7xY9zA,Renewing online in 3 steps,"Jun 15, 2025",95,0\n'
    with pytest.raises(ImportRejected) as refused:
        import_bytes(engine, "Chart data.csv", chart.encode(), ImportOptions(lang="en"))
    assert "same video and day as row" in str(refused.value)
    assert chart_views_by_video(engine) == {}


def test_negative_views_in_a_period_export_are_refused_net_likes_are_not(engine):
    table = (STUDIO / "Table data.csv").read_text().replace(",844,", ",-844,")
    with pytest.raises(ImportRejected) as refused:
        import_bytes(
            engine,
            "Table data.csv",
            table.encode(),
            ImportOptions(period=(PERIOD.start, PERIOD.end), lang="en"),
        )
    assert "Views" in str(refused.value) and "-844" in str(refused.value)
    with engine.connect() as connection:
        assert period_figures(connection, PERIOD).empty
