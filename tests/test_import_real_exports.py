"""Exports in the 2025 layouts real Pages and channels download: exact numbers or a clear refusal.

The samples are written by us in the exact layouts Meta Business Suite and YouTube Studio use
(tests/fixtures/meta_business_suite/2025, tests/fixtures/youtube_studio/2025); no one's data.
"""

import csv
import io

import pytest
from conftest import FIXTURES
from openpyxl import Workbook
from sqlalchemy import select

from collector.importer import import_bytes
from models.tables import Content, MetricSnapshot

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
