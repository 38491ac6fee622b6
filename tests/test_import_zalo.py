"""The Zalo OA article statistics sheet through the one importer: recognised by its columns (Vietnamese
or English headers), landing on platform zalo, once; matched to articles collected through the API."""

import csv
import io
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from collector.cli import app
from collector.importer import ImportOptions, import_bytes, import_file
from collector.platforms.zalo.export import parse_article_sheet
from collector.plumbing.reading import FileProblem, read_sheet
from models.store import ChannelRecord, ContentRecord, save_channel, save_contents
from models.tables import Channel, Content, MetricSnapshot

FIXTURES = Path(__file__).parent / "fixtures" / "zalo"
VI = FIXTURES / "thong_ke_bai_viet_2024-05.csv"
EN = FIXTURES / "zalo_article_stats_en.csv"
CAPTURED = datetime(2024, 6, 1, 2, 0, tzinfo=UTC)


def articles(engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(
                Channel.platform,
                Content.kind,
                Content.title,
                Content.published_day,
                MetricSnapshot.views,
                MetricSnapshot.shares,
                MetricSnapshot.reactions,
                MetricSnapshot.comments,
            )
            .join(Content, Content.channel_id == Channel.id)
            .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
            .order_by(Content.published_day)
        ).all()


def test_the_vietnamese_sheet_lands_on_a_new_zalo_channel_once(engine):
    options = ImportOptions(channel="BHXH tỉnh Lào Cai", lang="en")
    report = import_file(engine, VI, options)
    assert (report.kind, report.language, report.status) == ("zalo_articles", "vi", "imported")
    assert (report.new, report.new_snapshots, report.page) == (4, 4, "BHXH tỉnh Lào Cai")
    assert report.lines("en")[0].startswith(f"{VI.name}: Zalo OA article statistics sheet")
    rows = articles(engine)
    assert [r[:2] for r in rows] == [("zalo", "article")] * 4
    first = rows[0]
    assert first[2] == "Tháng vận động BHXH toàn dân: BHXH tỉnh Lào Cai ra quân"
    assert (str(first[3]), first[4], first[5], first[6], first[7]) == ("2024-05-02", 4215, 86, 312, 24)
    again = import_file(engine, VI, options)
    assert again.status == "already_imported"
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Content)).scalar() == 4


def test_the_english_sheet_goes_to_the_only_zalo_channel_and_matches_its_articles(engine):
    with engine.begin() as connection:
        channel_id = save_channel(connection, ChannelRecord("1234567890123456789", "OA Lào Cai", "zalo"))
        save_contents(
            connection,
            channel_id,
            [
                ContentRecord(
                    "a0001",
                    "article",
                    title="Social insurance month: the province launches",
                    published_at=datetime(2024, 5, 2, 1, 30, tzinfo=UTC),
                )
            ],
        )
        save_channel(connection, ChannelRecord("100064523817765", "Facebook Page", "facebook"))
    report = import_file(engine, EN, ImportOptions(lang="en"))
    assert (report.language, report.page, report.new, report.updated, report.unchanged) == (
        "en",
        "OA Lào Cai",
        1,
        1,  # the collected article gains the link from the sheet
        0,
    )
    with engine.connect() as connection:
        ids = connection.execute(select(Content.external_id).order_by(Content.external_id)).scalars().all()
    assert ids[0] == "a0001" and ids[1].startswith("sheet-") and len(ids) == 2


def test_without_a_zalo_channel_the_sheet_asks_for_one_in_one_line(engine):
    with pytest.raises(FileProblem) as problem:
        import_file(engine, EN, ImportOptions(lang="en"))
    assert str(problem.value) == (
        f'{EN.name}: cannot tell which Zalo OA this sheet belongs to; add --channel "OA NAME".'
    )
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Content)).scalar() == 0


def test_the_sheet_saved_as_xlsx_by_the_cli(db_url, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    with VI.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    path = tmp_path / "thong_ke.xlsx"
    workbook.save(path)
    result = CliRunner().invoke(app, ["--db", db_url, "import", str(path), "--channel", "Zalo Lào Cai"])
    assert result.exit_code == 0, result.output
    assert "bảng thống kê bài viết Zalo OA" in result.output


def test_a_bad_row_rejects_the_file_and_says_where(engine):
    data = VI.read_bytes().replace(b"02/05/2024 08:30", b"32/05/2024 08:30")
    with pytest.raises(Exception) as rejected:
        import_bytes(engine, "bad.csv", data, ImportOptions(channel="OA", lang="en"))
    text = str(rejected.value)
    assert "bad.csv:3: Ngày đăng: not a date and time dd/mm/yyyy HH:MM (32/05/2024 08:30)" in text
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Content)).scalar() == 0


# --- the parser, for any sheet of this shape --------------------------------------------------------

HEADERS = {
    "vi": ("Tiêu đề bài viết", "Ngày đăng", "Lượt xem", "Lượt chia sẻ"),
    "en": ("Article title", "Publish date", "Views", "Shares"),
}
titles = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\r\n\x00"),
    min_size=1,
    max_size=40,
).filter(
    lambda t: t.strip() == t and t.strip() and unicodedata.normalize("NFC", t) == t
)  # files are read as NFC
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
counts = st.integers(min_value=0, max_value=50_000_000)


def grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator) if separator else str(number)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(titles, moments, counts, counts), min_size=1, max_size=12),
    lang=st.sampled_from(["vi", "en"]),
    separator=st.sampled_from(["", ".", ",", " "]),
    order=st.permutations(range(4)),
    day_first=st.booleans(),
)
def test_any_article_sheet_parses_back_to_its_values(rows, lang, separator, order, day_first):
    header = [HEADERS[lang][i] for i in order]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for title, moment, views, shares in rows:
        written = moment.strftime("%d/%m/%Y %H:%M") if day_first else moment.strftime("%Y-%m-%d %H:%M")
        cells = [title, written, grouped(views, separator), grouped(shares, separator)]
        writer.writerow([cells[i] for i in order])
    sheet = read_sheet("sheet.csv", buffer.getvalue().encode("utf-8"))
    parsed = parse_article_sheet(sheet, CAPTURED, "Asia/Ho_Chi_Minh")
    assert parsed.findings.problems == []
    assert parsed.language == lang
    assert [(c.title, c.published_at) for c in parsed.contents] == [
        (title, moment.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).astimezone(UTC))
        for title, moment, _, _ in rows
    ]
    assert [(s.views, s.shares, s.captured_at) for s in parsed.snapshots] == [
        (views, shares, CAPTURED) for _, _, views, shares in rows
    ]
    # The same title on the same day is the same article: ids are stable, never random.
    again = parse_article_sheet(sheet, CAPTURED, "Asia/Ho_Chi_Minh")
    assert [c.external_id for c in again.contents] == [c.external_id for c in parsed.contents]
