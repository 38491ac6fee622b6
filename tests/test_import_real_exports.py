"""Exports in the 2025 layouts real Pages and channels download: exact numbers or a clear refusal.

The samples are written by us in the exact layouts Meta Business Suite and YouTube Studio use
(tests/fixtures/meta_business_suite/2025, tests/fixtures/youtube_studio/2025); no one's data.
"""

import csv
import io
import shutil
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from conftest import FIXTURES
from openpyxl import Workbook
from sqlalchemy import func, select

from collector.importer import ImportOptions, ImportRejected, files_in, import_bytes, import_file
from collector.plumbing.reading import FileProblem
from models.metrics import Scope, content_metrics, platform_comparison
from models.tables import PLATFORMS, Channel, Content, MetricSnapshot, PageMetric

META_2025 = FIXTURES / "meta_business_suite" / "2025"
POSTS_2025 = META_2025 / "Jun-13-2025_Jul-10-2025_posts.csv"
REEL = "1234567890123456_700000000000001"
LIVE = "1234567890123456_700000000000003"
VIDEO = "1234567890123456_700000000000004"


def rows_of(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def as_xlsx(rows: list[list[str]], numbers: bool = True) -> bytes:
    """Rows as Excel saves them: cells that look like numbers stored as numbers when ``numbers``."""
    workbook = Workbook()
    sheet = workbook.active
    for number, row in enumerate(rows):
        cells: list[object] = []
        for text in row:
            try:
                cells.append(float(text) if numbers and number and "_" not in text and text else text)
            except ValueError:
                cells.append(text)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def watch_times(engine) -> dict[str, tuple]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Content.external_id,
                MetricSnapshot.watch_time_s,
                MetricSnapshot.avg_watch_s,
                MetricSnapshot.views,
            ).join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
        ).all()
    return {external_id: (watched, average, views) for external_id, watched, average, views in rows}


EXACT = {
    REEL: (11526.332, 6.616, 15620),
    LIVE: (49177.5, 4.98, 9874),
    VIDEO: (7023.125, 3.424, 2051),
}


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_seconds_viewed_with_three_decimals_are_read_exactly_not_a_thousand_times_larger(engine, form):
    rows = rows_of(POSTS_2025)
    data = POSTS_2025.read_bytes() if form == "csv" else as_xlsx(rows)
    report = import_bytes(engine, POSTS_2025.with_suffix(f".{form}").name, data)
    assert (report.kind, report.new) == ("posts", 4)
    found = watch_times(engine)
    for post, expected in EXACT.items():
        assert found[post] == pytest.approx(expected)


def test_a_vietnamese_excel_resave_groups_thousands_with_points_and_reads_the_same_numbers(engine):
    """Excel in Vietnamese writes 15.620 for fifteen thousand and 6,616 for six and a bit."""
    rows = rows_of(POSTS_2025)
    header = rows[0]
    vietnamese = [header]
    for row in rows[1:]:
        written = []
        for name, text in zip(header, row, strict=True):
            if name in ("Seconds viewed", "Average Seconds viewed", "Duration (sec)") and text:
                whole, _, fraction = text.partition(".")
                whole = f"{int(whole):,}".replace(",", ".")
                text = f"{whole},{fraction}" if fraction else whole
            elif text.isdecimal() and name not in ("Page ID",):
                text = f"{int(text):,}".replace(",", ".")
            written.append(text)
        vietnamese.append(written)
    report = import_bytes(engine, "bai_viet_excel.csv", as_csv(vietnamese, delimiter=";"))
    assert report.new == 4
    found = watch_times(engine)
    for post, expected in EXACT.items():
        assert found[post] == pytest.approx(expected)


def test_a_decimal_column_mixing_two_ways_of_writing_is_refused_not_guessed(engine):
    rows = rows_of(POSTS_2025)
    column = rows[0].index("Average Seconds viewed")
    rows[1][column] = "6,616"  # a comma as decimal point, beside 4.98 written with a point
    report_error = None
    try:
        import_bytes(engine, "mixed.csv", as_csv(rows), modified_at=None)
    except Exception as error:  # noqa: BLE001 - the refusal is the behaviour under test
        report_error = str(error)
    assert report_error is not None and "Average Seconds viewed" in report_error
    assert watch_times(engine) == {}


# --- YouTube Studio: the three files of one export, and the zip as it is downloaded -----------------

STUDIO_2025 = FIXTURES / "youtube_studio" / "2025" / "Content 2025-06-13_2025-06-17 Sample Channel"
TABLE_VIEWS = {"aB3dE5fG7hJ": 360, "kL9mN1pQ3rS": 844, "tU5vW7xY9zA": 2164, "cD2eF4gH6iJ": 6}
TOTALS = {
    date(2025, 6, 13): 123,
    date(2025, 6, 14): 610,
    date(2025, 6, 15): 1482,
    date(2025, 6, 16): 784,
    date(2025, 6, 17): 375,
}


def series(name: str, days: dict[str, int]) -> bytes:
    lines = [f'"{name}"', '"Date","Primary"'] + [f'"{day}T00:00:00","{value}"' for day, value in days.items()]
    return "\n".join(lines).encode("utf-8")


def channel_days(engine, platform: str, metric: str) -> dict[date, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(PageMetric.day, PageMetric.value)
            .join(Channel, Channel.id == PageMetric.channel_id)
            .where(Channel.platform == platform, PageMetric.metric == metric)
        ).all()
    return dict(rows)


def studio_zip(folder=STUDIO_2025) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def test_chart_data_is_daily_views_per_video_and_never_a_videos_total(engine, tmp_path):
    """Chart data.csv was taken for Table data.csv: one day's views became the video's total."""
    folder = tmp_path / STUDIO_2025.name
    shutil.copytree(STUDIO_2025, folder)
    reports = [import_file(engine, path) for path in files_in([folder])]
    kinds = {report.file: report.kind for report in reports}
    assert kinds == {
        "Chart data.csv": "youtube_chart",
        "Table data.csv": "youtube_videos",
        "Totals.csv": "youtube_totals",
    }
    with engine.connect() as connection:
        snapshots = connection.execute(
            select(Content.external_id, MetricSnapshot.views).join(
                MetricSnapshot, MetricSnapshot.content_id == Content.id
            )
        ).all()
    # A period export holds the period's figures: no lifetime snapshot is made of them.
    assert snapshots == []
    assert channel_days(engine, "youtube", "views") == TOTALS


def test_the_studio_zip_is_imported_as_downloaded(engine, tmp_path):
    path = tmp_path / f"{STUDIO_2025.name}.zip"
    path.write_bytes(studio_zip())
    report = import_file(engine, path)
    lines = report.lines("en")
    assert [part.kind for part in report.parts] == ["youtube_videos", "youtube_chart", "youtube_totals"]
    assert any("2025-06-13" in line and "2025-06-17" in line for line in lines)
    assert channel_days(engine, "youtube", "views") == TOTALS
    with engine.connect() as connection:
        videos = connection.execute(select(Content.external_id, Content.published_day)).all()
    assert dict(videos)["kL9mN1pQ3rS"] == date(2025, 6, 14)
    assert dict(videos)["cD2eF4gH6iJ"] is None  # a deleted video: its day is unknown, said in one line
    assert any("cD2eF4gH6iJ" not in line and "1" in line and "publish" in line.lower() for line in lines)
    same = "Table data.csv 3,374, Chart data.csv 3,374, Totals.csv 3,374"
    assert lines[-1] == f"  The files add up to the same views: {same}."


def test_a_studio_zip_whose_files_disagree_says_so(engine, tmp_path):
    folder = tmp_path / STUDIO_2025.name
    shutil.copytree(STUDIO_2025, folder)
    totals = folder / "Totals.csv"
    totals.write_text(totals.read_text().replace("13-06-2025,123", "13-06-2025,124"))
    report = import_bytes(engine, f"{STUDIO_2025.name}.zip", studio_zip(folder))
    assert "add up to different views" in report.lines("en")[-1] and "3,375" in report.lines("en")[-1]


@pytest.mark.parametrize(
    "members",
    [
        {"../Table data.csv": b"Content,Video title\n"},
        {f"file{n}.csv": b"a,b\n1,2\n" for n in range(40)},
        {"Table data.csv": b"0" * 30_000_000},
    ],
    ids=["a name leaving the archive", "too many members", "a bomb"],
)
def test_a_zip_beyond_the_archive_limits_is_refused_in_one_line(engine, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(FileProblem) as refused:
        import_bytes(engine, "Content 2025-06-13_2025-06-17 x.zip", buffer.getvalue())
    assert "\n" not in str(refused.value)
    with engine.connect() as connection:
        assert connection.execute(select(Content.id)).all() == []


def test_a_lifetime_table_with_negative_likes_is_still_refused_but_a_period_one_is_imported(engine):
    table = (STUDIO_2025 / "Table data.csv").read_bytes()
    with pytest.raises(ImportRejected):
        import_bytes(engine, "Table data.csv", table)
    report = import_bytes(
        engine, "Table data.csv", table, ImportOptions(period=(date(2025, 6, 13), date(2025, 6, 17)))
    )
    assert (report.new, report.new_snapshots) == (4, 0)


# --- Instagram exports go to an Instagram account, never to a Facebook Page -------------------------

INSTAGRAM_POSTS = META_2025 / "Jun-13-2025_Jul-10-2025_instagram_posts.csv"


def test_an_instagram_export_lands_in_an_instagram_account_not_the_facebook_page(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())  # one Facebook Page in the database
    report = import_bytes(engine, INSTAGRAM_POSTS.name, INSTAGRAM_POSTS.read_bytes())
    assert report.kind == "instagram_posts"
    with engine.connect() as connection:
        channels = connection.execute(select(Channel.platform, Channel.name).order_by(Channel.platform)).all()
        facebook_views = connection.execute(
            select(func.sum(MetricSnapshot.views))
            .join(Content, Content.id == MetricSnapshot.content_id)
            .join(Channel, Channel.id == Content.channel_id)
            .where(Channel.platform == "facebook")
        ).scalar_one()
        reel = connection.execute(
            select(Content.kind, MetricSnapshot.views, MetricSnapshot.reactions)
            .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
            .where(Content.external_id == "18040000000000001")
        ).one()
    assert channels == [("facebook", "Sample Civic Page"), ("instagram", "Sample Civic")]
    assert facebook_views == sum(views for _, _, views in EXACT.values()) + 3210
    assert tuple(reel) == ("reel", 10931, 412)


def test_instagram_page_series_go_to_the_instagram_account(engine):
    import_bytes(engine, INSTAGRAM_POSTS.name, INSTAGRAM_POSTS.read_bytes())
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    visits = series("Instagram profile visits", {"2025-06-13": 41, "2025-06-14": 37})
    report = import_bytes(engine, "Visits.csv", visits)
    assert report.detail == "profile_visits"
    assert channel_days(engine, "instagram", "profile_visits") == {
        date(2025, 6, 13): 41,
        date(2025, 6, 14): 37,
    }
    assert channel_days(engine, "facebook", "profile_visits") == {}
    # A series whose name line does not say Instagram goes to the account --channel names.
    interactions = series("Interactions", {"2025-06-13": 77})
    import_bytes(engine, "Interactions.csv", interactions, ImportOptions(channel="Sample Civic"))
    assert channel_days(engine, "instagram", "interactions") == {date(2025, 6, 13): 77}
    assert channel_days(engine, "facebook", "interactions") == {}


# --- Page series named by what they measure; a changed day is named -------------------------------


def test_follows_csv_is_new_follows_a_day_not_the_follower_total(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    report = import_bytes(engine, "Follows.csv", series("Follows", {"2025-06-13": 12, "2025-06-14": 9}))
    assert report.detail == "new_follows"
    assert channel_days(engine, "facebook", "follows") == {}
    assert channel_days(engine, "facebook", "new_follows") == {date(2025, 6, 13): 12, date(2025, 6, 14): 9}


def test_a_second_file_with_other_numbers_for_the_same_days_says_which_days_changed(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    import_bytes(engine, "Interactions.csv", series("Interactions", {"2025-06-13": 120, "2025-06-14": 80}))
    report = import_bytes(
        engine, "Interactions (1).csv", series("Interactions", {"2025-06-13": 97, "2025-06-14": 80})
    )
    assert (report.updated, report.unchanged) == (1, 1)
    assert any("2025-06-13" in line and "120" in line and "97" in line for line in report.lines("en"))


# --- Meta's newer Viewers.csv and FollowerHistory.csv ---------------------------------------------

VIEWERS_NEW = (
    b'"Date","Total Viewers","New Viewers","Returning Viewers"\n'
    b'"August 19","1520","1210","310"\n"August 20","1388","1002","386"\n'
)
FOLLOWER_HISTORY = (
    b'"Date","Followers","Difference in followers from previous day"\n'
    b'"2025-08-19","15230","12"\n"2025-08-20","15221","-9"\n'
)


def test_the_newer_viewers_file_takes_its_year_from_the_period_given(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    options = ImportOptions(period=(date(2025, 8, 1), date(2025, 8, 31)))
    report = import_bytes(engine, "Viewers.csv", VIEWERS_NEW, options)
    assert report.kind == "viewers_breakdown"
    assert channel_days(engine, "facebook", "viewers") == {date(2025, 8, 19): 1520, date(2025, 8, 20): 1388}
    assert channel_days(engine, "facebook", "new_viewers")[date(2025, 8, 20)] == 1002


def test_the_newer_viewers_file_takes_its_year_from_its_name_else_says_how_to_give_it(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    import_bytes(engine, "Viewers 2025.csv", VIEWERS_NEW)
    assert date(2025, 8, 19) in channel_days(engine, "facebook", "viewers")
    with pytest.raises(ImportRejected) as refused:
        import_bytes(engine, "Viewers.csv", VIEWERS_NEW.replace(b"1520", b"1521"), ImportOptions(lang="en"))
    assert "--from" in str(refused.value)


def test_follower_history_is_the_follower_total_and_its_net_change(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    report = import_bytes(engine, "FollowerHistory.csv", FOLLOWER_HISTORY)
    assert report.kind == "follower_history"
    assert channel_days(engine, "facebook", "follows") == {date(2025, 8, 19): 15230, date(2025, 8, 20): 15221}
    assert channel_days(engine, "facebook", "net_follows")[date(2025, 8, 20)] == -9


# --- TikTok Studio's content export ----------------------------------------------------------------

TIKTOK_STUDIO = (
    b"Video title,Video link,Post time,Video views,Likes,Comments,Shares,Add to Favorites\n"
    b'"Enrolment week, in 30 s",https://www.tiktok.com/@samplecivic/video/7512345678901234567,'
    b"2025-06-14 10:00,18600,1204,87,55,310\n"
    b"How to renew online,https://www.tiktok.com/@samplecivic/video/7513345678901234568,"
    b"2025-06-20 19:30,4210,302,14,9,41\n"
)


def test_a_tiktok_studio_export_lands_in_a_tiktok_account_with_the_api_ids(engine):
    report = import_bytes(engine, "Jun-13-2025_Jul-10-2025_tiktok.csv", TIKTOK_STUDIO)
    assert (report.kind, report.new, report.new_snapshots, report.page) == (
        "tiktok_videos",
        2,
        2,
        "@samplecivic",
    )
    with engine.connect() as connection:
        rows = connection.execute(
            select(Channel.platform, Content.external_id, MetricSnapshot.views, MetricSnapshot.reactions)
            .join(Content, Content.channel_id == Channel.id)
            .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
            .order_by(Content.external_id)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("tiktok", "7512345678901234567", 18600, 1204),
        ("tiktok", "7513345678901234568", 4210, 302),
    ]


def test_the_instagram_account_is_a_platform_of_its_own_in_the_filter_and_the_summary(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    import_bytes(engine, INSTAGRAM_POSTS.name, INSTAGRAM_POSTS.read_bytes())
    scope = Scope(date(2025, 6, 1), date(2025, 7, 10))
    with engine.connect() as connection:
        platforms = platform_comparison(connection, scope)
        only_instagram = content_metrics(connection, replace(scope, platforms=("instagram",)))
    totals = platforms[platforms.kind.isna()].set_index("platform")
    assert "instagram" in PLATFORMS
    assert totals.loc["instagram", "views"] == 10931 + 2140 + 3305
    assert totals.loc["facebook", "views"] == 15620 + 3210 + 9874 + 2051
    assert set(only_instagram.platform) == {"instagram"} and len(only_instagram) == 3


# --- Meta Business Suite's video export ---------------------------------------------------------------

VIDEOS_2025 = META_2025 / "Jun-13-2025_Jul-12-2025_videos.csv"


def test_the_video_export_adds_snapshots_to_the_same_videos_as_the_posts_export(engine):
    import_bytes(engine, POSTS_2025.name, POSTS_2025.read_bytes())
    report = import_bytes(engine, VIDEOS_2025.name, VIDEOS_2025.read_bytes())
    assert (report.kind, report.page) == ("facebook_videos", "Sample Civic Page")
    assert (report.new, report.new_snapshots) == (
        1,
        3,
    )  # the office tour is new; the others are the posts' videos
    with engine.connect() as connection:
        latest = connection.execute(
            select(
                MetricSnapshot.views,
                MetricSnapshot.reach,
                MetricSnapshot.watch_time_s,
                MetricSnapshot.avg_watch_s,
            )
            .join(Content, Content.id == MetricSnapshot.content_id)
            .where(Content.external_id == VIDEO)
            .order_by(MetricSnapshot.captured_at.desc())
            .limit(1)
        ).one()
        channels = connection.execute(select(func.count()).select_from(Channel)).scalar_one()
    assert tuple(latest) == (915, 1702, pytest.approx(7105.5), pytest.approx(3.43))
    assert channels == 1
