"""Connecting a TikTok account: Login Kit, OAuth v2. The person consents on
``www.tiktok.com/v2/auth/authorize/``; the code is traded at ``open.tiktokapis.com/v2/oauth/token/``
(client key and secret, ``code``, ``grant_type``, ``redirect_uri``) for an access token (24 hours), a
refresh token (365 days) and the scopes granted; the display name comes from ``/v2/user/info/``.

TikTok tells two kinds of app apart by their redirect address (docs/tiktok.md): a *desktop* app
returns to ``localhost`` or ``127.0.0.1`` and must use PKCE, its challenge the **hex** SHA-256 of the
verifier, the verifier sent again with the code; a *web* app returns to an ``https`` address and
uses no PKCE (``code_verifier`` is "required for mobile and desktop app only"). The dashboard is the
one or the other depending on where it is reached, so the flow follows its redirect address.
"""

from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit

import httpx

from collector.connect import (
    ConnectedAccount,
    ConnectRefused,
    answer,
    endpoint,
    hex_challenge,
    secret_name,
    source_name,
)
from collector.messages import say
from collector.platforms.tiktok.source import DEFAULT_TIKTOK_URL

AUTHORIZE_URL = "https://www.tiktok.com"
SCOPES = ("user.info.basic", "user.info.stats", "video.list")
REQUIRED = ("user.info.basic", "video.list")  # follower counts (user.info.stats) are welcome, not needed
DESKTOP_HOSTS = ("localhost", "127.0.0.1")


def authorize_base() -> str:
    return endpoint("tiktok", "authorize_url", AUTHORIZE_URL)


def api_url() -> str:
    return endpoint("tiktok", "api_url", DEFAULT_TIKTOK_URL)


def is_desktop(redirect_uri: str) -> bool:
    """Whether TikTok sees this redirect as a desktop app's: only ``localhost`` or the loopback
    ``127.0.0.1`` are allowed there (Login Kit for Desktop), and those must use PKCE."""
    return (urlsplit(redirect_uri).hostname or "") in DESKTOP_HOSTS


def authorize_url(app: dict[str, str], redirect_uri: str, state: str, verifier: str) -> str:
    query = {
        "client_key": app["client_key"],
        "scope": ",".join(SCOPES),
        "response_type": "code",
        "redirect_uri": redirect_uri,
        "state": state,
    }
    if is_desktop(redirect_uri):
        query |= {"code_challenge": hex_challenge(verifier), "code_challenge_method": "S256"}
    return f"{authorize_base()}/v2/auth/authorize/?{urlencode(query)}"


def exchange(
    http: httpx.Client,
    app: dict[str, str],
    code: str,
    verifier: str,
    redirect_uri: str,
    now: datetime,
    lang: str,
) -> ConnectedAccount:
    form = {
        "client_key": app["client_key"],
        "client_secret": app["client_secret"],
        "code": code,
        "grant_type": "authorization_code",
        "redirect_uri": redirect_uri,
    }
    if is_desktop(redirect_uri):
        form["code_verifier"] = verifier
    url = f"{api_url()}/v2/oauth/token/"
    _, body = answer(lambda: http.post(url, data=form), "tiktok", lang)
    if not body.get("access_token") or not body.get("refresh_token"):
        reason = str(body.get("error_description") or body.get("error") or "?")
        raise ConnectRefused(say("connect_refused_by", lang, platform="TikTok", reason=reason[:200]))
    access, refresh, open_id = (
        str(body["access_token"]),
        str(body["refresh_token"]),
        str(body.get("open_id", "")),
    )
    granted = {scope.strip() for scope in str(body.get("scope", "")).split(",")}
    info_url = f"{api_url()}/v2/user/info/"
    _, info = answer(
        lambda: http.get(
            info_url, params={"fields": "open_id,display_name"}, headers={"Authorization": f"Bearer {access}"}
        ),
        "tiktok",
        lang,
    )
    user = (info.get("data") or {}).get("user") or {}
    open_id = str(user.get("open_id") or open_id)
    name = str(user.get("display_name") or open_id)
    access_env = secret_name("TIKTOK", open_id, "ACCESS_TOKEN")
    refresh_env = secret_name("TIKTOK", open_id, "REFRESH_TOKEN")
    source = {
        "name": source_name("tiktok", name, open_id),
        "type": "tiktok_account",
        "client_key": app["client_key"],
    }
    source |= {"access_token_env": access_env, "refresh_token_env": refresh_env, "every": "1h"}
    if api_url() != DEFAULT_TIKTOK_URL:
        source["base_url"] = api_url()
    return ConnectedAccount(
        "tiktok",
        open_id,
        name,
        source,
        {access_env: access, refresh_env: refresh},
        missing=tuple(scope for scope in REQUIRED if scope not in granted),
        access_expires_at=now + timedelta(seconds=int(body.get("expires_in") or 86400)),
        refresh_expires_at=now + timedelta(seconds=int(body.get("refresh_expires_in") or 31536000)),
    )
