"""What the Administration page changes to connect accounts and manage sources: each an admin-only
function that checks the role on the server, does the change through the collector's library, and
records it in the audit trail (never a token: only which platform, account or source)."""

from datetime import datetime

import streamlit as st
from sqlalchemy import Engine

from collector import accounts
from collector.alerts import STATE_REFRESH_EXPIRES
from collector.config import config_path
from collector.connect import ConnectedAccount, Flows, app_credentials, save_app_credentials
from collector.plumbing.collecting import write_state
from collector.plumbing.tokens import STATE_EXPIRES
from collector.sources_file import add_source, remove_source, set_paused, update_source
from dashboard import data
from dashboard.auth_ui import authorize
from models.auth import audit_events, record_audit
from models.write import now_utc

CREDENTIALS_ACTION = "app_credentials"


@st.cache_resource
def flows() -> Flows:
    """The connect flows in progress, shared by every session of this dashboard process."""
    return Flows()


def credentials_set(engine: Engine, platform: str) -> tuple[datetime, str] | None:
    """When and by whom the platform's app credentials were last entered (None: not set)."""
    if app_credentials(platform) is None:
        return None
    with engine.connect() as connection:
        events = audit_events(connection, action=CREDENTIALS_ACTION, limit=None)
    event = next((e for e in events if e.target == platform), None)
    return (event.at, event.user) if event else (now_utc(), "?")


def save_credentials(engine: Engine, platform: str, values: dict[str, str], lang: str) -> None:
    user = authorize("admin")
    save_app_credentials(platform, values, lang)
    with engine.begin() as connection:
        record_audit(connection, user.name, CREDENTIALS_ACTION, platform)


def start_connect(platform: str, redirect_uri: str, lang: str) -> str:
    """A new flow for ``platform``: the consent page's address for the button."""
    user = authorize("admin")
    pending = flows().start(platform, user.name, redirect_uri, now_utc())
    return accounts.authorize_url(pending, lang)


def finish_connect(params: dict[str, str], lang: str) -> list[ConnectedAccount]:
    """The accounts a return from a consent page opens (its state checked and spent)."""
    user = authorize("admin")
    now = now_utc()
    pending = flows().take(params.get("state", ""), user.name, now, lang)
    return accounts.finish(pending, params, now, lang)


def store_accounts(engine: Engine, chosen: list[ConnectedAccount]) -> list[str]:
    """Store the chosen accounts (tokens to the secrets file, sources to sources.toml)."""
    user = authorize("admin")
    names = []
    for account in chosen:
        name = accounts.store(config_path(), account)
        names.append(name)
        remember = {}
        if account.refresh_expires_at is not None:
            remember[STATE_REFRESH_EXPIRES] = account.refresh_expires_at.isoformat()
        if account.access_expires_at is not None:
            remember[STATE_EXPIRES] = account.access_expires_at.isoformat()
        with engine.begin() as connection:
            if remember:
                write_state(connection, name, remember)
            detail = {"platform": account.platform, "account": account.account_id}
            record_audit(connection, user.name, "account_connect", name, detail)
    data.clear()
    return names


def add_youtube(engine: Engine, channel_id: str, lang: str) -> str:
    authorize("admin")
    return store_accounts(engine, [accounts.youtube_channel(channel_id, lang)])[0]


def add_folder(engine: Engine, name: str, path: str, every: str) -> None:
    user = authorize("admin")
    add_source(
        config_path(), {"name": name.strip(), "type": "export_folder", "path": path.strip(), "every": every}
    )
    with engine.begin() as connection:
        record_audit(connection, user.name, "source_add", name.strip(), {"type": "export_folder"})


def change_schedule(engine: Engine, name: str, every: str) -> None:
    user = authorize("admin")
    update_source(config_path(), name, {"every": every.strip(), "cron": None})
    with engine.begin() as connection:
        record_audit(connection, user.name, "source_edit", name, {"every": every.strip()})


def pause(engine: Engine, name: str, paused: bool) -> None:
    user = authorize("admin")
    set_paused(config_path(), name, paused)
    with engine.begin() as connection:
        record_audit(connection, user.name, "source_pause" if paused else "source_resume", name)


def remove(engine: Engine, name: str) -> None:
    user = authorize("admin")
    remove_source(config_path(), name)
    with engine.begin() as connection:
        record_audit(connection, user.name, "source_remove", name)
