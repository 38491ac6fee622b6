"""Connecting a Zalo Official Account: OAuth v4 for an OA with PKCE. The OA admin consents on
``oauth.zaloapp.com/v4/oa/permission``; the code (with the ``code_verifier`` and the app's secret
key in the ``secret_key`` header) is traded at ``/v4/oa/access_token`` for an access token (25
hours) and a refresh token (3 months, single use), which the collector renews as before
(collector/tokens.py). The OA's id and name come from ``/v2.0/oa/getoa``.
"""

from datetime import datetime, timedelta
from urllib.parse import urlencode

import httpx

from collector.connect import (
    ConnectedAccount,
    ConnectRefused,
    answer,
    endpoint,
    s256_challenge,
    secret_name,
    source_name,
)
from collector.messages import say
from collector.platforms.zalo.source import DEFAULT_ZALO_OAUTH_URL, DEFAULT_ZALO_URL

# The refresh token lasts 3 months but is replaced at every renewal (each day or so), so its expiry
# is not remembered: while the collector runs it never comes; a stopped collector is its own alert.


def oauth_url() -> str:
    return endpoint("zalo", "oauth_url", DEFAULT_ZALO_OAUTH_URL)


def api_url() -> str:
    return endpoint("zalo", "api_url", DEFAULT_ZALO_URL)


def authorize_url(app: dict[str, str], redirect_uri: str, state: str, verifier: str) -> str:
    query = {
        "app_id": app["app_id"],
        "redirect_uri": redirect_uri,
        "code_challenge": s256_challenge(verifier),
        "state": state,
    }
    return f"{oauth_url()}/v4/oa/permission?{urlencode(query)}"


def exchange(
    http: httpx.Client, app: dict[str, str], code: str, verifier: str, now: datetime, lang: str
) -> ConnectedAccount:
    form = {
        "code": code,
        "app_id": app["app_id"],
        "grant_type": "authorization_code",
        "code_verifier": verifier,
    }
    url = f"{oauth_url()}/v4/oa/access_token"
    _, body = answer(
        lambda: http.post(url, data=form, headers={"secret_key": app["secret_key"]}), "zalo", lang
    )
    if not body.get("access_token") or not body.get("refresh_token"):
        reason = str(body.get("error_description") or body.get("error_name") or body.get("error") or "?")
        raise ConnectRefused(say("connect_refused_by", lang, platform="Zalo", reason=reason[:200]))
    access, refresh = str(body["access_token"]), str(body["refresh_token"])
    lifetime = int(str(body.get("expires_in") or "90000"))
    getoa = f"{api_url()}/v2.0/oa/getoa"
    _, info = answer(lambda: http.get(getoa, headers={"access_token": access}), "zalo", lang)
    data = info.get("data") or {}
    if info.get("error") not in (0, None) or not data.get("oa_id"):
        raise ConnectRefused(
            say("connect_refused_by", lang, platform="Zalo", reason=str(info.get("message"))[:200])
        )
    oa_id, name = str(data["oa_id"]), str(data.get("name") or data["oa_id"])
    access_env = secret_name("ZALO_OA", oa_id, "ACCESS_TOKEN")
    refresh_env = secret_name("ZALO_OA", oa_id, "REFRESH_TOKEN")
    source = {"name": source_name("zalo", name, oa_id), "type": "zalo_oa", "app_id": app["app_id"]}
    source |= {"access_token_env": access_env, "refresh_token_env": refresh_env, "every": "1h"}
    if api_url() != DEFAULT_ZALO_URL:
        source["base_url"] = api_url()
    if oauth_url() != DEFAULT_ZALO_OAUTH_URL:
        source["oauth_url"] = oauth_url()
    return ConnectedAccount(
        "zalo",
        oa_id,
        name,
        source,
        {access_env: access, refresh_env: refresh},
        access_expires_at=now + timedelta(seconds=lifetime),
    )
