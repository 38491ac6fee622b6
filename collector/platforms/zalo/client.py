"""The Zalo OA Open API client: retries, errors, the access token refused."""

import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx

from collector.platforms.zalo import api as zalo
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
    from collector.platforms.zalo.source import ZaloOASource  # the settings model; the source imports us

log = logging.getLogger("engagement_monitor.zalo")


class ZaloError(ApiError):
    """A refusal or failure of the Zalo API; the message is already redacted."""


class ZaloTransient(Transient, ZaloError):
    """Worth retrying: a timeout, a lost connection, a 5xx; ``cause`` says it in our words."""


class AccessTokenRefused(ZaloError):
    """The access token expired or is not valid (``-216``, ``-124`` or HTTP 401)."""


def make_zalo_http(
    settings: GraphSettings = DEFAULT_SETTINGS, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The one place an httpx client for Zalo is built (two hosts, the Open API and OAuth: no base URL)."""
    return api_client(settings, transport)


def _request(
    http: httpx.Client,
    settings: GraphSettings,
    method: str,
    url: str,
    sleep: Callable[[float], Any] = time.sleep,
    **options: Any,
) -> Any:
    """One request with bounded retries of transient faults; the decoded JSON answer."""
    retrying = transient_retrying(settings, sleep, ZaloTransient, "Zalo")
    return retrying(_request_once, http, method, url, options)


def _request_once(http: httpx.Client, method: str, url: str, options: dict[str, Any]) -> Any:
    response = send(http, method, url, ZaloTransient, **options)
    if response.status_code >= 500 or response.status_code == 429:
        raise ZaloTransient(f"HTTP {response.status_code}", status=response.status_code)
    if response.status_code == 401:
        raise AccessTokenRefused(f"HTTP {response.status_code}", status=response.status_code)
    try:
        return response.json()
    except ValueError:
        if response.is_success:
            raise ZaloTransient(
                f"unreadable answer (HTTP {response.status_code})", response.status_code, "unreadable"
            ) from None
        raise ZaloError(f"HTTP {response.status_code}", status=response.status_code) from None


class ZaloClient:
    """Open API requests for one OA: the ``access_token`` header, retries, one renewal on a refused token."""

    def __init__(
        self,
        http: httpx.Client,
        source: "ZaloOASource",
        tokens: RotatingTokens,
        *,
        settings: GraphSettings = DEFAULT_SETTINGS,
        sleep: Callable[[float], Any] = time.sleep,
        now: Callable[[], datetime] = now_utc,
    ) -> None:
        self.http, self.source, self.tokens = http, source, tokens
        self.settings, self.sleep, self.now = settings, sleep, now
        self.requests = 0

    def close(self) -> None:
        self.http.close()

    def _exchange(self, refresh_token: str) -> zalo.TokenGrant | zalo.GrantRefused:
        """OAuth v4: the refresh token (and the app's secret key) for a new pair of tokens."""
        secret_key = self.tokens.credential(self.source.secret_key_env, "zalo_secret_key_missing")
        payload = _request(
            self.http,
            self.settings,
            "POST",
            f"{self.source.oauth_url}/v4/oa/access_token",
            self.sleep,
            headers={"secret_key": secret_key},
            data={
                "refresh_token": refresh_token,
                "app_id": self.source.app_id,
                "grant_type": "refresh_token",
            },
        )
        return zalo.parse_grant(payload)

    def renew(self) -> None:
        self.tokens.renew(self._exchange, self.now(), "zalo_refresh_missing")

    def ensure_token(self) -> None:
        """Renew the access token first when it is missing or about to expire."""
        if self.tokens.due(self.now()):
            self.renew()

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict:
        """The ``data`` of one Open API GET; a refused access token is renewed once and the call repeated."""
        try:
            return self._get(path, params)
        except AccessTokenRefused:
            if self.tokens.renewed:
                raise
            log.info("Zalo OA %s: access token refused, renewing it", self.source.name)
            self.renew()
            return self._get(path, params)

    def _get(self, path: str, params: dict[str, Any] | None) -> dict:
        self.requests += 1
        headers = {"access_token": self.tokens.access_token or ""}
        url = f"{self.source.base_url}{path}"
        payload = _request(self.http, self.settings, "GET", url, self.sleep, params=params, headers=headers)
        problem = zalo.answer_error(payload)
        if problem is not None:
            code, message = problem
            if code in zalo.TOKEN_ERRORS:
                raise AccessTokenRefused(message, code)
            raise ZaloError(message, code)
        return zalo.answer_data(payload)

    def oa(self) -> dict:
        return self.get("/v2.0/oa/getoa")

    def articles(self, article_type: str) -> Iterator[list[dict]]:
        """Each page of the OA's articles of one type (``normal`` or ``video``), newest first."""
        offset = 0
        while True:
            params = {"offset": offset, "limit": zalo.PAGE_LIMIT, "type": article_type}
            data = self.get("/v2.0/article/getslice", params)
            items = zalo.slice_items(data)
            yield items
            if not zalo.slice_has_more(data, offset, len(items)):
                return
            offset += len(items)

    def detail(self, article_id: str) -> dict:
        return self.get("/v2.0/article/getdetail", {"id": article_id})
