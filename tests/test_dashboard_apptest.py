"""The dashboard as staff use it, on the demo database (May 2024, Lao Cai), through Streamlit's AppTest."""

import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from collector.demo import ZALO_ARTICLES
from models import impact, metrics
from models.db import make_engine
from models.i18n import fmt_int
from models.metrics import Scope
from models.report_notes import report_notes
from models.tables import Campaign, CampaignContent, Content
from tests.conftest import FIXTURES
from tests.screen import as_read

APP = Path(__file__).parent.parent / "dashboard" / "app.py"
PEAK_WEEK = "7 ngày cao điểm tuyên truyền nhóm nhỏ"
MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
SQLITE = pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
MAX_CARD_LABEL = 24  # characters a key figure card shows whole in a quarter of a 1400-px window


@pytest.fixture
def dashboard(monkeypatch):
    """Open the dashboard on a database: ``dashboard(url, page=None, **query)`` → a run AppTest."""
    monkeypatch.delenv("ENGAGEMENT_MONITOR_LANG", raising=False)

    def open_dashboard(url: str, page: str | None = None, **query: str | list[str]) -> AppTest:
        monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", url)
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in query.items():
            app.query_params[key] = value
        app.run()
        if page is not None:
            app.switch_page(f"app_pages/{page}.py").run()
        assert_no_error(app)
        return app

    yield open_dashboard
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def demo_copy(demo_url, tmp_path) -> str:
    """A copy of the SQLite demo database, for tests that change data."""
    path = tmp_path / "demo-copy.db"
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return f"sqlite:///{path}"


def assert_no_error(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [as_read(e.value) for e in app.error]


def tables(app: AppTest) -> list[pd.DataFrame]:
    """Every table as shown: the cells' display text (babel-formatted), not the raw numbers."""
    shown = []
    for frame in app.dataframe:
        styled = frame.proto.arrow_data.styler.display_values
        shown.append(dataframe_util.convert_arrow_bytes_to_pandas_df(styled) if styled else frame.value)
    return shown


def url(app: AppTest) -> dict[str, list[str]]:
    """The address bar's query string, every value as a list."""
    return {key: value if isinstance(value, list) else [value] for key, value in app.query_params.items()}


def metric_values(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def charts(app: AppTest) -> list:
    return app.get("plotly_chart")


def figure(app: AppTest, number: int = 0) -> dict:
    """The Plotly figure of the ``number``-th chart, as the browser receives it."""
    return json.loads(charts(app)[number].proto.spec)


def trace_names(app: AppTest, number: int = 0) -> list[str]:
    """The names in the chart's legend (the activity markers name their kind on their own axis)."""
    return [
        trace.get("name") for trace in figure(app, number)["data"] if trace.get("showlegend") is not False
    ]


def title(app: AppTest, number: int = 0) -> str:
    """The title of the ``number``-th chart: the bold line the page writes above it (it wraps on a
    phone, where Plotly's own title was cut)."""
    titles, above = [], ""
    for node in _in_order(app.main):
        if node.type == "markdown":
            above = node.value
        elif node.type == "plotly_chart":
            titles.append(re.sub(r"\\(.)", r"\1", above.strip("*")))
    return titles[number]


def _in_order(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _in_order(child)


def texts(app: AppTest) -> str:
    return as_read(
        "\n".join(
            [m.value for m in app.markdown]
            + [c.value for c in app.caption]
            + [i.value for i in app.info]
            + [w.value for w in app.warning]
        )
    )


@SQLITE
def test_overview_shows_the_months_figures_against_the_month_before(dashboard, demo_url, demo_engine):
    app = dashboard(demo_url)
    with demo_engine.connect() as connection:
        figures = metrics.kpis(connection, MAY)
    shown = metric_values(app)
    # The demo's data ends on 7 June: during a month's first week the default is the month before.
    assert shown["Lượt xem / phát"] == fmt_int(figures["views"]["value"], "vi")
    assert shown["BHXH tự nguyện"] == fmt_int(figures["enrolment_voluntary_si"]["value"], "vi")
    assert "Tương tác / tiếp cận" in shown
    assert "." in shown["Lượt xem / phát"]  # 582.849, the Vietnamese way
    deltas = {m.label: m.delta for m in app.metric}
    assert deltas["Lượt xem / phát"].endswith("%")
    assert len(charts(app)) >= 2
    assert url(app)["period"] == ["last_month"] and url(app)["lang"] == ["vi"]


@SQLITE
def test_campaign_row_shows_262_voluntary_si_and_1837_health_insurance_against_targets(dashboard, demo_url):
    app = dashboard(demo_url, "reach_enrolment")
    campaigns = tables(app)[0].set_index("Chiến dịch")
    peak = campaigns.loc[PEAK_WEEK]
    assert (peak["BHXH tự nguyện"], peak["BHYT"]) == ("262", "1.837")
    assert (peak["Chỉ tiêu BHXH tự nguyện"], peak["Chỉ tiêu BHYT"]) == ("250", "1.800")
    assert (peak["Đạt BHXH tự nguyện"], peak["Cài đặt VssID"]) == ("104,8%", "519")
    assert peak["Người tham gia mới / 10.000 lượt xem"].replace(",", "").isdigit()
    # reach vs enrolment, campaign impact and its placebo check, lag bars, scatter at the chosen lag
    assert len(charts(app)) == 5
    assert "không phải **quan hệ nhân quả**" in texts(app)
    # The impact caution is the one every export and the Word report print (models.impact.caution).
    assert texts(app).count(as_read(impact.caution("vi"))) == 1


@SQLITE
def test_a_week_is_too_little_data_for_the_lag_explorer(dashboard, demo_url):
    app = dashboard(demo_url, "reach_enrolment", period="week", lang="en")
    assert "Too little data to explore lags" in texts(app)
    assert "association" in texts(app)
    assert len(charts(app)) == 3  # reach vs enrolment, campaign impact and its placebo check


@SQLITE
def test_reach_chart_follows_granularity_category_and_unit(dashboard, demo_url):
    app = dashboard(demo_url, "reach_enrolment")
    campaigns = ["Tháng vận động triển khai BHXH toàn dân", PEAK_WEEK, "Tuần lễ vàng cùng Bưu điện"]
    assert trace_names(app) == [
        "Lượt xem Trang",
        "BHXH tự nguyện",
        "BHYT",
        "Cài đặt VssID",
        "Chi trả không dùng tiền mặt",
        *campaigns,  # named in the legend, not written over the line
    ]
    app.multiselect(key="reach_categories").set_value(["voluntary_si"]).run()
    app.segmented_control(key="reach_granularity").set_value("weekly").run()
    assert_no_error(app)
    assert trace_names(app) == ["Lượt xem Trang", "BHXH tự nguyện", *campaigns]
    assert title(app) == "Tiếp cận và người tham gia mới theo tuần"


@SQLITE
def test_the_livestream_shows_18600_plays_and_its_peak(dashboard, demo_url):
    app = dashboard(demo_url, "livestreams")
    # The figures the office reports, as cards above the viewer curve (not in a table's far columns).
    cards = metric_values(app)
    assert cards["Lượt phát"] == "18.600" and cards["Tương tác"] == "1.977"
    assert cards["Người xem cao nhất"] == "1.236" and cards["Lúc cao nhất"] == "20:36"
    assert cards["Xem trung bình"].endswith(" giây")
    helps = {m.label: m.help for m in app.metric}
    assert helps["Lúc cao nhất"] == "Lúc có nhiều người xem nhất: 22/05/2024 20:36."
    live = tables(app)[0].iloc[0]
    assert live["Lượt phát"] == "18.600"
    assert live["Tương tác"] == "1.977"
    assert live["Người xem trực tiếp cao nhất"] == "1.236"
    assert live["Lúc cao nhất"] == "22/05/2024 20:36"
    assert figure(app)["data"][1]["text"] == ["Cao nhất: 1.236 người lúc 22/05/2024 20:36"]


@SQLITE
def test_switching_language_changes_labels_and_number_format(dashboard, demo_url):
    app = dashboard(demo_url, "livestreams")
    app.sidebar.segmented_control(key="lang").set_value("en").run()
    assert_no_error(app)
    live = tables(app)[0].iloc[0]
    assert live["Plays"] == "18,600" and live["Peak live viewers"] == "1,236"
    cards = metric_values(app)
    assert (cards["Plays"], cards["Peak live viewers"], cards["Peak at"]) == ("18,600", "1,236", "20:36")
    assert app.title[0].value == "Livestreams"
    assert url(app)["lang"] == ["en"]
    app.switch_page("app_pages/reach_enrolment.py").run()  # the language stays when moving on
    peak = tables(app)[0].set_index("Campaign").loc[PEAK_WEEK]
    assert (peak["Voluntary social insurance"], peak["Health insurance"]) == ("262", "1,837")


@SQLITE
def test_a_language_control_that_comes_back_empty_keeps_the_sessions_language(dashboard, demo_url):
    # Seen in the browser when pages were switched quickly: the required control's state was None for
    # a run, and the page came in English with lang=None written into the shared link.
    app = dashboard(demo_url, "livestreams", lang="vi")
    app.session_state["lang"] = None
    app.run()
    assert_no_error(app)
    assert app.title[0].value == "Phát trực tiếp" and url(app)["lang"] == ["vi"]
    assert metric_values(app)["Lượt phát"] == "18.600"
    app.switch_page("app_pages/reach_enrolment.py").run()
    assert app.title[0].value == "Tiếp cận và kết quả phát triển" and url(app)["lang"] == ["vi"]


@SQLITE
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_key_figure_card_has_a_short_label_and_its_definition_as_help(dashboard, demo_url, lang):
    for page in ("overview", "livestreams"):
        app = dashboard(demo_url, page, lang=lang)
        assert len(app.metric) >= 5
        for card in app.metric:
            assert len(card.label) <= MAX_CARD_LABEL, card.label  # whole on a 1400-px screen
            assert card.help and len(card.help) > len(card.label), card.label


@SQLITE
def test_filters_change_the_numbers_and_live_in_the_url(dashboard, demo_url, demo_engine):
    app = dashboard(demo_url)
    all_views = metric_values(app)["Lượt xem / phát"]
    app.sidebar.multiselect(key="kinds").set_value(["video"]).run()
    with demo_engine.connect() as connection:
        videos = metrics.totals(connection, Scope(MAY.start, MAY.end, kinds=("video",)))
    assert metric_values(app)["Lượt xem / phát"] == fmt_int(videos["views"], "vi") != all_views
    assert url(app)["kind"] == ["video"]
    app.sidebar.selectbox(key="period").set_value("campaign").run()
    campaign_id = int(url(app)["campaign"][0])
    assert app.sidebar.selectbox(key="campaign").value == campaign_id
    assert "13/05/2024 – 19/05/2024" in texts(app.sidebar) or "25/05/2024 – 31/05/2024" in texts(app.sidebar)
    app.switch_page("app_pages/content.py").run()  # filters persist across pages
    assert url(app)["kind"] == ["video"]
    assert set(tables(app)[0]["Loại"]) == {"Video"}


@SQLITE
def test_a_shared_link_opens_the_same_view(dashboard, demo_url, demo_engine):
    with demo_engine.connect() as connection:
        campaigns = metrics.campaigns(connection)
    peak_id = int(campaigns.id[campaigns.name == PEAK_WEEK].iloc[0])
    app = dashboard(demo_url, lang="en", period="campaign", campaign=str(peak_id))
    shown = metric_values(app)
    assert shown["Voluntary SI"] == "262"
    assert shown["Health insurance"] == "1,837"
    custom = dashboard(demo_url, period="custom", **{"from": "2024-05-22", "to": "2024-05-22"})
    assert "22/05/2024 – 22/05/2024, 1 ngày" in texts(custom.sidebar)


@SQLITE
def test_content_page_lists_every_item_searchable_with_links_and_kinds_side_by_side(dashboard, demo_url):
    app = dashboard(demo_url, "content", platform="facebook")  # the fanpage's 59 items
    items, _, kinds = tables(app)[:3]
    assert len(items) == 50 and items["Liên kết"].str.startswith("https://www.facebook.com/").all()
    assert "Nội dung 1–50 trong 59" in texts(app)  # read a page at a time
    app.number_input(key="content_list_page").set_value(2).run()
    assert len(tables(app)[0]) == 9 and "Nội dung 51–59 trong 59" in texts(app)
    assert "Phát trực tiếp" in set(kinds["Loại"])
    live = kinds.set_index("Loại").loc["Phát trực tiếp"]
    assert live["Lượt xem"] == "18.600"
    app.text_input(key="content_search").input("LIVESTREAM").run()
    assert len(tables(app)[0]) == 1
    assert len(charts(app)) == 5  # platforms, medians per kind, views per item by kind, top N, growth
    app.selectbox(key="content_ranking").set_value("interactions").run()
    assert title(app, 3) == "10 nội dung có tương tác cao nhất"


@SQLITE
def test_platforms_are_compared_and_the_platform_filter_lives_in_the_url(dashboard, demo_url, demo_engine):
    app = dashboard(demo_url, "content")
    platforms = tables(app)[1]
    whole = platforms[platforms["Loại"] == "Mọi loại"].set_index("Nền tảng")
    assert list(whole.index) == ["Facebook", "YouTube", "Zalo"]
    lives = platforms[platforms["Loại"] == "Phát trực tiếp"].set_index("Nền tảng")
    assert (lives.loc["Facebook", "Lượt xem"], lives.loc["YouTube", "Lượt xem"]) == ("18.600", "3.120")
    assert "tương tác ÷ lượt xem" in texts(app)  # the rate names its denominator
    chart = figure(app, 0)
    colours = {trace["name"]: trace["marker"]["color"] for trace in chart["data"]}
    assert colours == {"Facebook": "#1877f2", "YouTube": "#e62117", "Zalo": "#00a3e0"}
    app.sidebar.multiselect(key="platforms").set_value(["youtube"]).run()
    assert_no_error(app)
    assert url(app)["platform"] == ["youtube"]
    assert set(tables(app)[0]["Nền tảng"]) == {"YouTube"} and len(tables(app)[0]) == 5
    app.switch_page("app_pages/overview.py").run()
    with demo_engine.connect() as connection:
        youtube = metrics.totals(connection, Scope(MAY.start, MAY.end, platforms=("youtube",)))
    assert metric_values(app)["Lượt xem / phát"] == fmt_int(youtube["views"], "vi")
    overview = dashboard(demo_url, lang="en")
    shown = tables(overview)[0].set_index("Platform")
    assert list(shown.index) == ["Facebook", "YouTube", "Zalo"] and shown.loc["YouTube", "Items"] == "5"


@SQLITE
def test_campaigns_can_be_created_edited_assigned_and_deleted(dashboard, demo_copy):
    app = dashboard(demo_copy, "campaigns")
    assert title(app) == f"Tiến độ: {PEAK_WEEK}"  # the campaign with targets comes first
    app.selectbox(key="campaign_chosen").set_value(0).run()
    form = app.get("form")[0]
    form.text_input[0].input("Ngày hội BHYT học sinh")
    form.date_input[0].set_value(date(2024, 5, 6))
    form.date_input[1].set_value(date(2024, 5, 8))
    form.number_input[1].set_value(300)
    form.button[0].click()
    app.run()
    assert_no_error(app)
    engine = make_engine(demo_copy)
    with engine.connect() as connection:
        created = connection.execute(select(Campaign).where(Campaign.name == "Ngày hội BHYT học sinh")).one()
    assert created.targets == {"health_insurance": 300}
    assert app.selectbox(key="campaign_chosen").value == created.id
    assert "Ngày hội BHYT học sinh" in set(tables(app)[0]["Tên"])

    assert len(app.data_editor) == 1
    app.session_state[f"campaign_members_{created.id}"] = {
        "edited_rows": {0: {"in_campaign": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    app.button(key=f"campaign_members_save_{created.id}").click().run()
    assert_no_error(app)
    with engine.connect() as connection:
        assigned = connection.execute(
            select(func.count()).select_from(CampaignContent).where(CampaignContent.campaign_id == created.id)
        ).scalar_one()
    assert assigned == 1

    app.checkbox(key=f"campaign_confirm_{created.id}").check().run()
    app.button(key=f"campaign_delete_{created.id}").click().run()
    assert_no_error(app)
    with engine.connect() as connection:
        assert connection.execute(select(Campaign).where(Campaign.id == created.id)).first() is None
    engine.dispose()


@SQLITE
def test_a_campaign_ending_before_it_starts_is_refused_in_one_line(dashboard, demo_copy):
    app = dashboard(demo_copy, "campaigns")
    app.selectbox(key="campaign_chosen").set_value(0).run()
    form = app.get("form")[0]
    form.text_input[0].input("Sai ngày")
    form.date_input[0].set_value(date(2024, 5, 9))
    form.date_input[1].set_value(date(2024, 5, 8))
    form.button[0].click()
    app.run()
    assert [as_read(e.value) for e in app.error] == ["Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."]
    assert not app.exception


@SQLITE
def test_data_page_imports_an_export_and_shows_runs_health_and_counts(dashboard, demo_copy):
    app = dashboard(demo_copy, "data", lang="en")
    health, runs, counts = tables(app)
    assert health.iloc[0]["Source"] == "demo" and health.iloc[0]["Status"] == "OK"
    # the fanpage's 85 items, the Zalo OA's articles and the YouTube channel's 5 videos
    assert counts.set_index("Table").loc["Content items", "Rows"] == str(85 + len(ZALO_ARTICLES) + 5)
    export = FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv"
    app.file_uploader(key="data_files").set_value((export.name, export.read_bytes(), "text/csv"))
    app.get("form")[0].button[0].click()
    app.run()
    assert not app.exception and not app.error
    report = as_read(app.success[0].value)
    assert export.name in report and "new" in report
    engine = make_engine(demo_copy)
    with engine.connect() as connection:
        items = connection.execute(select(func.count()).select_from(Content)).scalar_one()
    engine.dispose()
    assert items > 85 + len(ZALO_ARTICLES) + 5
    assert tables(app)[2].set_index("Table").loc["Content items", "Rows"] == fmt_int(items, "en")


@SQLITE
def test_a_refused_file_shows_the_importers_message_not_a_traceback(dashboard, demo_copy):
    app = dashboard(demo_copy, "data")
    app.file_uploader(key="data_files").set_value(("notes.csv", b"a,b\n1,2\n", "text/csv"))
    app.get("form")[0].button[0].click()
    app.run()
    assert not app.exception
    assert len(app.error) == 1 and "notes.csv" in as_read(app.error[0].value)
    assert "Traceback" not in as_read(app.error[0].value)


@SQLITE
def test_an_upload_cut_off_inside_a_caption_is_refused_and_changes_nothing(dashboard, demo_copy):
    from db_state import database_state

    export = FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv"
    text = export.read_text(encoding="utf-8-sig")
    cut = text[: text.index("Nhận lương hưu qua tài khoản: an toàn, nhanh chóng, liên")].encode()
    engine = make_engine(demo_copy)
    before = database_state(engine)
    app = dashboard(demo_copy, "data", lang="en")
    app.file_uploader(key="data_files").set_value((export.name, cut, "text/csv"))
    app.get("form")[0].button[0].click()
    app.run()
    assert not app.exception and not app.success
    assert [as_read(e.value) for e in app.error] == [
        f"{export.name}: the file ends in the middle of a row: download it again."
    ]
    assert database_state(engine) == before
    engine.dispose()


@SQLITE
def test_an_unforeseen_error_in_one_upload_is_one_line_and_the_other_files_import(
    dashboard, demo_copy, monkeypatch
):
    from db_state import database_state

    import collector.importer

    real_read_sheet = collector.importer.read_sheet

    def failing_on_views(name, data):
        if name == "Views.csv":
            raise MemoryError  # what a bug or an exhausted machine looks like to the page
        return real_read_sheet(name, data)

    monkeypatch.setattr(collector.importer, "read_sheet", failing_on_views)
    views = (FIXTURES / "meta_business_suite" / "Views.csv").read_bytes()
    campaigns = (FIXTURES / "campaigns_2024-05.csv").read_bytes()
    engine = make_engine(demo_copy)
    before = database_state(engine)
    app = dashboard(demo_copy, "data", lang="en")
    app.file_uploader(key="data_files").set_value(
        [("Views.csv", views, "text/csv"), ("campaigns.csv", campaigns, "text/csv")]
    )
    app.get("form")[0].button[0].click()
    app.run()
    assert not app.exception
    assert [as_read(e.value) for e in app.error] == [
        "Views.csv: unexpected error (MemoryError), nothing from this file was imported; the other files "
        "go on. Please report it to the developers."
    ]
    assert len(app.success) == 1 and "campaigns.csv" in as_read(app.success[0].value)
    after = database_state(engine)
    engine.dispose()
    assert after["page_metric"] == before["page_metric"]  # nothing of Views.csv
    assert [row[2] for row in after["imported_file"]] == ["campaigns.csv"]  # the other file went on


@SQLITE
def test_a_failing_query_becomes_one_readable_message(dashboard, demo_url, monkeypatch):
    def broken(connection, scope):
        raise RuntimeError("boom")

    monkeypatch.setattr(metrics, "kpis", broken)
    app = AppTest.from_file(str(APP), default_timeout=60)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", demo_url)
    st.cache_data.clear()
    app.run()
    assert not app.exception
    assert [as_read(e.value) for e in app.error] == [
        "Đã xảy ra lỗi khi hiển thị trang này. Chi tiết đã được ghi vào nhật ký máy chủ; "
        "hãy thử lại hoặc báo cho người quản trị."
    ]


def test_an_empty_database_shows_the_start_page(dashboard, sqlite_url):
    app = dashboard(sqlite_url)
    assert app.title[0].value == "Chào mừng đến với công cụ theo dõi tương tác"
    assert "engagement-monitor demo" in texts(app)
    assert not charts(app)
    data_page = dashboard(sqlite_url, "data", lang="en")
    assert data_page.title[0].value == "Data"


@pytest.mark.parametrize("demo_url", ["postgresql"], indirect=True)
def test_reach_vs_enrolment_on_postgresql(dashboard, demo_url):
    app = dashboard(demo_url, "reach_enrolment")
    peak = tables(app)[0].set_index("Chiến dịch").loc[PEAK_WEEK]
    assert (peak["BHXH tự nguyện"], peak["BHYT"]) == ("262", "1.837")
    assert len(charts(app)) == 5


@SQLITE
def test_campaign_impact_shows_observed_against_expected_with_placebo_and_units(dashboard, demo_url):
    app = dashboard(demo_url, "reach_enrolment")
    app.selectbox(key="impact_campaign").set_value(PEAK_WEEK).run()
    assert_no_error(app)
    impact_table = next(table for table in tables(app) if "Dự kiến" in table.columns).set_index("Loại")
    assert impact_table.loc["BHYT", "Thực tế"] == "1.837"
    assert impact_table.loc["BHXH tự nguyện", "Thực tế"] == "262"
    expected = int(impact_table.loc["BHYT", "Dự kiến"].replace(".", ""))
    assert expected < int(impact_table.loc["BHYT", "Dự kiến: cao"].replace(".", "")) < 1837
    titles = [title(app, n) for n in range(len(charts(app)))]
    assert "Thực tế so với dự kiến, theo loại" in titles
    assert "BHXH tự nguyện: chiến dịch so với các giai đoạn thường cùng độ dài" in titles
    words = texts(app)
    assert as_read(impact.caution("vi")) in words  # the caution every export and the report print
    assert "BHYT từ 13/5/2024 đến 19/5/2024: ghi nhận 1.837 người" in words
    assert "Con số này cao hơn hẳn mức thường thấy." in words
    assert "giai đoạn cùng độ dài không có chiến dịch" in words
    assert app.multiselect(key=f"impact_focus_{PEAK_WEEK}").value == ["Bắc Hà"]  # where activities were held
    units = next(table for table in tables(app) if "Trọng điểm" in table.columns)
    assert list(units["Đơn vị"])[0] == "Bắc Hà" and len(units) == 9
    assert "đơn vị trọng điểm (Bắc Hà)" in words and "giả định hai nhóm sẽ biến động như nhau" in words


@SQLITE
def test_an_editor_writes_the_reports_closing_sections_for_the_month(dashboard, demo_copy):
    app = dashboard(demo_copy, "report")
    form = app.get("form")[0]
    areas = {area.label: area for area in app.text_area}
    assert list(areas) == [
        "ĐÁNH GIÁ CHUNG",
        "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI",
        "KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    areas["KIẾN NGHỊ, ĐỀ XUẤT"].input("Đề nghị BHXH Việt Nam hỗ trợ tài liệu tiếng dân tộc.")
    form.button[0].click()
    app.run()
    assert_no_error(app)
    assert "Đã lưu 1 mục." in [message.value for message in app.success]
    with make_engine(demo_copy).connect() as connection:
        assert report_notes(connection, MAY.start, MAY.end) == {
            "recommendations": "Đề nghị BHXH Việt Nam hỗ trợ tài liệu tiếng dân tộc."
        }


@SQLITE
def test_the_overview_names_both_comparisons_of_a_month(dashboard, demo_url, demo_engine):
    app = dashboard(demo_url)
    captions = " ".join(caption.value for caption in app.caption)
    assert "so với kỳ trước: Tháng 4/2024 (01/04/2024 – 30/04/2024)." in captions
    year_ago = "Cùng kỳ năm trước ở phần giải thích của từng ô: Tháng 5/2023 (01/05/2023 – 31/05/2023)."
    assert year_ago in captions
    assert "Tháng 5/2024 (01/05/2024 – 31/05/2024), 31 ngày" in captions  # the period picked, by its name
    with demo_engine.connect() as connection:
        figures = metrics.kpis(connection, MAY)
    shown = metric_values(app)
    assert shown["Người tham gia mới"] == fmt_int(figures["enrolments"]["value"], "vi")  # 4.426, not 5.981
    assert shown["Kết quả khác"] == fmt_int(figures["other_results"]["value"], "vi")
    # Face-to-face attendance apart from the people reached at a distance, as in every export.
    assert (shown["Người tham dự trực tiếp"], shown["Tiếp cận gián tiếp (ước)"]) == ("5.593", "12.400")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_content_page_shows_a_studio_exports_figures_for_exactly_its_period(dashboard, db_url, engine):
    """A channel owner imports Studio's download of 13–17 June and opens those days: the videos' figures
    of the period, net likes negative as Studio shows them; a day less shows no such figures."""
    import io
    import zipfile

    from collector.importer import import_bytes

    folder = FIXTURES / "youtube_studio" / "2025" / "Content 2025-06-13_2025-06-17 Sample Channel"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    import_bytes(engine, f"{folder.name}.zip", buffer.getvalue())
    app = dashboard(db_url, "content", period="custom", **{"from": "2025-06-13", "to": "2025-06-17"})
    period = tables(app)[0]
    assert list(period["Tiêu đề"][:2]) == ["Renewing online in 3 steps", "Live Q&A, 14 June"]
    assert list(period["Lượt xem"]) == ["2.164", "844", "360", "6"]
    assert "-2" in list(period["Lượt thích"])
    assert "4 nội dung, số liệu đúng giai đoạn này" in texts(app)
    shorter = dashboard(db_url, "content", period="custom", **{"from": "2025-06-13", "to": "2025-06-16"})
    assert "số liệu đúng giai đoạn này" not in texts(shorter)
