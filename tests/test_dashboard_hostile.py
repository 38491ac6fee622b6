"""What a file says is shown as the characters it is: Markdown or HTML in a cell value, a title or a
name never becomes an image fetched from elsewhere, a link, or styled text in a message or chart."""

import contextlib
import csv
import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from collector.importer import import_file
from dashboard import charts
from dashboard.show import plain
from models.activities import ActivityRecord, activity_count, save_activities
from models.db import make_engine
from models.errors import UserError
from models.metrics import Scope
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


def demo_copy_at(demo_url: str, tmp_path: Path) -> str:
    path = tmp_path / "demo-copy.db"
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return f"sqlite:///{path}"


def open_page(url: str, page: str, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(f"app_pages/{page}.py").run()
    return app


PAGES = sorted(p.stem for p in (APP.parent / "app_pages").glob("*.py") if p.stem != "start")
IMPORTABLE = sorted(
    p for p in FIXTURES.rglob("*") if p.suffix in (".csv", ".xlsx") and "graph_api" not in p.parts
)


@SQLITE
def test_every_page_renders_with_every_fixture_imported_into_the_demo(demo_url, tmp_path, monkeypatch):
    url = demo_copy_at(demo_url, tmp_path)
    engine = make_engine(url)
    for path in IMPORTABLE:  # whatever mix the database ends up holding
        with contextlib.suppress(UserError):  # a fixture refused in one line is fine
            import_file(engine, path)
    engine.dispose()
    for page in PAGES:
        app = open_page(url, page, monkeypatch, period="custom", **{"from": "2024-05-01", "to": "2024-05-31"})
        assert not app.exception, (page, [e.value for e in app.exception])
        assert not app.error, (page, [e.value for e in app.error])
    st.cache_data.clear()
    st.cache_resource.clear()


@SQLITE
def test_the_activities_page_lists_a_page_of_activities_at_a_time(demo_url, tmp_path, monkeypatch):
    url = demo_copy_at(demo_url, tmp_path)
    engine = make_engine(url)
    records = [
        ActivityRecord(
            name=f"Tổ tuyên truyền số {n}",
            kind="small_group",
            start_day=date(2024, 5, 10),
            end_day=date(2024, 5, 10),
            unit="Bát Xát",
        )
        for n in range(130)
    ]
    with engine.begin() as connection:
        save_activities(connection, records, source="cli", user="test")
        total = activity_count(connection, Scope(date(2024, 5, 1), date(2024, 5, 31)))
    engine.dispose()
    app = open_page(
        url,
        "activities",
        monkeypatch,
        lang="en",
        period="custom",
        **{"from": "2024-05-01", "to": "2024-05-31"},
    )
    assert not app.exception and not app.error
    assert len(app.dataframe[0].value) == 50
    assert f"Activities 1–50 of {total}" in " ".join(c.value for c in app.caption)
    app.number_input(key="activities_list_page").set_value(3).run()
    assert len(app.dataframe[0].value) == total - 100
    st.cache_data.clear()
    st.cache_resource.clear()


def test_a_table_beyond_streamlits_styling_limit_is_shown_as_text(monkeypatch):
    def page() -> None:
        import pandas as pd

        from dashboard import show

        show.MAX_STYLED_CELLS = 10
        frame = pd.DataFrame({"views": range(20), "title": [f"t{n}" for n in range(20)]})
        show.table(frame, {"views": ("Views", "int"), "title": ("Title", "text")}, "vi")

    app = AppTest.from_function(page)
    app.run()
    assert not app.exception
    assert list(app.dataframe[0].value["Views"])[:3] == ["0", "1", "2"]
