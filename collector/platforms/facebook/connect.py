"""Connecting Facebook Pages (Facebook Login, the manual flow): the consent dialog, the code traded
for a user token, the user token for a long-lived one, the Pages the person manages with their
page tokens (which do not expire while the person's grant lasts) and the permissions granted.

Meta's documentation: "Manually Build a Login Flow" (``/dialog/oauth``, ``/oauth/access_token``)
and "Long-Lived Access Tokens" (``grant_type=fb_exchange_token``); ``/me/permissions`` and
``/me/accounts?fields=id,name,access_token,tasks``.
"""

from urllib.parse import urlencode

import httpx

from collector.connect import ConnectedAccount, ConnectRefused, answer, endpoint, secret_name, source_name
from collector.messages import say
from collector.platforms.facebook.source import DEFAULT_API_VERSION, DEFAULT_GRAPH_URL

# pages_show_list lists the Pages; the other two are what the collector reads (collector/doctor.py).
SCOPES = ("pages_show_list", "pages_read_engagement", "read_insights")
DIALOG_URL = "https://www.facebook.com"


def dialog_url() -> str:
    return endpoint("facebook", "dialog_url", DIALOG_URL)


def graph_url() -> str:
    return endpoint("facebook", "graph_url", DEFAULT_GRAPH_URL)


def authorize_url(app: dict[str, str], redirect_uri: str, state: str) -> str:
    """Meta's consent dialog for our app, asking for the Page permissions we read."""
    query = {
        "client_id": app["app_id"],
        "redirect_uri": redirect_uri,
        "state": state,
        "scope": ",".join(SCOPES),
        "response_type": "code",
    }
    return f"{dialog_url()}/{DEFAULT_API_VERSION}/dialog/oauth?{urlencode(query)}"


def _get(http: httpx.Client, path: str, params: dict[str, str], lang: str, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    url = f"{graph_url()}/{DEFAULT_API_VERSION}/{path}"
    status, body = answer(lambda: http.get(url, params=params, headers=headers), "facebook", lang)
    if status != 200 or "error" in body:
        message = str((body.get("error") or {}).get("message") or status)
        raise ConnectRefused(say("connect_refused_by", lang, platform="Facebook", reason=message[:200]))
    return body


def exchange(
    http: httpx.Client, app: dict[str, str], code: str, redirect_uri: str, lang: str
) -> list[ConnectedAccount]:
    """The Pages the person manages, each with its page token and the permissions missing."""
    credentials = {"client_id": app["app_id"], "client_secret": app["app_secret"]}
    short = _get(
        http, "oauth/access_token", {**credentials, "redirect_uri": redirect_uri, "code": code}, lang
    )
    long_lived = _get(
        http,
        "oauth/access_token",
        {**credentials, "grant_type": "fb_exchange_token", "fb_exchange_token": short["access_token"]},
        lang,
    )
    user_token = long_lived["access_token"]
    granted = {
        item.get("permission")
        for item in _get(http, "me/permissions", {}, lang, user_token).get("data", [])
        if item.get("status") == "granted"
    }
    missing = tuple(scope for scope in SCOPES if scope not in granted)
    pages = _get(
        http, "me/accounts", {"fields": "id,name,access_token,tasks", "limit": "100"}, lang, user_token
    )
    accounts = []
    for page in pages.get("data", []):
        if not page.get("access_token") or not str(page.get("id", "")).isdigit():
            continue
        page_id, name = str(page["id"]), str(page.get("name") or page["id"])
        token_env = secret_name("FB_PAGE", page_id, "TOKEN")
        source = {"name": source_name("facebook", name, page_id), "type": "facebook_page", "page_id": page_id}
        source |= {"token_env": token_env, "every": "1h"}
        if graph_url() != DEFAULT_GRAPH_URL:
            source["base_url"] = graph_url()
        accounts.append(
            ConnectedAccount("facebook", page_id, name, source, {token_env: page["access_token"]}, missing)
        )
    if not accounts:
        raise ConnectRefused(say("connect_no_pages", lang))
    return accounts
