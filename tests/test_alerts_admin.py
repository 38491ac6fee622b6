"""Alerts set from the Administration page, not only by editing sources.toml: an admin turns an alert
on or off, sets who gets it, its threshold, the quiet hours and the digest's time; the file keeps
its comments and other sources, a mistake is one line in the admin's language and writes nothing,
each change is in the audit trail, and only admins get through (the role is checked on the server)."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from collector.alerts_file import AlertChange, save_alert, save_timing
from collector.config import load_config
from dashboard.auth_ui import TOKEN_KEY
from models.auth import User, add_user, audit_events, start_session
from models.errors import UserError
from tests.screen import as_read

APP = Path(__file__).parent.parent / "dashboard" / "app.py"
PASSWORD = "mật khẩu đủ dài 2024"
ROLES = {"vy": "viewer", "em": "editor", "an": "admin"}
SOURCES = """# Sources of BHXH tỉnh Lào Cai: edited by hand and from the dashboard.
timezone = "Asia/Ho_Chi_Minh"

[[sources]]
name = "exports-inbox"  # where staff drop the Meta exports
type = "export_folder"
path = "exports/inbox"
every = "10m"

# Alerts: the duty officer first.
[[sources]]
name = "canh-bao"
type = "alerts"
every = "15m"
language = "vi"
source_failing = { email_to = ["truc.ban@bhxh-laocai.gov.vn"], runs = 3 }  # three failures in a row
"""
SAVED = {"en": "Alerts saved in sources.toml.", "vi": "Đã lưu cảnh báo vào sources.toml."}
BAD_TIMES = {
    "en": "'0,5' is not allowed for times the usual views: give a number above 1, at most 1000 "
    "(for example 5 or 2.5)",
    "vi": "'0,5' không hợp lệ cho số lần lượt xem thường lệ: hãy nhập số lớn hơn 1, tối đa 1000 "
    "(ví dụ 5 hoặc 2,5)",
}


def alerts_of(path: Path):
    return next(source for source in load_config(path).sources if source.type == "alerts")


# --- the file -------------------------------------------------------------------------------------
def test_changing_alerts_keeps_the_files_comments_and_other_sources(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    save_alert(path, AlertChange("questions_unanswered", True, "a@bhxh.vn;\nb@bhxh.vn", "48"), "vi")
    save_alert(path, AlertChange("source_failing", False, "", "5"), "vi")
    save_alert(path, AlertChange("content_spreading", True, "lanh.dao@bhxh.vn", "2,5", digest=True), "vi")
    save_timing(path, "22:00 - 06:00", "07:00", "vi")

    text = path.read_text(encoding="utf-8")
    for kept in ("# Sources of BHXH", "# where staff drop", "# Alerts: the duty officer first."):
        assert kept in text
    assert "# three failures in a row" in text
    alerts = alerts_of(path)
    assert [s.name for s in load_config(path).sources] == ["exports-inbox", "canh-bao"]
    assert alerts.configured()["source_failing"].enabled is False  # off, its recipients kept
    assert alerts.configured()["source_failing"].email_to == ["truc.ban@bhxh-laocai.gov.vn"]
    assert alerts.source_failing.runs == 5
    assert set(alerts.rules()) == {"questions_unanswered", "content_spreading"}
    assert alerts.questions_unanswered.email_to == ["a@bhxh.vn", "b@bhxh.vn"]
    assert alerts.questions_unanswered.hours == 48
    assert alerts.content_spreading.times == 2.5 and alerts.content_spreading.digest
    assert (alerts.quiet_hours, alerts.digest_at) == ("22:00-06:00", "07:00")

    save_alert(path, AlertChange("source_failing", True, "truc.ban@bhxh-laocai.gov.vn", ""), "vi")
    alerts = alerts_of(path)
    assert alerts.rules()["source_failing"].runs == 3  # an empty threshold: the default again
    assert "enabled" not in path.read_text(encoding="utf-8")


def test_a_file_without_alerts_gets_an_alerts_source(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES.split("# Alerts")[0], encoding="utf-8")
    save_alert(path, AlertChange("source_failing", False, "", ""), "en")  # turning off: nothing to write
    assert path.read_text(encoding="utf-8") == SOURCES.split("# Alerts")[0]
    save_alert(path, AlertChange("enrolment_missing", True, "truc.ban@bhxh.vn", "9:30"), "en")
    alerts = alerts_of(path)
    assert (alerts.name, alerts.every, alerts.language) == ("alerts", "15m", "en")
    assert alerts.enrolment_missing.by == "9:30"
    assert path.read_text(encoding="utf-8").startswith("# Sources of BHXH tỉnh Lào Cai")


@pytest.mark.parametrize(
    ("change", "lang", "message"),
    [
        (AlertChange("content_spreading", True, "x@bhxh.vn", "0,5"), "en", BAD_TIMES["en"]),
        (AlertChange("content_spreading", True, "x@bhxh.vn", "0,5"), "vi", BAD_TIMES["vi"]),
        (
            AlertChange("source_failing", True, "truc.ban, x@bhxh.vn", "3"),
            "vi",
            "'truc.ban' không phải địa chỉ e-mail",
        ),
        (
            AlertChange("questions_unanswered", True, "x@bhxh.vn", "1000"),
            "en",
            "'1000' is not allowed for hours without a reply: give a whole number from 1 to 720",
        ),
        (
            AlertChange("enrolment_missing", True, "x@bhxh.vn", "25:00"),
            "vi",
            "không phải giờ HH:MM (25:00); ví dụ 10:00, hoặc 22:00-06:00 cho giờ yên lặng",
        ),
        (
            AlertChange("credentials_expiring", True, " ", ""),
            "en",
            "Tokens expiring or withdrawn: give at least one e-mail address to send it to, or turn it off",
        ),
    ],
)
def test_a_mistake_is_one_line_in_the_admins_language_and_writes_nothing(tmp_path, change, lang, message):
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    with pytest.raises(UserError) as refusal:
        save_alert(path, change, lang)
    assert str(refusal.value) == message and "\n" not in str(refusal.value)
    assert path.read_text(encoding="utf-8") == SOURCES


def test_wrong_quiet_hours_are_refused(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    with pytest.raises(UserError, match=r"không phải giờ HH:MM \(22h-6h\)"):
        save_timing(path, "22h-6h", "07:30", "vi")
    assert path.read_text(encoding="utf-8") == SOURCES


# --- the page -------------------------------------------------------------------------------------
@pytest.fixture
def team(engine, db_url, tmp_path, monkeypatch):
    """One user of each role, sign-in required, and the office's sources file with its alerts."""
    with engine.begin() as connection:
        for name, role in ROLES.items():
            add_user(connection, name, role, PASSWORD, by="test")
    (tmp_path / "sources.toml").write_text(SOURCES, encoding="utf-8")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_DB", db_url)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_AUTH", "required")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_CONFIG", str(tmp_path / "sources.toml"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield engine
    st.cache_data.clear()
    st.cache_resource.clear()


def open_admin_page(engine, name: str, lang: str) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.query_params["lang"] = lang
    with engine.begin() as connection:
        app.session_state[TOKEN_KEY] = start_session(connection, User(name, ROLES[name]))
    app.run()
    app.switch_page("app_pages/admin.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def submit(app: AppTest, form: str) -> AppTest:
    next(b for b in app.button if b.proto.form_id == form).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def trail(engine, who: str) -> list[tuple[str, str | None, dict | None]]:
    with engine.connect() as connection:
        return [(e.action, e.target, e.detail) for e in reversed(audit_events(connection, user=who))]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_admin_sets_the_alerts_on_the_page_and_each_change_is_audited(team, tmp_path, lang):
    path = tmp_path / "sources.toml"
    app = open_admin_page(team, "an", lang)
    listed = app.dataframe[-1].value
    assert len(listed) == 1 and list(listed.iloc[:, 1]) == ["bật" if lang == "vi" else "on"]

    app.checkbox(key="alert_on_questions_unanswered").check()
    app.text_area(key="alert_to_questions_unanswered").input("truc.ban@bhxh-laocai.gov.vn")
    app.text_input(key="alert_threshold_questions_unanswered").input("48")
    submit(app, "alert_form_questions_unanswered")
    assert [as_read(s.value) for s in app.success] == [SAVED[lang]]
    assert alerts_of(path).questions_unanswered.hours == 48

    app.checkbox(key="alert_on_source_failing").uncheck()
    submit(app, "alert_form_source_failing")
    assert "source_failing" not in alerts_of(path).rules()

    before = path.read_text(encoding="utf-8")
    app.checkbox(key="alert_on_content_spreading").check()
    app.text_area(key="alert_to_content_spreading").input("lanh.dao@bhxh-laocai.gov.vn")
    app.text_input(key="alert_threshold_content_spreading").input("0,5")
    submit(app, "alert_form_content_spreading")
    assert [as_read(e.value) for e in app.error] == [BAD_TIMES[lang]]
    assert path.read_text(encoding="utf-8") == before

    app.text_input(key="alert_quiet_hours").input("22:00-06:00")
    submit(app, "alert_timing")
    assert alerts_of(path).quiet_hours == "22:00-06:00"
    assert "# three failures in a row" in path.read_text(encoding="utf-8")
    assert trail(team, "an") == [
        (
            "alert_edit",
            "questions_unanswered",
            {"enabled": True, "recipients": 1, "threshold": "48", "digest": False},
        ),
        (
            "alert_edit",
            "source_failing",
            {"enabled": False, "recipients": 1, "threshold": "3", "digest": False},
        ),
        ("alert_timing", "alerts", {"quiet_hours": "22:00-06:00", "digest_at": "07:30"}),
    ]


def call_alert_actions() -> None:
    """A page script that calls the alert actions directly and writes what happened to each."""
    import streamlit as st

    from collector.alerts_file import AlertChange
    from dashboard import alert_actions, data
    from models.auth import PermissionDenied

    engine = data.engine()
    attempts = {
        "change_alert": lambda: alert_actions.change_alert(
            engine, AlertChange("source_failing", False, "", ""), "en"
        ),
        "change_timing": lambda: alert_actions.change_timing(engine, "", "06:00", "en"),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
        except PermissionDenied:
            st.write(f"{name}: refused")
        else:
            st.write(f"{name}: done")


@pytest.mark.parametrize("who", ["em", "vy"])
def test_editors_and_viewers_calling_the_alert_actions_directly_are_refused(team, tmp_path, who):
    app = AppTest.from_function(call_alert_actions, default_timeout=60)
    with team.begin() as connection:
        app.session_state[TOKEN_KEY] = start_session(connection, User(who, ROLES[who]))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert [m.value for m in app.markdown] == ["change_alert: refused", "change_timing: refused"]
    assert (tmp_path / "sources.toml").read_text(encoding="utf-8") == SOURCES
    assert trail(team, who) == []
