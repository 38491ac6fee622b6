"""Administration (admins only): dashboard users and their roles, the configured sources with their
health and token checks, and running a source or a token check now. Every button goes through an
admin-only action in dashboard/actions.py; sources themselves are edited in sources.toml."""

import pandas as pd
import streamlit as st

from collector.config import config_path, load_config
from collector.messages import say
from collector.platforms.facebook.source import STATE_TOKEN_CHECK, TokenStatus
from collector.plumbing.collecting import read_state
from dashboard import actions, auth_ui, connect_ui, data, office_ui, show
from dashboard.exports.tables import Format
from dashboard.filters import current_lang
from dashboard.i18n import AUTH_TEXTS, status_label, t
from models import metrics
from models.errors import UserError
from models.i18n import translate
from models.tables import ROLES
from models.write import now_utc

lang = current_lang()
st.title(t("page_admin", lang))
if not auth_ui.allowed("admin"):  # the navigation hides this page from others; the actions check too
    st.error(t("admin_only", lang))
    st.stop()
engine = data.engine()
DONE_KEY = "admin_done"


def role_label(role: str) -> str:
    return translate(AUTH_TEXTS, f"role_{role}", lang)


def attempt(action, done: str) -> None:
    """Run an admin action: its one-line refusal here, or ``done`` above the refreshed lists."""
    try:
        action()
    except UserError as error:
        st.error(show.plain(str(error)))
    else:
        st.session_state[DONE_KEY] = done
        st.rerun()


st.subheader(t("admin_users", lang))
if DONE_KEY in st.session_state:
    st.success(show.plain(st.session_state.pop(DONE_KEY)))
users = actions.users(engine)
if users:
    frame = pd.DataFrame([vars(user) for user in users])
    frame["role"] = frame["role"].map(role_label)
    show.table(
        frame,
        {
            "name": (translate(AUTH_TEXTS, "user_name", lang), Format.TEXT),
            "role": (t("admin_role", lang), Format.TEXT),
            "created_at": (t("admin_created", lang), Format.DATETIME),
            "locked_until": (t("admin_locked_until", lang), Format.DATETIME),
        },
        lang,
        key="admin_users_table",
    )
else:
    st.info(t("admin_no_users", lang))
names = [user.name for user in users]
add, change, reset, remove = st.tabs(
    [
        t(key, lang)
        for key in ("admin_add_user", "admin_change_role", "admin_reset_password", "admin_remove_user")
    ]
)
with add, st.form("admin_add_user", clear_on_submit=True):
    name = st.text_input(translate(AUTH_TEXTS, "user_name", lang), key="admin_new_name")
    role = st.selectbox(t("admin_role", lang), ROLES, format_func=role_label, key="admin_new_role")
    password = st.text_input(t("admin_initial_password", lang), type="password", key="admin_new_password")
    if st.form_submit_button(t("admin_add", lang), type="primary"):
        attempt(
            lambda: actions.add_user(engine, name, role, password),
            t("admin_user_added", lang, name=name.strip(), role=role_label(role)),
        )
with change, st.form("admin_change_role"):
    name = st.selectbox(t("admin_user", lang), names, key="admin_role_user")
    role = st.selectbox(t("admin_new_role", lang), ROLES, format_func=role_label, key="admin_role_role")
    if st.form_submit_button(t("admin_save", lang)) and name:
        attempt(
            lambda: actions.change_role(engine, name, role, lang),
            t("admin_role_changed", lang, name=name, role=role_label(role)),
        )
with reset, st.form("admin_reset_password", clear_on_submit=True):
    name = st.selectbox(t("admin_user", lang), names, key="admin_reset_user")
    password = st.text_input(
        t("admin_new_password", lang), type="password", help=t("admin_reset_help", lang), key="admin_reset_pw"
    )
    if st.form_submit_button(t("admin_save", lang)) and name:
        attempt(
            lambda: actions.reset_password(engine, name, password), t("admin_password_reset", lang, name=name)
        )
with remove, st.form("admin_remove_user"):
    name = st.selectbox(t("admin_user", lang), names, key="admin_remove_user")
    sure = st.checkbox(t("admin_remove_confirm", lang), key="admin_remove_sure")
    if st.form_submit_button(t("admin_remove", lang)) and name:
        if sure:
            attempt(lambda: actions.remove_user(engine, name, lang), t("admin_user_removed", lang, name=name))
        else:
            st.warning(t("admin_confirm_first", lang))

connect_ui.connect_section(engine, lang)

st.subheader(t("admin_sources", lang))
path = config_path()
if not path.is_file():
    st.warning(t("admin_no_config", lang, path=path))
    st.stop()
st.caption(t("admin_sources_file", lang, path=path.resolve()))
try:
    config = load_config(path)
except UserError as error:
    st.error(show.plain(str(error)))
    st.stop()
if not config.sources:
    st.info(t("admin_no_sources", lang, path=path))
    st.stop()


def token_verdict(source_name: str) -> str:
    """The last ``doctor`` (or "check token now") verdict on a Page's token, in one line."""
    state = data.query(read_state, source_name).get(STATE_TOKEN_CHECK)
    if not state:
        return t("admin_not_checked", lang)
    check = TokenStatus.from_state(source_name, state).check(now_utc(), lang)
    return f"{say(f'doctor_{check.status}', lang)}: {check.message}"


source_list = st.container()  # drawn after the buttons, so that it shows their runs
st.markdown(f"**{t('admin_run_now', lang)}**")
for number, source in enumerate(config.sources):
    label, collect, token = st.columns([3, 2, 2], vertical_alignment="center")
    label.write(f"{source.name} ({source.type})")
    if collect.button(t("admin_collect_now", lang), key=f"admin_collect_{number}"):
        with st.spinner(t("admin_running", lang, name=source.name)):
            try:
                st.success(show.plain(actions.collect_now(engine, source.name, lang)))
            except UserError as error:
                st.error(show.plain(str(error)))
    if source.type == "facebook_page" and token.button(
        t("admin_check_token", lang), key=f"admin_token_{number}"
    ):
        with st.spinner(t("admin_running", lang, name=source.name)):
            try:
                st.info(show.plain(actions.check_token_now(engine, source.name, lang)))
            except UserError as error:
                st.error(show.plain(str(error)))

with source_list:
    health = data.query(metrics.source_health).set_index("source")
    sources = pd.DataFrame(
        [
            {
                "name": source.name,
                "type": source.type,
                "schedule": source.cron or source.every or t("admin_hourly", lang),
                "status": health.status.get(source.name),
                "last_run": health.last_run.get(source.name),
                "failing_since": health.failing_since.get(source.name),
                "message": health.message.get(source.name),
                "token": token_verdict(source.name) if source.type == "facebook_page" else "",
            }
            for source in config.sources
        ]
    )
    show.table(
        sources,
        {
            "name": (t("source", lang), Format.TEXT),
            "type": (t("admin_type", lang), Format.TEXT),
            "schedule": (t("admin_schedule", lang), Format.TEXT),
            "status": (t("status", lang), lambda s: status_label(s, lang) if s else t("admin_never", lang)),
            "last_run": (t("last_run", lang), Format.DATETIME),
            "failing_since": (t("failing_since", lang), Format.DATETIME),
            "token": (t("admin_token", lang), Format.TEXT),
            "message": (t("message", lang), Format.TEXT),
        },
        lang,
        key="admin_sources_table",
    )

connect_ui.manage_section(engine, config, lang)
office_ui.alerts_section(engine, config, lang)
