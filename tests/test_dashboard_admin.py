"""The Administration page, through Streamlit's AppTest: an admin manages users and runs sources from
the browser; editors and viewers neither see the page nor get through its actions when they call them
directly; the last admin stays an admin."""

import shutil
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from dashboard.auth_ui import TOKEN_KEY
from models.auth import User, add_user, audit_events, authenticate, list_users, start_session
from models.tables import CollectionRun
from tests.conftest import FIXTURES
from tests.screen import as_read

APP = Path(__file__).parent.parent / "dashboard" / "app.py"
ADMIN_PAGE = Path(__file__).parent.parent / "dashboard" / "app_pages" / "admin.py"
PASSWORD = "mật khẩu đủ dài 2024"
NEW_PASSWORD = "một mật khẩu mới 2025"
ROLES = {"vy": "viewer", "em": "editor", "an": "admin"}
EXPORT = FIXTURES / "meta_business_suite" / "May-01-2024_May-20-2024_posts_vi.csv"


@pytest.fixture
def team(engine, db_url, tmp_path, monkeypatch):
    """A fresh database with one user of each role, served with sign-in required, no sources file."""
    with engine.begin() as connection:
        for name, role in ROLES.items():
            add_user(connection, name, role, PASSWORD, by="test")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", db_url)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_AUTH", "required")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_CONFIG", str(tmp_path / "sources.toml"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield engine
    st.cache_data.clear()
    st.cache_resource.clear()


def token_for(engine, name: str) -> str:
    with engine.begin() as connection:
        return start_session(connection, User(name, ROLES[name]))


def open_admin_page(engine, name: str) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["lang"] = "en"
    app.session_state[TOKEN_KEY] = token_for(engine, name)
    app.run()
    app.switch_page("app_pages/admin.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def submit(app: AppTest, form: str) -> AppTest:
    """Press the submit button of ``form`` and run the page again."""
    button = next(b for b in app.button if b.proto.form_id == form)
    button.click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def users(engine) -> dict[str, str]:
    with engine.connect() as connection:
        return {user.name: user.role for user in list_users(connection)}


def trail(engine, who: str) -> list[tuple[str, str | None]]:
    """Oldest first."""
    with engine.connect() as connection:
        return [(e.action, e.target) for e in reversed(audit_events(connection, user=who))]


def test_an_admin_adds_a_user_changes_their_role_resets_their_password_and_removes_them(team):
    app = open_admin_page(team, "an")
    assert [title.value for title in app.title] == ["Administration"]
    app.text_input(key="admin_new_name").input("hoa")
    app.selectbox(key="admin_new_role").select("editor")
    app.text_input(key="admin_new_password").input(PASSWORD)
    submit(app, "admin_add_user")
    assert [as_read(s.value) for s in app.success] == ["Added hoa (editor)."]
    assert users(team)["hoa"] == "editor"

    app.selectbox(key="admin_role_user").select("hoa")
    app.selectbox(key="admin_role_role").select("viewer")
    submit(app, "admin_change_role")
    assert [as_read(s.value) for s in app.success] == ["hoa is now viewer."]
    assert users(team)["hoa"] == "viewer"

    app.selectbox(key="admin_reset_user").select("hoa")
    app.text_input(key="admin_reset_pw").input(NEW_PASSWORD)
    submit(app, "admin_reset_password")
    assert authenticate(team, "hoa", NEW_PASSWORD) == User("hoa", "viewer")

    app.selectbox(key="admin_remove_user").select("hoa")
    submit(app, "admin_remove_user")
    assert "Tick the confirmation box before removing." in [w.value for w in app.warning]
    assert "hoa" in users(team)
    app.selectbox(key="admin_remove_user").select("hoa")
    app.checkbox(key="admin_remove_sure").check()
    submit(app, "admin_remove_user")
    assert [as_read(s.value) for s in app.success] == ["Removed hoa."]
    assert "hoa" not in users(team)
    # each change once, with the admin's name (models.auth records; the actions do not record twice)
    assert trail(team, "an") == [
        ("user_add", "hoa"),
        ("user_role", "hoa"),
        ("user_passwd", "hoa"),
        ("user_remove", "hoa"),
    ]


def test_the_last_admin_cannot_remove_or_demote_themselves(team):
    app = open_admin_page(team, "an")
    app.selectbox(key="admin_remove_user").select("an")
    app.checkbox(key="admin_remove_sure").check()
    submit(app, "admin_remove_user")
    assert [as_read(e.value) for e in app.error] == [
        "an is the only admin: make someone else an admin first."
    ]
    app.selectbox(key="admin_role_user").select("an")
    app.selectbox(key="admin_role_role").select("editor")
    submit(app, "admin_change_role")
    assert [as_read(e.value) for e in app.error] == [
        "an is the only admin: make someone else an admin first."
    ]
    assert users(team)["an"] == "admin" and trail(team, "an") == []


@pytest.mark.parametrize("who", ["em", "vy"])
def test_editors_and_viewers_do_not_see_the_page_nor_get_in_directly(team, who):
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["lang"] = "en"
    app.session_state[TOKEN_KEY] = token_for(team, who)
    app.run()
    assert not app.exception
    # the page is not in their navigation: switching to it is refused by Streamlit itself
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("app_pages/admin.py").run()

    # and the page script run on its own (as if reached another way) refuses them before any table
    page = AppTest.from_file(str(ADMIN_PAGE), default_timeout=60)
    page.session_state["lang"] = "en"
    page.session_state[TOKEN_KEY] = token_for(team, who)
    page.run()
    assert [e.value for e in page.error] == ["This page is for admins only."]
    assert not page.dataframe and not page.button


def call_admin_actions() -> None:
    """A page script that calls every admin action directly and writes what happened to each."""
    import streamlit as st

    from dashboard import actions, data
    from models.auth import PermissionDenied

    engine = data.engine()
    password = "một mật khẩu mới 2025"
    attempts = {
        "users": lambda: actions.users(engine),
        "add_user": lambda: actions.add_user(engine, "hacker", "admin", password),
        "change_role": lambda: actions.change_role(engine, "vy", "admin", "en"),
        "reset_password": lambda: actions.reset_password(engine, "an", password),
        "remove_user": lambda: actions.remove_user(engine, "an", "en"),
        "collect_now": lambda: actions.collect_now(engine, "exports", "en"),
        "check_token_now": lambda: actions.check_token_now(engine, "lao-cai", "en"),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
        except PermissionDenied:
            st.write(f"{name}: refused")
        else:
            st.write(f"{name}: done")


@pytest.mark.parametrize("who", ["em", "vy"])
def test_editors_and_viewers_calling_the_admin_actions_directly_are_refused(team, who):
    app = AppTest.from_function(call_admin_actions, default_timeout=60)
    app.session_state[TOKEN_KEY] = token_for(team, who)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert [m.value for m in app.markdown] == [
        f"{name}: refused"
        for name in (
            "users",
            "add_user",
            "change_role",
            "reset_password",
            "remove_user",
            "collect_now",
            "check_token_now",
        )
    ]
    assert users(team) == ROLES and trail(team, who) == []
    assert authenticate(team, "an", PASSWORD) == User("an", "admin")


def test_collect_now_runs_an_export_folder_once_and_records_the_run(team, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXPORT, inbox)
    (tmp_path / "sources.toml").write_text(
        f'[[sources]]\nname = "exports"\ntype = "export_folder"\npath = "{inbox.as_posix()}"\nevery = "1h"\n',
        encoding="utf-8",
    )
    app = open_admin_page(team, "an")
    assert "Sources are declared in" in app.caption[0].value
    app.button(key="admin_collect_0").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert [as_read(s.value) for s in app.success] == [
        "exports: ok, 24 new items, 24 new snapshots — "
        "1 files imported, 0 failed, 0 failed earlier and unchanged."
    ]
    with team.connect() as connection:
        runs = connection.execute(select(CollectionRun.source, CollectionRun.status)).all()
    assert runs == [("exports", "ok")]
    assert trail(team, "an") == [("collect_now", "exports")]
    sources = app.dataframe[-1].value
    assert list(sources["Source"]) == ["exports"] and list(sources["Schedule"]) == ["1h"]


def test_the_sources_list_says_when_there_is_no_sources_file(team, tmp_path):
    app = open_admin_page(team, "an")
    missing = tmp_path / "sources.toml"
    assert [w.value for w in app.warning] == [
        f"No sources file at {missing}: no source is configured. Copy sources.example.toml to {missing} "
        "on the server and edit it."
    ]


def test_check_token_now_asks_meta_like_doctor_and_the_sources_list_shows_the_verdict(
    team, tmp_path, monkeypatch
):
    from tests.fake_graph import TOKEN, FakeGraph

    monkeypatch.setenv("EM_TEST_PAGE_TOKEN", TOKEN)
    with FakeGraph.sample() as fake:
        fake.expired = True
        (tmp_path / "sources.toml").write_text(
            '[[sources]]\nname = "lao-cai"\ntype = "facebook_page"\npage_id = "100064523817765"\n'
            f'token_env = "EM_TEST_PAGE_TOKEN"\nbase_url = "{fake.url}"\n',
            encoding="utf-8",
        )
        app = open_admin_page(team, "an")
        assert list(app.dataframe[-1].value["Token"]) == ["not checked yet (engagement-monitor doctor)"]
        app.button(key="admin_token_0").click().run()
        assert fake.count("debug_token") == 1
    [line] = [as_read(info.value) for info in app.info]
    assert (
        line.startswith("FAIL") and "lao-cai" in line and "EM_TEST_PAGE_TOKEN" in line and TOKEN not in line
    )
    [verdict] = app.dataframe[-1].value["Token"]
    assert verdict.startswith("FAIL: ") and TOKEN not in verdict
    assert trail(team, "an") == [("token_check", "lao-cai")]
