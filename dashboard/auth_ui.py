"""Sign-in for the dashboard, and the role checks behind every page and action.

The mode comes from ``ENGAGEMENT_MONITOR_AUTH``, which ``engagement-monitor dashboard`` sets from the
address it listens on: ``off`` on 127.0.0.1 for a single user (the local admin), ``required`` (name and
password of a user made with ``engagement-monitor user add``) on any other address, or ``oidc``
(Streamlit's ``st.login`` with the office's identity provider, set up in .streamlit/secrets.toml).
Without the variable, Streamlit's own ``server.address`` decides, so a bare ``streamlit run`` that
listens everywhere asks for a sign-in. Roles are checked here, on the server, inside each action;
hiding a button is only a courtesy.
"""

import os
from collections.abc import Mapping

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import data, show
from dashboard.exports.tables import Format
from dashboard.i18n import AUTH_TEXTS
from dashboard.server import AUTH_ENV, AUTH_MODES, LOOPBACK, auth_mode_for
from models.auth import (
    LOCKOUT,
    PermissionDenied,
    SignInFailed,
    User,
    audit_csv,
    audit_events,
    authenticate,
    can,
    end_session,
    has_users,
    require,
    role_of,
    session_user,
    start_session,
)
from models.errors import UserError
from models.i18n import translate

TOKEN_KEY = "auth_session"
LOCAL_USER = User("local", "admin")
AUDIT_SHOWN = 200


def _t(key: str, lang: str, **values) -> str:
    return translate(AUTH_TEXTS, key, lang, **values)


def auth_mode(environ: Mapping[str, str] = os.environ) -> str:
    """The mode of this server: ``$ENGAGEMENT_MONITOR_AUTH``, else from Streamlit's ``server.address``."""
    mode = environ.get(AUTH_ENV, "").strip().lower()
    address = st.get_option("server.address")
    if mode == "off" and address and address not in LOOPBACK:
        return "required"  # never off for other computers, whatever the environment says
    if mode in AUTH_MODES:
        return mode
    return auth_mode_for(address or "0.0.0.0")


def current_user() -> User | None:
    """Who uses this browser session (their role as it is now in the database), or None."""
    mode = auth_mode()
    if mode == "off":
        return LOCAL_USER
    if mode == "oidc":
        if not st.user.is_logged_in:
            return None
        name = str(st.user.get("email") or st.user.get("sub") or "")
        with data.engine().connect() as connection:
            role = role_of(connection, name)
        return User(name, role or "viewer")
    token = st.session_state.get(TOKEN_KEY)
    if not token:
        return None
    with data.engine().connect() as connection:
        user = session_user(connection, token)
    if user is None:  # expired, signed out elsewhere, password changed or user removed
        del st.session_state[TOKEN_KEY]
    return user


def authorize(needed: str) -> User:
    """The current user if their role includes ``needed``; PermissionDenied otherwise."""
    user = current_user()
    if user is None:
        raise PermissionDenied("Sign in first.")
    require(user.role, needed)
    return user


def allowed(needed: str) -> bool:
    """Whether to offer an action at all (the action checks again with :func:`authorize`)."""
    user = current_user()
    return can(user.role if user else None, needed)


def read_only_note(lang: str) -> str:
    """What a viewer is told where editors would change data."""
    return _t("read_only", lang)


def gate(lang: str) -> User:
    """The signed-in user; otherwise draw the sign-in and stop this run of the script."""
    user = current_user()
    if user is not None:
        if auth_mode() != "off":
            _account(user, lang)
        return user
    st.title(_t("sign_in_title", lang))
    if auth_mode() == "oidc":
        if st.button(_t("sign_in_oidc", lang), type="primary"):
            try:
                st.login()
            except StreamlitAPIException as error:  # Authlib missing or [auth] not set up: say which
                st.error(str(error))
    else:
        _password_form(lang)
    st.stop()


def _password_form(lang: str) -> None:
    engine = data.engine()
    with engine.connect() as connection:
        if not has_users(connection):
            st.warning(_t("no_users", lang))
    with st.form("sign_in", clear_on_submit=True):
        name = st.text_input(_t("user_name", lang), key="sign_in_name")
        password = st.text_input(_t("password", lang), type="password")
        submitted = st.form_submit_button(_t("sign_in", lang), type="primary")
    if not submitted:
        return
    try:
        user = authenticate(engine, name, password)
        with engine.begin() as connection:
            token = start_session(connection, user)
    except SignInFailed:
        st.error(_t("sign_in_refused", lang, minutes=int(LOCKOUT.total_seconds() // 60)))
        return
    except UserError as error:  # the database busy, say: one line
        st.error(show.plain(str(error)))
        return
    st.session_state[TOKEN_KEY] = token
    st.rerun()


def _account(user: User, lang: str) -> None:
    role = _t(f"role_{user.role}", lang)
    st.sidebar.caption(_t("signed_in_as", lang, name=user.name, role=role))
    if st.sidebar.button(_t("sign_out", lang), key="sign_out"):
        if auth_mode() == "oidc":
            st.logout()
        token = st.session_state.pop(TOKEN_KEY, None)
        if token:
            with data.engine().begin() as connection:
                end_session(connection, token)
        st.rerun()


def audit_section(lang: str) -> None:
    """For admins: the latest audit events and the whole trail as CSV; nothing for other roles."""
    if not allowed("admin"):
        return
    authorize("admin")
    with data.engine().connect() as connection:
        events = audit_events(connection, limit=None)
    st.subheader(_t("audit_heading", lang))
    if not events:
        st.info(_t("audit_empty", lang))
        return
    frame = pd.DataFrame(
        [
            {
                "at": e.at,
                "user": e.user,
                "action": e.action,
                "target": e.target or "",
                "detail": e.detail or "",
            }
            for e in events[:AUDIT_SHOWN]
        ]
    )
    frame["detail"] = frame["detail"].map(lambda detail: str(detail) if detail else "")
    show.table(
        frame,
        {
            "at": (_t("audit_at", lang), Format.DATETIME),
            "user": (_t("audit_user", lang), Format.TEXT),
            "action": (_t("audit_action", lang), Format.TEXT),
            "target": (_t("audit_target", lang), Format.TEXT),
            "detail": (_t("audit_detail", lang), Format.TEXT),
        },
        lang,
        key="audit_table",
    )
    st.download_button(
        _t("audit_export", lang, count=len(events)),
        audit_csv(events),
        file_name="audit.csv",
        mime="text/csv",
        key="audit_export",
    )
