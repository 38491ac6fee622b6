"""The one-button connect flows of every platform, by name: the consent page's address for a flow
just started, and what its return brings (the accounts to store, or one line saying why not)."""

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import httpx

from collector.connect import ConnectedAccount, ConnectRefused, Pending, app_credentials, store_account
from collector.messages import say
from collector.platforms.facebook import connect as facebook
from collector.platforms.tiktok import connect as tiktok
from collector.platforms.youtube import connect as youtube
from collector.platforms.zalo import connect as zalo
from collector.plumbing.http import api_client

FLOW_PLATFORMS = ("facebook", "zalo", "tiktok")  # YouTube needs no consent: its key reads public figures
WHAT_TO_TICK = {"facebook": ", ".join(facebook.SCOPES), "zalo": "", "tiktok": ", ".join(tiktok.REQUIRED)}


def app_or_refuse(platform: str, lang: str) -> dict[str, str]:
    app = app_credentials(platform)
    if app is None:
        raise ConnectRefused(say("connect_app_missing", lang, platform=say(f"connect_{platform}", lang)))
    return app


def authorize_url(pending: Pending, lang: str) -> str:
    """Where the button sends the person: the platform's consent page for this flow."""
    app = app_or_refuse(pending.platform, lang)
    if pending.platform == "facebook":
        return facebook.authorize_url(app, pending.redirect_uri, pending.state)
    if pending.platform == "zalo":
        return zalo.authorize_url(app, pending.redirect_uri, pending.state, pending.verifier)
    return tiktok.authorize_url(app, pending.redirect_uri, pending.state, pending.verifier)


def finish(
    pending: Pending,
    params: Mapping[str, str],
    now: datetime,
    lang: str,
    transport: httpx.BaseTransport | None = None,
) -> list[ConnectedAccount]:
    """Trade the code of a return for the accounts it opens; a refusal at the consent page (the
    person pressed Cancel, or unticked a permission) is one line saying what to tick next time."""
    platform = pending.platform
    if params.get("error") or not params.get("code"):
        raise ConnectRefused(
            say(
                "connect_denied",
                lang,
                platform=say(f"connect_{platform}", lang),
                scopes=WHAT_TO_TICK[platform],
            )
        )
    app = app_or_refuse(platform, lang)
    code = params["code"]
    with api_client(transport=transport) as http:
        if platform == "facebook":
            accounts = facebook.exchange(http, app, code, pending.redirect_uri, lang)
        elif platform == "zalo":
            accounts = [zalo.exchange(http, app, code, pending.verifier, now, lang)]
        else:
            accounts = [tiktok.exchange(http, app, code, pending.verifier, pending.redirect_uri, now, lang)]
    missing = sorted({scope for account in accounts for scope in account.missing})
    if missing:
        raise ConnectRefused(
            say(
                "connect_permission_missing",
                lang,
                platform=say(f"connect_{platform}", lang),
                scopes=", ".join(missing),
            )
        )
    return accounts


def youtube_channel(
    channel_id: str, lang: str, transport: httpx.BaseTransport | None = None
) -> ConnectedAccount:
    app = app_or_refuse("youtube", lang)
    with api_client(transport=transport) as http:
        return youtube.channel(http, app, channel_id, lang)


def store(config: Path, account: ConnectedAccount) -> str:
    return store_account(config, account)
