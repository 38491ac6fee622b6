"""What a file says is shown as the characters it is: Markdown or HTML in a cell value, a title or a
name never becomes an image fetched from elsewhere, a link, or styled text in a message or chart."""

import csv
import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dashboard import charts
from dashboard.show import plain
from tests.conftest import FIXTURES

APP = Path(__file__).parent.parent / "dashboard" / "app.py"
SQLITE = pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
HOSTILE = "![x](http://evil.example/a.png) [sign in](http://evil.example) <img src=x> $x$ :red[y] *z*"


def rendered(markdown: str) -> str:
    """The HTML a Markdown renderer makes of ``markdown`` (Streamlit's is CommonMark with extras)."""
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_plain_text_renders_as_the_characters_it_is():
    shown = rendered(plain(HOSTILE + "\nsecond line"))
    assert "<img" not in shown and "<a " not in shown and "<em>" not in shown
    assert shown == (
        "<p>![x](http://evil.example/a.png) [sign in](http://evil.example) &lt;img src=x&gt; $x$ "
        ":red[y] *z*<br />\nsecond line</p>\n"
    )


@SQLITE
def test_a_refusal_quoting_markdown_from_a_cell_shows_it_as_text(demo_url, tmp_path, monkeypatch):
    path = tmp_path / "demo-copy.db"
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as target:
        source.backup(target)
    export = FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv"
    rows = list(csv.reader(io.StringIO(export.read_text(encoding="utf-8-sig"))))
    rows[1][rows[0].index("Views")] = "![x](http://evil.example/a.png) [sign in](http://evil.example)"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows[:3])
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", f"sqlite:///{path}")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    app.switch_page("app_pages/data.py").run()
    app.file_uploader(key="data_files").set_value(("evil.csv", buffer.getvalue().encode(), "text/csv"))
    app.get("form")[0].button[0].click()
    app.run()
    st.cache_data.clear()
    st.cache_resource.clear()

    assert not app.exception and len(app.error) == 1
    shown = rendered(app.error[0].value)
    assert "<img" not in shown and "<a " not in shown
    assert "![x](http://evil.example/a.png) [sign in" in shown


def test_titles_and_names_in_charts_are_escaped_for_plotly():
    activity = {
        "name": '<a href="http://evil.example">sign in</a>',
        "start_day": date(2024, 5, 2),
        "end_day": date(2024, 5, 2),
        "kind": "other",
        "unit": "<b>Bát Xát</b>",
        "venue": "%{x} hall",
        "attendance": None,
    }
    hover = charts.activity_hover(activity, "en")
    assert "<a " not in hover and "&lt;a href" in hover
    assert "&lt;b&gt;Bát Xát&lt;/b&gt;" in hover and "%{x}" not in hover
    assert charts.text("Q&A <i>") == "Q&amp;A &lt;i&gt;"
