"""Download buttons in the dashboard's sidebar: the summary of what is on screen, in its language."""

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import downloads
from models.db import make_engine
from models.metrics import Scope
from models.summary import find_campaign

APP = Path(__file__).parent.parent / "dashboard" / "app.py"
PEAK_WEEK = "7 ngày cao điểm tuyên truyền nhóm nhỏ"


@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_sidebar_offers_the_three_files_for_the_current_filters_and_language(demo_url, monkeypatch):
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
    ]
    scope = Scope(date(2024, 5, 13), date(2024, 5, 19), kinds=("video",), campaign_id=peak.id)
    assert asked == [(scope, "xlsx", "en"), (scope, "csv", "en"), (scope, "html", "en")]
    st.cache_data.clear()
    st.cache_resource.clear()
