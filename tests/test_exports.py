"""Engagement summaries as files: what leadership opens in Excel, a CSV zip, or a printed report."""

import io
import re
import zipfile
from datetime import UTC, date, datetime

import openpyxl
import pandas as pd
import pytest

from dashboard.exports import FORMATS, export_bytes, neutralise
from models import metrics
from models.metrics import Scope
from models.store import (
    ChannelRecord,
    ContentRecord,
    SnapshotRecord,
    save_channel,
    save_contents,
    save_snapshots,
)
from models.summary import build_summary

PEAK_CAMPAIGN = "7 ngày cao điểm tuyên truyền nhóm nhỏ"
PEAK_WEEK = Scope(date(2024, 5, 13), date(2024, 5, 19))
MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
NOTHING = Scope(date(2030, 1, 1), date(2030, 1, 31))
REPORTED = {"Voluntary social insurance": 262, "Health insurance": 1837, "VssID installs": 519}
REPORTED["Non-cash payment"] = 101
SHEETS = ["Summary", "Content", "Daily", "Campaigns", "Activities", "Livestreams", "Enrolment"]
SHEETS.append("Campaign impact")
INJECTION = '=HYPERLINK("http://x","click")'


def export(engine, scope: Scope, fmt: str, lang: str = "en", campaign: str | None = None) -> bytes:
    with engine.connect() as connection:
        name, content, mime = export_bytes(connection, scope, fmt, lang, campaign)
    assert name.endswith("." + FORMATS[fmt][0]) and mime == FORMATS[fmt][1]
    return content


def workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def block(sheet, title: str) -> dict[str, list]:
    """The rows of the Summary sheet block headed ``title``, by their first cell."""
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0] == title) + 2  # the heading, then the header row
    found = {}
    for row in rows[start:]:
        if row[0] is None:
            break
        found[row[0]] = row[1:]
    return found


def cells(book: openpyxl.Workbook):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_the_campaign_workbook_holds_the_reported_results_with_real_formats_and_a_chart(demo_engine):
    content = export(demo_engine, PEAK_WEEK, "xlsx", campaign=PEAK_CAMPAIGN)
    book = workbook(content)
    assert book.sheetnames == [*SHEETS, "Audience questions"]  # people asked in comments that week

    summary = book["Summary"]
    enrolments = block(summary, "Enrolments against targets")
    assert {label: enrolments[label][0] for label in REPORTED} == REPORTED
    assert enrolments["Voluntary social insurance"][1:3] == [250, pytest.approx(262 / 250)]
    about = block(summary, "Engagement summary")
    assert about["Period start"][0] == datetime(2024, 5, 13) and about["Campaign"][0] == PEAK_CAMPAIGN
    assert about["Time zone"][0] == "Asia/Ho_Chi_Minh"
    health_row = next(row for row in summary.iter_rows() if row[0].value == "Health insurance")
    assert health_row[1].number_format == "#,##0"
    rate_row = next(row for row in summary.iter_rows() if row[0].value == "Engagement rate / views")
    assert rate_row[1].number_format == "0.0%" and rate_row[3].number_format.startswith("+0.0%")

    daily = book["Daily"]
    assert daily.freeze_panes == "A2" and daily.auto_filter.ref == "A1:M8"
    assert daily["A2"].value == datetime(2024, 5, 13) and daily["A2"].number_format == "dd/mm/yyyy"
    header = [cell.value for cell in daily[1]]
    totals = {
        label: sum(row[header.index(label)].value for row in daily.iter_rows(min_row=2)) for label in REPORTED
    }
    assert totals == REPORTED
    assert len(daily._charts) == 1
    assert "xl/charts/chart1.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()

    assert all(cell.data_type != "f" for cell in cells(book))


def test_times_are_local_excel_dates(demo_engine):
    book = workbook(export(demo_engine, MAY, "xlsx"))
    live = book["Livestreams"]
    assert live["A2"].value == datetime(2024, 5, 22, 20, 0, 2)  # 13:00 UTC is 20:00 in Lao Cai
    assert live["A2"].number_format == "dd/mm/yyyy hh:mm"
    content = book["Content"]
    assert content.freeze_panes == "A2" and content.auto_filter.ref
    header = [cell.value for cell in content[1]]
    assert content.cell(2, header.index("Engagement rate / views") + 1).number_format == "0.0%"
    title = openpyxl.utils.get_column_letter(header.index("Title") + 1)
    assert content.column_dimensions[title].width > 20  # titles get room


def test_the_csv_zip_reads_back_as_the_metric_queries(demo_engine):
    archive = zipfile.ZipFile(io.BytesIO(export(demo_engine, MAY, "csv")))
    assert sorted(archive.namelist()) == sorted(
        [
            "summary.csv",
            "content.csv",
            "daily.csv",
            "campaigns.csv",
            "activities.csv",
            "livestreams.csv",
            "enrolment.csv",
            "impact.csv",
            "questions.csv",
        ]
    )
    assert all(archive.read(name).startswith(b"\xef\xbb\xbf") for name in archive.namelist())
    with demo_engine.connect() as connection:
        items = metrics.content_metrics(connection, MAY)
        days = metrics.daily(connection, MAY)
    content = pd.read_csv(archive.open("content.csv"), encoding="utf-8-sig")
    assert content["Views"].tolist() == items.views.tolist()
    assert content["Interactions"].sum() == items.interactions.sum()
    assert content["Published"].iloc[0] == "2024-05-01 08:00"
    daily = pd.read_csv(archive.open("daily.csv"), encoding="utf-8-sig")
    assert daily["Page views"].tolist() == days.page_views.tolist()
    assert daily["Day"].tolist() == [d.isoformat() for d in days.day]
    summary = archive.read("summary.csv").decode("utf-8-sig")
    assert "Voluntary social insurance,569," in summary


def test_the_report_opens_without_network_and_holds_the_same_totals(demo_engine):
    page = export(demo_engine, PEAK_WEEK, "html", campaign=PEAK_CAMPAIGN).decode("utf-8")
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=[\"']?https?:", page)
    assert page.count("Plotly.newPlot") == 2 and page.count('class="plotly-graph-div"') == 2
    assert page.count("plotly.js v") == 1  # the library inlined once
    for figure in ("262", "1,837", "519", "101"):
        assert f'<td class="n">{figure}</td>' in page
    assert "@page { size: A4" in page and "Definitions" in page and "Livestreams" in page
    vietnamese = export(demo_engine, PEAK_WEEK, "html", lang="vi", campaign=PEAK_CAMPAIGN).decode("utf-8")
    assert '<html lang="vi">' in vietnamese and '<td class="n">1.837</td>' in vietnamese


def test_export_numbers_equal_the_metric_queries_for_the_same_scope(demo_engine):
    scope = Scope(date(2024, 5, 1), date(2024, 5, 31), kinds=("video", "reel"))
    with demo_engine.connect() as connection:
        summary = build_summary(connection, scope)
        totals = metrics.totals(connection, scope)
        pd.testing.assert_frame_equal(summary.content, metrics.content_metrics(connection, scope))
        pd.testing.assert_frame_equal(summary.daily, metrics.daily(connection, scope))
        pd.testing.assert_frame_equal(summary.campaigns, metrics.campaign_table(connection, scope))
        pd.testing.assert_frame_equal(summary.livestreams, metrics.livestreams(connection, scope))
        assert summary.kpis == metrics.kpis(connection, scope)
    assert {key: figure["value"] for key, figure in summary.kpis.items()} == totals
    kpis = block(workbook(export(demo_engine, scope, "xlsx"))["Summary"], "Key figures")
    assert kpis["Views"][0] == totals["views"] and kpis["Interactions"][0] == totals["interactions"]
    assert kpis["Engagement rate / views"][0] == pytest.approx(totals["rate_per_view"])


def _post_with_caption(engine, captions: list[str]) -> None:
    published = datetime(2024, 5, 2, 3, 0, tzinfo=UTC)
    with engine.begin() as connection:
        channel = save_channel(connection, ChannelRecord("42", "Trang thử"))
        saved = save_contents(
            connection,
            channel,
            [
                ContentRecord(f"42_{n}", "photo", title=c, published_at=published)
                for n, c in enumerate(captions)
            ],
        )
        save_snapshots(
            connection,
            channel,
            saved.ids,
            [
                SnapshotRecord(f"42_{n}", datetime(2024, 5, 3, tzinfo=UTC), "manual", views=10, reactions=1)
                for n in range(len(captions))
            ],
        )


def test_a_caption_that_looks_like_a_formula_stays_text(engine):
    captions = [INJECTION, "+84 912 345 678", "-5 điều cần biết", "@mention", "\tTab"]
    _post_with_caption(engine, captions)
    archive = zipfile.ZipFile(io.BytesIO(export(engine, MAY, "csv")))
    titles = pd.read_csv(archive.open("content.csv"), encoding="utf-8-sig")["Title"].tolist()
    assert titles == ["'" + caption for caption in captions]

    book = workbook(export(engine, MAY, "xlsx"))
    header = [cell.value for cell in book["Content"][1]]
    column = header.index("Title") + 1
    written = [book["Content"].cell(row, column) for row in range(2, 2 + len(captions))]
    assert [cell.value for cell in written] == captions
    assert all(cell.data_type == "s" for cell in written)
    assert all(cell.data_type != "f" for cell in cells(book))

    page = export(engine, MAY, "html").decode("utf-8")
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;click&quot;)" in page and 'href="http://x"' not in page


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Tuần lễ vàng") == "Tuần lễ vàng" and neutralise("=1+1") == "'=1+1"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "html"])
def test_an_empty_period_gives_a_valid_file_that_says_there_is_no_data(engine, demo_engine, fmt):
    for database in (engine, demo_engine):
        content = export(database, NOTHING, fmt)
        if fmt == "xlsx":
            book = workbook(content)
            assert book.sheetnames == SHEETS
            assert (
                block(book["Summary"], "Engagement summary")["Status"][0]
                == "There is no data for this period."
            )
        elif fmt == "csv":
            summary = zipfile.ZipFile(io.BytesIO(content)).read("summary.csv").decode("utf-8-sig")
            assert "There is no data for this period." in summary
        else:
            assert "There is no data for this period." in content.decode("utf-8")


def test_no_token_or_internal_path_reaches_an_export(demo_engine, demo_url, monkeypatch):
    monkeypatch.setenv("EM_PAGE_TOKEN", "EAAB" + "x" * 40)
    for fmt in ("csv", "xlsx", "html"):
        content = export(demo_engine, MAY, fmt)
        texts = [content]
        if fmt != "html":
            archive = zipfile.ZipFile(io.BytesIO(content))
            texts = [archive.read(name) for name in archive.namelist()]
        for text in texts:
            assert b"EAAB" + b"x" * 40 not in text and b"access_token" not in text
            assert demo_url.rsplit("/", 1)[-1].encode() not in text  # the database file or name
            assert b"/tmp/" not in text and b"/work/" not in text


def test_the_campaign_impact_sheet_and_report_section_hold_the_estimate_and_its_caution(demo_engine):
    book = workbook(export(demo_engine, PEAK_WEEK, "xlsx", campaign=PEAK_CAMPAIGN))
    sheet = book["Campaign impact"]
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[1]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    health = rows["Health insurance"]
    assert (health["Campaign"], health["Observed"]) == (PEAK_CAMPAIGN, 1837)
    assert health["Expected: low (95%)"] <= health["Expected"] <= health["Expected: high (95%)"] < 1837
    assert health["Difference"] == pytest.approx(1837 - health["Expected"])
    assert health["Quiet periods as high"] == 0 and health["Quiet periods"] >= 20
    # The caution once in the workbook (Summary's definitions), not in every row's words.
    assert "not proven cause" not in health["In words"]
    summary_cells = [str(c) for row in book["Summary"].iter_rows(values_only=True) for c in row if c]
    assert sum("association with the campaign, not proven cause" in c for c in summary_cells) == 1
    assert sheet["C2"].number_format == "#,##0"
    report = export(demo_engine, PEAK_WEEK, "html", "vi", campaign=PEAK_CAMPAIGN).decode()
    assert "<h2>Tác động chiến dịch</h2>" in report
    assert "BHYT từ 13/5/2024 đến 19/5/2024: ghi nhận 1.837 người" in report
    assert "chưa phải bằng chứng chiến dịch là nguyên nhân" in report


def test_the_summary_compares_platforms_with_the_named_denominator(demo_engine):
    book = workbook(export(demo_engine, MAY, "xlsx"))
    sheet = book["Summary"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0] == "Platforms compared")
    header = rows[start + 1]
    assert header == ["Platform", "Kind", "Items", "Views", "Interactions", "Engagement rate / views"]
    platforms = {(row[0], row[1]): row for row in rows[start + 2 : start + 20] if row[0]}
    assert platforms[("YouTube", "Livestream")][3] == 3120
    assert platforms[("Facebook", "Livestream")][3] == 18600
    youtube = platforms[("YouTube", "All kinds")]
    assert youtube[5] == pytest.approx(youtube[4] / youtube[3])
    content = book["Content"]
    header = [cell.value for cell in content[1]]
    assert {row[header.index("Platform")] for row in content.iter_rows(min_row=2, values_only=True)} == {
        "Facebook",
        "YouTube",
        "Zalo",
    }
    report = export(demo_engine, MAY, "html", "vi").decode()
    assert "<h2>So sánh các nền tảng</h2>" in report and "YouTube" in report
    only_facebook = export(demo_engine, Scope(MAY.start, MAY.end, platforms=("facebook",)), "html")
    assert b"<h2>Platforms compared</h2>" not in only_facebook  # one platform: nothing to compare
