"""The TikTok Display API client: retries, errors, the access token refused."""

import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx

from collector.platforms.tiktok import api as tiktok
from collector.plumbing.http import (
    DEFAULT_SETTINGS,
    ApiError,
    GraphSettings,
    Transient,
    api_client,
    send,
    transient_retrying,
)
from collector.plumbing.tokens import (
    RotatingTokens,
)
from models.write import now_utc

if TYPE_CHECKING:
    from collector.platforms.tiktok.source import TikTokSource  # the settings model; the source imports us

log = logging.getLogger("engagement_monitor.tiktok")


class TikTokError(ApiError):
    """A refusal or failure of the TikTok API (``code`` is TikTok's error code); message redacted."""


class TikTokTransient(Transient, TikTokError):
    """Worth retrying: a timeout, a lost connection, a 5xx or TikTok's rate limit (429)."""


class AccessTokenRefused(TikTokError):
    """``access_token_invalid``: the token expired or was revoked."""


def make_tiktok_http(
    settings: GraphSettings = DEFAULT_SETTINGS, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The one place an httpx client for TikTok is built (tests pass ``transport=``)."""
    return api_client(settings, transport)


def _request(
    http: httpx.Client,
    settings: GraphSettings,
    method: str,
    url: str,
    sleep: Callable[[float], Any],
    **options: Any,
) -> dict:
    retrying = transient_retrying(settings, sleep, TikTokTransient, "TikTok")
    return retrying(_request_once, http, method, url, options)


def _request_once(http: httpx.Client, method: str, url: str, options: dict[str, Any]) -> dict:
    response = send(http, method, url, TikTokTransient, **options)
    try:
        payload = response.json()
    except ValueError:
        payload = None
    problem = tiktok.answer_error(payload) if isinstance(payload, dict) else None
    if response.status_code == 429 or response.status_code >= 500:
        raise TikTokTransient(f"HTTP {response.status_code}", status=response.status_code)
    if problem is not None:
        code, message = problem
        if code in tiktok.TOKEN_ERRORS:
            raise AccessTokenRefused(message or code, code, response.status_code)
        if code == "rate_limit_exceeded":
            raise TikTokTransient(message or code, status=response.status_code)
        raise TikTokError(message or code, code, response.status_code)
    if not isinstance(payload, dict):
        raise TikTokTransient(
            f"unreadable answer (HTTP {response.status_code})", response.status_code, "unreadable"
        )
    if response.status_code == 401:
        raise AccessTokenRefused(f"HTTP {response.status_code}", "access_token_invalid", 401)
    return payload


class TikTokClient:
    """Display API requests for one account: the bearer token, retries, one renewal on a refused token."""

    def __init__(
        self,
        http: httpx.Client,
        source: "TikTokSource",
        tokens: RotatingTokens,
        *,
        settings: GraphSettings = DEFAULT_SETTINGS,
        sleep: Callable[[float], Any] = time.sleep,
        now: Callable[[], datetime] = now_utc,
    ) -> None:
        self.http, self.source, self.tokens = http, source, tokens
        self.settings, self.sleep, self.now = settings, sleep, now

    def close(self) -> None:
        self.http.close()

    def _exchange(self, refresh_token: str) -> Any:
        client_secret = self.tokens.credential(self.source.client_secret_env, "tiktok_secret_missing")
        form = {
            "client_key": self.source.client_key,
            "client_secret": client_secret,
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
        }
        url = f"{self.source.base_url}/v2/oauth/token/"
        try:
            payload = _request(self.http, self.settings, "POST", url, self.sleep, data=form)
        except TikTokError as error:
            if isinstance(error, TikTokTransient):
                raise
            return tiktok.parse_grant({"error": error.code or str(error)})
        return tiktok.parse_grant(payload)

    def renew(self) -> None:
        self.tokens.renew(self._exchange, self.now(), "tiktok_refresh_missing")

    def ensure_token(self) -> None:
        if self.tokens.due(self.now()):
            self.renew()

    def call(self, method: str, path: str, **options: Any) -> dict:
        """The ``data`` of one API call; a refused access token is renewed once and the call repeated."""
        try:
            return self._call(method, path, **options)
        except AccessTokenRefused:
            if self.tokens.renewed:
                raise
            self.renew()
            return self._call(method, path, **options)

    def _call(self, method: str, path: str, **options: Any) -> dict:
        headers = {"Authorization": f"Bearer {self.tokens.access_token or ''}"}
        url = f"{self.source.base_url}{path}"
        payload = _request(self.http, self.settings, method, url, self.sleep, headers=headers, **options)
        return tiktok.answer_data(payload)

    def user(self) -> dict:
        try:
            return self.call("GET", "/v2/user/info/", params={"fields": tiktok.USER_FIELDS})
        except TikTokError as error:
            if error.code != "scope_not_authorized":
                raise
            # follower_count needs user.info.stats: without it, the account without its followers.
            return self.call("GET", "/v2/user/info/", params={"fields": "open_id,display_name"})

    def videos(self) -> Iterator[list[dict]]:
        """Each page of the account's public videos, newest first (``cursor``, ``has_more``)."""
        cursor: int | None = None
        while True:
            body: dict[str, Any] = {"max_count": tiktok.PAGE_SIZE}
            if cursor is not None:
                body["cursor"] = cursor
            data = self.call("POST", "/v2/video/list/", params={"fields": tiktok.VIDEO_FIELDS}, json=body)
            videos, cursor, more = tiktok.list_page(data)
            yield videos
            if not more:
                return
