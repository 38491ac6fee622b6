"""Activities in the dashboard, on the demo (May 2024, Lao Cai), through Streamlit's AppTest: the
timeline's markers, the per-campaign and Overview figures, the Activities page and its role checks."""

import json
from datetime import date

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest
from test_dashboard_apptest import assert_no_error, dashboard, demo_copy, metric_values, tables, texts
from test_dashboard_roles import ROLES, count, open_as, team_db, token_for

from dashboard.auth_ui import TOKEN_KEY
from models.auth import audit_events
from models.db import make_engine
from models.tables import Activity
from tests.screen import as_read

__all__ = ["dashboard", "demo_copy", "team_db"]  # fixtures shared with the other dashboard tests
SQLITE = pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
MAY = {"period": "custom", "from": "2024-05-01", "to": "2024-05-31", "lang": "en"}
BOOTH = "Gian hàng tư vấn BHXH tại Phiên giao dịch việc làm"
LAUNCH = "Lễ phát động Tuần lễ vàng cùng Bưu điện tỉnh"
NEW_NAME = "Hội nghị tại xã Dền Sáng"


def marker_texts(app: AppTest) -> dict[str, list[str]]:
    """The activity markers of the reach vs enrolment chart as the browser gets them: kind → hover texts."""
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    return {
        trace["name"]: [text for text in trace["text"] if text]
        for trace in figure["data"]
        if trace.get("yaxis") == "y3"
    }


def test_the_timeline_marks_the_booth_and_the_launch_with_their_figures(dashboard, demo_url):
    app = dashboard(demo_url, "reach_enrolment", **MAY)
    markers = marker_texts(app)
    booth = markers["Booth or consultation point"][0]
    assert BOOTH in booth and "Thành phố Lào Cai" in booth and "Face-to-face attendance: 68" in booth
    launch = markers["Launch ceremony"][0]
    assert LAUNCH in launch and "25/05/2024" in launch and "Province-wide" in launch
    assert "Voluntary social insurance 31, Health insurance 105" in launch  # the 136 of day one
    assert "never added to online views or reach" in texts(app)
    per_campaign = tables(app)[0].set_index("Campaign")
    golden = per_campaign.loc["Tuần lễ vàng cùng Bưu điện"]
    assert (golden["Activities beyond the fanpage"], golden["Face-to-face attendance"]) == ("2", "380")
    assert golden["On-the-spot results (inside new enrolments)"] == "139"
    month = per_campaign.loc["Tháng vận động triển khai BHXH toàn dân"]
    assert month["Activities beyond the fanpage"] == "11"


@SQLITE
def test_the_units_filter_keeps_those_units_activities_and_the_province_wide_ones(dashboard, demo_url):
    app = dashboard(demo_url, "reach_enrolment", **MAY)
    app.multiselect(key="reach_units").set_value(["Bát Xát"]).run()
    assert_no_error(app)
    markers = marker_texts(app)
    assert "Booth or consultation point" not in markers  # in Thành phố Lào Cai
    assert any("Y Tý" in text for text in markers["Conference or dialogue"])
    assert "Launch ceremony" in markers  # province-wide


@SQLITE
def test_overview_and_campaigns_show_activities_beside_the_online_figures(dashboard, demo_url):
    overview = dashboard(demo_url, **MAY)
    shown = metric_values(overview)
    assert shown["Offline activities"] == "11"
    assert shown["Face-to-face attendance"] == "5,593"  # without the 12,400 sent a Zalo message
    assert shown["Reached remotely (est.)"] == "12,400"
    assert shown["On-the-spot results"] == "1,271"
    assert "Views / plays" in shown  # beside, never added to it
    assert "On-the-spot results are a part of those days' enrolment results" in texts(overview)
    campaigns = dashboard(demo_url, "campaigns", **MAY)
    peak = tables(campaigns)[0].set_index("Name").loc["7 ngày cao điểm tuyên truyền nhóm nhỏ"]
    assert (peak["Activities beyond the fanpage"], peak["Face-to-face attendance"]) == ("3", "4,510")
    assert peak["New participants"] == "2,099"  # 262 + 1,837, with the on-the-spot results inside
    assert peak["Other results (not added in)"] == "620"  # 519 VssID installs + 101 non-cash, beside


@SQLITE
def test_the_activities_page_lists_the_month_and_an_editor_adds_edits_and_deletes(dashboard, demo_copy):
    app = dashboard(demo_copy, "activities", **MAY)
    listed = tables(app)[0].set_index("Activity")
    assert listed.loc[BOOTH, "Face-to-face attendance"] == "68"
    assert listed.loc[BOOTH, "Kind"] == "Booth or consultation point"
    assert listed.loc[LAUNCH, "Units"] == "Province-wide"
    assert listed.loc[LAUNCH, "On-the-spot results (inside new enrolments)"] == "136"

    form = app.get("form")[0]
    form.text_input[0].input(NEW_NAME)
    form.selectbox[0].set_value("conference")
    form.date_input[0].set_value(date(2024, 5, 29))
    form.date_input[1].set_value(date(2024, 5, 29))
    form.text_input[1].input("Bát Xát")
    form.number_input[0].set_value(60)
    form.number_input[2].set_value(4)  # health insurance on the spot
    form.button[0].click()
    app.run()
    assert_no_error(app)
    engine = make_engine(demo_copy)
    with engine.connect() as connection:
        created = connection.execute(
            select(Activity).where(Activity.name == "Hội nghị tại xã Dền Sáng")
        ).one()
    assert (created.kind, created.unit, created.attendance, created.source) == (
        "conference",
        "Bát Xát",
        60,
        "dashboard",
    )
    assert app.selectbox(key="activity_chosen").value == created.id
    assert NEW_NAME in set(tables(app)[0]["Activity"])

    form = app.get("form")[0]
    form.number_input[0].set_value(75)
    form.button[0].click()
    app.run()
    assert_no_error(app)
    with engine.connect() as connection:
        assert connection.execute(select(Activity.attendance).where(Activity.id == created.id)).scalar() == 75

    app.checkbox(key=f"activity_confirm_{created.id}").check().run()
    app.button(key=f"activity_delete_{created.id}").click().run()
    assert_no_error(app)
    with engine.connect() as connection:
        assert connection.execute(select(Activity).where(Activity.id == created.id)).first() is None
        actions = [
            event.action for event in audit_events(connection) if event.target == "Hội nghị tại xã Dền Sáng"
        ]
    engine.dispose()
    assert actions == ["activity_delete", "activity_edit", "activity_create"]


@SQLITE
def test_the_same_activity_twice_or_backwards_dates_are_refused_in_one_line(dashboard, demo_copy):
    app = dashboard(demo_copy, "activities", **MAY)
    form = app.get("form")[0]
    form.text_input[0].input(BOOTH)
    form.date_input[0].set_value(date(2024, 5, 21))
    form.date_input[1].set_value(date(2024, 5, 21))
    form.text_input[1].input("Thành phố Lào Cai")
    form.button[0].click()
    app.run()
    assert [as_read(e.value) for e in app.error] == [
        f"There is already an activity “{BOOTH}” starting on 21/05/2024 in Thành phố Lào Cai: "
        "choose it to edit it."
    ]
    form = app.get("form")[0]
    form.text_input[0].input("Sai ngày")
    form.date_input[0].set_value(date(2024, 5, 9))
    form.date_input[1].set_value(date(2024, 5, 8))
    form.button[0].click()
    app.run()
    assert [as_read(e.value) for e in app.error] == ["The end date must be on or after the start date."]
    assert not app.exception


def call_activity_actions(url: str) -> None:
    """A page script that calls the activity actions directly and writes what happened."""
    from datetime import date

    import streamlit as st

    from dashboard import actions, data
    from models.activities import ActivityRecord
    from models.errors import UserError

    engine = data.engine()
    record = ActivityRecord("Pano mới", "visual", date(2024, 6, 1), date(2024, 6, 3))
    for name, attempt in {
        "save_activity": lambda: actions.save_activity(engine, record, "en"),
        "delete_activity": lambda: actions.delete_activity(engine, 1),
    }.items():
        try:
            attempt()
        except UserError as error:
            st.write(f"{name}: refused: {error}")
        else:
            st.write(f"{name}: done")


def run_as(url: str, name: str | None) -> list[str]:
    app = AppTest.from_function(call_activity_actions, args=(url,), default_timeout=60)
    if name is not None:
        app.session_state[TOKEN_KEY] = token_for(url, name)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return [markdown.value for markdown in app.markdown]


@SQLITE
def test_only_editors_change_activities_in_the_interface_and_through_the_actions(team_db):
    viewer = open_as(team_db, "vy", "activities")
    assert "needs the editor role" in viewer.info[0].value
    assert viewer.get("form")[0].button[0].disabled
    before = count(team_db, Activity)
    for who in ("vy", None):
        outcomes = run_as(team_db, who)
        assert len(outcomes) == 2 and all(": refused: " in line for line in outcomes), outcomes
    assert count(team_db, Activity) == before
    assert ROLES["em"] == "editor"
    assert run_as(team_db, "em") == ["save_activity: done", "delete_activity: done"]
    assert count(team_db, Activity) == before  # one added, one deleted
    engine = make_engine(team_db)
    with engine.connect() as connection:
        events = [(e.action, e.target) for e in audit_events(connection, user="em")]
    engine.dispose()
    assert events == [
        ("activity_delete", "Treo pano, băng rôn Tháng vận động BHXH toàn dân"),
        ("activity_create", "Pano mới"),
    ]
