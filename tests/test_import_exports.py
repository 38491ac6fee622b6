"""Importing Meta Business Suite exports: posts (English and Vietnamese, CSV and XLSX) and page series."""

import io
from datetime import UTC, datetime

import pytest
from conftest import FIXTURES
from openpyxl import Workbook
from sqlalchemy import func, select

from collector.importer import ImportOptions, import_bytes, import_file
from collector.platforms.facebook.export import content_kind
from collector.plumbing.reading import captured_at_from_name
from models.store import row_counts
from models.tables import Channel, Content, MetricSnapshot, PageMetric

EXPORTS = FIXTURES / "meta_business_suite"
EN = EXPORTS / "May-01-2024_May-31-2024_posts_en.csv"
VI = EXPORTS / "May-01-2024_May-20-2024_posts_vi.csv"
LIVESTREAM = "100064523817765_122100000000316760"


def as_xlsx(csv_path, numeric_ids: bool = False) -> bytes:
    """The CSV as Excel would save it (``numeric_ids``: the Post ID column stored as numbers)."""
    import csv

    workbook = Workbook()
    sheet = workbook.active
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            if numeric_ids and number:
                row[0] = float(row[0].split("_")[1])
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_importing_both_posts_exports_gives_one_channel_and_two_snapshots_for_shared_posts(engine):
    en = import_file(engine, EN, ImportOptions(lang="en"))
    vi = import_file(engine, VI, ImportOptions(lang="en"))
    assert (en.kind, en.language, vi.language) == ("posts", "en", "vi")
    assert en.captured_origin == vi.captured_origin == "file_name"
    with engine.connect() as connection:
        assert connection.execute(select(Channel.name)).scalars().all() == ["Bảo hiểm xã hội tỉnh Lào Cai"]
        assert connection.execute(select(func.count()).select_from(Content)).scalar() == 40
        snapshots = connection.execute(
            select(
                Content.external_id, MetricSnapshot.captured_at, MetricSnapshot.views, MetricSnapshot.reach
            )
            .join(Content, Content.id == MetricSnapshot.content_id)
            .order_by(MetricSnapshot.captured_at)
        ).all()
    by_post: dict[str, list] = {}
    for external_id, _, views, reach in snapshots:
        by_post.setdefault(external_id, []).append((views, reach))
    twice = {post: values for post, values in by_post.items() if len(values) == 2}
    assert len(twice) == 24 and len(by_post) == 40
    for earlier, later in twice.values():  # the Vietnamese file was exported first: smaller lifetime values
        assert earlier[0] < later[0] and earlier[1] <= later[1]


def test_the_livestream_is_a_livestream_with_18600_views(engine):
    import_file(engine, EN)
    with engine.connect() as connection:
        kind, views, published = connection.execute(
            select(Content.kind, MetricSnapshot.views, Content.published_at)
            .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
            .where(Content.external_id == LIVESTREAM)
        ).one()
    assert (kind, views) == ("livestream", 18600)
    assert published == datetime(2024, 5, 22, 13, 0, tzinfo=UTC)  # 20:00 in Hanoi


def test_importing_the_vietnamese_export_twice_adds_nothing(engine):
    import_file(engine, VI)
    with engine.connect() as connection:
        before = row_counts(connection)
    again = import_file(engine, VI, ImportOptions(lang="vi"))
    assert again.status == "already_imported"
    assert again.lines("vi") == [f"{VI.name}: tệp này đã được nhập trước đó, không thay đổi gì."]
    with engine.connect() as connection:
        assert row_counts(connection) == before


def test_importing_both_exports_again_adds_nothing(engine):
    for path in (EN, VI):
        import_file(engine, path)
    with engine.connect() as connection:
        before = row_counts(connection)
    assert [import_file(engine, path).status for path in (VI, EN)] == ["already_imported"] * 2
    with engine.connect() as connection:
        assert row_counts(connection) == before


def test_an_earlier_export_imported_later_adds_its_own_snapshots(engine):
    import_file(engine, EN)
    report = import_file(engine, VI)
    assert (report.new, report.unchanged, report.new_snapshots) == (0, 24, 24)


def test_the_same_posts_as_xlsx_are_the_same_content(engine):
    import_file(engine, EN)
    report = import_bytes(engine, EN.with_suffix(".xlsx").name, as_xlsx(EN))
    assert (report.encoding, report.kind, report.rows) == ("xlsx", "posts", 40)
    assert (report.new, report.updated, report.unchanged, report.new_snapshots) == (0, 0, 40, 0)


def test_header_casing_and_accents_do_not_matter(engine):
    text = VI.read_text(encoding="utf-8-sig")
    header, rest = text.split("\n", 1)
    header = header.replace("Cảm xúc, bình luận và lượt chia sẻ", "CẢM XÚC, BÌNH LUẬN VÀ LƯỢT CHIA SẺ")
    header = header.replace("ID bài viết", "id bai viet").replace("Thời gian đăng", "THỜI GIAN ĐĂNG")
    report = import_bytes(engine, VI.name, (header + "\n" + rest).encode("utf-8"))
    assert (report.kind, report.language, report.new) == ("posts", "vi", 24)
    en_text = EN.read_text(encoding="utf-8-sig").replace(
        "Reactions, Comments and Shares", "Reactions, comments and shares", 1
    )
    report = import_bytes(engine, EN.name, en_text.encode("utf-8"))
    assert (report.new, report.warnings) == (16, [])


def test_unknown_columns_are_ignored_and_kept_in_raw(engine):
    text = EN.read_text(encoding="utf-8-sig").splitlines()
    text[0] = "Brand new column," + text[0]
    text[1:] = ["x," + line if line.startswith("1000645") else line for line in text[1:]]
    report = import_bytes(engine, "drift.csv", "\n".join(text).encode("utf-8"), modified_at=datetime.now(UTC))
    assert (report.kind, report.new, report.captured_origin) == ("posts", 40, "modified")
    with engine.connect() as connection:
        raw = connection.execute(select(Content.raw).where(Content.external_id == LIVESTREAM)).scalar_one()
    assert raw["Brand new column"] == "x" and raw["Post type"] == "Live"


def test_captured_at_comes_from_as_of_then_file_name_then_modification_time(engine):
    as_of = datetime(2024, 6, 2, 8, 0, tzinfo=UTC)
    report = import_file(engine, VI, ImportOptions(as_of=as_of))
    assert (report.captured_at, report.captured_origin) == (as_of, "as_of")
    assert captured_at_from_name(EN.name, "Asia/Ho_Chi_Minh") == datetime(2024, 5, 31, 16, 59, 59, tzinfo=UTC)
    assert captured_at_from_name("posts.csv", "Asia/Ho_Chi_Minh") is None
    assert "from --as-of" in " ".join(report.lines("en"))


@pytest.mark.parametrize(
    ("post_type", "kind"),
    [
        ("Photos", "photo"),
        ("Links", "link"),
        ("Videos", "video"),
        ("Reels", "reel"),
        ("Live", "livestream"),
        ("Trực tiếp", "livestream"),
        ("Ảnh", "photo"),
        ("Thước phim", "reel"),
        ("Status", "post"),
    ],
)
def test_post_types_become_content_kinds(post_type, kind):
    assert content_kind(post_type) == kind


def test_interactions_far_from_their_parts_are_reported_but_imported(engine):
    text = EN.read_text(encoding="utf-8-sig").replace(
        ",Lifetime,18600,11240,1977,", ",Lifetime,18600,11240,9977,"
    )
    report = import_bytes(engine, EN.name, text.encode("utf-8"))
    assert report.status == "imported" and report.new == 40
    assert [w.row for w in report.warnings] == [41]
    assert "9977 is far from reactions + comments + shares = 1977" in "\n".join(report.lines("en"))


def test_page_series_become_page_metrics_of_the_page(engine):
    import_file(engine, EN)
    views = import_file(engine, EXPORTS / "Views.csv")
    viewers = import_file(engine, EXPORTS / "Viewers.csv")
    assert (views.kind, views.detail, views.encoding, views.new) == ("page_metrics", "views", "utf-16", 31)
    assert viewers.detail == "viewers"
    assert views.page == "Bảo hiểm xã hội tỉnh Lào Cai"
    with engine.connect() as connection:
        first = (
            connection.execute(
                select(PageMetric.value).where(PageMetric.metric == "views").order_by(PageMetric.day)
            )
            .scalars()
            .first()
        )
    assert first == 16209


def test_a_corrected_page_series_reports_what_changed(engine):
    import_file(engine, EN)
    import_file(engine, EXPORTS / "Views.csv")
    text = (EXPORTS / "Views.csv").read_text(encoding="utf-16").replace('"16209"', '"16300"')
    report = import_bytes(engine, "Views.csv", text.encode("utf-16"))
    assert (report.new, report.updated, report.unchanged) == (0, 1, 30)


def test_report_lines_speak_both_languages(engine):
    report = import_file(engine, EN)
    vi, en = "\n".join(report.lines("vi")), "\n".join(report.lines("en"))
    assert "tệp xuất bài viết Meta Business Suite" in vi and "40 mới" in vi
    assert "Meta Business Suite posts export" in en and "40 new" in en
    assert "31/05/2024 23:59" in en and "end date in the file name" in en
