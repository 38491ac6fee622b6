"""The Administration page's "Connect accounts" and "Manage sources" sections (admins only): app
credentials entered once, one button per account, the return from the platform's consent page,
and pausing, re-scheduling, testing and removing sources. Thin: every change is an action in
dashboard/connect_actions.py; no token is ever put on the page."""

import os
from datetime import timedelta
from urllib.parse import urlsplit

import streamlit as st
from sqlalchemy import Engine

from collector.accounts import FLOW_PLATFORMS
from collector.connect import APP_FIELDS, FLOW_LIFETIME, PLATFORMS
from collector.messages import say
from collector.platforms.tiktok import connect as tiktok
from dashboard import actions, connect_actions
from dashboard.i18n import t
from models.errors import UserError
from models.i18n import fmt_date
from models.write import now_utc

RETURN_KEYS = ("code", "state", "error", "error_reason", "error_description", "error_code", "oa_id")
RETURN = "connect_return"
CHOICES = "connect_choices"
DONE = "connect_done"
DASHBOARD_URL_ENV = "EM_DASHBOARD_URL"


def capture_return() -> None:
    """Keep a return from a consent page (``?code=…&state=…``) for the Administration page, and take
    it out of the address bar before the sidebar filters rewrite it (and before anyone copies it)."""
    params = st.query_params
    if "state" in params and ("code" in params or "error" in params):
        st.session_state[RETURN] = {key: params[key] for key in RETURN_KEYS if key in params}
        for key in RETURN_KEYS + ("scopes", "code_challenge"):
            if key in params:
                del params[key]


def returning() -> bool:
    """Whether a return from a consent page waits for the Administration page."""
    return RETURN in st.session_state


def redirect_uri() -> str:
    """The dashboard's own Administration page, where the platforms send the person back
    (``$EM_DASHBOARD_URL`` when the dashboard is reached through a proxy under another address)."""
    configured = os.environ.get(DASHBOARD_URL_ENV, "").rstrip("/")
    if configured:
        return f"{configured}/admin"
    here = urlsplit(st.context.url or "http://127.0.0.1:8501/")
    return f"{here.scheme}://{here.netloc}/admin"


def _platform(platform: str, lang: str) -> str:
    return say(f"connect_{platform}", lang)


def _credentials(engine: Engine, lang: str) -> None:
    st.markdown(f"**{t('connect_app_heading', lang)}**")
    for platform in PLATFORMS:
        status = connect_actions.credentials_set(engine, platform)
        line = (
            t(
                "connect_app_set",
                lang,
                platform=_platform(platform, lang),
                day=fmt_date(status[0], lang),
                user=status[1],
            )
            if status
            else t("connect_app_not_set", lang, platform=_platform(platform, lang))
        )
        with st.expander(line), st.form(f"connect_app_{platform}", clear_on_submit=True):
            values = {
                item.key: st.text_input(
                    say(f"connect_field_{item.key}", lang),
                    type="password" if item.hidden else "default",
                    key=f"connect_app_{platform}_{item.key}",
                )
                for item in APP_FIELDS[platform]
            }
            if st.form_submit_button(t("admin_save", lang)):
                try:
                    connect_actions.save_credentials(engine, platform, values, lang)
                except UserError as error:
                    st.error(str(error))
                else:
                    st.session_state[DONE] = t("connect_app_saved", lang, platform=_platform(platform, lang))
                    st.rerun()


def _returned(engine: Engine, lang: str) -> None:
    """A return from a consent page: trade its code, then store the account (or let the admin choose
    which Pages when the person manages several)."""
    params = st.session_state.pop(RETURN, None)
    if params is not None:
        try:
            found = connect_actions.finish_connect(params, lang)
        except UserError as error:
            st.error(str(error))
            return
        if len(found) == 1:
            _store(engine, found, lang)
        else:
            st.session_state[CHOICES] = found
    found = st.session_state.get(CHOICES)
    if found:
        with st.form("connect_choose_pages"):
            chosen = st.multiselect(
                t("connect_choose_pages", lang),
                list(range(len(found))),
                default=list(range(len(found))),
                format_func=lambda number: found[number].name,
                key="connect_pages",
            )
            if st.form_submit_button(t("connect_store", lang), type="primary"):
                st.session_state.pop(CHOICES, None)
                _store(engine, [found[number] for number in chosen], lang)


def _store(engine: Engine, chosen: list, lang: str) -> None:
    try:
        names = connect_actions.store_accounts(engine, chosen)
    except UserError as error:
        st.error(str(error))
        return
    st.session_state[DONE] = t("connect_stored", lang, names=", ".join(names))
    st.rerun()


def connect_section(engine: Engine, lang: str) -> None:
    """App credentials once, then one button per account."""
    st.subheader(t("connect_heading", lang))
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE))
    _returned(engine, lang)
    _credentials(engine, lang)
    st.markdown(f"**{t('connect_accounts_heading', lang)}**")
    tiktok_note = "connect_tiktok_desktop" if tiktok.is_desktop(redirect_uri()) else "connect_tiktok_web"
    note = t("connect_redirect_note", lang, url=f"`{redirect_uri()}`")
    st.markdown(f"{note}  \n{t(tiktok_note, lang)}")
    columns = st.columns(len(FLOW_PLATFORMS))
    for column, platform in zip(columns, FLOW_PLATFORMS, strict=True):
        label = t(f"connect_button_{platform}", lang)
        try:
            url = _button_url(platform, lang)
        except UserError:
            column.button(
                label, disabled=True, key=f"connect_button_{platform}", help=t("connect_set_app_first", lang)
            )
            continue
        column.link_button(label, url, type="primary")
    with st.form("connect_youtube", clear_on_submit=True):
        channel = st.text_input(t("connect_youtube_channel", lang), key="connect_youtube_channel")
        if st.form_submit_button(t("connect_button_youtube", lang)) and channel.strip():
            try:
                name = connect_actions.add_youtube(engine, channel, lang)
            except UserError as error:
                st.error(str(error))
            else:
                st.session_state[DONE] = t("connect_stored", lang, names=name)
                st.rerun()


def _button_url(platform: str, lang: str) -> str:
    """The consent page's address for this session's button, one flow per platform and session
    until it is used (every rerun would otherwise start a new one)."""
    key = f"connect_url_{platform}"
    started = st.session_state.get(f"{key}_at")
    fresh = started is not None and now_utc() - started < FLOW_LIFETIME - timedelta(minutes=2)
    if key not in st.session_state or not fresh or st.session_state.get(f"{key}_for") != redirect_uri():
        st.session_state[key] = connect_actions.start_connect(platform, redirect_uri(), lang)
        st.session_state[f"{key}_for"] = redirect_uri()
        st.session_state[f"{key}_at"] = now_utc()
    return st.session_state[key]


def manage_section(engine: Engine, config, lang: str) -> None:
    """Each source: change its schedule, pause or resume it, test it now, remove it; add a folder."""
    st.subheader(t("manage_heading", lang))
    for number, source in enumerate(config.sources):
        with st.expander(
            f"{source.name} ({source.type})" + (f" · {t('manage_paused', lang)}" if source.paused else "")
        ):
            every, save = st.columns([3, 1], vertical_alignment="bottom")
            schedule = every.text_input(
                t("admin_schedule", lang),
                value=source.every or source.cron or "1h",
                key=f"manage_every_{number}",
            )
            if save.button(t("admin_save", lang), key=f"manage_save_{number}"):
                _attempt(
                    lambda s=source, e=schedule: connect_actions.change_schedule(engine, s.name, e), lang
                )
            test, toggle, drop = st.columns(3)
            if test.button(t("manage_test", lang), key=f"manage_test_{number}"):
                with st.spinner(t("admin_running", lang, name=source.name)):
                    try:
                        st.success(actions.collect_now(engine, source.name, lang))
                    except UserError as error:
                        st.error(str(error))
            toggle_label = t("manage_resume" if source.paused else "manage_pause", lang)
            if toggle.button(toggle_label, key=f"manage_pause_{number}"):
                _attempt(lambda s=source: connect_actions.pause(engine, s.name, not s.paused), lang)
            sure = drop.checkbox(t("manage_remove_sure", lang), key=f"manage_sure_{number}")
            if drop.button(t("admin_remove", lang), key=f"manage_remove_{number}", disabled=not sure):
                _attempt(lambda s=source: connect_actions.remove(engine, s.name), lang)
    with st.form("manage_add_folder", clear_on_submit=True):
        st.markdown(f"**{t('manage_add_folder', lang)}**")
        name = st.text_input(t("source", lang), key="manage_folder_name")
        path = st.text_input(t("manage_folder_path", lang), key="manage_folder_path")
        every = st.text_input(t("admin_schedule", lang), value="10m", key="manage_folder_every")
        if st.form_submit_button(t("admin_add", lang)) and name.strip():
            _attempt(lambda: connect_actions.add_folder(engine, name, path, every), lang)


def _attempt(change, lang: str) -> None:
    try:
        change()
    except UserError as error:
        st.error(str(error))
    else:
        st.session_state[DONE] = t("manage_saved", lang)
        st.rerun()
