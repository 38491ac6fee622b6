"""The Meta Graph API client: an httpx client that survives Meta's quirks.

The client retries transient faults (timeouts, connection errors, 5xx) with capped exponential
backoff and jitter, slows down as the usage headers near the limit, drops metrics Meta has retired
(remembering them), and never lets the Page token out: it travels in the ``Authorization`` header,
``paging.next`` URLs are stripped of ``access_token`` before use, and every message is redacted.
"""

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from collector.platforms.facebook.api import current_metrics, insight_series
from collector.plumbing.http import DEFAULT_SETTINGS, GraphSettings, api_client, send, transient_retrying
from collector.plumbing.paging import Paginator
from collector.plumbing.redaction import redact, register_secret

log = logging.getLogger("engagement_monitor.graph_api")

PAGE_FIELDS = "id,name,followers_count,fan_count,link"
POST_FIELDS = (
    "id,created_time,message,permalink_url,status_type,"
    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares"
)
LIVE_FIELDS = "id,title,status,creation_time,broadcast_start_time,permalink_url,live_views,video{id,length}"

# ---------------------------------------------------------------------------------------------
# Errors and usage headers.


class GraphError(Exception):
    """An error answer from the Graph API; the message is already redacted."""

    def __init__(self, message: str, code: int | None = None, subcode: int | None = None, status: int = 0):
        super().__init__(redact(message))
        self.code = code
        self.subcode = subcode
        self.status = status


class TransientError(GraphError):
    """Worth retrying: a timeout, a lost connection, a 5xx, or an error Meta marks transient.

    ``cause`` (``timeout``, ``connection``, ``unreadable``) says it in our words, which the user is told
    in their language; without one the message is Meta's (or ``HTTP 5xx: …``).
    """

    def __init__(
        self,
        message: str,
        code: int | None = None,
        subcode: int | None = None,
        status: int = 0,
        cause: str | None = None,
    ):
        super().__init__(message, code, subcode, status)
        self.cause = cause


class TokenProblem(GraphError):
    """Code 190: the token expired, was revoked, or is not valid."""


class PermissionProblem(GraphError):
    """Codes 10 and 200–299: the token lacks a permission."""


class RetiredMetric(GraphError):
    """Code 100 about an insights metric: one of the metrics asked for no longer exists."""


class RateLimited(GraphError):
    """Codes 4, 17, 32, 613, 80000–80014; ``wait_s`` is Meta's estimate of when access returns."""

    def __init__(self, message: str, code: int | None, wait_s: float | None, status: int = 0):
        super().__init__(message, code, status=status)
        self.wait_s = wait_s


RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, *range(80000, 80015)})


def _json_header(value: str | None) -> Any:
    try:
        return json.loads(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Usage:
    """Percent of Meta's limits used, from ``X-App-Usage`` and ``X-Business-Use-Case-Usage``."""

    app: float = 0
    business: float = 0
    regain_minutes: float | None = None

    @property
    def highest(self) -> float:
        return max(self.app, self.business)


def parse_usage(headers: httpx.Headers | dict[str, str]) -> Usage:
    """The usage a response reports (0 when the headers are absent or malformed)."""
    app_usage = _json_header(headers.get("x-app-usage"))
    numbers = [float(v) for v in app_usage.values() if isinstance(v, int | float)] if app_usage else []
    app = max(numbers, default=0.0)
    business, regain = 0.0, None
    buc = _json_header(headers.get("x-business-use-case-usage"))
    if isinstance(buc, dict):
        for entries in buc.values():
            for entry in entries if isinstance(entries, list) else []:
                for key in ("call_count", "total_cputime", "total_time"):
                    if isinstance(entry.get(key), int | float):
                        business = max(business, float(entry[key]))
                minutes = entry.get("estimated_time_to_regain_access")
                if isinstance(minutes, int | float) and minutes > 0:
                    regain = max(regain or 0, float(minutes))
    return Usage(app=app, business=business, regain_minutes=regain)


def graph_error(response: httpx.Response, usage: Usage) -> GraphError:
    """The typed error for an error response."""
    body = _json_header(response.text) if response.content else None
    error = body.get("error", {}) if isinstance(body, dict) else {}
    code, subcode = error.get("code"), error.get("error_subcode")
    message = str(error.get("message") or f"HTTP {response.status_code}")
    status = response.status_code
    if code == 190:
        return TokenProblem(message, code, subcode, status)
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        return PermissionProblem(message, code, subcode, status)
    if code in RATE_LIMIT_CODES:
        wait = usage.regain_minutes * 60 if usage.regain_minutes is not None else None
        return RateLimited(message, code, wait, status)
    if code == 100 and "metric" in message.lower():
        return RetiredMetric(message, code, subcode, status)
    if status >= 500:
        return TransientError(f"HTTP {status}: {message}", code, subcode, status)
    if code in (1, 2) or error.get("is_transient"):
        return TransientError(message, code, subcode, status)
    return GraphError(message, code, subcode, status)


def make_http_client(
    base_url: str,
    token: str,
    *,
    settings: GraphSettings = DEFAULT_SETTINGS,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The client for the Graph API: the token as a bearer header, known to the redactor first."""
    register_secret(token)
    return api_client(settings, transport, base_url=base_url, headers={"Authorization": f"Bearer {token}"})


@dataclass
class InsightsAnswer:
    """Values by metric name, and the metrics Meta rejected during this request."""

    values: dict[str, Any]
    retired: list[str] = field(default_factory=list)


class GraphClient:
    """Graph API requests for one Page, with retries, slow-down, rate-limit waits and metric dropping."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        settings: GraphSettings = DEFAULT_SETTINGS,
        dropped_metrics: Iterable[str] = (),
        sleep: Callable[[float], Any] = time.sleep,
    ) -> None:
        self.http = http
        self.settings = settings
        self.dropped = set(dropped_metrics)
        self.sleep = sleep
        self.usage = Usage()
        self.requests = 0

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict:
        """One GET (relative path or absolute next URL), with every fault policy applied."""
        waits = 0
        while True:
            try:
                return self._get_retrying(path, params)
            except RateLimited as error:
                wait = error.wait_s if error.wait_s is not None else self.settings.rate_wait_default_s
                if waits >= self.settings.rate_waits or wait > self.settings.rate_wait_max_s:
                    raise
                waits += 1
                log.warning("Meta rate limit (code %s): waiting %.0f s", error.code, wait)
                self.sleep(wait)

    def _get_retrying(self, path: str, params: dict[str, Any] | None) -> dict:
        retrying = transient_retrying(self.settings, self.sleep, TransientError, "Graph API")
        return retrying(self._get_once, path, params)

    def _get_once(self, path: str, params: dict[str, Any] | None) -> dict:
        self._slow_down()
        self._check_host(path)
        self.requests += 1
        response = send(self.http, "GET", path, TransientError, params=params)
        self.usage = parse_usage(response.headers)
        if response.is_success:
            try:
                return response.json()
            except ValueError:
                raise TransientError(
                    f"unreadable answer (HTTP {response.status_code})",
                    status=response.status_code,
                    cause="unreadable",
                ) from None
        raise graph_error(response, self.usage)

    def _check_host(self, path: str) -> None:
        """Never send the token to a host other than the configured one (a forged ``next`` URL)."""
        host = urlsplit(path).netloc
        if path.startswith(("http://", "https://")) and host != self.http.base_url.netloc.decode():
            raise GraphError(f"refusing to follow a link to another host ({host})")

    def _slow_down(self) -> None:
        used = self.usage.highest
        start = self.settings.slow_from_percent
        if used >= start:
            pause = self.settings.slow_pause_s * min(1.0, (used - start) / max(1.0, 100 - start) + 0.1)
            log.info("Meta usage at %.0f%%: pausing %.2f s", used, pause)
            self.sleep(pause)

    def pages(self, path: str, params: dict[str, Any]) -> Iterator[list[dict]]:
        """The ``data`` of each page of a listing, in order, following ``paging.next``."""
        paginator = Paginator(path, params)
        while paginator.has_next and paginator.next_url:
            payload = self.get(paginator.next_url, paginator.params)
            paginator.advance(payload)
            yield payload.get("data") or []

    def insights(self, path: str, level: str, params: dict[str, Any] | None = None) -> InsightsAnswer:
        """Insights of ``level`` for one object; a metric Meta rejects is found, dropped and reported."""
        metrics = current_metrics(level, self.dropped)
        retired: list[str] = []
        while metrics:
            try:
                payload = self.get(path, {**(params or {}), "metric": ",".join(metrics)})
                return InsightsAnswer(values=insight_series(payload), retired=retired)
            except RetiredMetric:
                rejected = self._find_rejected(path, metrics, params)
                if not rejected:
                    raise
                retired += rejected
                self.dropped.update(rejected)
                metrics = [m for m in metrics if m not in rejected]
        return InsightsAnswer(values={}, retired=retired)

    def _find_rejected(self, path: str, metrics: list[str], params: dict[str, Any] | None) -> list[str]:
        """Ask for each metric alone to learn which ones Meta no longer accepts (it does not say)."""
        rejected = []
        for metric in metrics:
            try:
                self.get(path, {**(params or {}), "metric": metric})
            except RetiredMetric:
                rejected.append(metric)
        return rejected

    def page(self, page_id: str) -> dict:
        return self.get(page_id, {"fields": PAGE_FIELDS})

    def posts(self, page_id: str, since: datetime) -> Iterator[list[dict]]:
        params = {"fields": POST_FIELDS, "since": int(since.timestamp()), "limit": self.settings.page_size}
        return self.pages(f"{page_id}/published_posts", params)

    def live_videos(self, page_id: str) -> Iterator[list[dict]]:
        return self.pages(f"{page_id}/live_videos", {"fields": LIVE_FIELDS, "limit": 25})

    def post_insights(self, post_id: str) -> InsightsAnswer:
        return self.insights(f"{post_id}/insights", "post")

    def video_insights(self, video_id: str) -> InsightsAnswer:
        return self.insights(f"{video_id}/video_insights", "video", {"period": "lifetime"})

    def page_insights(self, page_id: str, since: date, until: date) -> InsightsAnswer:
        params = {"period": "day", "since": since.isoformat(), "until": until.isoformat()}
        return self.insights(f"{page_id}/insights", "page", params)
