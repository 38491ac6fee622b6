"""Download buttons in the dashboard's sidebar: the summary of what is on screen, in its language."""

import io
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from docx import Document
from streamlit.testing.v1 import AppTest

from dashboard import downloads
from models.db import make_engine
from models.i18n import fmt_document_date
from models.metrics import Scope
from models.summary import find_campaign
from models.write import local_day, now_utc

APP = Path(__file__).parent.parent / "dashboard" / "app.py"
PEAK_WEEK = "7 ngày cao điểm tuyên truyền nhóm nhỏ"


@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_sidebar_offers_the_four_files_for_the_current_filters_and_language(demo_url, monkeypatch):
    engine = make_engine(demo_url)
    with engine.connect() as connection:
        peak = find_campaign(connection, PEAK_WEEK)
    engine.dispose()
    asked = []
    real_file_name = downloads.file_name
    monkeypatch.setattr(downloads, "file_name", lambda *args: asked.append(args) or real_file_name(*args))
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", demo_url)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_AUTH", "off")
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params.update(lang="en", period="campaign", campaign=str(peak.id), kind="video")
    app.run()
    assert not app.exception
    buttons = app.sidebar.get("download_button")
    assert [button.proto.label for button in buttons] == [
        "Excel (.xlsx)",
        "CSV (.zip)",
        "Printable report (.html)",
        "Word report (.docx)",
    ]
    scope = Scope(date(2024, 5, 13), date(2024, 5, 19), kinds=("video",), campaign_id=peak.id)
    assert asked == [(scope, fmt, "en") for fmt in ("xlsx", "csv", "html", "docx")]
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_word_report_button_gives_the_report_with_the_sources_files_letterhead(
    demo_url, monkeypatch, tmp_path
):
    config = tmp_path / "sources.toml"
    config.write_text('[report]\nplace = "Sa Pa"\nsigner = "Phạm Văn D"\n', encoding="utf-8")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_CONFIG", str(config))
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", demo_url)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))  # charts: tests/test_report_docx.py
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params.update(lang="vi")
    app.run()
    assert not app.exception
    labels = [button.proto.label for button in app.sidebar.get("download_button")]
    assert labels[-1] == "Báo cáo Word (.docx)"

    content = downloads._maker(Scope(date(2024, 5, 1), date(2024, 5, 31)), "docx", "vi")()
    document = Document(io.BytesIO(content))
    header = document.tables[0]
    assert "BẢO HIỂM XÃ HỘI TỈNH LÀO CAI" in header.rows[0].cells[0].text  # the demo's, kept
    # The date line is the day the report is made (signed), not the period's last day.
    assert header.rows[1].cells[1].text == fmt_document_date("Sa Pa", local_day(now_utc()), "vi")
    assert document.tables[-1].rows[0].cells[1].paragraphs[-1].text == "Phạm Văn D"
    assert any("18.600 lượt xem" in p.text for p in document.paragraphs)
    st.cache_data.clear()
    st.cache_resource.clear()
