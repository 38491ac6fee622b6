"""Roles in the dashboard, through Streamlit's AppTest: sign-in when the mode requires it, viewers who
cannot import or edit (neither through the interface nor by calling the page's actions), editors who
can, and the audit trail that only admins see."""

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from dashboard.auth_ui import TOKEN_KEY
from dashboard.server import auth_mode_for
from models.auth import add_user, audit_events, start_session
from models.db import make_engine
from models.errors import UserError
from models.tables import Campaign, ImportedFile
from tests.screen import as_read

APP = Path(__file__).parent.parent / "dashboard" / "app.py"
PASSWORD = "mật khẩu đủ dài 2024"
ROLES = {"vy": "viewer", "em": "editor", "an": "admin"}
ENROLMENT = "date,unit,category,count\n2024-05-13,Bát Xát,voluntary_si,30\n".encode()
SQLITE = pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)


@pytest.fixture
def team_db(demo_url, tmp_path, monkeypatch) -> str:
    """A copy of the demo database with one user of each role, served with sign-in required."""
    path = tmp_path / "team.db"
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as target:
        source.backup(target)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with engine.begin() as connection:
        for name, role in ROLES.items():
            add_user(connection, name, role, PASSWORD, by="test")
    engine.dispose()
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", url)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_AUTH", "required")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield url
    st.cache_data.clear()
    st.cache_resource.clear()


def token_for(url: str, name: str, lifetime: timedelta = timedelta(hours=8)) -> str:
    from models.auth import User

    engine = make_engine(url)
    with engine.begin() as connection:
        token = start_session(connection, User(name, ROLES[name]), lifetime=lifetime)
    engine.dispose()
    return token


def open_as(url: str, name: str | None, page: str | None = None) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["lang"] = "en"
    if name is not None:
        app.session_state[TOKEN_KEY] = token_for(url, name)
    app.run()
    if page is not None:
        app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def count(url: str, model) -> int:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = connection.execute(select(func.count()).select_from(model)).scalar_one()
    engine.dispose()
    return found


def test_the_mode_follows_the_address_and_cannot_be_off_for_other_computers(monkeypatch):
    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    assert auth_mode_for("127.0.0.1") == "off"
    assert auth_mode_for("0.0.0.0") == "required" and auth_mode_for("192.168.1.20", "auto") == "required"
    assert auth_mode_for("127.0.0.1", "required") == "required"
    with pytest.raises(UserError, match="cannot be off"):
        auth_mode_for("0.0.0.0", "off")


@SQLITE
def test_sign_in_is_required_and_a_wrong_password_is_refused(team_db):
    app = open_as(team_db, None)
    assert [title.value for title in app.title] == ["Sign in"]
    assert not app.metric  # nothing of the data before signing in
    app.text_input(key="sign_in_name").input("em")
    app.text_input[1].input("not the password")
    app.button[0].click().run()
    assert "Wrong name or password" in as_read(app.error[0].value)
    app.text_input(key="sign_in_name").input("em")
    app.text_input[1].input(PASSWORD)
    app.button[0].click().run()
    assert not app.error and app.metric  # the Overview
    assert any("Signed in as em (editor)" in caption.value for caption in app.sidebar.caption)


@SQLITE
def test_an_expired_session_asks_to_sign_in_again(team_db):
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.session_state[TOKEN_KEY] = token_for(team_db, "an", lifetime=timedelta(seconds=-1))
    app.run()
    assert [title.value for title in app.title] == ["Sign in"]


@SQLITE
def test_a_viewer_cannot_import_through_the_interface(team_db):
    app = open_as(team_db, "vy", "data")
    assert "importing files and editing campaigns needs the editor role" in app.info[0].value
    assert app.file_uploader[0].disabled  # and the action itself refuses: see the direct calls below
    assert next(b for b in app.button if b.label == "Import").disabled
    assert all("Audit trail" not in header.value for header in app.subheader)


@SQLITE
def test_a_viewer_cannot_edit_campaigns_through_the_interface(team_db):
    app = open_as(team_db, "vy", "campaigns")
    assert "needs the editor role" in app.info[0].value
    buttons = {button.label: button for button in app.button}
    assert buttons["Save"].disabled and buttons["Delete campaign"].disabled
    assert buttons["Save campaign content"].disabled
    editor = open_as(team_db, "em", "campaigns")
    assert not {button.label: button for button in editor.button}["Save"].disabled


def call_actions(url: str) -> None:
    """A page script that calls every action directly and writes what happened to each."""
    from datetime import date

    import streamlit as st

    from dashboard import actions, data
    from models.errors import UserError
    from models.store import CampaignRecord

    engine = data.engine()
    attempts = {
        "import": lambda: actions.import_upload(engine, "ket_qua.csv", st.session_state["upload"], "en"),
        "save_campaign": lambda: actions.save_campaign(
            engine, CampaignRecord("Tuần mới", date(2024, 6, 1), date(2024, 6, 7)), "en"
        ),
        "assign": lambda: actions.set_campaign_content(engine, 1, {1: True}),
        "delete_campaign": lambda: actions.delete_campaign(engine, 1),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
        except UserError as error:
            st.write(f"{name}: refused: {error}")
        else:
            st.write(f"{name}: done")


def run_actions_as(url: str, name: str | None) -> list[str]:
    app = AppTest.from_function(call_actions, args=(url,), default_timeout=60)
    app.session_state["upload"] = ENROLMENT
    if name is not None:
        app.session_state[TOKEN_KEY] = token_for(url, name)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return [markdown.value for markdown in app.markdown]


@SQLITE
@pytest.mark.parametrize("who", ["vy", None])
def test_a_viewer_or_a_stranger_calling_the_actions_directly_is_refused(team_db, who):
    files, campaigns = count(team_db, ImportedFile), count(team_db, Campaign)
    outcomes = run_actions_as(team_db, who)
    assert len(outcomes) == 4 and all(": refused: " in line for line in outcomes), outcomes
    assert count(team_db, ImportedFile) == files and count(team_db, Campaign) == campaigns


@SQLITE
def test_an_editor_can_change_data_and_each_change_is_recorded_with_their_name(team_db):
    outcomes = run_actions_as(team_db, "em")
    assert outcomes == ["import: done", "save_campaign: done", "assign: done", "delete_campaign: done"]
    engine = make_engine(team_db)
    with engine.connect() as connection:
        events = [(e.action, e.target) for e in audit_events(connection, user="em")]
    engine.dispose()
    assert events == [
        ("campaign_delete", "Tháng vận động triển khai BHXH toàn dân"),
        ("campaign_assign", "Tháng vận động triển khai BHXH toàn dân"),
        ("campaign_create", "Tuần mới"),
        ("import", "ket_qua.csv"),
        ("enrolment_change", "ket_qua.csv"),  # the demo had another count for that day, unit and category
    ]


@SQLITE
def test_only_an_admin_sees_the_audit_trail_and_can_export_it(team_db):
    run_actions_as(team_db, "em")
    editor = open_as(team_db, "em", "data")
    assert all("Audit trail" not in header.value for header in editor.subheader)
    admin = open_as(team_db, "an", "data")
    assert any(header.value == "Audit trail" for header in admin.subheader)
    exports = [
        button for button in admin.get("download_button") if "Download the trail" in button.proto.label
    ]
    assert len(exports) == 1


def test_sign_in_stays_on_when_the_server_listens_for_other_computers(monkeypatch):
    from dashboard.auth_ui import auth_mode

    monkeypatch.setattr(st, "get_option", lambda name: "0.0.0.0")
    assert auth_mode({"ENGAGEMENT_MONITOR_AUTH": "off"}) == "required"
    assert auth_mode({}) == "required"
    monkeypatch.setattr(st, "get_option", lambda name: "127.0.0.1")
    assert auth_mode({}) == "off" and auth_mode({"ENGAGEMENT_MONITOR_AUTH": "required"}) == "required"
