"""What people asked, in the CSV and Excel summaries too: the office's analyst opens questions.csv or
the "Audience questions" sheet and finds the figures the Word and printable reports state (how many
questions, how many answered, the share, the median time), the top topics with shortened examples,
and never a commenter's name or hash. Where the text is not kept, the examples go and the counts stay."""

import csv
import html
import io
import zipfile
from datetime import UTC, date, datetime

import openpyxl
import pytest
from docx import Document
from sqlalchemy import select, update

from dashboard.exports import write_summary
from dashboard.report_questions import questions_paragraphs
from models.i18n import fmt_decimal, fmt_int, fmt_percent
from models.messages import topic_name
from models.metrics import Scope
from models.retention import forget_comments
from models.summary import Summary, build_summary
from models.tables import Comment
from tests.test_report_docx import body_text, no_browser  # noqa: F401 (fixture)

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
NOTHING = Scope(date(2030, 1, 1), date(2030, 1, 31))


def csv_section(summary: Summary, lang: str = "en") -> tuple[dict[str, str], list[list[str]]]:
    """questions.csv read back: the figures by their label, then the topic rows."""
    archive = zipfile.ZipFile(io.BytesIO(write_summary(summary, "csv", lang)[1]))
    rows = list(csv.reader(io.StringIO(archive.read("questions.csv").decode("utf-8-sig"))))
    blank = rows.index([])
    figures = {row[0]: row[1] for row in rows[2:blank]}  # the block's title, then its header
    return figures, rows[blank + 3 :]


def xlsx_section(summary: Summary, lang: str = "en") -> tuple[dict[str, object], list[list], object]:
    """The Audience questions sheet read back: figures by label, topic rows, and the sheet."""
    book = openpyxl.load_workbook(io.BytesIO(write_summary(summary, "xlsx", lang)[1]))
    sheet = book.worksheets[-1]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    blank = next(i for i, row in enumerate(rows) if i > 1 and row[0] is None)
    figures = {row[0]: row[1] for row in rows[2:blank]}
    topics = [row[:3] for row in rows[blank + 3 :] if row[0] is not None]
    return figures, topics, sheet


def test_the_may_csv_and_excel_hold_the_figures_the_reports_state(demo_engine, no_browser):  # noqa: F811
    with demo_engine.connect() as connection:
        summary = build_summary(connection, MAY)
    asked = summary.questions
    assert asked is not None and asked.figures.questions > 0 and asked.topics
    paragraphs = questions_paragraphs(summary, "en")  # the Word report's and the printable report's
    sentence, topic_lines = paragraphs[0], paragraphs[2:]
    page = write_summary(summary, "html", "en")[1].decode()
    word = body_text(Document(io.BytesIO(write_summary(summary, "docx", "en")[1])))
    assert html.escape(sentence) in page and sentence in word

    figures, topics = csv_section(summary)
    assert list(figures) == ["Questions", "Answered", "Share answered", "Median time to answer (minutes)"]
    assert f"asked {fmt_int(int(figures['Questions']), 'en')} questions" in sentence
    assert f"answered {fmt_int(int(figures['Answered']), 'en')} " in sentence
    assert f"({fmt_percent(float(figures['Share answered']), 'en')})" in sentence
    assert f"of {fmt_decimal(float(figures['Median time to answer (minutes)']), 'en')} minutes" in sentence
    assert len(topics) == len(topic_lines) == len(asked.topics)
    for (topic, count, examples), line in zip(topics, topic_lines, strict=True):
        assert line.startswith(f"- {topic}: {fmt_int(int(count), 'en')} questions, for example {examples}")
        assert html.escape(line.removeprefix("- ")) in page and line in word
        assert examples.startswith("“") and all(len(example) <= 60 + 2 for example in examples.split("; "))

    in_excel, excel_topics, sheet = xlsx_section(summary)
    assert sheet.title == "Audience questions"
    assert in_excel["Questions"] == int(figures["Questions"]) == asked.figures.questions
    assert in_excel["Answered"] == int(figures["Answered"])
    assert in_excel["Share answered"] == float(figures["Share answered"])
    assert sheet.cell(5, 2).number_format == "0.0%" and sheet.cell(3, 2).number_format == "#,##0"
    median = float(figures["Median time to answer (minutes)"])
    assert in_excel["Median time to answer (minutes)"] == pytest.approx(median)  # Excel keeps 15 digits
    assert [[row[0], row[1], row[2]] for row in excel_topics] == [[t, int(c), e] for t, c, e in topics]


def test_the_vietnamese_section_speaks_vietnamese(demo_engine):
    with demo_engine.connect() as connection:
        summary = build_summary(connection, MAY)
    figures, topics = csv_section(summary, "vi")
    assert list(figures) == ["Câu hỏi", "Đã trả lời", "Tỷ lệ đã trả lời", "Thời gian trả lời trung vị (phút)"]
    assert [row[0] for row in topics] == [topic_name(topic, "vi") for topic, _, _ in summary.questions.topics]
    assert xlsx_section(summary, "vi")[2].title == "Câu hỏi của người dân"


def test_no_commenter_hash_reaches_any_export(demo_engine, no_browser):  # noqa: F811
    with demo_engine.connect() as connection:
        hashes = {h for h in connection.execute(select(Comment.author_hash)).scalars() if h}
        summary = build_summary(connection, MAY)
    assert hashes
    for fmt in ("csv", "xlsx", "html", "docx"):
        content = write_summary(summary, fmt, "vi")[1]
        parts = [content]
        if fmt != "html":  # the zip's members, uncompressed
            archive = zipfile.ZipFile(io.BytesIO(content))
            parts = [archive.read(name) for name in archive.namelist()]
        for part in parts:
            assert not any(h.encode() in part or h[:16].encode() in part for h in hashes), fmt


def test_without_the_text_the_examples_go_and_the_counts_stay(demo_engine):
    with demo_engine.connect() as connection:
        kept, topics = csv_section(build_summary(connection, MAY))
    # As if the office had switched text storage off (undone after).
    with demo_engine.connect() as connection, connection.begin() as storage_off:
        connection.execute(update(Comment).values(text=None))
        figures, no_text = csv_section(build_summary(connection, MAY))
        storage_off.rollback()
    assert figures == kept
    assert [row[:2] for row in no_text] == [row[:2] for row in topics]
    assert all(row[2] == "" for row in no_text)

    # Every comment past its keeping time: counts only (undone after).
    with demo_engine.connect() as connection, connection.begin() as expiry:
        forget_comments(connection, keep_days=90, now=datetime(2030, 1, 1, tzinfo=UTC))
        summary = build_summary(connection, MAY)
        forgotten, counted = csv_section(summary)
        in_excel, excel_topics, _ = xlsx_section(summary)
        expiry.rollback()
    assert forgotten["Questions"] == kept["Questions"] and forgotten["Answered"] == kept["Answered"]
    assert forgotten["Median time to answer (minutes)"] == ""  # no times without the comments
    assert [row[:2] for row in counted] == [row[:2] for row in topics]
    assert all(row[2] == "" for row in counted) and all(row[2] is None for row in excel_topics)
    assert in_excel["Questions"] == int(kept["Questions"])


def test_a_period_without_questions_has_no_questions_file_or_sheet(demo_engine):
    with demo_engine.connect() as connection:
        summary = build_summary(connection, NOTHING)
    archive = zipfile.ZipFile(io.BytesIO(write_summary(summary, "csv", "en")[1]))
    assert "questions.csv" not in archive.namelist()
    book = openpyxl.load_workbook(io.BytesIO(write_summary(summary, "xlsx", "en")[1]))
    assert "Audience questions" not in book.sheetnames
